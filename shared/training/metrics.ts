import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { cityRoles, requireCity } from '../auth/principal.js';
import type { Call } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { statedRule, type StatedRule } from '../i18n.js';
import { msg, trainingMessages } from './messages.js';
import { obligationStatusSql, scopeOf, today } from './service.js';
import { msg as notificationsMsg } from '../notifications/messages.js';
import { common } from '../messages.js';

export interface ComplianceFigures {
  code: string;
  name: string;
  members: number;
  trainedOnTime: number;
  trainedLate: number;
  pending: number;
  overdue: number;
  onTimeRate: number | null;
}

interface FigureRow {
  code: string;
  name: string;
  own: boolean;
  members: number;
  met: number;
  late: number;
  pending: number;
  overdue: number;
}

/**
 * 一年内轮训一遍, the one rule every training-completion figure follows (the training page's and the city report's):
 * on the cut-off day, each obligation of a member elected by then is met, late, pending, overdue or no longer applies
 * (obligationStatusSql). Rows of (community, status) under a unit.
 */
export const obligationStatusesAsOf = (unit: string, day: string): SQL => sql`
  select o.community_code, ${obligationStatusSql(day)} as status
  from training_obligations o join committee_members m on m.id = o.member_id
  where o.community_code like ${`${unit}%`} and o.election_date <= ${day}::date`;

/** The counts over statuses `s`: members whose obligation applies (the denominator), met, late, pending, overdue. */
export const completionCountsSql = sql`
  count(s.status) filter (where s.status <> 'not_applicable')::int as members,
  count(s.status) filter (where s.status = 'met')::int as met,
  count(s.status) filter (where s.status = 'late')::int as late,
  count(s.status) filter (where s.status = 'pending')::int as pending,
  count(s.status) filter (where s.status = 'overdue')::int as overdue`;

/** The rule stated beside the figures, for a cut-off day. */
export const complianceRule = (cutOff: string): StatedRule => statedRule(trainingMessages['training.rule.compliance']({ cutOff }));

/**
 * Training completion for a unit and each unit directly below it, on a day. Runs in the caller's tenant transaction.
 */
export async function trainingComplianceFigures(tx: Tx, input: { unit: string; day: string }): Promise<{ unit: ComplianceFigures; children: ComplianceFigures[] } | null> {
  const { unit, day } = input;
  const inForce = sql`(d.valid_from is null or d.valid_from <= ${day}::date) and (d.valid_to is null or d.valid_to > ${day}::date)`;
  const rows = rowsOf<FigureRow>(await tx.execute(sql`
    with units as (
      select d.code, d.name, true as own from divisions d where d.code = ${unit} and ${inForce}
      union all
      select t.code, t.name, true from tenants t where t.code = ${unit} and not exists (select 1 from divisions d where d.code = ${unit} and ${inForce})
      union all
      select d.code, d.name, false from divisions d
      where d.parent_code = ${unit} and ${inForce} and (d.level <> 'village' or d.kind = 'residents_committee')
    ),
    statuses as (${obligationStatusesAsOf(unit, day)})
    select u.code, u.name, u.own, ${completionCountsSql}
    from units u left join statuses s on s.community_code like u.code || '%'
    group by u.code, u.name, u.own
    order by u.own desc, u.code`));
  const own = rows.find((r) => r.own);
  if (!own) return null;
  const figures = (r: FigureRow): ComplianceFigures => ({
    code: r.code, name: r.name, members: r.members, trainedOnTime: r.met, trainedLate: r.late, pending: r.pending, overdue: r.overdue,
    onTimeRate: r.members ? Math.round((r.met / r.members) * 10_000) / 10_000 : null,
  });
  return { unit: figures(own), children: rows.filter((r) => !r.own).map(figures) };
}

/** 培训完成情况 as of today, or as of an earlier cut-off day (`asOf`), with its rule. */
export async function getTrainingCompliance({ ctx, input }: Call<{ unit?: string | undefined; asOf?: string | undefined }>) {
  const principal = requireCity(ctx.principal, cityRoles);
  const unit = scopeOf(principal, input.unit);
  const now = today(ctx);
  if (input.asOf && input.asOf > now) {
    throw new AppError('validation_failed', common.request_invalid({ part: common.request_part_query() }), {
      errors: [{ path: 'asOf', message: msg.as_of_in_future({ today: now }) }],
    });
  }
  const day = input.asOf ?? now;
  return withTenant(ctx.db, principal, async (tx) => {
    const result = await trainingComplianceFigures(tx, { unit, day });
    if (!result) throw notFound(notificationsMsg.unit_not_found({ unit }));
    return { asOf: day, rule: complianceRule(day), ...result };
  });
}
