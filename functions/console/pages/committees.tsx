import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { hasRole } from '../../../shared/auth/principal.js';
import {
  committeeEditors, committeePositionLabels, committeePositions, committeeSize, committeeSizeProposers, committeeSystems, departureReasonLabels, genderLabels as genderOfLabels,
  partyOrganisationTypeLabels, partyOrganisationTypes, type CommitteeSystem,
} from '../../../shared/committees/rules.js';
import type { CommitteeDetailView, CommitteeMemberView, VacanciesView } from '../../../shared/committees/schemas.js';
import { ConsolePageError, type Problem } from '../api.js';
import { flashOf, formOf, page, pageStatus, withFlash, type ConsoleContext, type PageStatus } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { Alert, Csrf, Field, num, Tag } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv, ConsoleSession } from '../session.js';


const genderLabels: Record<string, string> = genderOfLabels;
const positionLabels: Record<string, string> = committeePositionLabels;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sizeRule = `居委会由主任、副主任和委员共 ${committeeSize.min} 至 ${committeeSize.max} 人组成`;


/** A form value as the API wants a whole number: empty → absent (or null), digits → number, anything else as typed. */
export function intOf(value: string | undefined, empty: null | undefined = undefined): number | string | null | undefined {
  const v = (value ?? '').replace(/[,，\s]/g, '');
  if (!v) return empty;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}
export const textOf = (value: string | undefined) => (value ?? '').trim();

/** A form that failed at the API: which form, what was typed, and the API's problem. */
export interface Attempt {
  form: string;
  values: Record<string, string>;
  problem: Problem;
}

const Check: FC<{ name: string; label: string; checked: boolean }> = (p) => (
  <div class="field">
    <label style="font-weight:normal">
      <input type="checkbox" name={p.name} value="on" checked={p.checked} /> {p.label}
    </label>
  </div>
);

export const FormAlert: FC<{ attempt?: Attempt | undefined; form: string }> = ({ attempt, form }) =>
  attempt?.form === form ? <Alert kind="error">{problemText({ ...attempt.problem, detail: undefined })}。请按各栏提示修改后重新提交。</Alert> : null;

const positionOptions = committeePositions.map((p) => ({ value: p, label: committeePositionLabels[p] }));

/** A path parameter that must be a UUID; anything else is a page not found. */
export function uuidOf(c: ConsoleContext, name: string): string {
  const id = c.req.param(name) ?? '';
  if (!UUID.test(id)) throw new ConsolePageError({ status: 404, code: 'not_found' });
  return id;
}
const committeeOf = (c: ConsoleContext) => uuidOf(c, 'id');

