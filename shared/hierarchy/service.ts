import { and, count, eq, gt, like, ne, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { divisions } from '../../db/schema/index.js';
import { readRowsAsTenant, withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, unitCovers } from '../auth/principal.js';
import type { Call } from '../context.js';
import { AppError, notFound, type RowProblem } from '../errors.js';
import { shanghaiDate } from '../dates.js';
import { newId } from '../ids.js';
import { divisionImporters, divisionRowsFromCsv, planDivisionImport, type DivisionRowInput, type ExistingDivision, type PlannedDivision } from './rules.js';
import type { DivisionSummary, DivisionView, ImportReport, ListDivisionsInput } from './schemas.js';
import { msg } from './messages.js';

/** A division as the API shows it, selected in SQL so every read maps it the same way (dates as text, updatedAt in ISO form). */
const divisionViewColumns = sql`code, name, level, kind, parent_code as "parentCode", valid_from::text as "validFrom", valid_to::text as "validTo",
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`;

/** The versions in force on a day: from valid_from (null: always) until the day before valid_to (null: open). */
export function inForce(asOf: string): SQL {
  return sql`(${divisions.validFrom} is null or ${divisions.validFrom} <= ${asOf}) and (${divisions.validTo} is null or ${divisions.validTo} > ${asOf})`;
}

/** A unit's name on a day, from {@link unitNames}. */
export type NameOn = (code: string, asOf: string) => string | undefined;

/**
 * Units' names by code on any day, in one read: the version in force that day, else the unit's latest version (a
 * community a plan has yet to create, or one since closed); the city itself from the tenant registry (a city's list has
 * no row for the city). A code no list names has none.
 */
export async function unitNames(tx: Tx, codes: Iterable<string>): Promise<NameOn> {
  const wanted = [...new Set(codes)];
  if (!wanted.length) return () => undefined;
  const versions = rowsOf<{ code: string; name: string; validFrom: string | null; validTo: string | null }>(
    await tx.execute(sql`
      select code, name, valid_from::text as "validFrom", valid_to::text as "validTo" from divisions where code = any(${sql.param(wanted)}::text[])
      union all
      select code, name, null, null from tenants where code = any(${sql.param(wanted.filter((c) => c.length === 4))}::text[])
      order by 1, 3 desc nulls last`),
  );
  return (code, asOf) => {
    const mine = versions.filter((v) => v.code === code);
    return (mine.find((v) => (v.validFrom === null || v.validFrom <= asOf) && (v.validTo === null || v.validTo > asOf)) ?? mine[0])?.name;
  };
}

/** The names of these units as they now stand (their open versions, else their latest), for views that show a unit by name. */
export async function divisionNames(tx: Tx, codes: readonly string[]): Promise<Map<string, string>> {
  const nameOn = await unitNames(tx, codes);
  return new Map([...new Set(codes)].flatMap((code) => {
    const name = nameOn(code, '9999-12-31');
    return name === undefined ? [] : [[code, name] as const];
  }));
}

/** Rows per statement: on PGlite (in the process) one statement holds the event loop, about 0.1 s per 1,000 rows. */
const WRITE_CHUNK = 2_000;

/** Lets timers, I/O and other requests run (and streamed progress reach the socket) between two pieces of a long import. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One statement per chunk with one array per column: a 30,000-row list is three statements, not 30,000. */
async function upsertDivisions(tx: Tx, tenantId: string, rows: PlannedDivision[], now: Date): Promise<void> {
  const column = <K extends keyof PlannedDivision>(key: K) => sql.param(rows.map((r) => r[key]));
  const ids = sql.param(rows.map(() => newId(now.getTime())));
  await tx.execute(sql`
    insert into divisions (id, tenant_id, code, name, level, kind, parent_code, created_at, updated_at)
    select u.id, ${tenantId}, u.code, u.name, u.level, u.kind, u.parent_code, ${now}, ${now}
    from unnest(${ids}::uuid[], ${column('code')}::text[], ${column('name')}::text[], ${column('level')}::text[],
                ${column('kind')}::text[], ${column('parentCode')}::text[]) as u(id, code, name, level, kind, parent_code)
    on conflict (tenant_id, code) where valid_to is null do update set
      name = excluded.name, level = excluded.level, kind = excluded.kind,
      parent_code = excluded.parent_code, updated_at = excluded.updated_at`);
}

/** A division list as CSV (text, or the bytes as uploaded with the charset they were declared in), or as JSON rows. */
export type ImportDivisionsInput = { csv: string | Uint8Array; charset?: string | undefined } | { rows: Array<Omit<DivisionRowInput, 'row'>> };

function readDivisionSource(input: ImportDivisionsInput): { rows: DivisionRowInput[]; problems: RowProblem[] } {
  if ('csv' in input) return divisionRowsFromCsv(input.csv, input.charset);
  return { rows: input.rows.map((r, i) => ({ ...r, row: i + 1 })), problems: [] };
}

/**
 * Imports a city's official division list: all or nothing, idempotent, and only inside the caller's city.
 * Imports of one city are serialised, so the created / updated / unchanged counts are exact.
 */
/** How far an import has got: read and checked, then rows written, then committed. */
export type ImportProgress =
  | { phase: 'checked'; rows: number; toWrite: number }
  | { phase: 'writing'; written: number; toWrite: number }
  | { phase: 'committing'; written: number; toWrite: number };

export async function importDivisions({ ctx, input, onProgress }: Call<ImportDivisionsInput> & { onProgress?: (progress: ImportProgress) => void }): Promise<ImportReport> {
  const principal = requireCity(ctx.principal, divisionImporters);
  const city = principal.tenant;
  const source = readDivisionSource(input);
  if (source.problems.length) throw rejected(source.problems);
  if (source.rows.length === 0) throw rejected([{ row: 1, field: 'code', reason: msg.list_has_no_rows() }]);
  const now = ctx.clock.now();
  await yieldToEventLoop();
  return withTenant(ctx.db, principal, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`divisions-import:${city}`}))`);
    const current = await tx
      .select({ code: divisions.code, name: divisions.name, level: divisions.level, kind: divisions.kind, parentCode: divisions.parentCode, validFrom: divisions.validFrom, validTo: divisions.validTo })
      .from(divisions);
    const existing = new Map<string, ExistingDivision>(current.filter((d) => d.validTo === null).map((d) => [d.code, d]));
    const held = new Set(current.filter((d) => d.validFrom !== null || d.validTo !== null).map((d) => d.code));
    await yieldToEventLoop();
    const plan = planDivisionImport(city, source.rows, existing, held);
    if (plan.problems.length) throw rejected(plan.problems);

    const writes = [...plan.create, ...plan.update];
    onProgress?.({ phase: 'checked', rows: source.rows.length, toWrite: writes.length });
    for (let i = 0; i < writes.length; i += WRITE_CHUNK) {
      await yieldToEventLoop();
      await upsertDivisions(tx, city, writes.slice(i, i + WRITE_CHUNK), now);
      onProgress?.({ phase: 'writing', written: Math.min(i + WRITE_CHUNK, writes.length), toWrite: writes.length });
    }
    await yieldToEventLoop();
    onProgress?.({ phase: 'committing', written: writes.length, toWrite: writes.length });
    const report = importReportOf(source.rows.length, plan);
    await recordAudit(tx, ctx, {
      action: 'divisions.imported',
      entity: 'division_list',
      entityId: city,
      detail: { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged },
    });
    return report;
  });
}

function rejected(rows: RowProblem[]): AppError {
  return new AppError('import_rejected', msg.division_list_rejected({ length: rows.length }), { rows });
}

function importReportOf(rowCount: number, plan: ReturnType<typeof planDivisionImport>): ImportReport {
  const byLevel: ImportReport['byLevel'] = {};
  const byKind: ImportReport['byKind'] = {};
  const tally = (list: PlannedDivision[], outcome: 'created' | 'updated' | 'unchanged') => {
    for (const d of list) {
      (byLevel[d.level] ??= { created: 0, updated: 0, unchanged: 0 })[outcome] += 1;
      (byKind[d.kind] ??= { created: 0, updated: 0, unchanged: 0 })[outcome] += 1;
    }
  };
  tally(plan.create, 'created');
  tally(plan.update, 'updated');
  tally(plan.unchanged, 'unchanged');
  return {
    rows: rowCount,
    cityRows: plan.cityRows,
    created: plan.create.length,
    updated: plan.update.length,
    unchanged: plan.unchanged.length,
    heldByPlans: plan.heldByPlans.length,
    byLevel,
    byKind,
  };
}

const readers = cityRoles;

function withinUnit(unit: string, tenant: string): SQL | undefined {
  return unit === tenant ? undefined : like(divisions.code, `${unit}%`);
}

export async function getDivision({ ctx, input }: Call<{ code: string; asOf?: string | undefined }>): Promise<DivisionView> {
  const principal = requireCity(ctx.principal, readers);
  if (!unitCovers(principal.unit, input.code)) throw notFound(msg.division_not_found({ code: input.code }));
  const asOf = input.asOf ?? shanghaiDate(ctx.clock.now());
  // the most frequent read of the product (every tree and breadcrumb): one round trip
  const [row] = await readRowsAsTenant<DivisionView>(ctx.db, principal, sql`select ${divisionViewColumns} from divisions where code = ${input.code} and ${inForce(asOf)}`);
  if (!row) throw notFound(msg.division_not_found({ code: input.code }));
  return row;
}

export async function listDivisions({ ctx, input }: Call<ListDivisionsInput>): Promise<{ items: DivisionView[]; nextCursor: string | null }> {
  const principal = requireCity(ctx.principal, readers);
  if (input.parent && !unitCovers(principal.unit, input.parent) && !unitCovers(input.parent, principal.unit)) {
    throw notFound(msg.division_not_found({ code: input.parent }));
  }
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const filters = [
    inForce(input.asOf ?? shanghaiDate(ctx.clock.now())),
    withinUnit(principal.unit, principal.tenant),
    input.parent ? eq(divisions.parentCode, input.parent) : undefined,
    input.level ? eq(divisions.level, input.level) : undefined,
    input.kind ? eq(divisions.kind, input.kind) : undefined,
    input.q ? like(divisions.name, `%${escapeLike(input.q)}%`) : undefined,
    after ? gt(divisions.code, after) : undefined,
  ];
  const rows = await readRowsAsTenant<DivisionView>(
    ctx.db,
    principal,
    sql`select ${divisionViewColumns} from divisions where ${and(...filters)} order by ${divisions.code} limit ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > input.limit && last ? encodeCursor(last.code) : null };
}

