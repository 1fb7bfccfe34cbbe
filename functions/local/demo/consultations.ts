import { CITY, STREET } from './committees.js';
import { syntheticPhone } from './people.js';
import { Tally, type DemoContext } from './client.js';

/**
 * 电脑网络服务咨询平台 in 翠香街道: residents ask through the public form (no token, as a resident would), the
 * committees answer some, and a resident rates an answer through the private link; the rest wait in the queue.
 */

const ZIJING = '440402001001';
const CUIXIANG = '440402001002';

const asked = [
  { community: ZIJING, category: '办事指南', text: '请问办理居住证续签需要带哪些材料？在哪里办理？', name: '陈女士', phone: syntheticPhone(9101), answer: '请携带身份证、原居住证和租赁合同，工作日到紫荆社区服务中心二楼窗口办理。', rating: 'satisfied' },
  { community: ZIJING, category: '求助', text: '紫荆园三号楼楼道灯坏了好几天，晚上老人上下楼不安全，请帮忙报修。', name: '王伯', answer: '已联系物业，今日下午更换楼道灯。', rating: 'basically_satisfied' },
  { community: CUIXIANG, category: '政策咨询', text: '家里老人今年满八十岁，高龄津贴怎么申请？', phone: syntheticPhone(9102) },
  { community: CUIXIANG, category: '投诉建议', text: '翠香市场东侧晚上广场舞音量过大，希望社区协调控制时间和音量。' },
] as const;

export async function demoConsultations(ctx: DemoContext): Promise<Tally> {
  const { client } = ctx;
  const tally = new Tally();
  const street = await client.city(CITY, 'street_officer', STREET);
  const have = (await client.get<{ items: Array<{ id: string; text: string; status: string }> }>('consultations', `/v1/consultations?unit=${STREET}&size=100`, street)).items;
  for (const a of asked) {
    if (have.some((x) => x.text === a.text)) {
      tally.found();
      continue;
    }
    const { category, text } = a;
    const receipt = await client.post<{ token: string; trackingCode: string }>(`consultation ${text.slice(0, 10)}`, `/v1/public/cities/${CITY}/communities/${a.community}/consultations`, '', {
      category, text, ...('name' in a ? { name: a.name } : {}), ...('phone' in a ? { phone: a.phone } : {}),
    });
    tally.made();
    if (!('answer' in a)) continue;
    const committee = await client.city(CITY, 'committee_member', a.community);
    const [item] = (await client.get<{ items: Array<{ id: string }> }>('the new consultation', `/v1/consultations?q=${receipt.trackingCode}`, committee)).items;
    await client.post('assign', `/v1/consultations/${item!.id}/assign`, committee, { assignee: '社区值班委员' });
    await client.post('answer', `/v1/consultations/${item!.id}/answer`, committee, { answer: a.answer });
    await client.post('rating', `/v1/public/consultations/${receipt.token}/rating`, '', { rating: a.rating });
  }
  tally.note(`${asked.length} consultations in ${STREET}: residents ask at /p/${CITY}/${ZIJING}/ask`);
  return tally;
}
