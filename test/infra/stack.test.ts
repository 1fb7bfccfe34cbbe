import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicPaths as appPublicPaths } from '../../functions/api/app.js';
import { isConsolePath } from '../../functions/console/paths.js';
import { exportRoutes, publicRoutes } from '../../infra/stacks/shequ-stack.js';
import { sweepJobNames } from '../../shared/sweeps/catalogue.js';
import { queueList, queues, type QueueKey } from '../../shared/queues.js';
import { resourcesOfType, synthesise, type Synthesised } from './synth.js';

let synthesised: Synthesised;
const logicalId = (construct: IConstruct) => synthesised.stack.getLogicalId(construct.node.defaultChild as CfnElement);
const functions = () =>
  Object.entries(resourcesOfType(synthesised.template, 'AWS::Lambda::Function')).filter(([id]) => !id.startsWith('AWSCDKTrigger'));

beforeAll(() => {
  synthesised = synthesise('neon');
});

describe('queues from the catalogue', () => {
  it.each(Object.keys(queues) as QueueKey[])('%s has a DLQ with the catalogue maxReceiveCount and visibility timeout', (key) => {
    const definition = queues[key];
    const consumer = synthesised.stack.consumers[key];
    const queue = resourcesOfType(synthesised.template, 'AWS::SQS::Queue')[logicalId(consumer.queue)]!;
    expect(queue.Properties).toMatchObject({
      VisibilityTimeout: definition.visibilityTimeoutSeconds,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(consumer.deadLetterQueue), 'Arn'] }, maxReceiveCount: definition.maxReceiveCount },
    });
    expect(queue.Properties?.QueueName).toBeUndefined();
    const dlq = resourcesOfType(synthesised.template, 'AWS::SQS::Queue')[logicalId(consumer.deadLetterQueue)]!;
    expect(dlq.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: definition.dlqRetentionDays * 86_400 });
  });

  it('enforces TLS on every queue', () => {
    const policies = Object.values(resourcesOfType(synthesised.template, 'AWS::SQS::QueuePolicy'));
    const secured = new Set(
      policies
        .filter((p) => JSON.stringify(p.Properties?.PolicyDocument).includes('"aws:SecureTransport":"false"'))
        .flatMap((p) => (p.Properties?.Queues as { Ref: string }[]).map((q) => q.Ref)),
    );
    expect([...secured].sort()).toEqual(Object.keys(resourcesOfType(synthesised.template, 'AWS::SQS::Queue')).sort());
  });

  it('gives every SQS event source partial batch responses, batch size and max concurrency from the catalogue, and a visibility timeout >= 6x the function timeout', () => {
    const mappings = Object.values(resourcesOfType(synthesised.template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(queueList.length);
    const queuesById = resourcesOfType(synthesised.template, 'AWS::SQS::Queue');
    const functionsById = resourcesOfType(synthesised.template, 'AWS::Lambda::Function');
    for (const mapping of mappings) {
      const p = mapping.Properties!;
      const queueId = p.EventSourceArn['Fn::GetAtt'][0] as string;
      const key = (Object.keys(queues) as QueueKey[]).find((k) => logicalId(synthesised.stack.consumers[k].queue) === queueId)!;
      expect(key, `mapping on ${queueId}`).toBeDefined();
      expect(p.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(p.BatchSize).toBe(queues[key].batchSize);
      expect(p.ScalingConfig).toEqual({ MaximumConcurrency: queues[key].maxConcurrency });
      const fn = functionsById[p.FunctionName.Ref as string]!;
      expect(fn.Properties?.Timeout).toBe(queues[key].functionTimeoutSeconds);
      expect(queuesById[queueId]!.Properties?.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties?.Timeout);
    }
  });

  it('alarms on any dead letter and mails the alarm address through an encrypted TLS-only topic', () => {
    const alarms = Object.values(resourcesOfType(synthesised.template, 'AWS::CloudWatch::Alarm'));
    for (const key of Object.keys(queues) as QueueKey[]) {
      const dlqId = logicalId(synthesised.stack.consumers[key].deadLetterQueue);
      const alarm = alarms.find((a) => JSON.stringify(a.Properties?.Dimensions).includes(dlqId));
      expect(alarm?.Properties).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
      });
    }
    synthesised.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.gov.cn' });
    synthesised.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    synthesised.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('HTTP API', () => {
  it('requires the JWT authorizer on every route except the public ones', () => {
    // every open route is either a public path of the app or the console, which checks its own session
    const routePath = (r: { path: string }) => r.path.replace(/\/\{proxy\+\}$/, '/*').replace(/\{(\w+)\}/g, ':$1');
    const consoleRoutes = publicRoutes.filter((r) => isConsolePath(routePath(r)));
    expect(consoleRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['ANY /console', 'ANY /console/{proxy+}']);
    expect(appPublicPaths).toEqual(expect.arrayContaining(publicRoutes.filter((r) => !consoleRoutes.includes(r)).map(routePath)));
    const routes = Object.values(resourcesOfType(synthesised.template, 'AWS::ApiGatewayV2::Route'));
    const [authorizerId] = Object.keys(resourcesOfType(synthesised.template, 'AWS::ApiGatewayV2::Authorizer'));
    const open = routes.filter((r) => r.Properties?.AuthorizationType === 'NONE').map((r) => r.Properties?.RouteKey);
    expect(open.sort()).toEqual(publicRoutes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes.filter((r) => r.Properties?.AuthorizationType !== 'NONE')) {
      expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
    expect(routes.map((r) => r.Properties?.RouteKey)).toContain('ANY /{proxy+}');
  });

  it('puts CloudFront in front of the public community pages: /p/* and /v1/public/* cached by path for the origin\'s max-age, everything else uncached', () => {
    const distributions = Object.values(resourcesOfType(synthesised.template, 'AWS::CloudFront::Distribution'));
    expect(distributions).toHaveLength(1);
    const config = distributions[0]!.Properties?.DistributionConfig;
    const policies = resourcesOfType(synthesised.template, 'AWS::CloudFront::CachePolicy');
    const [policyId, policy] = Object.entries(policies)[0]!;
    expect(Object.keys(policies)).toHaveLength(1);
    expect(policy.Properties?.CachePolicyConfig).toMatchObject({
      DefaultTTL: 60, MinTTL: 0, MaxTTL: 300,
      ParametersInCacheKeyAndForwardedToOrigin: { CookiesConfig: { CookieBehavior: 'none' }, HeadersConfig: { HeaderBehavior: 'none' }, QueryStringsConfig: { QueryStringBehavior: 'none' } },
    });
    expect(config.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern)).toEqual(['/p/*', '/v1/public/*']);
    for (const behaviour of config.CacheBehaviors) {
      // residents POST the consultation form and its JSON through the CDN; only GET and HEAD are cached, and the viewer's
      // headers reach the API (AWS's managed AllViewerExceptHostHeader policy)
      expect(behaviour).toMatchObject({ CachePolicyId: { Ref: policyId }, ViewerProtocolPolicy: 'redirect-to-https', CachedMethods: ['GET', 'HEAD'], OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac' });
      expect([...behaviour.AllowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    }
    // the default behaviour passes everything else through, uncached (AWS's managed CachingDisabled policy)
    expect(config.DefaultCacheBehavior).toMatchObject({ CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', ViewerProtocolPolicy: 'redirect-to-https' });
    expect(config.Origins[0].CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(config.Origins[0].DomainName)).toContain(logicalId(synthesised.stack.httpApi.api));
    // the consultations' rate limits take the address CloudFront appended, one entry before API Gateway's
    expect(resourcesOfType(synthesised.template, 'AWS::Lambda::Function')[logicalId(synthesised.stack.api.function)]!.Properties?.Environment?.Variables?.TRUSTED_PROXY_HOPS).toBe('1');
  });

  it('signs people in to the console through the pool\'s hosted sign-in: authorisation code, PKCE, no secret', () => {
    const [clientId] = Object.keys(resourcesOfType(synthesised.template, 'AWS::Cognito::UserPoolClient'));
    const [domainId] = Object.keys(resourcesOfType(synthesised.template, 'AWS::Cognito::UserPoolDomain'));
    const apiId = logicalId(synthesised.stack.httpApi.api);
    const apiEndpoint = [{ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }];
    const client = resourcesOfType(synthesised.template, 'AWS::Cognito::UserPoolClient')[clientId!]!;
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', [...apiEndpoint, '/console/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [...apiEndpoint, '/console/login?signedOut=1']] }],
    });
    const functions = resourcesOfType(synthesised.template, 'AWS::Lambda::Function');
    expect(functions[logicalId(synthesised.stack.console.function)]!.Properties?.Environment.Variables).toMatchObject({
      CONSOLE_CLIENT_ID: { Ref: clientId },
      CONSOLE_AUTH_DOMAIN: { 'Fn::Join': ['', ['https://', { Ref: domainId }, '.auth.ap-southeast-1.amazoncognito.com']] },
    });
    // the API function serves no console and needs none of its settings
    expect(Object.keys(functions[logicalId(synthesised.stack.api.function)]!.Properties?.Environment.Variables).filter((name) => name.startsWith('CONSOLE_'))).toEqual([]);
  });

  it('routes the console\'s paths to the console function and every other path to the API function', () => {
    const routes = Object.values(resourcesOfType(synthesised.template, 'AWS::ApiGatewayV2::Route'));
    const integrations = resourcesOfType(synthesised.template, 'AWS::ApiGatewayV2::Integration');
    const functionOf = (routeKey: string) => {
      const target = routes.find((r) => r.Properties?.RouteKey === routeKey)!.Properties?.Target as { 'Fn::Join': [string, unknown[]] };
      const integrationId = (target['Fn::Join'][1].find((part) => typeof part === 'object') as { Ref: string }).Ref;
      return (integrations[integrationId]!.Properties?.IntegrationUri as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    };
    const consoleFunction = logicalId(synthesised.stack.console.function);
    const apiFunction = logicalId(synthesised.stack.api.function);
    expect(functionOf('ANY /console')).toBe(consoleFunction);
    expect(functionOf('ANY /console/{proxy+}')).toBe(consoleFunction);
    for (const key of ['ANY /{proxy+}', 'GET /health', 'GET /openapi.json', 'POST /r/{token}', 'GET /ical/{token}']) expect(functionOf(key), key).toBe(apiFunction);
  });

  it('routes tenant exports to the export function, behind the JWT authorizer, read from the route modules', () => {
    expect(exportRoutes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/tenants/{code}/export', 'GET /v1/tenants/{code}/export-recipient', 'PUT /v1/tenants/{code}/export-recipient',
    ]);
    const routes = Object.values(resourcesOfType(synthesised.template, 'AWS::ApiGatewayV2::Route'));
    const integrations = resourcesOfType(synthesised.template, 'AWS::ApiGatewayV2::Integration');
    const exportFunction = logicalId(synthesised.stack.exporter.function);
    for (const { method, path } of exportRoutes) {
      const route = routes.find((r) => r.Properties?.RouteKey === `${method} ${path}`)!;
      expect(route.Properties, path).toMatchObject({ AuthorizationType: 'JWT' });
      const integrationId = ((route.Properties?.Target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].find((part) => typeof part === 'object') as { Ref: string }).Ref;
      expect((integrations[integrationId]!.Properties?.IntegrationUri as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]).toBe(exportFunction);
    }
  });

  it('verifies tokens of the Cognito pool, whose pre-token trigger adds the claims', () => {
    const [poolId] = Object.keys(resourcesOfType(synthesised.template, 'AWS::Cognito::UserPool'));
    const [clientId] = Object.keys(resourcesOfType(synthesised.template, 'AWS::Cognito::UserPoolClient'));
    synthesised.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [{ Ref: clientId }], Issuer: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [poolId, 'ProviderURL'] }]] } },
    });
    synthesised.template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGeneration: { 'Fn::GetAtt': [logicalId(synthesised.stack.identity!.preTokenGeneration.function), 'Arn'] } },
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith(['tenant', 'scope', 'role', 'unit'].map((name) => Match.objectLike({ Name: name, Mutable: true }))),
    });
    const client = resourcesOfType(synthesised.template, 'AWS::Cognito::UserPoolClient')[clientId!]!;
    expect(client.Properties?.WriteAttributes).toEqual(['name']);
    const api = resourcesOfType(synthesised.template, 'AWS::Lambda::Function')[logicalId(synthesised.stack.api.function)]!;
    expect(api.Properties?.Environment.Variables).toMatchObject({
      JWKS_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [poolId, 'ProviderURL'] }, '/.well-known/jwks.json']] },
      JWT_AUDIENCE: { Ref: clientId },
    });
  });

  it('throttles the default stage and writes JSON access logs', () => {
    synthesised.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"tenant":"\\$context.authorizer.claims.tenant"') },
    });
  });

  it('counts requests, server errors and latency per tenant from the request log of the API, the export function and the console (its in-process API calls)', () => {
    const filters = Object.values(resourcesOfType(synthesised.template, 'AWS::Logs::MetricFilter'));
    for (const fn of [synthesised.stack.api, synthesised.stack.exporter, synthesised.stack.console]) {
      const ofGroup = filters.filter((f) => JSON.stringify(f.Properties?.LogGroupName) === JSON.stringify({ Ref: logicalId(fn.logGroup) }));
      expect(ofGroup.map((f) => f.Properties?.MetricTransformations[0].MetricName).sort()).toEqual(['TenantRequestLatency', 'TenantRequests', 'TenantServerErrors']);
    }
    expect(filters).toHaveLength(9);
    for (const filter of filters) {
      expect(filter.Properties?.MetricTransformations[0].Dimensions).toEqual([{ Key: 'Tenant', Value: '$.tenant' }]);
      expect(filter.Properties?.FilterPattern).toContain('$.message = "request"');
    }
  });
});

