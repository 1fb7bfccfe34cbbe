import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import { periodLabel, reportAuthors } from '../../../shared/reporting/rules.js';
import type { OpenPeriodView, ReportView } from '../../../shared/reporting/schemas.js';
import type { Problem } from '../api.js';
import { type ConsoleContext, flashOf, formOf, page, pageStatus, withFlash } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { ActionButton, Alert, Csrf, Field, shanghai, Tag } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';
import { Addressees, DistrictFigures, FigureRule, FigureValue } from './province/reports.js';

const statusLabels: Record<string, string> = { draft: '起草中', submitted: '已报送待审核', accepted: '已采纳', returned: '已退回' };
const statusKinds: Record<string, 'ok' | 'warn' | 'bad' | 'info'> = { draft: 'info', submitted: 'info', accepted: 'ok', returned: 'warn' };
const sourceLabels: Record<string, string> = { computed: '系统计算', manual: '手工填报', derived: '派生计算' };

/** The API's problem texts lead with Chinese and add English in brackets for developers; the page shows the Chinese. */


export function reportPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const listPage = async (c: ConsoleContext, form: Record<string, string> = {}, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province/reports', 303);
    const [reports, open] = await Promise.all([
      api.must<{ items: ReportView[] }>('/v1/reports').then((r) => r.items),
      api.must<{ items: OpenPeriodView[] }>('/v1/reports/periods').then((r) => r.items),
    ]);
    const undrafted = open.filter((o) => !o.reportId);
    const flash = flashOf(c);
    const errors = fieldErrors(problem);
    if (errors['templateId'] && !errors['templateCode']) errors['templateCode'] = errors['templateId'];
    if (problem?.code === 'not_found') errors['templateCode'] = '未找到该报告期，请刷新页面后重新选择';
    const formError = problem && !errors['templateCode'] && !errors['period'] ? problemText(problem) : undefined;
    return render(
      '工作报告',
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
        <p>向省委、省政府书面报告改革完成情况（抄送省民政厅）。系统按本市数据计算各项指标，手工指标和书面报告由市民政局填写后报送。</p>
        {reports.length ? (
          <div class="table-wrap">
            <table>
              <caption>本市报告</caption>
              <thead>
                <tr>
                  <th scope="col">报告</th>
                  <th scope="col">报告期</th>
                  <th scope="col">状态</th>
                  <th scope="col" class="num">版本</th>
                  <th scope="col">截止日期</th>
                  <th scope="col" class="hide-narrow">更新时间</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr>
                    <td>
                      <a href={`/console/reports/${r.id}`}>{r.templateTitle}</a>
                    </td>
                    <td>{periodLabel(r.period)}</td>
                    <td style="white-space:nowrap">
                      <Tag kind={statusKinds[r.status]}>{statusLabels[r.status] ?? r.status}</Tag>
                    </td>
                    <td class="num">{r.version}</td>
                    <td>{r.dueOn}</td>
                    <td class="hide-narrow">{shanghai(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Alert kind="info">本市尚未起草报告。</Alert>
        )}
        {hasRole(principal, reportAuthors) ? (
          <section aria-labelledby="h-new">
            <h2 id="h-new">起草报告</h2>
            {formError ? <Alert kind="error">{formError}</Alert> : null}
            {undrafted.length === 0 && (errors['templateCode'] ?? errors['period']) ? <Alert kind="error">{errors['templateCode'] ?? errors['period']}</Alert> : null}
            {undrafted.length === 0 ? (
              <Alert kind="info">目前没有待起草的报告期{open.length ? '：已开放的报告期均已起草' : '：省民政厅尚未开放报告期'}。</Alert>
            ) : (
              <form class="stack card" method="post" novalidate action="/console/reports">
                <Csrf session={session} />
                <Field
                  name="openPeriod"
                  label="报告期"
                  hint="省民政厅已开放、本市尚未起草的报告期"
                  value={form['openPeriod'] ?? ''}
                  options={undrafted.map((o) => ({ value: `${o.templateCode}|${o.period}`, label: `${o.templateTitle} · ${o.period === 'once' ? '一次性报告' : o.period}（${o.dueOn} 截止）` }))}
                  error={errors['templateCode'] ?? errors['period']}
                  required
                />
                <div class="actions">
                  <button type="submit">起草</button>
                </div>
              </form>
            )}
          </section>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/reports', (c) => listPage(c));

  app.post('/reports', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const [templateCode = '', period = ''] = (form['openPeriod'] ?? '').split('|');
    const result = await api.post<ReportView>('/v1/reports', { templateCode, period });
    if (!result.ok) {
      const existing = result.problem['reportId'];
      if (result.problem.code === 'conflict' && typeof existing === 'string') {
        return c.redirect(withFlash(`/console/reports/${existing}`, { error: '本市已有该报告期的报告，已为您打开' }), 303);
      }
      return listPage(c, form, result.problem);
    }
    return c.redirect(withFlash(`/console/reports/${result.data.id}`, { ok: '已起草报告，系统已按本市数据计算各项指标' }), 303);
  });

  const reportPage = async (c: ConsoleContext, override?: { report?: ReportView; form?: Record<string, string>; problem?: Problem }) => {
    const { session, principal, api, render } = page(c, options);
    const r = override?.report ?? (await api.must<ReportView>(`/v1/reports/${encodeURIComponent(c.req.param('id') ?? '')}`));
    const flash = flashOf(c);
    const form = override?.form;
    const problem = override?.problem;
    const author = hasRole(principal, reportAuthors);
    const draft = r.status === 'draft';
    const apiErrors = fieldErrors(problem);
    const errors: Record<string, string> = {};
    // what was just typed wrong comes first; then what blocks submission, each beside the field it concerns
    for (const [key, text] of Object.entries(apiErrors)) if (key.startsWith('manual.') || key === 'narrative') errors[key] ??= text;
    // after a failed save the stored draft is older than what was typed: its problems with fields now filled no longer apply
    const stillProblems = r.problems.filter((p) => !form || !(p.path === 'narrative' ? (form['narrative'] ?? '').trim().length >= 20 : (form[p.path] ?? '').trim()));
    for (const p of [...(problem?.code === 'rule_violation' ? (problem.errors ?? []).map((e) => ({ path: e.path.replace(/^body\./, ''), message: e.message })) : []), ...stillProblems]) {
      errors[p.path] ??= p.message;
    }
    const manual = r.indicators.filter((i) => i.source === 'manual');
    const blocking = problem?.code === 'rule_violation' ? (problem.errors ?? []).map((e) => ({ path: e.path.replace(/^body\./, ''), message: e.message })) : stillProblems;
    const anchor = (path: string) => (path.startsWith('manual.') || path === 'narrative' ? `#f-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}` : `#row-${path.replace(/^figures\./, '')}`);
    const latest = r.history.at(-1);
    const labels = Object.fromEntries(r.indicators.map((i) => [i.code, i.label]));
    const districtCodes = [...new Set(Object.values(r.districtFigures).flatMap((byDistrict) => Object.keys(byDistrict)))];
    const districtNames = Object.fromEntries(
      (await Promise.all(districtCodes.map((code) => api.get<{ code: string; name: string }>(`/v1/divisions/${code}`)))).flatMap((d) => (d.ok ? [[d.data.code, d.data.name]] : [])),
    );
    return render(
      `${r.templateTitle}（${periodLabel(r.period)}）`,
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
        {problem && problem.code !== 'rule_violation' && !Object.keys(apiErrors).length ? <Alert kind="error">{problemText(problem)}</Alert> : null}
        <p>
          <Tag kind={statusKinds[r.status]}>{statusLabels[r.status] ?? r.status}</Tag> 第 {r.version} 版 · 截止日期 {r.dueOn} · 数据计算于 {shanghai(r.computedAt)}
          {r.queries !== undefined ? `（${r.queries} 条查询）` : ''}
        </p>
        <Addressees addressees={r.addressees} />
        {r.status === 'returned' && latest?.reviewComment ? <Alert kind="error">省民政厅退回意见：{latest.reviewComment}</Alert> : null}
        {author ? (
          <div class="actions" style="margin-bottom:16px">
            {draft ? <ActionButton session={session} action={`/console/reports/${r.id}/refresh`} label="刷新数据" kind="secondary" /> : null}
            {draft ? <ActionButton session={session} action={`/console/reports/${r.id}/submit`} label="报送省民政厅" /> : null}
            {r.status === 'returned' ? <ActionButton session={session} action={`/console/reports/${r.id}/revise`} label="修改后重报（生成新版本）" /> : null}
          </div>
        ) : null}
        {draft && blocking.length ? (
          <div class="alert error" role={problem ? 'alert' : 'status'}>
            <strong>报送前需解决以下 {blocking.length} 个问题：</strong>
            <ul>
              {blocking.map((p) => (
                <li>
                  <a href={anchor(p.path)}>{p.message}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <h2>指标数据</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col" class="num">数值</th>
                <th scope="col">单位</th>
                <th scope="col">来源</th>
                <th scope="col">统计口径</th>
                <th scope="col" class="hide-narrow">查询时间</th>
              </tr>
            </thead>
            <tbody>
              {r.indicators.map((i) => {
                const f = r.figures[i.code];
                const error = errors[`figures.${i.code}`];
                return (
                  <tr id={`row-${i.code}`}>
                    <th scope="row" style="white-space:normal">
                      {i.label}
                      {error ? <div class="field-error">{error}</div> : null}
                    </th>
                    <td class="num">
                      <FigureValue figure={f} unit={i.unit} labels={labels} />
                    </td>
                    <td>{i.unit}</td>
                    <td>{sourceLabels[f?.source ?? ''] ?? f?.source ?? '—'}</td>
                    <td style="white-space:normal;min-width:16em">
                      <FigureRule figure={f} trainingLink />
                    </td>
                    <td class="hide-narrow">{f?.queriedAt ? shanghai(f.queriedAt) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {draft && author ? (
          <section aria-labelledby="h-fill">
            <h2 id="h-fill">填报</h2>
            <form class="stack card" method="post" novalidate action={`/console/reports/${r.id}`}>
              <Csrf session={session} />
              {manual.map((i) => (
                <Field
                  name={`manual.${i.code}`}
                  label={`${i.label}（${i.unit}）`}
                  type="text"
                  value={form ? form[`manual.${i.code}`] : r.figures[i.code]?.value}
                  error={errors[`manual.${i.code}`]}
                  hint="报送前必须填写"
                  attrs={{ inputmode: 'decimal' }}
                />
              ))}
              <Field name="narrative" label="书面报告正文" hint="报送前必须填写，不少于 20 字；草稿可先保存" value={form ? form['narrative'] : r.narrative} error={errors['narrative']} multiline />
              <div class="actions">
                <button type="submit">保存</button>
              </div>
            </form>
          </section>
        ) : (
          <>
            <h2>书面报告</h2>
            <div class="card" style="white-space:pre-wrap">{r.narrative || '（无正文）'}</div>
          </>
        )}
        <h2>分区（县）数据</h2>
        <DistrictFigures template={r} districtFigures={r.districtFigures} names={districtNames} />
        <h2>报送记录</h2>
        {r.history.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">版本</th>
                  <th scope="col">状态</th>
                  <th scope="col">报送时间</th>
                  <th scope="col">是否按时</th>
                  <th scope="col">审核意见</th>
                </tr>
              </thead>
              <tbody>
                {r.history.map((h) => (
                  <tr>
                    <td class="num">{h.version}</td>
                    <td style="white-space:nowrap">
                      <Tag kind={statusKinds[h.status]}>{statusLabels[h.status] ?? h.status}</Tag>
                    </td>
                    <td>{shanghai(h.submittedAt)}</td>
                    <td>{h.onTime ? '按时' : '逾期'}</td>
                    <td>
                      {h.reviewComment ?? '—'}
                      {h.reviewedAt ? <div class="muted">{shanghai(h.reviewedAt)}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">尚未报送。</p>
        )}
        <p>
          <a href="/console/reports">返回报告列表</a>
        </p>
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/reports/:id', (c) => reportPage(c));

  app.post('/reports/:id', async (c) => {
    const { api } = page(c, options);
    const id = encodeURIComponent(c.req.param('id'));
    const form = await formOf(c);
    const manual: Record<string, number | null> = {};
    const local: { path: string; message: string }[] = [];
    for (const [key, value] of Object.entries(form)) {
      if (!key.startsWith('manual.')) continue;
      const text = value.trim().replace(/,/g, '');
      if (!text) manual[key.slice(7)] = null;
      else if (!/^-?\d+(\.\d+)?$/.test(text)) local.push({ path: `body.${key}`, message: '请填写数字' });
      else manual[key.slice(7)] = Number(text);
    }
    if (local.length) {
      const report = await api.must<ReportView>(`/v1/reports/${id}`);
      return reportPage(c, { report, form, problem: { status: 400, code: 'validation_failed', errors: local } });
    }
    const result = await api.patch<ReportView>(`/v1/reports/${id}`, { manual, narrative: form['narrative'] ?? '' });
    if (!result.ok) {
      const report = await api.must<ReportView>(`/v1/reports/${id}`);
      return reportPage(c, { report, form, problem: result.problem });
    }
    return c.redirect(withFlash(`/console/reports/${result.data.id}`, { ok: result.data.problems.length ? '已保存；报送前还有问题需要解决' : '已保存，可以报送' }), 303);
  });

  app.post('/reports/:id/:action{refresh|submit|revise}', async (c) => {
    const { api } = page(c, options);
    const id = encodeURIComponent(c.req.param('id'));
    const action = c.req.param('action');
    const result = await api.post<ReportView>(`/v1/reports/${id}/${action}`);
    if (!result.ok) {
      if (action === 'submit' && result.problem.code === 'rule_violation') {
        const report = await api.must<ReportView>(`/v1/reports/${id}`);
        return reportPage(c, { report, problem: result.problem });
      }
      return c.redirect(withFlash(`/console/reports/${id}`, { error: problemText(result.problem) }), 303);
    }
    const ok = action === 'refresh' ? '已按本市最新数据重新计算' : action === 'submit' ? '已报送省民政厅' : `已生成第 ${result.data.version} 版草稿，请修改后重新报送`;
    return c.redirect(withFlash(`/console/reports/${result.data.id}`, { ok }), 303);
  });

  return app;
}
