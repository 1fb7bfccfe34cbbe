import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, ParamsAndSecretsVersions, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsRenderer } from '../../functions/api/docs-renderer.js';
import type { DatabaseAccess } from './database-access.js';
import type { PersonalDataKey } from './personal-data-key.js';
import { lambdaBundling } from '../bundling/split-build.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The newest Node.js runtime aws-cdk-lib knows; cdk-nag's AwsSolutions-L1 checks the same. */
export const nodeRuntime = Runtime.NODEJS_24_X;

/**
 * NodejsFunction runs esbuild with --outfile, which code splitting cannot use (it needs --outdir); so a split
 * function's bundle is rebuilt after CDK's by infra/bundling/split-bundle.ts, with the same settings plus splitting
 * and the zod locale plugin, into the same asset directory.
 */
function splitBundleCommand(inputDir: string, outputDir: string, entry: string, externals: string[]): string {
  const args = [`"${inputDir}/infra/bundling/split-bundle.ts"`, `"${inputDir}/${entry}"`, `"${outputDir}"`, ...externals.map((external) => `"${external}"`)];
  return `rm -f "${outputDir}/index.mjs" "${outputDir}/index.mjs.map" && "${inputDir}/node_modules/.bin/tsx" ${args.join(' ')}`;
}

export interface FunctionSettings {
  logRetention: RetentionDays;
  logLevel: string;
  database: DatabaseAccess;
  /** Read the database secret through the Parameters and Secrets extension (where the region offers it for arm64). */
  secretsExtension: boolean;
  /** Wraps the cities' personal-data keys; every function that reaches the database may seal and open personal data. */
  personalDataKey?: PersonalDataKey;
}

export interface ShequFunctionProps {
  /** Entry file, relative to the project root. */
  entry: string;
  description: string;
  settings: FunctionSettings;
  timeout: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  /** Whether the function talks to Postgres: it then gets the secret's ARN, read access to it, and the VPC if any. */
  usesDatabase?: boolean;
  /** Copies db/migrations beside the bundle, where db/client.ts looks for them. */
  bundleMigrations?: boolean;
  /** Bundles with code splitting (see lambdaBundling.splitting): for a function whose rarely used paths load lazily. */
  splitting?: boolean;
  /**
   * Puts the API reference's script (Scalar's standalone bundle, 4.7 MB) gzipped beside the bundle, where /docs/scalar.js
   * reads it on request: a file in the function's package, never part of its code or of what a cold start loads.
   */
  bundleDocsRenderer?: boolean;
}

/** The gzipped copy of the reference's script, from node_modules into the function's asset directory. */
function docsRendererCommand(inputDir: string, outputDir: string): string {
  const target = `${outputDir}/${docsRenderer.bundledFile}`;
  return `mkdir -p "${dirname(target)}" && gzip -9 -c "${inputDir}/node_modules/${docsRenderer.packageFile}" > "${target}"`;
}

/** A Lambda function as every function of this project is built: ESM, arm64, minified locally by esbuild, traced, JSON logs. */
export class ShequFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ShequFunctionProps) {
    super(scope, id);
    const { settings, usesDatabase = false } = props;
    const database = settings.database;
    this.logGroup = new LogGroup(this, 'Logs', { retention: settings.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    // its own role, writing only to its own log group, instead of AWSLambdaBasicExecutionRole's logs:* on every group
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Runs ${props.entry}` });
    this.logGroup.grantWrite(role);
    const externals = lambdaBundling.external(database.unusedDriverModules);
    const commandHooks: ICommandHooks | undefined = props.bundleMigrations || props.splitting || props.bundleDocsRenderer
      ? {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [
            ...(props.splitting ? [splitBundleCommand(inputDir, outputDir, props.entry, externals)] : []),
            ...(props.bundleMigrations ? [`cp -R "${inputDir}/db/migrations" "${outputDir}/migrations"`] : []),
            ...(props.bundleDocsRenderer ? [docsRendererCommand(inputDir, outputDir)] : []),
          ],
        }
      : undefined;
    this.function = new NodejsFunction(this, 'Function', {
      entry: `${projectRoot}${props.entry}`,
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      description: props.description,
      runtime: nodeRuntime,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize ?? 512,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup: this.logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: settings.logLevel,
        ...(usesDatabase ? database.environment : {}),
        ...(usesDatabase && settings.personalDataKey ? settings.personalDataKey.environment : {}),
        ...props.environment,
      },
      ...(usesDatabase && database.vpc ? { vpc: database.vpc, vpcSubnets: database.vpcSubnets, securityGroups: database.securityGroups } : {}),
      // the secret over localhost instead of loading the Secrets Manager SDK at every cold start
      ...(usesDatabase && settings.secretsExtension ? { paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, { cacheSize: 10, logLevel: ParamsAndSecretsLogLevel.WARN }) } : {}),
      bundling: {
        format: OutputFormat.ESM,
        target: lambdaBundling.target,
        mainFields: [...lambdaBundling.mainFields],
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        banner: lambdaBundling.banner,
        externalModules: externals,
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        ...(commandHooks ? { commandHooks } : {}),
      },
    });
    if (usesDatabase) database.grantConnect(this.function);
    if (usesDatabase) settings.personalDataKey?.grantUse(this.function);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    });
    if (usesDatabase && database.vpc) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        reason: 'A function in the database VPC needs the ENI permissions (ec2:CreateNetworkInterface and friends on *) this AWS managed policy holds and AWS keeps current.',
      });
    }
  }
}
