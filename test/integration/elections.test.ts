import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.js';
import { electionResults } from '../../db/schema/index.js';
import { databaseError } from '../support/errors.js';
import { certifiedElection, electionPlan, planElection, sheetFor, slateCandidates, testPhone, winningVotes, type ElectionBody } from '../support/elections.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
let street: string;

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
const phones = slateCandidates.map((c) => c.phone);
const ids = slateCandidates.map((c) => c.idNumber);
const plaintexts = [...phones, ...ids];
const expectNoPlaintext = (text: string) => {
  for (const p of plaintexts) expect(text).not.toContain(p);
};

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  admin = await h.cityToken('4401');
  street = await h.cityToken('4401', 'street_officer', '440103002');
  for (const [tenant, file] of [['4401', 'divisions-4401.csv'], ['4403', 'divisions-4403.csv']] as const) {
    const res = await h.request('POST', '/v1/divisions/import', { token: await h.cityToken(tenant), body: readFileSync(`test/fixtures/${file}`, 'utf8'), contentType: 'text/csv' });
    expect(res.status).toBe(200);
  }
});
afterAll(async () => {
  await h?.close();
});

async function count(election: ElectionBody, votes: Record<string, number>, over: Record<string, unknown> = {}, token = street): Promise<ElectionBody> {
  const res = await h.request('POST', `/v1/elections/${election.id}/results`, { token, json: sheetFor(election, votes, over) });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<ElectionBody>(res);
}
const outcomeOf = (e: ElectionBody, name: string) => {
  const round = e.rounds.at(-1)!;
  const id = round.candidates.find((c) => c.name === name)!.id;
  return round.result!.tally.candidates.find((c) => c.candidateId === id)!.outcome;
};

