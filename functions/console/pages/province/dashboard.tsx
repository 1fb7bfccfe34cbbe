import { Hono } from 'hono';
import { shanghaiDate } from '../../../../shared/dates.js';
import type { AggregatesView, CompletenessView, LateNotice } from '../../../../shared/reporting/schemas.js';
import { ConsolePageError, query, type Problem } from '../../api.js';
import { chartColours, type Bar } from '../../charts.js';
import { Chart, type Draw } from '../../chart-figure.js';
import { TodoList } from '../../todo.js';
import type { TodoView } from '../../../../shared/todo/schemas.js';
import { page } from '../../context.js';
import { problemText } from '../../i18n.js';
import { Alert, num, shanghai, Tag } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { periodLabel, reportStatusKinds, reportStatusLabels, selectionOf, SelectionPicker, selectionQuery, type Selection } from './common.js';

const completenessBars = (c: CompletenessView): Bar[] => [
  { label: '应报', value: c.expected, color: chartColours.reference },
  { label: '已报送', value: c.submitted },
  { label: '按时报送', value: c.onTime },
  { label: '逾期报送', value: c.late },
  { label: '未报送', value: c.missing },
  { label: '已采纳', value: c.accepted },
  { label: '已退回', value: c.returned },
];


export function dashboardPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/province', async (c) => {
    const { api, render } = page(c, options);
    const [selection, todo] = await Promise.all([selectionOf(c, api, shanghaiDate(options.clock.now())), api.get<TodoView>('/v1/todo')]);
    const todoList = todo.ok ? <TodoList todo={todo.data} /> : null;
    if (!selection.template || !selection.period) {
      return render(
        '全省总览',
        <>
        {todoList}
        <Alert kind="info">
          尚未发布报告模板或开放报告期。请先到 <a href="/console/province/templates">报告模板</a> 发布模板并开放报告期。
        </Alert>
        </>,
      );
    }
    const q = selectionQuery(selection);
    // ECharts is loaded on the first dashboard, not at cold start: it is a lazy chunk of its own in the Lambda bundle
    const { barChartSvg: draw } = await import('../../charts.js');
    const [completeness, aggregates, late] = await Promise.all([
      api.get<CompletenessView>(`/v1/province/completeness${q}`),
      api.get<AggregatesView>(`/v1/province/aggregates${q}`),
      api.get<{ items: LateNotice[] }>(`/v1/province/late-reports${q}`),
    ]);
    return render(
      '全省总览',
      <>
        {todoList}
        <h2>报送与指标</h2>
        <SelectionPicker action="/console/province" selection={selection} />
        <p class="muted">
          {selection.template.title} · {periodLabel(selection.period)}
        </p>
        {completeness.ok ? <Completeness c={completeness.data} draw={draw} /> : <Alert kind="error">{problemText(completeness.problem)}</Alert>}
        {late.ok ? <LateList items={late.data.items} /> : null}
        {aggregates.ok ? (
          <Comparison draw={draw} aggregates={aggregates.data} selection={selection} indicator={c.req.query('indicator')} cityNames={completeness.ok ? Object.fromEntries(completeness.data.cities.map((x) => [x.code, x.name])) : {}} />
        ) : (
          <Alert kind="error">{problemText(aggregates.problem)}</Alert>
        )}
        <Downloads selection={selection} />
      </>,
    );
  });

  app.get('/province/exports/:what', async (c) => {
    const { api } = page(c, options);
    const what = c.req.param('what');
    if (what !== 'aggregates' && what !== 'completeness') return c.notFound();
    const format = c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
    const response = await api.raw('GET', `/v1/province/${what}/export${query({ template: c.req.query('template'), period: c.req.query('period'), format })}`);
    if (!response.ok) throw new ConsolePageError((await response.json().catch(() => ({ status: response.status, code: 'internal' }))) as Problem);
    const headers: Record<string, string> = { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' };
    const disposition = response.headers.get('content-disposition');
    if (disposition) headers['content-disposition'] = disposition;
    return new Response(response.body, { status: 200, headers });
  });

  return app;
}

