import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import type { Role } from '../../shared/auth/principal.js';

export const LOCAL_AUDIENCE = 'shequ-api';

export interface DevIdentity {
  publicJwks: JSONWebKeySet;
  issue(claims: DevClaims, options?: { expiresIn?: string; issuer?: string }): Promise<string>;
}

export interface DevClaims {
  sub: string;
  role: Role;
  unit: string;
  tenant?: string;
  scope?: 'province';
}

async function identityFrom(privateJwk: JWK, issuer: string): Promise<DevIdentity> {
  const key = await importJWK(privateJwk, 'ES256');
  const { d: _private, ...publicJwk } = privateJwk;
  return {
    publicJwks: { keys: [{ ...publicJwk, use: 'sig', alg: 'ES256' }] },
    issue: (claims, options = {}) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid! })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '8h')
        .sign(key),
  };
}

export async function newDevIdentity(issuer: string): Promise<DevIdentity> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = `dev-${Date.now().toString(36)}`;
  return identityFrom(jwk, issuer);
}

/** The local stack's signing key lives under the data directory, made on first start, so tokens survive restarts. */
export async function loadDevIdentity(dataDir: string, issuer: string): Promise<DevIdentity> {
  const file = join(dataDir, 'dev-signing-key.jwk.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    jwk.kid = `dev-${Date.now().toString(36)}`;
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return identityFrom(JSON.parse(readFileSync(file, 'utf8')) as JWK, issuer);
}
