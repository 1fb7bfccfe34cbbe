import { addDays } from './dates.js';
import { CITY, STREET } from './committees.js';
import { syntheticPhone } from './people.js';
import { Tally, type DemoContext } from './client.js';

/**
 * Services in 翠香街道: the committees' offices, a service centre, a small square, the hotline and the online platform;
 * service units of each kind of funding (and so each registration authority); a volunteer organisation, volunteers
 * with 社区服务登记卡 and a year of 劳动储蓄 (hours deposited, some drawn as services).
 */

const ZIJING = '440402001001';
const CUIXIANG = '440402001002';

const facilities = [
  { unitCode: ZIJING, kind: 'committee_office', name: '紫荆社区居委会办公室', address: '翠香路紫荆园一号楼首层', areaM2: 180, openingHours: '周一至周五 08:30-12:00、14:30-18:00' },
  { unitCode: ZIJING, kind: 'service_centre', name: '紫荆社区服务中心', address: '翠香路紫荆园一号楼二层', areaM2: 420, openingHours: '周一至周日 08:30-21:00' },
  { unitCode: ZIJING, kind: 'small_square', name: '紫荆园文化小广场', address: '紫荆园中心花园', areaM2: 1200 },
  { unitCode: CUIXIANG, kind: 'playground', name: '翠香儿童小乐园', address: '翠香路翠香市场东侧', areaM2: 350 },
  { unitCode: CUIXIANG, kind: 'green_space', name: '翠香街心小绿地', address: '翠香路与紫荆路交叉口', areaM2: 800 },
  { unitCode: STREET, kind: 'hotline', name: '翠香街道社区服务热线', contact: '0756-2100000', openingHours: '每日 08:00-22:00' },
  { unitCode: STREET, kind: 'online_platform', name: '翠香街道社区网上服务咨询平台', contact: 'https://cuixiang.example.cn/service' },
] as const;

const serviceUnits = [
  { unitCode: ZIJING, name: '紫荆社区长者饭堂', services: ['长者助餐', '送餐上门'], targets: ['elderly'], funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: 360_000, totalAssetsYuan: 450_000 },
  { unitCode: STREET, name: '翠香街道残疾人康复站', services: ['康复训练', '辅具租借'], targets: ['disabled'], funding: 'government', profitStatus: 'non_profit', nonStateAssetsYuan: 0, totalAssetsYuan: 800_000 },
  { unitCode: CUIXIANG, name: '翠香四点半课堂', services: ['课后托管', '青少年兴趣班'], targets: ['youth'], funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: 120_000, totalAssetsYuan: 150_000 },
  { unitCode: CUIXIANG, name: '珠海惠家家政服务有限公司翠香服务点', services: ['家政服务', '居家保洁'], targets: ['elderly', 'women'], funding: 'non_state', profitStatus: 'for_profit', nonStateAssetsYuan: 500_000, totalAssetsYuan: 500_000 },
] as const;

const volunteers = [
  { cardNumber: 'ZH-CX-0001', name: '李慧敏', communityCode: ZIJING },
  { cardNumber: 'ZH-CX-0002', name: '陈国华', communityCode: ZIJING },
  { cardNumber: 'ZH-CX-0003', name: '黄美玲', communityCode: ZIJING },
  { cardNumber: 'ZH-CX-0004', name: '梁志强', communityCode: CUIXIANG },
  { cardNumber: 'ZH-CX-0005', name: '何碧霞', communityCode: CUIXIANG },
  { cardNumber: 'ZH-CX-0006', name: '冯俊杰', communityCode: CUIXIANG },
];

const deposits = ['陪伴独居老人就医', '社区长者饭堂送餐', '四点半课堂辅导功课', '垃圾分类督导', '为高龄老人理发', '社区防疫宣传'];
const draws = ['居家保洁服务', '陪同就医服务'];

