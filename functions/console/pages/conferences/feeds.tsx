import { Hono } from 'hono';
import type { z } from 'zod';
import { hasRole, unitCovers } from '../../../../shared/auth/principal.js';
import { cadenceStatusLabels, feedScopeLabels } from '../../../../shared/conferences/messages.js';
import { calendarFeedManagers } from '../../../../shared/conferences/roles.js';
import type { cadenceReport, CalendarFeedSummaryView, CalendarFeedView, MemberUnitView } from '../../../../shared/conferences/schemas.js';
import type { divisionPage } from '../../../../shared/hierarchy/schemas.js';
import { ConsolePageError, query, type Problem } from '../../api.js';
import { type ConsoleContext, FlashMessages, formOf, page, pageStatus, ProblemAlert, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { ConfirmStep } from '../../confirm.js';
import { loadUnits, UnitPicker } from '../../picker.js';
import { Alert, Csrf, Field, shanghai, Tag } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { ConferenceNav, UnitName } from './register.js';
import { unitLevelName } from '../../../../shared/hierarchy/rules.js';

type Form = Record<string, string>;
type Cadence = z.infer<typeof cadenceReport>;
type Divisions = z.infer<typeof divisionPage>;

const cadenceTone: Record<Cadence['items'][number]['status'], 'ok' | 'bad' | 'info'> = { ok: 'ok', overdue: 'bad', not_yet_due: 'info' };
/** A feed's subject as a person reads it: the division or member unit by name, the code (or the member unit's street) beside it. */
const FeedSubject = ({ f }: { f: CalendarFeedSummaryView }) => (
  <>
    {f.scope === 'unit' ? '召集单位：' : '成员单位：'}
    <UnitName name={f.subjectName} code={f.scope === 'unit' ? f.subject : (f.streetCode ?? '')} />
  </>
);
const periodLabel = (p: { months: number; days: number }) =>
  p.months === 12 && !p.days ? '每年' : p.months === 3 && !p.days ? '每季度' : p.months === 1 && !p.days ? '每月' : `每${p.months ? ` ${p.months} 个月` : ''}${p.days ? ` ${p.days} 天` : ''}`;
/** The API's dueBy is the instant the due day ends (the next day's 00:00 in Beijing); the page names the due day itself. */
const lastDay = (dueBy: string) => shanghai(new Date(new Date(dueBy).getTime() - 1).toISOString(), false);

export function conferenceFeedPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  // ── 日历订阅 ───────────────────────────────────────────────────────────────────────────────────────────────────
  const feedsPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem; revokeProblem?: Problem; created?: CalendarFeedView } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const manage = hasRole(principal, calendarFeedManagers);
    const units = manage ? await api.get<{ items: MemberUnitView[] }>('/v1/member-units?active=true') : undefined;
    // the streets and districts whose meetings this officer may subscribe to: its own unit and below
    const tree = manage ? await loadUnits(api, principal, ['county', 'township']) : undefined;
    const conveners = tree ? { ...tree, units: tree.units.filter((u) => unitCovers(principal.unit, u.code)) } : undefined;
    const ownUnit = /^\d{6}$|^\d{9}$/.test(principal.unit) ? principal.unit : '';
    const f: Form = state.form ?? { scope: 'unit', unit: ownUnit };
    const errors = fieldErrors(state.problem);
    const revokeErrors = fieldErrors(state.revokeProblem);
    const feedList = manage ? await api.get<{ items: CalendarFeedSummaryView[] }>('/v1/conferences/calendar-feeds') : undefined;
    const feeds = feedList?.ok ? feedList.data.items : [];
    const created = state.created;
    // the API's absolute `url` is on the origin the console called it on (in-process); the person needs this page's origin
    const url = created?.path ? new URL(created.path, c.req.url).toString() : undefined;
    return render(
      '日历订阅',
      <>
        <ConferenceNav current={c.req.path} />
        <FlashMessages c={c} />
        {created && url ? (
          <section class="card" aria-labelledby="h-created" style="border-color:#15803d">
            <h2 id="h-created" style="margin-top:0">
              订阅链接已生成
            </h2>
            <Alert kind="info">
              此链接<strong>只显示这一次</strong>，系统不保存链接本身，离开本页后无法再查看。请现在复制并添加到您的日历应用；如遗失，请停用后重新生成。
              持有此链接的人无须登录即可看到会议安排，请勿转发。
            </Alert>
            <div class="field">
              <label for="feed-url">订阅地址</label>
              <input id="feed-url" type="text" readonly value={url} onfocus="this.select()" style="font-family:monospace" />
              <span class="hint">在日历应用中选择“添加订阅日历”（或“从网址添加”），粘贴此地址。</span>
            </div>
            <p>
              订阅内容：{feedScopeLabels[created.scope]}（{feeds.find((f) => f.id === created.id)?.subjectName ?? created.subject}） · 生成于 {shanghai(created.createdAt)}
              <br />
              <span class="muted">
                此链接已列入下方<a href={`#feed-${created.id}`}>已生成的订阅链接</a>，可随时在那里停用。
              </span>
            </p>
          </section>
        ) : null}
        <p class="muted">
          生成一个私人订阅地址，添加到手机或电脑的日历应用后，联席会议的安排、改期和取消会自动同步。订阅地址相当于密码，只在生成时显示一次。
        </p>
        {manage ? (
          <>
            <section aria-labelledby="h-new-feed">
              <h2 id="h-new-feed">生成订阅链接</h2>
              <ProblemAlert problem={state.problem} errors={errors} />
              <form class="stack card" method="post" novalidate action="/console/conferences/feeds">
                <Csrf session={session} />
                <fieldset>
                  <legend>订阅哪些会议</legend>
                  <div>
                    <input type="radio" id="scope-unit" name="scope" value="unit" checked={f['scope'] !== 'member_unit'} /> <label for="scope-unit">{feedScopeLabels.unit}</label>
                  </div>
                  <div>
                    <input type="radio" id="scope-member" name="scope" value="member_unit" checked={f['scope'] === 'member_unit'} /> <label for="scope-member">{feedScopeLabels.member_unit}</label>
                  </div>
                </fieldset>
                {conveners ? <UnitPicker name="unit" label="召集单位" picker={conveners} value={f['unit']} error={errors['unit']} hint="选第一项时选择；按区（县）分组，可输入名称筛选" /> : null}
                <Field
                  name="memberUnit"
                  label="成员单位"
                  value={f['memberUnit']}
                  error={errors['memberUnit']}
                  hint="选第二项时选择"
                  options={[{ value: '', label: '请选择' }, ...(units?.ok ? units.data.items : []).map((u) => ({ value: u.id, label: `${u.name}（${u.streetName ?? u.streetCode}）` }))]}
                />
                <div class="actions">
                  <button type="submit">生成订阅链接</button>
                </div>
              </form>
            </section>
            <section aria-labelledby="h-feeds">
              <h2 id="h-feeds">已生成的订阅链接（{feeds.length}）</h2>
              <p class="muted">链接遗失、外泄或不再需要时停用；停用后日历应用将不再更新，且不能恢复。订阅地址只在生成时显示一次，此处不再显示。</p>
              <ProblemAlert problem={state.revokeProblem} errors={revokeErrors} />
              {feedList && !feedList.ok ? <Alert kind="error">{problemText(feedList.problem)}</Alert> : null}
              {feeds.length ? (
                <div class="table-wrap">
                  <table>
                    <caption>最新生成的在前</caption>
                    <thead>
                      <tr>
                        <th scope="col">订阅内容</th>
                        <th scope="col" class="hide-narrow">生成人</th>
                        <th scope="col">状态</th>
                        <th scope="col">停用</th>
                      </tr>
                    </thead>
                    <tbody>
                      {feeds.map((f) => {
                        return (
                          <tr id={`feed-${f.id}`} style={f.id === created?.id ? 'background:#f0fdf4' : undefined}>
                            <th scope="row" style="white-space:normal;font-weight:normal">
                              <FeedSubject f={f} />
                              <br />
                              <span class="muted">{shanghai(f.createdAt)} 生成</span>
                            </th>
                            <td class="hide-narrow">{f.createdBy === principal.subject ? '我' : <code>{f.createdBy}</code>}</td>
                            <td>{f.revoked ? <Tag kind="info">已停用 {shanghai(f.revokedAt, false)}</Tag> : <Tag kind="ok">有效</Tag>}</td>
                            <td>
                              {f.revoked ? (
                                <span class="muted">—</span>
                              ) : (
                                <a class="button danger" style="padding:3px 12px" href={`/console/conferences/feeds/${f.id}/revoke`} aria-label={`停用：${f.subjectName ?? f.subject}（${shanghai(f.createdAt)} 生成）`}>
                                  停用
                                </a>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p>尚未生成订阅链接。</p>
              )}
            </section>
          </>
        ) : (
          <p class="muted">订阅链接由街道、区和市的工作人员生成。</p>
        )}
      </>,
      state.problem ? pageStatus(state.problem) : state.revokeProblem ? pageStatus(state.revokeProblem) : 200,
    );
  };

  app.get('/conferences/feeds', (c) => feedsPage(c));

  app.post('/conferences/feeds', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const scope = form['scope'] === 'member_unit' ? 'member_unit' : 'unit';
    const field = scope === 'unit' ? 'unit' : 'memberUnit';
    const subject = (form[field] ?? '').trim();
    if (!subject) {
      const message = scope === 'unit' ? '请选择召集单位' : '请选择成员单位';
      return feedsPage(c, { form, problem: { status: 400, code: 'validation_failed', errors: [{ path: `body.${field}`, message }] } });
    }
    const result = await api.post<CalendarFeedView>('/v1/conferences/calendar-feeds', { scope, subject });
    if (!result.ok) {
      // the API names the subject `subject`, and answers 404 for a unit outside the caller's area: both belong beside the field
      const message =
        result.status === 404
          ? scope === 'unit'
            ? '未找到该单位，或不在您的管辖范围内'
            : '未找到该成员单位，或不在您的管辖范围内'
          : scope === 'unit'
            ? '请从列表中选择街道（镇）或区（县）'
            : (result.problem.errors?.[0]?.message ?? '');
      const problem: Problem = result.problem.code === 'forbidden' ? result.problem : { ...result.problem, errors: [{ path: `body.${field}`, message }] };
      return feedsPage(c, { form, problem });
    }
    // the URL is a credential: it is shown in this answer only, never put into a redirect's address or a flash message
    return feedsPage(c, { created: result.data });
  });

  // revoking cannot be undone: a page of its own shows which feed goes before the POST that revokes it
  const revocable = async (c: ConsoleContext, id: string) => {
    const { api } = page(c, options);
    const list = await api.get<{ items: CalendarFeedSummaryView[] }>('/v1/conferences/calendar-feeds');
    if (!list.ok) throw new ConsolePageError(list.problem);
    const feed = list.data.items.find((f) => f.id === id);
    if (!feed) throw new ConsolePageError({ status: 404, code: 'not_found', title: '未找到', detail: '未找到该订阅链接（或不在您的管辖范围内）' });
    return feed;
  };

  app.get('/conferences/feeds/:id/revoke', async (c) => {
    const { session, principal, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const f = await revocable(c, c.req.param('id'));
    if (f.revoked) return c.redirect('/console/conferences/feeds', 303);
    return render(
      '确认停用日历订阅',
      <ConfirmStep
        session={session}
        action={`/console/conferences/feeds/${f.id}/revoke`}
        label="确认停用"
        cancel={`/console/conferences/feeds#feed-${f.id}`}
        heading="将停用以下订阅链接"
        facts={[
          ['订阅内容', feedScopeLabels[f.scope]],
          [f.scope === 'unit' ? '召集单位' : '成员单位', <UnitName name={f.subjectName} code={f.scope === 'unit' ? f.subject : (f.streetCode ?? '')} />],
          ['生成时间', shanghai(f.createdAt)],
          ['生成人', f.createdBy === principal.subject ? '我' : <code>{f.createdBy}</code>],
        ]}
        consequence="停用后，添加了此链接的日历应用将不再更新会议安排，且不能恢复；如仍需订阅，请重新生成链接。"
      />,
    );
  });

  app.post('/conferences/feeds/:id/revoke', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    if (form['confirm'] !== 'yes') return c.redirect(`/console/conferences/feeds/${encodeURIComponent(id)}/revoke`, 303);
    const f = await revocable(c, id);
    const result = await api.delete<CalendarFeedView>(`/v1/conferences/calendar-feeds/${encodeURIComponent(id)}`);
    if (!result.ok) {
      // the row is not on this caller's list (another area or city, or no such feed): said above the list, never echoed
      const detail = result.status === 404 || result.status === 400 ? '未找到该订阅链接（或不在您的管辖范围内）' : problemText(result.problem);
      return feedsPage(c, { revokeProblem: { ...result.problem, title: detail, detail, errors: [] } });
    }
    return c.redirect(withFlash('/console/conferences/feeds', { ok: `已停用订阅链接（${feedScopeLabels[f.scope]}：${f.subjectName ?? f.subject}），日历应用将不再更新。` }), 303);
  });

  // ── 召开频次 ───────────────────────────────────────────────────────────────────────────────────────────────────
  app.get('/conferences/cadence', async (c) => {
    const { principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const asked = (c.req.query('unit') ?? '').trim();
    const unit = asked || principal.unit;
    const from = (c.req.query('from') ?? '').trim();
    const to = (c.req.query('to') ?? '').trim();
    const [result, districts, streets] = await Promise.all([
      api.get<Cadence>(`/v1/conferences/cadence${query({ unit: asked || undefined, from: from || undefined, to: to || undefined })}`),
      principal.unit.length === 4 ? api.get<Divisions>('/v1/divisions?level=county&limit=1000') : undefined,
      api.get<Divisions>('/v1/divisions?level=township&limit=1000'),
    ]);
    // a window the API refuses is shown beside its field (the person's dates kept); anything else is the page's error
    const windowProblem = !result.ok && result.status === 400 && result.problem.errors?.some((e) => /^query\.(from|to)$/.test(e.path)) ? result.problem : undefined;
    if (!result.ok && !windowProblem) throw new ConsolePageError(result.problem);
    const windowErrors = fieldErrors(windowProblem);
    const report = result.ok ? result.data : await api.must<Cadence>(`/v1/conferences/cadence${query({ unit: asked || undefined })}`);
    const names = new Map<string, string>();
    for (const d of [...(districts?.ok ? districts.data.items : []), ...(streets.ok ? streets.data.items : [])]) names.set(d.code, d.name);
    const nameOf = (code: string) => names.get(code) ?? (code.length === 4 ? '全市' : code);
    const byUnit = new Map<string, Cadence['items']>();
    for (const i of report.items) byUnit.set(i.convenerUnit, [...(byUnit.get(i.convenerUnit) ?? []), i]);
    const choices = [...names.entries()].filter(([code]) => unitCovers(principal.unit, code) && code !== principal.unit).sort(([a], [b]) => a.localeCompare(b));
    const overdueUnits = new Set(report.items.filter((i) => i.flagged).map((i) => i.convenerUnit));
    return render(
      '联席会议召开情况',
      <>
        <ConferenceNav current={c.req.path} />
        <FlashMessages c={c} />
        <p class="muted">
          街道按所定周期定期召开联席会议。自上次召开（从未召开的，自首次会议时间）起满一个周期仍未召开的，列为“逾期未召开”。
          “已召开 / 应召开”统计 {report.window.from} 至 {report.window.to}（含）已到召开时间、未取消的会议中，已录入会议纪要的次数；“按期”指在规则所定当日（或提前）召开。统计截至 {shanghai(report.asOf)}。
        </p>
        <ProblemAlert problem={windowProblem} errors={windowErrors} />
        <form method="get" class="actions card" action="/console/conferences/cadence" novalidate>
          <div class="field">
            <label for="unit">范围</label>
            <select id="unit" name="unit">
              <option value="">本级（{nameOf(principal.unit)}）</option>
              {choices.map(([code, name]) => (
                <option value={code} selected={code === asked}>
                  {unitLevelName(code)} {name}（{code}）
                </option>
              ))}
            </select>
          </div>
          <Field name="from" label="统计起始日" type="date" value={from || (windowProblem ? '' : report.window.from)} error={windowErrors['from']} />
          <Field name="to" label="统计截止日" type="date" value={to || (windowProblem ? '' : report.window.to)} error={windowErrors['to']} />
          <button type="submit" class="secondary">
            查看
          </button>
        </form>
        <div class="grid" role="list" aria-label={`${nameOf(unit)}汇总`} style="margin-bottom:16px">
          <div class="stat" role="listitem">
            <span class="muted">定期召开的联席会议</span>
            <b>{report.items.length}</b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">已召开 / 应召开</span>
            <b>
              {report.held} / {report.expected}
            </b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">逾期未召开</span>
            <b style={report.flagged ? 'color:#b91c1c' : ''}>{report.flagged}</b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">有逾期的街道（区）</span>
            <b>{overdueUnits.size}</b>
          </div>
          <div class="stat" role="listitem">
            <span class="muted">未设立联席会议的街道（镇）</span>
            <b style={report.streetsWithoutSeries.length ? 'color:#b45309' : ''}>{report.streetsWithoutSeries.length}</b>
          </div>
        </div>
        {report.items.length ? (
          <div class="table-wrap">
            <table>
              <caption>按召集单位</caption>
              <thead>
                <tr>
                  <th scope="col">召集单位</th>
                  <th scope="col">联席会议</th>
                  <th scope="col">情况</th>
                  <th scope="col">已召开 / 应召开</th>
                  <th scope="col" class="hide-narrow">其中按期</th>
                  <th scope="col" class="hide-narrow">召开周期</th>
                  <th scope="col">最近召开</th>
                  <th scope="col">最迟应召开日</th>
                </tr>
              </thead>
              {[...byUnit.entries()].map(([code, items]) => (
                <tbody>
                  {items.map((i, n) => (
                    <tr>
                      {n === 0 ? (
                        <th scope="rowgroup" rowspan={items.length} style="white-space:normal">
                          {nameOf(code)} <span class="muted">{code}</span>
                        </th>
                      ) : null}
                      <td>
                        <a href={`/console/conferences/series/${i.seriesId}`}>{i.title}</a>
                      </td>
                      <td style="white-space:nowrap">
                        <Tag kind={cadenceTone[i.status]}>{cadenceStatusLabels[i.status]}</Tag>
                      </td>
                      <td style="white-space:nowrap">
                        <span class={i.held < i.expected ? 'tag warn' : undefined}>
                          {i.held} / {i.expected}
                        </span>
                      </td>
                      <td class="hide-narrow">{i.held ? `${i.heldOnTime} 次` : '—'}</td>
                      <td class="hide-narrow">{periodLabel(i.period)}</td>
                      <td>{i.lastHeldAt ? shanghai(i.lastHeldAt, false) : <span class="muted">尚未召开</span>}</td>
                      <td>{lastDay(i.dueBy)}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        ) : (
          <p>{nameOf(unit)}范围内没有定期召开的联席会议。</p>
        )}
        <h2>未设立联席会议的街道（镇）（{report.streetsWithoutSeries.length}）</h2>
        {report.streetsWithoutSeries.length ? (
          <ul>
            {report.streetsWithoutSeries.map((code) => (
              <li>
                {nameOf(code)} <span class="muted">{code}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">各街道（镇）均已设立联席会议。</p>
        )}
      </>,
      windowProblem ? pageStatus(windowProblem) : 200,
    );
  });

  return app;
}
