import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { databaseUrlFromSecret, deployedDatabaseUrl, productionDeps } from '../../functions/api/production.js';
import { handler as preTokenGeneration } from '../../functions/identity/pre-token-generation.js';
import { migrateDeployedDatabase } from '../../functions/migrate/handler.js';
import { postgresReachable, serverUrl } from './postgres.js';

const secretArn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:shequ/database-AbCdEf';

describe('the database secret', () => {
  it.each([
    ['a bare URL', 'postgres://app:pw@db.example:5432/shequ', 'postgres://app:pw@db.example:5432/shequ'],
    ['a url field', '{"url":"postgresql://app:pw@ep-x.neon.tech/shequ?sslmode=require"}', 'postgresql://app:pw@ep-x.neon.tech/shequ?sslmode=require'],
    [
      'RDS-managed credentials',
      '{"engine":"postgres","username":"shequ","password":"p@ss/word","host":"db.cn-north-1.rds.amazonaws.com.cn","port":5432,"dbname":"shequ"}',
      'postgres://shequ:p%40ss%2Fword@db.cn-north-1.rds.amazonaws.com.cn:5432/shequ?sslmode=verify-full',
    ],
  ])('reads %s', (_shape, secret, url) => {
    expect(databaseUrlFromSecret(secret)).toBe(url);
  });

  it('refuses a secret without a database', () => {
    expect(() => databaseUrlFromSecret('{"user":"x"}')).toThrow(/lacks url/);
    expect(() => databaseUrlFromSecret('hunter2')).toThrow(/neither/);
  });

  it('is read from the ARN in the environment, never from DATABASE_URL', async () => {
    const readSecret = vi.fn(async () => 'postgres://from-secret@db/shequ');
    await expect(deployedDatabaseUrl({ DATABASE_SECRET_ARN: secretArn, DATABASE_URL: 'postgres://plain@env/x' }, readSecret)).resolves.toBe('postgres://from-secret@db/shequ');
    expect(readSecret).toHaveBeenCalledWith(secretArn);
    await expect(deployedDatabaseUrl({ DATABASE_URL: 'postgres://plain@env/x' }, readSecret)).rejects.toThrow(/DATABASE_SECRET_ARN/);
  });

  it('gives productionDeps a database and a JWKS verifier without connecting at start', async () => {
    const deps = await productionDeps(
      { DATABASE_SECRET_ARN: secretArn, DATABASE_DRIVER: 'pg', JWKS_URL: 'https://idp.example.gov.cn/.well-known/jwks.json', JWT_ISSUER: 'https://idp.example.gov.cn' },
      { readSecret: async () => 'postgres://nobody@127.0.0.1:1/none' },
    );
    expect(deps.config).toEqual({ provinceCode: '44', provinceName: '广东省', trustedProxyHops: 0 });
    await expect(deps.verifier.verify('not-a-token')).rejects.toThrow(/could not be verified/);
    expect(deps.afterOutboxCommit).toBeUndefined();
  });

  it('relays right after a commit when the stack gave the API its queue URLs', async () => {
    const deps = await productionDeps(
      {
        DATABASE_SECRET_ARN: secretArn, JWKS_URL: 'https://idp.example.gov.cn/.well-known/jwks.json',
        QUEUE_URL_TRAINING_REMINDERS: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/Shequ-TrainingReminders',
      },
      { readSecret: async () => 'postgres://nobody@127.0.0.1:1/none' },
    );
    expect(deps.afterOutboxCommit).toBeTypeOf('function');
  });

  it.each([
    [
      'Cognito\'s hosted sign-in',
      { CONSOLE_AUTH_DOMAIN: 'https://shequ-123456789012.auth.ap-southeast-1.amazoncognito.com', CONSOLE_CLIENT_ID: 'client-1' },
      {
        authorizeUrl: 'https://shequ-123456789012.auth.ap-southeast-1.amazoncognito.com/oauth2/authorize',
        tokenUrl: 'https://shequ-123456789012.auth.ap-southeast-1.amazoncognito.com/oauth2/token',
        logoutUrl: 'https://shequ-123456789012.auth.ap-southeast-1.amazoncognito.com/logout',
        clientId: 'client-1',
      },
    ],
    [
      'an external issuer',
      { CONSOLE_CLIENT_ID: 'shequ-console', CONSOLE_AUTHORIZE_URL: 'https://idp.example.gov.cn/auth', CONSOLE_TOKEN_URL: 'https://idp.example.gov.cn/token' },
      { authorizeUrl: 'https://idp.example.gov.cn/auth', tokenUrl: 'https://idp.example.gov.cn/token', clientId: 'shequ-console' },
    ],
  ])('serves the console with Secure cookies and %s', async (_name, consoleEnv, signIn) => {
    const deps = await productionDeps(
      { DATABASE_SECRET_ARN: secretArn, JWKS_URL: 'https://idp.example.gov.cn/.well-known/jwks.json', ...consoleEnv },
      { readSecret: async () => 'postgres://nobody@127.0.0.1:1/none' },
    );
    expect(deps.console).toEqual({ secureCookies: true, signIn: { kind: 'oidc', ...signIn } });
  });

  it('serves no console without a client id', async () => {
    const deps = await productionDeps({ DATABASE_SECRET_ARN: secretArn, JWKS_URL: 'https://idp.example.gov.cn/.well-known/jwks.json' }, { readSecret: async () => 'postgres://nobody@127.0.0.1:1/none' });
    expect(deps.console).toBeUndefined();
  });
});