describe('the tally over HTTP', () => {
  it('holds a round where exactly half the registered voters voted to be invalid, and one more to be valid', async () => {
    const election = await planElection(h, street, electionPlan('440103002002'));
    const half = await count(election, { 陈主任: 50, 黄副一: 50, 吴副二: 50, 郑委一: 50, 王委二: 50, 冯委三: 50, 蔡委四: 50 }, { ballotsReturned: 50, validBallots: 50 });
    expect(half.rounds[0]!.result!.tally).toMatchObject({ valid: false, elected: [], furtherRoundNeeded: true });
    expect(half.status).toBe('further_round_needed');
    const overHalf = await count(election, { 陈主任: 51, 黄副一: 51, 吴副二: 51, 郑委一: 51, 王委二: 51, 冯委三: 51, 蔡委四: 51 }, { ballotsReturned: 51, validBallots: 51 });
    expect(overHalf.rounds[0]!.result!.tally.valid).toBe(true);
    expect(overHalf.rounds[0]!.result!.tally.elected).toHaveLength(7);
  });

  it('does not elect with exactly half the ballots returned, invalid ones counted, and sends the seat to a further round', async () => {
    const election = await planElection(h, street, electionPlan('440103002001'));
    const counted = await count(election, { ...winningVotes, 陈主任: 40, 林候选: 30 }, { validBallots: 75, invalidBallots: 5 });
    expect(counted.rounds[0]!.result!.tally.votesNeeded).toBe(41);
    expect(outcomeOf(counted, '陈主任')).toBe('below_threshold');
    expect(counted.rounds[0]!.result!.tally.unfilledSeats).toEqual({ chair: 1 });

    const early = await h.request('POST', `/v1/elections/${election.id}/certify`, { token: street, json: {} });
    expect(early.status).toBe(422);

    const chairs = counted.rounds[0]!.candidates.filter((c) => c.position === 'chair').map((c) => c.id);
    const round2 = await json<ElectionBody>(await h.request('POST', `/v1/elections/${election.id}/rounds`, { token: street, json: { heldOn: '2026-11-27', carryOver: chairs } }));
    expect(round2.rounds).toHaveLength(2);
    expect(round2.rounds[1]!.candidates.map((c) => c.name).sort()).toEqual(['林候选', '陈主任'].sort());
    expect(round2.rounds[1]!.candidates[0]!.phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    // One seat and one mark per ballot: a tie can never be over half, so it leaves the seat unfilled.
    const tied = await count(round2, { 陈主任: 41, 林候选: 41 }, { ballotsReturned: 82, validBallots: 82 });
    expect([outcomeOf(tied, '陈主任'), outcomeOf(tied, '林候选')]).toEqual(['below_threshold', 'below_threshold']);
    expect(tied.rounds[1]!.result!.tally.furtherRoundNeeded).toBe(true);

    const recount = await count(round2, { 陈主任: 50, 林候选: 32 }, { ballotsReturned: 82, validBallots: 82 });
    expect(outcomeOf(recount, '陈主任')).toBe('elected');
    const certified = await json<ElectionBody>(await h.request('POST', `/v1/elections/${election.id}/certify`, { token: street, json: {} }));
    expect(certified.status).toBe('certified');
    const committee = await json<{ members: { name: string; position: string }[] }>(await h.request('GET', `/v1/committees/${certified.committeeId}`, { token: street }));
    expect(committee.members.find((m) => m.position === 'chair')!.name).toBe('陈主任');
    expect(committee.members).toHaveLength(7);
  });

  it('leaves a tie for the last vice-chair seat to a further round and elects the one above it', async () => {
    const election = await planElection(h, admin, electionPlan('440104001001'));
    const counted = await count(election, { ...winningVotes, 黄副一: 55, 吴副二: 45, 周副三: 45 }, {}, admin);
    expect([outcomeOf(counted, '黄副一'), outcomeOf(counted, '吴副二'), outcomeOf(counted, '周副三')]).toEqual(['elected', 'tied_at_last_seat', 'tied_at_last_seat']);
    expect(counted.rounds[0]!.result!.tally.unfilledSeats).toEqual({ vice_chair: 1 });
    const tied = counted.rounds[0]!.candidates.filter((c) => c.name === '吴副二' || c.name === '周副三').map((c) => c.id);
    const round2 = await json<ElectionBody>(await h.request('POST', `/v1/elections/${election.id}/rounds`, { token: admin, json: { heldOn: '2026-11-21', carryOver: tied } }));
    expect(round2.rounds[1]!.candidates).toHaveLength(2);
    const decided = await count(round2, { 吴副二: 50, 周副三: 30 }, {}, admin);
    expect(decided.status).toBe('counted');
  });

  it('names the fields of a sheet that does not add up', async () => {
    const election = await planElection(h, admin, electionPlan('440104001001'));
    const res = await h.request('POST', `/v1/elections/${election.id}/results`, { token: admin, json: sheetFor(election, winningVotes, { validBallots: 70 }) });
    expect(res.status).toBe(400);
    expect((await json<{ errors: { path: string }[] }>(res)).errors.map((e) => e.path)).toContain('ballotsReturned');
    const seats = await h.request('POST', '/v1/elections', { token: admin, json: electionPlan('440104001001', { seats: { chair: 1, member: 3 } }) });
    expect(seats.status).toBe(400);
    expect((await json<{ errors: { path: string }[] }>(seats)).errors.map((e) => e.path)).toEqual(['seats']);
    const badId = await h.request('POST', '/v1/elections', { token: admin, json: electionPlan('440104001001', { candidates: [{ ...slateCandidates[0], idNumber: '440103197501010121' }] }) });
    expect((await json<{ errors: { path: string }[] }>(badId)).errors.map((e) => e.path)).toEqual(['body.candidates.0.idNumber']);
  });

  it('refuses a sheet with more ballots returned than issued, naming the field, and stores nothing (#22)', async () => {
    const election = await planElection(h, admin, electionPlan('440104001001'));
    const res = await h.request('POST', `/v1/elections/${election.id}/results`, {
      token: admin,
      json: sheetFor(election, winningVotes, { ballotsIssued: 80, ballotsReturned: 90, validBallots: 90, invalidBallots: 0 }),
    });
    expect(res.status).toBe(400);
    const problem = await json<{ errors: { path: string; code: string; message: string }[] }>(res);
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'ballotsReturned', code: 'ballots_returned_over_issued' })]);
    expect(problem.errors[0]!.message).toContain('收回选票（90）多于发出选票（80）');
    const stored = await json<ElectionBody>(await h.request('GET', `/v1/elections/${election.id}`, { token: admin }));
    expect(stored.status).toBe('planned');
    expect(stored.rounds[0]!.result).toBeNull();
  });

  it('holds an election’s seats to the committee’s agreed size, or the plan states why (#22)', async () => {
    const first = await planElection(h, admin, electionPlan('440118100001'));
    const size = await h.request('PUT', `/v1/committees/${first.committeeId}/size`, { token: admin, json: { size: 7, representatives: 41, consenting: 30, agreedOn: '2026-10-10' } });
    expect(size.status, await size.clone().text()).toBe(200);
    const five = { chair: 1, vice_chair: 1, member: 3 };
    const refused = await h.request('POST', '/v1/elections', { token: admin, json: electionPlan('440118100001', { seats: five }) });
    expect(refused.status).toBe(422);
    const problem = await json<{ rule: string; errors: { path: string; code: string; message: string }[] }>(refused);
    expect(problem.rule).toBe('agreed_committee_size');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'body.seats', code: 'seats_differ_from_agreed_size' })]);
    expect(problem.errors[0]!.message).toContain('7');
    const stated = await h.request('POST', '/v1/elections', { token: admin, json: electionPlan('440118100001', { seats: five, seatsReason: '补选：只补缺额' }) });
    expect(stated.status, await stated.clone().text()).toBe(201);
    expect(await json(stated)).toMatchObject({ seats: five, seatsReason: '补选：只补缺额' });
    const seven = await h.request('POST', '/v1/elections', { token: admin, json: electionPlan('440118100001') });
    expect(await json(seven)).toMatchObject({ seatsReason: null });
    // a reason where the seats already match says nothing
    const needless = await h.request('POST', '/v1/elections', { token: admin, json: electionPlan('440118100001', { seatsReason: '无' }) });
    expect(await json(needless)).toMatchObject({ seatsReason: null });
  });

  it('lists each election as its own view summarises it, newest first, and filters by status', async () => {
    const summaryKeys = ['id', 'committeeId', 'communityCode', 'communityName', 'electionDate', 'mode', 'modeLabel', 'seats', 'registeredVoters', 'status'];
    const { items } = await json<{ items: Record<string, unknown>[] }>(await h.request('GET', '/v1/elections', { token: admin }));
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) {
      const full = await json(await h.request('GET', `/v1/elections/${String(item.id)}`, { token: admin }));
      expect(Object.keys(item)).toEqual(summaryKeys);
      expect(item).toEqual(Object.fromEntries(summaryKeys.map((k) => [k, full[k]])));
    }
    const dates = items.map((i) => String(i.electionDate));
    expect(dates).toEqual([...dates].sort().reverse());
    for (const status of new Set(items.map((i) => String(i.status)))) {
      const filtered = await json<{ items: { id: string }[] }>(await h.request('GET', `/v1/elections?status=${status}`, { token: admin }));
      expect(filtered.items.map((i) => i.id)).toEqual(items.filter((i) => i.status === status).map((i) => i.id));
    }
  });
});

