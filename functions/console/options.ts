import type { Claims } from '../../shared/auth/principal.js';
import type { TokenVerifier } from '../../shared/auth/tokens.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';

/** Local development: a page where a person picks a tenant, role and unit; the stack signs the token itself. */
export interface LocalSignIn {
  kind: 'local';
  issue(claims: Claims, options: { expiresIn: string }): Promise<string>;
  /** How long a development session lasts, e.g. '8h' (tests use seconds to see expiry). */
  sessionLifetime?: string;
}

/**
 * An OpenID Connect provider with the authorisation-code flow and PKCE: Cognito's hosted sign-in in AWS
 * (https://<domain>/oauth2/authorize, /oauth2/token, /logout), or a provincial identity provider in the China profile.
 * The ID token it returns carries the claims the API expects (tenant or scope, role, unit).
 */
export interface OidcSignIn {
  kind: 'oidc';
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  /** Where the provider ends its own session; Cognito: https://<domain>/logout (client_id and logout_uri are added). */
  logoutUrl?: string | undefined;
  scopes?: string[];
}

export interface ConsoleOptions {
  verifier: TokenVerifier;
  /** The API in the same process: every page reads and writes through it with the session's token. */
  callApi: (request: Request) => Promise<Response>;
  signIn: LocalSignIn | OidcSignIn;
  /** Secure, __Host- cookies (always in AWS; not on http://localhost). */
  secureCookies: boolean;
  clock: Clock;
  logger: Logger;
  provinceName: string;
  provinceCode: string;
}

export type { Claims };
