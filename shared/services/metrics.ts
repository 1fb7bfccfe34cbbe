import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { cityRoles, requireCity } from '../auth/principal.js';
import type { Call } from '../context.js';
import { scopeOf } from '../reform/service.js';
import { hoursOf } from './rules.js';
import type { ServiceFiguresView } from './schemas.js';

/**
 * A city's (or a unit's) community-service figures for report templates: facilities by kind with floor area, service
 * units by registration authority and by target group, volunteer organisations and volunteers, and hours banked,
 * drawn and outstanding. Five set-based reads, whatever the size of the city.
 */
export async function serviceFiguresOf(tx: Tx, scope: string): Promise<ServiceFiguresView> {
  const prefix = `${scope}%`;
  const facilityRows = rowsOf<{ kind: string; count: number; area: string | null; opened: number }>(
    await tx.execute(sql`select kind, count(*)::int as count, sum(area_m2)::text as area, count(opened_by_member_unit_id)::int as opened
      from facilities where unit_code like ${prefix} group by kind order by kind`),
  );
  const unitRows = rowsOf<{ authority: string | null; target: string | null; n: number }>(
    await tx.execute(sql`select registration_authority as authority, null as target, count(*)::int as n from service_units where unit_code like ${prefix} group by 1
      union all
      select null, t, count(*)::int from service_units, unnest(targets) as t where unit_code like ${prefix} group by 2`),
  );
  const [people] = rowsOf<{ organisations: number; volunteers: number }>(
    await tx.execute(sql`select (select count(*)::int from volunteer_organisations where unit_code like ${prefix}) as organisations,
      (select count(*)::int from volunteers where community_code like ${prefix}) as volunteers`),
  );
  const [ledger] = rowsOf<{ deposited: number; drawn: number }>(
    await tx.execute(sql`select
        coalesce(sum(case when e.kind = 'deposit' or (e.kind = 'correction' and c.kind = 'deposit') then e.minutes end), 0)::int as deposited,
        coalesce(-sum(case when e.kind = 'draw' or (e.kind = 'correction' and c.kind = 'draw') then e.minutes end), 0)::int as drawn
      from time_bank_entries e left join time_bank_entries c on c.tenant_id = e.tenant_id and c.id = e.corrects_entry_id
      where e.community_code like ${prefix}`),
  );
  const [balance] = rowsOf<{ minutes: number }>(
    await tx.execute(sql`select coalesce(sum(b.balance_minutes), 0)::int as minutes
      from volunteer_balances b join volunteers v on v.tenant_id = b.tenant_id and v.id = b.volunteer_id where v.community_code like ${prefix}`),
  );
  const byAuthority: Record<string, number> = {};
  const byTarget: Record<string, number> = {};
  let total = 0;
  for (const r of unitRows) {
    if (r.authority) {
      byAuthority[r.authority] = r.n;
      total += r.n;
    } else if (r.target) byTarget[r.target] = r.n;
  }
  return {
    scope,
    facilities: Object.fromEntries(facilityRows.map((f) => [f.kind, { count: f.count, areaM2: Number(f.area ?? 0), openedByMemberUnits: f.opened }])),
    serviceUnits: { total, byAuthority, byTarget },
    volunteers: { organisations: people?.organisations ?? 0, volunteers: people?.volunteers ?? 0 },
    timeBank: { depositedHours: hoursOf(ledger?.deposited ?? 0), drawnHours: hoursOf(ledger?.drawn ?? 0), balanceHours: hoursOf(balance?.minutes ?? 0) },
  };
}

export async function getServiceFigures({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<ServiceFiguresView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  return withTenant(ctx.db, principal, (tx) => serviceFiguresOf(tx, scope));
}
