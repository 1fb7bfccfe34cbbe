import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../errors.js';
import { claimsSchema, principalFromClaims, type Principal } from './principal.js';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  /** A key set held in memory (local stack, tests) or the URL of one (Cognito). */
  jwks: JSONWebKeySet | URL;
  issuer: string;
  audience?: string | undefined;
}

export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys: JWTVerifyGetKey = options.jwks instanceof URL ? createRemoteJWKSet(options.jwks) : createLocalJWKSet(options.jwks);
  return {
    async verify(token) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          ...(options.audience ? { audience: options.audience } : {}),
          algorithms: ['ES256', 'RS256'],
        }));
      } catch (error) {
        const reason = error instanceof errors.JWTExpired ? 'the token has expired' : 'the token could not be verified';
        throw new AppError('unauthenticated', reason);
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) {
        throw new AppError('unauthenticated', 'the token lacks a required claim', {
          errors: claims.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      return principalFromClaims(claims.data);
    },
  };
}