export function committeePages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const committeePage = async (c: ConsoleContext, attempt?: Attempt, status: 200 | PageStatus = 200) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const id = committeeOf(c);
    const [committee, vacancies] = await Promise.all([
      api.must<CommitteeDetailView>(`/v1/committees/${id}?includeFormer=true`),
      api.get<VacanciesView>(`/v1/committees/${id}/vacancies`),
    ]);
    return render(
      committee.name,
      <CommitteeView
        committee={committee}
        vacancies={vacancies.ok ? vacancies.data : null}
        session={session}
        canPropose={hasRole(principal, committeeSizeProposers)}
        canEdit={hasRole(principal, committeeEditors)}
        flash={flashOf(c)}
        attempt={attempt}
      />,
      status,
    );
  };

  /** Sends a form's write; on refusal the committee page comes back with the typed values and the errors beside them. */
  const write = (form: string, send: (c: ConsoleContext, id: string, values: Record<string, string>) => Promise<{ ok: true } | { ok: false; status: number; problem: Problem }>, done: string) =>
    async (c: ConsoleContext) => {
      const id = committeeOf(c);
      const values = await formOf(c);
      const result = await send(c, id, values);
      if (!result.ok) {
        if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
        return committeePage(c, { form, values, problem: result.problem }, result.status === 422 ? 422 : result.status === 409 ? 409 : 400);
      }
      return c.redirect(withFlash(`/console/committees/${id}`, { ok: done }), 303);
    };

  app.get('/committees/:id', (c) => committeePage(c));

  app.post(
    '/committees/:id/size',
    write('size', (c, id, v) => page(c, options).api.put(`/v1/committees/${id}/size`, {
      size: intOf(v['size.size']), representatives: intOf(v['size.representatives']), consenting: intOf(v['size.consenting']), agreedOn: textOf(v['size.agreedOn']),
    }), '职数已记录。'),
  );

  app.post(
    '/committees/:id/party-organisation',
    write('party', (c, id, v) => page(c, options).api.put(`/v1/committees/${id}/party-organisation`, {
      name: textOf(v['p.name']),
      type: v['p.type'] ?? '',
      secretaryName: textOf(v['p.secretaryName']),
      secretaryChairsCommittee: v['p.chairs'] === 'yes' ? true : v['p.chairs'] === 'no' ? false : null,
      establishedOn: textOf(v['p.establishedOn']),
    }), '社区党组织已记录。'),
  );

  app.post(
    '/committees/:id/members',
    write('member', (c, id, v) => page(c, options).api.post(`/v1/committees/${id}/members`, {
      name: textOf(v['m.name']),
      gender: v['m.gender'] ?? '',
      birthYear: intOf(v['m.birthYear']),
      position: v['m.position'] ?? '',
      ...(textOf(v['m.phone']) ? { phone: textOf(v['m.phone']) } : {}),
      ...(textOf(v['m.idNumber']) ? { idNumber: textOf(v['m.idNumber']) } : {}),
      partyMember: v['m.partyMember'] === 'on',
      keepsJob: v['m.keepsJob'] === 'on',
      allowanceYuanPerMonth: intOf(v['m.allowance'], null),
      joinedOn: textOf(v['m.joinedOn']),
    }), '已补选成员。'),
  );

  for (const system of committeeSystems) {
    app.post(
      `/committees/:id/systems/${system}`,
      write(`sys.${system}`, (c, id, v) => page(c, options).api.put(`/v1/committees/${id}/systems/${system}`, {
        adoptedOn: textOf(v[`sys.${system}.adoptedOn`]), documentRef: textOf(v[`sys.${system}.documentRef`]),
      }), '制度建立情况已记录。'),
    );
  }

  app.post(
    '/committees/:id/working-committees',
    write('wc', async (c, id, v) => {
      const result = await page(c, options).api.post(`/v1/committees/${id}/working-committees`, { name: textOf(v['wc.name']), establishedOn: textOf(v['wc.establishedOn']) });
      if (!result.ok && result.problem.code === 'conflict') return { ...result, problem: { ...result.problem, errors: [{ path: 'name', message: '已有同名的专门工作委员会' }] } };
      return result;
    }, '已设立专门工作委员会。'),
  );

  app.post(
    '/committees/:id/social-workers',
    write('sw', (c, id, v) => page(c, options).api.post(`/v1/committees/${id}/social-workers`, {
      name: textOf(v['sw.name']),
      ...(textOf(v['sw.phone']) ? { phone: textOf(v['sw.phone']) } : {}),
      role: textOf(v['sw.role']),
      hiredOn: textOf(v['sw.hiredOn']),
    }), '已登记社会工作者。'),
  );

  /**
   * Ends one working committee (撤销) or one social worker's engagement (解聘/离任): each record has its own form, keyed
   * by its id, so a refusal comes back beside that form's date; one already ended comes back as a message on top.
   */
  const endWrite = (kind: 'wcd' | 'swl', param: 'wcId' | 'swId') => async (c: ConsoleContext) => {
    const { api } = page(c, options);
    const id = committeeOf(c);
    const recordId = c.req.param(param) ?? '';
    if (!UUID.test(recordId)) throw new ConsolePageError({ status: 404, code: 'not_found' });
    const values = await formOf(c);
    const date = textOf(values[`${kind}.${recordId}.date`]);
    const result = kind === 'wcd'
      ? await api.patch<CommitteeDetailView>(`/v1/committees/${id}/working-committees/${recordId}`, { dissolvedOn: date })
      : await api.patch<CommitteeDetailView>(`/v1/committees/${id}/social-workers/${recordId}`, { leftOn: date });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      if (result.status === 409) {
        return c.redirect(withFlash(`/console/committees/${id}`, { error: kind === 'wcd' ? '该专门工作委员会已撤销，未再次修改。' : '该社会工作者已离任，未再次修改。' }), 303);
      }
      return committeePage(c, { form: `${kind}.${recordId}`, values, problem: result.problem }, pageStatus(result.problem));
    }
    return c.redirect(withFlash(`/console/committees/${id}`, { ok: kind === 'wcd' ? `已撤销专门工作委员会（${date}）。` : `已记录社会工作者解聘/离任（${date}）。` }), 303);
  };
  app.post('/committees/:id/working-committees/:wcId/dissolve', endWrite('wcd', 'wcId'));
  app.post('/committees/:id/social-workers/:swId/leave', endWrite('swl', 'swId'));

  // one member: edit, or record the departure
  const memberPage = async (c: ConsoleContext, attempt?: Attempt, status: 200 | 400 | 409 | 422 = 200) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const id = committeeOf(c);
    const memberId = c.req.param('memberId') ?? '';
    if (!UUID.test(memberId)) throw new ConsolePageError({ status: 404, code: 'not_found' });
    const [committee, member] = await Promise.all([api.must<CommitteeDetailView>(`/v1/committees/${id}`), api.must<CommitteeMemberView>(`/v1/committees/${id}/members/${memberId}`)]);
    return render(
      `${member.name}（${member.positionLabel}）`,
      <MemberView committee={committee} member={member} session={session} canPropose={hasRole(principal, committeeSizeProposers)} flash={flashOf(c)} attempt={attempt} />,
      status,
    );
  };

  const memberWrite = (form: 'edit' | 'leave', body: (v: Record<string, string>) => Record<string, unknown>, done: string) => async (c: ConsoleContext) => {
    const { api } = page(c, options);
    const id = committeeOf(c);
    const memberId = c.req.param('memberId') ?? '';
    if (!UUID.test(memberId)) throw new ConsolePageError({ status: 404, code: 'not_found' });
    const values = await formOf(c);
    const result = await api.patch<CommitteeMemberView>(`/v1/committees/${id}/members/${memberId}`, body(values));
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return memberPage(c, { form, values, problem: result.problem }, result.status === 422 ? 422 : result.status === 409 ? 409 : 400);
    }
    return c.redirect(withFlash(form === 'leave' ? `/console/committees/${id}` : `/console/committees/${id}/members/${memberId}`, { ok: done }), 303);
  };

  app.get('/committees/:id/members/:memberId', (c) => memberPage(c));
  app.post(
    '/committees/:id/members/:memberId',
    memberWrite('edit', (v) => ({
      position: v['e.position'] ?? '',
      ...(textOf(v['e.phone']) ? { phone: textOf(v['e.phone']) } : {}),
      ...(textOf(v['e.idNumber']) ? { idNumber: textOf(v['e.idNumber']) } : {}),
      partyMember: v['e.partyMember'] === 'on',
      keepsJob: v['e.keepsJob'] === 'on',
      allowanceYuanPerMonth: intOf(v['e.allowance'], null),
    }), '成员信息已更新。'),
  );
  app.post(
    '/committees/:id/members/:memberId/leave',
    memberWrite('leave', (v) => ({ leftOn: textOf(v['l.leftOn']), departureReason: v['l.departureReason'] ?? '' }), '已记录成员离任，其职位计入缺额。'),
  );

  return app;
}

