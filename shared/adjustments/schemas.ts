import { z } from '@hono/zod-openapi';
import { communityCode, isoDate, streetCode } from '../patterns.js';
import { planStatuses } from './rules.js';

const name = z.string().trim().min(1).max(40);
/** Why a new community's households lie outside the province's usual range (the rule PATCH /v1/communities applies). */
const sizeExceptionReason = z.string().trim().min(1).max(500).optional().openapi({ description: 'required when households are outside the province’s usual range' });

export const planChange = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('create'), code: communityCode, name, households: z.number().int().min(0).max(200_000).optional(), sizeExceptionReason }).strict(),
    z.object({ kind: z.literal('split'), code: communityCode, into: z.array(z.object({ code: communityCode, name, households: z.number().int().min(0).max(200_000), sizeExceptionReason }).strict()).min(2).max(10) }).strict(),
    z.object({ kind: z.literal('merge'), codes: z.array(communityCode).min(2).max(10), into: z.object({ code: communityCode, name, sizeExceptionReason }).strict() }).strict(),
    z.object({ kind: z.literal('rename'), code: communityCode, name }).strict(),
    z.object({ kind: z.literal('reparent'), code: communityCode, toStreet: streetCode }).strict(),
    z.object({ kind: z.literal('dissolve'), code: communityCode }).strict(),
  ])
  .openapi('PlanChange', { description: 'create 设立, split 拆分, merge 合并, rename 更名, reparent 调整隶属 (within the district), dissolve 撤销' });

export const createPlanInput = z
  .object({
    title: z.string().trim().min(2).max(100).openapi({ example: '沙面街道社区调整方案' }),
    reason: z.string().trim().min(2).max(2000),
    effectiveDate: isoDate.openapi({ example: '2027-01-01' }),
    changes: z.array(planChange).min(1).max(50),
  })
  .strict()
  .openapi('CreateAdjustmentPlan');
export type CreatePlanInput = z.infer<typeof createPlanInput>;

export const decisionInput = z.object({ comment: z.string().trim().max(2000).optional() }).strict().openapi('PlanDecision');
export const rejectionInput = z.object({ comment: z.string().trim().min(2).max(2000) }).strict().openapi('PlanRejection');

export const plan = z
  .object({
    id: z.uuid(),
    streetCode: z.string(),
    approverUnit: z.string().openapi({ description: 'the district that approves (or the city, for a city without districts)' }),
    title: z.string(),
    reason: z.string(),
    effectiveDate: z.string(),
    status: z.enum(planStatuses),
    changes: z.array(planChange),
    touched: z.array(z.string()).openapi({ description: 'existing communities the plan changes' }),
    names: z
      .record(z.string(), z.string())
      .openapi({ description: 'names by code of the units the plan mentions (its street, the approving district or city, the communities it changes, the streets it moves them to) as they stood the day before it takes effect', example: { '440103001': '沙面街道', '440103': '荔湾区' } }),
    createdBy: z.string(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
  })
  .openapi('AdjustmentPlan');
export type PlanView = z.infer<typeof plan>;

export const listPlansQuery = z.object({
  status: z.enum(planStatuses).optional(),
  street: streetCode.optional(),
});