describe('the elections list (the shared list query: q, sort, page, size)', () => {
  type Page = { items: { id: string; communityCode: string; communityName: string | null; registeredVoters: number; electionDate: string }[]; total: number; page: number; size: number };
  const list = async (qs: string) => {
    const res = await h.request('GET', `/v1/elections${qs}`, { token: admin });
    expect(res.status, qs).toBe(200);
    return json<Page>(res);
  };

  it('names each community, and pages on the server with the total beside the page', async () => {
    const all = await list('?size=200');
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    expect(all.total).toBe(all.items.length);
    for (const e of all.items) expect(e.communityName, e.communityCode).toMatch(/[\u4e00-\u9fff]/);
    const first = await list('?size=2');
    const second = await list('?size=2&page=2');
    expect([first.page, first.size, second.page]).toEqual([1, 2, 2]);
    expect([first.total, second.total]).toEqual([all.total, all.total]);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(all.items.slice(0, 4).map((e) => e.id));
    const beyond = await list(`?size=2&page=${all.total + 5}`);
    expect(beyond).toEqual({ items: [], total: all.total, page: all.total + 5, size: 2 });
  });

  it('sorts by a named key either way and refuses a key it does not know', async () => {
    const up = (await list('?size=200&sort=registeredVoters')).items.map((e) => e.registeredVoters);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    const down = (await list('?size=200&sort=-registeredVoters')).items.map((e) => e.registeredVoters);
    expect(down).toEqual([...up].reverse());
    const byCommunity = (await list('?size=200&sort=community')).items.map((e) => e.communityCode);
    expect(byCommunity).toEqual([...byCommunity].sort());
    const refused = await h.request('GET', '/v1/elections?sort=registered_voters;drop', { token: admin });
    expect(refused.status).toBe(400);
  });

  it('searches by part of the community’s name', async () => {
    const all = await list('?size=200');
    const target = all.items.find((e) => e.communityName)!;
    const part = target.communityName!.slice(0, 2);
    const found = await list(`?size=200&q=${encodeURIComponent(part)}`);
    expect(found.items.map((e) => e.id)).toContain(target.id);
    expect(found.items.map((e) => e.id)).toEqual(all.items.filter((e) => e.communityName!.includes(part) || e.communityCode.includes(part)).map((e) => e.id));
    expect(found.total).toBe(found.items.length);
    expect(found.total).toBeLessThan(all.total + 1);
    expect(await list(`?q=${encodeURIComponent('没有这个社区')}`)).toMatchObject({ items: [], total: 0 });
    expect((await list('?q=%25')).total).toBe(0); // a wildcard is text, not a pattern
  });
});

