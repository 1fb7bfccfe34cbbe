import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { inlineParams, NotInlinable } from './inline.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DriverName = 'pglite' | 'pg' | 'neon';

export interface Database {
  db: Db;
  driver: DriverName;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** One SQL statement and its parameters, as drizzle's `toSQL()` and the drivers take them. */
export interface Statement {
  sql: string;
  params: readonly unknown[];
}

/**
 * A read of ONE statement after a preamble (the tenant settings), in one round trip to the database, on the driver's
 * public API, parameters sent as parameters where the driver can pipeline (pg, PGlite); see "One round trip for a hot
 * tenant read" in docs/ARCHITECTURE-NOTES.md. The preamble's settings are transaction-local and end with the read.
 * The preamble's first row comes back as an array; the statement's rows as arrays (`rowMode: 'array'`, as drizzle's
 * query builder reads them) or as objects (as `execute()` gives them), the date and time types as text either way.
 * Rejects with `NotOneTrip`, before anything of it is sent, when this read cannot travel that way now; the caller
 * then takes the ordinary transaction.
 */
export type OneTripRead = (preamble: Statement, statement: Statement, rowMode: 'array' | 'object') => Promise<{ preambleRow: unknown[] | undefined; rows: unknown[] }>;

/** This read cannot take the one-round-trip path (a value that cannot travel that way, or the connection is busy). */
export class NotOneTrip extends Error {}

const oneTripReads = new WeakMap<object, OneTripRead>();

/** The database's one-round-trip read, if openDatabase made one for its driver. */
export function oneTripReadOf(db: Db): OneTripRead | undefined {
  return oneTripReads.get(db);
}

interface TypeParsers {
  getTypeParser(oid: number, format?: string): unknown;
}

/** As drizzle's node-postgres and Neon sessions read results: the date and time types (and their arrays) as text. */
function drizzleTypes(types: TypeParsers): TypeParsers {
  return { getTypeParser: (oid: number, format?: string) => (drizzleRawOids.includes(oid) ? (value: string) => value : types.getTypeParser(oid, format)) };
}

interface PipelineClient {
  query(config: { text: string; values?: unknown[]; rowMode?: 'array'; types?: TypeParsers }): Promise<{ rows: unknown[] }>;
  release(destroy?: Error | boolean): void;
}

/**
 * pg in pipeline mode (`new Pool({ pipeline: true })`, pg >= 8.20): BEGIN, the preamble, the statement and COMMIT are
 * written at once and answered in order, one network round trip. Each is its own extended-protocol message with its
 * own Sync; BEGIN makes them one transaction. The server parses and plans the statement after the preamble has run,
 * so RLS applies as the preamble's role and settings. An error in the preamble or the statement aborts the
 * transaction, the statements after it fail, COMMIT rolls back, and the connection goes back to the pool idle.
 */
function pipelinedRead(pool: { connect(): Promise<unknown> }, types: TypeParsers): OneTripRead {
  const resultTypes = drizzleTypes(types);
  return async (preamble, statement, rowMode) => {
    const client = (await pool.connect()) as PipelineClient;
    const settled = await Promise.allSettled([
      client.query({ text: 'begin' }),
      client.query({ text: preamble.sql, values: [...preamble.params], rowMode: 'array' }),
      client.query({ text: statement.sql, values: [...statement.params], ...(rowMode === 'array' ? { rowMode } : {}), types: resultTypes }),
      client.query({ text: 'commit' }),
    ]);
    const failure = settled.find((r) => r.status === 'rejected');
    // a connection whose COMMIT did not answer may still be inside the transaction: it is not handed on
    client.release(settled[3].status === 'rejected' ? (settled[3].reason as Error) : undefined);
    if (failure) throw failure.reason;
    const [, head, body] = settled as PromiseFulfilledResult<{ rows: unknown[] }>[];
    return { preambleRow: head!.value.rows[0] as unknown[] | undefined, rows: body!.value.rows };
  };
}

const notConforming = 'standard_conforming_strings is off';
// the cast of a non-constant text, so the planner cannot fold the refusal into every message
const conformingGuard = `select cast(case current_setting('standard_conforming_strings') when 'on' then 'true' else '${notConforming}' end as boolean)`;

/**
 * Neon's Pool (its fork of pg has no pipeline mode): the preamble and the statement as one simple-query message, which
 * Postgres runs as one implicit transaction, with their parameters inlined as quoted literals (db/inline.ts), behind
 * a check on the same connection that standard_conforming_strings is on (Postgres lexes the whole message first, so a
 * later SET cannot change how it reads, and an error in the check abandons every statement after it).
 */
function inlinedRead(pool: { query(config: { text: string; rowMode?: 'array'; types?: TypeParsers }): Promise<unknown> }, types: TypeParsers): OneTripRead {
  const resultTypes = drizzleTypes(types);
  return async (preamble, statement, rowMode) => {
    let text: string;
    try {
      text = `${conformingGuard};\n${inlineParams(preamble.sql, preamble.params)};\n${inlineParams(statement.sql, statement.params)}`;
    } catch (error) {
      if (error instanceof NotInlinable) throw new NotOneTrip(error.message);
      throw error;
    }
    let results: unknown;
    try {
      results = await pool.query({ text, rowMode: 'array', types: resultTypes });
    } catch (error) {
      if (error instanceof Error && error.message.includes(notConforming)) throw new NotOneTrip(notConforming);
      throw error;
    }
    const [, head, body] = results as { rows: unknown[][]; fields: { name: string }[] }[];
    const rows = rowMode === 'array' ? body!.rows : body!.rows.map((row) => Object.fromEntries(body!.fields.map((field, i) => [field.name, row[i]])));
    return { preambleRow: head!.rows[0], rows };
  };
}

/** A bound parameter as text, as PGlite's own serializers write the values drizzle binds; other kinds refuse. */
function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new NotOneTrip('an invalid date');
    return value.toISOString();
  }
  throw new NotOneTrip(`a parameter of type ${typeof value}`);
}

