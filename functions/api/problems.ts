import { z } from '@hono/zod-openapi';
import type { ErrorCode } from '../../shared/errors.js';

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    rows: z.array(z.object({ row: z.number().int(), code: z.string().optional(), field: z.string(), reason: z.string() })).optional(),
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
  unavailable: 503,
  internal: 500,
};

export const errorTitles: Record<ErrorCode, string> = {
  validation_failed: '请求参数有误',
  import_rejected: '导入数据有误，未写入任何数据',
  unauthenticated: '未认证或令牌无效',
  forbidden: '无权执行此操作',
  tenant_inactive: '该市租户已停用',
  tenant_scope_required: '此操作仅限地级市用户',
  province_scope_required: '此操作仅限省级用户',
  not_found: '未找到',
  tenant_exists: '该市租户已存在',
  tenant_active: '租户仍在使用中，请先停用',
  conflict: '数据冲突',
  payload_too_large: '请求体过大',
  unsupported_media_type: '不支持的内容类型',
  rule_violation: '不符合政策规则',
  reply_link_expired: '答复链接已失效（会议已结束或已取消）',
  insufficient_balance: '劳动储蓄时数不足',
  ledger_correction_out_of_bounds: '更正只能冲减或撤销所更正的记录，不能增加时数',
  ledger_entry_already_corrected: '该记录已更正过，不能再次更正',
  unit_unknown: '令牌所属单位不是本市现行区划',
  inspection_submitted: '自查结果已报送，不能再修改',
  election_certified: '选举结果已认证，更正须说明理由',
  training_session_full: '培训班名额已满',
  training_not_enrolled: '该成员未报名此培训班',
  unavailable: '服务暂不可用',
  internal: '服务器内部错误',
};
