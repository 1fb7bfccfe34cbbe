import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { divisions, tenants } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireProvince } from '../auth/principal.js';
import type { Call } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { replayParkedMessages } from '../workers/parking.js';
import { tenantManagers, tenantReaders } from './roles.js';
import type { CreateTenantInput, TenantView } from './schemas.js';
import { msg } from './messages.js';


/** A city's status as its own transaction sees it; undefined when it is not onboarded. */
export async function tenantStatusOf(tx: Tx, tenant: string): Promise<TenantRow['status'] | undefined> {
  const [row] = await tx.select({ status: tenants.status }).from(tenants).where(eq(tenants.code, tenant));
  return row?.status;
}

/**
 * Refuses a deactivated city's work done without a user (capability links: a reply link, a calendar feed), which
 * withTenant checks only for city principals.
 */
export async function requireActiveTenant(tx: Tx, tenant: string): Promise<void> {
  if ((await tenantStatusOf(tx, tenant)) !== 'active') throw new AppError('tenant_inactive', msg.tenant_deactivated({ tenant }));
}

type TenantRow = typeof tenants.$inferSelect;
const view = (t: TenantRow): TenantView => ({
  code: t.code,
  name: t.name,
  status: t.status,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

/** Onboards a city: its registry row and the root of its division tree, in one transaction. */
export async function createTenant({ ctx, input }: Call<CreateTenantInput>): Promise<TenantView> {
  requireProvince(ctx.principal, tenantManagers);
  if (!input.code.startsWith(ctx.config.provinceCode) || input.code.endsWith('00')) {
    throw new AppError('validation_failed', msg.tenant_code_not_a_city({ provinceCode: ctx.config.provinceCode }), {
      errors: [{ path: 'code', message: msg.tenant_code_range({ provinceCode: ctx.config.provinceCode }) }],
    });
  }
  const now = ctx.clock.now();
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const inserted = await tx
      .insert(tenants)
      .values({ code: input.code, name: input.name, status: 'active', createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    const row = inserted[0];
    if (!row) throw new AppError('tenant_exists', msg.tenant_already_exists({ code: input.code }));
    await tx.execute(sql`select set_config('app.tenant_id', ${input.code}, true)`);
    await tx.insert(divisions).values({
      id: newId(now.getTime()), tenantId: input.code, code: input.code, name: input.name, level: 'city', kind: null, parentCode: null, createdAt: now, updatedAt: now,
    });
    await recordAudit(tx, ctx, { tenantId: input.code, action: 'tenant.created', entity: 'tenant', entityId: input.code, detail: { name: input.name } });
    await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
    await recordAudit(tx, ctx, { action: 'tenant.created', entity: 'tenant', entityId: input.code, detail: { name: input.name } });
    return view(row);
  });
}

export async function listTenants({ ctx }: Call<Record<string, never>>): Promise<TenantView[]> {
  requireProvince(ctx.principal, tenantReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => (await tx.select().from(tenants).orderBy(tenants.code)).map(view));
}

export async function getTenant({ ctx, input }: Call<{ code: string }>): Promise<TenantView> {
  requireProvince(ctx.principal, tenantReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const [row] = await tx.select().from(tenants).where(eq(tenants.code, input.code));
    if (!row) throw notFound(msg.tenant_not_found({ code: input.code }));
    return view(row);
  });
}

/** Activating a city also puts the messages its workers parked while it was deactivated back into the outbox. */
export async function setTenantStatus({ ctx, input }: Call<{ code: string; status: 'active' | 'inactive' }>): Promise<TenantView> {
  requireProvince(ctx.principal, tenantManagers);
  const now = ctx.clock.now();
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const [row] = await tx
      .update(tenants)
      .set({ status: input.status, updatedAt: now })
      .where(eq(tenants.code, input.code))
      .returning();
    if (!row) throw notFound(msg.tenant_not_found({ code: input.code }));
    let replayed = 0;
    if (input.status === 'active') {
      await tx.execute(sql`select set_config('app.tenant_id', ${input.code}, true)`);
      replayed = await replayParkedMessages(tx, input.code, now);
      await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
      if (replayed) ctx.outboxWritten?.();
    }
    await recordAudit(tx, ctx, {
      action: input.status === 'active' ? 'tenant.activated' : 'tenant.deactivated',
      entity: 'tenant',
      entityId: input.code,
      ...(replayed ? { detail: { replayedMessages: replayed } } : {}),
    });
    return view(row);
  });
}

/**
 * Offboards a deactivated city: every row it owns, in every table, is deleted in one transaction.
 * A tenant must be deactivated first, so its users are already locked out when its data goes.
 */
export async function deleteTenant({ ctx, input }: Call<{ code: string }>): Promise<{ code: string; removed: Record<string, number> }> {
  requireProvince(ctx.principal, tenantManagers);
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const [row] = await tx.select().from(tenants).where(eq(tenants.code, input.code));
    if (!row) throw notFound(msg.tenant_not_found({ code: input.code }));
    if (row.status === 'active') {
      throw new AppError('tenant_active', msg.tenant_still_active({ code: input.code }));
    }
    const result = await tx.execute(sql`select offboard_tenant(${input.code}) as removed`);
    const removed = rowsOf<{ removed: Record<string, number> }>(result)[0]?.removed ?? {};
    ctx.personalData?.forget(input.code);
    await recordAudit(tx, ctx, { action: 'tenant.offboarded', entity: 'tenant', entityId: input.code, detail: { removed } });
    return { code: input.code, removed };
  });
}
