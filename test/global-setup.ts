import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db/client.js';
import { PGLITE_SNAPSHOT_ENV, TEMPLATE_DATABASE_ENV, migratedPgliteSnapshot, serverDatabaseUrl } from './support/database.js';

/**
 * Migrates once per run instead of once per test file: on PGlite, a migrated data directory dumped to a tarball that
 * every file's database is loaded from; with TEST_DATABASE_URL, a migrated template database every file's database is
 * created from. Workers find them through the environment (they are forked after this runs); the bench scripts, which
 * run without it, migrate as before.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'shequ-test-snapshot-'));
    const path = join(dir, 'migrated.tar');
    writeFileSync(path, await migratedPgliteSnapshot());
    process.env[PGLITE_SNAPSHOT_ENV] = path;
    return async () => {
      delete process.env[PGLITE_SNAPSHOT_ENV];
      rmSync(dir, { recursive: true, force: true });
    };
  }

  const name = `shequ_template_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const template = await openDatabase({ url: serverDatabaseUrl(serverUrl, name), driver: 'pg', maxConnections: 1 });
  try {
    await template.migrate();
  } finally {
    // CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template
    await template.close();
  }
  process.env[TEMPLATE_DATABASE_ENV] = name;
  return async () => {
    delete process.env[TEMPLATE_DATABASE_ENV];
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}