describe('functions', () => {
  it('are ESM on arm64 with the newest Node.js runtime, traced, logging JSON to their own log group', () => {
    expect(functions().length).toBeGreaterThanOrEqual(10);
    const logGroups = resourcesOfType(synthesised.template, 'AWS::Logs::LogGroup');
    for (const [id, fn] of functions()) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
      });
      expect(logGroups[fn.Properties?.LoggingConfig.LogGroup.Ref], id).toBeDefined();
      expect(fn.Properties?.FunctionName, id).toBeUndefined();
    }
  });

  it('keep every log group at least 180 days', () => {
    const groups = Object.values(resourcesOfType(synthesised.template, 'AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(11);
    for (const group of groups) expect(group.Properties?.RetentionInDays).toBeGreaterThanOrEqual(180);
  });

  it('hold no secret in any environment: only the secret ARN, readable by the functions that need it', () => {
    const secretArn = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:shequ/database-AbCdEf';
    for (const [id, fn] of functions()) {
      const variables = (fn.Properties?.Environment?.Variables ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(variables)) {
        if (/^(PARAMETERS_SECRETS_EXTENSION_|SECRETS_MANAGER_TTL$|SECRETS_MANAGER_TIMEOUT_MILLIS$|SSM_PARAMETER_STORE_)/.test(name)) continue;
        expect(name, id).not.toMatch(/PASSWORD|TOKEN|DATABASE_URL|CONNECTION|(SECRET(?!_ARN))/);
        expect(JSON.stringify(value), `${id} ${name}`).not.toMatch(/postgres(ql)?:\/\/|password/i);
      }
      if ('DATABASE_SECRET_ARN' in variables) {
        expect(variables.DATABASE_SECRET_ARN).toBe(secretArn);
        expect(variables.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, `${id} reads the secret through the extension`).toBe('2773');
      }
    }
    const readers = Object.values(resourcesOfType(synthesised.template, 'AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties?.PolicyDocument).includes('secretsmanager:GetSecretValue'),
    );
    expect(readers.length).toBe(functions().filter(([, fn]) => fn.Properties?.Environment?.Variables?.DATABASE_SECRET_ARN).length);
  });
});

describe('schedules and migrations', () => {
  it('run the sweeps at Asia/Shanghai times and the relay every minute', () => {
    const rules = Object.values(resourcesOfType(synthesised.template, 'AWS::Events::Rule')).map((r) => r.Properties?.ScheduleExpression);
    expect(rules.sort()).toEqual(['cron(0 0 * * ? *)', 'cron(10 0 * * ? *)', 'cron(20 0 * * ? *)', 'cron(30 0 * * ? *)', 'cron(40 0 * * ? *)', 'cron(5 0 * * ? *)', 'rate(1 minute)']);
  });

  it('give every sweep of the catalogue a function of its own name, sending only to its queue', () => {
    expect(synthesised.stack.schedules.map((s) => s.node.id).sort()).toEqual([...sweepJobNames, 'outbox-relay'].map((n) => n.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())).sort());
  });

  it('migrate the database during the deploy, before any function that uses it is updated', () => {
    const [triggerId] = Object.keys(resourcesOfType(synthesised.template, 'Custom::Trigger'));
    expect(triggerId).toBeDefined();
    const dependents = [synthesised.stack.api, ...Object.values(synthesised.stack.consumers).map((c) => c.worker), ...synthesised.stack.schedules.map((s) => s.job)];
    for (const dependent of dependents) {
      const fn = resourcesOfType(synthesised.template, 'AWS::Lambda::Function')[logicalId(dependent.function)]!;
      expect(fn.DependsOn, dependent.node.path).toContain(triggerId);
    }
  });
});