/**
 * PGlite: the preamble and the statement as one batch of extended-protocol messages (Parse, Bind, Describe, Execute
 * each, then one Sync) through `execProtocol`, one call into the engine; up to the Sync they are one implicit
 * transaction, and the statement is parsed after the preamble has run. Parameters go as untyped text, as pg sends
 * them. Runs while PGlite's query lock is held and no transaction block is open (`isInTransaction()`): a transaction
 * holds the database between its statements, and this read must not run inside it, so it refuses and the caller
 * takes the ordinary path, which waits its turn.
 */
async function pgliteRead(client: PGlite): Promise<OneTripRead> {
  const { protocol, parse } = await import('@electric-sql/pglite');
  const { serialize } = protocol;
  const messagesOf = (s: Statement) => [
    serialize.parse({ text: s.sql }),
    serialize.bind({ values: s.params.map(textOf) }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
  ];
  return async (preamble, statement, rowMode) => {
    const parts = [...messagesOf(preamble), ...messagesOf(statement), serialize.sync()];
    const batch = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    parts.reduce((at, part) => (batch.set(part, at), at + part.length), 0);
    const messages = await client.runExclusive(async () => {
      if (client.isInTransaction()) throw new NotOneTrip('a transaction is open on the PGlite connection');
      return (await client.execProtocol(batch)).messages;
    });
    const results = parse.parseResults(messages, client.parsers, { rowMode: 'array' });
    const body = results[1]!;
    const rows = rowMode === 'array' ? body.rows : body.rows.map((row) => Object.fromEntries(body.fields.map((field, i) => [field.name, (row as unknown[])[i]])));
    return { preambleRow: results[0]?.rows[0] as unknown[] | undefined, rows };
  };
}

export interface DatabaseOptions {
  /** A Postgres URL; absent → PGlite. `memory://` → PGlite in memory. */
  url?: string | undefined;
  /** `neon` picks the Neon serverless WebSocket Pool for a URL; default `pg`. */
  driver?: 'pg' | 'neon' | undefined;
  /** PGlite data directory when no URL is given. */
  dataDir?: string | undefined;
  /** PGlite: start from this tarball of a data directory (PGlite's dumpDataDir) instead of an empty database. */
  loadDataDir?: Blob | undefined;
  /** Pool size for pg and neon. */
  maxConnections?: number | undefined;
}

/**
 * The type OIDs drizzle's PGlite session reads as raw text (it maps them itself): timestamp, timestamptz, interval,
 * date, and the arrays numeric[], timestamp[], timestamptz[], interval[], date[] (drizzle-orm/pglite/session.js).
 */
const drizzleRawOids = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];
function drizzleParsers(): Record<number, (value: string) => string> {
  const raw = (value: string) => value;
  return Object.fromEntries(drizzleRawOids.map((oid) => [oid, raw]));
}

