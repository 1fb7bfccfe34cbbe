import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import type { FieldCipher } from '../personal-data/envelope.js';

/** Tables a tenant owns that its archive does not carry, and why. */
export const notArchived: Readonly<Record<string, string>> = {
  tenant_data_keys: 'wrapped by the source master key; a restore makes the target its own key and re-seals every personal field with it',
};

/** A column holding a sealed personal field: `<field>_sealed`, sealed under the context `<table>.<field>:<row id>`. */
const SEALED_SUFFIX = '_sealed';

export interface TenantTable {
  name: string;
  /**
   * `tenant`: the city's own rows (`tenants` by `code`, every other table by `tenant_id`). `province`: rows the
   * province published that the city's rows reference (a report template, an inspection checklist), carried so the
   * archive restores into a database that lacks them; a restore adds them only where missing.
   */
  scope: 'tenant' | 'province';
  sealed: string[];
  /** The columns a restore writes: all but generated ones, which the target computes again. */
  stored: string[];
  /** For province tables: which of its columns the city's rows point at, and from where. */
  referencedBy: { key: string; from: { table: string; column: string }[] }[];
}

export interface TenantCatalogue {
  /** Referenced tables before the tables that reference them, so a restore can insert in this order. */
  tables: TenantTable[];
  /** SHA-256 over every archived table's columns, types and nullability: an archive restores only into the same shape. */
  fingerprint: string;
}

/** One row as the archive holds it: Postgres' own JSON of the row without its sealed columns, and those opened. */
export interface ArchivedRow {
  row: string;
  sealed?: Record<string, string | null>;
}

const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table or column name ${JSON.stringify(name)}`);
  return `"${name}"`;
};

/**
 * Every table with a `tenant_id` column, found in the catalogue rather than listed, so a table added later is archived
 * without anyone remembering to (as `offboard_tenant()` deletes it), plus the tenant's registry row.
 */
export async function tenantCatalogue(tx: Tx): Promise<TenantCatalogue> {
  const columns = rowsOf<{ table_name: string; column_name: string; type: string; not_null: boolean; generated: boolean }>(
    await tx.execute(sql`select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null, a.attgenerated <> '' as generated
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`),
  );
  const references = rowsOf<{ from_table: string; to_table: string; from_column: string; to_column: string; columns: number }>(
    await tx.execute(sql`select src.relname as from_table, dst.relname as to_table, sa.attname as from_column, da.attname as to_column, array_length(k.conkey, 1) as columns
      from pg_catalog.pg_constraint k
      join pg_catalog.pg_class src on src.oid = k.conrelid
      join pg_catalog.pg_class dst on dst.oid = k.confrelid
      join pg_catalog.pg_namespace n on n.oid = src.relnamespace
      join pg_catalog.pg_attribute sa on sa.attrelid = k.conrelid and sa.attnum = k.conkey[1]
      join pg_catalog.pg_attribute da on da.attrelid = k.confrelid and da.attnum = k.confkey[1]
      where k.contype = 'f' and n.nspname = 'public'`),
  );
  const byTable = new Map<string, typeof columns>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c]);
  const tenantNames = [...byTable.keys()].filter((t) => t === 'tenants' || (byTable.get(t)!.some((c) => c.column_name === 'tenant_id') && !(t in notArchived)));

  const tables = new Map<string, TenantTable>();
  const sealedOf = (name: string) => {
    const cols = byTable.get(name)!;
    const sealed = cols.map((c) => c.column_name).filter((c) => c.endsWith(SEALED_SUFFIX)).sort();
    if (sealed.length > 0 && !cols.some((c) => c.column_name === 'id')) throw new Error(`${name} has sealed columns but no id to name their context`);
    return sealed;
  };
  const storedOf = (name: string) => byTable.get(name)!.filter((c) => !c.generated).map((c) => c.column_name);
  for (const name of tenantNames) tables.set(name, { name, scope: 'tenant', sealed: sealedOf(name), stored: storedOf(name), referencedBy: [] });
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of references) {
      if (!tables.has(r.from_table) || r.to_table === 'tenants' || r.to_table === r.from_table) continue;
      const target = tables.get(r.to_table);
      if (target?.scope === 'tenant') continue;
      if (r.to_table in notArchived) throw new Error(`${r.from_table} references ${r.to_table}, which the archive leaves out`);
      if (r.columns !== 1) throw new Error(`${r.from_table} references ${r.to_table} by several columns; the archive carries single-column references only`);
      const province = target ?? { name: r.to_table, scope: 'province' as const, sealed: sealedOf(r.to_table), stored: storedOf(r.to_table), referencedBy: [] };
      if (province.sealed.length > 0) throw new Error(`${r.to_table} is a province table with personal fields`);
      const byKey = province.referencedBy.find((k) => k.key === r.to_column) ?? (province.referencedBy.push({ key: r.to_column, from: [] }), province.referencedBy.at(-1)!);
      if (!byKey.from.some((f) => f.table === r.from_table && f.column === r.from_column)) {
        byKey.from.push({ table: r.from_table, column: r.from_column });
        grew = true;
      }
      tables.set(r.to_table, province);
    }
  }

  const ordered: TenantTable[] = [tables.get('tenants')!];
  const pending = new Set([...tables.keys()].filter((t) => t !== 'tenants').sort());
  while (pending.size > 0) {
    const ready = [...pending].filter((t) => !references.some((r) => r.from_table === t && r.to_table !== t && pending.has(r.to_table)));
    if (ready.length === 0) throw new Error(`tenant tables reference each other in a cycle: ${[...pending].join(', ')}`);
    for (const t of ready) {
      ordered.push(tables.get(t)!);
      pending.delete(t);
    }
  }
  const names = [...tables.keys()];

  const shape = names
    .flatMap((t) => byTable.get(t)!.map((c) => `${t}.${c.column_name} ${c.type}${c.not_null ? ' not null' : ''}${c.generated ? ' generated' : ''}`))
    .sort()
    .join('\n');
  return { tables: ordered, fingerprint: await sha256Hex(new TextEncoder().encode(shape)) };
}

/** Postgres' JSON of values depends on these session settings; fixed for the transaction so checksums do not drift. */
export async function canonicalSession(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('TimeZone', 'UTC', true), set_config('IntervalStyle', 'postgres', true), set_config('extra_float_digits', '1', true)`);
}

