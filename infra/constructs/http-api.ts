import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionRoute } from '../../functions/export/routes.js';

/** A route open without a token, and why that is safe. */
export interface PublicRoute {
  method: 'GET' | 'POST' | 'ANY';
  path: string;
  reason: string;
  /** The function that serves it: the API's (default) or the console's. */
  target?: 'api' | 'console';
}

export interface HttpApiGatewayProps {
  /** The API function: every route not served by another function. */
  handler: IFunction;
  /** The console function, for the public routes whose target is 'console'. */
  consoleHandler?: IFunction;
  /** Routes another function serves, behind the same JWT authorizer (the export function's). */
  routedElsewhere?: readonly { id: string; handler: IFunction; routes: readonly FunctionRoute[] }[];
  /** Routes open without a token (each with its reason); every other route needs a valid JWT. */
  publicPaths: readonly PublicRoute[];
  jwt: { issuer: string; audience: string[] };
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
}

/** API Gateway HTTP API in front of the Hono Lambda: JWT authorizer by default, public paths opted out, access logs, throttling. */
export class HttpApiGateway extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: HttpApiGatewayProps) {
    super(scope, id);
    const integration = new HttpLambdaIntegration('Hono', props.handler);
    const consoleIntegration = props.consoleHandler ? new HttpLambdaIntegration('Console', props.consoleHandler) : undefined;
    this.api = new HttpApi(this, 'Api', {
      description: 'Shequ community administration API',
      createDefaultStage: false,
      defaultAuthorizer: new HttpJwtAuthorizer('Jwt', props.jwt.issuer, { jwtAudience: props.jwt.audience }),
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            tenant: '$context.authorizer.claims.tenant',
            subject: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    this.api.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.ANY], integration });
    for (const { id, handler, routes } of props.routedElsewhere ?? []) {
      const elsewhere = new HttpLambdaIntegration(id, handler);
      for (const { method, path } of routes) this.api.addRoutes({ path, methods: [HttpMethod[method]], integration: elsewhere });
    }
    for (const { method, path, reason, target } of props.publicPaths) {
      if (target === 'console' && !consoleIntegration) throw new Error(`${method} ${path} is served by the console function, which is not given`);
      const routeIntegration = target === 'console' ? consoleIntegration! : integration;
      const [route] = this.api.addRoutes({ path, methods: [HttpMethod[method]], integration: routeIntegration, authorizer: new HttpNoneAuthorizer() });
      Validations.of(route!).acknowledge({ id: 'AwsSolutions-APIG4', reason: `${method} ${path} is public by design: ${reason}; the throttled stage limits it.` });
    }
  }

  get url(): string {
    return this.stage.url;
  }
}
