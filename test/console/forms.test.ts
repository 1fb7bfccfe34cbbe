import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slateCandidates } from '../support/elections.js';
import { createConsoleHarness, fieldError, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let adminA: Browser;
let streetA: Browser;
const COMMUNITY = '440103001001';
const STREET = '440103001';

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  const a = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: a, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  adminA = h.browser(a);
  streetA = h.browser(await h.cityToken('4401', 'street_officer', STREET));
});

afterAll(async () => {
  await h?.close();
});

/** The <select> of a form field, as served. */
const selectOf = (html: string, name: string) => new RegExp(`<select[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';

describe('the unit picker', () => {
  it('offers communities by name, grouped by street, within the session’s unit only; no code to type', async () => {
    const city = await adminA.get('/console/elections/new');
    expect(city.status).toBe(200);
    const picker = selectOf(city.html, 'community');
    expect(picker).toContain('<optgroup label="沙面街道"><option value="440103001001" data-code="440103001001">沙面社区居委会</option></optgroup>');
    expect(picker).toContain('<optgroup label="石滩镇">');
    expect(picker).toContain('三江村委会');
    expect(city.html).not.toMatch(/name="community"[^>]*inputmode/);
    expect(textOf(city.html)).not.toContain('12 位');
    // the street officer sees only the communities of their street
    const street = selectOf((await streetA.get('/console/elections/new')).html, 'community');
    expect(street).toContain('沙面社区居委会');
    expect(street).not.toContain('和平社区居委会');
    expect(street).not.toContain('石滩');
  });

  it('carries the search box and its script with the response’s nonce', async () => {
    const res = await h.console.request('/console/elections/new', { headers: { cookie: `shequ_session=${await h.cityToken('4401')}` } });
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(html).toContain('class="picker-search"');
    expect(html).toContain(`<script nonce="${nonce}">document.querySelectorAll('[data-picker]')`);
  });
});

describe('election candidates as rows', () => {
  const base = { community: COMMUNITY, electionDate: '2026-11-20', mode: 'all_residents', chair: '1', vice_chair: '2', member: '4', registeredVoters: '100', rows: '5' };
  const row = (i: number, c: (typeof slateCandidates)[number]) => ({
    [`c.${i}.name`]: c.name, [`c.${i}.gender`]: c.gender, [`c.${i}.birthYear`]: String(c.birthYear), [`c.${i}.position`]: c.position,
    [`c.${i}.phone`]: c.phone, [`c.${i}.idNumber`]: c.idNumber, ...(c.partyMember ? { [`c.${i}.partyMember`]: 'on' } : {}),
  });

  it('shows five blank rows and adds five more without JavaScript, keeping what was typed', async () => {
    const blank = await streetA.get('/console/elections/new');
    expect(blank.html).toContain('name="c.4.name"');
    expect(blank.html).not.toContain('name="c.5.name"');
    expect(blank.html).not.toContain('<textarea');
    const more = await streetA.post('/console/elections/new', { ...base, ...row(0, slateCandidates[0]!), addRows: '1' });
    expect(more.status).toBe(200);
    expect(more.html).toContain('name="c.9.name"');
    expect(more.html).toContain('value="陈主任"');
    expect(more.html).toContain('value="10"');
  });

  it('puts a candidate’s error on the row it came from, skipping blank rows', async () => {
    const bad = await streetA.post('/console/elections/new', { ...base, ...row(0, slateCandidates[0]!), ...row(2, { ...slateCandidates[1]!, idNumber: '440103199001010000' }) });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-c-2-idNumber-error"/);
    expect(bad.html).not.toMatch(/id="f-c-1-idNumber-error"/);
  });

  it('registers ten candidates typed into rows, phone and ID number sealed', async () => {
    const rows = Object.assign({}, ...slateCandidates.map((c, i) => row(i, c)));
    const saved = await streetA.follow(await streetA.post('/console/elections/new', { ...base, rows: '10', ...rows }));
    expect(saved.html).toContain('选举方案已登记');
    for (const c of slateCandidates) expect(saved.html).toContain(c.name);
    expect(saved.html).not.toContain(slateCandidates[0]!.phone);
    expect(saved.html).toContain('139****0000');
  });

  it('asks for a community when none is chosen', async () => {
    const none = await streetA.post('/console/elections/new', { ...base, community: '', ...row(0, slateCandidates[0]!) });
    expect(none.status).toBe(400);
    expect(fieldError(none.html, 'community') ?? '').not.toBe('');
  });
});

describe('confirmation before certifying an election', () => {
  it('shows what will be frozen on a page of its own, and certifies only after confirm=yes', async () => {
    const { electionPlan, planElection, sheetFor, winningVotes } = await import('../support/elections.js');
    const token = await h.cityToken('4401');
    const planned = await planElection(h, token, electionPlan('440103002001'));
    expect((await h.request('POST', `/v1/elections/${planned.id}/results`, { token, json: sheetFor(planned, winningVotes) })).status).toBe(201);
    const detail = await adminA.get(`/console/elections/${planned.id}`);
    expect(detail.html).toContain(`href="/console/elections/${planned.id}/certify"`);
    expect(detail.html).not.toContain(`action="/console/elections/${planned.id}/certify"`);
    // a post without confirmation acts on nothing: it is sent to the confirmation page
    const unconfirmed = await adminA.post(`/console/elections/${planned.id}/certify`, {});
    expect(unconfirmed.location).toBe(`/console/elections/${planned.id}/certify`);
    expect((await h.request('GET', `/v1/elections/${planned.id}`, { token }).then((r) => r.json()) as { status: string }).status).toBe('counted');
    const confirm = await adminA.follow(unconfirmed);
    const text = textOf(confirm.html);
    expect(text).toContain('以下内容确认后将不可更改');
    expect(text).toMatch(/社区\s+和平社区居委会 440103002001/);
    expect(text).toMatch(/当选\s+主任：陈主任/);
    expect(text).toContain('发出选票 90，收回 80，有效 80，无效 0');
    expect(confirm.html).toContain('name="confirm" value="yes"');
    const done = await adminA.follow(await adminA.post(`/console/elections/${planned.id}/certify`, { confirm: 'yes' }));
    expect(done.html).toContain('选举结果已认证');
  });
});

describe('report periods chosen by label', () => {
  it('offers 一次性报告 in a select on the province’s template page, no code to type', async () => {
    const province = h.browser(await h.provinceToken());
    const page = await province.get('/console/province/templates');
    expect(page.status).toBe(200);
    expect(selectOf(page.html, 'period')).toContain('<option value="once" selected="">一次性报告</option>');
    expect(textOf(page.html)).not.toContain('一次性报告填 once');
  });
});

describe('the election form and the committee’s agreed size (#22)', () => {
  it('names the agreed size beside the seats, and registers the plan once it states why', async () => {
    const token = await h.cityToken('4401');
    const created = await h.request('POST', '/v1/committees', { token, json: { communityCode: '440118100001' } });
    const { id } = (await created.json()) as { id: string };
    expect((await h.request('PUT', `/v1/committees/${id}/size`, { token, json: { size: 7, representatives: 41, consenting: 30, agreedOn: '2026-10-10' } })).status).toBe(200);
    const rows = Object.assign({}, ...slateCandidates.map((c, i) => ({
      [`c.${i}.name`]: c.name, [`c.${i}.gender`]: c.gender, [`c.${i}.birthYear`]: String(c.birthYear), [`c.${i}.position`]: c.position, [`c.${i}.phone`]: c.phone, [`c.${i}.idNumber`]: c.idNumber,
    })));
    const plan = { community: '440118100001', electionDate: '2026-11-20', mode: 'all_residents', chair: '1', vice_chair: '1', member: '3', registeredVoters: '100', rows: '10', ...rows };
    const bad = await adminA.post('/console/elections/new', plan);
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'member')).toContain('议定的居委会职数 7 名');
    const saved = await adminA.follow(await adminA.post('/console/elections/new', { ...plan, seatsReason: '补选：只补三名缺额' }));
    expect(saved.html).toContain('选举方案已登记');
    expect(textOf(saved.html)).toContain('职数说明：补选：只补三名缺额');
  });
});
