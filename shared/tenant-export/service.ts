import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { tenantExportRecipients, tenants } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireCity, requireProvince } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { personalDataCipher } from '../personal-data/service.js';
import { encryptTo, isAgeRecipient } from './age.js';
import { packArchive } from './archive.js';
import { canonicalSession, digestRows, notArchived, readTenantRows, sha256Hex, tenantCatalogue } from './catalogue.js';
import { exportKeyManagers, tenantExporters } from './roles.js';
import { ARCHIVE_FORMAT, type ArchiveManifest, type RecipientView, type RegisterRecipientInput } from './schemas.js';
import { INLINE_ARCHIVE_LIMIT, type ArchiveLink } from './store.js';
import { msg as tenancyMsg } from '../tenancy/messages.js';
import { msg } from './messages.js';

export const PERSONAL_DATA_NOTE = 'columns named *_sealed hold personal fields in plain text inside this encrypted archive; a restore seals them again under the target database’s data key';

const view = (row: typeof tenantExportRecipients.$inferSelect): RecipientView => ({
  tenant: row.tenantId,
  recipient: row.recipient,
  registeredBy: row.registeredBy,
  registeredAt: row.registeredAt.toISOString(),
});

function ownCity(ctx: ServiceContext, code: string) {
  const principal = requireCity(ctx.principal, exportKeyManagers);
  if (principal.tenant !== code) throw notFound(tenancyMsg.tenant_not_found({ code }));
  return principal;
}

/**
 * The city registers the public half of its own age key: its archive can then be read only by the city, not by the
 * province that asks for it nor by the platform that produces it.
 */
export async function registerExportRecipient({ ctx, input }: Call<RegisterRecipientInput & { code: string }>): Promise<RecipientView> {
  const principal = ownCity(ctx, input.code);
  if (!(await isAgeRecipient(input.recipient))) {
    throw new AppError('validation_failed', msg.export_recipient_invalid(), {
      errors: [{ path: 'body.recipient', message: msg.bech32_checksum() }],
    });
  }
  return withTenant(ctx.db, principal, async (tx) => {
    const now = ctx.clock.now();
    const [previous] = await tx.select().from(tenantExportRecipients).where(eq(tenantExportRecipients.tenantId, input.code));
    const values = { tenantId: input.code, recipient: input.recipient, registeredBy: principal.subject, registeredAt: now };
    const [row] = await tx.insert(tenantExportRecipients).values(values).onConflictDoUpdate({ target: tenantExportRecipients.tenantId, set: values }).returning();
    await recordAudit(tx, ctx, {
      action: 'tenant_export.recipient_registered', entity: 'tenant', entityId: input.code,
      detail: { recipient: input.recipient, replaced: previous?.recipient ?? null },
    });
    return view(row!);
  });
}

export async function getExportRecipient({ ctx, input }: Call<{ code: string }>): Promise<RecipientView> {
  const principal = ownCity(ctx, input.code);
  return withTenant(ctx.db, principal, async (tx) => {
    const [row] = await tx.select().from(tenantExportRecipients).where(eq(tenantExportRecipients.tenantId, input.code));
    if (!row) throw notFound(msg.export_recipient_not_found({ code: input.code }));
    return view(row);
  });
}

/** The last migration applied, read as the connection's own role (the runtime role cannot see drizzle's table). */
async function migrationState(db: Db): Promise<{ migrations: number | null; lastMigrationHash: string | null }> {
  try {
    const [row] = rowsOf<{ n: number; hash: string | null }>(
      await db.execute(sql`select (select count(*)::int from drizzle.__drizzle_migrations) as n, (select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) as hash`),
    );
    return { migrations: row?.n ?? null, lastMigrationHash: row?.hash ?? null };
  } catch {
    return { migrations: null, lastMigrationHash: null };
  }
}

