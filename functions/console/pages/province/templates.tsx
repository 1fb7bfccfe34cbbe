import { Hono } from 'hono';
import { hasRole } from '../../../../shared/auth/principal.js';
import { periodChoices, reportTemplateManagers, type PeriodType } from '../../../../shared/reporting/rules.js';
import { shanghaiDate } from '../../../../shared/dates.js';
import type { TemplateView } from '../../../../shared/reporting/schemas.js';
import type { Problem } from '../../api.js';
import { flashOf, formOf, page, withFlash, type ConsoleContext } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, shanghai } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { aggregationLabels, pageStatus, periodLabel, sourceLabel } from './common.js';

const periodTypeLabels: Record<string, string> = { once: '一次性', annual: '年度', semiannual: '半年', quarterly: '季度' };
/** The period a new opening most likely means: the one today falls in. */
function defaultPeriod(type: PeriodType, today: string): string {
  const y = today.slice(0, 4);
  const month = Number(today.slice(5, 7));
  return type === 'once' ? 'once' : type === 'annual' ? y : type === 'semiannual' ? `${y}-H${month <= 6 ? 1 : 2}` : `${y}-Q${Math.ceil(month / 3)}`;
}
const opLabels: Record<string, string> = { lte: '≤', lt: '<', gte: '≥', gt: '>', eq: '=' };

/** The period is chosen by its label (2026年上半年, 一次性报告) among those of the template's type, never typed as a code. */
const PeriodFields = ({ form, errors, type, year }: { form: Record<string, string>; errors: Record<string, string>; type: PeriodType; year: number }) => (
  <>
    <Field name="period" label="报告期" value={form['period']} error={errors['period']} required options={periodChoices(type, year)} />
    <Field name="opensOn" label="开始填报日期" type="date" value={form['opensOn']} error={errors['opensOn']} required />
    <Field name="dueOn" label="报送截止日期" type="date" value={form['dueOn']} error={errors['dueOn']} required />
    <Field name="closesOn" label="关闭日期（此后不再接收）" type="date" value={form['closesOn']} error={errors['closesOn']} required />
  </>
);

const periodOf = (form: Record<string, string>) => ({
  period: (form['period'] ?? '').trim(),
  opensOn: form['opensOn'] ?? '',
  dueOn: form['dueOn'] ?? '',
  closesOn: form['closesOn'] ?? '',
});

/** Field errors of a period, whether the API named them `periods.0.dueOn` (publishing) or `dueOn` (opening). */
function periodErrors(problem: Problem | undefined): Record<string, string> {
  if (problem?.code === 'conflict') return { period: '该报告期已开放，不能重复开放' };
  const errors = fieldErrors(problem);
  if (problem && !['period', 'opensOn', 'dueOn', 'closesOn'].some((k) => errors[k])) {
    const text = problemText(problem);
    return { ...errors, _form: text };
  }
  return errors;
}

