import { request } from 'node:http';
import { channelDeps, type ChannelDeps } from '../../shared/channels/deps.js';
import { secretsManagerStore } from '../../shared/channels/secrets.js';
import { z } from 'zod';
import { openDatabase, preloadDriver, type Db } from '../../db/client.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { systemClock } from '../../shared/clock.js';
import { loadEnv, loadQueueUrls, processEnvironment, type Env } from '../../shared/env.js';
import { createLogger, type Logger } from '../../shared/logger.js';
import { PersonalDataVault } from '../../shared/personal-data/envelope.js';
import { kmsHttpApi } from '../../shared/personal-data/kms-http.js';
import { kmsMasterKey } from '../../shared/personal-data/kms.js';
import { s3ArchiveStore } from '../../shared/tenant-export/s3-store.js';
import type { AppDeps } from './deps.js';
import { bundledRendererScript } from './docs-renderer-files.js';

/** Returns the SecretString of a Secrets Manager secret. */
export type SecretReader = (secretId: string) => Promise<string>;

export interface ProductionOptions {
  readSecret?: SecretReader;
}

const deployedEnvSchema = z.object({
  DATABASE_SECRET_ARN: z.string().regex(/^arn:aws[a-z-]*:secretsmanager:/, 'the ARN of the database secret'),
});

