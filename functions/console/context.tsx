import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Child } from 'hono/jsx';
import { ConsoleApi, type Problem } from './api.js';
import { problemText } from './i18n.js';
import { Alert, Layout } from './layout.js';
import type { ConsoleOptions } from './options.js';
import { csrfMatches, type ConsoleEnv, type ConsoleSession } from './session.js';

export type ConsoleContext = Context<ConsoleEnv>;

/** What every page handler needs: the session, the API with its token, and the page frame. */
export function page(c: ConsoleContext, options: ConsoleOptions) {
  const session = c.get('session');
  const api = new ConsoleApi(options, session.token, c.get('requestId'), c.req.header('accept-language') || 'zh-CN');
  return {
    session,
    principal: session.principal,
    api,
    render: (title: string, body: Child, status: 200 | 400 | 403 | 404 | 409 | 422 = 200) =>
      c.html(
        <Layout title={title} session={session} current={c.req.path} provinceName={options.provinceName} unit={c.get('unit')} nonce={c.get('secureHeadersNonce')}>
          {body}
        </Layout>,
        status,
      ),
  };
}

/** Values of a submitted form as strings (the last value of a repeated name wins unless `all` is asked). */
export async function formOf(c: ConsoleContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') out[key] = last;
  }
  return out;
}

/**
 * The console's flash messages by code. A post/redirect/get names one of these in `?ok=` / `?error=`; a message that
 * has parts of its own (a name, a date, the API's detail) travels as text with a signature keyed by the session, which
 * only this console can make (sealFlashMessages). Anything else in the query (a link someone else wrote) shows the
 * generic message, so no link can make a page say what the console did not.
 */
export const flashMessages = {
  report_exists_opened: '本市已有该报告期的报告，已为您打开',
  report_drafted: '已起草报告，系统已按本市数据计算各项指标',
  report_recomputed: '已按本市最新数据重新计算',
  report_submitted: '已报送省民政厅',
  election_registered: '选举方案已登记，选举后请录入计票结果。',
  election_certified: '选举结果已认证，新一届居委会任期开始，成员培训义务已生成。',
  training_plan_saved: '培训计划已保存，请开设培训班。',
  training_settings_saved: '已保存培训提醒设置',
  facility_saved: '设施信息已保存。',
  community_profile_saved: '社区概况已保存。',
  committee_registered: '居委会已登记。',
  pilot_withdrawn: '已撤销该试点。',
  inspection_submitted: '自查结果已报送省民政厅。',
  reform_stages_saved: '改革阶段已保存，各市即按新日期显示。',
  export_key_registered: '已登记数据导出公钥',
  conference_minutes_recorded: '已记录会议纪要',
  conference_cancelled: '本次会议已取消，受邀成员单位将收到通知。',
  conference_series_created: '已设立联席会议；会议日程排定后将显示在会议日历中，并通知受邀成员单位。',
  conference_series_unchanged: '未作修改。',
  conference_series_saved: '已保存调整，受邀单位将收到变更通知。',
  conference_series_stopped: '已停止召开，今后的会议均已取消。',
  plan_saved: '方案已保存为草稿；核对无误后请提交审批。',
  plan_submitted: '方案已提交审批。',
  plan_approved: '方案已批准，将于生效日起执行。',
  plan_rejected: '方案已退回街道。',
} as const;
export type FlashCode = keyof typeof flashMessages;

const genericFlash = { ok: '操作已完成。', error: '操作未成功，请刷新页面后查看结果。' } as const;
const flashCodeOfText = new Map<string, string>(Object.entries(flashMessages).map(([code, text]) => [text, code]));
type FlashKind = keyof typeof genericFlash;
const flashKinds: readonly FlashKind[] = ['ok', 'error'];

function flashSignature(sessionToken: string, kind: FlashKind, text: string): string {
  return createHmac('sha256', `shequ-console-flash:${sessionToken}`).update(`${kind}\n${text}`).digest('base64url');
}

/** A redirect's Location with each flash as its code, or as text with the session's signature. */
export function sealFlash(location: string, sessionToken: string): string {
  if (!/^\/console(\/|\?|#|$)/.test(location)) return location;
  const url = new URL(location, 'http://console.invalid');
  for (const kind of flashKinds) {
    url.searchParams.delete(`${kind}Sig`);
    const text = url.searchParams.get(kind);
    if (!text || Object.hasOwn(flashMessages, text)) continue;
    const code = flashCodeOfText.get(text);
    if (code) url.searchParams.set(kind, code);
    else url.searchParams.set(`${kind}Sig`, flashSignature(sessionToken, kind, text));
  }
  return url.pathname + url.search + url.hash;
}

/** Seals the flash of every redirect a form post answers with (posts carry the CSRF token: only our own pages make them). */
export const sealFlashMessages = () =>
  createMiddleware<ConsoleEnv>(async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
    const location = c.res.headers.get('location');
    const session = c.get('session');
    if (location && session) c.res.headers.set('location', sealFlash(location, session.token));
  });

/** The flash messages of the page's query: a code's message, a text this session's console signed, else the generic one. */
export function flashOf(c: ConsoleContext): { ok?: string | undefined; error?: string | undefined } {
  const token = c.get('session')?.token;
  const read = (kind: FlashKind) => {
    const value = c.req.query(kind);
    if (!value) return undefined;
    if (Object.hasOwn(flashMessages, value)) return flashMessages[value as FlashCode];
    const signature = c.req.query(`${kind}Sig`);
    if (token && signature && csrfMatches(flashSignature(token, kind, value), signature)) return value;
    return genericFlash[kind];
  };
  return { ok: read('ok'), error: read('error') };
}

/** The page to land on after a post, with its flash: a code of `flashMessages`, or a message with parts of its own. */
export function withFlash(path: string, flash: { ok?: FlashCode | (string & {}); error?: FlashCode | (string & {}) }): string {
  const url = new URL(path, 'http://x');
  if (flash.ok) url.searchParams.set('ok', flash.ok);
  if (flash.error) url.searchParams.set('error', flash.error);
  return url.pathname + url.search;
}

/** The status a page answers with when the API refused a form: the API's own where a page can carry it, else 400. */
export type PageStatus = 400 | 403 | 404 | 409 | 422;
export function pageStatus(problem: Problem): PageStatus {
  return ([400, 403, 404, 409, 422].includes(problem.status) ? problem.status : 400) as PageStatus;
}

/** The flash messages of a post/redirect/get, at the top of the page they land on. */
export const FlashMessages = ({ c }: { c: ConsoleContext }) => {
  const flash = flashOf(c);
  return (
    <>
      {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
      {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
    </>
  );
};

/** A refused form's problem above the form; when its messages stand beside the fields, it says so instead of repeating them. */
export const ProblemAlert = ({ problem, errors }: { problem?: Problem | undefined; errors: Record<string, string> }) =>
  problem ? (
    <Alert kind="error">
      {problemText(problem)}
      {Object.keys(errors).length ? '。请按各栏提示修改。' : ''}
    </Alert>
  ) : null;

/** A form field meant as a whole number: the number when it is one, else the text as typed (the API then names the field). */
/** A text field's value trimmed; an empty one is left out of the request (undefined) or cleared (null). */
export const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
export const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

export const intOrRaw = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v);

export type { ConsoleSession };
