import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { hasRole } from '../../../shared/auth/principal.js';
import {
  assemblyEditors, assemblyKindLabels, assemblyKinds, constituencyKindLabels, constituencyKinds, evaluationRecorders, meetingKindLabels, meetingKinds, ratingLabels, ratings,
} from '../../../shared/assemblies/rules.js';
import type { AssemblyDetailView, AssemblySummaryView, MeetingDetailView } from '../../../shared/assemblies/schemas.js';
import { ConsolePageError, query, type Problem } from '../api.js';
import { flashOf, formOf, page, pageStatus, withFlash, type ConsoleContext, type PageStatus } from '../context.js';
import { fieldErrors } from '../i18n.js';
import { Alert, Csrf, Field, Tag } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv, ConsoleSession } from '../session.js';
import { FormAlert, intOf, textOf, uuidOf, type Attempt } from './committees.js';

const options = <V extends string>(values: readonly V[], labels: Record<V, string>) => values.map((value) => ({ value, label: labels[value] }));
const kindOptions = options(assemblyKinds, assemblyKindLabels);
const constituencyOptions = options(constituencyKinds, constituencyKindLabels);
const meetingKindOptions = options(meetingKinds, meetingKindLabels);
const ratingOptions = [{ value: '', label: '（未评议）' }, ...options(ratings, ratingLabels)];
const quorumRule = '出席代表超过会议当日在任居民代表的半数，方可开会作出决定；决定须经出席代表过半数赞成方为通过。';

const Quorum: FC<{ quorate: boolean }> = ({ quorate }) => (quorate ? <Tag kind="ok">达到法定人数</Tag> : <Tag kind="bad">未达法定人数</Tag>);

const param = uuidOf;

