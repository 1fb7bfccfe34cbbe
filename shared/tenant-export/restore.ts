import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import type { Clock } from '../clock.js';
import type { FieldCipher, PersonalDataVault } from '../personal-data/envelope.js';
import { databaseKeyStore } from '../personal-data/service.js';
import { newId } from '../ids.js';
import { decryptWith } from './age.js';
import { ArchiveError, unpackArchive } from './archive.js';
import { canonicalSession, digestRows, readTenantRows, sealedContext, tenantCatalogue, type ArchivedRow, type TableDigest } from './catalogue.js';
import type { ArchiveManifest } from './schemas.js';

export interface TableComparison {
  table: string;
  manifest: TableDigest;
  /** Recomputed from the rows in the file, before anything is written. */
  archive: TableDigest;
  /** Recomputed from the target database after the load, inside the same transaction; absent if the load never ran. */
  restored?: TableDigest;
  match: boolean;
}

export interface RestoreReport {
  manifest: ArchiveManifest;
  tables: TableComparison[];
  rows: number;
  ms: number;
}

/** A restore that wrote nothing: the archive, the target or the comparison was wrong; `tables` says where. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
  constructor(message: string, readonly tables: TableComparison[] = []) {
    super(message);
  }
}

const same = (a: TableDigest, b: TableDigest | undefined) => b !== undefined && a.rows === b.rows && a.sha256 === b.sha256;
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The row as Postgres will read it back: the archived JSON with each personal field sealed under the target's key. */
function rowForInsert(table: string, r: ArchivedRow, cipher: FieldCipher | null): string {
  if (!r.sealed) return r.row;
  const id = (JSON.parse(r.row) as { id?: unknown }).id;
  const sealed: Record<string, string | null> = {};
  for (const [column, plain] of Object.entries(r.sealed)) {
    if (plain === null) sealed[column] = null;
    else if (!cipher || typeof id !== 'string') throw new RestoreRefused(`${table}.${column} has a value but no data key or row id to seal it with`);
    else sealed[column] = cipher.seal(sealedContext(table, column, id), plain);
  }
  const extra = JSON.stringify(sealed).slice(1);
  return r.row === '{}' ? `{${extra}` : `${r.row.slice(0, -1)},${extra}`;
}

/** Decrypts an archive and checks every table's rows against the manifest's count and checksum; writes nothing. */
export async function openArchive(identity: string, archive: Uint8Array): Promise<{ manifest: ArchiveManifest; rows: Map<string, ArchivedRow[]>; tables: TableComparison[] }> {
  const { manifest, rows } = await unpackArchive(await decryptWith(identity, archive));
  const tables: TableComparison[] = await Promise.all(
    manifest.tables.map(async (t) => {
      const digest = await digestRows(rows.get(t.name) ?? []);
      return { table: t.name, manifest: { rows: t.rows, sha256: t.sha256 }, archive: digest, match: same({ rows: t.rows, sha256: t.sha256 }, digest) };
    }),
  );
  if (tables.some((c) => !c.match)) throw new RestoreRefused('the archive’s rows do not match its manifest: the file is damaged or was altered', tables);
  return { manifest, rows, tables };
}

/**
 * Restores a tenant archive into a database migrated to the same schema, in one transaction. The file is decrypted and
 * checked against its manifest before anything is written; rows are loaded as they were (user triggers off, so derived
 * rows such as balances are not derived twice; foreign keys still checked), the province rows they reference added where
 * missing, personal fields sealed again with the target's vault; then every table is read back and compared. Any
 * difference rolls everything back. Runs as the database owner, as migrations do.
 */
