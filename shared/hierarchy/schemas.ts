import { z } from '@hono/zod-openapi';
import { divisionCode, isoDate } from '../patterns.js';
import { divisionKinds, divisionLevels } from './rules.js';

export const asOfDate = isoDate.openapi({ description: 'the map as it was (or will be) on this day, Asia/Shanghai; default today', example: '2026-01-01' });

export { divisionCode };

export const division = z
  .object({
    code: z.string().openapi({ example: '440103001' }),
    name: z.string().openapi({ example: '沙面街道' }),
    level: z.enum(divisionLevels),
    kind: z.enum(divisionKinds).nullable(),
    parentCode: z.string().nullable().openapi({ example: '440103' }),
    validFrom: z.string().nullable().openapi({ description: 'in force from this day; null: since before records', example: null }),
    validTo: z.string().nullable().openapi({ description: 'in force until the day before this one; null: still in force', example: null }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Division');
export type DivisionView = z.infer<typeof division>;

export const divisionPage = z
  .object({
    items: z.array(division),
    nextCursor: z.string().nullable().openapi({ description: 'pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('DivisionPage');

export const listDivisionsQuery = z.object({
  parent: divisionCode.optional().openapi({ description: 'direct children of this division' }),
  level: z.enum(divisionLevels).optional(),
  kind: z.enum(divisionKinds).optional(),
  q: z.string().trim().min(1).max(50).optional().openapi({ description: 'name contains' }),
  asOf: asOfDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ListDivisionsInput = z.infer<typeof listDivisionsQuery>;
export const asOfQuery = z.object({ asOf: asOfDate.optional() });

export const importRow = z
  .object({
    code: z.string().max(20),
    name: z.string().max(200),
    parentCode: z.string().max(20).optional(),
    kind: z.string().max(40).optional(),
  })
  .strict();

export const importJson = z
  .object({ rows: z.array(importRow).min(1).max(200_000) })
  .strict()
  .openapi('DivisionImport');

const counts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export const importReport = z
  .object({
    rows: z.number().int().openapi({ description: 'data rows read' }),
    cityRows: z.number().int().openapi({ description: 'rows restating the city itself (its code or the placeholder county <city>00), not stored again' }),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    heldByPlans: z.number().int().openapi({ description: 'rows for communities an approved adjustment plan has changed; the plan’s history stands and these rows are not written' }),
    byLevel: z.record(z.string(), counts),
    byKind: z.record(z.string(), counts),
  })
  .openapi('DivisionImportReport');
export type ImportReport = z.infer<typeof importReport>;

export const divisionSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(divisionLevels),
    total: z.number().int().openapi({ description: 'divisions below this one' }),
    byLevel: z.record(z.string(), z.number().int()),
    byKind: z.record(z.string(), z.number().int()),
  })
  .openapi('DivisionSummary');
export type DivisionSummary = z.infer<typeof divisionSummary>;
