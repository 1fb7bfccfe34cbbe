import { z } from 'zod';
import { openDatabase } from '../../db/client.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { systemClock } from '../../shared/clock.js';
import { loadEnv } from '../../shared/env.js';
import { createLogger } from '../../shared/logger.js';
import type { AppDeps } from './deps.js';

/** Returns the SecretString of a Secrets Manager secret. */
export type SecretReader = (secretId: string) => Promise<string>;

export interface ProductionOptions {
  readSecret?: SecretReader;
}

const deployedEnvSchema = z.object({
  DATABASE_SECRET_ARN: z.string().regex(/^arn:aws[a-z-]*:secretsmanager:/, 'the ARN of the database secret'),
});

const rdsSecretSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().default(5432),
  dbname: z.string().min(1).default('postgres'),
});

/**
 * A database secret holds a Postgres URL: as the whole SecretString, as `{"url": …}`, or in the RDS-managed shape
 * `{username, password, host, port, dbname}` (TLS verified against the RDS CA the Lambda runtime ships).
 */
export function databaseUrlFromSecret(secretString: string): string {
  const trimmed = secretString.trim();
  if (/^postgres(ql)?:\/\//.test(trimmed)) return trimmed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('the database secret is neither a postgres:// URL nor JSON');
  }
  const withUrl = z.object({ url: z.string().regex(/^postgres(ql)?:\/\//) }).safeParse(parsed);
  if (withUrl.success) return withUrl.data.url;
  const rds = rdsSecretSchema.safeParse(parsed);
  if (!rds.success) throw new Error('the database secret lacks url or username/password/host');
  const { username, password, host, port, dbname } = rds.data;
  return `postgres://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(dbname)}?sslmode=verify-full`;
}

export const readSecretFromSecretsManager: SecretReader = async (secretId) => {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`secret ${secretId} has no SecretString`);
    return SecretString;
  } finally {
    client.destroy();
  }
};

/** The database URL of a deployed function, read once per cold start from the secret named in DATABASE_SECRET_ARN. */
export async function deployedDatabaseUrl(source: Record<string, string | undefined> = process.env, readSecret: SecretReader = readSecretFromSecretsManager): Promise<string> {
  const parsed = deployedEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`invalid environment: DATABASE_SECRET_ARN: ${parsed.error.issues[0]?.message}`);
  return databaseUrlFromSecret(await readSecret(parsed.data.DATABASE_SECRET_ARN));
}

/** Dependencies of the deployed API: Postgres from the secret in Secrets Manager, and the identity provider's JWKS. */
export async function productionDeps(source: Record<string, string | undefined> = process.env, options: ProductionOptions = {}): Promise<AppDeps> {
  const env = loadEnv(source);
  if (!env.JWKS_URL) throw new Error('JWKS_URL is required outside the local stack');
  const url = await deployedDatabaseUrl(source, options.readSecret);
  const database = await openDatabase({ url, driver: env.DATABASE_DRIVER, maxConnections: 1 });
  return {
    db: database.db,
    clock: systemClock,
    // stdout directly: Lambda's JSON log format keeps a JSON line as is, so metric filters can read its fields
    logger: createLogger({ level: env.LOG_LEVEL, service: 'shequ-api', write: (line) => process.stdout.write(`${line}\n`) }),
    verifier: createTokenVerifier({ jwks: new URL(env.JWKS_URL), issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }),
    config: { provinceCode: env.PROVINCE_CODE, provinceName: env.PROVINCE_NAME },
  };
}
