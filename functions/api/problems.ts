import { z } from '@hono/zod-openapi';
import type { ErrorCode } from '../../shared/errors.js';

export const problem = z
  .object({
    type: z.string(),
    title: z.string().openapi({ description: 'The category in the caller’s language: Simplified Chinese, or English with `Accept-Language: en`.' }),
    status: z.number().int(),
    code: z.string().openapi({ description: 'The category code (stable; one of the codes below, each with its HTTP status).' }),
    messageCode: z.string().openapi({ description: 'The specific, stable code of what went wrong (e.g. `ballots_do_not_add_up`); `detail` is its text.', example: 'ballots_do_not_add_up' }),
    params: z.record(z.string(), z.union([z.string(), z.number()])).openapi({ description: 'The values `detail` names, by name, so a client can word the message itself.' }),
    detail: z.string().openapi({ description: 'What went wrong, in the caller’s language (Simplified Chinese by default, English with `Accept-Language: en`).' }),
    requestId: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          code: z.string().openapi({ description: 'The stable code of the field’s problem: a domain code (e.g. `date_in_future`) or zod’s issue code (`too_small`, `invalid_type`…).' }),
          params: z.record(z.string(), z.union([z.string(), z.number()])),
          message: z.string().openapi({ description: 'The field’s problem in the caller’s language.' }),
        }),
      )
      .optional(),
    rows: z
      .array(
        z.object({
          row: z.number().int(),
          code: z.string().optional().openapi({ description: 'The row’s division code.' }),
          field: z.string(),
          messageCode: z.string(),
          params: z.record(z.string(), z.union([z.string(), z.number()])),
          reason: z.string().openapi({ description: 'The row’s problem in the caller’s language.' }),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: problem } };

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, { description: problemTitles[s] ?? 'problem', content: problemContent }]));

const problemTitles: Record<number, string> = {
  400: '请求无效',
  401: '未认证',
  403: '无权访问',
  404: '未找到',
  409: '冲突',
  410: '已失效',
  413: '请求过大',
  415: '不支持的媒体类型',
  422: '不符合业务规则',
  429: '请求过于频繁',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  import_rejected: 400,
  unauthenticated: 401,
  forbidden: 403,
  tenant_inactive: 403,
  tenant_scope_required: 403,
  province_scope_required: 403,
  not_found: 404,
  tenant_exists: 409,
  tenant_active: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rule_violation: 422,
  reply_link_expired: 410,
  insufficient_balance: 422,
  ledger_correction_out_of_bounds: 422,
  ledger_entry_already_corrected: 409,
  unit_unknown: 403,
  inspection_submitted: 409,
  election_certified: 409,
  training_session_full: 409,
  training_not_enrolled: 422,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};
