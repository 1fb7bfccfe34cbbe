import { date, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { sweepNames } from '../../shared/sweeps/catalogue.js';
import type { SweepRunResult } from '../../shared/sweeps/catalogue.js';

/** One row per tenant, sweep and Asia/Shanghai day: the natural key that makes a repeated sweep message a no-op. */
export const sweepRuns = pgTable(
  'sweep_runs',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    sweep: text('sweep', { enum: sweepNames }).notNull(),
    asOfDay: date('as_of_day').notNull(),
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    messageKey: text('message_key').notNull(),
    result: jsonb('result').$type<SweepRunResult>().notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('sweep_runs_tenant_sweep_day').on(t.tenantId, t.sweep, t.asOfDay),
    index('sweep_runs_tenant_ran').on(t.tenantId, t.ranAt),
    tenantIsolation('sweep_runs'),
  ],
);
