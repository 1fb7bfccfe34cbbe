import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import { calendarDayKindLabels, consultationHandlers, consultationSettingsEditors, consultationStatusLabels } from '../../../shared/consultations/rules.js';
import type { CalendarView, ConsultationSettings, ConsultationView, consultationSortKeys } from '../../../shared/consultations/schemas.js';
import { revealers } from '../../../shared/personal-data/service.js';
import { type Problem } from '../api.js';
import { ConfirmStep } from '../confirm.js';
import { type ConsoleContext, flashOf, formOf, page, pageStatus, withFlash } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { Alert, Csrf, Field, StatusFilter, Tag, UnitName } from '../layout.js';
import { apiQuery, listState, Pager, SortHeader } from '../list.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';

type Form = Record<string, string>;
type ConsultationPage = { items: ConsultationView[]; total: number; size: number };
const statusLabels = Object.fromEntries(Object.entries(consultationStatusLabels).map(([k, label]) => [k, { label }]));
const statusKinds: Record<string, 'ok' | 'warn' | 'bad' | 'info'> = { new: 'warn', assigned: 'info', answered: 'ok', closed: 'info' };

const Status = ({ c }: { c: ConsultationView }) => (
  <>
    <Tag kind={statusKinds[c.status]}>{c.statusLabel}</Tag>
    {c.overdue ? <Tag kind="bad">逾期</Tag> : null}
  </>
);