/** The console's sign-in at an external OIDC issuer (China profile, no Cognito): its endpoints, set by the stack. */
const externalSignInSchema = z.object({
  CONSOLE_AUTHORIZE_URL: z.url().startsWith('https://').optional(),
  CONSOLE_TOKEN_URL: z.url().startsWith('https://').optional(),
  CONSOLE_LOGOUT_URL: z.url().startsWith('https://').optional(),
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

/**
 * Reads a secret through the AWS Parameters and Secrets Lambda Extension on localhost: one HTTP call and no SDK to load,
 * which is most of a cold start's secret cost. The extension authenticates the call with the function's session token.
 * node:http rather than fetch: the first fetch in a process loads undici, ~25 ms of a cold start for one loopback call.
 */
export function readSecretFromExtension(port: string, sessionToken: string): SecretReader {
  return async (secretId) => {
    const { status, body } = await httpGet(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`, { 'X-Aws-Parameters-Secrets-Token': sessionToken });
    if (status < 200 || status > 299) throw new Error(`the secrets extension answered ${status} for ${secretId}`);
    const { SecretString } = JSON.parse(body) as { SecretString?: string };
    if (!SecretString) throw new Error(`secret ${secretId} has no SecretString`);
    return SecretString;
  };
}

function httpGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The extension where the function has it (CDK adds it to every database function), else the SDK. */
export function defaultSecretReader(source: Record<string, string | undefined>): SecretReader {
  const port = source.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  const token = source.AWS_SESSION_TOKEN;
  return port && token ? readSecretFromExtension(port, token) : readSecretFromSecretsManager;
}

/** The database URL of a deployed function, read once per cold start from the secret named in DATABASE_SECRET_ARN. */
export async function deployedDatabaseUrl(source: Record<string, string | undefined> = processEnvironment(), readSecret: SecretReader = defaultSecretReader(source)): Promise<string> {
  const parsed = deployedEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`invalid environment: DATABASE_SECRET_ARN: ${parsed.error.issues[0]?.message}`);
  return databaseUrlFromSecret(await readSecret(parsed.data.DATABASE_SECRET_ARN));
}

/**
 * Publishes what a request just committed to the outbox, without holding up its response; the one-minute relay
 * takes whatever this misses (a frozen Lambda, SQS refusing). The SQS client loads on first use, not at cold start.
 */
function relayAfterCommit(db: Db, logger: Logger, queueUrls: Record<string, string>): (() => void) | undefined {
  if (Object.keys(queueUrls).length === 0) return undefined;
  let running: Promise<unknown> | undefined;
  const relay = async () => {
    const [{ SQSClient }, { createSqsPublisher, queueUrlsFromMap }, { relayOutbox }] = await Promise.all([
      import('@aws-sdk/client-sqs'),
      import('../../shared/outbox/sqs.js'),
      import('../../shared/outbox/relay.js'),
    ]);
    return relayOutbox({ db, clock: systemClock, logger, publisher: createSqsPublisher(new SQSClient({}), queueUrlsFromMap(queueUrls)) }, { maxMessages: 100 });
  };
  return () => {
    running ??= relay()
      .catch((error: unknown) => logger.warn('relay after commit failed; the scheduled relay will retry', { error }))
      .finally(() => (running = undefined));
  };
}

/** Dependencies of the deployed API: Postgres from the secret in Secrets Manager, and the identity provider's JWKS. */
export async function productionDeps(source: Record<string, string | undefined> = processEnvironment(), options: ProductionOptions = {}): Promise<AppDeps> {
  const env = loadEnv(source);
  if (!env.JWKS_URL) throw new Error('JWKS_URL is required outside the local stack');
  const verifier = createTokenVerifier({ jwks: new URL(env.JWKS_URL), issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE });
  // the driver's modules load and the identity provider's key set arrives while the secret is on its way (issue #4):
  // Lambda's init, not the first request, waits for all three, side by side
  const [url] = await Promise.all([deployedDatabaseUrl(source, options.readSecret), preloadDriver(env.DATABASE_DRIVER), verifier.prefetch()]);
  // two: a relay after commit must not make the next request wait for the only connection
  const database = await openDatabase({ url, driver: env.DATABASE_DRIVER, maxConnections: 2 });
  // stdout directly: Lambda's JSON log format keeps a JSON line as is, so metric filters can read its fields
  const logger = createLogger({ level: env.LOG_LEVEL, service: 'shequ-api', write: (line) => process.stdout.write(`${line}\n`) });
  const afterOutboxCommit = relayAfterCommit(database.db, logger, loadQueueUrls(source));
  return {
    db: database.db,
    clock: systemClock,
    logger,
    verifier,
    config: { provinceCode: env.PROVINCE_CODE, provinceName: env.PROVINCE_NAME, trustedProxyHops: env.TRUSTED_PROXY_HOPS },
    ...(afterOutboxCommit ? { afterOutboxCommit } : {}),
    ...personalDataFromEnv(env, logger),
    ...channelsFromEnv(env),
    ...(env.EXPORT_BUCKET ? { archives: { store: s3ArchiveStore({ bucket: env.EXPORT_BUCKET }), inlineLimit: env.EXPORT_INLINE_LIMIT } } : {}),
    ...consoleFromEnv(env, source),
    // the build copies the reference's script beside the bundle (infra/constructs/shequ-function.ts)
    ...(source.LAMBDA_TASK_ROOT ? { docsRenderer: bundledRendererScript(source.LAMBDA_TASK_ROOT) } : {}),
  };
}

/**
 * The web console's sign-in in AWS: Cognito's hosted sign-in when CONSOLE_AUTH_DOMAIN and CONSOLE_CLIENT_ID are set,
 * else an external issuer's endpoints (CONSOLE_AUTHORIZE_URL, CONSOLE_TOKEN_URL); neither → no console.
 */
export function consoleFromEnv(env: Env, source: Record<string, string | undefined>): Pick<AppDeps, 'console'> {
  const clientId = env.CONSOLE_CLIENT_ID;
  if (!clientId) return {};
  if (env.CONSOLE_AUTH_DOMAIN) {
    const domain = env.CONSOLE_AUTH_DOMAIN.replace(/\/$/, '');
    return {
      console: {
        secureCookies: true,
        signIn: { kind: 'oidc', authorizeUrl: `${domain}/oauth2/authorize`, tokenUrl: `${domain}/oauth2/token`, logoutUrl: `${domain}/logout`, clientId },
      },
    };
  }
  const external = externalSignInSchema.safeParse(source);
  if (!external.success) throw new Error(`invalid environment: ${external.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { CONSOLE_AUTHORIZE_URL: authorizeUrl, CONSOLE_TOKEN_URL: tokenUrl, CONSOLE_LOGOUT_URL: logoutUrl } = external.data;
  if (!authorizeUrl || !tokenUrl) return {};
  return { console: { secureCookies: true, signIn: { kind: 'oidc', authorizeUrl, tokenUrl, clientId, ...(logoutUrl ? { logoutUrl } : {}) } } };
}

/** The channel adapters in AWS: credentials in Secrets Manager under CHANNEL_SECRET_PREFIX; without it, no channel beside the inbox and e-mail. */
export function channelsFromEnv(env: Env): { channels?: ChannelDeps } {
  if (!env.CHANNEL_SECRET_PREFIX) return {};
  return {
    channels: channelDeps({
      store: secretsManagerStore(env.AWS_REGION), prefix: env.CHANNEL_SECRET_PREFIX, linkBase: env.CONSOLE_PUBLIC_URL ?? 'https://localhost/console',
      ...(env.CHANNEL_WECOM_BASE ? { endpoints: { wecom: env.CHANNEL_WECOM_BASE } } : {}),
    }),
  };
}

/** KMS wraps the cities' data keys when PERSONAL_DATA_KMS_KEY_ID is set; without it, personal-data routes answer 503. */
export function personalDataFromEnv(env: Env, logger: Logger): Pick<AppDeps, 'personalData'> {
  const { PERSONAL_DATA_KMS_KEY_ID: keyId, AWS_REGION: region, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  if (!keyId || !region || !accessKeyId || !secretAccessKey) {
    logger.warn('personal data is not configured: set PERSONAL_DATA_KMS_KEY_ID (and the function role) to store phone and ID numbers');
    return {};
  }
  const kms = kmsHttpApi({ region, credentials: () => ({ accessKeyId, secretAccessKey, sessionToken }) });
  return { personalData: new PersonalDataVault(kmsMasterKey(kms, keyId)) };
}