/** 社区居民会议 / 社区成员代表会议: its register, meetings, decisions, the committee's 述职 and the members' 评议. */
export function assemblyPages(opts: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  // from the community page: the community's body, or the form to register it
  const communityEntry = async (c: ConsoleContext, attempt?: Attempt, status: 200 | PageStatus = 200) => {
    const { session, principal, api, render } = page(c, opts);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const code = c.req.param('code') ?? '';
    if (!/^\d{12}$/.test(code)) throw new ConsolePageError({ status: 404, code: 'not_found' });
    const list = await api.must<{ items: AssemblySummaryView[] }>(`/v1/assemblies${query({ unit: code })}`);
    const existing = list.items.find((a) => a.communityCode === code);
    if (existing) return c.redirect(`/console/assemblies/${existing.id}`, 303);
    const errors = attempt ? fieldErrors(attempt.problem) : {};
    return render(
      '社区居民会议',
      <>
        <p class="muted">
          <a href={`/console/communities/${code}`}>返回社区页面</a>
        </p>
        <p>本社区尚未登记社区居民会议（或社区成员代表会议）。登记后可维护居民代表名册，记录会议、民主决策以及居委会的年度述职和评议。</p>
        {hasRole(principal, assemblyEditors) ? (
          <form class="stack card" method="post" action={`/console/communities/${code}/assembly`} novalidate>
            <Csrf session={session} />
            <FormAlert attempt={attempt} form="create" />
            <Field name="kind" label="会议形式" options={kindOptions} value={attempt?.values['kind'] ?? 'residents_meeting'} required error={errors['kind']} />
            <div class="actions">
              <button type="submit">登记</button>
            </div>
          </form>
        ) : (
          <p class="muted">您的角色只能查看，不能登记。</p>
        )}
      </>,
      status,
    );
  };
  app.get('/communities/:code/assembly', (c) => communityEntry(c));
  app.post('/communities/:code/assembly', async (c) => {
    const { api } = page(c, opts);
    const values = await formOf(c);
    const result = await api.post<AssemblyDetailView>('/v1/assemblies', { communityCode: c.req.param('code'), kind: values['kind'] ?? '' });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return communityEntry(c, { form: 'create', values, problem: result.problem }, pageStatus(result.problem));
    }
    return c.redirect(withFlash(`/console/assemblies/${result.data.id}`, { ok: `已登记${result.data.name}。` }), 303);
  });

  const assemblyPage = async (c: ConsoleContext, attempt?: Attempt, status: 200 | PageStatus = 200) => {
    const { session, principal, api, render } = page(c, opts);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const a = await api.must<AssemblyDetailView>(`/v1/assemblies/${param(c, 'id')}`);
    return render(a.name, <AssemblyView a={a} session={session} canEdit={hasRole(principal, assemblyEditors)} flash={flashOf(c)} attempt={attempt} />, status);
  };
  app.get('/assemblies/:id', (c) => assemblyPage(c));

  /** Sends a form's write; on refusal the page comes back with the typed values and the errors beside them. */
  const write = (form: (c: ConsoleContext) => string, send: (c: ConsoleContext, id: string, v: Record<string, string>) => Promise<{ ok: true } | { ok: false; status: number; problem: Problem }>, done: string, back: (id: string, v: Record<string, string>) => string, again: typeof assemblyPage) =>
    async (c: ConsoleContext) => {
      const id = param(c, 'id');
      const values = await formOf(c);
      const result = await send(c, id, values);
      if (!result.ok) {
        if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
        return again(c, { form: form(c), values, problem: result.problem }, pageStatus(result.problem));
      }
      return c.redirect(withFlash(back(id, values), { ok: done }), 303);
    };
  const toAssembly = (id: string) => `/console/assemblies/${id}`;

  app.post('/assemblies/:id/representatives', write(() => 'rep', (c, id, v) => page(c, opts).api.post(`/v1/assemblies/${id}/representatives`, {
    name: textOf(v['r.name']), constituencyKind: v['r.constituencyKind'] ?? '', constituency: textOf(v['r.constituency']), fromOn: textOf(v['r.fromOn']),
  }), '已登记居民代表。', toAssembly, assemblyPage));

  app.post('/assemblies/:id/representatives/:repId/end', write((c) => `end.${c.req.param('repId')}`, (c, id, v) => page(c, opts).api.patch(`/v1/assemblies/${id}/representatives/${param(c, 'repId')}`, {
    endedOn: textOf(v[`end.${c.req.param('repId')}.date`]),
  }), '已终止该代表的代表资格。', toAssembly, assemblyPage));

  app.post('/assemblies/:id/meetings', async (c) => {
    const { api } = page(c, opts);
    const id = param(c, 'id');
    const values = await formOf(c);
    const present = Object.keys(values).filter((k) => k.startsWith('present.') && values[k] === 'on').map((k) => k.slice('present.'.length));
    const result = await api.post<MeetingDetailView>(`/v1/assemblies/${id}/meetings`, { heldOn: textOf(values['m.heldOn']), kind: values['m.kind'] ?? '', present });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return assemblyPage(c, { form: 'meeting', values, problem: result.problem }, pageStatus(result.problem));
    }
    const m = result.data;
    return c.redirect(withFlash(`/console/assemblies/${id}/meetings/${m.id}`, {
      ok: `已记录会议：在任代表 ${m.representativesInForce} 人，出席 ${m.present} 人，${m.quorate ? '达到法定人数' : '未达法定人数，不能作出决定'}。`,
    }), 303);
  });

  const meetingPage = async (c: ConsoleContext, attempt?: Attempt, status: 200 | PageStatus = 200) => {
    const { session, principal, api, render } = page(c, opts);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const id = param(c, 'id');
    const [a, m] = await Promise.all([api.must<AssemblyDetailView>(`/v1/assemblies/${id}`), api.must<MeetingDetailView>(`/v1/assemblies/${id}/meetings/${param(c, 'meetingId')}`)]);
    return render(
      `${a.name} ${m.heldOn} ${m.kindLabel}`,
      <MeetingView a={a} m={m} session={session} canEdit={hasRole(principal, assemblyEditors)} canEvaluate={hasRole(principal, evaluationRecorders)} flash={flashOf(c)} attempt={attempt} />,
      status,
    );
  };
  app.get('/assemblies/:id/meetings/:meetingId', (c) => meetingPage(c));
  const toMeeting = (c: ConsoleContext) => (id: string) => `/console/assemblies/${id}/meetings/${c.req.param('meetingId')}`;

  app.post('/assemblies/:id/meetings/:meetingId/decisions', async (c) => write(() => 'decision', (cc, id, v) => page(cc, opts).api.post(`/v1/assemblies/${id}/meetings/${param(cc, 'meetingId')}/decisions`, {
    matter: textOf(v['d.matter']), votesFor: intOf(v['d.votesFor']), votesAgainst: intOf(v['d.votesAgainst']), abstentions: intOf(v['d.abstentions']), public: v['d.public'] === 'on',
  }), '已记录民主决策。', toMeeting(c), meetingPage)(c));

  app.post('/assemblies/:id/meetings/:meetingId/work-reports', async (c) => write(() => 'report', (cc, id, v) => page(cc, opts).api.post(`/v1/assemblies/${id}/meetings/${param(cc, 'meetingId')}/work-reports`, {
    year: intOf(v['w.year']),
  }), '已记录居委会述职，请录入对各成员的评议。', toMeeting(c), meetingPage)(c));

  app.post('/assemblies/:id/meetings/:meetingId/work-reports/:reportId/evaluations', async (c) => write((cc) => `eval.${cc.req.param('reportId')}`, (cc, id, v) => {
    const items = Object.keys(v).filter((k) => k.startsWith('rating.') && v[k]).map((k) => ({ memberId: k.slice('rating.'.length), rating: v[k] }));
    return page(cc, opts).api.put(`/v1/assemblies/${id}/work-reports/${param(cc, 'reportId')}/evaluations`, { items });
  }, '已保存评议结果。', toMeeting(c), meetingPage)(c));

  return app;
}

