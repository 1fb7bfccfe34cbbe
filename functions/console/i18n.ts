import type { Problem } from './api.js';

/** Chinese for the API's problem codes (the same titles the API sends), for pages that show a problem as a whole. */
const codeText: Record<string, string> = {
  validation_failed: '填写的内容有误',
  import_rejected: '导入数据有误，未写入任何数据',
  unauthenticated: '登录已失效，请重新登录',
  forbidden: '您的角色无权执行此操作',
  tenant_inactive: '本市租户已停用',
  tenant_scope_required: '此操作仅限地级市用户',
  province_scope_required: '此操作仅限省级用户',
  not_found: '未找到该记录（或不在您的管辖范围内）',
  tenant_exists: '该市租户已存在',
  tenant_active: '租户仍在使用中，请先停用',
  conflict: '数据冲突：记录已被他人修改或已存在',
  payload_too_large: '文件过大',
  unsupported_media_type: '不支持的文件类型',
  rule_violation: '不符合政策规则',
  reply_link_expired: '答复链接已失效',
  insufficient_balance: '劳动储蓄时数不足',
  inspection_submitted: '自查结果已报送，不能再修改',
  election_certified: '选举结果已认证，不能再修改',
  training_session_full: '培训班名额已满',
  training_not_enrolled: '该成员未报名此培训班',
  unavailable: '服务暂不可用，请稍后再试',
  internal: '系统内部错误，请联系管理员并提供请求编号',
};

/** Common validator and rule messages in Chinese; anything else keeps its original text after a Chinese lead. */
const messagePatterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/expected (string|number|int|boolean|object|array), received undefined|Required/i, () => '此项必填'],
  [/Too small: expected string to have >=?\s*1 characters?/i, () => '此项不能为空'],
  [/Too small: expected string to have >=?\s*(\d+) characters?/i, (m) => `至少 ${m[1]} 个字符`],
  [/Too big: expected string to have <=?\s*(\d+) characters?/i, (m) => `最多 ${m[1]} 个字符`],
  [/Too small: expected number to be >=?\s*(-?[\d.]+)/i, (m) => `不能小于 ${m[1]}`],
  [/Too big: expected number to be <=?\s*(-?[\d.]+)/i, (m) => `不能大于 ${m[1]}`],
  [/Too small: expected array to have >=?\s*(\d+) items?/i, (m) => `至少填写 ${m[1]} 项`],
  [/Too big: expected array to have <=?\s*(\d+) items?/i, (m) => `最多 ${m[1]} 项`],
  [/expected (number|int), received/i, () => '请填写数字'],
  [/expected int|not an integer|whole number/i, () => '请填写整数'],
  [/Invalid option: expected one of (.+)/i, (m) => `请选择以下之一：${m[1]}`],
  [/Invalid (ISO )?date|expected date|YYYY-MM-DD/i, () => '日期格式应为 YYYY-MM-DD'],
  [/Invalid (ISO )?datetime/i, () => '时间格式不正确'],
  [/Invalid (string: must match pattern|input)|invalid/i, () => '格式不正确'],
  [/unknown field/i, () => '不接受此字段'],
  // adjustment plans
  [/^(\d+) is not a community on the map on the effective date/, (m) => `${m[1]} 在生效日不是现有社区`],
  [/^(\d+) (\S+) is not a residents' committee community/, (m) => `${m[1]} ${m[2]} 不是居委会社区`],
  [/^(\d+) (\S+) is not in street (\d+)/, (m) => `${m[1]} ${m[2]} 不在本街道（${m[3]}）内`],
  [/is already changed by an earlier change of this plan/, () => '该社区已被本方案前面的调整项涉及'],
  [/a new community code has 12 digits and starts with the street code (\d+)/, (m) => `新社区代码应为 12 位，并以街道代码 ${m[1]} 开头`],
  [/^(\d+) is already used/, (m) => `代码 ${m[1]} 已被使用过，新设社区须使用从未用过的代码`],
  [/a name of 1 to 40 characters is required/, () => '请填写 1 至 40 个字的名称'],
  [/is already named (.+)$/, (m) => `已叫“${m[1]}”，无须更名`],
  [/households \((\d+)\) must add up to the (\d+) households/, (m) => `拆分后各部分户数之和（${m[1]}）须等于原社区的 ${m[2]} 户`],
  [/a split needs at least two parts/, () => '拆分至少需要两个部分'],
  [/a merge needs at least two different communities/, () => '合并至少需要两个不同的社区'],
  [/is not a street or town on the map/, () => '在生效日不是现有街道（镇）'],
  [/the community is already in this street/, () => '该社区已隶属于此街道'],
  [/is not in the same district as street/, () => '不在同一区（县）内，跨区调整须由上级另行办理'],
  [/a community code has 12 digits/, () => '社区代码为 12 位数字'],
  [/a street or town code has 9 digits/, () => '街道（镇）代码为 9 位数字'],
  // elections
  [/need at least as many candidates/, () => '候选人数不得少于应选名额'],
  [/seat\(s\)|seats do not make a committee/, () => '职数设置不符合规定（5 至 9 人，含主任 1 名）'],
  [/opens on (\S+)/i, (m) => `该期次 ${m[1]} 才开放填报`],
  [/closed on (\S+)/i, (m) => `该期次已于 ${m[1]} 截止`],
];

export function messageInChinese(message: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  for (const [pattern, text] of messagePatterns) {
    const match = message.match(pattern);
    if (match) return text(match);
  }
  return `填写有误（${message}）`;
}

export function problemInChinese(problem: Problem): string {
  const lead = codeText[problem.code] ?? '操作未成功';
  const detail = problem.detail && !/[\u4e00-\u9fff]/.test(problem.detail) ? '' : problem.detail;
  return detail ? `${lead}：${detail}` : lead;
}

/**
 * The problem's field errors keyed by form field name: `body.members.0.name` → `members.0.name`, and also the last
 * segment, so a form can place each message next to the field it concerns.
 */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!problem) return out;
  for (const e of problem.errors ?? []) {
    const path = e.path.replace(/^(body|query|path)\.?/, '');
    const text = messageInChinese(e.message);
    out[path] ??= text;
    const last = path.split('.').pop();
    if (last) out[last] ??= text;
  }
  for (const r of problem.rows ?? []) {
    out[`row.${r.row}`] ??= `第 ${r.row} 行 ${r.field}：${messageInChinese(r.reason)}`;
  }
  return out;
}
