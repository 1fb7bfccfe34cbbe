import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { personalDataIn } from '../support/personal-data.js';
import { importDivisions, seedPublicCommunity, seededPersonal, SHAMIAN } from '../support/public-pages.js';
import type { ElectionBody } from '../support/elections.js';

let h: Harness;
let admin: string;
let election: ElectionBody;
type Json = Record<string, any>;
const dataPath = (city: string, community: string) => `/v1/public/cities/${city}/communities/${community}`;
const pagePath = (city: string, community: string) => `/p/${city}/${community}`;
/** Every public response of the run, HTML and JSON alike, for the personal-data scan at the end. */
const seen: { path: string; text: string }[] = [];

async function get(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; text: string }> {
  const res = await h.request('GET', path, { headers });
  const text = await res.text();
  seen.push({ path, text });
  return { res, text };
}

/**
 * The keys a public page may carry, and nothing else: names and positions of people, the committee's office line,
 * figures, dates, labels. A new key fails this until someone decides it is public.
 */
const allowedKeys = new Set([
  'city', 'code', 'name', 'community', 'streetName', 'type', 'typeLabel', 'committee', 'officeAddress', 'serviceHotline', 'members', 'position', 'positionLabel',
  'systems', 'system', 'label', 'adopted', 'adoptedOn', 'election', 'electionDate', 'mode', 'modeLabel', 'certifiedOn', 'rounds', 'round', 'heldOn',
  'registeredVoters', 'ballotsIssued', 'ballotsReturned', 'validBallots', 'invalidBallots', 'elected', 'votes', 'conferences', 'upcoming', 'title',
  'convenerName', 'startsAtLocal', 'endsAtLocal', 'venue', 'resolutions', 'ownerName', 'dueDate', 'status', 'overdue', 'statusLabel', 'facilities', 'kind',
  'kindLabel', 'address', 'openingHours', 'decisions', 'matter', 'votesFor', 'votesAgainst', 'abstentions',
]);
const keysOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(keysOf) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]) : [];

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  await importDivisions(h, '4401');
  await importDivisions(h, '4403');
  admin = await h.cityToken('4401');
  ({ election } = await seedPublicCommunity(h));
});
afterAll(async () => {
  await h?.close();
});

