import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { communityPartyOrganisations } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, type Principal } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { common } from '../messages.js';
import { msg } from './messages.js';
import { committeeEditors, concurrencyBasisLabels, partyOrganisationTypeLabels, type ConcurrencyBasis, type PartyOrganisationType } from './rules.js';
import type { PartyOrganisationInput, PartyOrganisationView } from './schemas.js';
import { loadCommittee } from './service.js';

/**
 * The city's community party organisations as of a day, each with the committee's chair serving that day and whether
 * the secretary also chairs the committee (交叉任职): the serving chair, matched by name, decides when there is one; the
 * recorded flag only while there is none. The committee page and the report's figures both read this statement.
 */
export function partyOrganisationsAsOf(day: string, where: SQL = sql`true`): SQL {
  return sql`
    select p.community_code, p.name, p.type, p.secretary_name, to_char(p.established_on, 'YYYY-MM-DD') as established_on,
      p.secretary_chairs_recorded, p.updated_at, ch.name as chair_name,
      case when ch.name is not null then btrim(ch.name) = btrim(p.secretary_name) else p.secretary_chairs_recorded end as secretary_chairs,
      case when ch.name is not null then 'chair_matched' when p.secretary_chairs_recorded is not null then 'recorded' else 'unknown' end as basis
    from community_party_organisations p
    left join lateral (
      select m.name from committees c join committee_members m on m.committee_id = c.id and m.term_id = c.current_term_id
      where c.tenant_id = p.tenant_id and c.community_code = p.community_code and m.position = 'chair'
        and m.joined_on <= ${day}::date and (m.left_on is null or m.left_on > ${day}::date)
      order by m.joined_on desc, m.id limit 1
    ) ch on true
    where p.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and ${where}`;
}

interface PartyRow {
  community_code: string;
  name: string;
  type: PartyOrganisationType;
  secretary_name: string;
  established_on: string;
  secretary_chairs_recorded: boolean | null;
  updated_at: string | Date;
  chair_name: string | null;
  secretary_chairs: boolean | null;
  basis: ConcurrencyBasis;
}

const view = (r: PartyRow): PartyOrganisationView => ({
  communityCode: r.community_code,
  name: r.name,
  type: r.type,
  typeLabel: partyOrganisationTypeLabels[r.type],
  secretaryName: r.secretary_name,
  establishedOn: r.established_on,
  chairName: r.chair_name,
  secretaryChairsRecorded: r.secretary_chairs_recorded,
  secretaryChairsCommittee: r.secretary_chairs,
  concurrencyBasis: r.basis,
  concurrencyBasisLabel: concurrencyBasisLabels[r.basis],
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The party organisation of one community as of today, or null. */
export async function partyOrganisationOf(tx: Tx, ctx: ServiceContext, communityCode: string): Promise<PartyOrganisationView | null> {
  const [row] = rowsOf<PartyRow>(await tx.execute(partyOrganisationsAsOf(shanghaiDate(ctx.clock.now()), sql`p.community_code = ${communityCode}`)));
  return row ? view(row) : null;
}

type CityPrincipal = Extract<Principal, { kind: 'city' }>;

async function committeeCommunity(tx: Tx, principal: CityPrincipal, id: string): Promise<string> {
  return (await loadCommittee(tx, principal, id)).communityCode;
}

/** 社区党组织 of the committee's community (every city role that reads committees). */
export async function getPartyOrganisation({ ctx, input }: Call<{ id: string }>): Promise<PartyOrganisationView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const communityCode = await committeeCommunity(tx, principal, input.id);
    const found = await partyOrganisationOf(tx, ctx, communityCode);
    if (!found) throw notFound(msg.party_organisation_not_found({ communityCode }));
    return found;
  });
}

/** Record or correct the community's party organisation: whoever edits the committee's records (street, district, city, the committee). */
export async function setPartyOrganisation({ ctx, input }: Call<PartyOrganisationInput & { id: string }>): Promise<PartyOrganisationView> {
  const principal = requireCity(ctx.principal, committeeEditors);
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  if (input.establishedOn > day) {
    throw new AppError('validation_failed', msg.party_organisation_after_today(), { errors: [{ path: 'body.establishedOn', message: common.not_after_today({ day }) }] });
  }
  return withTenant(ctx.db, principal, async (tx) => {
    const communityCode = await committeeCommunity(tx, principal, input.id);
    const fields = {
      name: input.name,
      type: input.type,
      secretaryName: input.secretaryName,
      secretaryChairsRecorded: input.secretaryChairsCommittee ?? null,
      establishedOn: input.establishedOn,
      updatedBy: principal.subject,
      updatedAt: now,
    };
    await tx
      .insert(communityPartyOrganisations)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, communityCode, ...fields, createdAt: now })
      .onConflictDoUpdate({ target: [communityPartyOrganisations.tenantId, communityPartyOrganisations.communityCode], set: fields });
    await recordAudit(tx, ctx, { action: 'committee.party_organisation_set', entity: 'committee', entityId: input.id, detail: { communityCode, type: input.type, establishedOn: input.establishedOn } });
    return (await partyOrganisationOf(tx, ctx, communityCode))!;
  });
}
