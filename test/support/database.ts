import pg from 'pg';
import { openDatabase, type Database } from '../../db/client.js';

export interface TestDatabase extends Database {
  /** Where this database lives, for tier-specific assertions and messages. */
  label: string;
  /** Drops the database (server tiers) after closing every connection. */
  dispose(): Promise<void>;
}

const envServerUrl = process.env.TEST_DATABASE_URL;
const envServerDriver = process.env.TEST_DATABASE_DRIVER === 'neon' ? 'neon' : 'pg';

/**
 * A migrated, empty database for one test file: PGlite in memory by default; with TEST_DATABASE_URL, a uniquely
 * named database on that server (created here, dropped on dispose), reached through the pg or Neon driver.
 */
export async function createTestDatabase(
  options: { url?: string | undefined; driver?: 'pg' | 'neon' } = { url: envServerUrl, driver: envServerDriver },
): Promise<TestDatabase> {
  const serverUrl = options.url;
  const serverDriver = options.driver ?? 'pg';
  if (!serverUrl) {
    const database = await openDatabase({ url: 'memory://' });
    await database.migrate();
    return { ...database, label: 'pglite', dispose: () => database.close() };
  }
  const name = `shequ_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connect = serverDriver === 'neon' ? await neonConnection(url.toString()) : { url: url.toString(), close: async () => {} };
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