describe('personal data', () => {
  it('gives every database function a rotating KMS key to wrap the cities’ data keys, and only generate/decrypt on it', () => {
    const keys = Object.values(resourcesOfType(synthesised.template, 'AWS::KMS::Key')).filter((k) => String(k.Properties?.Description ?? '').includes('PIPL'));
    expect(keys).toHaveLength(1);
    expect(keys[0]!.Properties?.EnableKeyRotation).toBe(true);
    for (const [id, fn] of functions()) {
      const variables = (fn.Properties?.Environment?.Variables ?? {}) as Record<string, unknown>;
      if ('DATABASE_SECRET_ARN' in variables) expect(variables.PERSONAL_DATA_KMS_KEY_ID, id).toBeDefined();
    }
    const statements = Object.values(resourcesOfType(synthesised.template, 'AWS::IAM::Policy')).flatMap((p) => (p.Properties?.PolicyDocument?.Statement ?? []) as { Action: string | string[] }[]);
    const kmsActions = new Set(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('kms:')));
    expect([...kmsActions].sort()).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey']));
    expect([...kmsActions].filter((a) => !['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'].includes(a))).toEqual([]);
  });
});

describe('tenant export bucket', () => {
  it('is private, TLS only, encrypted, logged, empties itself after a day, and only the export and console functions may write and read it', () => {
    const bucketId = logicalId(synthesised.stack.exports.bucket);
    const logsId = logicalId(synthesised.stack.exports.accessLogs);
    const buckets = resourcesOfType(synthesised.template, 'AWS::S3::Bucket');
    const privateBucket = {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    };
    expect(buckets[bucketId]!.Properties).toMatchObject({
      ...privateBucket,
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'archives/' },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 1, Status: 'Enabled' })] },
    });
    expect(buckets[logsId]!.Properties).toMatchObject(privateBucket);
    expect((buckets[bucketId] as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');

    const policies = Object.values(resourcesOfType(synthesised.template, 'AWS::S3::BucketPolicy'));
    const tlsOnly = policies.filter((p) => JSON.stringify(p.Properties?.PolicyDocument).includes('"aws:SecureTransport":"false"')).map((p) => p.Properties?.Bucket?.Ref);
    expect(tlsOnly).toEqual(expect.arrayContaining([bucketId, logsId]));

    expect(functions().find(([id]) => id === logicalId(synthesised.stack.api.function))![1].Properties?.Environment?.Variables?.EXPORT_BUCKET).toBeUndefined();
    const httpFunctions = [synthesised.stack.exporter, synthesised.stack.console].map((fn) => functions().find(([id]) => id === logicalId(fn.function))![1]);
    for (const fn of httpFunctions) expect(fn.Properties?.Environment?.Variables?.EXPORT_BUCKET).toEqual({ Ref: bucketId });
    const onBucket = (statement: { Resource: unknown }) => JSON.stringify(statement.Resource).includes(bucketId);
    const grants = Object.values(resourcesOfType(synthesised.template, 'AWS::IAM::Policy')).flatMap((p) =>
      ((p.Properties?.PolicyDocument?.Statement ?? []) as { Action: string | string[]; Resource: unknown }[]).filter(onBucket).map((s) => ({ roles: p.Properties?.Roles, actions: [s.Action].flat() })),
    );
    const roleOf = (fn: (typeof httpFunctions)[number]) => JSON.stringify([{ Ref: (fn.Properties?.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0] }]);
    expect(new Set(grants.map((g) => JSON.stringify(g.roles)))).toEqual(new Set(httpFunctions.map(roleOf)));
    expect(grants.flatMap((g) => g.actions).sort()).toEqual(['s3:GetObject', 's3:GetObject', 's3:PutObject', 's3:PutObject']);
  });
});
