import { addDays } from './dates.js';
import { CITY, OTHER_STREET, STREET } from './committees.js';
import { Tally, type DemoContext } from './client.js';

/**
 * 费随事转 in 珠海: three duties the city's departments hand down to 香洲区's streets and communities (two with their funds,
 * one without: 无经费), and two demands departments made of 翠香街道's communities outside the register, logged by the street.
 */
export async function demoDuties(ctx: DemoContext): Promise<Tally> {
  const { client, today } = ctx;
  const tally = new Tally();
  const admin = await client.city(CITY);
  const street = await client.city(CITY, 'street_officer', STREET);
  const duties = [
    { department: '珠海市卫生健康局', title: '协助开展家庭医生签约服务宣传与预约', basis: '《关于推进家庭医生签约服务的指导意见》（国医改办发〔2016〕1号）', appliesTo: [STREET, OTHER_STREET], startsOn: addDays(today, -200), fundingBasis: 'per_community', fundsYuan: '12000', fundingDocument: '珠财社〔2026〕18号' },
    { department: '珠海市民政局', title: '困难群众和特殊群体走访排查', basis: '《社会救助暂行办法》第十二条', appliesTo: [`${STREET}001`, `${STREET}002`, `${OTHER_STREET}001`], startsOn: addDays(today, -150), fundingBasis: 'total', fundsYuan: '90000', fundingDocument: '珠民〔2026〕7号' },
    { department: '珠海市城市管理和综合执法局', title: '生活垃圾分类入户宣传督导', basis: '《珠海经济特区生活垃圾分类管理条例》', appliesTo: [STREET], startsOn: addDays(today, -90), fundingBasis: 'none' },
  ];
  const registered = (await client.get<{ items: Array<{ title: string }> }>('duties', '/v1/duties?size=200', admin)).items;
  for (const d of duties) {
    if (registered.some((x) => x.title === d.title)) tally.found();
    else {
      await client.post(`duty ${d.title}`, '/v1/duties', admin, d);
      tally.made();
    }
  }
  const demands = [
    { department: '香洲区市场监督管理局', request: '要求社区每周上报辖区餐饮店食品安全巡查台账', demandedOn: addDays(today, -30), unitCode: `${STREET}001` },
    { department: '香洲区住房和城乡建设局', request: '要求社区逐户核查出租屋消防设施并拍照上传', demandedOn: addDays(today, -12), unitCode: `${STREET}002` },
  ];
  const logged = (await client.get<{ items: Array<{ request: string }> }>('unregistered demands', `/v1/unregistered-demands?unit=${STREET}&size=200`, street)).items;
  for (const d of demands) {
    if (logged.some((x) => x.request === d.request)) tally.found();
    else {
      await client.post(`unregistered demand of ${d.department}`, '/v1/unregistered-demands', street, d);
      tally.made();
    }
  }
  tally.note(`duties ${duties.length} (one without funds), unregistered demands ${demands.length}`);
  return tally;
}
