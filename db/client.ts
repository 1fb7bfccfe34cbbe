import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
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

export interface DatabaseOptions {
  /** A Postgres URL; absent → PGlite. `memory://` → PGlite in memory. */
  url?: string | undefined;
  /** `neon` picks the Neon serverless WebSocket Pool for a URL; default `pg`. */
  driver?: 'pg' | 'neon' | undefined;
  /** PGlite data directory when no URL is given. */
  dataDir?: string | undefined;
  /** Pool size for pg and neon. */
  maxConnections?: number | undefined;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const { url, driver = 'pg' } = options;
  if (!url || url === 'memory://') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    let client: InstanceType<typeof PGlite>;
    if (url === 'memory://' || !options.dataDir) {
      client = new PGlite();
    } else {
      mkdirSync(options.dataDir, { recursive: true });
      client = new PGlite(options.dataDir);
    }
    const db = drizzle(client, { schema });
    const { PgliteSession, PgliteTransaction } = await import('drizzle-orm/pglite');
    const { dialect, schema: sessionSchema, options: sessionOptions } = sessionInternals(db);
    preambleTransactions.set(db, (preamble, work) =>
      client.transaction(async (pgliteTx) => {
        const rows = lastRows((await pgliteTx.exec(preamble)) as SimpleQueryResult[]);
        const session = new PgliteSession(pgliteTx as never, dialect as never, sessionSchema as never, sessionOptions as never);
        return work(new PgliteTransaction(dialect as never, session, sessionSchema as never) as unknown as Tx, rows);
      }),
    );
    return {
      db: db as unknown as Db,
      driver: 'pglite',
      migrate: () => migrate(db, { migrationsFolder }),
      close: () => client.close(),
    };
  }
  if (driver === 'neon') {
    const { Pool, neonConfig } = await import('@neondatabase/serverless');
    const { drizzle, NeonSession, NeonTransaction } = await import('drizzle-orm/neon-serverless');
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    if (!neonConfig.webSocketConstructor && typeof WebSocket === 'undefined') {
      neonConfig.webSocketConstructor = (await import('ws')).WebSocket;
    }
    const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 5 });
    pool.on('error', () => {});
    const db = drizzle(pool, { schema });
    preambleTransactions.set(db, poolPreambleTransaction(db, pool, NeonSession as unknown as SessionClass, NeonTransaction as unknown as TransactionClass));
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
  return {
    db: db as unknown as Db,
    driver: 'pg',
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => pool.end(),
  };
}

/** `execute()` returns a driver-specific result; all three drivers put the rows in `.rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
