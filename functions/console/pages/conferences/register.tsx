import { Hono } from 'hono';
import { loadUnits, UnitPicker } from '../../picker.js';
import type { Child } from 'hono/jsx';
import { hasRole, unitCovers } from '../../../../shared/auth/principal.js';
import { conferenceConveners, memberUnitEditors } from '../../../../shared/conferences/roles.js';
import { memberUnitTypeLabels } from '../../../../shared/conferences/messages.js';
import type { MemberUnitView, OccurrenceView, SeriesView } from '../../../../shared/conferences/schemas.js';
import { ConsolePageError, query, type Problem } from '../../api.js';
import { type ConsoleContext, FlashMessages, formOf, intOrRaw, page, pageStatus, ProblemAlert, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { ActionButton, Alert, Csrf, Field, SectionNav, shanghai, Tag } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { sectionOf } from '../../menu.js';
import { minutesOfForm, MinutesFields } from './minutes.js';

type Form = Record<string, string>;

/** As shared/conferences/service.ts checks it: a convener's role, at the convening unit or its district. */
export const canConvene = (p: { role: string; unit: string }, convenerUnit: string) => hasRole(p, conferenceConveners) && unitCovers(p.unit, convenerUnit);

const typeOptions = Object.entries(memberUnitTypeLabels).map(([value, label]) => ({ value, label: label as string }));

/** A unit by its name, its code small beside it; the code alone when the name is not known (no longer in force). */
export const UnitName = ({ name, code }: { name: string | null | undefined; code: string }) =>
  name ? (
    <>
      {name} <span class="muted">{code}</span>
    </>
  ) : (
    <>{code}</>
  );

/** The problem with its paths renamed where a form names a field otherwise (the messages come in Chinese from the API). */
export function renamedFields(problem: Problem | undefined, rename: Record<string, string> = {}): Problem | undefined {
  if (!problem) return problem;
  return {
    ...problem,
    errors: problem.errors?.map((e) => {
      const path = e.path.replace(/^body\.([^.]+)/, (all, name: string) => (rename[name] ? `body.${rename[name]}` : all));
      return { path, message: e.message };
    }),
  };
}



const conferenceSections = sectionOf('/console/conferences');
export const ConferenceNav = ({ current }: { current?: string | undefined }) => <SectionNav label="联席会议工作" items={conferenceSections} current={current} />;

// ── 召开周期 ────────────────────────────────────────────────────────────────────────────────────────────────────
const frequencies = [
  { value: 'FREQ=MONTHLY', label: '每月一次' },
  { value: 'FREQ=MONTHLY;INTERVAL=2', label: '每两个月一次' },
  { value: 'FREQ=MONTHLY;INTERVAL=3', label: '每季度一次' },
  { value: 'FREQ=MONTHLY;INTERVAL=6', label: '每半年一次' },
  { value: 'FREQ=YEARLY', label: '每年一次' },
];
const normalRule = (rule: string) =>
  rule
    .toUpperCase()
    .split(';')
    .filter((part) => part && part !== 'INTERVAL=1')
    .sort()
    .join(';');
const presetOf = (rule: string) => frequencies.find((f) => normalRule(f.value) === normalRule(rule))?.value;

/** “每季度一次” for a preset; otherwise a reading of FREQ and INTERVAL, with the rule itself. */
export function ruleLabel(rule: string): string {
  const preset = presetOf(rule);
  if (preset) return frequencies.find((f) => f.value === preset)!.label;
  const freq = /FREQ=(\w+)/i.exec(rule)?.[1]?.toUpperCase();
  const interval = Number(/INTERVAL=(\d+)/i.exec(rule)?.[1] ?? 1);
  const unit = { DAILY: '天', WEEKLY: '周', MONTHLY: '个月', YEARLY: '年' }[freq ?? ''];
  return unit ? `每${interval === 1 ? '' : ` ${interval} `}${unit}一次（${rule}）` : rule;
}

/** The form's frequency: a preset, or the rule typed under “自定义”. */
const ruleOf = (form: Form) => (form['frequency'] === 'custom' || !form['frequency'] ? (form['rrule'] ?? '').trim() : form['frequency']);

export function conferenceRegisterPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  // ── 成员单位名录 ──────────────────────────────────────────────────────────────────────────────────────────────
  const unitsPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const type = c.req.query('type');
    const list = await api.must<{ items: MemberUnitView[] }>(`/v1/member-units${query({ type: type && type in memberUnitTypeLabels ? type : undefined })}`);
    const editor = hasRole(principal, memberUnitEditors);
    const streets = editor && principal.unit.length !== 9 ? await loadUnits(api, principal, ['township']) : undefined;
    const problem = renamedFields(state.problem);
    const errors = fieldErrors(problem);
    const f = state.form ?? {};
    return render(
      '社区成员单位名录',
      <>
        <ConferenceNav current={c.req.path} />
        <FlashMessages c={c} />
        <p class="muted">辖区内的机关、团体、部队、企事业单位是社区成员单位，参加社区工作联席会议，共驻共建、资源共享。</p>
        <form method="get" class="actions card" action="/console/conferences/member-units">
          <div class="field">
            <label for="type">单位类别</label>
            <select id="type" name="type">
              <option value="">全部</option>
              {typeOptions.map((o) => (
                <option value={o.value} selected={o.value === type}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            筛选
          </button>
        </form>
        {list.items.length === 0 ? (
          <p>暂无登记的成员单位。</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>成员单位（{list.items.length}）</caption>
              <thead>
                <tr>
                  <th scope="col">单位名称</th>
                  <th scope="col">类别</th>
                  <th scope="col" class="hide-narrow">街道</th>
                  <th scope="col">联系人</th>
                  <th scope="col" class="hide-narrow">电子邮箱</th>
                  <th scope="col" class="hide-narrow">共享资源</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((u) => (
                  <tr>
                    <td>{editor ? <a href={`/console/conferences/member-units/${u.id}`}>{u.name}</a> : u.name}</td>
                    <td>{u.typeLabel}</td>
                    <td class="hide-narrow">
                      <UnitName name={u.streetName} code={u.streetCode} />
                    </td>
                    <td>
                      {u.contactPerson ?? '—'} {u.phone ? <span class="muted">{u.phone}</span> : null}
                    </td>
                    <td class="hide-narrow" style="word-break:break-all">{u.email ?? '—'}</td>
                    <td class="hide-narrow">{u.sharedResources.length ? u.sharedResources.map((r) => r.name).join('、') : '—'}</td>
                    <td style="white-space:nowrap">{u.active ? <Tag kind="ok">参加</Tag> : <Tag>已停用</Tag>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editor ? (
          <section aria-labelledby="h-new-unit">
            <h2 id="h-new-unit">登记成员单位</h2>
            <ProblemAlert problem={problem} errors={errors} />
            <form class="stack card" method="post" novalidate action="/console/conferences/member-units">
              <Csrf session={session} />
              {streets ? <UnitPicker name="street" label="所在街道（镇）" picker={streets} value={f['street']} required error={errors['street']} hint="按区（县）分组；可输入名称筛选" /> : null}
              <UnitFields form={f} errors={errors} />
              <div class="actions">
                <button type="submit">登记</button>
              </div>
            </form>
          </section>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/conferences/member-units', (c) => unitsPage(c));

  app.post('/conferences/member-units', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<MemberUnitView>('/v1/member-units', {
      ...(form['street'] !== undefined ? { street: form['street'].trim() } : {}),
      ...unitBody(form, false),
    });
    if (!result.ok) return unitsPage(c, { form, problem: result.problem });
    return c.redirect(withFlash('/console/conferences/member-units', { ok: `已登记成员单位：${result.data.name}` }), 303);
  });

  const unitPage = async (c: ConsoleContext, id: string, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const u = await api.must<MemberUnitView>(`/v1/member-units/${encodeURIComponent(id)}`);
    const problem = renamedFields(state.problem);
    const errors = fieldErrors(problem);
    const f: Form = state.form ?? {
      name: u.name,
      type: u.type,
      contactPerson: u.contactPerson ?? '',
      email: u.email ?? '',
      resources: u.sharedResources.map((r) => (r.openHours ? `${r.name}，${r.openHours}` : r.name)).join('\n'),
      active: u.active ? '1' : '',
    };
    return render(
      u.name,
      <>
        <ConferenceNav current={c.req.path} />
        <FlashMessages c={c} />
        <p>
          {u.typeLabel} · <UnitName name={u.streetName} code={u.streetCode} /> · {u.active ? <Tag kind="ok">参加联席会议</Tag> : <Tag>已停用</Tag>} <span class="muted">更新于 {shanghai(u.updatedAt)}</span>
        </p>
        {hasRole(principal, memberUnitEditors) ? (
          <>
            <ProblemAlert problem={problem} errors={errors} />
            <form class="stack card" method="post" novalidate action={`/console/conferences/member-units/${u.id}`}>
              <Csrf session={session} />
              <UnitFields
                form={f}
                errors={errors}
                phoneHint={u.phone ? `现为 ${u.phone}；留空则不变，如需删除请勾选下方“删除联系电话”` : '未登记'}
                afterPhone={
                  u.phone ? (
                    <div>
                      <input type="checkbox" id="f-removePhone" name="removePhone" value="1" checked={f['removePhone'] === '1'} /> <label for="f-removePhone">删除联系电话（{u.phone}）</label>
                    </div>
                  ) : null
                }
              />
              <div>
                <input type="checkbox" id="f-active" name="active" value="1" checked={f['active'] === '1'} /> <label for="f-active">参加联席会议（取消勾选即停用，不再邀请）</label>
              </div>
              <div class="actions">
                <button type="submit">保存</button>
                <a href="/console/conferences/member-units">返回名录</a>
              </div>
            </form>
          </>
        ) : (
          <p>
            联系人：{u.contactPerson ?? '—'} {u.phone ?? ''}　邮箱：{u.email ?? '—'}
          </p>
        )}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/conferences/member-units/:id', (c) => unitPage(c, c.req.param('id')));

  app.post('/conferences/member-units/:id', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const removePhone = form['removePhone'] === '1';
    if (removePhone && form['phone']?.trim()) {
      return unitPage(c, id, { form, problem: { status: 400, code: 'validation_failed', errors: [{ path: 'body.phone', message: '已勾选“删除联系电话”：请清空此栏，或取消勾选' }] } });
    }
    // a blank phone keeps the one on file (it is shown masked, so the form cannot carry it); the box removes it
    const result = await api.patch<MemberUnitView>(`/v1/member-units/${encodeURIComponent(id)}`, { ...unitBody(form, true), ...(removePhone ? { phone: null } : {}), active: form['active'] === '1' });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return unitPage(c, id, { form, problem: result.problem });
    }
    return c.redirect(withFlash('/console/conferences/member-units', { ok: `已保存：${result.data.name}` }), 303);
  });

  // ── 联席会议（会议系列） ───────────────────────────────────────────────────────────────────────────────────────
  const seriesListPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const list = await api.must<{ items: SeriesView[] }>('/v1/conferences/series');
    const convene = hasRole(principal, conferenceConveners);
    const units = convene ? await api.must<{ items: MemberUnitView[] }>('/v1/member-units?active=true') : { items: [] };
    const problem = renamedFields(state.problem);
    const errors = fieldErrors(problem);
    return render(
      '社区工作联席会议',
      <>
        <ConferenceNav current={c.req.path} />
        <FlashMessages c={c} />
        <p class="muted">街道定期召集辖区成员单位召开联席会议，协调解决社区建设和资源共享中的问题。</p>
        {list.items.length === 0 ? <p>尚未设立联席会议。</p> : <SeriesTable items={list.items} />}
        {convene ? (
          <section aria-labelledby="h-new-series">
            <h2 id="h-new-series">设立联席会议</h2>
            <ProblemAlert problem={problem} errors={errors} />
            <form class="stack card" method="post" novalidate action="/console/conferences/series">
              <Csrf session={session} />
              <SeriesFields form={state.form ?? { durationMinutes: '120', quorumPercent: '50', frequency: 'FREQ=MONTHLY;INTERVAL=3' }} errors={errors} units={units.items} />
              <div class="actions">
                <button type="submit">设立</button>
              </div>
            </form>
          </section>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };

  app.get('/conferences/series', (c) => seriesListPage(c));

  app.post('/conferences/series', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<SeriesView>('/v1/conferences/series', seriesBody(form));
    if (!result.ok) return seriesListPage(c, { form, problem: result.problem });
    return c.redirect(withFlash(`/console/conferences/series/${result.data.id}`, { ok: '已设立联席会议；会议日程排定后将显示在会议日历中，并通知受邀成员单位。' }), 303);
  });

  const seriesPage = async (c: ConsoleContext, id: string, state: { form?: Form; problem?: Problem; held?: { form: Form; problem: Problem } } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const s = await api.must<SeriesView>(`/v1/conferences/series/${encodeURIComponent(id)}`);
    const manage = canConvene(principal, s.convenerUnit) && s.status === 'active';
    const units = await api.get<{ items: MemberUnitView[] }>(`/v1/member-units${query({ unit: unitCovers(principal.unit, s.convenerUnit) ? s.convenerUnit : undefined })}`);
    const unitList = units.ok ? units.data.items : [];
    const problem = renamedFields(state.problem);
    const errors = fieldErrors(problem);
    const heldErrors = fieldErrors(state.held?.problem);
    const convening = canConvene(principal, s.convenerUnit);
    const preset = presetOf(s.rrule);
    const current: Form = {
      title: s.title,
      frequency: preset ?? 'custom',
      rrule: preset ? '' : s.rrule,
      firstStartLocal: s.firstStartLocal,
      durationMinutes: String(s.durationMinutes),
      venue: s.venue,
      agenda: s.agenda,
      quorumPercent: String(s.quorumPercent),
      ...Object.fromEntries(s.defaultInvitees.map((u) => [`invitee.${u}`, '1'])),
    };
    const invited = unitList.filter((u) => s.defaultInvitees.includes(u.id));
    return render(
      s.title,
      <>
        <ConferenceNav current={c.req.path} />
        <FlashMessages c={c} />
        {s.pastFirstMeeting ? (
          <Alert kind="info">
            <span data-code={s.pastFirstMeeting.messageCode}>{s.pastFirstMeeting.message}</span>
            {convening ? (
              <>
                {' '}
                <a href="#h-held">补录已召开的会议</a>
              </>
            ) : null}
          </Alert>
        ) : null}
        <div class="card">
          <p style="margin-top:0">
            <Tag kind={s.status === 'active' ? 'ok' : undefined}>{s.statusLabel}</Tag> 召集单位 <UnitName name={s.convenerName} code={s.convenerUnit} />
            <br />
            {ruleLabel(s.rrule)}，首次 {s.firstStartLocal.replace('T', ' ')}，每次 {s.durationMinutes} 分钟 · {s.venue}
            <br />
            出席超过受邀单位的 {s.quorumPercent}% 方达法定人数
          </p>
          {s.agenda ? <p style="white-space:pre-wrap">常设议题：{s.agenda}</p> : null}
          <p>受邀成员单位：{invited.length ? invited.map((u) => u.name).join('、') : '—'}</p>
          {s.nextMeetings.length ? (
            <p>
              接下来的会议：
              {s.nextMeetings.map((m, i) => (
                <>
                  {i ? '、' : ''}
                  <a href={`/console/conferences?month=${m.slice(0, 7)}`}>{m.replace('T', ' ').slice(0, 16)}</a>
                </>
              ))}
            </p>
          ) : null}
          {s.materialisedRevision !== s.revision ? <p class="muted">最新调整正在排入会议日程，稍后将显示在会议日历中。</p> : null}
        </div>
        {manage ? (
          <section aria-labelledby="h-edit-series">
            <h2 id="h-edit-series">调整联席会议</h2>
            <p class="muted">调整只影响今后的会议；已单独调整或取消的会议保持不变。受邀单位将收到变更通知。</p>
            <ProblemAlert problem={problem} errors={errors} />
            <form class="stack card" method="post" novalidate action={`/console/conferences/series/${s.id}`}>
              <Csrf session={session} />
              <SeriesFields form={state.form ?? current} errors={errors} units={unitList.filter((u) => u.active || s.defaultInvitees.includes(u.id))} />
              <div class="actions">
                <button type="submit">保存调整</button>
              </div>
            </form>
            <h2>停止召开</h2>
            <p class="muted">停止后今后的会议全部取消，且不能恢复；如需继续，请重新设立。</p>
            <ActionButton session={session} action={`/console/conferences/series/${s.id}/end`} label="停止召开此联席会议" kind="danger" />
          </section>
        ) : null}
        {convening ? (
          <section aria-labelledby="h-held">
            <h2 id="h-held">补录已召开的会议</h2>
            <p class="muted">系统只排定今后的会议。此前已经召开、未在系统中安排的会议（如设立前召开的首次会议），在此补录时间、出席单位、会议纪要和议定事项。</p>
            <ProblemAlert problem={state.held?.problem} errors={heldErrors} />
            <form class="stack card" method="post" novalidate action={`/console/conferences/series/${s.id}/held`} style="max-width:800px">
              <Csrf session={session} />
              <HeldMeetingFields series={s} form={state.held?.form} errors={heldErrors} units={heldAttendees(s, unitList)} />
              <div class="actions">
                <button type="submit">补录会议</button>
              </div>
            </form>
          </section>
        ) : null}
        <p>
          <a href="/console/conferences/series">返回联席会议列表</a>
        </p>
      </>,
      problem ? pageStatus(problem) : state.held ? pageStatus(state.held.problem) : 200,
    );
  };

  app.get('/conferences/series/:id', (c) => seriesPage(c, c.req.param('id')));

  app.post('/conferences/series/:id', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const s = await api.must<SeriesView>(`/v1/conferences/series/${encodeURIComponent(id)}`);
    const wanted = seriesBody(form);
    // only what changed: a title or agenda change notifies invitees, a schedule change reschedules future meetings
    const patch: Record<string, unknown> = {};
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (wanted.title !== s.title) patch['title'] = wanted.title;
    if (normalRule(String(wanted.rrule)) !== normalRule(s.rrule)) patch['rrule'] = wanted.rrule;
    if (wanted.firstStartLocal !== s.firstStartLocal) patch['firstStartLocal'] = wanted.firstStartLocal;
    if (wanted.durationMinutes !== s.durationMinutes) patch['durationMinutes'] = wanted.durationMinutes;
    if (wanted.venue !== s.venue) patch['venue'] = wanted.venue;
    if (wanted.agenda !== s.agenda) patch['agenda'] = wanted.agenda;
    if (wanted.quorumPercent !== s.quorumPercent) patch['quorumPercent'] = wanted.quorumPercent;
    if (!same([...wanted.defaultInvitees].sort(), [...s.defaultInvitees].sort())) patch['defaultInvitees'] = wanted.defaultInvitees;
    if (!Object.keys(patch).length) return c.redirect(withFlash(`/console/conferences/series/${id}`, { ok: '未作修改。' }), 303);
    const result = await api.patch<SeriesView>(`/v1/conferences/series/${encodeURIComponent(id)}`, patch);
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return seriesPage(c, id, { form, problem: result.problem });
    }
    return c.redirect(withFlash(`/console/conferences/series/${id}`, { ok: '已保存调整，受邀单位将收到变更通知。' }), 303);
  });

  app.post('/conferences/series/:id/held', async (c) => {
    const { api, principal } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const s = await api.must<SeriesView>(`/v1/conferences/series/${encodeURIComponent(id)}`);
    const units = await api.get<{ items: MemberUnitView[] }>(`/v1/member-units${query({ unit: unitCovers(principal.unit, s.convenerUnit) ? s.convenerUnit : undefined })}`);
    const { body, localProblem, renumber } = minutesOfForm(form, heldAttendees(s, units.ok ? units.data.items : []));
    if (localProblem) return seriesPage(c, id, { held: { form, problem: localProblem } });
    const minutes = (form['durationMinutes'] ?? '').trim();
    const venue = (form['venue'] ?? '').trim();
    const result = await api.post<OccurrenceView>(`/v1/conferences/series/${encodeURIComponent(id)}/held-meetings`, {
      startsLocal: form['startsLocal'] ?? '',
      ...(minutes ? { durationMinutes: intOrRaw(minutes) } : {}),
      ...(venue ? { venue } : {}),
      ...body,
    });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return seriesPage(c, id, { held: { form, problem: renumber(result.problem) } });
    }
    return c.redirect(withFlash(`/console/conferences/${result.data.id}`, { ok: `已补录 ${shanghai(result.data.startsAt)} 召开的会议及其纪要` }), 303);
  });

  app.post('/conferences/series/:id/end', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const result = await api.patch<SeriesView>(`/v1/conferences/series/${encodeURIComponent(id)}`, { status: 'ended' });
    if (!result.ok) {
      if (result.status === 404) throw new ConsolePageError(result.problem);
      return c.redirect(withFlash(`/console/conferences/series/${id}`, { error: problemText(result.problem) }), 303);
    }
    return c.redirect(withFlash(`/console/conferences/series/${id}`, { ok: '已停止召开，今后的会议均已取消。' }), 303);
  });

  return app;
}

function unitBody(form: Form, patch: boolean) {
  const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : patch ? null : undefined);
  const resources = (form['resources'] ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', ...rest] = l.split(/[,，]/);
      const openHours = rest.join('，').trim();
      return { name: name.trim(), ...(openHours ? { openHours } : {}) };
    });
  const phone = form['phone']?.trim();
  const body: Record<string, unknown> = {
    name: form['name'] ?? '',
    type: form['type'] ?? '',
    contactPerson: blank(form['contactPerson']),
    email: blank(form['email']),
    sharedResources: resources,
    ...(phone ? { phone } : {}),
  };
  for (const [k, v] of Object.entries(body)) if (v === undefined) delete body[k];
  return body;
}

function seriesBody(form: Form) {
  return {
    title: form['title'] ?? '',
    rrule: ruleOf(form),
    firstStartLocal: form['firstStartLocal'] ?? '',
    durationMinutes: intOrRaw(form['durationMinutes']),
    venue: form['venue'] ?? '',
    agenda: form['agenda'] ?? '',
    quorumPercent: intOrRaw(form['quorumPercent']),
    defaultInvitees: Object.keys(form)
      .filter((k) => k.startsWith('invitee.') && form[k] === '1')
      .map((k) => k.slice('invitee.'.length)),
  };
}

const UnitFields = ({ form, errors, phoneHint, afterPhone }: { form: Form; errors: Record<string, string>; phoneHint?: string; afterPhone?: Child }) => (
  <>
    <Field name="name" label="单位名称" value={form['name']} required error={errors['name']} />
    <Field name="type" label="单位类别" value={form['type'] ?? 'agency'} options={typeOptions} required error={errors['type']} />
    <Field name="contactPerson" label="联系人" value={form['contactPerson']} error={errors['contactPerson']} />
    <Field name="phone" label="联系电话" type="tel" value={form['phone']} error={errors['phone']} hint={phoneHint ?? '加密保存，页面上只显示部分号码'} />
    {afterPhone}
    <Field name="email" label="电子邮箱" type="email" value={form['email']} error={errors['email']} hint="会议邀请、提醒和答复链接发往此邮箱" />
    <Field
      name="resources"
      label="可共享的资源"
      value={form['resources']}
      multiline
      error={Object.entries(errors).find(([k]) => k.startsWith('sharedResources'))?.[1]}
      hint="每行一项：名称，开放时间。如：职工篮球场，周六、周日 08:00-18:00"
    />
  </>
);

const SeriesFields = ({ form, errors, units }: { form: Form; errors: Record<string, string>; units: MemberUnitView[] }) => (
  <>
    <Field name="title" label="会议名称" value={form['title']} required error={errors['title']} hint="如：沙面街道社区工作联席会议" />
    <Field
      name="frequency"
      label="召开周期"
      value={form['frequency']}
      required
      error={form['frequency'] === 'custom' ? undefined : errors['rrule']}
      options={[...frequencies, { value: 'custom', label: '自定义规则（在下栏填写）' }]}
    />
    <Field name="rrule" label="自定义规则" value={form['rrule']} error={form['frequency'] === 'custom' ? errors['rrule'] : undefined} hint="选择“自定义规则”时填写，RFC 5545 格式，如 FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15" />
    <Field name="firstStartLocal" label="首次会议时间" type="datetime-local" value={form['firstStartLocal']} required error={errors['firstStartLocal']} hint="北京时间；以后按召开周期顺延" />
    <Field name="durationMinutes" label="会议时长（分钟）" type="number" value={form['durationMinutes']} required error={errors['durationMinutes']} attrs={{ min: 15, max: 720 }} />
    <Field name="venue" label="会议地点" value={form['venue']} required error={errors['venue']} />
    <Field name="agenda" label="常设议题" value={form['agenda']} multiline error={errors['agenda']} hint="每次会议议程都会列出；上次会议未办结的议定事项自动列入" />
    <Field name="quorumPercent" label="法定出席比例（%）" type="number" value={form['quorumPercent']} required error={errors['quorumPercent']} attrs={{ min: 1, max: 100 }} hint="出席单位超过受邀单位的此比例方达法定人数" />
    <fieldset>
      <legend>受邀成员单位</legend>
      {units.length ? (
        units.map((u) => (
          <div>
            <input type="checkbox" id={`inv-${u.id}`} name={`invitee.${u.id}`} value="1" checked={form[`invitee.${u.id}`] === '1'} /> <label for={`inv-${u.id}`}>{u.name}</label>{' '}
            <span class="muted">{u.typeLabel}</span>
          </div>
        ))
      ) : (
        <p class="muted">
          尚无成员单位，请先在<a href="/console/conferences/member-units">成员单位名录</a>中登记。
        </p>
      )}
      {Object.entries(errors).find(([k]) => k.startsWith('defaultInvitees'))?.[1] ? <span class="field-error">{Object.entries(errors).find(([k]) => k.startsWith('defaultInvitees'))?.[1]}</span> : null}
    </fieldset>
  </>
);

/** Who may be marked present at a held meeting: the series' invitees first (ticked), then the convener's other active member units. */
function heldAttendees(s: SeriesView, units: MemberUnitView[]) {
  const invited = units.filter((u) => s.defaultInvitees.includes(u.id));
  const others = units.filter((u) => u.active && !s.defaultInvitees.includes(u.id));
  return [...invited.map((u) => ({ id: u.id, name: u.name, ticked: true })), ...others.map((u) => ({ id: u.id, name: u.name, ticked: false }))];
}

const HeldMeetingFields = ({ series, form, errors, units }: { series: SeriesView; form: Form | undefined; errors: Record<string, string>; units: { id: string; name: string; ticked: boolean }[] }) => (
  <>
    <Field name="startsLocal" label="召开时间" type="datetime-local" value={form?.['startsLocal'] ?? series.pastFirstMeeting?.startsLocal ?? ''} required error={errors['startsLocal']} hint="北京时间；不能晚于当前时间" />
    <Field name="durationMinutes" label="会议时长（分钟）" type="number" value={form?.['durationMinutes'] ?? String(series.durationMinutes)} error={errors['durationMinutes']} attrs={{ min: 15, max: 720 }} />
    <Field name="venue" label="会议地点" value={form?.['venue'] ?? series.venue} error={errors['venue']} />
    <MinutesFields form={form} errors={errors} attendees={units} />
  </>
);

const SeriesTable = ({ items }: { items: SeriesView[] }) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">联席会议</th>
          <th scope="col" class="hide-narrow">召集单位</th>
          <th scope="col">召开周期</th>
          <th scope="col" class="hide-narrow">地点</th>
          <th scope="col">下次会议</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr>
            <td>
              <a href={`/console/conferences/series/${s.id}`}>{s.title}</a>
            </td>
            <td class="hide-narrow">
              <UnitName name={s.convenerName} code={s.convenerUnit} />
            </td>
            <td>{ruleLabel(s.rrule)}</td>
            <td class="hide-narrow">{s.venue}</td>
            <td>{s.nextMeetings[0] ? s.nextMeetings[0].replace('T', ' ').slice(0, 16) : '—'}</td>
            <td style="white-space:nowrap">
              <Tag kind={s.status === 'active' ? 'ok' : undefined}>{s.statusLabel}</Tag>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
