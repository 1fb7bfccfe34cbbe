import { expect } from 'vitest';
import { createApiWithConsole } from '../../functions/console/app.js';
import { LOCAL_AUDIENCE } from '../../functions/local/identity.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import type { ChannelDeps } from '../../shared/channels/deps.js';
import type { ArchiveDelivery } from '../../shared/tenant-export/store.js';
import { createHarness, ISSUER, PROVINCE, type Harness } from '../support/harness.js';

export interface Page {
  status: number;
  html: string;
  location: string | null;
  headers: Headers;
}

export interface Browser {
  get(path: string): Promise<Page>;
  /** Submits a form as a browser would (urlencoded, with the CSRF token the page carried). */
  post(path: string, fields: Record<string, string>, csrf?: string): Promise<Page>;
  /** Follows a redirect after a POST (post/redirect/get). */
  follow(page: Page): Promise<Page>;
}

/** The harness with the web console mounted, as the local stack and AWS mount it. */
export async function createConsoleHarness(options: { archives?: ArchiveDelivery; channels?: ChannelDeps } = {}): Promise<Harness & { console: ReturnType<typeof createApiWithConsole>; browser(token: string): Browser }> {
  const h = await createHarness();
  const consoleApp = createApiWithConsole({
    db: h.database.db,
    clock: h.clock,
    logger: h.logger,
    verifier: createTokenVerifier({ jwks: h.identity.publicJwks, issuer: ISSUER, audience: LOCAL_AUDIENCE }),
    config: { provinceCode: PROVINCE, provinceName: '广东省' },
    publicJwks: h.identity.publicJwks,
    personalData: h.personalData,
    ...(options.archives ? { archives: options.archives } : {}),
    ...(options.channels ? { channels: options.channels } : {}),
    console: { secureCookies: false, signIn: { kind: 'local', issue: (claims, options) => h.identity.issue(claims, options) } },
  });
  const browser = (token: string): Browser => {
    const cookie = `shequ_session=${token}`;
    const read = async (res: Response): Promise<Page> => ({ status: res.status, html: await res.text(), location: res.headers.get('location'), headers: res.headers });
    let lastCsrf: string | undefined;
    const get = async (path: string) => {
      const page = await read(await consoleApp.request(path, { headers: { cookie } }));
      lastCsrf = csrfOf(page.html) ?? lastCsrf;
      return page;
    };
    return {
      get,
      async post(path, fields, csrf) {
        const body = new URLSearchParams({ _csrf: csrf ?? lastCsrf ?? '', ...fields });
        const page = await read(await consoleApp.request(path, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() }));
        lastCsrf = csrfOf(page.html) ?? lastCsrf;
        return page;
      },
      async follow(page) {
        expect(page.status, page.html.slice(0, 2000)).toBe(303);
        return get(page.location!);
      },
    };
  };
  return Object.assign(h, { console: consoleApp, browser });
}

export function csrfOf(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** The text of an element's error beside a field: the span tied to it by aria-describedby. */
export function fieldError(html: string, name: string): string | undefined {
  const id = `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}-error`;
  return new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

/** Visible text (tags removed), for asserting on what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

export async function ok<T = Record<string, any>>(h: Harness, token: string, method: string, path: string, json?: unknown): Promise<T> {
  const res = await h.request(method, path, { token, json });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
