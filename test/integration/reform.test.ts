import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawSample, type FrameUnit, type SampleSizes } from '../../shared/reform/rules.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
let dgAdmin: string;
let province: string;
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4419', '东莞市');
  admin = await h.cityToken('4401');
  dgAdmin = await h.cityToken('4419');
  province = await h.provinceToken();
  const csv = readFileSync('test/fixtures/divisions-4401.csv', 'utf8');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: csv, contentType: 'text/csv' })).status).toBe(200);
  const extra = [
    { code: '440104002', name: '北京街道' }, { code: '440104003', name: '人民街道' },
    { code: '440118001', name: '荔城街道' }, { code: '440118002', name: '增江街道' },
    { code: '440184', name: '从化市' }, { code: '440184100', name: '温泉镇' }, { code: '440184101', name: '良口镇' },
  ];
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, json: { rows: extra } })).status).toBe(200);
  const dg = readFileSync('db/seed/divisions/4419.csv', 'utf8');
  expect((await h.request('POST', '/v1/divisions/import', { token: dgAdmin, body: dg, contentType: 'text/csv' })).status).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

type Unit = { code: string; name: string };
type Check = {
  satisfied: boolean; hasDistricts: boolean;
  unmet: { rule: string; ruleLabel: string; unit: Unit; messageCode: string; message: string; designations?: string[]; named: Unit[]; counts?: { towns: number; streets: number }; reason?: string; reasonLabel?: string }[];
};
const check = async (token: string, query = '') => json<Check>(await h.request('GET', `/v1/reform/pilots/check${query}`, { token }));
const rules = (c: Check) => c.unmet.map((u) => `${u.rule}@${u.unit.code}`);
const designate = (token: string, unitCode: string) => h.request('POST', '/v1/reform/pilots', { token, json: { unitCode } });

describe('pilot designations and their rules', () => {
  it('lists every unmet rule for a city with districts and a county-level city', async () => {
    const c = await check(admin);
    expect(c).toMatchObject({ satisfied: false, hasDistricts: true });
    expect(rules(c)).toEqual(['one_district@4401', 'county_town@4401', 'district_streets@440103', 'district_streets@440104', 'district_streets@440118']);
    expect(c.unmet[0]!.unit.name).toBe('广州市');
    expect(c.unmet[0]).toMatchObject({ ruleLabel: '地级以上市选择1个区作为改革试点', named: [] });
    expect(c.unmet[2]).toMatchObject({ rule: 'district_streets', ruleLabel: '没列入试点的区选择2—3个街道作为试点', unit: { code: '440103', name: '荔湾区' }, named: [] });
    expect(c.unmet.every((u) => u.counts === undefined && u.reason === undefined)).toBe(true);
  });

  it('lets the city name its district and county town, and each district its own streets', async () => {
    const yuexiu = await h.cityToken('4401', 'district_officer', '440104');
    expect((await designate(admin, '440103')).status).toBe(201);
    expect(await json(await designate(admin, '440184100'))).toMatchObject({ kind: 'county_town', unitName: '温泉镇', kindLabel: '县(市)城镇试点' });
    expect((await designate(yuexiu, '440104001')).status).toBe(201);
    expect(rules(await check(yuexiu, '?unit=440104'))).toEqual(['district_streets@440104']);
    expect((await designate(yuexiu, '440104002')).status).toBe(201);
    expect((await check(yuexiu)).unmet).toEqual([]);
    expect((await designate(yuexiu, '440104')).status).toBe(403);
    expect((await designate(yuexiu, '440118001')).status).toBe(404);
    expect((await designate(admin, '440104002')).status).toBe(409);
    expect((await designate(admin, '440118001')).status).toBe(201);
    expect((await designate(admin, '440118002')).status).toBe(201);
    expect(await check(admin)).toMatchObject({ satisfied: true, unmet: [] });
  });

  it('reports broken designations: a street inside the pilot district, and refuses units that cannot be pilots', async () => {
    expect((await designate(admin, '440103001')).status).toBe(201);
    expect((await check(admin)).unmet).toEqual([expect.objectContaining({
      rule: 'street_in_pilot_district', unit: { code: '440103', name: '荔湾区' }, designations: ['440103001'], named: [{ code: '440103001', name: '沙面街道' }],
    })]);
    const county = await designate(admin, '440184');
    expect(county.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(county)).errors[0]!.path).toBe('body.unitCode');
    const village = await designate(admin, '440103001001');
    expect(village.status).toBe(400);
    expect((await json<{ errors: { path: string }[] }>(village)).errors[0]!.path).toBe('body.unitCode');
    const items = (await json<{ items: { id: string; unitCode: string }[] }>(await h.request('GET', '/v1/reform/pilots?unit=440103', { token: admin }))).items;
    const street = items.find((p) => p.unitCode === '440103001')!;
    expect((await h.request('DELETE', `/v1/reform/pilots/${street.id}`, { token: admin })).status).toBe(204);
    expect((await check(admin)).satisfied).toBe(true);
  });

  it('a city without districts (东莞) names one town or 2–3 streets of its seat', async () => {
    expect(rules(await check(dgAdmin))).toEqual(['seat_pilot@4419']);
    expect((await designate(dgAdmin, '441900003')).status).toBe(201);
    const one = await check(dgAdmin);
    expect(one).toMatchObject({ hasDistricts: false, satisfied: false });
    expect(one.unmet[0]).toMatchObject({ messageCode: 'pilot_rule_seat', message: '不设区的市选择市政府所在地的1个镇或2—3个街道作为试点；现选 0 个镇、1 个街道' });
    expect(one.unmet[0]).toMatchObject({ rule: 'seat_pilot', counts: { towns: 0, streets: 1 }, designations: ['441900003'], named: [{ code: '441900003' }] });
    expect(one.unmet[0]!.named[0]!.name).not.toBe('441900003');
    expect((await designate(dgAdmin, '441900004')).status).toBe(201);
    expect(await check(dgAdmin)).toMatchObject({ satisfied: true, unmet: [] });
  });
});