describe('居务公开: a community the city has not published', () => {
  it('is 404 as JSON (a Chinese problem with its code) and as a page to a browser', async () => {
    const { res, text } = await get(dataPath('4401', SHAMIAN));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.parse(text)).toMatchObject({ code: 'not_found', messageCode: 'public_page_not_found', title: '未找到', detail: `未找到 4401 市 ${SHAMIAN} 社区的居务公开页面` });
    const page = await get(pagePath('4401', SHAMIAN), { accept: 'text/html' });
    expect(page.res.status).toBe(404);
    expect(page.res.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('未找到 4401 市 440103001001 社区的居务公开页面');
    expect(page.text).not.toContain('陈主任');
  });

  it('may be published by the city admin only, not by its street', async () => {
    const street = await h.cityToken('4401', 'street_officer', '440103001');
    const refused = await h.request('PUT', `/v1/communities/${SHAMIAN}/publication`, { token: street, json: { publishable: true } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ messageCode: 'role_may_not_publish', detail: '只有市级管理员可以设置社区是否公开' });
    const published = await h.request('PUT', `/v1/communities/${SHAMIAN}/publication`, { token: admin, json: { publishable: true } });
    expect(await published.json()).toMatchObject({ code: SHAMIAN, publishable: true, serviceHotline: '020-81230000' });
  });

  it('refuses a personal mobile as the service hotline, naming the field', async () => {
    const res = await h.request('PATCH', `/v1/communities/${SHAMIAN}`, { token: admin, json: { serviceHotline: '13922229999' } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toMatchObject([{ path: 'body.serviceHotline', code: 'hotline_format' }]);
  });
});

describe('居务公开: a published community', () => {
  let page: Json;
  beforeAll(async () => {
    const { res, text } = await get(dataPath('4401', SHAMIAN));
    expect(res.status).toBe(200);
    page = JSON.parse(text) as Json;
  });

  it('shows the committee, its members by name and position, and its three systems', () => {
    expect(page.city).toEqual({ code: '4401', name: '广州市' });
    expect(page.community).toEqual({ code: SHAMIAN, name: '沙面社区居委会', streetName: '沙面街道', type: 'geographic', typeLabel: '地缘型' });
    expect(page.committee).toEqual({ name: expect.stringContaining('沙面'), officeAddress: '沙面北街45号', serviceHotline: '020-81230000' });
    expect(page.members).toHaveLength(7);
    expect(page.members[0]).toEqual({ name: '陈主任', position: 'chair', positionLabel: '主任' });
    expect(page.members.slice(1, 3).map((m: Json) => [m.name, m.positionLabel]).sort()).toEqual([['吴副二', '副主任'], ['黄副一', '副主任']]);
    expect(page.members.slice(3).map((m: Json) => [m.name, m.positionLabel]).sort()).toEqual([['冯委三', '委员'], ['王委二', '委员'], ['蔡委四', '委员'], ['郑委一', '委员']]);
    expect(page.systems).toEqual([
      { system: 'representatives_deliberation', label: '社区居民代表议事制度', adopted: false, adoptedOn: null },
      { system: 'committee_work', label: '社区居民委员会工作制度', adopted: true, adoptedOn: '2026-11-22' },
      { system: 'democratic_supervision', label: '社区居民委员会民主监督制度', adopted: false, adoptedOn: null },
    ]);
  });

  it('announces exactly the certified tally: date, mode, voters, ballots and each elected member’s votes', async () => {
    const certified = (await (await h.request('GET', `/v1/elections/${election.id}`, { token: admin })).json()) as Json;
    const round = certified.rounds[0];
    const names = new Map<string, string>(round.candidates.map((c: Json) => [c.id, c.name]));
    expect(page.election).toMatchObject({ electionDate: '2026-11-20', mode: 'all_residents', modeLabel: '全体有选举权的居民直接选举' });
    expect(page.election.rounds).toHaveLength(1);
    const announced = page.election.rounds[0];
    expect(announced).toMatchObject({
      round: 1, registeredVoters: round.result.registeredVoters, ballotsIssued: round.result.ballotsIssued, ballotsReturned: round.result.ballotsReturned,
      validBallots: round.result.validBallots, invalidBallots: round.result.invalidBallots,
    });
    expect([announced.registeredVoters, announced.ballotsIssued, announced.ballotsReturned, announced.validBallots]).toEqual([100, 90, 80, 80]);
    const votes = new Map<string, number>(round.result.votes.map((v: Json) => [v.candidateId, v.votes]));
    const expected = round.result.tally.elected.map((e: Json) => ({ name: names.get(e.candidateId), votes: votes.get(e.candidateId) })).sort((a: Json, b: Json) => a.name.localeCompare(b.name));
    expect(announced.elected.map((e: Json) => ({ name: e.name, votes: e.votes })).sort((a: Json, b: Json) => a.name.localeCompare(b.name))).toEqual(expected);
    expect(announced.elected.find((e: Json) => e.name === '陈主任')).toEqual({ name: '陈主任', position: 'chair', positionLabel: '主任', votes: 60 });
    // candidates not elected, and anything about single ballots, are not announced here
    expect(JSON.stringify(page)).not.toContain('林候选');
  });

  it('lists the street’s coming joint conferences, only the resolutions marked public with owners and status, and the facilities with hours', () => {
    expect(page.conferences.upcoming[0]).toEqual({ title: '沙面街道社区工作联席会议', convenerName: '沙面街道', startsAtLocal: '2026-12-15T09:30:00+08:00', endsAtLocal: '2026-12-15T11:30:00+08:00', venue: '沙面街道办事处三楼会议室' });
    expect(page.conferences.resolutions).toEqual([
      { title: '维修沙面北街路灯', ownerName: '沙面社区居委会', dueDate: '2027-02-28', status: 'open', overdue: false, statusLabel: '办理中' },
      { title: '周末向居民开放医院停车场', ownerName: '荔湾区人民医院', dueDate: '2027-01-31', status: 'open', overdue: false, statusLabel: '办理中' },
    ]);
    expect(page.facilities).toEqual([
      { name: '沙面社区服务中心', kind: 'service_centre', kindLabel: '社区服务中心', address: '沙面北街45号', openingHours: '周一至周日 08:30-21:00' },
      { name: '沙面社区值班电话', kind: 'hotline', kindLabel: '社区服务热线电话', address: null, openingHours: null },
    ]);
  });

  it('publishes the residents’ meeting’s adopted decisions marked public, with their votes, and nothing else of the meeting', () => {
    expect(page.decisions).toEqual([{ heldOn: '2026-11-21', matter: '增设沙面北街电动自行车集中充电点', votesFor: 3, votesAgainst: 0, abstentions: 0 }]);
    expect(JSON.stringify(page)).not.toContain('陈一');
  });

  it('renders the same facts as a Chinese page without script, with the place for resident consultations', async () => {
    const { res, text } = await get(pagePath('4401', SHAMIAN));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(text).toMatch(/^<!doctype html><html lang="zh-CN">/);
    for (const fact of ['沙面社区居委会', '020-81230000', '陈主任', '主任', '社区居民委员会工作制度', '选举结果公告', '登记选民', '>100 人<', '2026-12-15 09:30 沙面街道社区工作联席会议', '周末向居民开放医院停车场', '周一至周日 08:30-21:00', '居民会议决定', '增设沙面北街电动自行车集中充电点']) expect(text).toContain(fact);
    for (const hidden of ['内部人事协调事项', '居民会议内部议事规则修订', '调整垃圾分类投放时间']) expect(text).not.toContain(hidden);
    expect(text).not.toContain('<script');
    expect(text).toContain(`href="/p/4401/${SHAMIAN}/ask"`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-/);
  });

  it('is cacheable: a strong ETag over the body, a short public max-age, 304 on If-None-Match, a new ETag when the facts change', async () => {
    for (const path of [dataPath('4401', SHAMIAN), pagePath('4401', SHAMIAN)]) {
      const first = await get(path);
      const etag = first.res.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect(first.res.headers.get('cache-control')).toBe('public, max-age=60');
      expect((await get(path)).res.headers.get('etag')).toBe(etag);
      const again = await get(path, { 'if-none-match': etag });
      expect(again.res.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.res.headers.get('etag')).toBe(etag);
      expect((await get(path, { 'if-none-match': '"stale"' })).res.status).toBe(200);
    }
    const before = (await get(dataPath('4401', SHAMIAN))).res.headers.get('etag');
    expect((await h.request('PATCH', `/v1/communities/${SHAMIAN}`, { token: admin, json: { officeAddress: '沙面北街47号' } })).status).toBe(200);
    const after = await get(dataPath('4401', SHAMIAN), { 'if-none-match': before! });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(before);
  });

  it('is another city’s page only under that city: a code of 4401 under 4403 and of 4403 under 4401 are 404', async () => {
    expect((await get(dataPath('4403', SHAMIAN))).res.status).toBe(404);
    expect((await get(dataPath('4401', '440303001001'))).res.status).toBe(404);
    expect((await get(pagePath('4403', SHAMIAN))).res.status).toBe(404);
    expect((await get(dataPath('4402', '440201001001'))).res.status).toBe(404);
  });

  it('carries no key outside the allow list and no personal field of the seeded data, in any response', () => {
    expect(keysOf(page).filter((k) => !allowedKeys.has(k))).toEqual([]);
    expect(seen.length).toBeGreaterThan(10);
    for (const { path, text } of seen) {
      expect(personalDataIn(text), path).toEqual({ phones: [], ids: [] });
      for (const value of [...seededPersonal.phones, ...seededPersonal.idNumbers, ...seededPersonal.names]) expect(text, `${path} shows ${value}`).not.toContain(value);
      for (const field of ['phone', 'idNumber', 'birthYear', 'gender', 'partyMember', 'contact']) expect(text, `${path} has ${field}`).not.toContain(`"${field}"`);
    }
  });

  it('is withdrawn when the city unpublishes it', async () => {
    expect((await h.request('PUT', `/v1/communities/${SHAMIAN}/publication`, { token: admin, json: { publishable: false } })).status).toBe(200);
    expect((await get(dataPath('4401', SHAMIAN))).res.status).toBe(404);
    expect((await h.request('PUT', `/v1/communities/${SHAMIAN}/publication`, { token: admin, json: { publishable: true } })).status).toBe(200);
    expect((await get(dataPath('4401', SHAMIAN))).res.status).toBe(200);
  });
});

describe('居务公开 of a deactivated city', () => {
  it('is gone (404) while the city is deactivated, page and data alike', async () => {
    expect((await h.request('POST', '/v1/tenants/4401/deactivate', { token: await h.provinceToken() })).status).toBe(200);
    const data = await get(dataPath('4401', SHAMIAN));
    expect(data.res.status).toBe(404);
    expect(JSON.parse(data.text)).toMatchObject({ messageCode: 'public_page_not_found' });
    expect((await get(pagePath('4401', SHAMIAN), { accept: 'text/html' })).res.status).toBe(404);
  });
});
