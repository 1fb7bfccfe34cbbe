import { Hono } from 'hono';
import { ConfirmStep } from '../../confirm.js';
import { hasRole } from '../../../../shared/auth/principal.js';
import { shanghaiDate } from '../../../../shared/dates.js';
import { reportReviewers } from '../../../../shared/reporting/rules.js';
import type { Addressees as AddresseesView, Figure, SnapshotView, TemplateView } from '../../../../shared/reporting/schemas.js';
import type { Problem } from '../../api.js';
import { flashOf, formOf, page, withFlash, type ConsoleContext } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, num, shanghai, Tag } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { pageStatus, periodLabel, reportStatusKinds, reportStatusLabels, selectionOf, SelectionPicker } from './common.js';

export const FigureValue = ({ figure, unit, labels = {} }: { figure: Figure | undefined; unit: string; labels?: Record<string, string> }) => {
  if (!figure) return <span class="muted">—</span>;
  if (figure.status === 'ok') return <>{`${num(figure.value, 2)}${unit === '%' ? '%' : ''}`}</>;
  if (figure.status === 'missing') return <Tag kind="warn">未填写</Tag>;
  return (
    <>
      <Tag>无法计算</Tag> <span class="muted">{(figure.reason ?? '').replace(/[a-z][a-z0-9_]+/g, (code) => labels[code] ?? code)}</span>
    </>
  );
};

/**
 * The rule a figure was computed by (denominator, cut-off day), as frozen with the report; reports computed before
 * figures carried their rule show a dash. The city's own training figures link to the training page on the same day.
 */
/** 主送 and 抄送 of a report, as its template names them (and, once submitted, as frozen with it). */
export const Addressees = ({ addressees }: { addressees: AddresseesView }) =>
  addressees.to.length || addressees.cc.length ? (
    <p>
      {addressees.to.length ? <>主送：{addressees.to.join('、')}</> : null}
      {addressees.to.length && addressees.cc.length ? '；' : null}
      {addressees.cc.length ? <>抄送：{addressees.cc.join('、')}</> : null}
    </p>
  ) : null;

export const FigureRule = ({ figure, trainingLink = false }: { figure: Figure | undefined; trainingLink?: boolean }) => {
  const basis = figure?.basis;
  if (!basis) return <span class="muted">—</span>;
  const cutOff = basis.code.startsWith('training.rule.') ? basis.params['cutOff'] : undefined;
  return (
    <span class="figure-rule" data-rule={basis.code}>
      {basis.zh}
      {trainingLink && cutOff ? (
        <>
          {' '}
          <a href={`/console/training?asOf=${cutOff}`}>查看培训页面同日数据</a>
        </>
      ) : null}
    </span>
  );
};

