import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import { conferenceConveners } from '../../../shared/conferences/roles.js';
import { agendaKindLabels, attendanceLabels } from '../../../shared/conferences/messages.js';
import type { OccurrenceSummaryView, OccurrenceView, ResolutionView } from '../../../shared/conferences/schemas.js';
import { shanghaiDate } from '../../../shared/dates.js';
import { ConsolePageError, query, type Problem } from '../api.js';
import { flashOf, formOf, page, withFlash, type ConsoleContext } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { Alert, Csrf, Field, shanghai, Tag } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv, ConsoleSession } from '../session.js';
import { conferenceFeedPages } from './conferences/feeds.js';
import { minutesOfForm, MinutesFields } from './conferences/minutes.js';
import { canConvene, ConferenceNav, conferenceRegisterPages, renamedFields, UnitName } from './conferences/register.js';

const occurrenceTone: Record<OccurrenceView['status'], 'ok' | 'bad' | 'info'> = { scheduled: 'info', held: 'ok', cancelled: 'bad' };
const replyKinds: Record<string, 'ok' | 'bad' | 'warn' | 'info'> = { pending: 'warn', accepted: 'ok', declined: 'bad', delegated: 'info' };
const weekdays = ['一', '二', '三', '四', '五', '六', '日'];

const localTime = (iso: string) => iso.slice(11, 16);
const localDay = (iso: string) => iso.slice(0, 10);

