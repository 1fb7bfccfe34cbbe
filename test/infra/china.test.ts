import { describe, expect, it } from 'vitest';
import { parseDeploymentConfig, type DeploymentSettings } from '../../infra/config.js';
import { queueList } from '../../shared/queues.js';
import { sweepJobNames } from '../../shared/sweeps/catalogue.js';
import { resourcesOfType, synthesise } from './synth.js';

describe('the china profile (cn-north-1, partition aws-cn, driver pg)', () => {
  const { stack, template } = synthesise('china');
  const json = JSON.stringify(template.toJSON());
  const functions = Object.entries(resourcesOfType(template, 'AWS::Lambda::Function')).filter(([id]) => !id.startsWith('AWSCDKTrigger'));

  it('synthesises for the China region without a hard-coded partition or a resource type the region lacks', () => {
    expect(stack.region).toBe('cn-north-1');
    expect(json).not.toMatch(/arn:aws:/);
    expect(json).not.toContain('AWS::Cognito::');
    expect(json).toContain('arn:aws-cn:secretsmanager:cn-north-1:');
  });

  it('has no CloudFront (it needs an ICP filing there): the public pages are served by API Gateway, as the README’s Deploy section documents', () => {
    expect(json).not.toContain('AWS::CloudFront::');
    expect(stack.publicPagesCdn).toBeUndefined();
    // no proxy stands before API Gateway, so the consultations' rate limits take the address it appended
    const api = functions.find(([id]) => id.startsWith('Api'))!;
    expect(api[1].Properties?.Environment?.Variables?.TRUSTED_PROXY_HOPS).toBeUndefined();
  });

  it('makes one channel secret per configured city, by name, and lets the notification worker read them and the API write them', () => {
    const secrets = Object.values(resourcesOfType(template, 'AWS::SecretsManager::Secret')).map((r) => r.Properties?.Name);
    expect(secrets.sort()).toEqual(['shequ/channels/4401', 'shequ/channels/4403']);
    const worker = functions.find(([id]) => id.startsWith('NotificationDeliveryWorker'));
    expect(worker?.[1].Properties?.Environment?.Variables).toMatchObject({ CHANNEL_SECRET_PREFIX: 'shequ/channels/' });
    const policies = Object.entries(resourcesOfType(template, 'AWS::IAM::Policy')).map(([id, p]) => [id, JSON.stringify(p.Properties?.PolicyDocument)] as const);
    const readers = policies.filter(([, doc]) => doc.includes('secretsmanager:GetSecretValue') && doc.includes('ChannelSecretsCity4401')).map(([id]) => id);
    expect(readers.some((id) => id.startsWith('NotificationDeliveryWorker'))).toBe(true);
    const writers = policies.filter(([, doc]) => doc.includes('secretsmanager:PutSecretValue') && doc.includes('ChannelSecretsCity4401')).map(([id]) => id);
    expect(writers.map((id) => id.replace(/Role.*$/, '')).sort()).toEqual(['Api', 'Console', 'Export']);
  });

  it('reaches Postgres with the pg driver from inside the VPC, trusting the RDS CA', () => {
    const databaseFunctions = functions.filter(([, fn]) => fn.Properties?.Environment?.Variables?.DATABASE_SECRET_ARN);
    // a worker per queue, a schedule per sweep job, and five more (the API, console and export functions among them)
    expect(databaseFunctions.length).toBe(queueList.length + sweepJobNames.length + 5);
    for (const [id, fn] of databaseFunctions) {
      expect(fn.Properties?.Environment.Variables, id).toMatchObject({ DATABASE_DRIVER: 'pg', NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem' });
      expect(fn.Properties?.VpcConfig, id).toEqual({
        SubnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0a1b2c3d4e5f60719'],
        SecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      });
    }
  });

  it('accepts tokens of the external OIDC issuer in the authorizer and in the Lambda', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: 'https://idp.example.gov.cn/realms/shequ', Audience: ['shequ-console'] },
    });
    const api = resourcesOfType(template, 'AWS::Lambda::Function')[stack.getLogicalId(stack.api.function.node.defaultChild as never)]!;
    expect(api.Properties?.Environment.Variables).toMatchObject({
      JWT_ISSUER: 'https://idp.example.gov.cn/realms/shequ',
      JWKS_URL: 'https://idp.example.gov.cn/realms/shequ/.well-known/jwks.json',
    });
    expect(api.Properties?.Environment.Variables.CONSOLE_CLIENT_ID).toBeUndefined();
  });

  it('signs people in to the console at the external issuer when its endpoints are configured', () => {
    const endpoints = {
      oidcAuthorizeUrl: 'https://idp.example.gov.cn/realms/shequ/protocol/openid-connect/auth',
      oidcTokenUrl: 'https://idp.example.gov.cn/realms/shequ/protocol/openid-connect/token',
      oidcLogoutUrl: 'https://idp.example.gov.cn/realms/shequ/protocol/openid-connect/logout',
    };
    const { stack: withConsole, template: withConsoleTemplate } = synthesise('china', { context: endpoints });
    const consoleFunction = resourcesOfType(withConsoleTemplate, 'AWS::Lambda::Function')[withConsole.getLogicalId(withConsole.console.function.node.defaultChild as never)]!;
    expect(consoleFunction.Properties?.Environment.Variables).toMatchObject({
      CONSOLE_CLIENT_ID: 'shequ-console',
      CONSOLE_AUTHORIZE_URL: endpoints.oidcAuthorizeUrl,
      CONSOLE_TOKEN_URL: endpoints.oidcTokenUrl,
      CONSOLE_LOGOUT_URL: endpoints.oidcLogoutUrl,
    });
    expect(Object.keys(resourcesOfType(withConsoleTemplate, 'AWS::Cognito::UserPoolDomain'))).toHaveLength(0);
  });
});