describe('a designation that can no longer be a pilot', () => {
  it('comes back with a reason code and its label beside the message, Chinese by default and English with Accept-Language: en', async () => {
    const id = '019ab3c2-7d1e-7a10-9c55-2f0e8b6a4d99';
    await h.asOwner(sql`insert into reform_pilots (id, tenant_id, unit_code, designated_on, created_by, created_at) values (${id}, '4401', '440184', '2026-11-01', 'test', now())`);
    const bad = (await check(admin)).unmet.find((u) => u.rule === 'invalid_designation')!;
    expect(bad).toEqual({
      rule: 'invalid_designation', ruleLabel: '试点单位须为区、街道或镇', unit: { code: '440184', name: '从化市' }, designations: [id], named: [{ code: '440184', name: '从化市' }],
      reason: 'county_not_pilot', reasonLabel: '县或县级市本身不作为试点，请选择它的1个城镇（1个县(市)城镇）',
      messageCode: 'cannot_be_pilot',
      message: '440184 不能作为试点：县或县级市本身不作为试点，请选择它的1个城镇（1个县(市)城镇）',
    });
    const inEnglish = await json<Check>(await h.request('GET', '/v1/reform/pilots/check', { token: admin, headers: { 'accept-language': 'en' } }));
    expect(inEnglish.unmet.find((u) => u.rule === 'invalid_designation')).toMatchObject({
      messageCode: 'cannot_be_pilot',
      message: '440184 cannot be a pilot: a county or county-level city is not itself a pilot; name one of its towns',
    });
    expect((await h.request('DELETE', `/v1/reform/pilots/${id}`, { token: admin })).status).toBe(204);
    expect((await check(admin)).satisfied).toBe(true);
  });
});

