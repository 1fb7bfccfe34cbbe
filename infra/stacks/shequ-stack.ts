import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { docsRenderer } from '../../functions/api/docs-renderer.js';
import { exportFunctionRoutes } from '../../functions/export/routes.js';
import { queues, queueUrlVariable, type QueueKey } from '../../shared/queues.js';
import { outboxRelayJob, sweepJobNames, sweepJobs } from '../../shared/sweeps/catalogue.js';
import type { DeploymentConfig, TokenIssuer } from '../config.js';
import { AlarmTopic } from '../constructs/alarm-topic.js';
import { ChannelSecrets } from '../constructs/channel-secrets.js';
import { DatabaseAccess } from '../constructs/database-access.js';
import { DatabaseMigration } from '../constructs/database-migration.js';
import { ExportBucket } from '../constructs/export-bucket.js';
import { HttpApiGateway } from '../constructs/http-api.js';
import { PersonalDataKey } from '../constructs/personal-data-key.js';
import { PublicPagesCdn } from '../constructs/public-pages-cdn.js';
import { Identity } from '../constructs/identity.js';
import { QueueConsumer } from '../constructs/queue-consumer.js';
import type { PublicRoute } from '../constructs/http-api.js';
import { dailyAtShanghai, ScheduledJob } from '../constructs/scheduled-job.js';
import { ShequFunction, type FunctionSettings } from '../constructs/shequ-function.js';
import { TenantMetrics } from '../constructs/tenant-metrics.js';

/**
 * The routes API Gateway lets through without a token: liveness, the API description, capability links, and the web
 * console, a function of its own whose pages check their own session and reach data only through the API app in the
 * same process.
 */
export const publicRoutes: PublicRoute[] = [
  { method: 'GET', path: '/health', reason: 'the liveness probe; it reads no tenant data' },
  { method: 'GET', path: '/openapi.json', reason: 'the API description; it reads no tenant data' },
  { method: 'GET', path: '/docs', reason: 'the API reference page; it reads no tenant data' },
  { method: 'GET', path: docsRenderer.path, reason: 'the API reference page\'s script, a file packaged with the function; it reads no tenant data' },
  { method: 'GET', path: '/r/{token}', reason: 'a member unit opens its private conference reply link without an account; the 256-bit token is the credential and expires after the meeting' },
  { method: 'POST', path: '/r/{token}', reason: 'a member unit answers through its private reply link without an account; the token is the credential' },
  { method: 'GET', path: '/ical/{token}', reason: 'calendar clients cannot send a bearer token; the revocable 256-bit feed token is the credential and the feed holds no personal data' },
  {
    method: 'ANY', path: '/v1/public/{proxy+}',
    reason: 'residents read a published community page (居务公开: names and positions, never a phone or an ID number) and ask their community, read and rate the answer (咨询平台) without an account; the city in the path or the 256-bit link token picks the tenant, submissions are rate-limited per address and community',
  },
  {
    method: 'ANY', path: '/p/{proxy+}',
    reason: 'the residents\' public pages (居务公开, shown only when its city published it; the consultation form, its receipt and the private answer page): server-rendered HTML a browser reaches without an account',
  },
  { method: 'ANY', path: '/console', target: 'console', reason: 'the web console\'s entry redirects a browser without a session to sign-in; a browser navigation cannot send a bearer token' },
  {
    method: 'ANY', path: '/console/{proxy+}', target: 'console',
    reason: 'the web console\'s pages, sign-in and callback: the session is an http-only cookie holding the verified ID token, checked by the console on every request and passed to the API in-process, which verifies it again; forms carry a CSRF token',
  },
];

/** What API Gateway sends to the export function, read from the route modules (functions/api/modules.ts). */
export const exportRoutes = await exportFunctionRoutes();

const pascalCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

export interface ShequStackProps extends StackProps {
  config: DeploymentConfig;
}

export class ShequStack extends Stack {
  readonly consumers: Record<QueueKey, QueueConsumer>;
  readonly api: ShequFunction;
  /** The web console (SSR pages and charts), with the API app in-process: its own bundle, its own cold start. */
  readonly console: ShequFunction;
  /** Tenant exports: the only function given the export service (age and its curve libraries), so the API's bundle has neither. */
  readonly exporter: ShequFunction;
  readonly exports: ExportBucket;
  readonly httpApi: HttpApiGateway;
  /** Absent when an external OIDC issuer signs the tokens. */
  readonly identity?: Identity;
  readonly tokenIssuer: TokenIssuer;
  readonly migration: DatabaseMigration;
  readonly schedules: ScheduledJob[];
  /** CloudFront before the public community pages; absent in the China regions (ICP filing: README, Deploy). */
  readonly publicPagesCdn?: PublicPagesCdn;

