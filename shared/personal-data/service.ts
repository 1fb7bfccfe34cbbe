import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { tenantDataKeys } from '../../db/schema/index.js';
import { recordAudit } from '../audit/service.js';
import { roleLabel, type Role } from '../auth/principal.js';
import type { ServiceContext } from '../context.js';
import { AppError, forbidden } from '../errors.js';
import type { DataKeyStore, FieldCipher } from './envelope.js';
import { maskIdNumber, maskPhone } from './identifiers.js';
import { msg } from './messages.js';

/** Roles that may ask for phone and ID numbers in full (?reveal=true), within their unit; every such read is audited. */
export const revealers: readonly Role[] = ['city_admin', 'district_officer', 'street_officer'];

export function databaseKeyStore(tx: Tx, at: Date): DataKeyStore {
  const load = async (tenant: string) => {
    const [row] = await tx.select().from(tenantDataKeys).where(eq(tenantDataKeys.tenantId, tenant));
    return row ? { keyId: row.keyId, wrapped: row.wrappedKey, masterKeyId: row.masterKeyId } : null;
  };
  return {
    load,
    async create(tenant, key) {
      await tx.insert(tenantDataKeys).values({ tenantId: tenant, keyId: key.keyId, wrappedKey: key.wrapped, masterKeyId: key.masterKeyId, createdAt: at }).onConflictDoNothing();
      const stored = await load(tenant);
      if (!stored) throw new Error(`the data key of ${tenant} was not stored`);
      return stored;
    },
  };
}

/** The tenant's field cipher inside the caller's transaction; made on first write, absent (null) before any. */
export async function personalDataCipher(ctx: ServiceContext, tx: Tx, tenant: string, options: { create: boolean }): Promise<FieldCipher | null> {
  if (!ctx.personalData) throw new AppError('unavailable', msg.encryption_not_configured());
  try {
    return await ctx.personalData.cipherFor(tenant, databaseKeyStore(tx, ctx.clock.now()), options);
  } catch (error) {
    ctx.logger.error('personal-data key unavailable', { tenant, error: error instanceof Error ? error.message : String(error) });
    throw new AppError('unavailable', msg.data_key_unusable());
  }
}

export type PersonalField = 'phone' | 'idNumber';
const maskers: Record<PersonalField, (v: string) => string> = { phone: maskPhone, idNumber: maskIdNumber };

/** Opens a sealed field and masks it unless the caller was allowed to reveal it. */
export function shownValue(cipher: FieldCipher | null, field: PersonalField, context: string, sealed: string | null, reveal: boolean): string | null {
  if (sealed === null) return null;
  if (!cipher) throw new AppError('unavailable', msg.sealed_value_without_key());
  const plain = cipher.open(context, sealed);
  return reveal ? plain : maskers[field](plain);
}

/** Refuses ?reveal=true to a role not allowed it, and audits every reveal that is allowed, naming rows, never values. */
export async function authoriseReveal(tx: Tx, ctx: ServiceContext, input: { reveal: boolean; entity: string; entityId: string; rows: string[] }): Promise<boolean> {
  if (!input.reveal) return false;
  if (!revealers.includes(ctx.principal.role as Role)) throw forbidden(msg.role_may_not_see_personal_data({ role: roleLabel(ctx.principal.role) }));
  await recordAudit(tx, ctx, { action: 'personal_data.revealed', entity: input.entity, entityId: input.entityId, detail: { rows: input.rows, fields: ['phone', 'idNumber'] } });
  return true;
}
