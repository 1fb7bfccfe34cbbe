import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { claimsSchema, cityRoles, provinceRoles, roleLabels } from '../../../shared/auth/principal.js';
import { AppError } from '../../../shared/errors.js';
import { Alert, Field, Layout } from '../layout.js';
import type { ConsoleOptions, LocalSignIn, OidcSignIn } from '../options.js';
import { cookieNames, csrfMatches, csrfTokenFor, endSession, randomToken, startSession, tokenExpiry, type ConsoleEnv } from '../session.js';
import { createHash } from 'node:crypto';

/** Only same-console paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && /^\/console(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/console';
}

interface LocalForm {
  level: string;
  tenant: string;
  role: string;
  unit: string;
  name: string;
}

export function signInRoutes(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  const names = cookieNames(options.secureCookies);

  app.get('/login', async (c) => {
    const next = safeNext(c.req.query('next'));
    const expired = c.req.query('expired') === '1';
    const signedOut = c.req.query('signedOut') === '1';
    const notices = (
      <>
        {expired ? <Alert kind="info">登录已过期，请重新登录。</Alert> : null}
        {signedOut ? <Alert kind="ok">您已安全退出。</Alert> : null}
      </>
    );
    if (options.signIn.kind === 'oidc') {
      return c.html(
        <Layout title="登录" provinceName={options.provinceName}>
          {notices}
          <div class="card">
            <p>请使用省统一身份认证账号登录。</p>
            <a class="button" href={`/console/login/start?next=${encodeURIComponent(next)}`}>
              登录
            </a>
          </div>
        </Layout>,
      );
    }
    return localSignInPage(c, undefined, {}, next, notices, 200);
  });

  app.post('/login', async (c) => {
    if (options.signIn.kind !== 'local') return c.text('本地登录仅在本地开发环境可用', 404);
    const signIn: LocalSignIn = options.signIn;
    // the sign-in form has no session yet: its CSRF token is bound to a short-lived random cookie instead
    const body = await c.req.parseBody();
    const loginNonce = getCookie(c, names.login);
    if (!loginNonce || !csrfMatches(csrfTokenFor(loginNonce), body['_csrf'])) return c.text('表单已失效，请刷新登录页后重试', 403);
    const form: LocalForm = {
      level: String(body['level'] ?? 'city'),
      tenant: String(body['tenant'] ?? '').trim(),
      role: String(body['role'] ?? ''),
      unit: String(body['unit'] ?? '').trim(),
      name: String(body['name'] ?? '').trim(),
    };
    const next = safeNext(String(body['next'] ?? ''));
    const province = form.level === 'province';
    const claims = {
      sub: form.name || `dev-${form.role}`,
      role: form.role,
      unit: form.unit || (province ? options.provinceCode : form.tenant),
      ...(province ? { scope: 'province' as const } : { tenant: form.tenant }),
    };
    const checked = claimsSchema.safeParse(claims);
    if (!checked.success) {
      const errors: Record<string, string> = {};
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? 'role');
        errors[field] ??= claimText(field, issue.message);
      }
      return localSignInPage(c, form, errors, next, undefined, 400);
    }
    const token = await signIn.issue(checked.data, { expiresIn: signIn.sessionLifetime ?? '8h' });
    deleteCookie(c, names.login, { path: '/', secure: options.secureCookies });
    startSession(c, options, token, tokenExpiry(token));
    return c.redirect(next, 303);
  });

  app.get('/login/start', async (c) => {
    if (options.signIn.kind !== 'oidc') return c.redirect('/console/login', 303);
    const oidc: OidcSignIn = options.signIn;
    const state = randomToken(16);
    const verifier = randomToken(48);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const next = safeNext(c.req.query('next'));
    setCookie(c, names.login, JSON.stringify({ state, verifier, next }), {
      path: '/',
      httpOnly: true,
      secure: options.secureCookies,
      sameSite: 'Lax',
      maxAge: 600,
    });
    const url = new URL(oidc.authorizeUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', oidc.clientId);
    url.searchParams.set('redirect_uri', callbackUrl(c.req.url));
    url.searchParams.set('scope', (oidc.scopes ?? ['openid', 'email', 'profile']).join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', challenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return c.redirect(url.toString(), 302);
  });

  app.get('/callback', async (c) => {
    if (options.signIn.kind !== 'oidc') return c.redirect('/console/login', 303);
    const oidc: OidcSignIn = options.signIn;
    const stored = getCookie(c, names.login);
    deleteCookie(c, names.login, { path: '/', secure: options.secureCookies });
    let pending: { state: string; verifier: string; next: string } | undefined;
    try {
      pending = stored ? (JSON.parse(stored) as typeof pending) : undefined;
    } catch {
      pending = undefined;
    }
    const code = c.req.query('code');
    if (!pending || !code || c.req.query('state') !== pending.state) {
      return c.html(
        <Layout title="登录未完成" provinceName={options.provinceName}>
          <Alert kind="error">登录请求已失效或来源不明，请重新登录。</Alert>
          <a class="button" href="/console/login">
            重新登录
          </a>
        </Layout>,
        400,
      );
    }
    const response = await fetch(oidc.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: oidc.clientId,
        code,
        redirect_uri: callbackUrl(c.req.url),
        code_verifier: pending.verifier,
      }),
    });
    const tokens = (response.ok ? await response.json() : {}) as { id_token?: string };
    if (!tokens.id_token) {
      return c.html(
        <Layout title="登录未完成" provinceName={options.provinceName}>
          <Alert kind="error">身份认证服务未返回有效凭据（HTTP {response.status}），请重新登录。</Alert>
        </Layout>,
        502,
      );
    }
    try {
      await options.verifier.verify(tokens.id_token);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return c.html(
        <Layout title="无法登录" provinceName={options.provinceName}>
          <Alert kind="error">您的账号尚未分配所属城市、角色或单位，请联系管理员。</Alert>
        </Layout>,
        403,
      );
    }
    startSession(c, options, tokens.id_token, tokenExpiry(tokens.id_token));
    return c.redirect(safeNext(pending.next), 303);
  });

  app.post('/logout', async (c) => {
    const body = await c.req.parseBody();
    const token = getCookie(c, names.session);
    if (token && !csrfMatches(csrfTokenFor(token), body['_csrf'])) return c.text('表单已失效，请刷新后重试', 403);
    // a copy of the cookie (or the token in it, used as a bearer token) stops working here, not at its expiry
    if (token) await options.verifier.revoke?.(token).catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
    });
    endSession(c, options);
    if (options.signIn.kind === 'oidc' && options.signIn.logoutUrl) {
      const url = new URL(options.signIn.logoutUrl);
      url.searchParams.set('client_id', options.signIn.clientId);
      url.searchParams.set('logout_uri', new URL('/console/login?signedOut=1', c.req.url).toString());
      return c.redirect(url.toString(), 303);
    }
    return c.redirect('/console/login?signedOut=1', 303);
  });

  // the sign-in form has no session yet: its form token is the hash of a random http-only cookie set with the page
  function localSignInPage(c: Context<ConsoleEnv>, form: LocalForm | undefined, errors: Record<string, string>, next: string, notices: unknown, status: 200 | 400) {
    const nonce = randomToken(16);
    setCookie(c, names.login, nonce, { path: '/', httpOnly: true, secure: options.secureCookies, sameSite: 'Strict', maxAge: 3600 });
    return c.html(<LocalSignInPage options={options} form={form} errors={errors} next={next} notices={notices} nonce={nonce} />, status);
  }

  return app;
}

function callbackUrl(requestUrl: string): string {
  return new URL('/console/callback', requestUrl).toString();
}

function claimText(field: string, message: string): string {
  if (field === 'tenant') return /either tenant/.test(message) ? '市级用户须选择所属城市' : '城市代码为 4 位数字，如 4401';
  if (field === 'role') return '该角色不属于所选层级';
  if (field === 'unit') return /outside/.test(message) ? '所属单位须在所选城市之内' : '单位代码位数与角色层级不符（市 4 位、区县 6 位、街道 9 位、社区 12 位）';
  return '填写有误';
}

const LocalSignInPage = (p: { options: ConsoleOptions; form: LocalForm | undefined; errors: Record<string, string>; next: string; notices?: unknown; nonce: string }) => {
  const form = p.form ?? { level: 'city', tenant: '', role: 'city_admin', unit: '', name: '' };
  const roleOptions = [
    ...provinceRoles.map((r) => ({ value: r, label: `省级 · ${roleLabels[r]}` })),
    ...cityRoles.filter((r) => r !== 'auditor').map((r) => ({ value: r, label: `市级 · ${roleLabels[r]}` })),
  ];
  return (
    <Layout title="本地开发登录" provinceName={p.options.provinceName}>
      {p.notices as never}
      <Alert kind="info">此页面仅在本地开发环境提供：选择身份后由本地栈签发开发令牌。生产环境使用统一身份认证（Cognito 托管登录）。</Alert>
      <form class="stack card" method="post" action="/console/login">
        <input type="hidden" name="_csrf" value={csrfTokenFor(p.nonce)} />
        <input type="hidden" name="next" value={p.next} />
        <Field
          name="level"
          label="层级"
          value={form.level}
          options={[
            { value: 'city', label: '地级市（租户）' },
            { value: 'province', label: `省级（${p.options.provinceName}民政厅）` },
          ]}
          error={p.errors['scope']}
        />
        <Field name="tenant" label="城市代码" value={form.tenant} hint="4 位行政区划代码，如 4401 广州市；省级用户留空" error={p.errors['tenant']} attrs={{ inputmode: 'numeric', autocomplete: 'off' }} />
        <Field name="role" label="角色" value={form.role} options={roleOptions} error={p.errors['role']} />
        <Field name="unit" label="所属单位代码" value={form.unit} hint="留空则为城市本级（或省级）；区县 6 位、街道 9 位、社区 12 位" error={p.errors['unit']} attrs={{ inputmode: 'numeric', autocomplete: 'off' }} />
        <Field name="name" label="姓名（显示用）" value={form.name} error={p.errors['sub']} attrs={{ autocomplete: 'name' }} />
        <div class="actions">
          <button type="submit">登录</button>
        </div>
      </form>
    </Layout>
  );
};