export async function demoServices(ctx: DemoContext): Promise<Tally> {
  const { client, today } = ctx;
  const tally = new Tally();
  const street = await client.city(CITY, 'street_officer', STREET);

  const haveFacilities = (await client.get<{ items: Array<{ name: string }> }>('facilities', `/v1/facilities?unit=${STREET}`, street)).items;
  for (const f of facilities) {
    if (haveFacilities.some((x) => x.name === f.name)) tally.found();
    else {
      await client.post(`facility ${f.name}`, '/v1/facilities', street, f);
      tally.made();
    }
  }
  const haveUnits = (await client.get<{ items: Array<{ name: string }> }>('service units', `/v1/service-units?unit=${STREET}`, street)).items;
  for (const u of serviceUnits) {
    if (haveUnits.some((x) => x.name === u.name)) tally.found();
    else {
      await client.post(`service unit ${u.name}`, '/v1/service-units', street, u);
      tally.made();
    }
  }

  // 行业管理和认证制度: the elders' canteen certified two years ago, its certificate lapsing within the month (the
  // reminder sweep tells 紫荆社区 and 翠香街道), the rehabilitation station certified last year
  const certified = (await client.get<{ items: Array<{ id: string; name: string; certification: { current: unknown } }> }>('service units', `/v1/service-units?unit=${STREET}`, street)).items;
  const certificates = [
    { name: '紫荆社区长者饭堂', certifyingBody: '珠海市香洲区民政局', certificateNumber: '香民认〔2024〕012号', certifiedOn: addDays(today, -710), expiresOn: addDays(today, 20) },
    { name: '翠香街道残疾人康复站', certifyingBody: '珠海市民政局', certificateNumber: '珠民认〔2025〕031号', certifiedOn: addDays(today, -300), expiresOn: addDays(today, 795) },
  ];
  for (const { name, ...certificate } of certificates) {
    const unit = certified.find((u) => u.name === name);
    if (!unit || unit.certification.current) tally.found();
    else {
      await client.post(`certification of ${name}`, `/v1/service-units/${unit.id}/certifications`, street, certificate);
      tally.made();
    }
  }

  const organisationName = '翠香街道社区志愿者协会';
  const organisations = (await client.get<{ items: Array<{ id: string; name: string }> }>('volunteer organisations', `/v1/volunteer-organisations?unit=${STREET}`, street)).items;
  let organisation = organisations.find((o) => o.name === organisationName);
  if (organisation) tally.found();
  else {
    organisation = await client.post<{ id: string; name: string }>('the volunteer organisation', '/v1/volunteer-organisations', street, { unitCode: STREET, name: organisationName, foundedOn: addDays(today, -900) });
    tally.made();
  }

  const registered = (await client.get<{ items: Array<{ id: string; cardNumber: string }> }>('volunteers', `/v1/volunteers?unit=${STREET}`, street)).items;
  let hours = 0;
  for (const [i, v] of volunteers.entries()) {
    let volunteer = registered.find((x) => x.cardNumber === v.cardNumber);
    if (volunteer) tally.found();
    else {
      volunteer = await client.post<{ id: string; cardNumber: string }>(`volunteer ${v.name}`, '/v1/volunteers', street, {
        ...v, phone: syntheticPhone(8000 + i), organisationId: organisation.id, registeredOn: addDays(today, -360),
      });
      tally.made();
    }
    const ledger = await client.get<{ entries: unknown[]; balanceMinutes: number }>(`ledger of ${v.name}`, `/v1/volunteers/${volunteer.id}/ledger`, street);
    if (ledger.entries.length) {
      tally.found(ledger.entries.length);
      hours += ledger.balanceMinutes / 60;
      continue;
    }
    // a deposit about every two months over the past year, and (for every other volunteer) a service drawn since
    const entries: Array<{ kind: 'deposit' | 'draw'; minutes: number; service: string; serviceDate: string }> = [];
    for (let m = 0; m < 6; m++) entries.push({ kind: 'deposit', minutes: 60 + ((i + m) % 4) * 30, service: deposits[(i + m) % deposits.length]!, serviceDate: addDays(today, -330 + m * 60 + i) });
    if (i % 2 === 0) entries.push({ kind: 'draw', minutes: 90, service: draws[i % draws.length]!, serviceDate: addDays(today, -10 - i) });
    for (const e of entries) {
      const written = await client.post<{ balanceMinutes: number }>(`ledger entry of ${v.name}`, `/v1/volunteers/${volunteer.id}/ledger`, street, { ...e, communityCode: v.communityCode });
      tally.made();
      if (e === entries.at(-1)) hours += written.balanceMinutes / 60;
    }
  }
  tally.note(`volunteers ${volunteers.length}, hours banked ${hours}`);
  return tally;
}
