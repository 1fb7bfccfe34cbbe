import { Hono } from 'hono';
import { dutyStatusLabels } from '../../../../shared/duties/rules.js';
import type { DutyView, dutySortKeys } from '../../../../shared/duties/schemas.js';
import { ConsolePageError, type Problem } from '../../api.js';
import { ConfirmStep } from '../../confirm.js';
import { blankToUndefined, type ConsoleContext, flashOf, formOf, page, pageStatus, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, shanghai, Tag } from '../../layout.js';
import { apiQuery, ListSearch, listState, Pager, SortHeader } from '../../list.js';
import { loadUnits, UnitPicker, type PickerUnits } from '../../picker.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv, ConsoleSession } from '../../session.js';
import { AppliesTo, canRegister, DepartmentList, departmentNames, DutiesNav, Funds, fundingOptions } from './shared.js';

type Form = Record<string, string>;
type DutyPage = { items: DutyView[]; total: number; size: number };
const slotsOf = (form: Form) => Object.keys(form).filter((k) => /^appliesTo\.\d+$/.test(k)).length;

/** The units the form names, in slot order, blanks dropped; the form renumbered to match, so an error's index finds its slot. */
function appliesToOf(form: Form): string[] {
  const codes = Object.keys(form)
    .filter((k) => /^appliesTo\.\d+$/.test(k))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map((k) => form[k]!.trim())
    .filter(Boolean);
  for (const k of Object.keys(form)) if (k.startsWith('appliesTo.')) delete form[k];
  codes.forEach((code, n) => (form[`appliesTo.${n}`] = code));
  return codes;
}

const dutyBody = (form: Form) => {
  const fundingBasis = form['fundingBasis'] ?? '';
  return {
    department: form['department'] ?? '',
    title: form['title'] ?? '',
    basis: form['basis'] ?? '',
    appliesTo: appliesToOf(form),
    startsOn: form['startsOn'] ?? '',
    fundingBasis,
    fundsYuan: fundingBasis === 'none' ? null : (blankToUndefined(form['fundsYuan']?.replace(/[,，\s]/g, '')) ?? null),
    fundingDocument: fundingBasis === 'none' ? null : (blankToUndefined(form['fundingDocument']) ?? null),
  };
};