/**
 * Drizzle passes those parsers with every PGlite query, and PGlite copies its whole default parser table to merge
 * them (about 0.17 ms a query on this machine). The PGlite client is created with them as its defaults instead, so the
 * per-query copy is dropped when it would add nothing; any other parsers are passed on as given.
 */
function withoutDrizzleParsers(options: unknown): unknown {
  const parsers = (options as { parsers?: Record<number, unknown> } | undefined)?.parsers;
  if (!parsers) return options;
  let keys = 0;
  for (const key in parsers) {
    if (!drizzleRawOids.includes(Number(key))) return options;
    keys++;
  }
  return keys === drizzleRawOids.length ? { ...(options as object), parsers: undefined } : options;
}

interface PgliteQueryable {
  query(text: string, params?: unknown[], options?: unknown): Promise<unknown>;
  exec(text: string, options?: unknown): Promise<unknown>;
  transaction<T>(work: (tx: never) => Promise<T>): Promise<T>;
}

/** The PGlite client (or one of its transactions) as drizzle sees it: the same object, without the parser copies. */
function withoutParserCopies<C extends object>(target: C): C {
  const client = target as unknown as PgliteQueryable;
  // made once per client, not on every property read: drizzle reads `query` for every statement it sends
  const replaced: Record<string | symbol, unknown> = {
    query: (text: string, params?: unknown[], options?: unknown) => client.query(text, params, withoutDrizzleParsers(options)),
    exec: (text: string, options?: unknown) => client.exec(text, withoutDrizzleParsers(options)),
    transaction: <T>(work: (tx: never) => Promise<T>) => client.transaction((tx: never) => work(withoutParserCopies(tx as object) as never)),
  };
  return new Proxy(target, {
    get(t, key) {
      if (Object.hasOwn(replaced, key)) return replaced[key];
      const value = Reflect.get(t, key, t) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
  });
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const { url, driver = 'pg' } = options;
  if (!url || url === 'memory://') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    let client: InstanceType<typeof PGlite>;
    const pgliteOptions = { parsers: drizzleParsers(), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) };
    if (url === 'memory://' || !options.dataDir) {
      client = new PGlite(pgliteOptions);
    } else {
      mkdirSync(options.dataDir, { recursive: true });
      client = new PGlite(options.dataDir, pgliteOptions);
    }
    const db = drizzle(withoutParserCopies(client), { schema });
    oneTripReads.set(db, await pgliteRead(client));
    return {
      db: db as unknown as Db,
      driver: 'pglite',
      migrate: () => migrate(db, { migrationsFolder }),
      close: () => client.close(),
    };
  }
  if (driver === 'neon') {
    const { Pool, neonConfig, types: neonTypes } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    if (!neonConfig.webSocketConstructor && typeof WebSocket === 'undefined') {
      neonConfig.webSocketConstructor = (await import('ws')).WebSocket;
    }
    const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 5 });
    pool.on('error', () => {});
    const db = drizzle(pool, { schema });
    oneTripReads.set(db, inlinedRead(pool, neonTypes));
    return {
      db: db as unknown as Db,
      driver: 'neon',
      migrate: () => migrate(db, { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // pipeline mode: a query is written as soon as it is made, not after the previous one's answer (pipelinedRead);
  // code that awaits each query, as drizzle does, sees no difference
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, pipeline: true });
  // an idle client's connection ended by the server (restart, failover, a dropped database) must not crash the process;
  // the pool discards that client and opens a new one on the next checkout
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  oneTripReads.set(db, pipelinedRead(pool, pg.types));
  return {
    db: db as unknown as Db,
    driver: 'pg',
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => pool.end(),
  };
}

/**
 * Imports the modules openDatabase imports for a server `driver`, so that a cold start can load them (the bulk of it
 * after the app's own modules) while it waits for the database URL; openDatabase then finds them loaded. Only the
 * configured driver: the other one is not in the function's bundle.
 */
export async function preloadDriver(driver: 'pg' | 'neon'): Promise<void> {
  if (driver === 'neon') await Promise.all([import('@neondatabase/serverless'), import('drizzle-orm/neon-serverless')]);
  else await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
}

/** `execute()` returns a driver-specific result: the three drivers put the rows in `.rows`; drizzle's pg-proxy (readAsTenant) returns the rows. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