export async function summariseDivision({ ctx, input }: Call<{ code: string }>): Promise<DivisionSummary> {
  const principal = requireCity(ctx.principal, readers);
  if (!unitCovers(principal.unit, input.code)) throw notFound(msg.division_not_found({ code: input.code }));
  const today = inForce(shanghaiDate(ctx.clock.now()));
  return withTenant(ctx.db, principal, async (tx) => {
    const [root] = await tx.select().from(divisions).where(and(eq(divisions.code, input.code), today));
    if (!root) throw notFound(msg.division_not_found({ code: input.code }));
    const groups = await tx
      .select({ level: divisions.level, kind: divisions.kind, n: count() })
      .from(divisions)
      .where(and(like(divisions.code, `${input.code}%`), ne(divisions.code, input.code), today))
      .groupBy(divisions.level, divisions.kind);
    const byLevel: Record<string, number> = {};
    const byKind: Record<string, number> = {};
    let total = 0;
    for (const g of groups) {
      byLevel[g.level] = (byLevel[g.level] ?? 0) + g.n;
      if (g.kind) byKind[g.kind] = (byKind[g.kind] ?? 0) + g.n;
      total += g.n;
    }
    return { code: root.code, name: root.name, level: root.level, total, byLevel, byKind };
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
export const encodeCursor = (code: string) => Buffer.from(JSON.stringify({ after: code })).toString('base64url');
export function decodeCursor(cursor: string): string {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'string' && /^\d{4,12}$/.test(after)) return after;
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', msg.cursor_not_issued(), { errors: [{ path: 'cursor', message: msg.cursor_invalid() }] });
}
