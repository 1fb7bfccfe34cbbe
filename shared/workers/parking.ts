import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { outbox, parkedMessages } from '../../db/schema/index.js';
import { claimMessages } from '../idempotency/index.js';
import { newId } from '../ids.js';

export interface MessageToPark {
  key: string;
  body: { type: string; tenant: string };
}

/**
 * Orders parking against activation: workers that park hold the city's lock shared, activation holds it exclusively,
 * so a message is either parked before activation moves the parked messages or sees the city active. The status must be
 * read again after this, in a new statement, since a statement sees what was committed when it began.
 */
export async function lockParking(tx: Tx, tenant: string, mode: 'park' | 'replay'): Promise<void> {
  const key = `parked_messages:${tenant}`;
  await tx.execute(mode === 'park' ? sql`select pg_advisory_xact_lock_shared(hashtext(${key}))` : sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/**
 * Keeps a deactivated city's messages instead of doing or dropping them. Each key is claimed as consumed in the same
 * transaction, so a redelivery of the original is a no-op (also after activation) and only the replayed copy takes
 * effect; a key already consumed is a duplicate and is not parked. Returns how many were parked.
 */
export async function parkMessages(tx: Tx, queue: string, tenant: string, messages: readonly MessageToPark[], at: Date): Promise<number> {
  const unique = [...new Map(messages.map((m) => [m.key, m])).values()];
  const claimed = await claimMessages(tx, unique.map((m) => ({ tenant, queue, key: m.key, type: m.body.type, at })));
  const fresh = unique.filter((m) => claimed.has(m.key));
  if (fresh.length === 0) return 0;
  const parked = await tx
    .insert(parkedMessages)
    .values(fresh.map((m) => ({ tenantId: tenant, queue, messageKey: m.key, messageType: m.body.type, body: m.body, parkedAt: at })))
    .onConflictDoNothing()
    .returning({ key: parkedMessages.messageKey });
  return parked.length;
}

/**
 * Puts a city's parked messages back into the outbox, in the order they were parked, in the caller's transaction (which
 * must have the city's tenant setting): the relay publishes them after the commit and the workers do them as new messages.
 * Their outbox times are a millisecond apart, so the relay, which sends by time, keeps that order.
 */
export async function replayParkedMessages(tx: Tx, tenant: string, at: Date): Promise<number> {
  await lockParking(tx, tenant, 'replay');
  const parked = await tx.delete(parkedMessages).where(eq(parkedMessages.tenantId, tenant)).returning();
  if (parked.length === 0) return 0;
  parked.sort((a, b) => a.parkedAt.getTime() - b.parkedAt.getTime() || (a.messageKey < b.messageKey ? -1 : a.messageKey > b.messageKey ? 1 : 0));
  await tx.insert(outbox).values(parked.map((p, i) => ({ id: newId(at.getTime() + i), tenantId: tenant, queue: p.queue, messageType: p.messageType, body: p.body, createdAt: new Date(at.getTime() + i) })));
  return parked.length;
}
