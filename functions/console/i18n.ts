import { titles } from '../../shared/messages.js';
import type { Problem } from './api.js';

/**
 * A problem as one line for a page: the API already speaks the user's language (the console forwards their
 * Accept-Language, Chinese by default), so its title and detail are shown as they are.
 */
export function problemText(problem: Problem): string {
  const title = problem.title ?? (problem.code in titles ? titles[problem.code as keyof typeof titles]().text('zh') : '操作未成功');
  return problem.detail && problem.detail !== title ? `${title}：${problem.detail}` : title;
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
    const text = e.message;
    out[path] ??= text;
    const last = path.split('.').pop();
    if (last) out[last] ??= text;
  }
  for (const r of problem.rows ?? []) {
    out[`row.${r.row}`] ??= `第 ${r.row} 行 ${r.field}：${r.reason}`;
  }
  return out;
}
