import type { UnitInfo } from './layout.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Principal } from '../../shared/auth/principal.js';
import { AppError } from '../../shared/errors.js';
import type { ConsoleOptions } from './options.js';

export interface ConsoleSession {
  token: string;
  principal: Principal;
  /** The form token that proves a POST came from one of our pages (the session cookie itself is http-only). */
  csrf: string;
}

export type ConsoleEnv = {
  Variables: {
    session: ConsoleSession;
    requestId: string;
    /** The session's unit by name, for the header (./unit.ts); absent when the API could not name it. */
    unit?: UnitInfo | undefined;
  };
};

export const cookieNames = (secure: boolean) => ({
  session: secure ? '__Host-shequ_session' : 'shequ_session',
  login: secure ? '__Host-shequ_login' : 'shequ_login',
});

/** The session cookie holds the verified ID token; it lives no longer than the token, and script cannot read it. */
export function startSession(c: Context, options: ConsoleOptions, token: string, expiresAt: Date): void {
  setCookie(c, cookieNames(options.secureCookies).session, token, {
    path: '/',
    httpOnly: true,
    secure: options.secureCookies,
    sameSite: 'Lax',
    expires: expiresAt,
  });
}

export function endSession(c: Context, options: ConsoleOptions): void {
  deleteCookie(c, cookieNames(options.secureCookies).session, { path: '/', secure: options.secureCookies });
}

/** CSRF token: a hash of the http-only session token; a page from another site can neither read nor compute it. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`shequ-console-csrf:${sessionToken}`).digest('base64url');
}

export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The expiry (exp) of a JWT the verifier has accepted. */
export function tokenExpiry(token: string): Date {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
  return new Date((payload.exp ?? 0) * 1000);
}

/**
 * Every console page but sign-in needs a live session. No cookie → sign-in page; an expired or invalid token → sign-in
 * page saying the session ended. Every POST must carry the CSRF token and come from our own origin.
 */
export const requireSession = (options: ConsoleOptions) =>
  createMiddleware<ConsoleEnv>(async (c, next) => {
    const token = getCookie(c, cookieNames(options.secureCookies).session);
    const back = encodeURIComponent(c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/console');
    if (!token) return c.redirect(`/console/login?next=${back}`, 303);
    let principal: Principal;
    try {
      principal = await options.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      endSession(c, options);
      return c.redirect(`/console/login?expired=1&next=${back}`, 303);
    }
    const csrf = csrfTokenFor(token);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin) return c.text('跨站请求被拒绝 (cross-site request refused)', 403);
      const type = c.req.header('content-type') ?? '';
      const given = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')
        ? (await c.req.parseBody({ all: true }))['_csrf']
        : c.req.header('x-csrf-token');
      if (!csrfMatches(csrf, given)) return c.text('表单已失效，请返回上一页刷新后重试 (the form token is missing or stale)', 403);
    }
    c.set('session', { token, principal, csrf });
    await next();
  });