describe('the programme and demonstration units', () => {
  it('shows the phases and today’s phase; the province sets them, in order', async () => {
    expect(await json(await h.request('GET', '/v1/reform/programme', { token: admin }))).toMatchObject({ today: '2026-11-25', currentPhase: 'rollout' });
    const bad = await h.request('PUT', '/v1/province/reform-programme', { token: province, json: { phases: [
      { phase: 'pilot', startsOn: '2026-06-01', endsOn: '2026-10-31' }, { phase: 'rollout', startsOn: '2026-10-01', endsOn: '2027-06-30' }, { phase: 'inspection', startsOn: '2027-10-01', endsOn: '2027-10-31' },
    ] } });
    expect(bad.status).toBe(400);
    expect((await json<{ errors: { path: string }[] }>(bad)).errors.map((e) => e.path)).toEqual(['body.phases.1.startsOn']);
    const ok = await h.request('PUT', '/v1/province/reform-programme', { token: province, json: { name: '城市基层管理体制改革', phases: [
      { phase: 'pilot', startsOn: '2026-03-01', endsOn: '2026-10-31' }, { phase: 'rollout', startsOn: '2026-11-01', endsOn: '2027-06-30' }, { phase: 'inspection', startsOn: '2027-10-01', endsOn: '2027-10-31' },
    ] } });
    expect(ok.status).toBe(200);
    const seen = await json<{ phases: { phase: string; label: string; startsOn: string }[]; unit: { pilots: { unitCode: string; kind: string }[] } }>(
      await h.request('GET', '/v1/reform/programme?unit=440103001001', { token: admin }),
    );
    expect(seen.phases[0]).toMatchObject({ phase: 'pilot', label: '试点阶段', startsOn: '2026-03-01' });
    expect(seen.unit.pilots).toEqual([{ unitCode: '440103', unitName: '荔湾区', kind: 'district' }]);
  });

  it('records 示范区/示范街道(镇)/示范居委会 with date and designating body, at the right level', async () => {
    const rec = (body: Record<string, unknown>) => h.request('POST', '/v1/reform/demonstrations', { token: admin, json: { designatedBy: '广东省民政厅', designatedOn: '2026-11-01', ...body } });
    expect(await json(await rec({ level: 'committee', unitCode: '440103001001', documentNumber: '粤民发〔2026〕9号' }))).toMatchObject({ levelLabel: '示范居委会', unitName: '沙面社区居委会', designatedBy: '广东省民政厅' });
    expect((await rec({ level: 'district', unitCode: '440103' })).status).toBe(201);
    expect((await rec({ level: 'district', unitCode: '440103001' })).status).toBe(422);
    expect((await rec({ level: 'street', unitCode: '440103001', designatedOn: '2027-01-01' })).status).toBe(400);
    const list = await json<{ items: { level: string }[] }>(await h.request('GET', '/v1/reform/demonstrations?unit=440103', { token: admin }));
    expect(list.items.map((d) => d.level)).toEqual(['committee', 'district']);
    expect(await json(await h.request('GET', '/v1/reform/figures', { token: admin }))).toMatchObject({
      pilotRulesSatisfied: true, pilots: { district: 1, county_town: 1, district_street: 4 }, demonstrations: { district: 1, street: 0, committee: 1 },
    });
  });
});

