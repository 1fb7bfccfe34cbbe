import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { ConsoleApi } from './api.js';
import { Layout } from './layout.js';
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

export type { ConsoleSession };