describe('notification mail', () => {
  it('lets workers and sweeps send only from the configured SES identity', () => {
    const { stack, template } = synthesise('china', { context: { mailFrom: 'noreply@mzt.example.gov.cn' } });
    const workers = [...Object.values(stack.consumers).map((c) => c.worker), ...stack.schedules.map((s) => s.job)];
    const variables = Object.values(resourcesOfType(template, 'AWS::Lambda::Function')).map((fn) => fn.Properties?.Environment?.Variables ?? {});
    expect(variables.filter((v) => v.MAIL_FROM === 'noreply@mzt.example.gov.cn')).toHaveLength(workers.length);
    const sesStatements = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
      .flatMap((p) => p.Properties?.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((statement) => statement.Action === 'ses:SendEmail');
    expect(sesStatements).toHaveLength(workers.length);
    expect(JSON.stringify(sesStatements[0]!.Resource)).toContain(':identity/mzt.example.gov.cn');
  });
});

describe('deployment config', () => {
  const china: DeploymentSettings = {
    region: 'cn-northwest-1',
    provinceCode: '44',
    provinceName: '广东省',
    databaseDriver: 'pg',
    databaseSecretArn: 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:shequ/database-AbCdEf',
    oidcIssuer: 'https://idp.example.gov.cn',
    oidcAudience: 'shequ',
    alarmEmail: 'ops@example.gov.cn',
  };

  it('defaults log retention to six months and throttling to a modest rate', () => {
    expect(parseDeploymentConfig(china)).toMatchObject({ logRetentionDays: 180, throttleRateLimit: 50, throttleBurstLimit: 100, stackName: 'Shequ' });
  });

  it.each<[string, Partial<DeploymentSettings>, RegExp]>([
    ['Neon in a China region', { databaseDriver: 'neon' }, /PIPL/],
    ['a secret outside the China partition', { databaseSecretArn: 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:shequ/database-AbCdEf' }, /partition/],
    ['Cognito in a China region', { oidcIssuer: undefined, oidcAudience: undefined }, /Cognito/],
    ['logs kept less than six months', { logRetentionDays: 90 }, /logRetentionDays/],
    ['a partial secret ARN', { databaseSecretArn: 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:shequ/database' }, /databaseSecretArn/],
  ])('refuses %s', (_case, change, message) => {
    expect(() => parseDeploymentConfig({ ...china, ...change })).toThrow(message);
  });
});
