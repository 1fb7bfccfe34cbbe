import { Hono } from 'hono';
import type { z } from 'zod';
import type { complianceFigures, complianceView, obligationPage, obligationSortKeys } from '../../../shared/training/schemas.js';
import { ConsolePageError, query } from '../api.js';
import { flashOf, page } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { Alert, Field, num, Tag } from '../layout.js';
import { apiQuery, ListSearch, listState, Pager, SortHeader } from '../list.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';
import { trainingSettingsPages } from './training/settings.js';
import { TrainingNav, trainingSetupPages } from './training/setup.js';

type Compliance = z.infer<typeof complianceView>;
type Figures = z.infer<typeof complianceFigures>;
type Obligations = z.infer<typeof obligationPage>;

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const rateKind = (f: Figures) => (f.overdue > 0 ? 'bad' : f.pending > 0 ? 'warn' : 'ok');

/** A horizontal bar for the on-time rate; the number is always printed beside it. */
const RateBar = ({ rate }: { rate: number | null }) => (
  <span style="display:inline-flex;align-items:center;gap:6px;min-width:140px">
    <span aria-hidden="true" style="display:inline-block;width:80px;height:10px;background:#e5e7eb;border-radius:5px;overflow:hidden">
      <span style={`display:block;height:10px;width:${Math.round((rate ?? 0) * 100)}%;background:${(rate ?? 0) >= 0.9 ? '#15803d' : (rate ?? 0) >= 0.6 ? '#b45309' : '#b91c1c'}`}></span>
    </span>
    {percent(rate)}
  </span>
);

export function trainingPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  app.route('/', trainingSetupPages(options));
  app.route('/', trainingSettingsPages(options));
  app.get('/training', async (c) => {
    const { principal, api, render } = page(c, options);
    const unit = c.req.query('unit') || principal.unit;
    const asked = (c.req.query('asOf') ?? '').trim() || undefined;
    const listed = listState('/console/training', (n) => c.req.query(n), ['unit', 'asOf']);
    const [atCutOff, overdue] = await Promise.all([
      api.get<Compliance>(`/v1/training/compliance${query({ unit, asOf: asked })}`),
      api.must<Obligations>(`/v1/training/obligations${apiQuery(listed, { unit: undefined, asOf: undefined, parent: unit, status: 'overdue' })}`),
    ]);
    const sortable = (key: (typeof obligationSortKeys)[number], label: string, cls?: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="community" class={cls} />;
    // a cut-off the API refuses (a future day, not a date) is shown beside the field, with today's figures
    const asOfError = atCutOff.ok ? undefined : (fieldErrors(atCutOff.problem)['asOf'] ?? problemText(atCutOff.problem));
    if (!atCutOff.ok && !asked) throw new ConsolePageError(atCutOff.problem);
    const compliance = atCutOff.ok ? atCutOff.data : await api.must<Compliance>(`/v1/training/compliance${query({ unit })}`);
    const asOf = atCutOff.ok ? asked : undefined;
    const u = compliance.unit;
    const flash = flashOf(c);
    return render(
      '成员培训达标情况',
      <>
        <TrainingNav current={c.req.path} />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
        <form method="get" action="/console/training" class="card actions" style="align-items:flex-end" role="search" aria-label="统计截止日期">
          {unit !== principal.unit ? <input type="hidden" name="unit" value={unit} /> : null}
          <Field
            name="asOf"
            label="统计截止日期"
            type="date"
            value={asOfError ? asked : compliance.asOf}
            error={asOfError}
            hint="默认今天；与工作报告对照时，填报告所写的统计截止日"
          />
          <button type="submit" class="secondary">
            查看
          </button>
          {asOf ? <a href={`/console/training${query({ unit: unit !== principal.unit ? unit : undefined })}`}>回到今天</a> : null}
          {unit !== principal.unit ? <a href={`/console/training${query({ asOf })}`}>返回本级</a> : null}
        </form>
        <p class="muted" id="training-rule" data-rule={compliance.rule.code}>
          统计口径：{compliance.rule.zh}
        </p>
        <div class="grid" role="list" aria-label={`${u.name}汇总`}>
          <div class="stat" role="listitem">
            <span class="muted">{u.name} 应培训成员</span>
            <b>{num(u.members)}</b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">按期完成</span>
            <b>{num(u.trainedOnTime)}</b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">逾期后完成</span>
            <b>{num(u.trainedLate)}</b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">期限内未完成</span>
            <b>{num(u.pending)}</b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">已逾期未完成</span>
            <b style={u.overdue ? 'color:#b91c1c' : ''}>{num(u.overdue)}</b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">按期培训率</span>
            <b aria-describedby="training-rule">{percent(u.onTimeRate)}</b>
            <span class="muted">
              {num(u.trainedOnTime)} ÷ {num(u.members)}，截至 {compliance.asOf}
            </span>
          </div>
        </div>
        <h2>按下级单位</h2>
        {compliance.children.length === 0 ? (
          <p>无下级单位数据。</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col" class="num">成员</th>
                  <th scope="col" class="num">按期完成</th>
                  <th scope="col" class="num">逾期完成</th>
                  <th scope="col" class="num">未到期</th>
                  <th scope="col" class="num">逾期未完成</th>
                  <th scope="col">按期培训率</th>
                </tr>
              </thead>
              <tbody>
                {compliance.children.map((f) => (
                  <tr>
                    <td>
                      {f.code.length < 12 ? (
                        <a href={`/console/training${query({ unit: f.code, asOf })}`} title={f.code}>
                          {f.name}
                        </a>
                      ) : (
                        <a href={`/console/communities/${f.code}`} title={f.code}>
                          {f.name}
                        </a>
                      )}
                    </td>
                    <td class="num">{num(f.members)}</td>
                    <td class="num">{num(f.trainedOnTime)}</td>
                    <td class="num">{num(f.trainedLate)}</td>
                    <td class="num">{num(f.pending)}</td>
                    <td class="num">{f.overdue ? <Tag kind={rateKind(f)}>{num(f.overdue)}</Tag> : '0'}</td>
                    <td>
                      <RateBar rate={f.onTimeRate} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h2 id="overdue">逾期未完成培训的成员（{num(overdue.total)}）</h2>
        {asOf ? <p class="muted">此名单为今天的情况，不随统计截止日期变化。</p> : null}
        {overdue.total > 0 || listed.q ? <ListSearch state={listed} label="成员姓名" placeholder="输入姓名的一部分" /> : null}
        {overdue.items.length === 0 ? (
          listed.q ? <p>没有符合条件的成员。</p> : <Alert kind="ok">没有逾期未完成培训的成员。</Alert>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {sortable('member', '成员')}
                  <th scope="col">职务</th>
                  {sortable('community', '居委会')}
                  {sortable('electionDate', '选举日')}
                  {sortable('dueOn', '应完成日')}
                </tr>
              </thead>
              <tbody>
                {overdue.items.map((o) => (
                  <tr>
                    <td>{o.memberName}</td>
                    <td>{o.positionLabel}</td>
                    <td>
                      <a href={`/console/communities/${o.communityCode}`}>{o.committeeName}</a>
                    </td>
                    <td>{o.electionDate}</td>
                    <td>
                      <Tag kind="bad">{o.dueOn}</Tag>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {overdue.total > 0 ? <Pager state={listed} total={overdue.total} size={overdue.size} /> : null}
      </>,
    );
  });
  return app;
}