describe('self-inspection, submissions and spot checks', () => {
  let districtInspection: string;

  it('a district self-inspects against the province checklist, with evidence, and submits when every item has a result', async () => {
    expect((await h.request('POST', '/v1/reform/self-inspections', { token: admin, json: { unitCode: '440103' } })).status).toBe(409);
    const published = await h.request('PUT', '/v1/province/inspection-checklist', { token: province, json: { title: '检查验收清单', items: [{ code: 'A1', title: '社区规模调整到位' }, { code: 'A2', title: '三项制度建立' }] } });
    expect(await json(published)).toMatchObject({ version: 1 });
    const liwan = await h.cityToken('4401', 'district_officer', '440103');
    const started = await json<{ id: string; items: { code: string; result: null }[] }>(await h.request('POST', '/v1/reform/self-inspections', { token: liwan, json: { unitCode: '440103' } }));
    districtInspection = started.id;
    expect(started.items.map((i) => i.code)).toEqual(['A1', 'A2']);
    await h.request('PUT', `/v1/reform/self-inspections/${started.id}/items/A1`, { token: liwan, json: { result: 'met', note: '联系人王五 13912345678', evidence: [{ title: '调整方案批复', reference: '荔府函〔2026〕3号' }] } });
    const early = await h.request('POST', `/v1/reform/self-inspections/${started.id}/submit`, { token: liwan });
    expect(early.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(early)).errors.map((e) => e.path)).toEqual(['items.A2.result']);
    await h.request('PUT', `/v1/reform/self-inspections/${started.id}/items/A2`, { token: liwan, json: { result: 'partly_met', note: '一个社区制度未上墙' } });
    expect(await json(await h.request('POST', `/v1/reform/self-inspections/${started.id}/submit`, { token: liwan }))).toMatchObject({
      status: 'submitted', statusLabel: '已报送省民政厅', items: [{ code: 'A1', result: 'met', resultLabel: '达标' }, { code: 'A2', result: 'partly_met', resultLabel: '基本达标' }],
    });
    expect(started).toMatchObject({ status: 'draft', statusLabel: '自查中（未报送）', items: [{ result: null, resultLabel: null }, { result: null, resultLabel: null }] });
    const late = await h.request('PUT', `/v1/reform/self-inspections/${started.id}/items/A2`, { token: liwan, json: { result: 'met' } });
    expect(await json(late)).toMatchObject({ status: 409, code: 'inspection_submitted' });
    expect((await h.request('POST', '/v1/reform/self-inspections', { token: admin, json: { unitCode: '4401' } })).status).toBe(201);
  });

  it('the province sees only submitted inspections: names, codes and results, never notes, evidence or personal data', async () => {
    await h.request('POST', '/v1/volunteers', { token: admin, json: { cardNumber: 'GZ-1', name: '赵六', phone: '13700001111', communityCode: '440103001001' } });
    const res = await h.request('GET', '/v1/province/inspection-submissions', { token: province });
    const text = await res.text();
    const items = (JSON.parse(text) as { items: { id: string; unitCode: string; city: { name: string }; results: unknown[]; unitCounts: Record<string, number> }[] }).items;
    expect(items.map((s) => s.unitCode)).toEqual(['440103']);
    expect(items[0]).toMatchObject({ city: { name: '广州市' }, unitCounts: { county: 1, township: 2, village: 3 } });
    expect(items[0]!.results).toEqual([{ code: 'A1', title: '社区规模调整到位', result: 'met', evidenceCount: 1 }, { code: 'A2', title: '三项制度建立', result: 'partly_met', evidenceCount: 0 }]);
    for (const secret of ['13912345678', '王五', '荔府函', '上墙', '赵六', '13700001111']) expect(text).not.toContain(secret);
    const detail = await json<{ units: { code: string; name: string }[] }>(await h.request('GET', `/v1/province/inspection-submissions/${items[0]!.id}`, { token: province }));
    expect(detail.units.map((u) => u.code)).toEqual(['440103', '440103001', '440103001001', '440103002', '440103002001', '440103002002']);

    const asProvince = (query: ReturnType<typeof sql>) => h.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.scope', 'province', true), set_config('app.tenant_id', '', true), set_config('role', 'shequ_app', true)`);
      return (await tx.execute(query) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    });
    expect(await asProvince(sql`select count(*)::int as n from self_inspections`)).toBe(0);
    expect(await asProvince(sql`select count(*)::int as n from self_inspection_items`)).toBe(0);
    expect(await asProvince(sql`select count(*)::int as n from volunteers`)).toBe(0);
    expect(await asProvince(sql`select count(*)::int as n from inspection_submissions`)).toBe(1);
    expect(districtInspection).toBeTruthy();
  });

  it('draws a reproducible sample across cities: same seed same sample, another seed another; anyone can redraw it', async () => {
    const dgInspection = await json<{ id: string }>(await h.request('POST', '/v1/reform/self-inspections', { token: dgAdmin, json: { unitCode: '4419' } }));
    for (const item of ['A1', 'A2']) await h.request('PUT', `/v1/reform/self-inspections/${dgInspection.id}/items/${item}`, { token: dgAdmin, json: { result: 'met' } });
    expect((await h.request('POST', `/v1/reform/self-inspections/${dgInspection.id}/submit`, { token: dgAdmin })).status).toBe(200);

    const sizes: SampleSizes = { county: 1, township: 4, village: 8 };
    const draw = async (seed: number) => json<{ id: string; seed: number; frameSize: number; cities: string[]; sample: { code: string; tenant: string }[] }>(
      await h.request('POST', '/v1/province/spot-checks', { token: province, json: { title: `抽查 ${seed}`, seed, sample: sizes } }),
    );
    const first = await draw(20271001);
    const again = await draw(20271001);
    const other = await draw(20271002);
    expect(first.cities).toEqual(['4401', '4419']);
    expect(first.frameSize).toBe(1 + 2 + 3 + 36 + 249);
    expect(first.sample).toHaveLength(13);
    expect(again.sample.map((u) => u.code)).toEqual(first.sample.map((u) => u.code));
    expect(other.sample.map((u) => u.code)).not.toEqual(first.sample.map((u) => u.code));

    const redraw = await json(await h.request('GET', `/v1/province/spot-checks/${first.id}/redraw`, { token: await h.provinceToken('auditor') }));
    expect(redraw).toMatchObject({ matches: true, frameIntact: true });
    const frame = await json<{ seed: number; sizes: SampleSizes; frame: FrameUnit[]; frameSha256: string }>(await h.request('GET', `/v1/province/spot-checks/${first.id}/frame`, { token: province }));
    expect(drawSample(frame.frame, frame.seed, frame.sizes).map((u) => u.code)).toEqual(first.sample.map((u) => u.code));
    expect(frame.frameSha256).toMatch(/^[0-9a-f]{64}$/);

    const code = first.sample[0]!.code;
    const found = await json<{ sample: { code: string; finding: string | null; findingNotes: string | null }[] }>(
      await h.request('PUT', `/v1/province/spot-checks/${first.id}/findings/${code}`, { token: province, json: { result: 'needs_improvement', notes: '台账不全' } }),
    );
    expect(found.sample.find((u) => u.code === code)).toMatchObject({ finding: 'needs_improvement', findingLabel: '限期整改', findingNotes: '台账不全' });
    expect((await h.request('PUT', `/v1/province/spot-checks/${first.id}/findings/440199001`, { token: province, json: { result: 'passed' } })).status).toBe(404);
    expect((await h.request('POST', '/v1/province/spot-checks', { token: province, json: { title: '无框', seed: 1, sample: sizes, cities: ['4404'] } })).status).toBe(409);
  });
});
