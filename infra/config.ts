import type { Node } from 'constructs';
import { z } from 'zod';

/** CloudWatch Logs' retention steps from six months up: the Cybersecurity Law keeps network logs >= 6 months. */
export const logRetentionSteps = [180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const commaList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string().min(1)).min(1),
);

export const deploymentConfigSchema = z
  .object({
    stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,100}$/).default('Shequ'),
    account: z.string().regex(/^\d{12}$/).optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
    provinceCode: z.string().regex(/^[1-9]\d$/),
    provinceName: z.string().min(2),
    databaseDriver: z.enum(['neon', 'pg']),
    /** Complete ARN (with the 6-character suffix) of a secret holding the Postgres URL or RDS credentials. */
    databaseSecretArn: z.string().regex(/^arn:aws(-cn)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/),
    /** Set when the database is reachable only inside a VPC (RDS with driver pg): the functions that use it join it. */
    vpc: z
      .object({
        vpcId: z.string().regex(/^vpc-[0-9a-f]+$/),
        availabilityZones: commaList,
        privateSubnetIds: commaList,
        securityGroupIds: commaList,
      })
      .optional(),
    /** An external OpenID Connect issuer instead of a Cognito user pool; it must put tenant | scope, role, unit in its tokens. */
    oidcIssuer: z.url().startsWith('https://').optional(),
    oidcAudience: z.string().min(1).optional(),
    /** Defaults to {oidcIssuer}/.well-known/jwks.json. */
    oidcJwksUrl: z.url().startsWith('https://').optional(),
    /**
     * The external issuer's authorisation and token endpoints (authorisation code with PKCE, client id = oidcAudience,
     * redirect {ApiUrl}/console/callback): set both to sign people in to the web console; absent → no console sign-in.
     */
    oidcAuthorizeUrl: z.url().startsWith('https://').optional(),
    oidcTokenUrl: z.url().startsWith('https://').optional(),
    /** Where the issuer ends its own session on sign-out (RP-initiated logout); optional. */
    oidcLogoutUrl: z.url().startsWith('https://').optional(),
    alarmEmail: z.email(),
    /** A verified SES identity notifications are mailed from; absent → in-app inbox only. */
    mailFrom: z.email().optional(),
    /**
     * Cities (4-digit codes) with WeCom/SMS channels: one Secrets Manager secret each, named `<channelSecretPrefix><city>`;
     * the city admin writes the credentials in the console. Empty → inbox and e-mail only.
     */
    channelCities: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.string().regex(/^[1-9]\d{3}$/))).default([]),
    channelSecretPrefix: z.string().regex(/^[\w/+=.@-]+\/$/).default('shequ/channels/'),
    logRetentionDays: z.coerce.number().pipe(z.literal(logRetentionSteps)).default(180),
    throttleRateLimit: z.coerce.number().positive().default(50),
    throttleBurstLimit: z.coerce.number().int().positive().default(100),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .superRefine((c, ctx) => {
    const china = c.region.startsWith('cn-');
    if (china && c.databaseDriver !== 'pg') {
      ctx.addIssue({ code: 'custom', path: ['databaseDriver'], message: 'an AWS China region keeps personal data in China (PIPL art. 36): use driver pg, not Neon' });
    }
    if (Boolean(c.oidcIssuer) !== Boolean(c.oidcAudience)) {
      ctx.addIssue({ code: 'custom', path: ['oidcAudience'], message: 'oidcIssuer and oidcAudience go together' });
    }
    if (Boolean(c.oidcAuthorizeUrl) !== Boolean(c.oidcTokenUrl)) {
      ctx.addIssue({ code: 'custom', path: ['oidcTokenUrl'], message: 'oidcAuthorizeUrl and oidcTokenUrl go together' });
    }
    if ((c.oidcAuthorizeUrl || c.oidcLogoutUrl) && !c.oidcIssuer) {
      ctx.addIssue({ code: 'custom', path: ['oidcAuthorizeUrl'], message: 'the console sign-in endpoints belong to an external issuer: set oidcIssuer and oidcAudience' });
    }
    if (china && !c.oidcIssuer) {
      ctx.addIssue({ code: 'custom', path: ['oidcIssuer'], message: 'Cognito user pools are not offered in the AWS China regions: set oidcIssuer and oidcAudience' });
    }
    const secretPartition = c.databaseSecretArn.split(':')[1];
    if (secretPartition !== (china ? 'aws-cn' : 'aws')) {
      ctx.addIssue({ code: 'custom', path: ['databaseSecretArn'], message: `the secret must live in the partition of ${c.region}` });
    }
    if (c.vpc && c.vpc.privateSubnetIds.length !== c.vpc.availabilityZones.length) {
      ctx.addIssue({ code: 'custom', path: ['vpc', 'privateSubnetIds'], message: 'give one private subnet per availability zone, in the same order' });
    }
  });

export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;
export type DeploymentSettings = z.input<typeof deploymentConfigSchema>;

/** Who signs the tokens the API accepts: a Cognito pool of this stack, or the external issuer configured. */
export interface TokenIssuer {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

const overridable = ['stackName', 'account', 'region', 'provinceCode', 'provinceName', 'databaseDriver', 'databaseSecretArn', 'oidcIssuer', 'oidcAudience', 'oidcJwksUrl', 'oidcAuthorizeUrl', 'oidcTokenUrl', 'oidcLogoutUrl', 'alarmEmail', 'mailFrom', 'channelCities', 'channelSecretPrefix', 'logRetentionDays', 'throttleRateLimit', 'throttleBurstLimit', 'logLevel'] as const;
const vpcKeys = { vpcId: 'vpcId', vpcAvailabilityZones: 'availabilityZones', vpcPrivateSubnetIds: 'privateSubnetIds', vpcSecurityGroupIds: 'securityGroupIds' } as const;

export function parseDeploymentConfig(settings: unknown): DeploymentConfig {
  const parsed = deploymentConfigSchema.safeParse(settings);
  if (!parsed.success) {
    throw new Error(`invalid deployment config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * The deployment settings: the profile named by context `profile` from cdk.json's `profiles`, then any single
 * setting given with `-c key=value` (VPC fields as vpcId, vpcAvailabilityZones, vpcPrivateSubnetIds, vpcSecurityGroupIds).
 */
export function loadDeploymentConfig(node: Node, environment: Record<string, string | undefined> = process.env): DeploymentConfig {
  const profileName = String(node.tryGetContext('profile') ?? 'neon');
  const profiles = (node.tryGetContext('profiles') ?? {}) as Record<string, Record<string, unknown>>;
  const profile = profiles[profileName];
  if (!profile) throw new Error(`no deployment profile "${profileName}" in cdk.json context "profiles" (have: ${Object.keys(profiles).join(', ')})`);
  const settings: Record<string, unknown> = { account: environment.CDK_DEFAULT_ACCOUNT, ...profile };
  for (const key of overridable) {
    const value = node.tryGetContext(key);
    if (value !== undefined) settings[key] = value;
  }
  const vpc: Record<string, unknown> = { ...(profile.vpc as Record<string, unknown> | undefined) };
  for (const [contextKey, field] of Object.entries(vpcKeys)) {
    const value = node.tryGetContext(contextKey);
    if (value !== undefined) vpc[field] = value;
  }
  if (Object.keys(vpc).length > 0) settings.vpc = vpc;
  return parseDeploymentConfig(settings);
}
