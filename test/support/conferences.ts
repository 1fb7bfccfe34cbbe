import { processMessages, type ParsedMessage } from '../../shared/workers/process.js';
import { workerVerbs } from '../../functions/workers/registry.js';
import type { EmailChannel } from '../../shared/notifications/email.js';
import { sql, type Harness } from './harness.js';

/** Plays the relay and the conference-scheduling worker in-process: every unsent conference message, once, in order. */
export async function runConferenceWorker(h: Harness, mail?: EmailChannel): Promise<number> {
  const rows = await h.asOwner<{ id: string; body: ParsedMessage<'conferenceScheduling'>['body'] }>(sql`select id, body from outbox where queue = 'conference-scheduling' and sent_at is null order by created_at, id`);
  if (!rows.length) return 0;
  await h.asOwner(sql`update outbox set sent_at = now() where id in (${sql.join(rows.map((r) => sql`${r.id}`), sql`, `)})`);
  const failures = await processMessages('conferenceScheduling', rows.map((r) => ({ messageId: r.id, key: r.id, body: r.body })), workerVerbs.conferenceScheduling, {
    db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' }, mail,
  });
  if (failures.size) throw new Error(`conference worker failed: ${[...failures.values()].map((e) => e.message).join('; ')}`);
  return rows.length;
}

/** Collects what the e-mail channel would send. */
export function mailbox(): EmailChannel & { sent: { to: string; subject: string; text: string; link?: string | null | undefined }[] } {
  const sent: { to: string; subject: string; text: string; link?: string | null | undefined }[] = [];
  return { name: 'test', sent, send: async (email) => { sent.push(email); return { messageId: email.id }; } };
}
