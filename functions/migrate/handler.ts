import { processEnvironment } from '../../shared/env.js';
import { z } from 'zod';
import { openDatabase } from '../../db/client.js';
import { createLogger } from '../../shared/logger.js';
import { deployedDatabaseUrl, type SecretReader } from '../api/production.js';

const migrateEnvSchema = z.object({ DATABASE_DRIVER: z.enum(['pg', 'neon']).default('pg') });

/** Applies the migrations bundled beside this handler; invoked by the stack on every deploy that changes them. */
export async function migrateDeployedDatabase(source: Record<string, string | undefined> = processEnvironment(), readSecret?: SecretReader) {
  const { DATABASE_DRIVER } = migrateEnvSchema.parse(source);
  const logger = createLogger({ service: 'shequ-migrate', write: (line) => process.stdout.write(`${line}\n`) });
  const database = await openDatabase({ url: await deployedDatabaseUrl(source, readSecret), driver: DATABASE_DRIVER, maxConnections: 1 });
  const started = performance.now();
  try {
    await database.migrate();
    logger.info('migrations applied', { driver: DATABASE_DRIVER, ms: Math.round(performance.now() - started) });
    return { migrated: true };
  } finally {
    await database.close();
  }
}

export const handler = () => migrateDeployedDatabase();
