import { workerVerbs } from '../../functions/workers/registry.js';
import type { EmailChannel } from '../../shared/notifications/email.js';
import { processMessages, type ParsedMessage } from '../../shared/workers/process.js';
import { sql, type Harness } from './harness.js';

type TrainingBody = ParsedMessage<'trainingReminders'>['body'];

async function runTraining(h: Harness, messages: ParsedMessage<'trainingReminders'>[], mail?: EmailChannel): Promise<void> {
  const failures = await processMessages('trainingReminders', messages, workerVerbs.trainingReminders, {
    db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' }, mail, personalData: h.personalData,
  });
  if (failures.size) throw new Error(`training worker failed: ${[...failures.values()].map((e) => `${e.message} ${(e.cause as Error | undefined)?.message ?? ""}`).join('; ')}`);
}

/** Plays the relay and the training-reminders worker in-process: every unsent training message, once, in order. */
export async function runTrainingWorker(h: Harness, mail?: EmailChannel): Promise<TrainingBody[]> {
  const rows = await h.asOwner<{ id: string; body: TrainingBody }>(sql`select id, body from outbox where queue = 'training-reminders' and sent_at is null order by created_at, id`);
  if (!rows.length) return [];
  await h.asOwner(sql`update outbox set sent_at = now() where id in (${sql.join(rows.map((r) => sql`${r.id}`), sql`, `)})`);
  await runTraining(h, rows.map((r) => ({ messageId: r.id, key: r.id, body: r.body })), mail);
  return rows.map((r) => r.body);
}

/** The daily sweep message of one city at 08:00 Asia/Shanghai on `day`, with the clock set there; `key` as the relay would give it. */
export async function trainingSweep(h: Harness, tenant: string, day: string, key: string = crypto.randomUUID(), mail?: EmailChannel): Promise<void> {
  const asOf = new Date(`${day}T08:00:00+08:00`);
  h.clock.set(asOf);
  await runTraining(h, [{ messageId: crypto.randomUUID(), key, body: { version: 1, type: 'training.sweep', tenant, asOf: asOf.toISOString() } }], mail);
}