function monthOf(param: string | undefined, today: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(param ?? '');
  const [year, month] = m ? [Number(m[1]), Number(m[2])] : [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return month >= 1 && month <= 12 ? { year, month } : { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}
const ym = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const shift = ({ year, month }: { year: number; month: number }, by: number) => {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

/** The close form of one open resolution; its note error sits beside the note. */
const CloseResolution = ({ session, r, back, error, value }: { session: ConsoleSession; r: ResolutionView; back: string; error?: string | undefined; value?: string | undefined }) => (
  <form method="post" novalidate action={`/console/conferences/resolutions/${r.id}/close`} class="actions" style="align-items:flex-end">
    <Csrf session={session} />
    <input type="hidden" name="back" value={back} />
    <div style="flex:1;min-width:200px">
      <Field name={`note-${r.id}`} label="办结情况" value={value} error={error} required />
    </div>
    <button type="submit" class="secondary">
      办结
    </button>
  </form>
);

const ResolutionTable = ({ items, session, back, errors, values, canClose }: { items: ResolutionView[]; session: ConsoleSession; back: string; errors: Record<string, string>; values: Record<string, string>; canClose: boolean }) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">议定事项</th>
          <th scope="col">责任单位</th>
          <th scope="col">完成时限</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr>
            <td>
              {r.title}
              {r.status === 'open' && canClose ? <CloseResolution session={session} r={r} back={back} error={errors[r.id]} value={values[r.id]} /> : null}
            </td>
            <td>{r.ownerName ?? r.ownerUnit ?? '—'}</td>
            <td>{r.dueDate}</td>
            <td>
              <Tag kind={r.status === 'closed' ? 'ok' : r.overdue ? 'bad' : 'info'}>{r.statusLabel}</Tag>
              {r.public ? <> <Tag kind="info">公开</Tag></> : null}
              {r.status === 'closed' ? (
                <div class="muted">
                  {shanghai(r.closedAt)} {r.closingNote}
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** The API names the reason `reason` in both forms; the page's two forms name theirs apart. */
const withRenamed = (problem: Problem, rename: Record<string, string>): Problem => ({
  ...problem,
  errors: problem.errors?.map((e) => ({ ...e, path: e.path.replace(/^body\.(\w+)/, (all, name: string) => (rename[name] ? `body.${rename[name]}` : all)) })),
});

/** A scheduled meeting's invitees: those who said they would come are ticked as present to begin with. */
const attendeesOf = (o: OccurrenceView) => o.invitations.map((i) => ({ id: i.memberUnitId, name: i.memberUnitName, ticked: i.reply === 'accepted' || i.reply === 'delegated' }));

export function conferencePages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  // the register and the series come before /conferences/:id, which would otherwise take their names for an id
  app.route('/', conferenceRegisterPages(options));
  app.route('/', conferenceFeedPages(options));

  const calendarPage = async (c: ConsoleContext, closeErrors: Record<string, string> = {}, closeValues: Record<string, string> = {}, status: 200 | 400 | 409 = 200) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const today = shanghaiDate(options.clock.now());
    const month = monthOf(c.req.query('month'), today);
    const next = shift(month, 1);
    const from = `${ym(month.year, month.month)}-01`;
    const to = `${ym(next.year, next.month)}-01`;
    const [occurrences, resolutions] = await Promise.all([
      api.must<{ items: OccurrenceSummaryView[] }>(`/v1/conferences/occurrences${query({ from, to })}`),
      api.get<{ items: ResolutionView[] }>('/v1/conferences/resolutions?status=open'),
    ]);
    const flash = flashOf(c);
    const byDay = new Map<string, OccurrenceSummaryView[]>();
    for (const o of occurrences.items) byDay.set(localDay(o.startsAtLocal), [...(byDay.get(localDay(o.startsAtLocal)) ?? []), o]);
    const daysInMonth = new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();
    const lead = (new Date(Date.UTC(month.year, month.month - 1, 1)).getUTCDay() + 6) % 7;
    const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => i + 1)];
    while (cells.length % 7) cells.push(null);
    const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
    const back = `/console/conferences${query({ month: c.req.query('month') })}`;
    const title = `${month.year}年${month.month}月`;
    return render(
      '联席会议',
      <>
        <ConferenceNav current={c.req.path} />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
        <nav class="actions" aria-label="切换月份" style="margin-bottom:12px">
          <a class="button secondary" href={`/console/conferences?month=${ym(shift(month, -1).year, shift(month, -1).month)}`}>
            ‹ 上月
          </a>
          <strong style="font-size:18px">{title}</strong>
          <a class="button secondary" href={`/console/conferences?month=${ym(next.year, next.month)}`}>
            下月 ›
          </a>
          <a href="/console/conferences">本月</a>
        </nav>
        <div class="table-wrap">
          <table class="calendar">
            <caption>{title}会议日历</caption>
            <thead>
              <tr>
                {weekdays.map((d) => (
                  <th scope="col" style="text-align:center">
                    周{d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr>
                  {week.map((day) => {
                    if (day === null) return <td aria-hidden="true"></td>;
                    const date = `${ym(month.year, month.month)}-${String(day).padStart(2, '0')}`;
                    const meetings = byDay.get(date) ?? [];
                    return (
                      <td style={`min-width:44px;height:64px${date === today ? ';background:#fef9c3' : ''}`}>
                        <div class={meetings.length ? '' : 'muted'}>{day}</div>
                        {meetings.map((o) => (
                          <a href={`/console/conferences/${o.id}`} style="display:block;font-size:12px" aria-label={`${date} ${localTime(o.startsAtLocal)} ${o.title}`}>
                            {localTime(o.startsAtLocal)}
                            <span class="hide-narrow"> {o.title}</span>
                          </a>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>本月会议（{occurrences.items.length}）</h2>
        {occurrences.items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col">会议</th>
                  <th scope="col" class="hide-narrow">地点</th>
                  <th scope="col">答复</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                {occurrences.items.map((o) => (
                  <tr>
                    <td>{shanghai(o.startsAt)}</td>
                    <td>
                      <a href={`/console/conferences/${o.id}`}>{o.title}</a>
                    </td>
                    <td class="hide-narrow">{o.venue}</td>
                    <td>
                      参加 {o.quorum.accepted} / 邀请 {o.quorum.invited}
                      {o.quorum.pending ? <span class="muted">（{o.quorum.pending} 未答复）</span> : null}
                    </td>
                    <td style="white-space:nowrap">
                      <Tag kind={occurrenceTone[o.status]}>{o.statusLabel}</Tag>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">本月没有安排联席会议。</p>
        )}
        <h2 id="resolutions">待办结的议定事项</h2>
        {resolutions.ok ? (
          resolutions.data.items.length ? (
            <ResolutionTable items={resolutions.data.items} session={session} back={back} errors={closeErrors} values={closeValues} canClose={hasRole(principal, conferenceConveners)} />
          ) : (
            <p class="muted">没有待办结的议定事项。</p>
          )
        ) : (
          <Alert kind="error">{problemText(resolutions.problem)}</Alert>
        )}
      </>,
      status,
    );
  };

  app.get('/conferences', (c) => calendarPage(c));

  const occurrencePage = async (
    c: ConsoleContext,
    id: string,
    state: { closeErrors?: Record<string, string>; closeValues?: Record<string, string>; minutes?: Record<string, string>; problem?: Problem; change?: { form: Record<string, string>; problem: Problem } } = {},
  ) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const o = await api.must<OccurrenceView>(`/v1/conferences/occurrences/${encodeURIComponent(id)}`);
    const flash = flashOf(c);
    const errors = fieldErrors(state.problem);
    const form = state.minutes;
    const started = new Date(o.startsAt).getTime() <= options.clock.now().getTime();
    // as the service's requireManager: a convener's role at the convening unit or above it
    const manage = canConvene(principal, o.convenerUnit);
    const back = `/console/conferences/${o.id}`;
    const canChange = o.status === 'scheduled' && !started && canConvene(principal, o.convenerUnit);
    const changeProblem = state.change ? renamedFields(state.change.problem) : undefined;
    const changeErrors = fieldErrors(changeProblem);
    const changeForm = state.change?.form ?? {};
    const problemStatus = state.problem ?? changeProblem;
    return render(
      o.title,
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
        {state.problem && !Object.keys(errors).length ? <Alert kind="error">{problemText(state.problem)}</Alert> : null}
        {changeProblem ? <Alert kind="error">{problemText(changeProblem)}{Object.keys(changeErrors).length ? '。请按各栏提示修改。' : ''}</Alert> : null}
        <p>
          <Tag kind={occurrenceTone[o.status]}>{o.statusLabel}</Tag> {shanghai(o.startsAt)} 至 {shanghai(o.endsAt).slice(-5)} · {o.venue} · 召集单位 <UnitName name={o.convenerName} code={o.convenerUnit} />
        </p>
        {o.changeReason ? <Alert kind="info">变更说明：{o.changeReason}</Alert> : null}
        <p>
          <a href={`/console/conferences?month=${o.startsAtLocal.slice(0, 7)}`}>返回会议日历</a>　<a href={`/console/conferences/series/${o.seriesId}`}>本联席会议的设置</a>
        </p>
        <h2>议程</h2>
        {o.agenda.length ? (
          <ol>
            {o.agenda.map((a) => (
              <li>
                {a.title}
                {a.kind === 'carried_resolution' ? <span class="muted">（{agendaKindLabels.carried_resolution}{a.dueDate ? `，时限 ${a.dueDate}` : ''}）</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">未列议程。</p>
        )}
        <h2>成员单位答复</h2>
        <p>
          邀请 {o.quorum.invited} 家，需 {o.quorum.required} 家出席方达法定人数；参加 {o.quorum.accepted}，不参加 {o.quorum.declined}，未答复 {o.quorum.pending}。
          {o.quorum.met === null ? (o.quorum.expected ? <Tag kind="ok">预计达到法定人数</Tag> : <Tag kind="warn">答复尚未达到法定人数</Tag>) : o.quorum.met ? <Tag kind="ok">出席达到法定人数</Tag> : <Tag kind="bad">出席未达法定人数</Tag>}
        </p>
        {o.invitations.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">成员单位</th>
                  <th scope="col">答复</th>
                  <th scope="col" class="hide-narrow">答复时间</th>
                  <th scope="col">说明</th>
                  <th scope="col">出席</th>
                </tr>
              </thead>
              <tbody>
                {o.invitations.map((i) => (
                  <tr>
                    <td>{i.memberUnitName}</td>
                    <td style="white-space:nowrap">
                      <Tag kind={replyKinds[i.reply]}>{i.replyLabel}</Tag>
                    </td>
                    <td class="hide-narrow">{shanghai(i.repliedAt)}</td>
                    <td>
                      {i.delegateName ? `委托：${i.delegateName}` : ''}
                      {i.replyComment ? ` ${i.replyComment}` : ''}
                    </td>
                    <td>{i.attended === null ? '—' : i.attended ? attendanceLabels.attended : attendanceLabels.absent}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">本次会议未邀请成员单位。</p>
        )}
        <h2>会议纪要</h2>
        {o.minutes ? <div class="card" style="white-space:pre-wrap">{o.minutes}</div> : <p class="muted">尚未记录会议纪要。</p>}
        <h2>议定事项</h2>
        {o.resolutions.length ? (
          <ResolutionTable items={o.resolutions} session={session} back={back} errors={state.closeErrors ?? {}} values={state.closeValues ?? {}} canClose={manage} />
        ) : (
          <p class="muted">没有议定事项。</p>
        )}
        {o.status === 'scheduled' && started && manage ? (
          <section aria-labelledby="h-minutes">
            <h2 id="h-minutes">记录会议纪要、出席情况和议定事项</h2>
            <form class="stack card" method="post" novalidate action={`/console/conferences/${o.id}/minutes`} style="max-width:800px">
              <Csrf session={session} />
              <MinutesFields form={form} errors={errors} attendees={attendeesOf(o)} />
              <div class="actions">
                <button type="submit">保存纪要</button>
              </div>
            </form>
          </section>
        ) : null}
        {canChange ? (
          <section aria-labelledby="h-change">
            <h2 id="h-change">调整或取消本次会议</h2>
            <p class="muted">只改本次会议，不影响以后的会议；受邀成员单位将收到通知。</p>
            <div class="grid" style="grid-template-columns:repeat(auto-fit,minmax(280px,1fr));align-items:start">
              <form class="stack card" method="post" novalidate action={`/console/conferences/${o.id}/move`}>
                <Csrf session={session} />
                <h3 style="margin:0">改期或更换地点</h3>
                <Field name="startsLocal" label="新的开始时间" type="datetime-local" value={changeForm['startsLocal'] ?? o.startsAtLocal.slice(0, 16)} required error={changeErrors['startsLocal']} hint="北京时间" />
                <Field
                  name="durationMinutes"
                  label="会议时长（分钟）"
                  type="number"
                  value={changeForm['durationMinutes'] ?? String(Math.round((new Date(o.endsAt).getTime() - new Date(o.startsAt).getTime()) / 60_000))}
                  error={changeErrors['durationMinutes']}
                  attrs={{ min: 15, max: 720 }}
                />
                <Field name="venue" label="会议地点" value={changeForm['venue'] ?? o.venue} error={changeErrors['venue']} />
                <Field name="moveReason" label="调整原因" value={changeForm['moveReason']} required error={changeErrors['moveReason']} />
                <div class="actions">
                  <button type="submit">调整本次会议</button>
                </div>
              </form>
              <form class="stack card" method="post" novalidate action={`/console/conferences/${o.id}/cancel`}>
                <Csrf session={session} />
                <h3 style="margin:0">取消本次会议</h3>
                <Field name="cancelReason" label="取消原因" value={changeForm['cancelReason']} required error={changeErrors['cancelReason']} multiline />
                <div class="actions">
                  <button type="submit" class="danger">
                    取消本次会议
                  </button>
                </div>
              </form>
            </div>
          </section>
        ) : null}
      </>,
      problemStatus ? (([400, 404, 409, 422].includes(problemStatus.status) ? problemStatus.status : 400) as 400) : 200,
    );
  };

  app.get('/conferences/:id', (c) => occurrencePage(c, c.req.param('id')));

  app.post('/conferences/:id/minutes', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const form: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') form[k] = v;
    const o = await api.must<OccurrenceView>(`/v1/conferences/occurrences/${encodeURIComponent(id)}`);
    const { body: minutes, localProblem, renumber } = minutesOfForm(form, attendeesOf(o));
    if (localProblem) return occurrencePage(c, id, { minutes: form, problem: localProblem });
    const result = await api.post<OccurrenceView>(`/v1/conferences/occurrences/${encodeURIComponent(id)}/minutes`, minutes);
    if (!result.ok) return occurrencePage(c, id, { minutes: form, problem: renumber(result.problem) });
    return c.redirect(withFlash(`/console/conferences/${id}`, { ok: '已记录会议纪要' }), 303);
  });

  app.post('/conferences/:id/cancel', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const result = await api.post<OccurrenceView>(`/v1/conferences/occurrences/${encodeURIComponent(id)}/cancel`, { reason: form['cancelReason'] ?? '' });
    if (!result.ok) {
      if (result.status === 404) throw new ConsolePageError(result.problem);
      return occurrencePage(c, id, { change: { form, problem: withRenamed(result.problem, { reason: 'cancelReason' }) } });
    }
    return c.redirect(withFlash(`/console/conferences/${id}`, { ok: '本次会议已取消，受邀成员单位将收到通知。' }), 303);
  });

  app.post('/conferences/:id/move', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const minutes = (form['durationMinutes'] ?? '').trim();
    const venue = (form['venue'] ?? '').trim();
    const result = await api.post<OccurrenceView>(`/v1/conferences/occurrences/${encodeURIComponent(id)}/move`, {
      startsLocal: form['startsLocal'] ?? '',
      ...(minutes ? { durationMinutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes } : {}),
      ...(venue ? { venue } : {}),
      reason: form['moveReason'] ?? '',
    });
    if (!result.ok) {
      if (result.status === 404) throw new ConsolePageError(result.problem);
      return occurrencePage(c, id, { change: { form, problem: withRenamed(result.problem, { reason: 'moveReason' }) } });
    }
    return c.redirect(withFlash(`/console/conferences/${id}`, { ok: `本次会议已调整至 ${shanghai(result.data.startsAt)}，受邀成员单位将收到通知。` }), 303);
  });

  app.post('/conferences/resolutions/:id/close', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const back = typeof body['back'] === 'string' && body['back'].startsWith('/console/conferences') ? body['back'] : '/console/conferences';
    const note = String(body[`note-${id}`] ?? '').trim();
    const result = note.length < 2 ? undefined : await api.post<ResolutionView>(`/v1/conferences/resolutions/${encodeURIComponent(id)}/close`, { note });
    if (result?.ok) return c.redirect(withFlash(back, { ok: `已办结：${result.data.title}` }), 303);
    if (result && result.problem.code !== 'validation_failed') return c.redirect(withFlash(back, { error: problemText(result.problem) }), 303);
    const closeErrors = { [id]: note ? '办结情况至少 2 个字' : '请填写办结情况' };
    const closeValues = { [id]: note };
    const occurrence = /^\/console\/conferences\/([0-9a-f-]{36})$/.exec(back)?.[1];
    if (occurrence) return occurrencePage(c, occurrence, { closeErrors, closeValues, problem: { status: 400, code: 'validation_failed', errors: [] } });
    return calendarPage(c, closeErrors, closeValues, 400);
  });

  return app;
}
