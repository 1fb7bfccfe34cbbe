import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import { divisionImporters } from '../../../shared/hierarchy/rules.js';
import type { TodoView } from '../../../shared/todo/schemas.js';
import type { ConsultationFigures as Figures } from '../../../shared/consultations/schemas.js';
import { Chart, type Draw } from '../chart-figure.js';
import { chartColours } from '../charts.js';
import { page } from '../context.js';
import { problemText } from '../i18n.js';
import { Alert, num } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';
import { TodoList } from '../todo.js';

interface Cadence {
  window: { from: string; to: string };
  items: { seriesId: string; title: string; expected: number; held: number; heldOnTime: number }[];
}

// the figures sit two to a row (.figures: columns of 500 px or more, less the card's padding)
const HALF = 460;

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** 培训完成率 by the units directly below: members trained (on time or late) of those due. */
const TrainingFigures = ({ all, draw }: { all: TodoView['training']; draw: Draw }) => {
  const rows = all.filter((r) => r.members > 0);
  const bars = rows.map((r) => ({ label: r.name, value: percent(r.trainedOnTime + r.trainedLate, r.members) }));
  return (
    <section aria-labelledby="h-training">
      <h3 id="h-training">成员培训完成率</h3>
      <p class="muted">
        已完成培训（含逾期完成）÷ 应培训成员（新一届成员一年内轮训一遍）。
        {all.length > rows.length ? `其余 ${all.length - rows.length} 个单位暂无应培训成员。` : ''}
      </p>
      {rows.length === 0 ? null : (
      <>
      <Chart draw={draw} spec={{ bars, unit: '%', max: 100, width: HALF }} label={`成员培训完成率：${bars.map((b) => `${b.label}${b.value ?? '—'}%`).join('，')}`} />
      <div class="table-wrap">
        <table>
          <caption>成员培训完成情况（人）</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col" class="num">应培训</th>
              <th scope="col" class="num">按时完成</th>
              <th scope="col" class="num">逾期完成</th>
              <th scope="col" class="num">待培训</th>
              <th scope="col" class="num">已逾期</th>
              <th scope="col" class="num">完成率</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/console/training?unit=${r.code}`}>{r.name}</a>
                </th>
                <td class="num">{num(r.members)}</td>
                <td class="num">{num(r.trainedOnTime)}</td>
                <td class="num">{num(r.trainedLate)}</td>
                <td class="num">{num(r.pending)}</td>
                <td class="num">{num(r.overdue)}</td>
                <td class="num">{r.members ? `${num(percent(r.trainedOnTime + r.trainedLate, r.members), 1)}%` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      </>
      )}
    </section>
  );
};

const VacancyFigures = ({ all, draw }: { all: TodoView['vacancies']; draw: Draw }) => {
  const rows = all.filter((r) => r.committees > 0);
  const bars = rows.map((r) => ({ label: r.name, value: r.open }));
  return (
    <section aria-labelledby="h-vacancies">
      <h3 id="h-vacancies">居委会空缺职位</h3>
      <p class="muted">
        本届职数减去今天在任的成员，按职务逐项计算。
        {all.length > rows.length ? `其余 ${all.length - rows.length} 个单位尚无本届居委会。` : ''}
      </p>
      {rows.length === 0 ? null : (
      <>
      <Chart draw={draw} spec={{ bars, unit: '个', width: HALF }} label={`居委会空缺职位：${bars.map((b) => `${b.label}${b.value}个`).join('，')}`} />
      <div class="table-wrap">
        <table>
          <caption>居委会职数与在任（个、人）</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col" class="num">居委会</th>
              <th scope="col" class="num">职数</th>
              <th scope="col" class="num">在任</th>
              <th scope="col" class="num">空缺</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td class="num">{num(r.committees)}</td>
                <td class="num">{num(r.seats)}</td>
                <td class="num">{num(r.serving)}</td>
                <td class="num">{num(r.open)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      </>
      )}
    </section>
  );
};

const MeetingFigures = ({ cadence, draw }: { cadence: Cadence; draw: Draw }) => {
  const rows = cadence.items;
  const expected = rows.reduce((n, r) => n + r.expected, 0);
  const held = rows.reduce((n, r) => n + r.held, 0);
  const bars = [
    { label: '应召开', value: expected, color: chartColours.reference },
    { label: '已召开', value: held },
    { label: '按期召开', value: rows.reduce((n, r) => n + r.heldOnTime, 0) },
  ];
  return (
    <section aria-labelledby="h-meetings">
      <h3 id="h-meetings">联席会议召开情况</h3>
      <p class="muted">
        {cadence.window.from} 至 {cadence.window.to}：按各联席会议的召开周期应召开（未取消）的会议，与已记录纪要的会议。
      </p>
      {rows.length ? <Chart draw={draw} spec={{ bars, unit: '次', width: HALF }} label={`联席会议召开情况：${bars.map((b) => `${b.label}${b.value}次`).join('，')}`} /> : null}
      <div class="table-wrap">
        <table>
          <caption>各联席会议召开次数</caption>
          <thead>
            <tr>
              <th scope="col">联席会议</th>
              <th scope="col" class="num">应召开</th>
              <th scope="col" class="num">已召开</th>
              <th scope="col" class="num">按期召开</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/console/conferences/series/${r.seriesId}`}>{r.title}</a>
                </th>
                <td class="num">{num(r.expected)}</td>
                <td class="num">{num(r.held)}</td>
                <td class="num">{num(r.heldOnTime)}</td>
              </tr>
            ))}
            {rows.length ? null : (
              <tr>
                <td colspan={4} class="muted">
                  尚未设立联席会议。
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
};

/** 居民咨询 this month: received, answered on time, overdue, satisfaction, by the units directly below. */
const ConsultationFigures = ({ figures }: { figures: Figures }) => (
  <section aria-labelledby="h-consultations">
    <h3 id="h-consultations">居民咨询答复情况</h3>
    <p class="muted">{figures.basis}。</p>
    <div class="table-wrap">
      <table>
        <caption>
          <a href="/console/consultations">居民咨询</a>（件）
        </caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col" class="num">收到</th>
            <th scope="col" class="num">按时答复</th>
            <th scope="col" class="num">逾期</th>
            <th scope="col" class="num">按时答复率</th>
            <th scope="col" class="num">满意率</th>
          </tr>
        </thead>
        <tbody>
          {[...figures.byUnit.map((r) => ({ ...r, label: r.unitName ?? r.unitCode })), { ...figures.total, label: '合计' }].map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="num">{num(r.received)}</td>
              <td class="num">{num(r.answeredOnTime)}</td>
              <td class="num">{num(r.overdue)}</td>
              <td class="num">{r.onTimeRate === null ? '—' : `${r.onTimeRate}%`}</td>
              <td class="num">{r.satisfactionRate === null ? '—' : `${r.satisfactionRate}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
);

export function homePages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  app.get('/home', async (c) => {
    const { principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const [todo, cadence, consultations] = await Promise.all([api.get<TodoView>('/v1/todo'), api.get<Cadence>('/v1/conferences/cadence'), api.get<Figures>('/v1/consultations/figures')]);
    if (!todo.ok) return render('首页', <Alert kind="error">{problemText(todo.problem)}</Alert>);
    const noDivisions = todo.data.training.length === 0 && todo.data.vacancies.length === 0 && principal.unit.length < 12;
    // ECharts is loaded on the first page that draws, not at cold start
    const { barChartSvg: draw } = await import('../charts.js');
    return render(
      '首页',
      <>
        {noDivisions ? (
          <div class="card">
            <p>尚未导入本市行政区划代码。</p>
            {hasRole(principal, divisionImporters) ? (
              <a class="button" href="/console/divisions/import">
                导入区划代码
              </a>
            ) : null}
          </div>
        ) : null}
        <TodoList todo={todo.data} />
        <h2>{todo.data.unit.name}工作概况</h2>
        <div class="figures">
          {todo.data.training.length ? <TrainingFigures all={todo.data.training} draw={draw} /> : null}
          {todo.data.vacancies.length ? <VacancyFigures all={todo.data.vacancies} draw={draw} /> : null}
          {cadence.ok ? <MeetingFigures cadence={cadence.data} draw={draw} /> : null}
          {consultations.ok ? <ConsultationFigures figures={consultations.data} /> : null}
        </div>
      </>,
    );
  });
  return app;
}
