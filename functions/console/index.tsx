import { Hono } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { newRequestId } from '../../shared/ids.js';
import { ConsolePageError } from './api.js';
import { page, sealFlashMessages } from './context.js';
import { problemText } from './i18n.js';
import { Alert, Layout } from './layout.js';
import type { ConsoleOptions } from './options.js';
import { cityPages } from './pages/city.js';
import { provincePages } from './pages/province/index.js';
import { signInRoutes } from './pages/signin.js';
import { requireSession, type ConsoleEnv } from './session.js';
import { resolveUnit } from './unit.js';

const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#b91c1c"/>' +
  '<text x="32" y="46" font-size="40" text-anchor="middle" fill="#fff" font-family="Noto Sans CJK SC,PingFang SC,Microsoft YaHei,sans-serif">社</text></svg>';

export type { ConsoleOptions, LocalSignIn, OidcSignIn } from './options.js';

/** The identity provider's origin, where the sign-out form's redirect ends its session too. */
function signOutOrigin(options: ConsoleOptions): string[] {
  return options.signIn.kind === 'oidc' && options.signIn.logoutUrl ? [new URL(options.signIn.logoutUrl).origin] : [];
}

/**
 * 工作台: the web console, server-rendered with hono/jsx and served by its own function under /console (./app.ts).
 * Pages read and write only through the API (same process, the session's token), so the console adds no second
 * path to data: the API's validation, authority checks and tenant isolation apply to every click.
 */
export function createConsole(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  app.use('*', async (c, next) => {
    // our own id, never the caller's: it is shown on the error page and sent to the API with the page's calls
    c.set('requestId', newRequestId());
    await next();
    c.header('cache-control', 'no-store');
  });
  app.use(
    '*',
    secureHeaders({
      // the only scripts are the import page's progress lines, each with the response's nonce; forms post to the
      // console itself (Chrome applies form-action to the redirect after a post too: the sign-out to the provider)
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: [NONCE],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'", ...signOutOrigin(options)],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );
  // the console's icon: the brand's red with 社, drawn inline (no file to deploy)
  app.get('/favicon.svg', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(faviconSvg, 200, { 'content-type': 'image/svg+xml' });
  });
  app.route('/', signInRoutes(options));
  app.use('*', requireSession(options));
  app.use('*', resolveUnit(options));
  app.use('*', sealFlashMessages());
  app.onError((error, c) => {
    if (error instanceof ConsolePageError) {
      const status = ([400, 403, 404, 409, 422].includes(error.problem.status) ? error.problem.status : 500) as 400;
      const session = c.get('session');
      return c.html(
        <Layout title="无法显示此页" session={session} current={c.req.path} provinceName={options.provinceName} unit={c.get('unit')}>
          <Alert kind="error">{problemText(error.problem)}</Alert>
          <p>
            <a href="/console">返回首页</a>
          </p>
        </Layout>,
        status,
      );
    }
    const requestId = c.get('requestId');
    options.logger.error('console page failed', { error, path: c.req.path, requestId });
    return c.html(
      <Layout title="系统错误" session={c.get('session')} current={c.req.path} provinceName={options.provinceName} unit={c.get('unit')}>
        <Alert kind="error">系统内部错误，请稍后重试；如仍出现，请联系管理员并提供请求编号 {requestId}。</Alert>
      </Layout>,
      500,
    );
  });

  app.get('/', async (c) => {
    const { principal } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    return c.redirect('/console/home', 303);
  });
  app.route('/', cityPages(options));
  app.route('/', provincePages(options));
  return app;
}
