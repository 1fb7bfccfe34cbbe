import { readFileSync } from 'node:fs';
import pg from 'pg';
import { migrationsFolder, openDatabase, type Database } from '../../db/client.js';

export interface TestDatabase extends Database {
  /** Where this database lives, for tier-specific assertions and messages. */
  label: string;
  /** Drops the database (server tiers) after closing every connection. */
  dispose(): Promise<void>;
}

const envServerUrl = process.env.TEST_DATABASE_URL;
const envServerDriver = process.env.TEST_DATABASE_DRIVER === 'neon' ? 'neon' : 'pg';

/** Set by test/global-setup.ts: the tarball of a migrated PGlite data directory. */
export const PGLITE_SNAPSHOT_ENV = 'SHEQU_TEST_PGLITE_SNAPSHOT';
/** Set by test/global-setup.ts: a migrated database on TEST_DATABASE_URL's server to create each file's database from. */
export const TEMPLATE_DATABASE_ENV = 'SHEQU_TEST_TEMPLATE_DATABASE';

/** A PGlite data directory migrated the way openDatabase's migrate() does it, as an uncompressed tarball. */
export async function migratedPgliteSnapshot(): Promise<Uint8Array> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = new PGlite();
  try {
    await migrate(drizzle(client), { migrationsFolder });
    return new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer());
  } finally {
    await client.close();
  }
}

/**
 * Fills an empty PGlite data directory on disk (the local stack's) with the migrated snapshot, so that the stack's
 * migrate() finds nothing to apply; without a snapshot (outside vitest) the directory is left for the stack to make.
 */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  const snapshot = process.env[PGLITE_SNAPSHOT_ENV];
  if (!snapshot) return;
  const seeded = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(snapshot)]) });
  await seeded.close();
}

export function serverDatabaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A migrated, empty database for one test file: PGlite in memory by default; with TEST_DATABASE_URL, a uniquely
 * named database on that server (created here, dropped on dispose), reached through the pg or Neon driver. Under
 * vitest it is a copy of the database test/global-setup.ts migrated (migrate() then finds nothing to apply);
 * without it (the bench scripts), it is migrated here.
 */
export async function createTestDatabase(
  options: { url?: string | undefined; driver?: 'pg' | 'neon' } = { url: envServerUrl, driver: envServerDriver },
): Promise<TestDatabase> {
  const serverUrl = options.url;
  const serverDriver = options.driver ?? 'pg';
  if (!serverUrl) {
    const snapshot = process.env[PGLITE_SNAPSHOT_ENV];
    const database = await openDatabase({ url: 'memory://', ...(snapshot ? { loadDataDir: new Blob([readFileSync(snapshot)]) } : {}) });
    await database.migrate();
    return { ...database, label: 'pglite', dispose: () => database.close() };
  }
  const name = `shequ_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const template = serverUrl === envServerUrl ? process.env[TEMPLATE_DATABASE_ENV] : undefined;
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = serverDatabaseUrl(serverUrl, name);
  const connect = serverDriver === 'neon' ? await neonConnection(url) : { url, close: async () => {} };
  const database = await openDatabase({ url: connect.url, driver: serverDriver });
  await database.migrate();
  return {
    ...database,
    label: `${serverDriver}:${name}`,
    dispose: async () => {
      await database.close();
      await connect.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function neonConnection(url: string): Promise<{ url: string; close(): Promise<void> }> {
  const { startNeonProxy } = await import('./neon-proxy.js');
  const proxy = await startNeonProxy();
  return { url, close: () => proxy.close() };
}
