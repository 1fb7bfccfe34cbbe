import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { inlineParams, NotInlinable } from './inline.js';
import * as schema from './schema/index.js';

export { NotInlinable } from './inline.js';

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

/**
 * Runs `work` in a transaction opened together with `preamble`, SQL of literals only (the simple query protocol, which
 * allows several statements and no parameters): on pg and Neon, BEGIN and the preamble are one round trip; on PGlite,
 * two protocol messages instead of a parse/describe/bind/execute cycle. `work` gets the preamble's rows.
 */
export type PreambleTransaction = <T>(preamble: string, work: (tx: Tx, preambleRows: Record<string, unknown>[]) => Promise<T>) => Promise<T>;

const preambleTransactions = new WeakMap<object, PreambleTransaction>();

/** The database's preamble transaction, if openDatabase opened it; callers fall back to db.transaction otherwise. */
export function preambleTransactionOf(db: Db): PreambleTransaction | undefined {
  return preambleTransactions.get(db);
}

interface SessionInternals {
  dialect: unknown;
  schema: unknown;
  options: unknown;
}
type SessionClass = new (client: never, dialect: never, schema: never, options: never) => unknown;
type TransactionClass = new (dialect: never, session: never, schema: never) => unknown;

function sessionInternals(db: unknown): SessionInternals {
  return (db as { session: SessionInternals }).session;
}

interface SimpleQueryResult {
  rows: Record<string, unknown>[];
}
interface PooledClient {
  query(text: string): Promise<SimpleQueryResult | SimpleQueryResult[]>;
  release(destroy?: boolean | Error): void;
}

function lastRows(results: SimpleQueryResult | SimpleQueryResult[]): Record<string, unknown>[] {
  return (Array.isArray(results) ? results[results.length - 1] : results)?.rows ?? [];
}

