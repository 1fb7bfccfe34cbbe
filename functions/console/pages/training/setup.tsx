import { Hono } from 'hono';
import { loadUnits, UnitPicker } from '../../picker.js';
import type { PropsWithChildren } from 'hono/jsx';
import type { z } from 'zod';
import { hasRole, unitCovers } from '../../../../shared/auth/principal.js';
import { shanghaiDate } from '../../../../shared/dates.js';
import { materialKindLabels, trainingOrganisers, trainingProgrammeEditors } from '../../../../shared/training/rules.js';
import type { completionView, obligationPage, planView, programmeView, sessionDetail, sessionView } from '../../../../shared/training/schemas.js';
import { ConsolePageError, query, type Problem } from '../../api.js';
import { blankToUndefined, type ConsoleContext, FlashMessages, formOf, intOrRaw, page, pageStatus, ProblemAlert, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, num, SectionNav, shanghai, Tag, UnitName } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv, ConsoleSession } from '../../session.js';
import { unitLevelName } from '../../../../shared/hierarchy/rules.js';
import { sectionOf } from '../../menu.js';

type Programme = z.infer<typeof programmeView>;
type Plan = z.infer<typeof planView>;
type Session = z.infer<typeof sessionView>;
type SessionDetail = z.infer<typeof sessionDetail>;
type Obligations = z.infer<typeof obligationPage>;
type Completion = z.infer<typeof completionView>;
type Form = Record<string, string>;

const materialKindOptions = Object.entries(materialKindLabels).map(([value, label]) => ({ value, label }));

const trainingSections = sectionOf('/console/training');
export const TrainingNav = ({ current }: { current?: string | undefined }) => <SectionNav label="培训工作" items={trainingSections} current={current} />;