describe('certification', () => {
  let first: ElectionBody;

  beforeAll(async () => {
    first = await certifiedElection(h, admin, electionPlan('440103001001'));
  });

  it('starts the term, creates the members and tells training through the outbox, ids only', async () => {
    expect(first.certifications).toHaveLength(1);
    const [outbox] = await h.asOwner<{ body: Record<string, unknown>; queue: string }>(sql`select body, queue from outbox where message_type = 'committee.term_started' and body->>'electionId' = ${first.id}`);
    expect(outbox!.queue).toBe('training-reminders');
    expect(Object.keys(outbox!.body).sort()).toEqual(['committeeId', 'communityCode', 'electionId', 'memberIds', 'tenant', 'termId', 'termStartsOn', 'type', 'version']);
    expect(outbox!.body.memberIds).toHaveLength(7);
    expectNoPlaintext(JSON.stringify(outbox!.body));
    const committee = await json<{ currentTerm: { termNumber: number; endsOn: string }; status: string[] }>(await h.request('GET', `/v1/committees/${first.committeeId}`, { token: admin }));
    expect(committee.currentTerm).toMatchObject({ termNumber: 1, endsOn: '2031-11-20' });
    expect(committee.status).toEqual(['missing_systems']);
  });

  it('chains each certification to the previous one of the city and verifies the chain', async () => {
    const second = await certifiedElection(h, admin, electionPlan('440118100001'));
    expect(second.certifications[0]!.previousHash).not.toBe('0'.repeat(64));
    const verify = await json<{ intact: boolean; breaks: unknown[]; certifications: { matches: boolean }[] }>(await h.request('GET', `/v1/elections/${second.id}/verify`, { token: admin }));
    expect(verify).toMatchObject({ intact: true, breaks: [], certifications: [{ matches: true }] });
  });

  it('refuses an UPDATE or DELETE of a certified row in the database, for the owner as for the application', async () => {
    expect(await databaseError(() => h.asOwner(sql`update election_results set ballots_returned = ballots_returned + 1 where election_id = ${first.id}`))).toMatch(/immutable/);
    expect(await databaseError(() => h.asOwner(sql`delete from election_certifications where election_id = ${first.id}`))).toMatch(/immutable/);
    const principal = { kind: 'city' as const, subject: 'x', tenant: '4401', role: 'city_admin' as const, unit: '4401' };
    expect(await databaseError(() => withTenant(h.database.db, principal, (tx) => tx.update(electionResults).set({ validBallots: 0 })))).toMatch(/permission denied/);
  });

  it('detects a tampered row when the chain is recomputed', async () => {
    await h.asOwner(sql`alter table election_results disable trigger election_results_immutable`);
    await h.asOwner(sql`update election_results set votes = jsonb_set(votes, '{0,votes}', '79') where election_id = ${first.id}`);
    await h.asOwner(sql`alter table election_results enable trigger election_results_immutable`);
    const verify = await json<{ intact: boolean; breaks: { seq: number; problem: string }[]; certifications: { matches: boolean }[] }>(await h.request('GET', `/v1/elections/${first.id}/verify`, { token: admin }));
    expect(verify.intact).toBe(false);
    expect(verify.certifications[0]!.matches).toBe(false);
    expect(verify.breaks).toContainEqual({ seq: first.certifications[0]!.seq, problem: 'content_changed' });
  });

  it('takes a correction only as a new version with a reason that leaves the elected as they were', async () => {
    const election = await certifiedElection(h, admin, electionPlan('440103002001', { electionDate: '2026-12-20' }));
    const noReason = await h.request('POST', `/v1/elections/${election.id}/results`, { token: admin, json: sheetFor(election, winningVotes) });
    expect(noReason.status).toBe(409);
    const corrected = await h.request('POST', `/v1/elections/${election.id}/results`, { token: admin, json: { ...sheetFor(election, { ...winningVotes, 许委五: 31 }), reason: '计票员抄录错误，许委五应为31票' } });
    expect(corrected.status).toBe(201);
    const certified = await json<ElectionBody>(await h.request('POST', `/v1/elections/${election.id}/certify`, { token: admin, json: { reason: '更正计票抄录错误' } }));
    expect(certified.certifications.map((c) => c.termId)).toEqual([certified.certifications[0]!.termId, certified.certifications[0]!.termId]);
    await h.request('POST', `/v1/elections/${election.id}/results`, { token: admin, json: { ...sheetFor(election, { ...winningVotes, 蔡委四: 20, 许委五: 45 }), reason: '改变当选人' } });
    expect((await h.request('POST', `/v1/elections/${election.id}/certify`, { token: admin, json: { reason: '改变当选人' } })).status).toBe(422);
  });
});