const Completeness = ({ c, draw }: { c: CompletenessView; draw: Draw }) => {
  const bars = completenessBars(c);
  return (
    <section aria-labelledby="h-completeness">
      <h2 id="h-completeness">报送情况（截止 {c.dueOn}{c.onTimeUntil !== c.dueOn ? `，${c.onTimeUntil} 前报送均视为按时` : ''}）</h2>
      <div class="grid">
        <div class="stat">
          <span class="muted">报送率</span>
          <b>{c.reportingRate === null ? '—' : `${num(c.reportingRate, 2)}%`}</b>
        </div>
        <div class="stat">
          <span class="muted">及时率</span>
          <b>{c.onTimeRate === null ? '—' : `${num(c.onTimeRate, 2)}%`}</b>
        </div>
        <div class="stat">
          <span class="muted">未报送</span>
          <b>{num(c.missing)}</b>
        </div>
      </div>
      <h3>各类城市数</h3>
      <Chart draw={draw} spec={{ bars, unit: '个' }} label={`报送情况柱状图：${bars.map((b) => `${b.label}${b.value}个`).join('，')}`} />
      <div class="table-wrap">
        <table>
          <caption>报送情况（城市数）</caption>
          <thead>
            <tr>
              {bars.map((b) => (
                <th scope="col" class="num">
                  {b.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {bars.map((b) => (
                <td class="num">{num(b.value)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table>
          <caption>各市报送状态</caption>
          <thead>
            <tr>
              <th scope="col">城市</th>
              <th scope="col">状态</th>
              <th scope="col" class="num hide-narrow">版本</th>
              <th scope="col" class="hide-narrow">首次报送</th>
              <th scope="col">最近报送</th>
              <th scope="col">是否按时</th>
            </tr>
          </thead>
          <tbody>
            {c.cities.map((city) => (
              <tr>
                <th scope="row" style="white-space:normal">
                  {city.name} <span class="muted">{city.code}</span>
                </th>
                <td style="white-space:nowrap">
                  <Tag kind={reportStatusKinds[city.status]}>{reportStatusLabels[city.status] ?? city.status}</Tag>
                </td>
                <td class="num hide-narrow">{city.version ?? '—'}</td>
                <td class="hide-narrow">{shanghai(city.firstSubmittedAt)}</td>
                <td>{shanghai(city.lastSubmittedAt)}</td>
                <td style="white-space:nowrap">{city.onTime === null ? '—' : city.onTime ? <Tag kind="ok">按时</Tag> : <Tag kind="warn">逾期</Tag>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};

const LateList = ({ items }: { items: LateNotice[] }) => (
  <section aria-labelledby="h-late">
    <h2 id="h-late">逾期名单（{items.length}）</h2>
    {items.length ? (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">城市</th>
              <th scope="col">截止日期</th>
              <th scope="col">逾期提醒时间</th>
            </tr>
          </thead>
          <tbody>
            {items.map((l) => (
              <tr>
                <td>
                  {l.cityName ?? l.cityCode} {l.cityName ? <span class="muted">{l.cityCode}</span> : null}
                </td>
                <td>{l.dueOn}</td>
                <td>{shanghai(l.notifiedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p class="muted">截止日期后的逾期检查尚未发现逾期城市。</p>
    )}
  </section>
);

const Comparison = ({ draw, aggregates, selection, indicator, cityNames }: { draw: Draw; aggregates: AggregatesView; selection: Selection; indicator: string | undefined; cityNames: Record<string, string> }) => {
  const item = aggregates.items.find((i) => i.indicator === indicator) ?? aggregates.items[0];
  if (!item) return <Alert kind="info">尚无城市报送数据，暂无全省汇总。</Alert>;
  const cities = Object.entries(item.perCity).sort((a, b) => b[1] - a[1]);
  const bars = cities.map(([code, value]) => ({ label: cityNames[code] ?? code, value }));
  return (
    <section aria-labelledby="h-compare">
      <h2 id="h-compare">指标对比</h2>
      <form method="get" action="/console/province" class="card actions">
        <input type="hidden" name="template" value={selection.template!.id} />
        <input type="hidden" name="period" value={selection.period!} />
        <div class="field" style="flex:1;min-width:240px">
          <label for="indicator">指标</label>
          <select id="indicator" name="indicator">
            {aggregates.items.map((i) => (
              <option value={i.indicator} selected={i.indicator === item.indicator}>
                {i.label}（{i.unit}）
              </option>
            ))}
          </select>
        </div>
        <button type="submit">对比</button>
      </form>
      <p>
        全省{item.aggregation === 'sum' ? '合计' : item.aggregation === 'ratio' ? '比率' : item.aggregation === 'avg' ? '平均' : item.aggregation === 'max' ? '最大值' : '最小值'}：
        <strong>
          {num(item.value, 2)}
          {item.unit}
        </strong>
        ，{item.contributingCities} 个城市报送了此项{item.computedAt ? `（汇总于 ${shanghai(item.computedAt)}）` : ''}。
      </p>
      {bars.length ? (
        <>
          <Chart draw={draw} spec={{ bars, unit: item.unit, horizontal: true }} label={`${item.label}各市对比：${bars.map((b) => `${b.label}${b.value}${item.unit}`).join('，')}`} />
          <div class="table-wrap">
            <table>
              <caption>
                {item.label}（{item.unit}）各市数值
              </caption>
              <thead>
                <tr>
                  <th scope="col">城市</th>
                  <th scope="col" class="num">
                    数值（{item.unit}）
                  </th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr>
                    <th scope="row" style="white-space:normal">{b.label}</th>
                    <td class="num">{num(b.value, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p class="muted">尚无城市报送此指标。</p>
      )}
    </section>
  );
};

const Downloads = ({ selection }: { selection: Selection }) => {
  const link = (what: string, format: string) => `/console/province/exports/${what}${selectionQuery(selection, { format })}`;
  return (
    <section aria-labelledby="h-downloads">
      <h2 id="h-downloads">下载</h2>
      <ul>
        <li>
          全省汇总表：<a href={link('aggregates', 'xlsx')}>Excel 工作簿（.xlsx）</a> · <a href={link('aggregates', 'csv')}>CSV</a>
        </li>
        <li>
          报送情况表：<a href={link('completeness', 'xlsx')}>Excel 工作簿（.xlsx）</a> · <a href={link('completeness', 'csv')}>CSV</a>
        </li>
      </ul>
    </section>
  );
};
