import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { fundingBases } from '../../shared/duties/rules.js';

/**
 * 社区工作事项准入清单: a duty a department hands down to communities, the streets or communities it applies to, and the
 * funds transferred with it (费随事转) in integer fen per year, per community or in total, with the granting document.
 */
export const duties = pgTable(
  'duties',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    department: text('department').notNull(),
    title: text('title').notNull(),
    basis: text('basis').notNull(),
    appliesTo: text('applies_to').array().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    fundingBasis: text('funding_basis', { enum: fundingBases }).notNull(),
    fundsFen: bigint('funds_fen', { mode: 'bigint' }),
    fundingDocument: text('funding_document'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('duties_tenant_department').on(t.tenantId, t.department, t.title),
    check('duties_funding', sql`(funding_basis = 'none' and funds_fen is null and funding_document is null) or (funding_basis <> 'none' and funds_fen > 0 and funding_document is not null)`),
    check('duties_applies_to', sql`cardinality(applies_to) >= 1`),
    check('duties_ended_after_start', sql`ended_on is null or ended_on >= starts_on`),
    tenantIsolation('duties'),
  ],
);

/** 未经准入的工作事项: a department asked a street or community to do work that is not on the register. */
export const unregisteredDemands = pgTable(
  'unregistered_demands',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    department: text('department').notNull(),
    request: text('request').notNull(),
    demandedOn: date('demanded_on', { mode: 'string' }).notNull(),
    unitCode: text('unit_code').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('unregistered_demands_tenant_department').on(t.tenantId, t.department, t.demandedOn),
    index('unregistered_demands_tenant_unit').on(t.tenantId, t.unitCode.op('text_pattern_ops')),
    tenantIsolation('unregistered_demands'),
  ],
);
