import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import { exportKeyManagers } from '../../../shared/tenant-export/roles.js';
import type { RecipientView } from '../../../shared/tenant-export/schemas.js';
import type { Problem } from '../api.js';
import { FlashMessages, formOf, page, pageStatus, ProblemAlert, withFlash, type ConsoleContext } from '../context.js';
import { fieldErrors } from '../i18n.js';
import { Csrf, Field, shanghai } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';

/**
 * 数据导出公钥: the city admin registers the public key the city's export archive is encrypted to (PIPL: the data goes
 * back to the city before it is deleted). Only the public key comes to the platform; the province cannot set it, so a
 * province admin who exports a city cannot read it.
 */
export function exportKeyPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const keyPage = async (c: ConsoleContext, form: Record<string, string> = {}, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province/tenants', 303);
    const tenant = principal.tenant!;
    const admin = hasRole(principal, exportKeyManagers);
    const current = admin ? await api.get<RecipientView>(`/v1/tenants/${tenant}/export-recipient`) : undefined;
    const errors = fieldErrors(problem);
    if (errors['recipient']) errors['recipient'] = '应为 age 公钥：以 age1 开头，共 62 个字符（age-keygen -y 私钥文件 输出的那一行）';
    return render(
      '数据导出公钥',
      <>
        <FlashMessages c={c} />
        <p class="muted">
          省民政厅为本市导出全部数据时（如本市停止使用本平台），导出文件只用这里登记的公钥加密，只有持有对应私钥的本市才能打开；
          私钥由本市自行保管，不上传到平台。没有登记公钥时，省里无法导出本市数据。
        </p>
        {!admin ? (
          <p>只有市级管理员可以查看和登记数据导出公钥。</p>
        ) : (
          <>
            <section aria-labelledby="h-current" class="card">
              <h2 id="h-current">当前公钥</h2>
              {current?.ok ? (
                <p>
                  <code style="word-break:break-all">{current.data.recipient}</code>
                  <br />
                  <span class="muted">
                    由 {current.data.registeredBy} 于 {shanghai(current.data.registeredAt)} 登记
                  </span>
                </p>
              ) : (
                <p>本市尚未登记数据导出公钥。</p>
              )}
            </section>
            <section aria-labelledby="h-register">
              <h2 id="h-register">{current?.ok ? '更换公钥' : '登记公钥'}</h2>
              <ProblemAlert problem={problem} errors={errors} />
              <form class="stack card" method="post" action="/console/export-key" novalidate>
                <Csrf session={session} />
                <Field
                  name="recipient"
                  label="age 公钥"
                  hint="在本市保管私钥的电脑上运行 age-keygen -o 私钥文件 生成密钥，把它输出的 Public key（age1…）粘贴到这里。"
                  value={form['recipient']}
                  error={errors['recipient']}
                  required
                  attrs={{ autocomplete: 'off', spellcheck: 'false' }}
                />
                <div class="actions">
                  <button type="submit">{current?.ok ? '更换' : '登记'}</button>
                </div>
              </form>
            </section>
          </>
        )}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/export-key', (c) => keyPage(c));

  app.post('/export-key', async (c) => {
    const { principal, api } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province/tenants', 303);
    const form = await formOf(c);
    const recipient = (form['recipient'] ?? '').trim();
    const result = await api.put<RecipientView>(`/v1/tenants/${principal.tenant}/export-recipient`, { recipient });
    if (!result.ok) return keyPage(c, form, result.problem);
    return c.redirect(withFlash('/console/export-key', { ok: '已登记数据导出公钥' }), 303);
  });

  return app;
}
