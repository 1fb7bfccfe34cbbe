import { sql } from 'drizzle-orm';
import { AppError } from '../shared/errors.js';
import type { Principal } from '../shared/auth/principal.js';
import { rowsOf, type Db, type Tx } from './client.js';
import { APP_ROLE } from './schema/policy.js';

/**
 * The only way application code reaches tenant data: one transaction, the tenant and scope set with
 * set_config(..., true) so they end with it, and the runtime role (no BYPASSRLS, owns nothing) for its duration.
 * A city principal whose tenant is missing or deactivated is refused before anything runs.
 */
export async function withTenant<T>(db: Db, principal: Principal, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tenant = principal.kind === 'province' ? '' : (principal.tenant ?? '');
  const scope = principal.kind === 'province' ? 'province' : principal.kind === 'system' ? 'system' : 'city';
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`select
      set_config('app.tenant_id', ${tenant}, true),
      set_config('app.scope', ${scope}, true),
      set_config('app.unit', ${principal.unit}, true),
      (select status from tenants where code = ${tenant}) as tenant_status,
      set_config('role', ${APP_ROLE}, true)`);
    if (principal.kind === 'city') {
      const status = rowsOf<{ tenant_status: string | null }>(result)[0]?.tenant_status;
      if (status !== 'active') {
        throw new AppError('tenant_inactive', status ? `tenant ${tenant} is deactivated` : `tenant ${tenant} is not onboarded`);
      }
    }
    return work(tx);
  });
}
