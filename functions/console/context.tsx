import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { ConsoleApi, type Problem } from './api.js';
import { problemInChinese } from './i18n.js';
import { Alert, Layout } from './layout.js';
import type { ConsoleOptions } from './options.js';
import type { ConsoleEnv, ConsoleSession } from './session.js';

export type ConsoleContext = Context<ConsoleEnv>;

/** What every page handler needs: the session, the API with its token, and the page frame. */
export function page(c: ConsoleContext, options: ConsoleOptions) {
  const session = c.get('session');
  const api = new ConsoleApi(options, session.token, c.get('requestId'));
  return {
    session,
    principal: session.principal,
    api,
    render: (title: string, body: Child, status: 200 | 400 | 403 | 404 | 409 | 422 = 200) =>
      c.html(
        <Layout title={title} session={session} current={c.req.path} provinceName={options.provinceName}>
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

/** Flash messages travel in the query string of the redirect after a POST (post/redirect/get). */
export function flashOf(c: ConsoleContext): { ok?: string | undefined; error?: string | undefined } {
  return { ok: c.req.query('ok') ?? undefined, error: c.req.query('error') ?? undefined };
}

export function withFlash(path: string, flash: { ok?: string; error?: string }): string {
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
      {problemInChinese(problem)}
      {Object.keys(errors).length ? '。请按各栏提示修改。' : ''}
    </Alert>
  ) : null;

/** A form field meant as a whole number: the number when it is one, else the text as typed (the API then names the field). */
/** A text field's value trimmed; an empty one is left out of the request (undefined) or cleared (null). */
export const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
export const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

export const intOrRaw = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v);

export type { ConsoleSession };