  constructor(scope: Construct, id: string, props: ShequStackProps) {
    super(scope, id, props);
    const { config } = props;
    const database = new DatabaseAccess(this, 'Database', { driver: config.databaseDriver, secretArn: config.databaseSecretArn, vpc: config.vpc });
    // the Parameters and Secrets extension has no arm64 build in the China regions; there the SDK reads the secret
    const personalData = new PersonalDataKey(this, 'PersonalData');
    const settings: FunctionSettings = { logRetention: config.logRetentionDays as RetentionDays, logLevel: config.logLevel, database, secretsExtension: !config.region.startsWith('cn-'), personalDataKey: personalData };
    const alarms = new AlarmTopic(this, 'Alarms', { email: config.alarmEmail });
    if (config.oidcIssuer && config.oidcAudience) {
      const issuer = config.oidcIssuer.replace(/\/$/, '');
      this.tokenIssuer = { issuer, audience: config.oidcAudience, jwksUrl: config.oidcJwksUrl ?? `${issuer}/.well-known/jwks.json` };
    } else {
      this.identity = new Identity(this, 'Identity', { settings });
      this.tokenIssuer = this.identity.tokenIssuer;
    }

    const mailEnvironment: Record<string, string> = config.mailFrom ? { MAIL_FROM: config.mailFrom } : {};
    const grantMail = (fn: IFunction) => {
      if (!config.mailFrom) return;
      const identities = [config.mailFrom, config.mailFrom.split('@')[1]!].map((identity) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }));
      fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: identities }));
    };
    // WeCom and SMS credentials per city: names in the config, values written by each city admin in the console
    const channelSecrets = new ChannelSecrets(this, 'ChannelSecrets', { prefix: config.channelSecretPrefix, cities: config.channelCities });
    this.consumers = Object.fromEntries(
      (Object.keys(queues) as QueueKey[]).map((key) => [
        key,
        new QueueConsumer(this, pascalCase(queues[key].name), { definition: queues[key], settings, alarms, environment: { ...mailEnvironment, ...(key === 'notificationDelivery' ? channelSecrets.environment : {}) } }),
      ]),
    ) as Record<QueueKey, QueueConsumer>;
    channelSecrets.grantRead(this.consumers.notificationDelivery.worker.function);
    for (const consumer of Object.values(this.consumers)) grantMail(consumer.worker.function);
    const queueUrls = (...keys: QueueKey[]) =>
      Object.fromEntries(keys.map((key) => [queueUrlVariable(queues[key]), this.consumers[key].queue.queueUrl]));
    const allQueues = Object.keys(queues) as QueueKey[];

    const consoleEnvironment = this.identity?.consoleEnvironment ?? externalConsoleEnvironment(config);
    this.exports = new ExportBucket(this, 'Exports');
    const apiEnvironment = {
      JWKS_URL: this.tokenIssuer.jwksUrl,
      JWT_ISSUER: this.tokenIssuer.issuer,
      JWT_AUDIENCE: this.tokenIssuer.audience,
      PROVINCE_CODE: config.provinceCode,
      PROVINCE_NAME: config.provinceName,
      ...queueUrls(...allQueues),
      ...channelSecrets.environment,
    };
    // the console calls the API app in its own process, so it needs what the API needs (database, queues) and, as it
    // can export a city's data too, what the export function needs (the export bucket)
    const httpFunction = (id: string, entry: string, description: string, environment: Record<string, string>, { exports = false, bundleDocsRenderer = false } = {}) => {
      const fn = new ShequFunction(this, id, {
        entry, description, settings, timeout: Duration.seconds(25), memorySize: 1024, usesDatabase: true,
        // workbook exports and the drivers load on first use; a cold start reads the entry chunk only
        splitting: true,
        bundleDocsRenderer,
        environment: { ...environment, ...(exports ? this.exports.environment : {}) },
      });
      if (exports) this.exports.grantExport(fn.function.role!);
      channelSecrets.grantWrite(fn.function);
      for (const key of allQueues) this.consumers[key].queue.grantSendMessages(fn.function);
      return fn;
    };
    // /docs and its script are the API function's routes (publicRoutes); the console function serves /console only
    this.api = httpFunction('Api', 'functions/api/lambda.ts', 'Hono HTTP API', apiEnvironment, { bundleDocsRenderer: true });
    this.exporter = httpFunction('Export', 'functions/export/lambda.ts', 'Tenant data export: age-encrypted archives and the cities\' export keys', apiEnvironment, { exports: true });
    this.console = httpFunction('Console', 'functions/console/lambda.ts', 'Web console: server-rendered pages over the API app in-process', { ...apiEnvironment, ...consoleEnvironment }, { exports: true });

    this.httpApi = new HttpApiGateway(this, 'Http', {
      handler: this.api.function,
      consoleHandler: this.console.function,
      routedElsewhere: [{ id: 'Export', handler: this.exporter.function, routes: exportRoutes }],
      publicPaths: publicRoutes,
      jwt: { issuer: this.tokenIssuer.issuer, audience: [this.tokenIssuer.audience] },
      throttle: { rateLimit: config.throttleRateLimit, burstLimit: config.throttleBurstLimit },
      logRetention: settings.logRetention,
    });
    this.identity?.consoleAt(this.httpApi.api.apiEndpoint);
    if (!config.region.startsWith('cn-')) {
      this.publicPagesCdn = new PublicPagesCdn(this, 'PublicPages', { api: this.httpApi.api });
      // CloudFront appends the resident's address to X-Forwarded-For before API Gateway appends CloudFront's
      this.api.function.addEnvironment('TRUSTED_PROXY_HOPS', '1');
    }
    // the links in WeCom cards and SMS point at the console
    if (config.channelCities.length) this.consumers.notificationDelivery.worker.function.addEnvironment('CONSOLE_PUBLIC_URL', `${this.httpApi.api.apiEndpoint}/console`);
    new TenantMetrics(this, 'TenantMetrics', { apiLogs: this.api.logGroup });
    // the console's own API calls log their request lines in its log group: the same metrics, summed by CloudWatch
    new TenantMetrics(this, 'ConsoleTenantMetrics', { apiLogs: this.console.logGroup });
    new TenantMetrics(this, 'ExportTenantMetrics', { apiLogs: this.exporter.logGroup });

    const scheduled = (name: string, description: string, schedule: Schedule, sendsTo: QueueKey[], timeout: Duration) => {
      const job = new ScheduledJob(this, pascalCase(name), {
        entry: `functions/schedules/${name}.ts`, description, schedule, settings, timeout,
        environment: { ...queueUrls(...sendsTo), ...mailEnvironment },
      });
      for (const key of sendsTo) this.consumers[key].queue.grantSendMessages(job.job.function);
      grantMail(job.job.function);
      return job;
    };
    this.schedules = [
      ...sweepJobNames.map((name) =>
        scheduled(name, `${sweepJobs[name].description} (${sweepJobs[name].shanghaiTime} Asia/Shanghai)`, dailyAtShanghai(sweepJobs[name].shanghaiTime), [sweepJobs[name].queue], Duration.minutes(1)),
      ),
      // shorter than the rate, so two relays rarely overlap (and SKIP LOCKED makes overlap safe)
      scheduled(outboxRelayJob.job, outboxRelayJob.description, Schedule.rate(Duration.minutes(1)), allQueues, Duration.seconds(50)),
    ];

    this.migration = new DatabaseMigration(this, 'Migration', { settings });
    this.migration.runBefore(this.api, this.console, ...allQueues.map((key) => this.consumers[key].worker), ...this.schedules.map((s) => s.job));

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    if (this.identity) {
      new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
      new CfnOutput(this, 'SignInDomain', { value: this.identity.signInDomain.baseUrl() });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    if (this.publicPagesCdn) new CfnOutput(this, 'PublicPagesUrl', { value: `https://${this.publicPagesCdn.distribution.distributionDomainName}/p/` });
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.httpApi.api.apiEndpoint}/console` });
  }
}

/** The console's sign-in at an external OIDC issuer (no Cognito): its endpoints from the config, the audience as client id. */
function externalConsoleEnvironment(config: DeploymentConfig): Record<string, string> {
  if (!config.oidcAudience || !config.oidcAuthorizeUrl || !config.oidcTokenUrl) return {};
  return {
    CONSOLE_CLIENT_ID: config.oidcAudience,
    CONSOLE_AUTHORIZE_URL: config.oidcAuthorizeUrl,
    CONSOLE_TOKEN_URL: config.oidcTokenUrl,
    ...(config.oidcLogoutUrl ? { CONSOLE_LOGOUT_URL: config.oidcLogoutUrl } : {}),
  };
}
