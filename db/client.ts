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
    return {
      db: db as unknown as Db,
      driver: 'pglite',
      migrate: () => migrate(db, { migrationsFolder }),
      close: () => client.close(),
    };
  }
  if (driver === 'neon') {
    const { Pool, neonConfig } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    if (!neonConfig.webSocketConstructor && typeof WebSocket === 'undefined') {
      neonConfig.webSocketConstructor = (await import('ws')).WebSocket;
    }
    const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 5 });
    pool.on('error', () => {});
    const db = drizzle(pool, { schema });
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
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // an idle client's connection ended by the server (restart, failover, a dropped database) must not crash the process;
  // the pool discards that client and opens a new one on the next checkout
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
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
