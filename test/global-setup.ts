import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder, openDatabase } from '../db/client.js';
import { adminQuery } from './infra/postgres.js';
import { PGLITE_SNAPSHOT_ENV, TEMPLATE_DATABASE_ENV, migratedPgliteSnapshot, serverDatabaseUrl } from './support/database.js';

/**
 * Migrates once per run instead of once per test file: on PGlite, a migrated data directory dumped to a tarball that
 * every file's database is loaded from; with TEST_DATABASE_URL, a migrated template database every file's database is
 * created from. Workers find them through the environment (they are forked after this runs); the bench scripts, which
 * run without it, migrate as before. The PGlite tarball is kept in the temporary directory under a hash of what makes
 * it (the migrations, test/support/database.ts, the PGlite and Drizzle versions), so a run after the first does not remake it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    process.env[PGLITE_SNAPSHOT_ENV] = await pgliteSnapshotFile();
    return async () => {
      delete process.env[PGLITE_SNAPSHOT_ENV];
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

async function pgliteSnapshotFile(): Promise<string> {
  const path = join(tmpdir(), `shequ-test-pglite-${snapshotKey()}.tar`);
  if (!existsSync(path)) {
    // written aside and renamed: a run started at the same moment (another checkout) reads a whole file or none
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, await migratedPgliteSnapshot());
    renameSync(partial, path);
  }
  return path;
}

function snapshotKey(): string {
  const hash = createHash('sha256');
  const add = (label: string, content: string | Buffer) => hash.update(`${label}\0${content.length}\0`).update(content);
  for (const dir of [migrationsFolder, join(migrationsFolder, 'meta')]) {
    for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
      add(entry.name, readFileSync(join(dir, entry.name)));
    }
  }
  add('database.ts', readFileSync(new URL('./support/database.ts', import.meta.url)));
  for (const name of ['@electric-sql/pglite', 'drizzle-orm']) {
    add(name, (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version);
  }
  return hash.digest('hex').slice(0, 16);
}
