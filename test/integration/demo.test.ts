import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type DemoOutcome } from '../../functions/local/demo/index.js';
import { runConferenceWorker } from '../support/conferences.js';
import { createHarness, PROVINCE, sql, type Harness } from '../support/harness.js';
import { runTrainingWorker } from '../support/training.js';

/**
 * `npm run demo` against the app in-process, on the harness's fixed clock (2026-11-25): every module has rows for 珠海,
 * a second run adds none, and the province has reports from every demo city to compare. The queue workers the stack
 * would run are played in-process whenever the demo waits for them.
 */

const tenantTables = [
  'committees', 'committee_members', 'committee_systems', 'working_committees', 'social_workers', 'community_profiles',
  'adjustment_plans', 'elections', 'election_certifications', 'training_programmes', 'training_plans', 'training_sessions', 'training_enrolments',
  'training_completions', 'training_obligations', 'member_units', 'conference_series', 'conference_occurrences', 'conference_invitations',
  'facilities', 'service_units', 'volunteer_organisations', 'volunteers', 'time_bank_entries', 'reform_pilots', 'reform_demonstrations',
  'self_inspections', 'inspection_submissions', 'reports', 'report_snapshots',
  'assemblies', 'assembly_representatives', 'assembly_meetings', 'assembly_decisions', 'assembly_work_reports', 'assembly_evaluations',
] as const;

let h: Harness;
const lines: string[] = [];
let first: DemoOutcome;

const demo = (now: Date = h.clock.now()) => runDemo({
  send: (method, path, init) => Promise.resolve(h.app.request(path, { method, headers: init.headers, body: init.body })),
  mint: (claims) => h.token(claims),
  provinceCode: PROVINCE,
  now,
  settle: async () => {
    await runTrainingWorker(h);
    await runConferenceWorker(h);
  },
  log: (line) => lines.push(line),
});

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await h.asOwner<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const rows = await h.asOwner<{ t: string; n: number }>(sql.raw(tables.map((t) => `select '${t.table_name}' as t, count(*)::int as n from "${t.table_name}"`).join(' union all ')));
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

async function zhuhaiRows(table: string): Promise<number> {
  const [row] = await h.asOwner<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}" where tenant_id = '4404'`));
  return row!.n;
}

beforeAll(async () => {
  h = await createHarness();
  first = await demo();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('npm run demo', () => {
  it('runs clean the first time', () => {
    expect(first.failed, lines.join('\n')).toBe(0);
    expect(Object.values(first.created).every((n) => n > 0), JSON.stringify(first.created)).toBe(true);
  });

  it.each(tenantTables)('fills %s for 珠海', async (table) => {
    expect(await zhuhaiRows(table)).toBeGreaterThan(0);
  });

  it('has elections in every state, and training on time, late, still due and overdue', async () => {
    const token = await h.cityToken('4404');
    for (const status of ['planned', 'counted', 'further_round_needed', 'certified']) {
      const page = (await (await h.request('GET', `/v1/elections?status=${status}`, { token })).json()) as { total: number };
      expect(page.total, status).toBeGreaterThan(0);
    }
    const statuses = await h.asOwner<{ status: string }>(sql`select distinct o.state || ':' || case when o.completed_on is null then case when o.due_on < '2026-11-25' then 'overdue' else 'pending' end when o.completed_on <= o.due_on then 'met' else 'late' end as status from training_obligations o where o.tenant_id = '4404'`);
    expect(statuses.map((s) => s.status).sort()).toEqual(['completed:late', 'completed:met', 'open:overdue', 'open:pending']);
  });

  it('has the province see submitted reports with committees from every demo city, one of 珠海’s returned with a comment and one accepted', async () => {
    const province = await h.provinceToken();
    const templates = (await (await h.request('GET', '/v1/report-templates', { token: province })).json()) as { items: Array<{ id: string; code: string; periods: Array<{ period: string }> }> };
    const seen = new Map<string, string[]>();
    for (const t of templates.items) {
      for (const p of t.periods) {
        const { items } = (await (await h.request('GET', `/v1/province/reports?template=${t.id}&period=${p.period}`, { token: province })).json()) as { items: Array<{ tenantId: string; status: string; reviewComment: string | null; figures: Record<string, { value: number | null }> }> };
        for (const s of items) expect(s.figures.committees_complete?.value, `${s.tenantId} ${t.code}`).toBeGreaterThan(0);
        for (const s of items) seen.set(s.tenantId, [...(seen.get(s.tenantId) ?? []), `${t.code}:${s.status}${s.reviewComment ? ' with comment' : ''}`]);
      }
    }
    expect([...seen.keys()].sort()).toEqual(['4404', '4419', '4420']);
    expect(seen.get('4404')!.sort()).toEqual(['community_half_year:accepted with comment', 'reform_completion:returned with comment']);
  });

  it('publishes the public page of every community with a certified election (居务公开), with its hotline and some public resolutions', async () => {
    const res = await h.request('GET', '/v1/public/cities/4404/communities/440402001001');
    expect(res.status).toBe(200);
    const page = (await res.json()) as { committee: { serviceHotline: string }; members: unknown[]; election: { rounds: unknown[] } | null; conferences: { resolutions: unknown[] } };
    expect(page.committee.serviceHotline).toBe('0756-2201001');
    expect(page.members).toHaveLength(7);
    expect(page.election?.rounds).toHaveLength(1);
    expect(page.conferences.resolutions.length).toBeGreaterThan(0);
    expect((await h.request('GET', '/v1/public/cities/4404/communities/440402001004')).status).toBe(404);
  });

  it('changes nothing when run again', async () => {
    const before = await rowCounts();
    lines.length = 0;
    const again = await demo();
    expect(again.failed, lines.join('\n')).toBe(0);
    expect(Object.values(again.created).every((n) => n === 0), JSON.stringify(again.created)).toBe(true);
    expect(await rowCounts()).toEqual(before);
  }, 60_000);

  const heldMeetings = () => h.asOwner<{ title: string; n: number }>(sql`select s.title, count(*)::int as n from conference_occurrences o join conference_series s on s.id = o.series_id where o.tenant_id = '4404' and o.status = 'held' group by s.title order by s.title`);

  it('records the past year of meetings after the fact: monthly since 2025-11-15, quarterly since 2025-11-20, a resolution each', async () => {
    expect(await heldMeetings()).toEqual([{ title: '梅华街道社区工作联席会议', n: 5 }, { title: '翠香街道社区工作联席会议', n: 13 }]);
    expect(await zhuhaiRows('conference_resolutions')).toBe(18);
  });

  it('records the minutes of the meetings held since, when run again later', async () => {
    h.clock.set('2026-12-20T08:00:00Z');
    lines.length = 0;
    const later = await demo();
    expect(later.failed, lines.join('\n')).toBe(0);
    // 翠香's meeting of 2026-12-15 was scheduled by the API and has its minutes now; 梅华's next is in February
    expect(await heldMeetings()).toEqual([{ title: '梅华街道社区工作联席会议', n: 5 }, { title: '翠香街道社区工作联席会议', n: 14 }]);
    expect(await zhuhaiRows('conference_resolutions')).toBe(19);
  }, 60_000);
});