describe('the pre-token-generation trigger', () => {
  const event = (attributes: Record<string, string>) =>
    ({ userName: 'u1', request: { userAttributes: { sub: 'u-1', ...attributes }, groupConfiguration: {} }, response: { claimsOverrideDetails: null } }) as unknown as PreTokenGenerationTriggerEvent;

  it('copies a city official’s attributes into the claims the API checks, and hides the custom: duplicates', async () => {
    const result = await preTokenGeneration(event({ 'custom:tenant': '4401', 'custom:role': 'street_officer', 'custom:unit': '440103001' }));
    expect(result.response.claimsOverrideDetails).toEqual({
      claimsToAddOrOverride: { tenant: '4401', role: 'street_officer', unit: '440103001' },
      claimsToSuppress: ['custom:tenant', 'custom:scope', 'custom:role', 'custom:unit'],
    });
  });

  it('issues province scope without a tenant', async () => {
    const result = await preTokenGeneration(event({ 'custom:scope': 'province', 'custom:role': 'province_admin', 'custom:unit': '44' }));
    expect(result.response.claimsOverrideDetails?.claimsToAddOrOverride).toEqual({ scope: 'province', role: 'province_admin', unit: '44' });
  });

  it.each([
    ['no role', { 'custom:tenant': '4401', 'custom:unit': '4401' }],
    ['a unit outside the tenant', { 'custom:tenant': '4401', 'custom:role': 'city_admin', 'custom:unit': '4403' }],
    ['both tenant and province scope', { 'custom:tenant': '4401', 'custom:scope': 'province', 'custom:role': 'city_admin', 'custom:unit': '4401' }],
  ])('refuses a token to a user with %s', async (_case, attributes) => {
    await expect(preTokenGeneration(event(attributes))).rejects.toThrow(/no valid tenant/);
  });
});

const postgresUp = await postgresReachable();

describe.skipIf(!postgresUp)('the migration function', () => {
  it('migrates the database named by the secret, and a second run changes nothing', async () => {
    const name = `shequ_migrate_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
      const source = { DATABASE_SECRET_ARN: secretArn, DATABASE_DRIVER: 'pg' };
      await expect(migrateDeployedDatabase(source, async () => url)).resolves.toEqual({ migrated: true });
      await expect(migrateDeployedDatabase(source, async () => url)).resolves.toEqual({ migrated: true });
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const { rows } = await check.query(`select count(*)::int as n from drizzle.__drizzle_migrations`);
      await check.end();
      expect(rows[0].n).toBeGreaterThanOrEqual(3);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