const AssemblyView: FC<{ a: AssemblyDetailView; session: ConsoleSession; canEdit: boolean; flash: { ok?: string | undefined; error?: string | undefined }; attempt?: Attempt | undefined }> = ({ a, session, canEdit, flash, attempt }) => {
  const errorsFor = (form: string) => (attempt?.form === form ? fieldErrors(attempt.problem) : {});
  const v = (form: string, name: string) => (attempt?.form === form ? attempt.values[name] : undefined);
  const base = `/console/assemblies/${a.id}`;
  const repErrors = errorsFor('rep');
  const meetingErrors = errorsFor('meeting');
  const current = a.representatives.filter((r) => r.inForce);
  const presentError = Object.entries(meetingErrors).find(([k]) => k.startsWith('present'))?.[1];
  return (
    <>
      {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
      {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
      <p class="muted">
        <a href={`/console/communities/${a.communityCode}`}>返回{a.communityName ?? '社区页面'}</a>
        {a.committeeId ? <> · <a href={`/console/committees/${a.committeeId}`}>居委会管理</a></> : null}
      </p>
      <div class="card">
        <p style="margin:0">
          {a.kindLabel} · 今日在任居民代表 {a.representativesInForce} 人。<span class="muted">议行分设：本会议议事决策、民主监督，居委会执行并每年向本会议述职、接受评议。</span>
        </p>
      </div>

      <section aria-labelledby="h-reps">
        <h2 id="h-reps">居民代表名册</h2>
        {a.representatives.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">代表</th>
                  <th scope="col">任职日期</th>
                  <th scope="col">终止日期</th>
                  <th scope="col">状态</th>
                  {canEdit ? <th scope="col">终止代表资格</th> : null}
                </tr>
              </thead>
              <tbody>
                {a.representatives.map((r) => {
                  const endErrors = errorsFor(`end.${r.id}`);
                  return (
                    <tr>
                      <td>{r.name}</td>
                      <td>
                        {r.constituencyKindLabel}：{r.constituency}
                      </td>
                      <td>{r.fromOn}</td>
                      <td>{r.endedOn ?? '—'}</td>
                      <td>{r.inForce ? <Tag kind="ok">在任</Tag> : <Tag>{r.endedOn ? '已终止' : '尚未开始'}</Tag>}</td>
                      {canEdit ? (
                        <td>
                          {r.endedOn === null ? (
                            <form class="actions" method="post" action={`${base}/representatives/${r.id}/end`} novalidate>
                              <Csrf session={session} />
                              <Field name={`end.${r.id}.date`} label="终止日期" type="date" value={v(`end.${r.id}`, `end.${r.id}.date`)} error={endErrors['endedOn']} />
                              <button type="submit" class="secondary">
                                终止
                              </button>
                            </form>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">尚未登记居民代表。</p>
        )}
        {canEdit ? (
          <details class="card" open={attempt?.form === 'rep' || !a.representatives.length}>
            <summary style="cursor:pointer;font-weight:600;color:var(--accent)">登记居民代表</summary>
            <FormAlert attempt={attempt} form="rep" />
            <form class="stack" method="post" action={`${base}/representatives`} novalidate style="margin-top:12px">
              <Csrf session={session} />
              <Field name="r.name" label="姓名" value={v('rep', 'r.name')} required error={repErrors['name']} />
              <Field name="r.constituencyKind" label="代表类别" options={constituencyOptions} value={v('rep', 'r.constituencyKind') ?? 'household_group'} required error={repErrors['constituencyKind']} />
              <Field name="r.constituency" label="所代表的居民小组、楼栋或驻区单位" value={v('rep', 'r.constituency')} required error={repErrors['constituency']} hint="如：第三居民小组、沙面北街5号楼、沙面小学" />
              <Field name="r.fromOn" label="任职日期" type="date" value={v('rep', 'r.fromOn')} required error={repErrors['fromOn']} />
              <div class="actions">
                <button type="submit">登记</button>
              </div>
            </form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="h-meetings">
        <h2 id="h-meetings">会议</h2>
        <p class="muted">{quorumRule}</p>
        {a.meetings.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">会议类别</th>
                  <th scope="col" class="num">在任代表</th>
                  <th scope="col" class="num">出席</th>
                  <th scope="col">法定人数</th>
                  <th scope="col" class="num">决定事项</th>
                </tr>
              </thead>
              <tbody>
                {a.meetings.map((m) => (
                  <tr>
                    <td>
                      <a href={`${base}/meetings/${m.id}`}>{m.heldOn}</a>
                    </td>
                    <td>{m.kindLabel}</td>
                    <td class="num">{m.representativesInForce}</td>
                    <td class="num">{m.present}</td>
                    <td>
                      <Quorum quorate={m.quorate} />
                    </td>
                    <td class="num">{m.decisions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">尚未记录会议。</p>
        )}
        {canEdit && a.representatives.length ? (
          <details class="card" open={attempt?.form === 'meeting'}>
            <summary style="cursor:pointer;font-weight:600;color:var(--accent)">记录会议</summary>
            <FormAlert attempt={attempt} form="meeting" />
            <form class="stack" method="post" action={`${base}/meetings`} novalidate style="margin-top:12px">
              <Csrf session={session} />
              <Field name="m.heldOn" label="会议日期" type="date" value={v('meeting', 'm.heldOn')} required error={meetingErrors['heldOn']} />
              <Field name="m.kind" label="会议类别" options={meetingKindOptions} value={v('meeting', 'm.kind') ?? 'regular'} required error={meetingErrors['kind']} />
              <fieldset class={presentError ? 'field invalid' : 'field'}>
                <legend>出席代表（勾选）</legend>
                {(current.length ? current : a.representatives).map((r) => (
                  <label style="font-weight:normal;display:block">
                    <input type="checkbox" name={`present.${r.id}`} value="on" checked={attempt?.form === 'meeting' ? attempt.values[`present.${r.id}`] === 'on' : false} /> {r.name}（{r.constituency}）
                  </label>
                ))}
                {presentError ? <span class="field-error">{presentError}</span> : null}
              </fieldset>
              <div class="actions">
                <button type="submit">记录会议</button>
              </div>
            </form>
          </details>
        ) : null}
      </section>
    </>
  );
};

const MeetingView: FC<{
  a: AssemblyDetailView; m: MeetingDetailView; session: ConsoleSession; canEdit: boolean; canEvaluate: boolean;
  flash: { ok?: string | undefined; error?: string | undefined }; attempt?: Attempt | undefined;
}> = ({ a, m, session, canEdit, canEvaluate, flash, attempt }) => {
  const errorsFor = (form: string) => (attempt?.form === form ? fieldErrors(attempt.problem) : {});
  const v = (form: string, name: string) => (attempt?.form === form ? attempt.values[name] : undefined);
  const base = `/console/assemblies/${a.id}/meetings/${m.id}`;
  const decisionErrors = errorsFor('decision');
  const reportErrors = errorsFor('report');
  return (
    <>
      {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
      {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
      <p class="muted">
        <a href={`/console/assemblies/${a.id}`}>返回{a.name}</a>
      </p>
      <div class="card">
        <p style="margin:0">
          {m.heldOn} {m.kindLabel} · 当日在任居民代表 {m.representativesInForce} 人，出席 {m.present} 人 <Quorum quorate={m.quorate} />
        </p>
        <p class="muted" style="margin-bottom:0">出席代表：{m.attendees.length ? m.attendees.map((x) => x.name).join('、') : '无'}</p>
      </div>

      <section aria-labelledby="h-decisions">
        <h2 id="h-decisions">民主决策</h2>
        {m.decisionList.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">决定事项</th>
                  <th scope="col" class="num">赞成</th>
                  <th scope="col" class="num">反对</th>
                  <th scope="col" class="num">弃权</th>
                  <th scope="col">表决结果</th>
                  <th scope="col">居务公开</th>
                </tr>
              </thead>
              <tbody>
                {m.decisionList.map((d) => (
                  <tr>
                    <td>{d.matter}</td>
                    <td class="num">{d.votesFor}</td>
                    <td class="num">{d.votesAgainst}</td>
                    <td class="num">{d.abstentions}</td>
                    <td>{d.adopted ? <Tag kind="ok">通过</Tag> : <Tag kind="warn">未通过</Tag>}</td>
                    <td>{d.public ? '公开' : '不公开'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">本次会议尚无决定事项。</p>
        )}
        {!m.quorate ? (
          <p class="muted">本次会议未达法定人数，不能作出决定。</p>
        ) : canEdit ? (
          <details class="card" open={attempt?.form === 'decision'}>
            <summary style="cursor:pointer;font-weight:600;color:var(--accent)">记录表决事项</summary>
            <FormAlert attempt={attempt} form="decision" />
            <form class="stack" method="post" action={`${base}/decisions`} novalidate style="margin-top:12px">
              <Csrf session={session} />
              <Field name="d.matter" label="决定事项" value={v('decision', 'd.matter')} required error={decisionErrors['matter']} multiline />
              <Field name="d.votesFor" label="赞成票" type="number" value={v('decision', 'd.votesFor')} required error={decisionErrors['votesFor']} hint={`出席代表 ${m.present} 人，赞成超过半数方为通过`} attrs={{ min: 0 }} />
              <Field name="d.votesAgainst" label="反对票" type="number" value={v('decision', 'd.votesAgainst')} required error={decisionErrors['votesAgainst']} attrs={{ min: 0 }} />
              <Field name="d.abstentions" label="弃权票" type="number" value={v('decision', 'd.abstentions')} required error={decisionErrors['abstentions']} attrs={{ min: 0 }} />
              <div class="field">
                <label style="font-weight:normal">
                  <input type="checkbox" name="d.public" value="on" checked={v('decision', 'd.public') === 'on'} /> 通过后在社区居务公开页面公布
                </label>
              </div>
              <div class="actions">
                <button type="submit">记录</button>
              </div>
            </form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="h-reports">
        <h2 id="h-reports">居委会述职与评议</h2>
        {m.workReports.map((r) => {
          const form = `eval.${r.id}`;
          const evalErrors = errorsFor(form);
          return (
            <div class="card">
              <h3 style="margin-top:0">
                {r.committeeName}（第 {r.termNumber} 届）{r.year} 年度述职
              </h3>
              <FormAlert attempt={attempt} form={form} />
              <form class="stack" method="post" action={`${base}/work-reports/${r.id}/evaluations`} novalidate>
                <Csrf session={session} />
                <table>
                  <thead>
                    <tr>
                      <th scope="col">成员</th>
                      <th scope="col">职务</th>
                      <th scope="col">评议结果</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.evaluations.map((e, i) => (
                      <tr>
                        <td>{e.name}</td>
                        <td>{e.positionLabel}</td>
                        <td>
                          {canEvaluate ? (
                            <Field name={`rating.${e.memberId}`} label={`${e.name}的评议结果`} options={ratingOptions} value={v(form, `rating.${e.memberId}`) ?? e.rating ?? ''} error={evalErrors[`items.${i}.memberId`]} />
                          ) : (
                            e.ratingLabel ?? '未评议'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {canEvaluate ? (
                  <div class="actions">
                    <button type="submit">保存评议</button>
                  </div>
                ) : null}
              </form>
            </div>
          );
        })}
        {!m.workReports.length ? <p class="muted">本次会议没有居委会述职记录。</p> : null}
        {m.quorate && canEvaluate && a.committeeId ? (
          <details class="card" open={attempt?.form === 'report'}>
            <summary style="cursor:pointer;font-weight:600;color:var(--accent)">记录居委会述职</summary>
            <FormAlert attempt={attempt} form="report" />
            <form class="stack" method="post" action={`${base}/work-reports`} novalidate style="margin-top:12px">
              <Csrf session={session} />
              <Field name="w.year" label="述职年度" type="number" value={v('report', 'w.year') ?? m.heldOn.slice(0, 4)} required error={reportErrors['year'] ?? reportErrors['meetingId']} />
              <div class="actions">
                <button type="submit">记录述职</button>
              </div>
            </form>
          </details>
        ) : null}
      </section>
    </>
  );
};
