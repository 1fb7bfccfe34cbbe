import type { ErrorCode } from './errors.js';
import { defineMessages, type Catalogue, type MessageTexts } from './i18n.js';

/** A problem's title, one per category code (`code` of every problem). */
const titleTexts = {
  validation_failed: { zh: '请求参数有误', en: 'The request is invalid' },
  import_rejected: { zh: '导入数据有误，未写入任何数据', en: 'The import was rejected; nothing was written' },
  unauthenticated: { zh: '未认证或令牌无效', en: 'Not authenticated or the token is invalid' },
  forbidden: { zh: '无权执行此操作', en: 'Not allowed' },
  tenant_inactive: { zh: '该市租户已停用', en: 'The city is deactivated' },
  tenant_scope_required: { zh: '此操作仅限地级市用户', en: 'Only a city may do this' },
  province_scope_required: { zh: '此操作仅限省级用户', en: 'Only the province may do this' },
  not_found: { zh: '未找到', en: 'Not found' },
  tenant_exists: { zh: '该市租户已存在', en: 'The city already exists' },
  tenant_active: { zh: '租户仍在使用中，请先停用', en: 'The city is still active; deactivate it first' },
  conflict: { zh: '数据冲突', en: 'Conflict' },
  payload_too_large: { zh: '请求体过大', en: 'The request body is too large' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported media type' },
  rule_violation: { zh: '不符合政策规则', en: 'The request breaks a rule' },
  reply_link_expired: { zh: '答复链接已失效（会议已结束或已取消）', en: 'The reply link has expired (the meeting is over or cancelled)' },
  insufficient_balance: { zh: '劳动储蓄时数不足', en: 'Not enough time-bank hours' },
  ledger_correction_out_of_bounds: { zh: '更正只能冲减或撤销所更正的记录，不能增加时数', en: 'A correction can only reduce or reverse the entry it corrects' },
  ledger_entry_already_corrected: { zh: '该记录已更正过，不能再次更正', en: 'The entry is already corrected' },
  unit_unknown: { zh: '令牌所属单位不是本市现行区划', en: 'The token’s unit is not a current division of the city' },
  inspection_submitted: { zh: '自查结果已报送，不能再修改', en: 'The self-inspection is submitted and can no longer change' },
  election_certified: { zh: '选举结果已认证，更正须说明理由', en: 'The election is certified; a correction needs a reason' },
  training_session_full: { zh: '培训班名额已满', en: 'The training session is full' },
  training_not_enrolled: { zh: '该成员未报名此培训班', en: 'The member is not enrolled in this session' },
  too_many_requests: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  unavailable: { zh: '服务暂不可用', en: 'Service unavailable' },
  internal: { zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<ErrorCode, MessageTexts>;

export const titles: Catalogue<typeof titleTexts> = defineMessages(titleTexts);

/** Messages that belong to no module: the request's shape, the database's last-line refusals, the unexpected. */
export const common = defineMessages({
  unknown_field: { zh: '不接受此字段', en: 'unknown field' },
  docs_script_missing: { zh: '本函数未打包接口文档的脚本', en: 'the API reference script is not packaged with this function' },
  request_invalid: { zh: '请求的{part}有误，详见各字段说明', en: 'the request {part} is invalid' },
  request_part_body: { zh: '内容', en: 'body' },
  request_part_path: { zh: '路径参数', en: 'path' },
  request_part_query: { zh: '查询参数', en: 'query' },
  request_part_header: { zh: '请求头', en: 'header' },
  request_part_cookie: { zh: 'Cookie 值', en: 'cookie' },
  fields_invalid: { zh: '有 {count} 处填写不符合要求，详见各项说明', en: '{count} field(s) are invalid; see errors' },
  no_route: { zh: '没有此接口：{method} {path}', en: 'no route for {method} {path}' },
  http_refused: { zh: '请求被拒绝（HTTP {status}）', en: 'the request was refused (HTTP {status})' },
  value_cannot_be_stored: {
    zh: '有值无法保存（SQLSTATE {sqlState}），例如含 U+0000 的文本或超出范围的数字',
    en: 'a value cannot be stored (SQLSTATE {sqlState}), e.g. text containing U+0000 or a number out of range',
  },
  duplicate_record: { zh: '已存在键值相同的记录{constraint}', en: 'a record with the same key already exists{constraint}' },
  record_rule_broken: { zh: '填写的值违反了记录的规则{constraint}', en: 'the values break a rule of the record{constraint}' },
  constraint_name: { zh: '（{constraint}）', en: ' ({constraint})' },
  date_format: { zh: '日期格式应为 YYYY-MM-DD', en: 'a date as YYYY-MM-DD' },
  nothing_to_change: { zh: '没有要修改的内容', en: 'nothing to change' },
  on_or_after: { zh: '应不早于 {day}', en: 'on or after {day}' },
  not_after_today: { zh: '不能晚于今天（{day}）', en: 'not after today {day}' },
  date_in_future: { zh: '不能晚于 {day}', en: 'on or before {day}' },
  required_for_correction: { zh: '更正时必填', en: 'required for a correction' },
  bearer_required: { zh: '请发送 Authorization: Bearer <令牌>', en: 'send Authorization: Bearer <token>' },
  body_too_large: { zh: '请求体超过 {maxSize} 字节，为此接口所能接收的上限', en: 'the body exceeds {maxSize} bytes, the most this route takes' },
  json_too_deep: { zh: 'JSON 内容嵌套超过 {depth} 层', en: 'the JSON body nests deeper than {depth} levels' },
  nested_too_deep: { zh: '嵌套超过 {depth} 层', en: 'nested deeper than {depth} levels' },
  csv_or_json_list: { zh: '请以 text/csv 或含 rows 数组的 JSON 发送名录', en: 'send the list as text/csv or as JSON with a rows array' },
  required: { zh: '此项必填', en: 'required' },
  unexpected_error: { zh: '发生意外错误；日志中可凭请求编号查到原因', en: 'an unexpected error occurred; the request id identifies it in the logs' },
});

/**
 * What a code field should hold when its pattern does not match (shared/patterns.ts), naming the field: a division
 * code by its length (4 city, 6 district or county, 9 street or town, 12 community or village).
 */
export const formats = defineMessages({
  division_code_format: { zh: '区划代码应为 4、6、9 或 12 位数字', en: 'a division code has 4, 6, 9 or 12 digits' },
  city_code_format: { zh: '地级市代码应为 4 位数字，例如 4401', en: 'a city code has 4 digits, e.g. 4401' },
  street_code_format: { zh: '街道（镇）代码应为 9 位数字', en: 'a street or town code has 9 digits' },
  community_code_format: { zh: '社区代码应为 12 位数字', en: 'a community code has 12 digits' },
  district_or_street_code_format: { zh: '应为区（县）代码（6 位数字）或街道（镇）代码（9 位数字）', en: 'a district or county code (6 digits) or a street or town code (9 digits)' },
  street_or_community_code_format: { zh: '应为街道（镇）代码（9 位数字）或社区代码（12 位数字）', en: 'a street or town code (9 digits) or a community code (12 digits)' },
  city_or_district_code_format: { zh: '应为地级市代码（4 位数字）或区（县）代码（6 位数字）', en: 'a city code (4 digits) or a district or county code (6 digits)' },
  local_division_code_format: {
    zh: '应为区（县）代码（6 位数字）、街道（镇）代码（9 位数字）或社区代码（12 位数字）',
    en: 'a district or county code (6 digits), a street or town code (9 digits) or a community code (12 digits)',
  },
});