/** Members of committees within `unit` who still owe training (待培训 or 已逾期), once each. */
async function membersToTrain(api: ReturnType<typeof page>['api'], unit: string) {
  const lists = await Promise.all((['overdue', 'pending'] as const).map((status) => api.get<Obligations>(`/v1/training/obligations${query({ parent: unit, status, size: 200, sort: 'member' })}`)));
  const seen = new Map<string, Obligations['items'][number]>();
  for (const list of lists) if (list.ok) for (const o of list.data.items) if (!seen.has(o.memberId)) seen.set(o.memberId, o);
  return [...seen.values()].sort((a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN'));
}

export function trainingSetupPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  // ── 培训方案与教材 ────────────────────────────────────────────────────────────────────────────────────────────
  const programmesPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem; materialFor?: string } = {}) => {
    const { session, principal, api, render } = page(c, options);
    const list = await api.must<{ items: Programme[] }>('/v1/training/programmes');
    const canEdit = hasRole(principal, trainingProgrammeEditors);
    const errors = fieldErrors(state.problem);
    const creating = !state.materialFor;
    const thisYear = Number(shanghaiDate(options.clock.now()).slice(0, 4));
    return render(
      '培训方案与教材',
      <>
        <TrainingNav current={c.req.path} />
        <FlashMessages c={c} />
        <p class="muted">市制定培训方案、编写培训教材；区、街道据此制定培训计划并组织实施。</p>
        {list.items.length === 0 ? <p>本市尚未发布培训方案。</p> : null}
        {[...list.items].reverse().map((p) => (
          <section class="card" aria-labelledby={`h-${p.id}`}>
            <h2 id={`h-${p.id}`} style="margin-top:0">
              {p.year}年 · {p.title}
            </h2>
            {p.summary ? <p style="white-space:pre-wrap">{p.summary}</p> : null}
            {p.materials.length ? (
              <div class="table-wrap">
                <table>
                  <caption>培训教材（{p.materials.length}）</caption>
                  <thead>
                    <tr>
                      <th scope="col">名称</th>
                      <th scope="col">类别</th>
                      <th scope="col">文件或链接</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.materials.map((m) => (
                      <tr>
                        <td>{m.title}</td>
                        <td>{m.kindLabel}</td>
                        <td style="word-break:break-all">{/^https?:\/\//.test(m.ref) ? <a href={m.ref}>{m.ref}</a> : m.ref}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="muted">尚未添加培训教材。</p>
            )}
            {canEdit ? (
              <details open={state.materialFor === p.id}>
                <summary>添加培训教材</summary>
                {state.materialFor === p.id ? <ProblemAlert problem={state.problem} errors={errors} /> : null}
                <form class="stack" method="post" novalidate action={`/console/training/programmes/${p.id}/materials`} style="margin-top:8px">
                  <Csrf session={session} />
                  <MaterialFields prefix={`m-${p.id}`} form={state.materialFor === p.id ? state.form : undefined} errors={state.materialFor === p.id ? errors : {}} />
                  <div class="actions">
                    <button type="submit">添加教材</button>
                  </div>
                </form>
              </details>
            ) : null}
          </section>
        ))}
        {canEdit ? (
          <section aria-labelledby="h-new-programme">
            <h2 id="h-new-programme">发布培训方案</h2>
            {creating ? <ProblemAlert problem={state.problem} errors={errors} /> : null}
            <form class="stack card" method="post" novalidate action="/console/training/programmes">
              <Csrf session={session} />
              <Field name="year" label="年度" type="number" value={(creating ? state.form?.['year'] : undefined) ?? String(thisYear + 1)} required error={creating ? errors['year'] : undefined} />
              <Field name="title" label="方案名称" value={creating ? state.form?.['title'] : undefined} required error={creating ? errors['title'] : undefined} hint="如：2027年社区居委会成员轮训方案" />
              <Field name="summary" label="方案要点" value={creating ? state.form?.['summary'] : undefined} multiline error={creating ? errors['summary'] : undefined} />
              <fieldset class="stack">
                <legend>首份培训教材（可不填，发布后可继续添加）</legend>
                <MaterialFields prefix="materials.0" form={creating ? state.form : undefined} errors={creating ? errors : {}} optional />
              </fieldset>
              <div class="actions">
                <button type="submit">发布方案</button>
              </div>
            </form>
          </section>
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/training/programmes', (c) => programmesPage(c));

  app.post('/training/programmes', async (c) => {
    const { principal, api } = page(c, options);
    const form = await formOf(c);
    const material = form['materials.0.title']?.trim() || form['materials.0.ref']?.trim();
    const result = await api.post<Programme>('/v1/training/programmes', {
      city: principal.kind === 'city' ? principal.tenant : '',
      year: intOrRaw(form['year']),
      title: form['title'] ?? '',
      ...(blankToUndefined(form['summary']) ? { summary: blankToUndefined(form['summary']) } : {}),
      materials: material ? [{ title: form['materials.0.title'] ?? '', kind: form['materials.0.kind'] ?? '', ref: form['materials.0.ref'] ?? '' }] : [],
    });
    if (!result.ok) return programmesPage(c, { form, problem: result.problem });
    return c.redirect(withFlash('/console/training/programmes', { ok: `已发布培训方案：${result.data.title}` }), 303);
  });

  app.post('/training/programmes/:id/materials', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const raw = await formOf(c);
    const prefix = `m-${id}`;
    const body = { title: raw[`${prefix}.title`] ?? '', kind: raw[`${prefix}.kind`] ?? '', ref: raw[`${prefix}.ref`] ?? '' };
    const result = await api.post<Programme>(`/v1/training/programmes/${encodeURIComponent(id)}/materials`, body);
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      const problem = { ...result.problem, errors: result.problem.errors?.map((e) => ({ ...e, path: e.path.replace(/^body\./, `body.${prefix}.`) })) };
      return programmesPage(c, { form: raw, problem, materialFor: id });
    }
    return c.redirect(withFlash('/console/training/programmes', { ok: `已添加教材：${body.title}` }), 303);
  });

  // ── 培训计划 ────────────────────────────────────────────────────────────────────────────────────────────────
  const plansPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    const [plans, programmes] = await Promise.all([api.must<{ items: Plan[] }>('/v1/training/plans'), api.must<{ items: Programme[] }>('/v1/training/programmes')]);
    const canPlan = hasRole(principal, trainingOrganisers) && programmes.items.length > 0;
    const planUnits = canPlan ? await loadUnits(api, principal, ['county', 'township']) : undefined;
    const errors = fieldErrors(state.problem);
    const programmeTitle = (id: string) => programmes.items.find((p) => p.id === id);
    return render(
      '培训计划',
      <>
        <TrainingNav current={c.req.path} />
        <FlashMessages c={c} />
        <p class="muted">区（县）、街道（镇）按市培训方案制定培训计划，开设培训班，组织新一届居委会成员在选举后一年内轮训一遍。上级单位开设的培训班，下级单位也可报名。</p>
        {plans.items.length === 0 ? (
          <p>暂无培训计划。</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">培训计划</th>
                  <th scope="col">单位</th>
                  <th scope="col">培训方案</th>
                  <th scope="col" class="num">培训班</th>
                  <th scope="col" class="num">已报名</th>
                </tr>
              </thead>
              <tbody>
                {plans.items.map((p) => {
                  const prog = programmeTitle(p.programmeId);
                  return (
                    <tr>
                      <td>
                        <a href={`/console/training/plans/${p.id}`}>{p.title}</a>
                      </td>
                      <td>
                        {p.unitName ? <UnitName code={p.unitCode} name={p.unitName} /> : unitLevelName(p.unitCode)}
                      </td>
                      <td>{prog ? `${prog.year}年 ${prog.title}` : '—'}</td>
                      <td class="num">{num(p.sessions.length)}</td>
                      <td class="num">{num(p.sessions.reduce((n, s) => n + s.enrolled, 0))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {hasRole(principal, trainingOrganisers) && programmes.items.length === 0 ? <Alert kind="info">市尚未发布培训方案，发布后即可制定培训计划。</Alert> : null}
        {canPlan ? (
          <section aria-labelledby="h-new-plan">
            <h2 id="h-new-plan">制定培训计划</h2>
            <ProblemAlert problem={state.problem} errors={errors} />
            <form class="stack card" method="post" novalidate action="/console/training/plans">
              <Csrf session={session} />
              <Field
                name="programmeId"
                label="依据的培训方案"
                value={state.form?.['programmeId']}
                required
                error={errors['programmeId']}
                options={[{ value: '', label: '请选择' }, ...[...programmes.items].reverse().map((p) => ({ value: p.id, label: `${p.year}年 ${p.title}` }))]}
              />
              <UnitPicker
                name="unitCode"
                label="实施单位"
                picker={planUnits!}
                value={state.form?.['unitCode'] ?? principal.unit}
                required
                error={errors['unitCode']}
                first={principal.unit.length === 4 ? { value: principal.unit, label: '本市' } : undefined}
                hint="本单位或下属区（县）、街道（镇）"
              />
              <Field name="title" label="计划名称" value={state.form?.['title']} required error={errors['title']} hint="如：沙面街道2027年居委会成员培训计划" />
              <div class="actions">
                <button type="submit">保存计划</button>
              </div>
            </form>
          </section>
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/training/plans', (c) => plansPage(c));

  app.post('/training/plans', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<Plan>('/v1/training/plans', { programmeId: form['programmeId'] ?? '', unitCode: (form['unitCode'] ?? '').trim(), title: form['title'] ?? '' });
    if (!result.ok) return plansPage(c, { form, problem: result.problem });
    return c.redirect(withFlash(`/console/training/plans/${result.data.id}`, { ok: '培训计划已保存，请开设培训班。' }), 303);
  });

  // ── 一个计划的培训班 ────────────────────────────────────────────────────────────────────────────────────────
  const loadPlan = async (api: ReturnType<typeof page>['api'], id: string) => {
    const plan = await api.must<Plan>(`/v1/training/plans/${encodeURIComponent(id)}`);
    const programme = await api.get<Programme>(`/v1/training/programmes/${encodeURIComponent(plan.programmeId)}`);
    return { plan, programme: programme.ok ? programme.data : undefined };
  };

  const planPage = async (c: ConsoleContext, id: string, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    const { plan, programme } = await loadPlan(api, id);
    const today = shanghaiDate(options.clock.now());
    const canSchedule = hasRole(principal, trainingOrganisers) && unitCovers(principal.unit, plan.unitCode);
    const errors = fieldErrors(state.problem);
    return render(
      plan.title,
      <>
        <TrainingNav current={c.req.path} />
        <FlashMessages c={c} />
        <p>
          实施单位：{plan.unitName ? <UnitName code={plan.unitCode} name={plan.unitName} /> : unitLevelName(plan.unitCode)}
          {programme ? (
            <>
              <br />
              依据：<a href="/console/training/programmes">{programme.year}年 {programme.title}</a>
            </>
          ) : null}
          <br />
          制定于 {shanghai(plan.createdAt, false)}
        </p>
        <h2>培训班（{plan.sessions.length}）</h2>
        <SessionTable sessions={plan.sessions} today={today} />
        {canSchedule ? (
          <section aria-labelledby="h-new-session">
            <h2 id="h-new-session">开设培训班</h2>
            <ProblemAlert problem={state.problem} errors={errors} />
            <form class="stack card" method="post" novalidate action={`/console/training/plans/${plan.id}/sessions`}>
              <Csrf session={session} />
              <Field name="sessionDate" label="培训日期" type="date" value={state.form?.['sessionDate']} required error={errors['sessionDate']} />
              <Field name="startTime" label="开始时间" type="time" value={state.form?.['startTime']} error={errors['startTime']} />
              <Field name="place" label="培训地点" value={state.form?.['place']} required error={errors['place']} />
              <Field name="capacity" label="名额" type="number" value={state.form?.['capacity']} required error={errors['capacity']} attrs={{ min: 1, max: 2000 }} />
              <Field name="trainer" label="授课人" value={state.form?.['trainer']} required error={errors['trainer']} hint="如：市民政局基层政权科 李老师" />
              <Field name="audience" label="培训对象" value={state.form?.['audience'] ?? '新一届社区居委会成员'} required error={errors['audience']} />
              <div class="actions">
                <button type="submit">开设培训班</button>
              </div>
            </form>
          </section>
        ) : null}
        <p>
          <a href="/console/training/plans">返回培训计划列表</a>
        </p>
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/training/plans/:id', (c) => planPage(c, c.req.param('id')));

  app.post('/training/plans/:id/sessions', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const result = await api.post<Session>(`/v1/training/plans/${encodeURIComponent(id)}/sessions`, {
      sessionDate: form['sessionDate'] ?? '',
      ...(blankToUndefined(form['startTime']) ? { startTime: blankToUndefined(form['startTime']) } : {}),
      place: form['place'] ?? '',
      capacity: intOrRaw(form['capacity']),
      trainer: form['trainer'] ?? '',
      audience: form['audience'] ?? '',
    });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return planPage(c, id, { form, problem: result.problem });
    }
    return c.redirect(withFlash(`/console/training/sessions/${result.data.id}`, { ok: `已开设 ${result.data.sessionDate} 的培训班，请为成员报名。` }), 303);
  });

  // ── 培训班：报名与签到 ─────────────────────────────────────────────────────────────────────────────────────
  const sessionPage = async (c: ConsoleContext, id: string, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    const s = await api.must<SessionDetail>(`/v1/training/sessions/${encodeURIComponent(id)}`);
    const found = await api.get<Plan>(`/v1/training/plans/${encodeURIComponent(s.planId)}`);
    const plan = found.ok ? found.data : undefined;
    const today = shanghaiDate(options.clock.now());
    const organiser = hasRole(principal, trainingOrganisers);
    // members the caller may enrol: committees within both the caller's unit and the session's
    const scope = unitCovers(principal.unit, s.unitCode) ? s.unitCode : principal.unit;
    const enrolled = new Set(s.enrolments.map((e) => e.memberId));
    const candidates = organiser && s.sessionDate >= today && s.seatsLeft > 0 ? (await membersToTrain(api, scope)).filter((m) => !enrolled.has(m.memberId)) : [];
    const canMark = organiser && s.sessionDate <= today && s.enrolments.some((e) => e.attended !== true);
    const errors = fieldErrors(state.problem);
    return render(
      `培训班 ${s.sessionDate}`,
      <>
        <TrainingNav current={c.req.path} />
        <FlashMessages c={c} />
        <ProblemAlert problem={state.problem} errors={errors} />
        <div class="card">
          <p style="margin-top:0">
            {plan ? (
              <>
                培训计划：<a href={`/console/training/plans/${plan.id}`}>{plan.title}</a>
                <br />
              </>
            ) : null}
            时间：{s.sessionDate}
            {s.startTime ? ` ${s.startTime}` : ''}　地点：{s.place}
            <br />
            授课人：{s.trainer}　培训对象：{s.audience}
            <br />
            名额 {num(s.capacity)}，已报名 {num(s.enrolled)}，剩余 {num(s.seatsLeft)}　<SessionState s={s} today={today} />
          </p>
        </div>
        <h2>本单位报名成员（{s.enrolments.length}）</h2>
        {s.enrolments.length ? (
          <MaybeForm when={canMark} action={`/console/training/sessions/${s.id}/attendance`} session={session}>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">成员</th>
                    <th scope="col">社区</th>
                    <th scope="col">报名时间</th>
                    <th scope="col">出席</th>
                  </tr>
                </thead>
                <tbody>
                  {s.enrolments.map((e) => (
                    <tr>
                      <td>{e.name}</td>
                      <td>
                        <a href={`/console/communities/${e.communityCode}`}>
                          <UnitName code={e.communityCode} name={e.communityName} />
                        </a>
                      </td>
                      <td>{shanghai(e.enrolledAt)}</td>
                      <td>
                        {e.attended === true ? (
                          <Tag kind="ok">已出席，培训完成</Tag>
                        ) : canMark ? (
                          <>
                            <input type="checkbox" id={`att-${e.memberId}`} name={`attended.${e.memberId}`} value="1" checked={state.form ? state.form[`attended.${e.memberId}`] === '1' : false} />{' '}
                            <label for={`att-${e.memberId}`}>出席{e.attended === false ? <span class="muted">（曾记缺席）</span> : null}</label>
                          </>
                        ) : e.attended === false ? (
                          <Tag kind="bad">缺席</Tag>
                        ) : (
                          <span class="muted">待签到</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canMark ? (
              <div class="actions" style="margin-bottom:16px">
                <button type="submit">保存签到</button>
                <span class="muted">勾选出席的成员；出席即记为按培训班日期完成培训，未勾选的记为缺席。</span>
              </div>
            ) : null}
          </MaybeForm>
        ) : (
          <p class="muted">本单位尚无成员报名。</p>
        )}
        {organiser && s.sessionDate > today && s.enrolments.length ? <p class="muted">培训当天起可登记出席情况。</p> : null}
        {organiser && s.sessionDate >= today ? (
          s.seatsLeft <= 0 ? (
            <Alert kind="info">名额已满。</Alert>
          ) : candidates.length ? (
            <section aria-labelledby="h-enrol">
              <h2 id="h-enrol">为成员报名</h2>
              <form class="stack card" method="post" novalidate action={`/console/training/sessions/${s.id}/enrolments`}>
                <Csrf session={session} />
                <Field
                  name="memberId"
                  label="待培训的居委会成员"
                  value={state.form?.['memberId']}
                  required
                  error={errors['memberId']}
                  hint="列出本单位范围内尚未完成培训的成员"
                  options={[{ value: '', label: '请选择' }, ...candidates.map((m) => ({ value: m.memberId, label: `${m.memberName}（${m.committeeName} ${m.positionLabel}，应于 ${m.dueOn} 前完成）` }))]}
                />
                <div class="actions">
                  <button type="submit">报名</button>
                </div>
              </form>
            </section>
          ) : (
            <p class="muted">本单位范围内没有待报名的成员。</p>
          )
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/training/sessions/:id', (c) => sessionPage(c, c.req.param('id')));

  app.post('/training/sessions/:id/enrolments', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const result = await api.post<SessionDetail>(`/v1/training/sessions/${encodeURIComponent(id)}/enrolments`, { memberId: form['memberId'] ?? '' });
    if (!result.ok) {
      if (result.problem.code === 'not_found' && !result.problem.errors?.length) throw new ConsolePageError(result.problem);
      return sessionPage(c, id, { form, problem: result.problem });
    }
    const who = result.data.enrolments.find((e) => e.memberId === form['memberId'])?.name ?? '';
    return c.redirect(withFlash(`/console/training/sessions/${id}`, { ok: `${who}已报名` }), 303);
  });

  app.post('/training/sessions/:id/attendance', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const s = await api.must<SessionDetail>(`/v1/training/sessions/${encodeURIComponent(id)}`);
    let present = 0;
    let absent = 0;
    const failed: string[] = [];
    for (const e of s.enrolments.filter((x) => x.attended !== true)) {
      const attended = form[`attended.${e.memberId}`] === '1';
      if (!attended && e.attended === false) continue;
      const result = await api.post<SessionDetail>(`/v1/training/sessions/${encodeURIComponent(id)}/attendance`, { memberId: e.memberId, attended });
      if (!result.ok) failed.push(`${e.name}：${problemText(result.problem)}`);
      else if (attended) present++;
      else absent++;
    }
    const ok = present || absent ? `已登记出席 ${present} 人、缺席 ${absent} 人；出席成员的培训已记为完成。` : undefined;
    const back = withFlash(`/console/training/sessions/${id}`, { ...(ok ? { ok } : {}), ...(failed.length ? { error: failed.join('；') } : {}) });
    return c.redirect(back, 303);
  });

  // ── 外部培训 ────────────────────────────────────────────────────────────────────────────────────────────────
  const completionPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    const organiser = hasRole(principal, trainingOrganisers);
    const members = organiser ? await membersToTrain(api, principal.unit) : [];
    const errors = fieldErrors(state.problem);
    const f = state.form ?? {};
    return render(
      '登记外部培训',
      <>
        <TrainingNav current={c.req.path} />
        <p class="muted">成员参加省、市或其他单位举办的培训并取得结业证明的，凭证明登记，视同完成培训。</p>
        {!organiser ? (
          <Alert kind="info">您的角色只能查看培训情况，由市、区、街道工作人员登记外部培训。</Alert>
        ) : members.length === 0 ? (
          <Alert kind="ok">本单位范围内没有尚未完成培训的成员。</Alert>
        ) : (
          <>
            <ProblemAlert problem={state.problem} errors={errors} />
            <form class="stack card" method="post" novalidate action="/console/training/completions/new">
              <Csrf session={session} />
              <Field
                name="memberId"
                label="成员"
                value={f['memberId']}
                required
                error={errors['memberId']}
                options={[{ value: '', label: '请选择' }, ...members.map((m) => ({ value: m.memberId, label: `${m.memberName}（${m.committeeName} ${m.positionLabel}）` }))]}
              />
              <Field name="completedOn" label="结业日期" type="date" value={f['completedOn']} required error={errors['completedOn']} />
              <Field name="title" label="培训名称" value={f['title']} required error={errors['title']} hint="如：省民政厅社区工作者网络培训班" />
              <Field name="provider" label="举办单位" value={f['provider']} required error={errors['provider']} />
              <Field name="evidenceRef" label="证明材料" value={f['evidenceRef']} required error={errors['evidenceRef']} hint="结业证书编号或文件号，如：粤民培〔2027〕118号" />
              <div class="actions">
                <button type="submit">登记</button>
                <a href="/console/training">取消</a>
              </div>
            </form>
          </>
        )}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/training/completions/new', (c) => completionPage(c));

  app.post('/training/completions/new', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<Completion>('/v1/training/completions', {
      memberId: form['memberId'] ?? '',
      completedOn: form['completedOn'] ?? '',
      title: form['title'] ?? '',
      provider: form['provider'] ?? '',
      evidenceRef: form['evidenceRef'] ?? '',
    });
    if (!result.ok) return completionPage(c, { form, problem: result.problem });
    const met = result.data.obligationsMet;
    return c.redirect(withFlash('/console/training', { ok: `已登记外部培训“${result.data.title}”${met ? `，${met} 项培训任务已完成` : '，该成员没有待完成的培训任务'}。` }), 303);
  });

  return app;
}

const MaterialFields = ({ prefix, form, errors, optional: isOptional }: { prefix: string; form?: Form | undefined; errors: Record<string, string>; optional?: boolean }) => (
  <>
    <Field name={`${prefix}.title`} label="教材名称" value={form?.[`${prefix}.title`]} required={!isOptional} error={errors[`${prefix}.title`]} />
    <Field name={`${prefix}.kind`} label="类别" value={form?.[`${prefix}.kind`] ?? 'textbook'} options={materialKindOptions} error={errors[`${prefix}.kind`]} />
    <Field name={`${prefix}.ref`} label="文件或链接" value={form?.[`${prefix}.ref`]} required={!isOptional} error={errors[`${prefix}.ref`]} hint="下载链接或文件编号" />
  </>
);

/** The attendance table is a form only for those who may mark it. */
const MaybeForm = ({ when, action, session, children }: PropsWithChildren<{ when: boolean; action: string; session: ConsoleSession }>) =>
  when ? (
    <form method="post" novalidate action={action}>
      <Csrf session={session} />
      {children}
    </form>
  ) : (
    <>{children}</>
  );

const SessionState = ({ s, today }: { s: Session; today: string }) =>
  s.sessionDate < today ? <Tag>已举办</Tag> : s.sessionDate === today ? <Tag kind="warn">今日举办</Tag> : s.seatsLeft > 0 ? <Tag kind="info">报名中</Tag> : <Tag kind="bad">名额已满</Tag>;

const SessionTable = ({ sessions, today }: { sessions: Session[]; today: string }) =>
  sessions.length === 0 ? (
    <p class="muted">尚未开设培训班。</p>
  ) : (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">地点</th>
            <th scope="col">授课人</th>
            <th scope="col" class="num">报名 / 名额</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr>
              <td style="white-space:nowrap">
                <a href={`/console/training/sessions/${s.id}`}>
                  {s.sessionDate}
                  {s.startTime ? ` ${s.startTime}` : ''}
                </a>
              </td>
              <td>{s.place}</td>
              <td>{s.trainer}</td>
              <td class="num">
                {num(s.enrolled)} / {num(s.capacity)}
              </td>
              <td style="white-space:nowrap">
                <SessionState s={s} today={today} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