export interface TenantExport {
  filename: string;
  body: Uint8Array;
  sha256: string;
  rows: number;
}

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Every row the city owns, in every table, as an age file to the key the city registered (PIPL art. 21: a processor
 * returns the data before it deletes it). Read in one statement, so counts and checksums describe one moment; audited
 * in the city's trail and the province's.
 */
export async function exportTenant({ ctx, input }: Call<{ code: string }>): Promise<TenantExport> {
  const principal = requireProvince(ctx.principal, tenantExporters);
  const schemaState = await migrationState(ctx.db);
  return withTenant(ctx.db, principal, async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.code, input.code));
    if (!tenant) throw notFound(tenancyMsg.tenant_not_found({ code: input.code }));
    await tx.execute(sql`select set_config('app.tenant_id', ${input.code}, true)`);
    await canonicalSession(tx);
    const [registered] = await tx.select().from(tenantExportRecipients).where(eq(tenantExportRecipients.tenantId, input.code));
    if (!registered) {
      throw new AppError('conflict', msg.export_key_not_registered({ code: input.code }));
    }
    const catalogue = await tenantCatalogue(tx);
    const rows = await readTenantRows(tx, catalogue, input.code, () => personalDataCipher(ctx, tx, input.code, { create: false }));
    const now = ctx.clock.now();
    const digests = await Promise.all(catalogue.tables.map(async (t) => ({ name: t.name, scope: t.scope, ...(await digestRows(rows.get(t.name)!)), sealedColumns: t.sealed })));
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      tenant: { code: tenant.code, name: tenant.name },
      exportedAt: now.toISOString(),
      exportedBy: principal.subject,
      recipient: registered.recipient,
      schema: { fingerprint: catalogue.fingerprint, ...schemaState },
      checksum: 'sha256 over the sorted lines of a table: each row as Postgres jsonb text (TimeZone UTC) without its *_sealed columns, then a tab and those columns opened, as JSON with sorted keys, if the table has any',
      personalData: PERSONAL_DATA_NOTE,
      tables: digests,
      notArchived: { ...notArchived },
    };
    const body = await encryptTo(registered.recipient, await packArchive(manifest, rows));
    const sha256 = await sha256Hex(body);
    const total = digests.reduce((n, t) => n + t.rows, 0);
    const detail = { recipient: registered.recipient, archiveSha256: sha256, bytes: body.length, tables: digests.length, rows: total };
    await recordAudit(tx, ctx, { tenantId: input.code, action: 'tenant.exported', entity: 'tenant', entityId: input.code, detail });
    await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
    await recordAudit(tx, ctx, { action: 'tenant.exported', entity: 'tenant', entityId: input.code, detail });
    ctx.logger.info('tenant exported', { tenant: input.code, tables: digests.length, rows: total, bytes: body.length, archiveSha256: sha256 });
    return { filename: `shequ-${input.code}-${stamp(now)}.age`, body, sha256, rows: total };
  });
}

export type ExportDelivery = { kind: 'inline' } | { kind: 'link'; link: ArchiveLink };

/**
 * How an export reaches the caller: as the response when it fits in one (a Lambda response is capped at 6 MB), else
 * put in the archive store and handed over as a short-lived link. Without a store, an archive too large for a response
 * is refused as unavailable rather than cut off or lost in a failed response.
 */
export async function deliverExport(ctx: ServiceContext, code: string, archive: TenantExport, origin?: string): Promise<ExportDelivery> {
  const limit = ctx.archives?.inlineLimit ?? INLINE_ARCHIVE_LIMIT;
  if (archive.body.length <= limit) return { kind: 'inline' };
  if (!ctx.archives) {
    throw new AppError('unavailable', msg.export_too_large_no_store({ code, length: archive.body.length, limit }));
  }
  const link = await ctx.archives.store.put({ tenant: code, filename: archive.filename, body: archive.body, sha256: archive.sha256, origin });
  ctx.logger.info('tenant export stored', { tenant: code, bytes: archive.body.length, archiveSha256: archive.sha256, expiresAt: link.expiresAt.toISOString() });
  return { kind: 'link', link };
}
