import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client.js';
import { systemClock } from '../../shared/clock.js';
import { loadEnv } from '../../shared/env.js';
import { createLogger } from '../../shared/logger.js';
import { PersonalDataVault } from '../../shared/personal-data/envelope.js';
import { localMasterKey } from '../../shared/personal-data/local-master-key.js';
import { ArchiveError, openArchive, RestoreRefused, restoreTenantArchive, type TableComparison } from '../../shared/tenant-export/restore.js';
import { personalDataFromEnv } from '../api/production.js';

const usage = `usage: npm run restore -- <archive.age> --identity <age identity file> [--database-url postgres://…]
Restores a tenant archive (GET /v1/tenants/{code}/export) into a database migrated here first: DATABASE_URL or
--database-url, else PGlite under DATA_DIR. Personal fields are sealed again with this database's key (KMS when
PERSONAL_DATA_KMS_KEY_ID is set, else DATA_DIR/keys). One transaction: any mismatch writes nothing and exits 1.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { identity: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean', default: false } },
});
const archivePath = positionals[0];
if (values.help || !archivePath || !values.identity) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const env = loadEnv();
const logger = createLogger({ level: 'warn', service: 'shequ-restore' });
const identity = readFileSync(values.identity, 'utf8').split('\n').map((l) => l.trim()).find((l) => l.startsWith('AGE-SECRET-KEY-'));
if (!identity) {
  console.error(`${values.identity} holds no AGE-SECRET-KEY-1… line`);
  process.exit(2);
}
const vault = env.PERSONAL_DATA_KMS_KEY_ID ? personalDataFromEnv(env, logger).personalData : new PersonalDataVault(localMasterKey(env.DATA_DIR));
if (!vault) {
  console.error('PERSONAL_DATA_KMS_KEY_ID is set but AWS_REGION or credentials are missing');
  process.exit(2);
}
try {
  await openArchive(identity, readFileSync(archivePath));
} catch (error) {
  if (error instanceof RestoreRefused) printTables(error.tables);
  console.error(`restore refused, nothing written: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const url = values['database-url'] ?? env.DATABASE_URL;
const database = await openDatabase({ url, driver: env.DATABASE_DRIVER, dataDir: join(env.DATA_DIR, 'pglite') });

function printTables(tables: TableComparison[]): void {
  const width = Math.max(5, ...tables.map((t) => t.table.length));
  console.log(`${'table'.padEnd(width)}  ${'rows'.padStart(6)}  ${'restored'.padStart(8)}  ${'sha256 (manifest)'.padEnd(16)}  ${'sha256 (restored)'.padEnd(17)}  match`);
  for (const t of tables) {
    const restored = t.restored ?? t.archive;
    console.log(`${t.table.padEnd(width)}  ${String(t.manifest.rows).padStart(6)}  ${String(t.restored?.rows ?? '-').padStart(8)}  ${t.manifest.sha256.slice(0, 16)}  ${(t.restored ? restored.sha256.slice(0, 16) : '-').padEnd(17)}  ${t.match ? 'yes' : 'NO'}`);
  }
}

let exitCode = 0;
try {
  await database.migrate();
  const report = await restoreTenantArchive({
    db: database.db, vault, archive: readFileSync(archivePath), identity, clock: systemClock, actor: `restore-cli:${userInfo().username}`,
  });
  const { manifest } = report;
  printTables(report.tables);
  console.log(`restored ${manifest.tenant.code} ${manifest.tenant.name} (exported ${manifest.exportedAt} by ${manifest.exportedBy}) into ${url ? 'the database at --database-url/DATABASE_URL' : `PGlite in ${join(env.DATA_DIR, 'pglite')}`}: ${report.tables.length} tables, ${report.rows} rows, every count and checksum matches (${report.ms} ms)`);
} catch (error) {
  exitCode = 1;
  if (error instanceof RestoreRefused) {
    if (error.tables.length > 0) printTables(error.tables);
    console.error(`restore refused, nothing written: ${error.message}`);
  } else if (error instanceof ArchiveError) {
    console.error(`restore refused, nothing written: ${error.message}`);
  } else {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    console.error(`restore failed, nothing written (one transaction): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}${cause}`);
  }
} finally {
  await database.close();
}
process.exit(exitCode);
