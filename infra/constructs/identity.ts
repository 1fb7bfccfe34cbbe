import { Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccountRecovery, ClientAttributes, Mfa, OAuthScope, StringAttribute, UserPool, UserPoolClientIdentityProvider, type UserPoolClient, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { TokenIssuer } from '../config.js';
import { ShequFunction, type FunctionSettings } from './shequ-function.js';

export interface IdentityProps {
  settings: FunctionSettings;
}

/**
 * The officials' user pool. Administrators create users and set tenant | scope, role and unit as custom attributes;
 * a pre-token-generation trigger turns them into the top-level claims the API checks. People sign in to the web console
 * through the pool's hosted sign-in (authorisation code with PKCE, a public client without a secret), and the console
 * keeps the ID token, whose audience is the client id the API already accepts.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The hosted sign-in: https://<prefix>.auth.<region>.amazoncognito.com. */
  readonly signInDomain: UserPoolDomain;
  readonly preTokenGeneration: ShequFunction;
  readonly tokenIssuer: TokenIssuer;
  private consoleBaseUrl: string | undefined;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.preTokenGeneration = new ShequFunction(this, 'PreTokenGeneration', {
      entry: 'functions/identity/pre-token-generation.ts',
      description: 'Adds tenant, scope, role and unit claims to ID tokens',
      settings: props.settings,
      timeout: Duration.seconds(5),
      memorySize: 256,
    });
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        tenant: new StringAttribute({ minLen: 4, maxLen: 4, mutable: true }),
        scope: new StringAttribute({ minLen: 1, maxLen: 20, mutable: true }),
        role: new StringAttribute({ minLen: 1, maxLen: 40, mutable: true }),
        unit: new StringAttribute({ minLen: 2, maxLen: 12, mutable: true }),
      },
      lambdaTriggers: { preTokenGeneration: this.preTokenGeneration.function },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'A closed pool of officials: administrators create every user (no self sign-up) and TOTP MFA is required; the Plus plan\'s adaptive authentication adds a per-user cost without a matching threat here.',
    });
    this.client = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes('tenant', 'scope', 'role', 'unit'),
      // a user must not grant themselves a tenant, role or unit
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      // the console's sign-in; the API's URL exists only once the HTTP API does, hence the lazy URLs (see consoleAt)
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [Lazy.string({ produce: () => `${this.requireConsoleBaseUrl()}/console/callback` })],
        logoutUrls: [Lazy.string({ produce: () => `${this.requireConsoleBaseUrl()}/console/login?signedOut=1` })],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    });
    // unique per account and stack, as Cognito requires of a prefix in a region
    this.signInDomain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: `${Stack.of(this).stackName.toLowerCase()}-${Stack.of(this).account}` } });
    const issuer = `https://${this.userPool.userPoolProviderUrl}`;
    this.tokenIssuer = { issuer, audience: this.client.userPoolClientId, jwksUrl: `${issuer}/.well-known/jwks.json` };
  }

  /** The console is served by the API at `${baseUrl}/console`: sign-in returns to its callback, sign-out to its login page. */
  consoleAt(baseUrl: string): void {
    this.consoleBaseUrl = baseUrl;
  }

  /** What the API Lambda needs to send people to the hosted sign-in. */
  get consoleEnvironment(): Record<string, string> {
    return { CONSOLE_AUTH_DOMAIN: this.signInDomain.baseUrl(), CONSOLE_CLIENT_ID: this.client.userPoolClientId };
  }

  private requireConsoleBaseUrl(): string {
    if (!this.consoleBaseUrl) throw new Error('Identity.consoleAt(apiUrl) must be called before synthesis: the sign-in needs the console callback URL');
    return this.consoleBaseUrl;
  }
}
