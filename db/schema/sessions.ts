import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const isSystemScope = sql`(select current_setting('app.scope', true)) = 'system'`;

/**
 * Tokens revoked at sign-out, until they would have expired anyway. Not a city's data: a province session is revoked
 * here as well as a city one, and the key is the token's id (its jti, or a hash of the token), never the token. Only
 * the server's own system scope reads or writes it (sign-out and the token check run as that scope).
 */
export const revokedTokens = pgTable(
  'revoked_tokens',
  {
    tokenId: text('token_id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('revoked_tokens_expires_at').on(t.expiresAt),
    pgPolicy('revoked_tokens_system_scope', { as: 'permissive', for: 'all', to: 'public', using: isSystemScope, withCheck: isSystemScope }),
  ],
);
