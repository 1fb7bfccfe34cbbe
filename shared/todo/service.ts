import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { cityRoles, provinceRoles, requireCity, requireProvince, unitCovers } from '../auth/principal.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { electionStatusSql, latestTallySql } from '../elections/service.js';
import { notFound } from '../errors.js';
import { msg as unitMsg } from '../notifications/messages.js';
import { trainingComplianceFigures } from '../training/metrics.js';
import { cityTodoKinds, provinceTodoKinds, todoKindApplies, todoKindLabels, type TodoKind } from './rules.js';
import type { TodoInput, TodoView } from './schemas.js';

const count = async (tx: Tx, query: ReturnType<typeof sql>): Promise<number> => rowsOf<{ n: number }>(await tx.execute(query))[0]?.n ?? 0;

const item = (kind: TodoKind, n: number) => ({ kind, count: n, label: todoKindLabels[kind].label });

/** The last day of the month of an ISO date. */
function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${day.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

/**
 * 待办 for the caller: for a city user, what is waiting under their unit (or a unit below it); for the province, what
 * the cities sent. Every count runs in the caller's own tenant transaction (RLS), so a city counts only its rows and
 * the province only what its policies let it read. Kinds the caller's role does not act on are left out.
 */
export async function getTodo({ ctx, input }: Call<TodoInput>): Promise<TodoView> {
  const day = shanghaiDate(ctx.clock.now());
  if (ctx.principal.kind === 'province') {
    const principal = requireProvince(ctx.principal, provinceRoles);
    if (input.unit) throw notFound(unitMsg.unit_not_found({ unit: input.unit }));
    const kinds = provinceTodoKinds.filter((k) => todoKindApplies(k, principal.role, principal.unit));
    return withTenant(ctx.db, principal, async (tx) => {
      const counts: Record<(typeof provinceTodoKinds)[number], () => Promise<number>> = {
        // the newest version of each city's report that still waits for a decision
        reports_to_review: () =>
          count(tx, sql`select count(*)::int as n from (
            select distinct on (s.tenant_id, s.report_id) s.status from report_snapshots s order by s.tenant_id, s.report_id, s.version desc
          ) latest where latest.status = 'submitted'`),
        // an active city with nothing submitted for a period past its due date (and not yet closed)
        reports_overdue: () =>
          count(tx, sql`select count(*)::int as n from report_periods p cross join tenants t
            where t.status = 'active' and p.due_on < ${day}::date and p.closes_on >= ${day}::date
              and not exists (select 1 from report_snapshots s where s.tenant_id = t.code and s.template_id = p.template_id and s.period = p.period)`),
        spot_check_findings: () => count(tx, sql`select count(*)::int as n from spot_check_units u where u.finding is null`),
      };
      const items = [];
      for (const kind of kinds) items.push(item(kind, await counts[kind]()));
      return { asOf: day, unit: { code: principal.unit, name: ctx.config.provinceName, level: 'province', kind: null }, items, training: [], vacancies: [] };
    });
  }
  const principal = requireCity(ctx.principal, cityRoles);
  if (input.unit && !unitCovers(principal.unit, input.unit)) throw notFound(unitMsg.unit_not_found({ unit: input.unit }));
  const unit = input.unit ?? principal.unit;
  const prefix = `${unit}%`;
  return withTenant(ctx.db, principal, async (tx) => {
    const inForce = sql`(d.valid_from is null or d.valid_from <= ${day}::date) and (d.valid_to is null or d.valid_to > ${day}::date)`;
    // a city's admin approves plans only where the city has no districts (its streets hang under the city itself)
    const approves = unit.length !== 4 || (await count(tx, sql`select count(*)::int as n from divisions d where d.level = 'county' and ${inForce}`)) === 0;
    const kinds = cityTodoKinds.filter((k) => todoKindApplies(k, principal.role, unit) && (k !== 'plans_awaiting_approval' || approves));
    const [own] = rowsOf<{ code: string; name: string; level: string | null; kind: string | null }>(
      await tx.execute(sql`
        select d.code, d.name, d.level, d.kind from divisions d where d.code = ${unit} and ${inForce}
        union all
        select t.code, t.name, 'city', null from tenants t where t.code = ${unit} and not exists (select 1 from divisions d where d.code = ${unit} and ${inForce})`),
    );
    if (!own) throw notFound(unitMsg.unit_not_found({ unit }));
    const training = await trainingComplianceFigures(tx, { unit, day });
    const vacancyRows = rowsOf<{ code: string; name: string; own: boolean; committees: number; seats: number; serving: number; open: number }>(
      await tx.execute(sql`
        with units as (
          select ${unit}::text as code, ${own.name}::text as name, true as own
          union all
          select d.code, d.name, false from divisions d
          where d.parent_code = ${unit} and ${inForce} and (d.level <> 'village' or d.kind = 'residents_committee')
        ),
        seats as (
          select c.community_code, t.id as term_id, s.key as position, s.value::int as seats,
            (select count(*) from committee_members m
              where m.term_id = t.id and m.position = s.key and (m.left_on is null or m.left_on > ${day}::date))::int as serving
          from committees c
          join committee_terms t on t.id = c.current_term_id
          cross join lateral jsonb_each_text(t.seats) s
          where c.community_code like ${prefix}
        )
        select u.code, u.name, u.own,
          count(distinct s.term_id)::int as committees,
          coalesce(sum(s.seats), 0)::int as seats,
          coalesce(sum(s.serving), 0)::int as serving,
          coalesce(sum(greatest(s.seats - s.serving, 0)), 0)::int as open
        from units u left join seats s on s.community_code like u.code || '%'
        group by u.code, u.name, u.own
        order by u.own desc, u.code`),
    );
    const counts: Record<(typeof cityTodoKinds)[number], () => Promise<number>> = {
      plans_awaiting_approval: () => count(tx, sql`select count(*)::int as n from adjustment_plans where status = 'submitted' and approver_unit = ${unit}`),
      elections_to_certify: () =>
        count(tx, sql`select count(*)::int as n from (
          select ${electionStatusSql} as status from elections e ${latestTallySql} where e.community_code like ${prefix}
        ) listed where listed.status = 'counted'`),
      training_overdue: async () => training?.unit.overdue ?? 0,
      invitations_unanswered: () =>
        count(tx, sql`select count(*)::int as n from conference_invitations i
          join conference_occurrences o on o.id = i.occurrence_id
          join conference_series s on s.id = o.series_id
          where i.reply = 'pending' and o.status = 'scheduled' and o.starts_at > ${ctx.clock.now().toISOString()}::timestamptz and s.convener_unit like ${prefix}`),
      resolutions_overdue: () =>
        count(tx, sql`select count(*)::int as n from conference_resolutions r
          join conference_series s on s.id = r.series_id
          where r.status = 'open' and r.due_date < ${day}::date and (s.convener_unit like ${prefix} or r.owner_unit like ${prefix})`),
      committee_vacancies: async () => vacancyRows.find((r) => r.own)?.open ?? 0,
      // a period open today and due by the month's end, for which the city has sent nothing yet
      reports_due: () =>
        count(tx, sql`select count(*)::int as n from report_periods p
          where p.opens_on <= ${day}::date and p.closes_on >= ${day}::date and p.due_on <= ${monthEnd(day)}::date
            and not exists (select 1 from report_snapshots s where s.template_id = p.template_id and s.period = p.period)`),
      // the newest version the city sent was returned, and it has not sent a revision
      reports_returned: () =>
        count(tx, sql`select count(*)::int as n from (
          select distinct on (s.report_id) s.status from report_snapshots s order by s.report_id, s.version desc
        ) latest where latest.status = 'returned'`),
    };
    const items = [];
    for (const kind of kinds) items.push(item(kind, await counts[kind]()));
    return {
      asOf: day,
      unit: own,
      items,
      training: (training?.children ?? []).map(({ code, name, members, trainedOnTime, trainedLate, pending, overdue }) => ({ code, name, members, trainedOnTime, trainedLate, pending, overdue })),
      vacancies: vacancyRows.filter((r) => !r.own).map(({ code, name, committees, seats, serving, open }) => ({ code, name, committees, seats, serving, open })),
    };
  });
}