export async function restoreTenantArchive(options: { db: Db; vault: PersonalDataVault; archive: Uint8Array; identity: string; clock: Clock; actor: string }): Promise<RestoreReport> {
  const started = performance.now();
  const { manifest, rows, tables: comparisons } = await openArchive(options.identity, options.archive);
  const tenant = manifest.tenant.code;

  await options.db.transaction(async (tx: Tx) => {
    await tx.execute(sql`select set_config('app.scope', 'province', true), set_config('app.tenant_id', '', true)`);
    await canonicalSession(tx);
    const catalogue = await tenantCatalogue(tx);
    if (catalogue.fingerprint !== manifest.schema.fingerprint) {
      throw new RestoreRefused(`the target database’s tables differ from the exporting one’s (schema ${catalogue.fingerprint.slice(0, 12)} here, ${manifest.schema.fingerprint.slice(0, 12)} in the archive): migrate both to the same version first`);
    }
    const listed = new Set(manifest.tables.map((t) => t.name));
    const unlisted = catalogue.tables.filter((t) => !listed.has(t.name)).map((t) => t.name);
    if (unlisted.length > 0 || listed.size !== catalogue.tables.length) throw new RestoreRefused(`the archive and the target disagree on the tenant tables (${unlisted.join(', ')})`);
    const [existing] = rowsOf<{ code: string }>(await tx.execute(sql`select code from tenants where code = ${tenant}`));
    if (existing) throw new RestoreRefused(`tenant ${tenant} already exists in the target database: restore into a database without it (offboard it first)`);

    await tx.execute(sql`select set_config('app.tenant_id', ${tenant}, true)`);
    const now = options.clock.now();
    let cipher: FieldCipher | null = null;
    const needsKey = (list: ArchivedRow[]) => list.some((r) => r.sealed && Object.values(r.sealed).some((v) => v !== null));
    const triggered = rowsOf<{ table_name: string }>(
      await tx.execute(sql`select distinct c.relname as table_name from pg_catalog.pg_trigger g join pg_catalog.pg_class c on c.oid = g.tgrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not g.tgisinternal`),
    ).map((r) => r.table_name).filter((t) => listed.has(t));
    for (const t of triggered) await tx.execute(sql.raw(`alter table ${quoted(t)} disable trigger user`));
    for (const t of catalogue.tables) {
      const list = rows.get(t.name) ?? [];
      if (list.length === 0) continue;
      if (!cipher && needsKey(list)) cipher = await options.vault.cipherFor(tenant, databaseKeyStore(tx, now), { create: true });
      const json = `[${list.map((r) => rowForInsert(t.name, r, cipher)).join(',')}]`;
      const onConflict = t.scope === 'province' ? sql.raw(' on conflict do nothing') : sql``;
      const columns = sql.raw(t.stored.map(quoted).join(', '));
      await tx.execute(sql`insert into ${sql.raw(quoted(t.name))} (${columns}) select ${columns} from jsonb_populate_recordset(null::${sql.raw(quoted(t.name))}, ${json}::jsonb)${onConflict}`);
    }
    for (const t of triggered) await tx.execute(sql.raw(`alter table ${quoted(t)} enable trigger user`));

    const restored = await readTenantRows(tx, catalogue, tenant, async () => cipher);
    for (const c of comparisons) {
      c.restored = await digestRows(restored.get(c.table) ?? []);
      c.match = same(c.manifest, c.restored);
    }
    if (comparisons.some((c) => !c.match)) throw new RestoreRefused('the restored tables differ from the archive; nothing was written', comparisons);

    await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
    await tx.insert(auditLog).values({
      id: newId(now.getTime()), tenantId: null, actor: options.actor, actorRole: 'system', action: 'tenant.restored', entity: 'tenant', entityId: tenant, requestId: null,
      detail: { exportedAt: manifest.exportedAt, exportedBy: manifest.exportedBy, tables: comparisons.length, rows: comparisons.reduce((n, c) => n + c.manifest.rows, 0) },
      at: now,
    });
  });
  return { manifest, tables: comparisons, rows: comparisons.reduce((n, c) => n + c.manifest.rows, 0), ms: Math.round(performance.now() - started) };
}

export { ArchiveError };
