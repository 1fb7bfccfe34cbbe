import type { Tx } from '../../db/client.js';
import { processedMessages } from '../../db/schema/index.js';

export interface MessageKey {
  tenant: string;
  queue: string;
  key: string;
  type: string;
  at: Date;
}

export type Once<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * Runs the effect only if this message key is new, inside the caller's transaction: the key and the effect commit
 * together or not at all. A concurrent consumer of the same key waits on the key's row and then sees a duplicate.
 */
export async function processOnce<T>(tx: Tx, message: MessageKey, effect: () => Promise<T>): Promise<Once<T>> {
  const claimed = await claimMessages(tx, [message]);
  if (claimed.size === 0) return { duplicate: true };
  return { duplicate: false, result: await effect() };
}

/**
 * Claims the keys of several messages in one statement, inside the caller's transaction, and returns the keys that
 * were new; the others were processed before (or are being processed by a consumer this one waited for).
 * Their effects must commit in the same transaction.
 */
export async function claimMessages(tx: Tx, messages: MessageKey[]): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const claimed = await tx
    .insert(processedMessages)
    .values(messages.map((m) => ({ tenantId: m.tenant, queue: m.queue, messageKey: m.key, messageType: m.type, processedAt: m.at })))
    .onConflictDoNothing()
    .returning({ key: processedMessages.messageKey });
  return new Set(claimed.map((c) => c.key));
}
