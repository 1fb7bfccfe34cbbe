import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../shared/errors.js';
import type { Principal } from '../shared/auth/principal.js';
import { NotInlinable, oneShotReadOf, preambleTransactionOf, rowsOf, type Db, type Tx } from './client.js';
import { APP_ROLE } from './schema/policy.js';
import { msg as tenancyMsg } from '../shared/tenancy/messages.js';

const literalTenant = /^(?:[1-9]\d{3})?$/;
const literalUnit = /^\d{0,12}$/;

/**
 * The tenant settings as one statement of literals, or undefined when a value is not of the strict form a literal
 * may take (then the parameterised statement is used). Only these shapes ever reach SQL text.
 */
function settingsLiteral(tenant: string, scope: 'province' | 'system' | 'city', unit: string): string | undefined {
  if (!literalTenant.test(tenant) || !literalUnit.test(unit)) return undefined;
  return `select set_config('app.tenant_id', '${tenant}', true), set_config('app.scope', '${scope}', true), set_config('app.unit', '${unit}', true), (select status from tenants where code = '${tenant}') as tenant_status, set_config('role', '${APP_ROLE}', true)`;
}

/** The principal's tenant, scope, settings literal and the refusal of a city that is not active. */
function tenantOf(principal: Principal) {
  const tenant = principal.kind === 'province' ? '' : (principal.tenant ?? '');
  const scope = principal.kind === 'province' ? 'province' : principal.kind === 'system' ? 'system' : 'city';
  const refuseInactive = (status: unknown) => {
    if (principal.kind === 'city' && status !== 'active') {
      throw new AppError('tenant_inactive', status ? tenancyMsg.tenant_deactivated({ tenant }) : tenancyMsg.tenant_not_onboarded({ tenant }));
    }
  };
  return { tenant, scope, refuseInactive, literal: settingsLiteral(tenant, scope, principal.unit) } as const;
}

/**
 * A read of ONE statement as the principal's tenant, in one round trip: the settings of withTenant, then the statement,
 * as one simple-query message, which Postgres runs as one implicit transaction (the settings and role end with it; RLS
 * applies as in withTenant). A deactivated city's rows are read but never returned: the tenant check refuses first.
 * `read` must issue exactly one statement, through the query builder or `execute()` (not `tx.query`), and write
 * nothing; anything that cannot take this path (a second statement, a parameter that cannot be inlined as a literal,
 * a driver without it) runs `read` again through withTenant, so the answer is always the same as withTenant's.
 */
export async function readAsTenant<T>(db: Db, principal: Principal, read: (tx: Tx) => Promise<T>): Promise<T> {
  const { literal, refuseInactive } = tenantOf(principal);
  const oneShot = literal ? oneShotReadOf(db) : undefined;
  if (literal && oneShot) {
    try {
      return await oneShot(literal, (row) => refuseInactive(Array.isArray(row) ? row[3] : (row as { tenant_status?: unknown } | undefined)?.tenant_status), read);
    } catch (error) {
      if (!(error instanceof NotInlinable)) throw error;
    }
  }
  return withTenant(db, principal, read);
}

/** readAsTenant for one SQL statement whose rows are wanted as `tx.execute` returns them, without a Drizzle transaction object. */
export async function readRowsAsTenant<T>(db: Db, principal: Principal, query: SQL): Promise<T[]> {
  const { literal, refuseInactive } = tenantOf(principal);
  const oneShot = literal ? oneShotReadOf(db) : undefined;
  if (literal && oneShot) {
    try {
      return (await oneShot.rows(literal, (row) => refuseInactive((row as { tenant_status?: unknown } | undefined)?.tenant_status), query)) as T[];
    } catch (error) {
      if (!(error instanceof NotInlinable)) throw error;
    }
  }
  return withTenant(db, principal, async (tx) => rowsOf<T>(await tx.execute(query)));
}

/**
 * How application code reaches tenant data (readAsTenant is its one-statement read form): one transaction, the tenant and scope set with
 * set_config(..., true) so they end with it, and the runtime role (no BYPASSRLS, owns nothing) for its duration.
 * A city principal whose tenant is missing or deactivated is refused before anything runs. BEGIN, the settings and the
 * tenant's status travel in one round trip where the driver allows (see PreambleTransaction).
 */
export async function withTenant<T>(db: Db, principal: Principal, work: (tx: Tx) => Promise<T>): Promise<T> {
  const { tenant, scope, refuseInactive, literal } = tenantOf(principal);
  const preambleTransaction = literal ? preambleTransactionOf(db) : undefined;
  if (literal && preambleTransaction) {
    return preambleTransaction(literal, (tx, rows) => {
      refuseInactive(rows[0]?.tenant_status);
      return work(tx);
    });
  }
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`select
      set_config('app.tenant_id', ${tenant}, true),
      set_config('app.scope', ${scope}, true),
      set_config('app.unit', ${principal.unit}, true),
      (select status from tenants where code = ${tenant}) as tenant_status,
      set_config('role', ${APP_ROLE}, true)`);
    refuseInactive(rowsOf<{ tenant_status: string | null }>(result)[0]?.tenant_status);
    return work(tx);
  });
}