export function dutyRegisterPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const listPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const listed = listState('/console/duties', (n) => c.req.query(n), ['unit', 'department', 'funded', 'status']);
    const list = await api.get<DutyPage>(`/v1/duties${apiQuery(listed)}`);
    if (!list.ok && list.status !== 400) throw new ConsolePageError(list.problem);
    const filterErrors = list.ok ? {} : fieldErrors(list.problem);
    const items = list.ok ? list.data.items : [];
    const flash = flashOf(c);
    const registrar = canRegister(principal);
    const pick = await loadUnits(api, principal, ['township', 'village']);
    const sortable = (key: (typeof dutySortKeys)[number], label: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="department" />;
    return render(
      '社区工作事项准入清单',
      <>
        <DutiesNav current="/console/duties" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <ListSearch state={listed} label="事项、部门或依据" shown={['unit', 'department', 'funded', 'status']}>
          <UnitPicker name="unit" label="适用单位（含下级）" picker={pick} value={listed.filters['unit']} emptyLabel="全部（本级及下级）" error={filterErrors['unit']} />
          <Field name="department" label="职能部门" value={listed.filters['department']} error={filterErrors['department']} />
          <Field name="funded" label="经费" value={listed.filters['funded'] ?? ''} options={[{ value: '', label: '全部' }, { value: 'yes', label: '随事转移经费' }, { value: 'no', label: '无经费' }]} />
          <Field name="status" label="状态" value={listed.filters['status'] ?? ''} options={[{ value: '', label: '全部' }, ...Object.entries(dutyStatusLabels).map(([value, label]) => ({ value, label }))]} />
        </ListSearch>
        {!list.ok && !Object.keys(filterErrors).length ? <Alert kind="error">{problemText(list.problem)}</Alert> : null}
        <h2>在册工作事项</h2>
        {items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {sortable('department', '职能部门')}
                  {sortable('title', '工作事项')}
                  <th scope="col">适用单位</th>
                  {sortable('startsOn', '开始日期')}
                  <th scope="col">随事转移经费</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr>
                    <td>{d.department}</td>
                    <td>
                      <a href={`/console/duties/${d.id}`}>{d.title}</a>
                    </td>
                    <td>
                      <AppliesTo duty={d} />
                    </td>
                    <td>{d.startsOn}</td>
                    <td>
                      <Funds duty={d} />
                    </td>
                    <td>
                      <Tag kind={d.status === 'active' ? 'ok' : 'info'}>{d.statusLabel}</Tag>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{listed.q || listed.filters['department'] || listed.filters['funded'] ? '没有符合条件的工作事项。' : '清单中尚无工作事项。'}</p>
        )}
        {list.ok ? <Pager state={listed} total={list.data.total} size={list.data.size} /> : null}
        {registrar ? (
          <>
            <h2 id="register">登记工作事项</h2>
            <DutyForm session={session} action="/console/duties" form={state.form ?? { fundingBasis: 'per_community' }} problem={state.problem} units={pick} departments={await departmentNames(api)} submit="登记" />
          </>
        ) : (
          <p class="muted">清单由市民政局维护；部门要求社区承担清单以外的工作时，请在“未经准入事项”中登记。</p>
        )}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/duties', (c) => listPage(c));

  app.post('/duties', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<DutyView>('/v1/duties', dutyBody(form));
    if (!result.ok) return listPage(c, { form, problem: result.problem });
    return c.redirect(withFlash(`/console/duties/${result.data.id}`, { ok: `已登记工作事项“${result.data.title}”。` }), 303);
  });

  const detailPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem; end?: Form } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const d = await api.must<DutyView>(`/v1/duties/${encodeURIComponent(c.req.param('id') ?? '')}`);
    const flash = flashOf(c);
    const registrar = canRegister(principal) && d.endedOn === null;
    const form: Form = state.form ?? {
      department: d.department,
      title: d.title,
      basis: d.basis,
      startsOn: d.startsOn,
      fundingBasis: d.fundingBasis,
      fundsYuan: d.fundsYuan ?? '',
      fundingDocument: d.fundingDocument ?? '',
      ...Object.fromEntries(d.appliesTo.map((u, n) => [`appliesTo.${n}`, u.code])),
    };
    const endErrors = state.end ? fieldErrors(state.problem) : {};
    return render(
      d.title,
      <>
        <DutiesNav current="/console/duties" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <div class="card">
          <p style="margin-top:0">
            <Tag kind={d.status === 'active' ? 'ok' : 'info'}>{d.statusLabel}</Tag> {d.department}
          </p>
          <dl class="grid" style="margin:12px 0">
            <div>
              <dt class="muted">法律或政策依据</dt>
              <dd style="margin:0">{d.basis}</dd>
            </div>
            <div>
              <dt class="muted">适用单位</dt>
              <dd style="margin:0">
                <AppliesTo duty={d} />
              </dd>
            </div>
            <div>
              <dt class="muted">开始日期</dt>
              <dd style="margin:0">{d.startsOn}</dd>
            </div>
            <div>
              <dt class="muted">随事转移经费</dt>
              <dd style="margin:0">
                <Funds duty={d} />
              </dd>
            </div>
            <div>
              <dt class="muted">经费文号</dt>
              <dd style="margin:0">{d.fundingDocument ?? '—'}</dd>
            </div>
            {d.endedOn ? (
              <div>
                <dt class="muted">终止</dt>
                <dd style="margin:0">
                  {d.endedOn}
                  {d.endReason ? `（${d.endReason}）` : ''}
                </dd>
              </div>
            ) : null}
          </dl>
          <p class="muted" style="margin-bottom:0">登记于 {shanghai(d.createdAt)}，最后修改 {shanghai(d.updatedAt)}</p>
        </div>
        {registrar ? (
          <>
            <h2>修改工作事项</h2>
            <DutyForm session={session} action={`/console/duties/${d.id}`} form={form} problem={state.end ? undefined : state.problem} units={await loadUnits(api, principal, ['township', 'village'])} departments={await departmentNames(api)} submit="保存修改" />
            <h2>终止工作事项</h2>
            <form class="stack card" method="post" action={`/console/duties/${d.id}/end`} novalidate>
              <Csrf session={session} />
              {state.end && state.problem && !Object.keys(endErrors).length ? <Alert kind="error">{problemText(state.problem)}</Alert> : null}
              <Field name="endedOn" label="终止日期" type="date" value={state.end?.['endedOn']} required error={endErrors['endedOn']} hint="自该日起不再计入清单和经费统计" />
              <Field name="reason" label="终止原因" value={state.end?.['reason']} error={endErrors['reason']} />
              <div class="actions">
                <button type="submit" class="secondary">
                  终止…
                </button>
              </div>
            </form>
          </>
        ) : null}
        <p>
          <a href="/console/duties">返回准入清单</a>
        </p>
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/duties/:id', (c) => detailPage(c));

  app.post('/duties/:id', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const result = await api.patch<DutyView>(`/v1/duties/${encodeURIComponent(id)}`, dutyBody(form));
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return detailPage(c, { form, problem: result.problem });
    }
    return c.redirect(withFlash(`/console/duties/${id}`, { ok: '工作事项已保存。' }), 303);
  });

  app.post('/duties/:id/end', async (c) => {
    const { session, api, render } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    // an empty date goes straight to the API, which names the field; a date is confirmed first
    if (form['confirm'] !== 'yes' && form['endedOn']) {
      const d = await api.must<DutyView>(`/v1/duties/${encodeURIComponent(id)}`);
      return render(
        `终止“${d.title}”`,
        <ConfirmStep
          session={session}
          action={`/console/duties/${id}/end`}
          label="确认终止"
          cancel={`/console/duties/${id}`}
          facts={[['职能部门', d.department], ['工作事项', d.title], ['终止日期', form['endedOn']], ['终止原因', form['reason'] || '—']]}
          consequence="终止后该事项不再计入准入清单和随事转移经费的统计，也不能再修改。"
          fields={{ endedOn: form['endedOn'], reason: form['reason'] ?? '' }}
        />,
      );
    }
    const result = await api.post<DutyView>(`/v1/duties/${encodeURIComponent(id)}/end`, { endedOn: form['endedOn'] ?? '', reason: blankToUndefined(form['reason']) });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return detailPage(c, { end: form, problem: result.problem });
    }
    return c.redirect(withFlash(`/console/duties/${id}`, { ok: `工作事项已于 ${result.data.endedOn} 终止。` }), 303);
  });

  return app;
}