/** Figures by district: one row per indicator that has them, one column per district. */
export const DistrictFigures = ({ template, districtFigures, names = {} }: { template: TemplateView | { indicators: TemplateView['indicators'] }; districtFigures: Record<string, Record<string, number>>; names?: Record<string, string> }) => {
  const indicators = template.indicators.filter((i) => districtFigures[i.code] && Object.keys(districtFigures[i.code]!).length);
  const districts = [...new Set(indicators.flatMap((i) => Object.keys(districtFigures[i.code]!)))].sort();
  if (!indicators.length) return <p class="muted">无分区（县）数据。</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>分区（县）数据</caption>
        <thead>
          <tr>
            <th scope="col">指标</th>
            {districts.map((d) => {
              // a city without districts (东莞, 中山) files its streets under its own code plus 00: they are the city's own
              const name = names[d] ?? (/^\d{4}00$/.test(d) ? '市直辖街道（镇）' : undefined);
              return (
                <th scope="col" class="num">
                  {name ?? d}
                  {name ? <div class="muted" style="font-weight:normal">{d}</div> : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr>
              <th scope="row" style="white-space:normal">
                {i.label}（{i.unit}）
              </th>
              {districts.map((d) => (
                <td class="num">{num(districtFigures[i.code]![d])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export function provinceReportPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/province/reports', async (c) => {
    const { api, render } = page(c, options);
    const selection = await selectionOf(c, api, shanghaiDate(options.clock.now()));
    // the province's inbox: the cities' submissions and revisions (the main menu belongs to the layout)
    const inbox = await api.get<{ unread: number }>('/v1/notifications?unread=true&limit=1');
    const inboxLink = (
      <p>
        <a href="/console/inbox">收件箱{inbox.ok ? `（${inbox.data.unread} 条未读）` : ''}</a> <span class="muted">各市报送、修改报告的通知</span>
      </p>
    );
    if (!selection.template || !selection.period) {
      return render('城市报告', <>{inboxLink}<Alert kind="info">尚未发布报告模板或开放报告期。</Alert></>);
    }
    const items = (await api.must<{ items: SnapshotView[] }>(`/v1/province/reports?template=${selection.template.id}&period=${encodeURIComponent(selection.period)}`)).items;
    return render(
      '城市报告',
      <>
        {inboxLink}
        <SelectionPicker action="/console/province/reports" selection={selection} />
        <p class="muted">
          仅显示各市已报送的最新版本；起草中的报告和各市业务数据省级不可见。{selection.template.title} · {periodLabel(selection.period)}
        </p>
        {items.length ? (
          <div class="table-wrap">
            <table>
              <caption>已报送的城市报告（{items.length}）</caption>
              <thead>
                <tr>
                  <th scope="col">城市</th>
                  <th scope="col" class="num">版本</th>
                  <th scope="col">状态</th>
                  <th scope="col">报送时间</th>
                  <th scope="col">是否按时</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr>
                    <td>
                      <a href={`/console/province/reports/${s.id}`}>{s.cityName ?? s.tenantId}</a> {s.cityName ? <span class="muted">{s.tenantId}</span> : null}
                    </td>
                    <td class="num">{s.version}</td>
                    <td style="white-space:nowrap">
                      <Tag kind={reportStatusKinds[s.status]}>{reportStatusLabels[s.status] ?? s.status}</Tag>
                    </td>
                    <td>{shanghai(s.submittedAt)}</td>
                    <td style="white-space:nowrap">{s.onTime ? <Tag kind="ok">按时</Tag> : <Tag kind="warn">逾期</Tag>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Alert kind="info">尚无城市报送此报告期的报告。</Alert>
        )}
      </>,
    );
  });

  const detailPage = async (c: ConsoleContext, form: Record<string, string> = {}, problem?: Problem, action?: 'accept' | 'return') => {
    const { session, principal, api, render } = page(c, options);
    const s = await api.must<SnapshotView>(`/v1/province/reports/${encodeURIComponent(c.req.param('id') ?? '')}`);
    const template = await api.must<TemplateView>(`/v1/report-templates/${s.templateId}`);
    const flash = flashOf(c);
    const errors = fieldErrors(problem);
    const commentError = errors['comment'] ? (/至少 2/.test(errors['comment']) || /不能为空/.test(errors['comment']) ? '退回时请写明退回意见（至少 2 个字）' : errors['comment']) : undefined;
    const canReview = hasRole(principal, reportReviewers) && s.status === 'submitted';
    return render(
      `${s.cityName ?? s.tenantId} · ${template.title}`,
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {problem && !commentError ? <Alert kind="error">{problemText(problem)}</Alert> : null}
        <p>
          报告期 {periodLabel(s.period)} · 第 {s.version} 版 · <Tag kind={reportStatusKinds[s.status]}>{reportStatusLabels[s.status] ?? s.status}</Tag> · 报送于{' '}
          {shanghai(s.submittedAt)}（{s.onTime ? '按时' : '逾期'}）
        </p>
        <Addressees addressees={s.addressees} />
        <p class="muted">
          内容摘要 SHA-256：<code style="word-break:break-all">{s.contentHash}</code>
        </p>
        {s.reviewedAt ? (
          <Alert kind={s.status === 'returned' ? 'error' : 'info'}>
            {shanghai(s.reviewedAt)} {s.status === 'returned' ? '退回' : '采纳'}
            {s.reviewComment ? `：${s.reviewComment}` : ''}
          </Alert>
        ) : null}
        <h2>指标数据</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col" class="num">数值</th>
                <th scope="col">单位</th>
                <th scope="col">统计口径</th>
              </tr>
            </thead>
            <tbody>
              {template.indicators.map((i) => (
                <tr>
                  <th scope="row" style="white-space:normal">{i.label}</th>
                  <td class="num">
                    <FigureValue figure={s.figures[i.code]} unit={i.unit} labels={Object.fromEntries(template.indicators.map((x) => [x.code, x.label]))} />
                  </td>
                  <td>{i.unit}</td>
                  <td style="white-space:normal;min-width:16em">
                    <FigureRule figure={s.figures[i.code]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>分区（县）数据</h2>
        <DistrictFigures template={template} districtFigures={s.districtFigures} names={s.districtNames} />
        <h2>书面报告</h2>
        <div class="card" style="white-space:pre-wrap">{s.narrative || '（无正文）'}</div>
        {s.attachments.length ? (
          <>
            <h3>附件</h3>
            <ul>
              {s.attachments.map((a) => (
                <li>
                  {a.name} <span class="muted">{a.ref}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {canReview ? (
          <section aria-labelledby="h-review">
            <h2 id="h-review">审核</h2>
            <div class="grid">
              <div class="stack card">
                <p>采纳后该版本冻结为省级统计口径，城市不能再修改。</p>
                <div class="actions">
                  <a class="button" href={`/console/province/reports/${s.id}/accept`}>
                    采纳…
                  </a>
                </div>
              </div>
              <form class="stack card" method="post" novalidate action={`/console/province/reports/${s.id}/return`}>
                <Csrf session={session} />
                <Field name="comment" label="退回意见" hint="写明需要修改的内容，城市将据此修改后重报" value={action === 'return' ? form['comment'] : ''} error={action === 'return' ? commentError : undefined} required multiline />
                <div class="actions">
                  <button type="submit" class="danger">
                    退回修改
                  </button>
                </div>
              </form>
            </div>
          </section>
        ) : null}
        <p>
          <a href={`/console/province/reports?template=${s.templateId}&period=${encodeURIComponent(s.period)}`}>返回城市报告列表</a>
        </p>
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/province/reports/:id', (c) => detailPage(c));

  // accepting freezes the version as the province's figures: a page of its own shows what is accepted first
  app.get('/province/reports/:id/accept', async (c) => {
    const { session, api, render } = page(c, options);
    const s = await api.must<SnapshotView>(`/v1/province/reports/${encodeURIComponent(c.req.param('id'))}`);
    if (s.status !== 'submitted') return c.redirect(`/console/province/reports/${s.id}`, 303);
    const template = await api.must<TemplateView>(`/v1/report-templates/${s.templateId}`);
    return render(
      `确认采纳：${s.cityName ?? s.tenantId} · ${template.title}`,
      <ConfirmStep
        session={session}
        action={`/console/province/reports/${s.id}/accept`}
        label="确认采纳"
        cancel={`/console/province/reports/${s.id}`}
        facts={[
          ['报告', `${s.cityName ?? s.tenantId} · ${template.title} · ${periodLabel(s.period)}`],
          ['版本', `第 ${s.version} 版，报送于 ${shanghai(s.submittedAt)}（${s.onTime ? '按时' : '逾期'}）`],
          ['指标', `${template.indicators.length} 项指标及分区（县）数据、书面报告${s.attachments.length ? `和 ${s.attachments.length} 个附件` : ''}`],
          ['内容摘要', <code style="word-break:break-all">{s.contentHash}</code>],
        ]}
        consequence="采纳后该版本冻结为省级统计口径，城市不能再修改或重报；如需更正须另行沟通。"
      >
        <Field name="comment" label="采纳意见（可不填）" multiline />
      </ConfirmStep>,
    );
  });

  app.post('/province/reports/:id/:action{accept|return}', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const action = c.req.param('action') as 'accept' | 'return';
    if (action === 'accept' && form['confirm'] !== 'yes') return c.redirect(`/console/province/reports/${encodeURIComponent(c.req.param('id'))}/accept`, 303);
    const comment = (form['comment'] ?? '').trim();
    const body = action === 'accept' ? (comment ? { comment } : {}) : { comment };
    const result = await api.post<SnapshotView>(`/v1/province/reports/${encodeURIComponent(c.req.param('id'))}/${action}`, body);
    if (!result.ok) return detailPage(c, form, result.problem, action);
    return c.redirect(withFlash(`/console/province/reports/${result.data.id}`, { ok: action === 'accept' ? '已采纳该报告' : '已退回该报告，城市可修改后重报' }), 303);
  });

  return app;
}