describe('personal data', () => {
  let committeeId: string;
  let memberId: string;

  beforeAll(async () => {
    const election = await certifiedElection(h, admin, electionPlan('440118100001', { electionDate: '2026-12-01' }));
    committeeId = election.committeeId;
    const members = await json<{ items: { id: string }[] }>(await h.request('GET', `/v1/committees/${committeeId}/members`, { token: admin }));
    memberId = members.items[0]!.id;
  });

  it('masks phone and ID number in every response that carries a member or candidate', async () => {
    const bodies = [
      await h.request('GET', `/v1/committees/${committeeId}`, { token: admin }),
      await h.request('GET', `/v1/committees/${committeeId}/members?includeFormer=true`, { token: admin }),
      await h.request('GET', `/v1/committees/${committeeId}/members/${memberId}`, { token: admin }),
      await h.request('PATCH', `/v1/committees/${committeeId}/members/${memberId}`, { token: admin, json: { allowanceYuanPerMonth: 800 } }),
      await h.request('POST', `/v1/committees/${committeeId}/social-workers`, { token: admin, json: { name: '社工乙', phone: phones[0], role: '社区社工', hiredOn: '2026-12-02' } }),
      await h.request('POST', '/v1/elections', { token: admin, json: electionPlan('440118100001', { electionDate: '2031-12-01' }) }),
    ];
    const member = await json<{ phone: string; idNumber: string; revealed: boolean }>(bodies[2]!.clone());
    expect(member.phone).toMatch(/^139\*{4}\d{4}$/);
    expect(member.idNumber).toMatch(/^440\*{11}[\dX]{4}$/);
    expect(member.revealed).toBe(false);
    for (const res of bodies) {
      expect(res.status).toBeLessThan(300);
      expectNoPlaintext(await res.text());
    }
  });

  it('reveals in full only to an allowed role, and audits it', async () => {
    const revealed = await json<{ items: { phone: string; idNumber: string }[] }>(await h.request('GET', `/v1/committees/${committeeId}/members?reveal=true`, { token: admin }));
    expect(revealed.items.every((m) => phones.includes(m.phone) && ids.includes(m.idNumber))).toBe(true);
    const audits = await h.asOwner<{ actor: string; detail: { rows: string[] } }>(sql`select actor, detail from audit_log where action = 'personal_data.revealed' and entity_id = ${committeeId}`);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail.rows).toHaveLength(7);
    expectNoPlaintext(JSON.stringify(audits));
    const member = await h.cityToken('4401', 'committee_member', '440118100001');
    const auditor = await h.cityToken('4401', 'auditor', '4401');
    expect((await h.request('GET', `/v1/committees/${committeeId}/members?reveal=true`, { token: member })).status).toBe(403);
    expect((await h.request('GET', `/v1/committees/${committeeId}/members/${memberId}?reveal=true`, { token: auditor })).status).toBe(403);
    expect((await h.request('GET', `/v1/committees/${committeeId}/members`, { token: member })).status).toBe(200);
    const otherStreet = await h.cityToken('4401', 'street_officer', '440103001');
    expect((await h.request('GET', `/v1/committees/${committeeId}/members?reveal=true`, { token: otherStreet })).status).toBe(404);
  });

  it('leaves no plaintext phone or ID number anywhere in the database', async () => {
    const columns = await h.asOwner<{ table_name: string; column_name: string }>(sql`
      select table_name, column_name from information_schema.columns c
      where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
        and exists (select 1 from information_schema.tables t where t.table_schema = 'public' and t.table_name = c.table_name and t.table_type = 'BASE TABLE')`);
    expect(columns.length).toBeGreaterThan(20);
    let scanned = 0;
    for (const { table_name, column_name } of columns) {
      const rows = await h.asOwner<{ v: string | null }>(sql.raw(`select "${column_name}"::text as v from "${table_name}"`));
      for (const { v } of rows) {
        if (v === null) continue;
        scanned += 1;
        for (const p of plaintexts) expect(v, `${table_name}.${column_name}`).not.toContain(p);
      }
    }
    const sealed = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from committee_members where phone_sealed like 'pd1.%' and id_number_sealed like 'pd1.%'`);
    expect(sealed[0]!.n).toBeGreaterThanOrEqual(7);
    expect(scanned).toBeGreaterThan(100);
  });

  it('logs no plaintext either', () => {
    expectNoPlaintext(h.logs.join('\n'));
  });
});

describe('committee flags and authority', () => {
  it('flags missing systems until all three are adopted, and an expired term from its end day', async () => {
    const list = await json<{ items: { id: string; communityCode: string; status: string[] }[] }>(await h.request('GET', '/v1/committees?parent=440103001&status=missing_systems', { token: admin }));
    const sm = list.items.find((c) => c.communityCode === '440103001001')!;
    for (const system of ['representatives_deliberation', 'committee_work', 'democratic_supervision']) {
      const res = await h.request('PUT', `/v1/committees/${sm.id}/systems/${system}`, { token: admin, json: { adoptedOn: '2026-11-22', documentRef: `沙面社居〔2026〕${system.length}号` } });
      expect(res.status).toBe(200);
    }
    const after = await json<{ items: unknown[] }>(await h.request('GET', '/v1/committees?parent=440103001&status=missing_systems', { token: admin }));
    expect(after.items).toEqual([]);
    h.clock.set('2031-11-20T00:00:00+08:00');
    const expired = await json<{ items: { communityCode: string; status: string[] }[] }>(await h.request('GET', '/v1/committees?parent=440103001&status=term_expired', { token: admin }));
    h.clock.set('2026-11-25T02:00:00Z');
    expect(expired.items.map((c) => [c.communityCode, c.status])).toEqual([['440103001001', ['term_expired']]]);
  });

  it('flags a committee that drops below five, and shows the vacancy', async () => {
    const [sm] = (await json<{ items: { id: string }[] }>(await h.request('GET', '/v1/committees?parent=440103001', { token: admin }))).items;
    const members = (await json<{ items: { id: string; position: string }[] }>(await h.request('GET', `/v1/committees/${sm!.id}/members`, { token: admin }))).items.filter((m) => m.position === 'member');
    for (const m of members.slice(0, 3)) {
      expect((await h.request('PATCH', `/v1/committees/${sm!.id}/members/${m.id}`, { token: admin, json: { leftOn: '2026-11-24', departureReason: 'resigned' } })).status).toBe(200);
    }
    const detail = await json<{ status: string[]; serving: number }>(await h.request('GET', `/v1/committees/${sm!.id}`, { token: admin }));
    expect(detail).toMatchObject({ serving: 4, status: ['incomplete'] });
    const vacancies = await json<{ open: { position: string; count: number }[]; departures: unknown[] }>(await h.request('GET', `/v1/committees/${sm!.id}/vacancies`, { token: admin }));
    expect(vacancies.open).toEqual([{ position: 'member', positionLabel: '委员', count: 3 }]);
    expect(vacancies.departures).toHaveLength(3);
  });

  it('keeps a street officer to their street and a committee member to their community', async () => {
    const otherStreet = await h.cityToken('4401', 'street_officer', '440104001');
    expect((await h.request('POST', '/v1/elections', { token: otherStreet, json: electionPlan('440103001001') })).status).toBe(404);
    const member = await h.cityToken('4401', 'committee_member', '440103001001');
    expect((await h.request('POST', '/v1/elections', { token: member, json: electionPlan('440103001001') })).status).toBe(403);
    const list = await json<{ items: { communityCode: string }[] }>(await h.request('GET', '/v1/committees', { token: member }));
    expect(list.items.map((c) => c.communityCode)).toEqual(['440103001001']);
  });
});

describe('working committees and social workers: dissolve and end', () => {
  type Detail = { workingCommittees: { id: string; name: string; establishedOn: string; dissolvedOn: string | null }[]; socialWorkers: { id: string; name: string; phone: string | null; role: string; hiredOn: string; leftOn: string | null }[] };
  type Problem = { code: string; errors?: { path: string; message: string }[] };
  let committeeId: string;
  let otherId: string;
  const base = () => `/v1/committees/${committeeId}`;
  const detailOf = async (query = '', id = committeeId) => json<Detail>(await h.request('GET', `/v1/committees/${id}${query}`, { token: admin }));
  const committeeOf = async (community: string) => {
    const [found] = (await json<{ items: { id: string; communityCode: string }[] }>(await h.request('GET', `/v1/committees?parent=${community.slice(0, 9)}`, { token: admin }))).items.filter((c) => c.communityCode === community);
    if (found) return found.id;
    const res = await h.request('POST', '/v1/committees', { token: admin, json: { communityCode: community } });
    expect(res.status).toBe(201);
    return (await json<{ id: string }>(res)).id;
  };
  /** The audit rows of one record, by action (the test clock stands still, so `at` does not order them). */
  const audits = (entityId: string) =>
    h.asOwner<{ action: string; entity: string; actor_role: string; detail: Record<string, unknown> }>(sql`select action, entity, actor_role, detail from audit_log where entity_id = ${entityId} order by action`);

  beforeAll(async () => {
    committeeId = await committeeOf('440104001001');
    otherId = await committeeOf('440103001001');
    for (const [name, establishedOn] of [['人民调解委员会', '2026-11-01'], ['公共卫生委员会', '2026-11-10']] as const) {
      expect((await h.request('POST', `${base()}/working-committees`, { token: admin, json: { name, establishedOn } })).status).toBe(201);
    }
    expect((await h.request('POST', `${base()}/social-workers`, { token: admin, json: { name: '社工丙', phone: testPhone(90), role: '社区社工', hiredOn: '2026-11-02' } })).status).toBe(201);
  });

  it('renames, then dissolves a working committee: gone from the detail by default, shown with includeFormer=true, audited', async () => {
    const wc = (await detailOf()).workingCommittees.find((w) => w.name === '人民调解委员会')!;
    const clash = await h.request('PATCH', `${base()}/working-committees/${wc.id}`, { token: admin, json: { name: '公共卫生委员会' } });
    expect(clash.status).toBe(409);
    expect((await json<Problem>(clash)).errors).toEqual([{ path: 'body.name', code: 'working_committee_name_used', params: {}, message: '本居委会另一个下属委员会已使用此名称' }]);
    expect((await h.request('PATCH', `${base()}/working-committees/${wc.id}`, { token: admin, json: { name: '人民调解与治安保卫委员会' } })).status).toBe(200);
    const dissolved = await h.request('PATCH', `${base()}/working-committees/${wc.id}`, { token: admin, json: { dissolvedOn: '2026-11-24' } });
    expect(dissolved.status).toBe(200);
    expect((await json<Detail>(dissolved)).workingCommittees).toContainEqual({ id: wc.id, name: '人民调解与治安保卫委员会', establishedOn: '2026-11-01', dissolvedOn: '2026-11-24' });
    expect((await detailOf()).workingCommittees.map((w) => w.name)).toEqual(['公共卫生委员会']);
    expect((await detailOf('?includeFormer=false')).workingCommittees.map((w) => w.name)).toEqual(['公共卫生委员会']);
    expect((await detailOf('?includeFormer=true')).workingCommittees.map((w) => [w.name, w.dissolvedOn])).toEqual([['人民调解与治安保卫委员会', '2026-11-24'], ['公共卫生委员会', null]]);
    expect(await audits(wc.id)).toEqual([
      { action: 'committee.working_committee_dissolved', entity: 'working_committee', actor_role: 'city_admin', detail: { committeeId, fields: ['dissolvedOn'], dissolvedOn: '2026-11-24' } },
      { action: 'committee.working_committee_updated', entity: 'working_committee', actor_role: 'city_admin', detail: { committeeId, fields: ['name'] } },
    ]);
    const again = await h.request('PATCH', `${base()}/working-committees/${wc.id}`, { token: admin, json: { dissolvedOn: '2026-11-25' } });
    expect(again.status).toBe(409);
    expect(await audits(wc.id)).toHaveLength(2);
  });

  it('names the field of a dissolution before the set-up day, after today or not a date, and writes nothing', async () => {
    const wc = (await detailOf()).workingCommittees.find((w) => w.name === '公共卫生委员会')!;
    const refused: [Record<string, unknown>, { path: string; code: string; params: Record<string, string>; message: string }[]][] = [
      [{ dissolvedOn: '2026-11-09' }, [{ path: 'body.dissolvedOn', code: 'on_or_after_named', params: { startName: '设立日期', start: '2026-11-10' }, message: '应不早于设立日期 2026-11-10' }]],
      [{ dissolvedOn: '2026-11-20', establishedOn: '2026-11-21' }, [{ path: 'body.dissolvedOn', code: 'on_or_after_named', params: { startName: '设立日期', start: '2026-11-21' }, message: '应不早于设立日期 2026-11-21' }]],
      [{ dissolvedOn: '2026-11-26' }, [{ path: 'body.dissolvedOn', code: 'not_after_today', params: { day: '2026-11-25' }, message: '不能晚于今天（2026-11-25）' }]],
      [{ dissolvedOn: '2026-02-30' }, [{ path: 'body.dissolvedOn', code: 'date_format', params: {}, message: '日期格式应为 YYYY-MM-DD' }]],
      [{ dissolvedOn: '2026-11-24', reason: '合并' }, [{ path: 'body.reason', code: 'unknown_field', params: {}, message: '不接受此字段' }]],
      [{}, [{ path: 'body', code: 'nothing_to_change', params: {}, message: '没有要修改的内容' }]],
    ];
    for (const [body, errors] of refused) {
      const res = await h.request('PATCH', `${base()}/working-committees/${wc.id}`, { token: admin, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json<Problem>(res)).errors, JSON.stringify(body)).toEqual(errors);
    }
    expect((await detailOf()).workingCommittees).toContainEqual({ ...wc, dissolvedOn: null });
    expect(await audits(wc.id)).toEqual([]);
    const byCommittee = await h.cityToken('4401', 'committee_member', '440104001001');
    expect((await h.request('PATCH', `${base()}/working-committees/${wc.id}`, { token: byCommittee, json: { dissolvedOn: '2026-11-25' } })).status).toBe(200);
    expect((await detailOf()).workingCommittees).toEqual([]);
    expect((await audits(wc.id)).map((a) => [a.action, a.actor_role])).toEqual([['committee.working_committee_dissolved', 'committee_member']]);
  });

  it('corrects a social worker’s phone (sealed) and role, then ends the engagement on a day the service’s clock allows', async () => {
    const sw = (await detailOf()).socialWorkers.find((w) => w.name === '社工丙')!;
    const corrected = await h.request('PATCH', `${base()}/social-workers/${sw.id}`, { token: admin, json: { phone: testPhone(91), role: '养老服务社工' } });
    expect(corrected.status).toBe(200);
    const text = await corrected.text();
    expect(text).not.toContain(testPhone(91));
    expect((JSON.parse(text) as Detail).socialWorkers).toContainEqual({ ...sw, phone: '139****0091', role: '养老服务社工' });
    const [row] = await h.asOwner<{ phone_sealed: string }>(sql`select phone_sealed from social_workers where id = ${sw.id}`);
    expect(row!.phone_sealed).toMatch(/^pd1\./);
    expect(row!.phone_sealed).not.toContain(testPhone(91));
    for (const [leftOn, code, params, message] of [
      ['2026-11-01', 'on_or_after_named', { startName: '入职日期', start: '2026-11-02' }, '应不早于入职日期 2026-11-02'],
      ['2026-11-26', 'not_after_today', { day: '2026-11-25' }, '不能晚于今天（2026-11-25）'],
    ] as const) {
      const res = await h.request('PATCH', `${base()}/social-workers/${sw.id}`, { token: admin, json: { leftOn } });
      expect(res.status).toBe(400);
      expect((await json<Problem>(res)).errors).toEqual([{ path: 'body.leftOn', code, params, message }]);
    }
    const badPhone = await h.request('PATCH', `${base()}/social-workers/${sw.id}`, { token: admin, json: { phone: '12345' } });
    expect((await json<Problem>(badPhone)).errors?.map((e) => e.path)).toEqual(['body.phone']);
    h.clock.set('2026-11-26T02:00:00Z');
    try {
      const ended = await h.request('PATCH', `${base()}/social-workers/${sw.id}`, { token: admin, json: { leftOn: '2026-11-26' } });
      expect(ended.status).toBe(200);
      expect((await detailOf()).socialWorkers).toEqual([]);
      expect((await detailOf('?includeFormer=true')).socialWorkers).toEqual([{ ...sw, phone: '139****0091', role: '养老服务社工', leftOn: '2026-11-26' }]);
    } finally {
      h.clock.set('2026-11-25T02:00:00Z');
    }
    expect((await h.request('PATCH', `${base()}/social-workers/${sw.id}`, { token: admin, json: { role: '社工' } })).status).toBe(409);
    expect(await audits(sw.id)).toEqual([
      { action: 'committee.social_worker_hired', entity: 'social_worker', actor_role: 'city_admin', detail: { committeeId } },
      { action: 'committee.social_worker_left', entity: 'social_worker', actor_role: 'city_admin', detail: { committeeId, fields: ['leftOn'], leftOn: '2026-11-26' } },
      { action: 'committee.social_worker_updated', entity: 'social_worker', actor_role: 'city_admin', detail: { committeeId, fields: ['phone', 'role'] } },
    ]);
  });

  it('is 404 for another committee’s, street’s or city’s ids, 403 for a read-only role, and writes nothing', async () => {
    expect((await h.request('POST', `${base()}/working-committees`, { token: admin, json: { name: '治安保卫委员会', establishedOn: '2026-11-20' } })).status).toBe(201);
    expect((await h.request('POST', `${base()}/social-workers`, { token: admin, json: { name: '社工丁', role: '社区社工', hiredOn: '2026-11-20' } })).status).toBe(201);
    const before = await detailOf('?includeFormer=true');
    const wc = before.workingCommittees.find((w) => w.name === '治安保卫委员会')!;
    const sw = before.socialWorkers.find((w) => w.name === '社工丁')!;
    const auditsBefore = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    const attempts: [string, string, number][] = [
      [admin, `/v1/committees/${otherId}/working-committees/${wc.id}`, 404],
      [admin, `/v1/committees/${otherId}/social-workers/${sw.id}`, 404],
      [admin, `${base()}/working-committees/${sw.id}`, 404],
      [admin, `${base()}/social-workers/${wc.id}`, 404],
      [await h.cityToken('4401', 'street_officer', '440103001'), `${base()}/working-committees/${wc.id}`, 404],
      [await h.cityToken('4401', 'committee_member', '440103001001'), `${base()}/social-workers/${sw.id}`, 404],
      [await h.cityToken('4403'), `${base()}/working-committees/${wc.id}`, 404],
      [await h.cityToken('4403'), `${base()}/social-workers/${sw.id}`, 404],
      [await h.cityToken('4401', 'auditor'), `${base()}/working-committees/${wc.id}`, 403],
      [await h.cityToken('4401', 'auditor'), `${base()}/social-workers/${sw.id}`, 403],
    ];
    for (const [token, path, status] of attempts) {
      const res = await h.request('PATCH', path, { token, json: path.includes('working') ? { dissolvedOn: '2026-11-25' } : { leftOn: '2026-11-25' } });
      expect(res.status, path).toBe(status);
      expect(await res.text()).not.toContain('治安保卫');
    }
    expect(await detailOf('?includeFormer=true')).toEqual(before);
    expect(await h.asOwner<{ n: number }>(sql`select count(*)::int as n from audit_log`)).toEqual(auditsBefore);
  });
});

describe('offboarding', () => {
  it('destroys the tenant’s data key with its rows, certified results included', async () => {
    const shenzhen = await h.cityToken('4403');
    const [community] = await h.asOwner<{ code: string }>(sql`select code from divisions where tenant_id = '4403' and kind = 'residents_committee' order by code limit 1`);
    await certifiedElection(h, shenzhen, electionPlan(community!.code));
    expect(await h.asOwner(sql`select 1 from tenant_data_keys where tenant_id = '4403'`)).toHaveLength(1);
    const province = await h.provinceToken();
    expect((await h.request('POST', '/v1/tenants/4403/deactivate', { token: province })).status).toBe(200);
    const res = await h.request('DELETE', '/v1/tenants/4403', { token: province });
    expect(res.status).toBe(200);
    expect((await json<{ removed: Record<string, number> }>(res)).removed).toMatchObject({ tenant_data_keys: 1, election_certifications: 1 });
    expect(await h.asOwner(sql`select 1 from tenant_data_keys where tenant_id = '4403'`)).toHaveLength(0);
    expect(await h.asOwner(sql`select 1 from election_results where tenant_id = '4403'`)).toHaveLength(0);
  });
});
