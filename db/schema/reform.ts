import { sql } from 'drizzle-orm';
import { bigint, date, foreignKey, index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { isProvinceScope, tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { demonstrationLevels, checklistResults, inspectionStatuses, findingResults } from '../../shared/reform/rules.js';
import type { ChecklistItem, FrameUnit, SampleSizes } from '../../shared/reform/rules.js';
import type { Evidence, SubmissionView } from '../../shared/reform/schemas.js';

const provinceOnly = (table: string) =>
  pgPolicy(`${table}_province_only`, { as: 'permissive', for: 'all', to: 'public', using: isProvinceScope, withCheck: isProvinceScope });

/** A city's reform pilot (改革试点): a district, a town or street of the seat, a county town, or a street of a district. */
export const reformPilots = pgTable(
  'reform_pilots',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    unitCode: text('unit_code').notNull(),
    designatedOn: date('designated_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('reform_pilots_tenant_unit').on(t.tenantId, t.unitCode), tenantIsolation('reform_pilots')],
);

/** 示范区、示范街道(镇)、示范居委会: who designated the unit, and when. */
export const reformDemonstrations = pgTable(
  'reform_demonstrations',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    level: text('level', { enum: demonstrationLevels }).notNull(),
    unitCode: text('unit_code').notNull(),
    designatedOn: date('designated_on', { mode: 'string' }).notNull(),
    designatedBy: text('designated_by').notNull(),
    documentNumber: text('document_number'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('reform_demonstrations_tenant_level_unit_day').on(t.tenantId, t.level, t.unitCode, t.designatedOn),
    index('reform_demonstrations_tenant_unit').on(t.tenantId, t.unitCode),
    tenantIsolation('reform_demonstrations'),
  ],
);

/** The province's self-inspection checklist (自查验收清单); each publication is a new version every city reads. */
export const inspectionChecklists = pgTable(
  'inspection_checklists',
  {
    id: uuid('id').primaryKey(),
    version: integer('version').notNull().unique('inspection_checklists_version'),
    title: text('title').notNull(),
    items: jsonb('items').$type<ChecklistItem[]>().notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  () => [
    pgPolicy('inspection_checklists_read', { as: 'permissive', for: 'select', to: 'public', using: sql`true` }),
    provinceOnly('inspection_checklists'),
  ],
);

/** A district's or city's self-inspection (自查) against one checklist version. */
export const selfInspections = pgTable(
  'self_inspections',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    unitCode: text('unit_code').notNull(),
    checklistId: uuid('checklist_id').notNull().references(() => inspectionChecklists.id),
    status: text('status', { enum: inspectionStatuses }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    submittedBy: text('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('self_inspections_tenant_id').on(t.tenantId, t.id),
    unique('self_inspections_tenant_unit_checklist').on(t.tenantId, t.unitCode, t.checklistId),
    tenantIsolation('self_inspections'),
  ],
);

export const selfInspectionItems = pgTable(
  'self_inspection_items',
  {
    tenantId: text('tenant_id').notNull(),
    inspectionId: uuid('inspection_id').notNull(),
    itemCode: text('item_code').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    result: text('result', { enum: checklistResults }),
    note: text('note'),
    evidence: jsonb('evidence').$type<Evidence[]>().notNull().default(sql`'[]'::jsonb`),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'self_inspection_items_pk', columns: [t.tenantId, t.inspectionId, t.itemCode] }),
    foreignKey({ name: 'self_inspection_items_inspection_fk', columns: [t.tenantId, t.inspectionId], foreignColumns: [selfInspections.tenantId, selfInspections.id] }),
    tenantIsolation('self_inspection_items'),
  ],
);

/**
 * What a city sends the province when it submits a self-inspection: unit names and codes and the checklist results,
 * never notes, evidence or anyone's personal data. The province reads these rows, and only these, by its own policy.
 */
export const inspectionSubmissions = pgTable(
  'inspection_submissions',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    inspectionId: uuid('inspection_id').notNull(),
    checklistId: uuid('checklist_id').notNull().references(() => inspectionChecklists.id),
    unitCode: text('unit_code').notNull(),
    unitName: text('unit_name').notNull(),
    unitLevel: text('unit_level').notNull(),
    results: jsonb('results').$type<SubmissionView['results']>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('inspection_submissions_tenant_id').on(t.tenantId, t.id),
    unique('inspection_submissions_tenant_inspection').on(t.tenantId, t.inspectionId),
    index('inspection_submissions_tenant_checklist').on(t.tenantId, t.checklistId, t.unitCode),
    foreignKey({ name: 'inspection_submissions_inspection_fk', columns: [t.tenantId, t.inspectionId], foreignColumns: [selfInspections.tenantId, selfInspections.id] }),
    tenantIsolation('inspection_submissions'),
    pgPolicy('inspection_submissions_province_read', { as: 'permissive', for: 'select', to: 'public', using: isProvinceScope }),
  ],
);

/** The districts, streets and communities a submission covers, as on the map the day it was submitted. */
export const inspectionSubmissionUnits = pgTable(
  'inspection_submission_units',
  {
    tenantId: text('tenant_id').notNull(),
    submissionId: uuid('submission_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    kind: text('kind'),
  },
  (t) => [
    primaryKey({ name: 'inspection_submission_units_pk', columns: [t.tenantId, t.submissionId, t.code] }),
    index('inspection_submission_units_tenant_level').on(t.tenantId, t.level, t.code),
    foreignKey({ name: 'inspection_submission_units_submission_fk', columns: [t.tenantId, t.submissionId], foreignColumns: [inspectionSubmissions.tenantId, inspectionSubmissions.id] }),
    tenantIsolation('inspection_submission_units'),
    pgPolicy('inspection_submission_units_province_read', { as: 'permissive', for: 'select', to: 'public', using: isProvinceScope }),
  ],
);

/** 抽查验收: a provincial spot check; the seed and the sorted sampling frame are kept so anyone can redraw the sample. */
export const spotChecks = pgTable(
  'spot_checks',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    checklistId: uuid('checklist_id').notNull().references(() => inspectionChecklists.id),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    algorithm: text('algorithm').notNull(),
    sizes: jsonb('sizes').$type<SampleSizes>().notNull(),
    cities: text('cities').array().notNull(),
    frame: jsonb('frame').$type<FrameUnit[]>().notNull(),
    frameSha256: text('frame_sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  () => [provinceOnly('spot_checks')],
);

export const spotCheckUnits = pgTable(
  'spot_check_units',
  {
    spotCheckId: uuid('spot_check_id').notNull().references(() => spotChecks.id),
    position: integer('position').notNull(),
    tenant: text('tenant').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    finding: text('finding', { enum: findingResults }),
    findingNotes: text('finding_notes'),
    recordedBy: text('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ name: 'spot_check_units_pk', columns: [t.spotCheckId, t.code] }), provinceOnly('spot_check_units')],
);
