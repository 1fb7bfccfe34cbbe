import { expect } from 'vitest';
import { workerVerbs } from '../../functions/workers/registry.js';
import type { EmailChannel } from '../../shared/notifications/email.js';
import { queues } from '../../shared/queues.js';
import { processMessages, type ParsedMessage } from '../../shared/workers/process.js';
import { sql, type Harness } from './harness.js';

type Message = ParsedMessage<'reportAggregation'>;

/** A city's division list: one district, one street, `communities` residents' committees and one villagers' committee. */
export function cityDivisions(code: string, name: string, communities: number): string {
  const lines = ['统计用区划代码,名称,城乡分类代码', `${code}00000000,${name},`, `${code}01000000,${name}第一区,`, `${code}01001000,${name}第一街道,`];
  for (let n = 1; n <= communities; n++) lines.push(`${code}01001${String(n).padStart(3, '0')},第${n}社区居委会,111`);
  lines.push(`${code}01001901,城郊村委会,220`);
  return `${lines.join('\n')}\n`;
}

/** Outbox rows of the report-aggregation queue not yet taken by `takeMessages`, as the relay would send them. */
export function reportQueue(h: Harness, mail?: EmailChannel) {
  const taken = new Set<string>();
  const deps = { db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' }, mail };
  return {
    async take(): Promise<Message[]> {
      const rows = await h.asOwner<{ id: string; body: Message['body'] }>(sql`select id, body from outbox where queue = ${queues.reportAggregation.name} order by created_at, id`);
      const fresh = rows.filter((r) => !taken.has(r.id));
      for (const r of fresh) taken.add(r.id);
      return fresh.map((r) => ({ messageId: r.id, key: r.id, body: r.body }));
    },
    async run(messages: Message[]): Promise<void> {
      const failures = await processMessages('reportAggregation', messages, workerVerbs.reportAggregation, deps);
      expect([...failures.values()].map((e) => e.message)).toEqual([]);
    },
    async drain(): Promise<Message[]> {
      const messages = await this.take();
      await this.run(messages);
      return messages;
    },
    async sweep(tenant: string, asOf: string, key: string = crypto.randomUUID()): Promise<void> {
      h.clock.set(asOf);
      await this.run([{ messageId: crypto.randomUUID(), key, body: { version: 1, type: 'report.deadline_sweep', tenant, asOf: new Date(asOf).toISOString() } }]);
    },
  };
}