export function templatePages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const listPage = async (c: ConsoleContext, form: Record<string, string> = {}, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const templates = (await api.must<{ items: TemplateView[] }>('/v1/report-templates')).items;
    const flash = flashOf(c);
    const errors = periodErrors(problem);
    const hasPreset = templates.some((t) => t.code === 'reform_completion');
    return render(
      '报告模板',
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {templates.length ? (
          <div class="table-wrap">
            <table>
              <caption>已发布的报告模板</caption>
              <thead>
                <tr>
                  <th scope="col">模板</th>
                  <th scope="col">类型</th>
                  <th scope="col" class="num">指标数</th>
                  <th scope="col">报告期</th>
                  <th scope="col" class="hide-narrow">发布时间</th>
                </tr>
              </thead>
              <tbody>
                {templates.map((t) => (
                  <tr>
                    <td>
                      <a href={`/console/province/templates/${t.id}`}>{t.title}</a>
                      <div class="muted">{t.code}</div>
                    </td>
                    <td>{periodTypeLabels[t.periodType] ?? t.periodType}</td>
                    <td class="num">{t.indicators.length}</td>
                    <td>{t.periods.length ? t.periods.map((p) => `${periodLabel(p.period)}（截止 ${p.dueOn}）`).join('、') : '尚未开放'}</td>
                    <td class="hide-narrow">{shanghai(t.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Alert kind="info">尚未发布报告模板。</Alert>
        )}
        {hasRole(principal, reportTemplateManagers) && !hasPreset ? (
          <section aria-labelledby="h-preset">
            <h2 id="h-preset">发布“城市基层管理体制改革完成情况报告”模板</h2>
            <p>系统内置 22 项指标（社区、居委会、选举、培训、联席会议、服务设施等），其中“创建示范居委会”“社区建设投入经费”由各市手工填报。可同时开放第一个报告期。</p>
            {errors['_form'] ? <Alert kind="error">{errors['_form']}</Alert> : null}
            <form class="stack card" method="post" novalidate action="/console/province/templates/preset">
              <Csrf session={session} />
              <PeriodFields form={{ period: 'once', ...form }} errors={errors} type="once" year={Number(shanghaiDate(options.clock.now()).slice(0, 4))} />
              <div class="actions">
                <button type="submit">发布模板</button>
              </div>
            </form>
          </section>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/province/templates', (c) => listPage(c));

  app.post('/province/templates/preset', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<TemplateView>('/v1/report-templates', { preset: 'reform_completion', periods: [periodOf(form)] });
    if (!result.ok) return listPage(c, form, result.problem);
    return c.redirect(withFlash(`/console/province/templates/${result.data.id}`, { ok: `已发布“${result.data.title}”` }), 303);
  });

  const detailPage = async (c: ConsoleContext, form: Record<string, string> = {}, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const t = await api.must<TemplateView>(`/v1/report-templates/${encodeURIComponent(c.req.param('id') ?? '')}`);
    const flash = flashOf(c);
    const errors = periodErrors(problem);
    const labelOf = (code: string) => t.indicators.find((i) => i.code === code)?.label ?? code;
    return render(
      t.title,
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <p>
          代码 {t.code} · {periodTypeLabels[t.periodType] ?? t.periodType}报告 · 截止后 {t.onTimeDays} 天内报送仍视为按时 · <a href="/console/province/templates">返回模板列表</a>
        </p>
        <h2>报告期</h2>
        {t.periods.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">报告期</th>
                  <th scope="col">开始填报</th>
                  <th scope="col">截止</th>
                  <th scope="col">关闭</th>
                  <th scope="col">查看</th>
                </tr>
              </thead>
              <tbody>
                {t.periods.map((p) => (
                  <tr>
                    <td>{periodLabel(p.period)}</td>
                    <td>{p.opensOn}</td>
                    <td>{p.dueOn}</td>
                    <td>{p.closesOn}</td>
                    <td>
                      <a href={`/console/province?template=${t.id}&period=${encodeURIComponent(p.period)}`}>报送情况</a> ·{' '}
                      <a href={`/console/province/reports?template=${t.id}&period=${encodeURIComponent(p.period)}`}>城市报告</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">尚未开放报告期。</p>
        )}
        {hasRole(principal, reportTemplateManagers) ? (
          <section aria-labelledby="h-open">
            <h3 id="h-open">开放报告期</h3>
            {errors['_form'] ? <Alert kind="error">{errors['_form']}</Alert> : null}
            <form class="stack card" method="post" novalidate action={`/console/province/templates/${t.id}/periods`}>
              <Csrf session={session} />
              <PeriodFields form={{ period: defaultPeriod(t.periodType as PeriodType, shanghaiDate(options.clock.now())), ...form }} errors={errors} type={t.periodType as PeriodType} year={Number(shanghaiDate(options.clock.now()).slice(0, 4))} />
              <div class="actions">
                <button type="submit">开放报告期</button>
              </div>
            </form>
          </section>
        ) : null}
        <h2>指标（{t.indicators.length}）</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col">单位</th>
                <th scope="col">全省汇总方式</th>
                <th scope="col">来源</th>
                <th scope="col" class="hide-narrow">代码</th>
              </tr>
            </thead>
            <tbody>
              {t.indicators.map((i) => (
                <tr>
                  <td>{i.label}</td>
                  <td>{i.unit}</td>
                  <td>{aggregationLabels[i.aggregation] ?? i.aggregation}</td>
                  <td>
                    {sourceLabel(i.source)}
                    {i.numerator && i.denominator ? <div class="muted">{`${labelOf(i.numerator)} ÷ ${labelOf(i.denominator)} × 100`}</div> : null}
                  </td>
                  <td class="hide-narrow">
                    <code>{i.code}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {t.rules.length ? (
          <>
            <h2>校验规则</h2>
            <ul>
              {t.rules.map((r) => (
                <li>
                  {labelOf(r.left)} {opLabels[r.op]} {labelOf(r.right)}：{r.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/province/templates/:id', (c) => detailPage(c));

  app.post('/province/templates/:id/periods', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<TemplateView>(`/v1/report-templates/${encodeURIComponent(c.req.param('id'))}/periods`, periodOf(form));
    if (!result.ok) return detailPage(c, form, result.problem);
    return c.redirect(withFlash(`/console/province/templates/${result.data.id}`, { ok: `已开放报告期 ${periodLabel(periodOf(form).period)}` }), 303);
  });

  return app;
}
