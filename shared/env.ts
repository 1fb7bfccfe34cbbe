import { z } from 'zod';
import { queueList, queueUrlVariable } from './queues.js';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_DRIVER: z.enum(['pg', 'neon']).default('pg'),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PROVINCE_CODE: z.string().regex(/^[1-9]\d$/, 'a province code is 2 digits').default('44'),
  PROVINCE_NAME: z.string().min(2).default('广东省'),
  JWT_ISSUER: z.string().default('shequ-local'),
  JWT_AUDIENCE: z.string().optional(),
  JWKS_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** The verified SES identity notification e-mail is sent from; absent in AWS → in-app inbox only. */
  MAIL_FROM: z.email().optional(),
  /** How long a console session lasts in the local stack (a JWT lifetime such as 8h or 30m). */
  CONSOLE_SESSION_LIFETIME: z.string().regex(/^\d+(s|m|h|d)$/, 'a lifetime such as 8h or 30m').default('8h'),
  /** The console's sign-in in AWS: Cognito's hosted domain (https://…auth….amazoncognito.com) and the app client id. */
  CONSOLE_AUTH_DOMAIN: z.url().optional(),
  CONSOLE_CLIENT_ID: z.string().min(1).optional(),
  /** `paused` starts the local stack without its queue consumers: messages wait in the emulator (the kill -9 test, inspecting a queue). */
  LOCAL_QUEUE_CONSUMERS: z.enum(['run', 'paused']).default('run'),
  /** Port of the local SQS emulator (`npm start`, `npm run sweep`, `npm run dlq`). */
  SQS_PORT: z.coerce.number().int().min(1).max(65535).default(9324),
  /** The KMS key that wraps each city's personal-data key in AWS; the local stack uses a key file under DATA_DIR. */
  PERSONAL_DATA_KMS_KEY_ID: z.string().min(1).optional(),
  /** The S3 bucket a tenant export too large for a response is put in (set by the stack on the API function). */
  /** Tenant export archives larger than this (bytes) go to the export store as a link; default 4 MiB, the most a Lambda response can carry. */
  EXPORT_INLINE_LIMIT: z.coerce.number().int().min(1).max(4 * 1024 * 1024).optional(),
  EXPORT_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name').optional(),
  /** Secrets Manager names of the cities' channel credentials start with this (`<prefix><city>`); setting it turns the channels on. */
  CHANNEL_SECRET_PREFIX: z.string().regex(/^[\w/+=.@-]+$/).optional(),
  /** The console's public address, the base of the links in WeCom cards and SMS (the stack sets it; locally http://localhost:PORT/console). */
  CONSOLE_PUBLIC_URL: z.url().optional(),
  /** A WeCom-compatible API host other than qyapi.weixin.qq.com for every city (a city's secret may name its own, e.g. 粤政易's). */
  CHANNEL_WECOM_BASE: z.url().optional(),
  /** Port of the local WeCom and SMS stand-ins (`npm start`); they write what they receive under DATA_DIR/outbox-channels/ (0: any free port). */
  /** Proxies in front of API Gateway that append the client's address to X-Forwarded-For (the public pages' CDN: 1). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(4).default(0),
  CHANNEL_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(9326),
  AWS_REGION: z.string().min(1).optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
});
export type Env = z.infer<typeof envSchema>;

/** The environment, parsed once at start-up; a bad value stops the process with the variable named. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  return parsed.data;
}

/** Queue URLs by queue name, from `QUEUE_URL_<NAME>` variables the CDK stack sets on the relay and sweep functions. */
export function loadQueueUrls(source: Record<string, string | undefined> = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const q of queueList) {
    const value = source[queueUrlVariable(q)];
    if (value) urls[q.name] = z.url().parse(value);
  }
  return urls;
}

/** The process environment, for entry points that parse their own deployed settings; the only reader of process.env. */
export function processEnvironment(): Record<string, string | undefined> {
  return process.env;
}
