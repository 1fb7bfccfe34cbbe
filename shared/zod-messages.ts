import type { $ZodIssue } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { FieldProblem } from './errors.js';
import { messageByCode, type Language, type Message, type Params } from './i18n.js';
import { common as m } from './messages.js';

/** zod's own bundled locales (only these two modules, not zod's whole locale index, which would weigh on the API bundle). */
const localeErrors = { zh: zhCN().localeError, en: en().localeError };

function localeText(language: Language, issue: object): string {
  const text = localeErrors[language](issue as unknown as Parameters<(typeof localeErrors)['zh']>[0]);
  return typeof text === 'string' ? text : (text?.message ?? '');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** The issue's own facts (expected type, bounds, format, options) as the message's parameters. */
function issueParams(issue: $ZodIssue): Params {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(issue)) {
    if (['code', 'path', 'message', 'input', 'inst', 'params', 'errors', 'issues'].includes(key)) continue;
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
    else if (typeof value === 'bigint' || typeof value === 'boolean') params[key] = String(value);
    else if (Array.isArray(value)) params[key] = value.map(String).join('|');
  }
  return params;
}

/**
 * The commonest issues in the words an official would use ('不能小于 2000', '此项必填') rather than zod's zh-CN
 * locale ('数值过小：期望 number >=2000'); undefined for any other issue, which zod's locale renders.
 */
function plainChinese(issue: $ZodIssue, input: unknown): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined || input === null) return '此项必填';
      if (issue.expected === 'number') return '请填写数字';
      if (issue.expected === 'int') return '请填写整数';
      return undefined;
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive === false ? `须大于 ${min}` : `不能小于 ${min}`;
      if (issue.origin === 'string') return min === '1' ? '此项不能为空' : `至少 ${min} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少填写 ${min} 项`;
      return undefined;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive === false ? `须小于 ${max}` : `不能大于 ${max}`;
      if (issue.origin === 'string') return `最多 ${max} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      return undefined;
    }
    case 'invalid_value':
      return input === undefined || input === null || input === '' ? '请选择' : '请从所列选项中选择';
    case 'not_multiple_of':
      return issue.divisor === 0.01 ? '最多保留两位小数' : `须为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_format':
      return issue.format === 'regex' ? '格式不正确' : issue.format === 'email' ? '电子邮箱格式不正确' : undefined;
    default:
      return undefined;
  }
}

/**
 * A zod issue as a message: a refinement's or a check's message is a catalogue code (see `zodIssue`, and a pattern's
 * `.regex(re, m.community_code_format().code)` in shared/patterns.ts), read as that message; anything else is zod's own
 * issue, rendered by its bundled zh-CN or en locale. `data` is the parsed input, from which the value is recovered
 * (zod drops it from the final issue) so that "received …" names what was sent.
 */
export function zodIssueMessage(issue: $ZodIssue, data: unknown): Message {
  const known = messageByCode(issue.message, issue.code === 'custom' ? ((issue.params ?? {}) as Params) : {});
  if (known) return known;
  const withInput = { ...issue, input: valueAt(data, issue.path) };
  return { code: issue.code, params: issueParams(issue), text: (language) => (language === 'zh' ? plainChinese(issue, withInput.input) : undefined) ?? localeText(language, withInput) };
}

/** Every issue as a field problem under `prefix` (e.g. `body`); an unknown key is one problem per key. */
export function zodFieldProblems(issues: readonly $ZodIssue[], data: unknown, prefix: readonly string[] = []): FieldProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...path, key].join('.'), message: m.unknown_field() }))
      : [{ path: path.join('.'), message: zodIssueMessage(issue, data) }];
  });
}

/** The options of a refinement whose failure reads as a catalogue message: `.refine(ok, zodIssue(m.x(), ['field']))`. */
export function zodIssue(message: Message, path?: PropertyKey[]): { message: string; params: Record<string, unknown>; path?: PropertyKey[] } {
  return { message: message.code, params: { ...message.params }, ...(path ? { path } : {}) };
}