type Flash = { ok?: string | undefined; error?: string | undefined };

const CommitteeView: FC<{
  committee: CommitteeDetailView;
  vacancies: VacanciesView | null;
  session: ConsoleSession;
  canPropose: boolean;
  canEdit: boolean;
  flash: Flash;
  attempt?: Attempt | undefined;
}> = ({ committee: k, vacancies, session, canPropose, canEdit, flash, attempt }) => {
  const errorsFor = (form: string) => (attempt?.form === form ? fieldErrors(attempt.problem) : {});
  const valuesFor = (form: string): Record<string, string> | undefined => (attempt?.form === form ? attempt.values : undefined);
  const base = `/console/committees/${k.id}`;
  const term = k.currentTerm;
  const sizeErrors = errorsFor('size');
  const sizeValues = valuesFor('size');
  const memberErrors = errorsFor('member');
  const mv = valuesFor('member');
  const wcErrors = errorsFor('wc');
  const swErrors = errorsFor('sw');
  const seatsTotal = term ? Object.values(term.seats).reduce((a, b) => a + b, 0) : 0;
  // the page asks for ?includeFormer=true; the API refuses an end date after today, so a date set means former
  const activeWorking = k.workingCommittees.filter((w) => w.dissolvedOn === null);
  const formerWorking = k.workingCommittees.filter((w) => w.dissolvedOn !== null);
  const activeWorkers = k.socialWorkers.filter((w) => w.leftOn === null);
  const formerWorkers = k.socialWorkers.filter((w) => w.leftOn !== null);
  return (
    <>
      {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
      {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
      <p class="muted">
        <a href={`/console/communities/${k.communityCode}`}>返回社区页面</a> · <a href={`/console/communities/${k.communityCode}/assembly`}>社区居民会议（述职评议）</a>
      </p>
      <div class="card">
        <p style="margin:0">
          {term ? `第 ${term.termNumber} 届，${term.startsOn} 起，任期至 ${term.endsOn}` : '尚无任期（成员由换届选举认证后产生）'} · 在任 {k.serving} 人{' '}
          {k.statusLabels.length ? k.statusLabels.map((l) => (<><Tag kind="warn">{l}</Tag>{' '}</>)) : <Tag kind="ok">组成完整、制度健全</Tag>}
        </p>
      </div>

      <PartySection party={k.partyOrganisation} base={base} session={session} canEdit={canEdit} attempt={attempt} />

      <section aria-labelledby="h-size">
        <h2 id="h-size">职数</h2>
        <p>
          {k.proposedSize
            ? `街道提出职数 ${k.proposedSize.size} 人，居民代表 ${k.proposedSize.representatives} 名中 ${k.proposedSize.consenting} 名同意（${k.proposedSize.agreedOn}）。`
            : '街道尚未提出职数。'}
          <span class="muted">{sizeRule}；职数由街道提出，须征得大多数社区居民代表同意。</span>
        </p>
        {canPropose ? (
          <details class="card" open={attempt?.form === 'size' || !k.proposedSize}>
            <summary style="cursor:pointer;font-weight:600;color:var(--accent)">{k.proposedSize ? '修改职数' : '记录职数'}</summary>
            <FormAlert attempt={attempt} form="size" />
            <form class="stack" method="post" action={`${base}/size`} novalidate style="margin-top:12px">
              <Csrf session={session} />
              <Field name="size.size" label="职数（人）" type="number" value={sizeValues?.['size.size'] ?? k.proposedSize?.size} required error={sizeErrors['size']} hint={`${committeeSize.min} 至 ${committeeSize.max} 人`} attrs={{ min: committeeSize.min, max: committeeSize.max }} />
              <Field name="size.representatives" label="社区居民代表人数" type="number" value={sizeValues?.['size.representatives'] ?? k.proposedSize?.representatives} error={sizeErrors['representatives']} hint="已登记居民代表名册的社区以名册中同意日期在任的代表人数为准，可不填" attrs={{ min: 1 }} />
              <Field name="size.consenting" label="同意的居民代表人数" type="number" value={sizeValues?.['size.consenting'] ?? k.proposedSize?.consenting} required error={sizeErrors['consenting']} hint="须超过居民代表人数的半数" attrs={{ min: 0 }} />
              <Field name="size.agreedOn" label="同意日期" type="date" value={sizeValues?.['size.agreedOn'] ?? k.proposedSize?.agreedOn} required error={sizeErrors['agreedOn']} />
              <div class="actions">
                <button type="submit">保存职数</button>
              </div>
            </form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="h-members">
        <h2 id="h-members">成员</h2>
        {k.members.length ? (
          <div class="table-wrap">
            <table>
              <caption>在任成员（个人信息已脱敏）</caption>
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">职务</th>
                  <th scope="col">任职</th>
                  <th scope="col">联系电话</th>
                  <th scope="col">公民身份号码</th>
                  <th scope="col">性别</th>
                  <th scope="col" class="num">出生年份</th>
                  <th scope="col">党员</th>
                  <th scope="col">不脱离生产</th>
                  <th scope="col" class="num">任期职务补贴（元/月）</th>
                </tr>
              </thead>
              <tbody>
                {k.members.map((m) => (
                  <tr>
                    <td style="white-space:nowrap">
                      <a href={`${base}/members/${m.id}`}>{m.name}</a>
                    </td>
                    <td style="white-space:nowrap">{m.positionLabel}</td>
                    <td style="white-space:nowrap">
                      {m.joinedOn} 起{term ? <div class="muted">至 {term.endsOn}</div> : null}
                    </td>
                    <td style="white-space:nowrap">{m.phone ?? '—'}</td>
                    <td>{m.idNumber ?? '—'}</td>
                    <td>{genderLabels[m.gender] ?? m.gender}</td>
                    <td class="num">{m.birthYear}</td>
                    <td>{m.partyMember ? '是' : '否'}</td>
                    <td>{m.keepsJob ? '是' : '否'}</td>
                    <td class="num">{num(m.allowanceYuanPerMonth)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">暂无在任成员。</p>
        )}
        {canPropose ? <p class="muted">点击姓名可修改成员信息或记录离任。</p> : null}

        <h3>缺额</h3>
        {!vacancies ? (
          <p class="muted">缺额情况暂不可见。</p>
        ) : !vacancies.termId ? (
          <p class="muted">尚无任期，无缺额可计。</p>
        ) : (
          <>
            <div class="table-wrap">
              <table>
                <caption>本届应选 {seatsTotal} 名</caption>
                <thead>
                  <tr>
                    <th scope="col">职务</th>
                    <th scope="col" class="num">应选</th>
                    <th scope="col" class="num">在任</th>
                    <th scope="col" class="num">缺额</th>
                  </tr>
                </thead>
                <tbody>
                  {committeePositions.map((p) => {
                    const open = vacancies.open.find((o) => o.position === p)?.count ?? 0;
                    return (
                      <tr>
                        <th scope="row">{committeePositionLabels[p]}</th>
                        <td class="num">{vacancies.seats[p] ?? 0}</td>
                        <td class="num">{vacancies.serving[p] ?? 0}</td>
                        <td class="num">{open ? <Tag kind="warn">缺 {open} 名</Tag> : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {vacancies.departures.length ? (
              <div class="table-wrap">
                <table>
                  <caption>本届离任成员</caption>
                  <thead>
                    <tr>
                      <th scope="col">姓名</th>
                      <th scope="col">原职务</th>
                      <th scope="col">离任日期</th>
                      <th scope="col">离任原因</th>
                    </tr>
                  </thead>
                  <tbody>
                    {vacancies.departures.map((d) => (
                      <tr>
                        <td>{d.name}</td>
                        <td>{positionLabels[d.position] ?? d.position}</td>
                        <td>{d.leftOn}</td>
                        <td>{departureReasonLabels[d.departureReason] ?? d.departureReason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        )}

        {canPropose && term ? (
          <details class="card" open={attempt?.form === 'member'}>
            <summary style="cursor:pointer;font-weight:600;color:var(--accent)">补选成员</summary>
            <FormAlert attempt={attempt} form="member" />
            <form class="stack" method="post" action={`${base}/members`} novalidate style="margin-top:12px">
              <Csrf session={session} />
              <Field name="m.name" label="姓名" value={mv?.['m.name']} required error={memberErrors['name']} />
              <Field name="m.position" label="职务" value={mv?.['m.position'] ?? 'member'} options={positionOptions} error={memberErrors['position']} />
              <Field name="m.gender" label="性别" value={mv?.['m.gender']} options={[{ value: '', label: '请选择' }, { value: 'female', label: '女' }, { value: 'male', label: '男' }]} error={memberErrors['gender']} />
              <Field name="m.birthYear" label="出生年份" type="number" value={mv?.['m.birthYear']} required error={memberErrors['birthYear']} attrs={{ min: 1900, max: 2100 }} />
              <Field name="m.phone" label="联系电话" value={mv?.['m.phone']} error={memberErrors['phone']} hint="加密保存，页面只显示脱敏号码" attrs={{ inputmode: 'tel', autocomplete: 'off' }} />
              <Field name="m.idNumber" label="公民身份号码" value={mv?.['m.idNumber']} error={memberErrors['idNumber']} hint="加密保存；须与出生年份、性别一致" attrs={{ autocomplete: 'off' }} />
              <Check name="m.partyMember" label="中共党员" checked={mv?.['m.partyMember'] === 'on'} />
              <Check name="m.keepsJob" label="不脱离生产" checked={mv ? mv['m.keepsJob'] === 'on' : true} />
              <Field name="m.allowance" label="任期职务补贴（元/月）" type="number" value={mv?.['m.allowance']} error={memberErrors['allowanceYuanPerMonth']} attrs={{ min: 0 }} />
              <Field name="m.joinedOn" label="任职日期" type="date" value={mv?.['m.joinedOn']} required error={memberErrors['joinedOn']} />
              <div class="actions">
                <button type="submit">补选成员</button>
              </div>
            </form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="h-systems">
        <h2 id="h-systems">制度建设</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">制度</th>
                <th scope="col">状态</th>
                <th scope="col">建立日期</th>
                <th scope="col">文件文号</th>
              </tr>
            </thead>
            <tbody>
              {k.systems.map((s) => (
                <tr>
                  <th scope="row" style="white-space:normal">{s.label}</th>
                  <td style="white-space:nowrap">{s.adoptedOn ? <Tag kind="ok">已建立</Tag> : <Tag kind="warn">未建立</Tag>}</td>
                  <td>{s.adoptedOn ?? '—'}</td>
                  <td>{s.documentRef ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canEdit
          ? k.systems.map((s) => <SystemForm system={s} base={base} session={session} attempt={attempt} />)
          : null}
      </section>

      <section aria-labelledby="h-working">
        <h2 id="h-working">专门工作委员会</h2>
        {activeWorking.length ? (
          <div class="table-wrap">
            <table>
              <caption>现有专门工作委员会</caption>
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  <th scope="col">设立日期</th>
                </tr>
              </thead>
              <tbody>
                {activeWorking.map((w) => (
                  <tr>
                    <th scope="row">{w.name}</th>
                    <td>{w.establishedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{formerWorking.length ? '现无专门工作委员会。' : '尚未设立专门工作委员会。'}</p>
        )}
        {canEdit
          ? activeWorking.map((w) => (
            <EndForm
              form={`wcd.${w.id}`} action={`${base}/working-committees/${w.id}/dissolve`} session={session} attempt={attempt}
              summary={`撤销：${w.name}`} label="撤销日期" hint={`不早于设立日期 ${w.establishedOn}，不晚于今天；撤销后不再列入现有专门工作委员会`} button="撤销"
            />
          ))
          : null}
        {canEdit ? (
          <details class="card" open={attempt?.form === 'wc'}>
            <summary style="cursor:pointer;font-weight:600;color:var(--accent)">设立专门工作委员会</summary>
            <FormAlert attempt={attempt} form="wc" />
            <form class="stack" method="post" action={`${base}/working-committees`} novalidate style="margin-top:12px">
              <Csrf session={session} />
              <Field name="wc.name" label="名称" value={valuesFor('wc')?.['wc.name']} required error={wcErrors['name']} hint="如：人民调解委员会、治安保卫委员会、公共卫生委员会" />
              <Field name="wc.establishedOn" label="设立日期" type="date" value={valuesFor('wc')?.['wc.establishedOn']} required error={wcErrors['establishedOn']} />
              <div class="actions">
                <button type="submit">设立</button>
              </div>
            </form>
          </details>
        ) : null}
        {formerWorking.length ? (
          <>
            <h3 id="h-working-former">已撤销的专门工作委员会</h3>
            <div class="table-wrap">
              <table aria-labelledby="h-working-former">
                <thead>
                  <tr>
                    <th scope="col">名称</th>
                    <th scope="col">设立日期</th>
                    <th scope="col">撤销日期</th>
                  </tr>
                </thead>
                <tbody>
                  {formerWorking.map((w) => (
                    <tr>
                      <th scope="row">{w.name}</th>
                      <td>{w.establishedOn}</td>
                      <td>{w.dissolvedOn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="h-workers">
        <h2 id="h-workers">社会工作者</h2>
        {activeWorkers.length ? (
          <div class="table-wrap">
            <table>
              <caption>在聘社会工作者（联系电话已脱敏）</caption>
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">岗位</th>
                  <th scope="col">联系电话</th>
                  <th scope="col">聘用日期</th>
                </tr>
              </thead>
              <tbody>
                {activeWorkers.map((w) => (
                  <tr>
                    <th scope="row">{w.name}</th>
                    <td>{w.role}</td>
                    <td style="white-space:nowrap">{w.phone ?? '—'}</td>
                    <td>{w.hiredOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{formerWorkers.length ? '现无在聘社会工作者。' : '尚未聘用社会工作者。'}</p>
        )}
        {canEdit
          ? activeWorkers.map((w) => (
            <EndForm
              form={`swl.${w.id}`} action={`${base}/social-workers/${w.id}/leave`} session={session} attempt={attempt}
              summary={`解聘/离任：${w.name}（${w.role}）`} label="离任日期" hint={`不早于聘用日期 ${w.hiredOn}，不晚于今天`} button="记录解聘/离任"
            />
          ))
          : null}
        {canEdit ? (
          <details class="card" open={attempt?.form === 'sw'}>
            <summary style="cursor:pointer;font-weight:600;color:var(--accent)">登记聘用的社会工作者</summary>
            <FormAlert attempt={attempt} form="sw" />
            <form class="stack" method="post" action={`${base}/social-workers`} novalidate style="margin-top:12px">
              <Csrf session={session} />
              <Field name="sw.name" label="姓名" value={valuesFor('sw')?.['sw.name']} required error={swErrors['name']} />
              <Field name="sw.role" label="岗位" value={valuesFor('sw')?.['sw.role']} required error={swErrors['role']} hint="如：社区社工、养老服务社工" />
              <Field name="sw.phone" label="联系电话" value={valuesFor('sw')?.['sw.phone']} error={swErrors['phone']} hint="加密保存，页面只显示脱敏号码" attrs={{ inputmode: 'tel', autocomplete: 'off' }} />
              <Field name="sw.hiredOn" label="聘用日期" type="date" value={valuesFor('sw')?.['sw.hiredOn']} required error={swErrors['hiredOn']} />
              <div class="actions">
                <button type="submit">登记</button>
              </div>
            </form>
          </details>
        ) : null}
        {formerWorkers.length ? (
          <>
            <h3 id="h-workers-former">已离任的社会工作者</h3>
            <div class="table-wrap">
              <table aria-labelledby="h-workers-former">
                <thead>
                  <tr>
                    <th scope="col">姓名</th>
                    <th scope="col">岗位</th>
                    <th scope="col">聘用日期</th>
                    <th scope="col">离任日期</th>
                  </tr>
                </thead>
                <tbody>
                  {formerWorkers.map((w) => (
                    <tr>
                      <th scope="row">{w.name}</th>
                      <td>{w.role}</td>
                      <td>{w.hiredOn}</td>
                      <td>{w.leftOn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>
    </>
  );
};

const partyTypeOptions = [{ value: '', label: '请选择' }, ...partyOrganisationTypes.map((t) => ({ value: t, label: partyOrganisationTypeLabels[t] }))];
const chairsOptions = [{ value: '', label: '未登记' }, { value: 'yes', label: '是' }, { value: 'no', label: '否' }];
const yesNo = (v: boolean | null) => (v === null ? '未知' : v ? '是' : '否');

/** 社区党组织: the community's party organisation, its secretary and whether the secretary also chairs the committee (交叉任职). */
const PartySection: FC<{ party: CommitteeDetailView['partyOrganisation']; base: string; session: ConsoleSession; canEdit: boolean; attempt?: Attempt | undefined }> = ({ party: p, base, session, canEdit, attempt }) => {
  const errors = attempt?.form === 'party' ? fieldErrors(attempt.problem) : {};
  const v = attempt?.form === 'party' ? attempt.values : undefined;
  const recorded = p?.secretaryChairsRecorded === true ? 'yes' : p?.secretaryChairsRecorded === false ? 'no' : '';
  return (
    <section aria-labelledby="h-party">
      <h2 id="h-party">社区党组织</h2>
      {p ? (
        <div class="table-wrap">
          <table>
            <tbody>
              <tr><th scope="row">名称</th><td>{p.name}（{p.typeLabel}）</td></tr>
              <tr><th scope="row">书记</th><td>{p.secretaryName}</td></tr>
              <tr><th scope="row">成立日期</th><td>{p.establishedOn}</td></tr>
              <tr>
                <th scope="row">书记兼任居委会主任（交叉任职）</th>
                <td>
                  {p.secretaryChairsCommittee ? <Tag kind="ok">是</Tag> : <Tag kind="warn">{yesNo(p.secretaryChairsCommittee)}</Tag>}{' '}
                  <span class="muted">{p.concurrencyBasisLabel}{p.chairName ? `：现任主任 ${p.chairName}` : ''}</span>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">尚未登记社区党组织。</p>
      )}
      {canEdit ? (
        <details class="card" open={attempt?.form === 'party'}>
          <summary style="cursor:pointer;font-weight:600;color:var(--accent)">{p ? '修改社区党组织' : '登记社区党组织'}</summary>
          <FormAlert attempt={attempt} form="party" />
          <form class="stack" method="post" action={`${base}/party-organisation`} novalidate style="margin-top:12px">
            <Csrf session={session} />
            <Field name="p.name" label="党组织名称" value={v?.['p.name'] ?? p?.name} required error={errors['name']} hint="如：中共沙面社区委员会" />
            <Field name="p.type" label="类型" value={v?.['p.type'] ?? p?.type ?? ''} options={partyTypeOptions} error={errors['type']} />
            <Field name="p.secretaryName" label="书记姓名" value={v?.['p.secretaryName'] ?? p?.secretaryName} required error={errors['secretaryName']} />
            <Field name="p.chairs" label="书记兼任居委会主任" value={v?.['p.chairs'] ?? recorded} options={chairsOptions} error={errors['secretaryChairsCommittee']} hint="居委会有在任主任时，以主任姓名比对为准；此项仅在居委会暂无主任时采用" />
            <Field name="p.establishedOn" label="成立日期" type="date" value={v?.['p.establishedOn'] ?? p?.establishedOn} required error={errors['establishedOn']} />
            <div class="actions">
              <button type="submit">保存社区党组织</button>
            </div>
          </form>
        </details>
      ) : null}
    </section>
  );
};

const SystemForm: FC<{ system: CommitteeDetailView['systems'][number]; base: string; session: ConsoleSession; attempt?: Attempt | undefined }> = ({ system: s, base, session, attempt }) => {
  const key = `sys.${s.system as CommitteeSystem}`;
  const mine = attempt?.form === key;
  const errors = mine ? fieldErrors(attempt.problem) : {};
  const values = mine ? attempt.values : undefined;
  return (
    <details class="card" open={mine}>
      <summary style="cursor:pointer;font-weight:600;color:var(--accent)">{s.adoptedOn ? `更正：${s.label}` : `记录建立：${s.label}`}</summary>
      <FormAlert attempt={attempt} form={key} />
      <form class="stack" method="post" action={`${base}/systems/${s.system}`} novalidate style="margin-top:12px">
        <Csrf session={session} />
        <Field name={`${key}.adoptedOn`} label="建立日期" type="date" value={values?.[`${key}.adoptedOn`] ?? s.adoptedOn} required error={errors['adoptedOn']} />
        <Field name={`${key}.documentRef`} label="文件文号" value={values?.[`${key}.documentRef`] ?? s.documentRef} required error={errors['documentRef']} hint="如：沙面社居〔2026〕3号" />
        <div class="actions">
          <button type="submit">保存</button>
        </div>
      </form>
    </details>
  );
};

/** The form that ends one working committee or one social worker's engagement: a date, its error beside it. */
const EndForm: FC<{ form: string; action: string; session: ConsoleSession; attempt?: Attempt | undefined; summary: string; label: string; hint: string; button: string }> = (p) => {
  const mine = p.attempt?.form === p.form;
  const errors = mine ? fieldErrors(p.attempt!.problem) : {};
  const name = `${p.form}.date`;
  return (
    <details class="card" open={mine}>
      <summary style="cursor:pointer;font-weight:600;color:var(--accent)">{p.summary}</summary>
      <FormAlert attempt={p.attempt} form={p.form} />
      <form class="stack" method="post" action={p.action} novalidate style="margin-top:12px">
        <Csrf session={p.session} />
        <Field name={name} label={p.label} type="date" value={mine ? p.attempt!.values[name] : undefined} required error={errors['dissolvedOn'] ?? errors['leftOn']} hint={p.hint} />
        <div class="actions">
          <button type="submit" class="danger">{p.button}</button>
        </div>
      </form>
    </details>
  );
};

const reasonOptions = [{ value: '', label: '请选择' }, ...Object.entries(departureReasonLabels).map(([value, label]) => ({ value, label }))];

const MemberView: FC<{ committee: CommitteeDetailView; member: CommitteeMemberView; session: ConsoleSession; canPropose: boolean; flash: Flash; attempt?: Attempt | undefined }> = ({
  committee: k, member: m, session, canPropose, flash, attempt,
}) => {
  const base = `/console/committees/${k.id}/members/${m.id}`;
  const editErrors = attempt?.form === 'edit' ? fieldErrors(attempt.problem) : {};
  const ev = attempt?.form === 'edit' ? attempt.values : undefined;
  const leaveErrors = attempt?.form === 'leave' ? fieldErrors(attempt.problem) : {};
  const lv = attempt?.form === 'leave' ? attempt.values : undefined;
  const inTerm = k.currentTerm?.id === m.termId;
  return (
    <>
      {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
      <p class="muted">
        <a href={`/console/committees/${k.id}`}>返回{k.name}</a>
      </p>
      <div class="table-wrap">
        <table>
          <caption>成员信息（个人信息已脱敏）</caption>
          <tbody>
            <tr><th scope="row">职务</th><td>{m.positionLabel}</td></tr>
            <tr><th scope="row">任职</th><td>{m.joinedOn} 起{inTerm && k.currentTerm ? `，本届任期至 ${k.currentTerm.endsOn}` : ''}</td></tr>
            <tr><th scope="row">离任</th><td>{m.leftOn ? `${m.leftOn}（${m.departureReason ? departureReasonLabels[m.departureReason] : ''}）` : '在任'}</td></tr>
            <tr><th scope="row">性别 / 出生年份</th><td>{genderLabels[m.gender] ?? m.gender} / {m.birthYear}</td></tr>
            <tr><th scope="row">联系电话</th><td>{m.phone ?? '—'}</td></tr>
            <tr><th scope="row">公民身份号码</th><td>{m.idNumber ?? '—'}</td></tr>
            <tr><th scope="row">党员 / 不脱离生产</th><td>{m.partyMember ? '是' : '否'} / {m.keepsJob ? '是' : '否'}</td></tr>
            <tr><th scope="row">任期职务补贴</th><td>{m.allowanceYuanPerMonth === null ? '—' : `${num(m.allowanceYuanPerMonth)} 元/月`}</td></tr>
          </tbody>
        </table>
      </div>
      {canPropose && !m.leftOn ? (
        <>
          <section aria-labelledby="h-edit">
            <h2 id="h-edit">修改成员信息</h2>
            <FormAlert attempt={attempt} form="edit" />
            <form class="stack card" method="post" action={base} novalidate>
              <Csrf session={session} />
              <Field name="e.position" label="职务" value={ev?.['e.position'] ?? m.position} options={positionOptions} error={editErrors['position']} hint="居委会只设主任 1 名；调整主任须先改任或离任现任主任" />
              <Field name="e.phone" label="联系电话" value={ev?.['e.phone']} error={editErrors['phone']} hint={`不修改请留空（现为 ${m.phone ?? '未填写'}）`} attrs={{ inputmode: 'tel', autocomplete: 'off' }} />
              <Field name="e.idNumber" label="公民身份号码" value={ev?.['e.idNumber']} error={editErrors['idNumber']} hint={`不修改请留空（现为 ${m.idNumber ?? '未填写'}）`} attrs={{ autocomplete: 'off' }} />
              <Check name="e.partyMember" label="中共党员" checked={ev ? ev['e.partyMember'] === 'on' : m.partyMember} />
              <Check name="e.keepsJob" label="不脱离生产" checked={ev ? ev['e.keepsJob'] === 'on' : m.keepsJob} />
              <Field name="e.allowance" label="任期职务补贴（元/月）" type="number" value={ev?.['e.allowance'] ?? m.allowanceYuanPerMonth} error={editErrors['allowanceYuanPerMonth']} attrs={{ min: 0 }} />
              <div class="actions">
                <button type="submit">保存</button>
              </div>
            </form>
          </section>
          <section aria-labelledby="h-leave">
            <h2 id="h-leave">记录离任</h2>
            <p class="muted">离任后其职位计入本届缺额，可经补选补足。任期届满的离任请选“任期届满”。</p>
            <FormAlert attempt={attempt} form="leave" />
            <form class="stack card" method="post" action={`${base}/leave`} novalidate>
              <Csrf session={session} />
              <Field name="l.leftOn" label="离任日期" type="date" value={lv?.['l.leftOn']} required error={leaveErrors['leftOn']} />
              <Field name="l.departureReason" label="离任原因" value={lv?.['l.departureReason']} options={reasonOptions} error={leaveErrors['departureReason']} />
              <div class="actions">
                <button type="submit" class="danger">
                  记录离任
                </button>
              </div>
            </form>
          </section>
        </>
      ) : null}
    </>
  );
};
