import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { cityRoles, requireCity } from '../auth/principal.js';
import type { Call } from '../context.js';
import { notFound } from '../errors.js';
import { obligationStatusSql, scopeOf, today } from './service.js';
import { msg as notificationsMsg } from '../notifications/messages.js';

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
 * 一年内轮训一遍 for a unit and each unit directly below it, on a day: members whose obligation still applies, trained on
 * time, trained late, pending and overdue. Runs in the caller's tenant transaction, so reporting reads the same figures.
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
    statuses as (
      select o.community_code, ${obligationStatusSql(day)} as status
      from training_obligations o join committee_members m on m.id = o.member_id
      where o.community_code like ${`${unit}%`}
    )
    select u.code, u.name, u.own,
      count(s.status) filter (where s.status <> 'not_applicable')::int as members,
      count(s.status) filter (where s.status = 'met')::int as met,
      count(s.status) filter (where s.status = 'late')::int as late,
      count(s.status) filter (where s.status = 'pending')::int as pending,
      count(s.status) filter (where s.status = 'overdue')::int as overdue
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

export async function getTrainingCompliance({ ctx, input }: Call<{ unit?: string | undefined }>) {
  const principal = requireCity(ctx.principal, cityRoles);
  const unit = scopeOf(principal, input.unit);
  const day = today(ctx);
  return withTenant(ctx.db, principal, async (tx) => {
    const result = await trainingComplianceFigures(tx, { unit, day });
    if (!result) throw notFound(notificationsMsg.unit_not_found({ unit }));
    return { asOf: day, ...result };
  });
}
