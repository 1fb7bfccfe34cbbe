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
  const claimed = await tx
    .insert(processedMessages)
    .values({ tenantId: message.tenant, queue: message.queue, messageKey: message.key, messageType: message.type, processedAt: message.at })
    .onConflictDoNothing()
    .returning({ key: processedMessages.messageKey });
  if (claimed.length === 0) return { duplicate: true };
  return { duplicate: false, result: await effect() };
}
