import { Hono } from 'hono';
import type { DemandView, DepartmentSummaryView, demandSortKeys } from '../../../../shared/duties/schemas.js';
import { shanghaiDate } from '../../../../shared/dates.js';
import { ConsolePageError, query, type Problem } from '../../api.js';
import { type ConsoleContext, flashOf, formOf, page, pageStatus, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, shanghai, UnitName } from '../../layout.js';
import { apiQuery, ListSearch, listState, Pager, SortHeader } from '../../list.js';
import { loadUnits, UnitPicker, type PickerUnits } from '../../picker.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv, ConsoleSession } from '../../session.js';
import { canLogDemand, DepartmentList, departmentNames, DutiesNav } from './shared.js';

type Form = Record<string, string>;
type DemandPage = { items: DemandView[]; total: number; size: number };

export function demandPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const listPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const listed = listState('/console/duties/demands', (n) => c.req.query(n), ['unit', 'department']);
    const list = await api.get<DemandPage>(`/v1/unregistered-demands${apiQuery(listed)}`);
    if (!list.ok && list.status !== 400) throw new ConsolePageError(list.problem);
    const filterErrors = list.ok ? {} : fieldErrors(list.problem);
    const items = list.ok ? list.data.items : [];
    const flash = flashOf(c);
    const pick = await loadUnits(api, principal, ['township', 'village']);
    const sortable = (key: (typeof demandSortKeys)[number], label: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="department" />;
    return render(
      '未经准入的工作事项',
      <>
        <DutiesNav current="/console/duties/demands" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <ListSearch state={listed} label="部门或要求内容" shown={['unit', 'department']}>
          <UnitPicker name="unit" label="单位（含下级）" picker={pick} value={listed.filters['unit']} emptyLabel="全部（本级及下级）" error={filterErrors['unit']} />
          <Field name="department" label="职能部门" value={listed.filters['department']} error={filterErrors['department']} />
        </ListSearch>
        {!list.ok && !Object.keys(filterErrors).length ? <Alert kind="error">{problemText(list.problem)}</Alert> : null}
        <h2>部门要求社区承担的清单外工作</h2>
        {items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {sortable('department', '职能部门')}
                  <th scope="col">要求内容</th>
                  {sortable('unit', '被要求的单位')}
                  {sortable('demandedOn', '提出日期')}
                  <th scope="col" class="hide-narrow">登记时间</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr>
                    <td>
                      <a href={`/console/duties/demands${query({ department: d.department })}`}>{d.department}</a>
                    </td>
                    <td>{d.request}</td>
                    <td>
                      <UnitName code={d.unitCode} name={d.unitName} />
                    </td>
                    <td>{d.demandedOn}</td>
                    <td class="hide-narrow">{shanghai(d.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{listed.q || listed.filters['department'] ? '没有符合条件的记录。' : '尚未登记未经准入的工作事项。'}</p>
        )}
        {list.ok ? <Pager state={listed} total={list.data.total} size={list.data.size} /> : null}
        {canLogDemand(principal) ? (
          <>
            <h2 id="log">登记未经准入的工作事项</h2>
            <DemandForm session={session} form={state.form ?? { unitCode: principal.unit.length >= 9 ? principal.unit : '', demandedOn: shanghaiDate(options.clock.now()) }} problem={state.problem} units={pick} departments={await departmentNames(api)} />
          </>
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/duties/demands', (c) => listPage(c));

  app.post('/duties/demands', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<DemandView>('/v1/unregistered-demands', { department: form['department'] ?? '', request: form['request'] ?? '', demandedOn: form['demandedOn'] ?? '', unitCode: form['unitCode']?.trim() ?? '' });
    if (!result.ok) return listPage(c, { form, problem: result.problem });
    return c.redirect(withFlash('/console/duties/demands', { ok: `已登记${result.data.department}的清单外工作要求。` }), 303);
  });

  app.get('/duties/departments', async (c) => {
    const { principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const summary = await api.must<DepartmentSummaryView>('/v1/duties/departments');
    return render(
      '按部门汇总',
      <>
        <DutiesNav current="/console/duties/departments" />
        <p class="muted">各职能部门在册的社区工作事项、其中无经费的事项，以及部门向社区提出的未经准入工作要求。</p>
        {summary.items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">职能部门</th>
                  <th scope="col" class="num">在册事项</th>
                  <th scope="col" class="num">其中无经费</th>
                  <th scope="col" class="num">未经准入事项</th>
                </tr>
              </thead>
              <tbody>
                {summary.items.map((d) => (
                  <tr>
                    <th scope="row" style="white-space:normal">{d.department}</th>
                    <td class="num">{d.duties ? <a href={`/console/duties${query({ department: d.department, status: 'active' })}`}>{d.duties}</a> : 0}</td>
                    <td class="num">{d.dutiesWithoutFunds ? <a href={`/console/duties${query({ department: d.department, funded: 'no' })}`}>{d.dutiesWithoutFunds}</a> : 0}</td>
                    <td class="num">{d.unregisteredDemands ? <a href={`/console/duties/demands${query({ department: d.department })}`}>{d.unregisteredDemands}</a> : 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">尚无工作事项或清单外工作要求。</p>
        )}
      </>,
    );
  });

  return app;
}

const DemandForm = (p: { session: ConsoleSession; form: Form; problem?: Problem | undefined; units: PickerUnits; departments: string[] }) => {
  const errors = fieldErrors(p.problem);
  const e = (name: string) => errors[name];
  const shown = ['department', 'request', 'demandedOn', 'unitCode'].some((k) => errors[k]);
  return (
    <form class="stack card" method="post" action="/console/duties/demands" novalidate>
      <Csrf session={p.session} />
      {p.problem && !shown ? <Alert kind="error">{problemText(p.problem)}</Alert> : null}
      {p.problem && shown ? <Alert kind="error">填写的内容有误，请按各栏提示修改后重新提交。</Alert> : null}
      <Field name="department" label="提出要求的职能部门" value={p.form['department']} required error={e('department')} attrs={{ list: 'departments', autocomplete: 'off' }} />
      <DepartmentList names={p.departments} />
      <Field name="request" label="要求社区做的工作" value={p.form['request']} required error={e('request')} multiline />
      <Field name="demandedOn" label="提出日期" type="date" value={p.form['demandedOn']} required error={e('demandedOn')} />
      <UnitPicker name="unitCode" label="被要求的街道或社区" picker={p.units} value={p.form['unitCode']} required error={e('unitCode')} />
      <div class="actions">
        <button type="submit">登记</button>
      </div>
    </form>
  );
};