const DutyForm = (p: { session: ConsoleSession; action: string; form: Form; problem?: Problem | undefined; units: PickerUnits; departments: string[]; submit: string }) => {
  const errors = fieldErrors(p.problem);
  const e = (name: string) => errors[name];
  const slots = Math.max(slotsOf(p.form) + 2, 3);
  const shown = Object.keys(errors).some((k) => /^(department|title|basis|startsOn|fundingBasis|fundsYuan|fundingDocument|appliesTo)/.test(k));
  return (
    <form class="stack card" method="post" action={p.action} novalidate>
      <Csrf session={p.session} />
      {p.problem && !shown ? <Alert kind="error">{problemText(p.problem)}</Alert> : null}
      {p.problem && shown ? <Alert kind="error">填写的内容有误，请按各栏提示修改后重新提交。</Alert> : null}
      <Field name="department" label="职能部门" value={p.form['department']} required error={e('department')} hint="如：市卫生健康委员会；同一部门请用同一名称" attrs={{ list: 'departments', autocomplete: 'off' }} />
      <DepartmentList names={p.departments} />
      <Field name="title" label="工作事项" value={p.form['title']} required error={e('title')} />
      <Field name="basis" label="法律或政策依据" value={p.form['basis']} required error={e('basis')} multiline />
      <fieldset>
        <legend>适用单位（街道或社区，选择街道即含其下各社区）</legend>
        {e('appliesTo') ? <p class="error">{e('appliesTo')}</p> : null}
        {Array.from({ length: slots }, (_, n) => (
          <UnitPicker name={`appliesTo.${n}`} label={`适用单位 ${n + 1}`} picker={p.units} value={p.form[`appliesTo.${n}`]} emptyLabel="（不选）" error={e(`appliesTo.${n}`)} />
        ))}
      </fieldset>
      <Field name="startsOn" label="开始日期" type="date" value={p.form['startsOn']} required error={e('startsOn')} />
      <Field name="fundingBasis" label="随事转移经费" value={p.form['fundingBasis']} options={fundingOptions} required error={e('fundingBasis')} />
      <Field name="fundsYuan" label="金额（元/年）" value={p.form['fundsYuan']} error={e('fundsYuan')} hint="无经费时留空；最多两位小数" attrs={{ inputmode: 'decimal' }} />
      <Field name="fundingDocument" label="拨付经费文号" value={p.form['fundingDocument']} error={e('fundingDocument')} hint="如：穗财社〔2026〕12号；无经费时留空" />
      <div class="actions">
        <button type="submit">{p.submit}</button>
      </div>
    </form>
  );
};