/**
 * Every row of the tenant in every archived table, read by one statement, so all of it comes from one snapshot even
 * under READ COMMITTED. Sealed columns are opened with the tenant's cipher; a sealed value without a cipher is an error.
 */
export async function readTenantRows(tx: Tx, catalogue: TenantCatalogue, tenant: string, cipherFor: () => Promise<FieldCipher | null>): Promise<Map<string, ArchivedRow[]>> {
  const selects: SQL[] = catalogue.tables.map((t) => {
    const without = t.sealed.length > 0 ? `(to_jsonb(x) - array[${t.sealed.map((c) => `'${c}'`).join(', ')}]::text[])` : 'to_jsonb(x)';
    const sealed = t.sealed.length > 0 ? `jsonb_build_object(${t.sealed.map((c) => `'${c}', x.${identifier(c)}`).join(', ')})::text` : 'null::text';
    const id = t.sealed.length > 0 ? 'x.id::text' : 'null::text';
    return sql`select ${t.name}::text as t, ${sql.raw(without)}::text as r, ${sql.raw(sealed)} as s, ${sql.raw(id)} as id from ${sql.raw(identifier(t.name))} x where ${ownedBy(catalogue, t, tenant, 'x')}`;
  });
  const result = rowsOf<{ t: string; r: string; s: string | null; id: string | null }>(await tx.execute(sql.join(selects, sql` union all `)));
  const rows = new Map<string, ArchivedRow[]>(catalogue.tables.map((t) => [t.name, []]));
  let cipher: FieldCipher | null | undefined;
  for (const r of result) {
    const archived: ArchivedRow = { row: r.r };
    if (r.s !== null) {
      const sealedValues = JSON.parse(r.s) as Record<string, string | null>;
      const opened: Record<string, string | null> = {};
      for (const [column, value] of Object.entries(sealedValues)) {
        if (value === null) {
          opened[column] = null;
          continue;
        }
        cipher ??= await cipherFor();
        if (!cipher) throw new Error(`${r.t}.${column} of ${r.id} is sealed but tenant ${tenant} has no data key`);
        opened[column] = cipher.open(sealedContext(r.t, column, r.id!), value);
      }
      archived.sealed = opened;
    }
    rows.get(r.t)!.push(archived);
  }
  return rows;
}

/** The rows of a table the tenant's archive holds: its own, or, for a province table, those its own rows reference. */
function ownedBy(catalogue: TenantCatalogue, t: TenantTable, tenant: string, alias: string, depth = 0): SQL {
  if (t.name === 'tenants') return sql`${sql.raw(alias)}.code = ${tenant}`;
  if (t.scope === 'tenant') return sql`${sql.raw(alias)}.tenant_id = ${tenant}`;
  if (depth > 5) throw new Error(`province tables reference each other too deeply at ${t.name}`);
  const inner = `r${depth}`;
  const alternatives = t.referencedBy.flatMap((k) =>
    k.from.map((f) => {
      const from = catalogue.tables.find((x) => x.name === f.table)!;
      return sql`${sql.raw(`${alias}.${identifier(k.key)}`)} in (select ${sql.raw(`${inner}.${identifier(f.column)}`)} from ${sql.raw(identifier(f.table))} ${sql.raw(inner)} where ${ownedBy(catalogue, from, tenant, inner, depth + 1)})`;
    }),
  );
  return sql`(${sql.join(alternatives, sql` or `)})`;
}

export function sealedContext(table: string, column: string, id: string): string {
  return `${table}.${column.slice(0, -SEALED_SUFFIX.length)}:${id}`;
}

/** The line a row contributes to its table's checksum: the row's JSON, then its opened personal fields in column order. */
function canonicalLine(row: ArchivedRow): string {
  if (!row.sealed) return row.row;
  const sealed = Object.fromEntries(Object.keys(row.sealed).sort().map((k) => [k, row.sealed![k]]));
  return `${row.row}\t${JSON.stringify(sealed)}`;
}

export interface TableDigest {
  rows: number;
  sha256: string;
}

/** SHA-256 through WebCrypto, which Node, Lambda and workerd all have (the API bundle imports no Node built-ins). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Row count and SHA-256 over the sorted canonical lines: independent of row order and of how personal fields are sealed. */
export async function digestRows(rows: readonly ArchivedRow[]): Promise<TableDigest> {
  const lines = rows.map(canonicalLine).sort();
  return { rows: rows.length, sha256: await sha256Hex(new TextEncoder().encode(lines.join('\n'))) };
}