/** pg and Neon: one pooled connection; `begin; <preamble>` in one simple query; commit or rollback; release. */
function poolPreambleTransaction(db: unknown, pool: { connect(): Promise<unknown> }, Session: SessionClass, Transaction: TransactionClass): PreambleTransaction {
  const { dialect, schema, options } = sessionInternals(db);
  return async (preamble, work) => {
    const client = (await pool.connect()) as PooledClient;
    const tx = new Transaction(dialect as never, new Session(client as never, dialect as never, schema as never, options as never) as never, schema as never) as Tx;
    let broken: Error | undefined;
    try {
      const rows = lastRows(await client.query(`begin; ${preamble}`));
      const result = await work(tx, rows);
      await client.query('commit');
      return result;
    } catch (error) {
      // a connection that cannot roll back is not handed to the next request
      await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  };
}

/**
 * Runs `read` against a transaction object whose single statement travels in one simple-query message after
 * `preamble`: the message is one implicit transaction, so the preamble's set_config(..., true) settings and role end
 * with it, and an error rolls all of it back. `check` sees the preamble's first row (an array in array row mode) before
 * the statement's rows are handed on. Parameters are inlined as literals (db/inline.ts); a statement that cannot be
 * inlined or a second statement rejects with `NotInlinable` before anything of it is sent; a connection where
 * standard_conforming_strings is off rejects the message before its statements run. Either way the caller takes the
 * ordinary path.
 */
export interface OneShotRead {
  <T>(preamble: string, check: (preambleRow: unknown) => void, read: (tx: Tx) => Promise<T>): Promise<T>;
  /** The same for one SQL statement whose rows are wanted as the driver returns them (as `tx.execute` gives them), without a Drizzle transaction object. */
  rows(preamble: string, check: (preambleRow: unknown) => void, query: SQL): Promise<Record<string, unknown>[]>;
}

const oneShotReads = new WeakMap<object, OneShotRead>();

export function oneShotReadOf(db: Db): OneShotRead | undefined {
  return oneShotReads.get(db);
}

const notConforming = 'standard_conforming_strings is off';
// the cast of a non-constant text, so the planner cannot fold the refusal into every message
const conformingGuard = `select cast(case current_setting('standard_conforming_strings') when 'on' then 'true' else '${notConforming}' end as boolean)`;

interface MultiResult {
  rows: unknown[];
}

/**
 * The per-database guard and plumbing shared by the drivers; `send` runs one simple-query message and returns every
 * result. Drizzle wraps whatever the client throws, so the tenant refusal and NotInlinable are kept here and thrown in
 * place of what `read` ends with.
 */
function oneShotRead(
  db: unknown,
  makeTx: (client: unknown, dialect: unknown, schema: unknown, options: unknown) => Tx,
  wrap: (run: (text: () => string, config: unknown) => Promise<MultiResult[]>) => unknown,
  send: (text: string, config: unknown) => Promise<MultiResult[]>,
  rawConfig: unknown,
): OneShotRead {
  const { dialect, options } = sessionInternals(db);
  // checked by the connection that runs the message, ahead of the inlined statement: Postgres lexes the whole message
  // first, so a later SET cannot change how it reads, but an error here abandons every statement after it
  const sendChecked = async (text: string, config: unknown) => {
    try {
      return (await send(`${conformingGuard};\n${text}`, config)).slice(1);
    } catch (error) {
      if (error instanceof Error && error.message.includes(notConforming)) throw new NotInlinable(notConforming);
      throw error;
    }
  };
  const rows = async (preamble: string, check: (preambleRow: unknown) => void, query: SQL) => {
    const built = (dialect as { sqlToQuery(query: SQL): { sql: string; params: unknown[] } }).sqlToQuery(query);
    const results = await sendChecked(`${preamble};\n${inlineParams(built.sql, built.params)}`, rawConfig);
    check(results[0]?.rows[0]);
    return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
  };
  const read = async <T>(preamble: string, check: (preambleRow: unknown) => void, read: (tx: Tx) => Promise<T>): Promise<T> => {
    let sent = false;
    let refusal: { error: unknown } | undefined;
    let unsupported: NotInlinable | undefined;
    const client = wrap(async (text, config) => {
      let statement: string;
      try {
        if (sent) throw new NotInlinable('a one-shot read runs one statement');
        statement = text();
      } catch (error) {
        if (error instanceof NotInlinable) unsupported = error;
        throw error;
      }
      sent = true;
      let results: MultiResult[];
      try {
        results = await sendChecked(`${preamble};\n${statement}`, config);
      } catch (error) {
        if (error instanceof NotInlinable) unsupported = error;
        throw error;
      }
      try {
        check(results[0]?.rows[0]);
      } catch (error) {
        refusal = { error };
      }
      return results.slice(1);
    });
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    try {
      // without the schema: a transaction object with it builds a relational query builder per table (16 µs a read);
      // a one-statement read uses the query builder or execute(), never tx.query
      result = await read(makeTx(client, dialect, undefined, options));
    } catch (error) {
      failure = { error };
    }
    if (refusal) throw refusal.error;
    if (unsupported) throw unsupported;
    if (failure) throw failure.error;
    return result as T;
  };
  return Object.assign(read, { rows });
}

interface QueryConfigLike {
  text: string;
  rowMode?: string;
  types?: unknown;
}

/** pg and Neon: the pool's simple query (no values) on any free connection; the message is its own transaction. */
function poolOneShotRead(db: unknown, pool: { query(config: QueryConfigLike): Promise<unknown> }, Session: SessionClass, Transaction: TransactionClass, types: TypeParsers): OneShotRead {
  return oneShotRead(
    db,
    (c, d, sc, o) => new Transaction(d as never, new Session(c as never, d as never, sc as never, o as never) as never, sc as never) as Tx,
    (run) => ({
      query: async (config: string | QueryConfigLike, params?: unknown[]) => {
        const c = typeof config === 'string' ? { text: config } : config;
        return (await run(() => inlineParams(c.text, params ?? []), c)).at(-1);
      },
    }),
    async (text, config) => {
      const c = config as QueryConfigLike | undefined;
      const result = await pool.query({ text, ...(c?.rowMode ? { rowMode: c.rowMode } : {}), ...(c?.types ? { types: c.types } : {}) });
      return (Array.isArray(result) ? result : [result]) as MultiResult[];
    },
    // as drizzle's execute() reads them: the date and time types (and their arrays) as text
    { types: { getTypeParser: (oid: number, format?: string) => (drizzleRawOids.includes(oid) ? (value: string) => value : types.getTypeParser(oid, format)) } },
  );
}

interface TypeParsers {
  getTypeParser(oid: number, format?: string): unknown;
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
    const { PgliteSession, PgliteTransaction } = await import('drizzle-orm/pglite');
    const { dialect, schema: sessionSchema, options: sessionOptions } = sessionInternals(db);
    preambleTransactions.set(db, (preamble, work) =>
      client.transaction(async (pgliteTx) => {
        const rows = lastRows((await pgliteTx.exec(preamble)) as SimpleQueryResult[]);
        const session = new PgliteSession(withoutParserCopies(pgliteTx) as never, dialect as never, sessionSchema as never, sessionOptions as never);
        return work(new PgliteTransaction(dialect as never, session, sessionSchema as never) as unknown as Tx, rows);
      }),
    );
    oneShotReads.set(
      db,
      oneShotRead(
        db,
        (c, d, sc, o) => new PgliteTransaction(d as never, new PgliteSession(c as never, d as never, sc as never, o as never), sc as never) as unknown as Tx,
        (run) => ({
          query: async (text: string, params: unknown[] | undefined, config: unknown) => (await run(() => inlineParams(text, params ?? []), config)).at(-1),
        }),
        (text, config) => client.exec(text, withoutDrizzleParsers(config) as never) as Promise<MultiResult[]>,
        // the client's own parsers are drizzle's raw ones, as execute() reads them
        undefined,
      ),
    );
    return {
      db: db as unknown as Db,
      driver: 'pglite',
      migrate: () => migrate(db, { migrationsFolder }),
      close: () => client.close(),
    };
  }
  if (driver === 'neon') {
    const { Pool, neonConfig, types: neonTypes } = await import('@neondatabase/serverless');
    const { drizzle, NeonSession, NeonTransaction } = await import('drizzle-orm/neon-serverless');
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    if (!neonConfig.webSocketConstructor && typeof WebSocket === 'undefined') {
      neonConfig.webSocketConstructor = (await import('ws')).WebSocket;
    }
    const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 5 });
    pool.on('error', () => {});
    const db = drizzle(pool, { schema });
    preambleTransactions.set(db, poolPreambleTransaction(db, pool, NeonSession as unknown as SessionClass, NeonTransaction as unknown as TransactionClass));
    oneShotReads.set(db, poolOneShotRead(db, pool, NeonSession as unknown as SessionClass, NeonTransaction as unknown as TransactionClass, neonTypes));
    return {
      db: db as unknown as Db,
      driver: 'neon',
      migrate: () => migrate(db, { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  const pg = (await import('pg')).default;
  const { drizzle, NodePgSession, NodePgTransaction } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // an idle client's connection ended by the server (restart, failover, a dropped database) must not crash the process;
  // the pool discards that client and opens a new one on the next checkout
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  preambleTransactions.set(db, poolPreambleTransaction(db, pool, NodePgSession as unknown as SessionClass, NodePgTransaction as unknown as TransactionClass));
  oneShotReads.set(db, poolOneShotRead(db, pool, NodePgSession as unknown as SessionClass, NodePgTransaction as unknown as TransactionClass, pg.types));
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

/** `execute()` returns a driver-specific result; all three drivers put the rows in `.rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
