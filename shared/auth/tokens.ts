import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../errors.js';
import { claimsSchema, principalFromClaims, type Principal } from './principal.js';
import { msg } from './messages.js';
import { zodFieldProblems } from '../zod-messages.js';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /** Sign-out: the token (verified first) stops being accepted; present where the app keeps a denylist (revocations.ts). */
  revoke?(token: string): Promise<void>;
  /**
   * Fetches a remote key set now (a deployed function's init), so the first request does not wait for the identity
   * provider; a failure is left for that request to retry. Nothing to do for a key set held in memory.
   */
  prefetch(): Promise<void>;
}

export interface VerifierOptions {
  /** A key set held in memory (local stack, tests) or the URL of one (Cognito). */
  jwks: JSONWebKeySet | URL;
  issuer: string;
  audience?: string | undefined;
}

const CACHE_LIMIT = 10_000;

/**
 * Verifies bearer tokens against a key set. A token already verified is remembered until it expires, so a warm
 * Lambda checks a signature once per token rather than once per request: the same bytes always verify the same way.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const remote = options.jwks instanceof URL ? createRemoteJWKSet(options.jwks) : undefined;
  const keys: JWTVerifyGetKey = remote ?? createLocalJWKSet(options.jwks as JSONWebKeySet);
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();

  async function verifyOnce(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    let payload: Record<string, unknown> & { exp?: number };
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        ...(options.audience ? { audience: options.audience } : {}),
        algorithms: ['ES256', 'RS256'],
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      const reason = error instanceof errors.JWTExpired ? msg.token_expired() : msg.token_unverifiable();
      throw new AppError('unauthenticated', reason);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      throw new AppError('unauthenticated', msg.token_claim_missing(), {
        errors: zodFieldProblems(claims.error.issues, payload),
      });
    }
    return { principal: principalFromClaims(claims.data), expiresAt: (payload.exp ?? 0) * 1000 };
  }

  return {
    async prefetch() {
      await remote?.reload().catch(() => undefined);
    },
    async verify(token) {
      const cached = verified.get(token);
      if (cached && cached.expiresAt > Date.now()) return cached.principal;
      verified.delete(token);
      const entry = await verifyOnce(token);
      if (verified.size >= CACHE_LIMIT) verified.delete(verified.keys().next().value!);
      verified.set(token, entry);
      return entry.principal;
    },
  };
}
