import { sql, type SQL } from 'drizzle-orm';
import { drizzle as remote } from 'drizzle-orm/pg-proxy';
import { AppError } from '../shared/errors.js';
import type { Principal } from '../shared/auth/principal.js';
import { NotOneTrip, oneTripReadOf, rowsOf, type Db, type OneTripRead, type Tx } from './client.js';
import { APP_ROLE } from './schema/policy.js';
import { msg as tenancyMsg } from '../shared/tenancy/messages.js';

/**
 * The tenant settings of a transaction: tenant, scope and unit with set_config(..., true) so they end with it, the
 * tenant's status (read before the role changes), and the runtime role (no BYPASSRLS, owns nothing). Its parameters
 * are tenant, scope, unit, role; its fourth column is the tenant's status.
 */
const settings = `select set_config('app.tenant_id', $1, true), set_config('app.scope', $2, true), set_config('app.unit', $3, true), (select status from tenants where code = $1) as tenant_status, set_config('role', $4, true)`;

/** The principal's settings and the refusal of a city that is not active. */
function tenantOf(principal: Principal) {
  const tenant = principal.kind === 'province' ? '' : (principal.tenant ?? '');
  const scope = principal.kind === 'province' ? 'province' : principal.kind === 'system' ? 'system' : 'city';
  const refuseInactive = (status: unknown) => {
    if (principal.kind === 'city' && status !== 'active') {
      throw new AppError('tenant_inactive', status ? tenancyMsg.tenant_deactivated({ tenant }) : tenancyMsg.tenant_not_onboarded({ tenant }));
    }
  };
  return { preamble: { sql: settings, params: [tenant, scope, principal.unit, APP_ROLE] }, refuseInactive } as const;
}

/** What a one-statement read may use: the query builder's selects and `execute()` (not `tx.query`, no writes). */
export type Reader = Pick<Tx, 'select' | 'selectDistinct' | 'selectDistinctOn' | '$with' | 'with' | 'execute'>;

/**
 * `read` against drizzle's pg-proxy driver (its public API for a query transport of one's own), whose one statement
 * travels with the tenant settings through the database's OneTripRead. A second statement, or one the transport
 * refuses, rejects with NotOneTrip; the tenant refusal is thrown in place of whatever `read` ends with.
 */
async function readInOneTrip<T>(send: OneTripRead, principal: Principal, read: (reader: Reader) => Promise<T>): Promise<T> {
  const { preamble, refuseInactive } = tenantOf(principal);
  let sent = false;
  let notOneTrip: NotOneTrip | undefined;
  let refusal: { error: unknown } | undefined;
  const reader = remote(async (text, params, method) => {
    if (sent) throw (notOneTrip = new NotOneTrip('a one-trip read runs one statement'));
    sent = true;
    try {
      const { preambleRow, rows } = await send(preamble, { sql: text, params }, method === 'all' ? 'array' : 'object');
      try {
        refuseInactive(preambleRow?.[3]);
      } catch (error) {
        refusal = { error };
      }
      return { rows };
    } catch (error) {
      if (error instanceof NotOneTrip) notOneTrip = error;
      throw error;
    }
  });
  let result: T | undefined;
  let failure: { error: unknown } | undefined;
  try {
    result = await read(reader);
  } catch (error) {
    failure = { error };
  }
  if (refusal) throw refusal.error;
  if (notOneTrip) throw notOneTrip;
  if (failure) throw failure.error;
  return result as T;
}

/**
 * A read of ONE statement as the principal's tenant, in one round trip: the settings of withTenant and then the
 * statement, in one transaction (the settings and role end with it; RLS applies as in withTenant). A deactivated
 * city's rows are read but never returned: the tenant check refuses first. `read` must issue exactly one statement,
 * through the query builder or `execute()`, and write nothing; anything that cannot take this path (a second
 * statement, a value the driver's transport cannot send this way, a busy PGlite) runs `read` again through
 * withTenant, so the answer is always the same as withTenant's.
 */
export async function readAsTenant<T>(db: Db, principal: Principal, read: (reader: Reader) => Promise<T>): Promise<T> {
  const send = oneTripReadOf(db);
  if (send) {
    try {
      return await readInOneTrip(send, principal, read);
    } catch (error) {
      if (!(error instanceof NotOneTrip)) throw error;
    }
  }
  return withTenant(db, principal, read);
}

/** readAsTenant for one SQL statement whose rows are wanted as `tx.execute` returns them. */
export async function readRowsAsTenant<T>(db: Db, principal: Principal, query: SQL): Promise<T[]> {
  return readAsTenant(db, principal, async (reader) => rowsOf<T>(await reader.execute(query)));
}

/**
 * How application code reaches tenant data (readAsTenant is its one-statement read form): one transaction (drizzle's
 * `db.transaction`), the tenant and scope set with set_config(..., true) so they end with it, and the runtime role
 * (no BYPASSRLS, owns nothing) for its duration. A city principal whose tenant is missing or deactivated is refused
 * before anything runs.
 */
export async function withTenant<T>(db: Db, principal: Principal, work: (tx: Tx) => Promise<T>): Promise<T> {
  const { preamble, refuseInactive } = tenantOf(principal);
  const [tenant, scope, unit, role] = preamble.params;
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`select
      set_config('app.tenant_id', ${tenant}, true),
      set_config('app.scope', ${scope}, true),
      set_config('app.unit', ${unit}, true),
      (select status from tenants where code = ${tenant}) as tenant_status,
      set_config('role', ${role}, true)`);
    refuseInactive(rowsOf<{ tenant_status: string | null }>(result)[0]?.tenant_status);
    return work(tx);
  });
}
