import { createHash } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { revokedTokens } from '../../db/schema/index.js';
import { readRowsAsTenant, withTenant } from '../../db/tenant.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './tokens.js';
import { msg } from './messages.js';

const signOutPrincipal: Principal = { kind: 'system', subject: 'system:sign-out', role: 'system', unit: '' };
const CACHE_LIMIT = 10_000;

/** How long an instance trusts the database's "not revoked" for a token before it asks again. */
export const REVOCATION_FRESH_MS = 5_000;

function payloadOf(token: string): { jti?: unknown; exp?: unknown } {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { jti?: unknown; exp?: unknown };
  } catch {
    return {};
  }
}

/** The denylist key of a token: its jti where it has a sane one, else a hash of the whole token (never the token itself). */
export function tokenIdOf(token: string): string {
  const { jti } = payloadOf(token);
  if (typeof jti === 'string' && jti.length > 0 && jti.length <= 128) return `jti:${jti}`;
  return `sha256:${createHash('sha256').update(token).digest('base64url')}`;
}

/** The expiry (exp) of a token the verifier has accepted. */
export function tokenExpiryOf(token: string): Date {
  const { exp } = payloadOf(token);
  return new Date((typeof exp === 'number' ? exp : 0) * 1000);
}

export interface RevocationList {
  isRevoked(tokenId: string): Promise<boolean>;
  revoke(tokenId: string, expiresAt: Date): Promise<void>;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/**
 * The sign-out denylist in Postgres (`revoked_tokens`), so every Lambda instance sees a sign-out. A revocation this
 * instance made or saw is remembered; the database's "not revoked" is trusted for REVOCATION_FRESH_MS by the injected
 * clock, so a busy token costs one lookup per few seconds per instance rather than one per request. Revoking prunes
 * the entries whose tokens have expired, in the same transaction.
 */
export function revocationList(db: Db, clock: Clock, freshMs = REVOCATION_FRESH_MS): RevocationList {
  const revoked = new Map<string, number>();
  const clearSince = new Map<string, number>();
  return {
    async isRevoked(tokenId) {
      const now = clock.now().getTime();
      const known = revoked.get(tokenId);
      if (known !== undefined) {
        if (known > now) return true;
        revoked.delete(tokenId);
      }
      const checkedAt = clearSince.get(tokenId);
      if (checkedAt !== undefined && checkedAt <= now && now - checkedAt < freshMs) return false;
      const rows = await readRowsAsTenant<{ expires_at: unknown }>(db, signOutPrincipal, sql`select expires_at from revoked_tokens where token_id = ${tokenId}`);
      if (rows[0]) {
        clearSince.delete(tokenId);
        remember(revoked, tokenId, new Date(String(rows[0].expires_at)).getTime() || now + freshMs);
        return true;
      }
      remember(clearSince, tokenId, now);
      return false;
    },
    async revoke(tokenId, expiresAt) {
      const now = clock.now();
      await withTenant(db, signOutPrincipal, async (tx) => {
        await tx.insert(revokedTokens).values({ tokenId, expiresAt, revokedAt: now }).onConflictDoNothing();
        await tx.delete(revokedTokens).where(lt(revokedTokens.expiresAt, now));
      });
      clearSince.delete(tokenId);
      remember(revoked, tokenId, expiresAt.getTime());
    },
  };
}

/** A verifier that also refuses a token revoked at sign-out, and can revoke one it accepts. */
export function revocableVerifier(verifier: TokenVerifier, list: RevocationList): TokenVerifier {
  return {
    prefetch: () => verifier.prefetch(),
    async verify(token) {
      const principal = await verifier.verify(token);
      if (await list.isRevoked(tokenIdOf(token))) throw new AppError('unauthenticated', msg.session_signed_out());
      return principal;
    },
    async revoke(token) {
      await verifier.verify(token);
      await list.revoke(tokenIdOf(token), tokenExpiryOf(token));
    },
  };
}
