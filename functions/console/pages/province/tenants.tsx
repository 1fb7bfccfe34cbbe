import { Hono } from 'hono';
import { ConfirmStep } from '../../confirm.js';
import { hasRole } from '../../../../shared/auth/principal.js';
import { tenantManagers } from '../../../../shared/tenancy/roles.js';
import type { TenantView } from '../../../../shared/tenancy/schemas.js';
import { tenantExporters } from '../../../../shared/tenant-export/roles.js';
import { INTERNAL_ORIGIN, type Problem } from '../../api.js';
import { flashOf, formOf, page, withFlash, type ConsoleContext } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { ActionButton, Alert, Csrf, Field, shanghai, Tag } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { pageStatus } from './common.js';

export function tenantPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const listPage = async (c: ConsoleContext, form: Record<string, string> = {}, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const tenants = (await api.must<{ items: TenantView[] }>('/v1/tenants')).items;
    const flash = flashOf(c);
    const errors = fieldErrors(problem);
    // the API explains a bad code in English (4 digits, a city of this province); say it the way the form asks for it
    if (errors['code'] && !/已接入/.test(errors['code'])) errors['code'] = `城市代码应为本省地级市的 4 位统计用区划代码，如 ${options.provinceCode}01`;
    const manage = hasRole(principal, tenantManagers);
    const exporter = hasRole(principal, tenantExporters);
    const formError = problem && !errors['code'] && !errors['name'] ? problemText(problem) : undefined;
    return render(
      '地市管理',
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
        <div class="table-wrap">
          <table>
            <caption>已接入的地级以上市（{tenants.length}）</caption>
            <thead>
              <tr>
                <th scope="col">代码</th>
                <th scope="col">名称</th>
                <th scope="col">状态</th>
                <th scope="col" class="hide-narrow">接入时间</th>
                {manage || exporter ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {tenants.map((t) => (
                <tr>
                  <td>{t.code}</td>
                  <td style="white-space:nowrap">{t.name}</td>
                  <td style="white-space:nowrap">{t.status === 'active' ? <Tag kind="ok">使用中</Tag> : <Tag kind="bad">已停用</Tag>}</td>
                  <td class="hide-narrow">{shanghai(t.createdAt)}</td>
                  {manage || exporter ? (
                    <td>
                      <div class="actions">
                        {exporter ? <ActionButton session={session} action={`/console/province/tenants/${t.code}/export`} label={`导出${t.name}数据`} kind="secondary" /> : null}
                        {!manage ? null : t.status === 'active' ? (
                          <a class="button secondary" href={`/console/province/tenants/${t.code}/deactivate`}>{`停用${t.name}…`}</a>
                        ) : (
                          <ActionButton session={session} action={`/console/province/tenants/${t.code}/activate`} label={`启用${t.name}`} kind="secondary" />
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {manage ? (
          <section aria-labelledby="h-onboard">
            <h2 id="h-onboard">接入地级市</h2>
            {formError ? <Alert kind="error">{formError}</Alert> : null}
            <form class="stack card" method="post" novalidate action="/console/province/tenants">
              <Csrf session={session} />
              <Field name="code" label="城市代码" hint={`统计用区划代码前 4 位，如 ${options.provinceCode}01`} value={form['code']} error={errors['code']} required attrs={{ inputmode: 'numeric', maxlength: 4 }} />
              <Field name="name" label="城市名称" hint="如：广州市" value={form['name']} error={errors['name']} required />
              <div class="actions">
                <button type="submit">接入</button>
              </div>
            </form>
          </section>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/province/tenants', (c) => listPage(c));

  app.post('/province/tenants', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<TenantView>('/v1/tenants', { code: (form['code'] ?? '').trim(), name: (form['name'] ?? '').trim() });
    if (!result.ok) {
      const problem: Problem =
        result.problem.code === 'tenant_exists' ? { ...result.problem, errors: [{ path: 'body.code', message: `${form['code']} 已接入，不能重复接入` }] } : result.problem;
      return listPage(c, form, problem);
    }
    return c.redirect(withFlash('/console/province/tenants', { ok: `已接入 ${result.data.name}（${result.data.code}）` }), 303);
  });

  // every row of the city, encrypted to the key the city registered: the file itself, or (too large for a response)
  // the short-lived link the API answers with; the API audits the export in both trails
  app.post('/province/tenants/:code/export', async (c) => {
    const { api } = page(c, options);
    const code = c.req.param('code');
    const response = await api.raw('GET', `/v1/tenants/${encodeURIComponent(code)}/export`);
    if (response.status === 200) {
      const headers = new Headers({ 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
      for (const name of ['content-disposition', 'x-archive-sha256']) {
        const value = response.headers.get(name);
        if (value) headers.set(name, value);
      }
      return new Response(response.body, { status: 200, headers });
    }
    if (response.status === 303) {
      // S3's link as it is; a link the local stack serves itself is on the origin the person is using
      const { url } = (await response.json()) as { url: string };
      return c.redirect(url.startsWith(INTERNAL_ORIGIN) ? `${new URL(c.req.url).origin}${url.slice(INTERNAL_ORIGIN.length)}` : url, 303);
    }
    const problem = (await response.json()) as Problem;
    const error =
      problem.code === 'conflict'
        ? `${code} 尚未登记数据导出公钥：请该市的市级管理员在工作台“数据导出公钥”页面登记后再导出`
        : problemText(problem);
    return c.redirect(withFlash('/console/province/tenants', { error }), 303);
  });

  // stopping a whole city is confirmed on a page of its own (GET, so it works without script)
  app.get('/province/tenants/:code/deactivate', async (c) => {
    const { session, api, render } = page(c, options);
    const tenant = await api.must<TenantView>(`/v1/tenants/${encodeURIComponent(c.req.param('code'))}`);
    return render(
      `确认停用${tenant.name}`,
      <ConfirmStep
        session={session}
        action={`/console/province/tenants/${tenant.code}/deactivate`}
        label={`确认停用${tenant.name}`}
        cancel="/console/province/tenants"
        heading="停用后该市的工作台和接口将停止服务"
        facts={[
          ['城市', `${tenant.name}（${tenant.code}）`],
          ['影响', '该市所有用户无法登录和使用系统，待办、提醒和日历订阅停止更新'],
          ['数据', '已有数据全部保留，不删除'],
        ]}
        consequence="可随时在此页面重新启用。"
      />,
    );
  });

  app.post('/province/tenants/:code/:action{activate|deactivate}', async (c) => {
    const { api } = page(c, options);
    const { code, action } = c.req.param();
    const form = await formOf(c);
    if (action === 'deactivate' && form['confirm'] !== 'yes') return c.redirect(`/console/province/tenants/${encodeURIComponent(code)}/deactivate`, 303);
    const result = await api.post<TenantView>(`/v1/tenants/${code}/${action}`);
    const flash = result.ok
      ? { ok: `${result.data.name}（${result.data.code}）已${action === 'activate' ? '启用' : '停用'}` }
      : { error: problemText(result.problem) };
    return c.redirect(withFlash('/console/province/tenants', flash), 303);
  });

  return app;
}