/** 咨询平台: the queue of my unit and below, one consultation with its steps, and the city's settings and holidays. */
export function consultationPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/consultations', async (c) => {
    const { principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const listed = listState('/console/consultations', (n) => c.req.query(n), ['status', 'overdue']);
    const list = await api.get<ConsultationPage>(`/v1/consultations${apiQuery(listed)}`);
    const items = list.ok ? list.data.items : [];
    const sortable = (key: (typeof consultationSortKeys)[number], label: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="-received" />;
    return render(
      '居民咨询',
      <>
        <p class="muted">
          居民通过社区公开页面“我要咨询”提交的咨询，按城市设定的工作日期限答复；到期前一个工作日提醒社区，逾期报街道督办。
          {hasRole(principal, consultationSettingsEditors) ? (
            <>
              {' '}
              <a href="/console/consultations/settings">咨询类别、答复期限与节假日</a>
            </>
          ) : null}
        </p>
        <StatusFilter action="/console/consultations" labels={statusLabels} current={listed.filters['status']}>
          <div class="field">
            <label for="overdue">期限</label>
            <select id="overdue" name="overdue">
              <option value="">全部</option>
              <option value="true" selected={listed.filters['overdue'] === 'true'}>
                逾期未答复
              </option>
            </select>
          </div>
        </StatusFilter>
        {list.ok ? null : <Alert kind="error">{problemText(list.problem)}</Alert>}
        {items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">查询编号</th>
                  <th scope="col">类别</th>
                  {sortable('community', '社区')}
                  {sortable('received', '收到日期')}
                  {sortable('due', '答复期限')}
                  {sortable('status', '状态')}
                  <th scope="col">经办人</th>
                </tr>
              </thead>
              <tbody>
                {items.map((x) => (
                  <tr>
                    <td>
                      <a href={`/console/consultations/${x.id}`}>{x.trackingCode}</a>
                    </td>
                    <td>{x.category}</td>
                    <td>
                      <UnitName code={x.communityCode} name={x.communityName} />
                    </td>
                    <td>{x.receivedOn}</td>
                    <td>{x.dueOn}</td>
                    <td>
                      <Status c={x} />
                    </td>
                    <td>{x.assignee ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">没有符合条件的咨询。</p>
        )}
        {list.ok ? <Pager state={listed} total={list.data.total} size={list.data.size} /> : null}
      </>,
    );
  });

  const settingsPage = async (c: ConsoleContext, state: { problem?: Problem; form?: Form } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind !== 'city') return c.redirect('/console/province', 303);
    const year = Number(c.req.query('year')) || Number(new Date(options.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
    const [settings, calendar] = await Promise.all([
      api.must<ConsultationSettings>(`/v1/consultations/settings/${principal.tenant}`),
      api.must<CalendarView>(`/v1/consultations/calendar/${principal.tenant}?year=${year}`),
    ]);
    const errors = fieldErrors(state.problem);
    const editor = hasRole(principal, consultationSettingsEditors);
    const flash = flashOf(c);
    return render(
      '咨询平台设置',
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {state.problem ? <Alert kind="error">{problemText(state.problem)}</Alert> : null}
        <h2>咨询类别与答复期限</h2>
        <form method="post" action="/console/consultations/settings" class="card stack">
          <Csrf session={session} />
          <Field name="answerWorkingDays" label="答复期限（工作日）" type="number" value={state.form?.['answerWorkingDays'] ?? settings.answerWorkingDays} error={errors['answerWorkingDays']} attrs={{ min: 1, max: 30 }} />
          <Field name="categories" label="咨询类别（每行一个）" multiline value={state.form?.['categories'] ?? settings.categories.join('\n')} error={errors['categories']} />
          {editor ? <button type="submit">保存</button> : <p class="muted">仅市民政局管理员可修改。</p>}
        </form>
        <h2>{calendar.year} 年节假日安排</h2>
        <p class="muted">
          已内置国务院办公厅公布的节假日安排；本市可增设假日、调休上班日，或将某日恢复为平常。次年安排公布后，请在此补录。
          <a href={`/console/consultations/settings?year=${calendar.year + 1}`}>查看 {calendar.year + 1} 年</a>
        </p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">安排</th>
                <th scope="col">名称</th>
                <th scope="col">来源</th>
              </tr>
            </thead>
            <tbody>
              {calendar.days.map((d) => (
                <tr>
                  <td>{d.day}</td>
                  <td>{d.kindLabel}</td>
                  <td>{d.name}</td>
                  <td>{d.source === 'official' ? '国务院安排' : '本市设置'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editor ? (
          <form method="post" action="/console/consultations/calendar" class="card stack">
            <Csrf session={session} />
            <Field name="day" label="日期" type="date" required value={state.form?.['day']} error={errors['day']} />
            <Field name="kind" label="安排" options={Object.entries(calendarDayKindLabels).map(([value, label]) => ({ value, label }))} value={state.form?.['kind']} error={errors['kind']} />
            <Field name="name" label="名称" required value={state.form?.['name']} error={errors['name']} attrs={{ maxlength: 20 }} />
            <button type="submit">设置该日</button>
          </form>
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/consultations/settings', (c) => settingsPage(c));
  app.post('/consultations/settings', async (c) => {
    const { principal, api } = page(c, options);
    if (principal.kind !== 'city') return c.redirect('/console/province', 303);
    const form = await formOf(c);
    const days = Number(form['answerWorkingDays']);
    const result = await api.patch(`/v1/consultations/settings/${principal.tenant}`, {
      answerWorkingDays: Number.isInteger(days) ? days : form['answerWorkingDays'],
      categories: (form['categories'] ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
    });
    if (!result.ok) return settingsPage(c, { problem: result.problem, form });
    return c.redirect(withFlash('/console/consultations/settings', { ok: '已保存咨询平台设置。' }), 303);
  });
  app.post('/consultations/calendar', async (c) => {
    const { principal, api } = page(c, options);
    if (principal.kind !== 'city') return c.redirect('/console/province', 303);
    const form = await formOf(c);
    const day = form['day'] ?? '';
    const result = await api.put(`/v1/consultations/calendar/${principal.tenant}/${encodeURIComponent(day || '-')}`, { kind: form['kind'] ?? '', name: form['name'] ?? '' });
    if (!result.ok) return settingsPage(c, { problem: result.problem, form });
    return c.redirect(withFlash(`/console/consultations/settings?year=${day.slice(0, 4)}`, { ok: `已设置 ${day}。` }), 303);
  });

  const detailPage = async (c: ConsoleContext, state: { problem?: Problem; form?: Form; confirmClose?: boolean } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const id = encodeURIComponent(c.req.param('id') ?? '');
    const reveal = c.req.query('reveal') === 'true';
    const x = await api.must<ConsultationView>(`/v1/consultations/${id}${reveal ? '?reveal=true' : ''}`);
    const errors = fieldErrors(state.problem);
    const handler = hasRole(principal, consultationHandlers);
    const open = x.status === 'new' || x.status === 'assigned';
    const flash = flashOf(c);
    return render(
      `咨询 ${x.trackingCode}`,
      <>
        <p>
          <a href="/console/consultations">← 返回咨询队列</a>
        </p>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {state.problem ? <Alert kind="error">{problemText(state.problem)}</Alert> : null}
        {state.confirmClose ? (
          <ConfirmStep
            session={session}
            action={`/console/consultations/${id}/close`}
            label="确认办结"
            cancel={`/console/consultations/${id}`}
            facts={[['查询编号', x.trackingCode], ['状态', x.statusLabel]]}
            consequence="办结后不能再分派或答复；居民仍可凭私密链接查看和评价已有答复。"
          />
        ) : null}
        <div class="card">
          <dl class="frozen">
            <dt>社区</dt>
            <dd>
              <UnitName code={x.communityCode} name={x.communityName} />
            </dd>
            <dt>类别</dt>
            <dd>{x.category}</dd>
            <dt>状态</dt>
            <dd>
              <Status c={x} />
            </dd>
            <dt>收到日期</dt>
            <dd>{x.receivedOn}</dd>
            <dt>答复期限</dt>
            <dd>{x.dueOn}</dd>
            <dt>居民称呼</dt>
            <dd>{x.residentName ?? '—'}</dd>
            <dt>联系电话</dt>
            <dd>
              {x.phone ?? '—'}
              {x.phone && !x.revealed && hasRole(principal, revealers) ? (
                <>
                  {' '}
                  <a href={`/console/consultations/${id}?reveal=true`}>查看完整号码（记录审计）</a>
                </>
              ) : null}
            </dd>
            <dt>经办人</dt>
            <dd>{x.assignee ?? '—'}</dd>
          </dl>
          <h2>咨询内容</h2>
          <p style="white-space:pre-wrap">{x.text}</p>
        </div>
        {x.answer ? (
          <div class="card">
            <h2>答复（{x.answeredOn}{x.answeredOnTime ? '，按时' : '，逾期'}）</h2>
            <p style="white-space:pre-wrap">{x.answer}</p>
            {x.rating ? (
              <p>
                居民评价：<strong>{x.ratingLabel}</strong>
                {x.ratingComment ? `（${x.ratingComment}）` : ''}
              </p>
            ) : (
              <p class="muted">居民尚未评价。</p>
            )}
          </div>
        ) : null}
        {handler && open ? (
          <>
            <form method="post" action={`/console/consultations/${id}/assign`} class="card stack">
              <Csrf session={session} />
              <Field name="assignee" label="经办人" required value={state.form?.['assignee'] ?? x.assignee} error={errors['assignee']} attrs={{ maxlength: 40 }} />
              <button type="submit" class="secondary">
                分派
              </button>
            </form>
            <form method="post" action={`/console/consultations/${id}/answer`} class="card stack">
              <Csrf session={session} />
              <Field name="answer" label="答复内容" required multiline value={state.form?.['answer']} error={errors['answer']} hint="居民凭私密链接查看答复。" />
              <button type="submit">答复</button>
            </form>
          </>
        ) : null}
        {handler && x.status !== 'closed' && !state.confirmClose ? (
          <form method="post" action={`/console/consultations/${id}/close`}>
            <Csrf session={session} />
            <button type="submit" class="secondary">
              办结
            </button>
          </form>
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/consultations/:id', (c) => detailPage(c));
  for (const step of ['assign', 'answer'] as const) {
    app.post(`/consultations/:id/${step}`, async (c) => {
      const { api } = page(c, options);
      const form = await formOf(c);
      const id = encodeURIComponent(c.req.param('id') ?? '');
      const result = await api.post<ConsultationView>(`/v1/consultations/${id}/${step}`, step === 'assign' ? { assignee: form['assignee'] ?? '' } : { answer: form['answer'] ?? '' });
      if (!result.ok) return detailPage(c, { problem: result.problem, form });
      return c.redirect(withFlash(`/console/consultations/${id}`, { ok: step === 'assign' ? `已分派给${result.data.assignee}。` : '已答复，居民可凭私密链接查看。' }), 303);
    });
  }
  app.post('/consultations/:id/close', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    if (form['confirm'] !== 'yes') return detailPage(c, { confirmClose: true });
    const id = encodeURIComponent(c.req.param('id') ?? '');
    const result = await api.post<ConsultationView>(`/v1/consultations/${id}/close`, {});
    if (!result.ok) return detailPage(c, { problem: result.problem });
    return c.redirect(withFlash(`/console/consultations/${id}`, { ok: '已办结。' }), 303);
  });
  return app;
}
