import { Hono } from 'hono';
import { loadUnits, UnitPicker, type PickerUnits } from '../../picker.js';
import { facilityKindLabels, type FacilityKind } from '../../../../shared/services/rules.js';
import type { facilitySortKeys, FacilityView } from '../../../../shared/services/schemas.js';
import type { MemberUnitView } from '../../../../shared/conferences/schemas.js';
import { ConsolePageError, query, type Problem } from '../../api.js';
import { blankToNull, blankToUndefined, type ConsoleContext, flashOf, formOf, page, pageStatus, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, num, shanghai, Tag, UnitName } from '../../layout.js';
import { apiQuery, listState, Pager, SortHeader } from '../../list.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv, ConsoleSession } from '../../session.js';
import { canWrite, numberOf, ServicesNav, UnitFilter } from './shared.js';

type Form = Record<string, string>;
type FacilityPage = { items: FacilityView[]; total: number; size: number };
const kindOptions = Object.entries(facilityKindLabels).map(([value, label]) => ({ value, label }));
const remote = (kind: string | undefined) => kind === 'hotline' || kind === 'online_platform';

/** Member units whose facilities may be opened to residents (机关、团体、企事业单位的设施对社区开放). */
async function memberUnitOptions(api: ReturnType<typeof page>['api']) {
  const list = await api.get<{ items: MemberUnitView[] }>('/v1/member-units');
  return [{ value: '', label: '（本社区自有设施）' }, ...(list.ok ? list.data.items.map((m) => ({ value: m.id, label: m.name })) : [])];
}

export function facilityPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const listPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const listed = listState('/console/services/facilities', (n) => c.req.query(n), ['unit', 'kind']);
    const kind = listed.filters['kind'] ?? '';
    const list = await api.get<FacilityPage>(`/v1/facilities${apiQuery(listed)}`);
    if (!list.ok && list.status !== 400) throw new ConsolePageError(list.problem);
    const filterErrors = list.ok ? {} : fieldErrors(list.problem);
    const items = list.ok ? list.data.items : [];
    const flash = flashOf(c);
    const writer = canWrite(principal);
    const memberUnits = writer ? await memberUnitOptions(api) : [];
    const pick = await loadUnits(api, principal, ['township', 'village']);
    const sortable = (key: (typeof facilitySortKeys)[number], label: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="unit" />;
    return render(
      '社区服务设施',
      <>
        <ServicesNav current="/console/services/facilities" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <UnitFilter state={listed} picker={pick} label="设施名称" shown={['kind']} error={filterErrors['unit']}>
          <div class="field" style="min-width:180px">
            <label for="f-kind">设施类别</label>
            <select id="f-kind" name="kind">
              <option value="">全部</option>
              {kindOptions.map((k) => (
                <option value={k.value} selected={k.value === kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
        </UnitFilter>
        {!list.ok && !filterErrors['unit'] ? <Alert kind="error">{problemText(list.problem)}</Alert> : null}
        <h2>设施名录</h2>
        {items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {sortable('name', '名称')}
                  {sortable('kind', '类别')}
                  {sortable('unit', '单位')}
                  <th scope="col" class="num">面积（㎡）</th>
                  <th scope="col">地址或联系方式</th>
                  <th scope="col">开放时间</th>
                </tr>
              </thead>
              <tbody>
                {items.map((f) => (
                  <tr>
                    <td>
                      <a href={`/console/services/facilities/${f.id}`}>{f.name}</a>
                      {f.openedBy ? <div class="muted">{f.openedBy.name} 开放</div> : null}
                    </td>
                    <td>{f.kindLabel}</td>
                    <td>
                      <UnitName code={f.unitCode} name={f.unitName} />
                    </td>
                    <td class="num">{num(f.areaM2, 2)}</td>
                    <td>{f.address ?? f.contact ?? '—'}</td>
                    <td>{f.openingHours ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{listed.q || kind ? '没有符合条件的设施。' : '该范围内尚未登记设施。'}</p>
        )}
        {list.ok ? <Pager state={listed} total={list.data.total} size={list.data.size} /> : null}
        {writer ? (
          <>
            <h2 id="register">登记设施</h2>
            <FacilityForm
              session={session}
              action="/console/services/facilities"
              form={state.form ?? { unitCode: principal.unit.length >= 9 ? principal.unit : '' }}
              problem={state.problem}
              memberUnits={memberUnits}
              units={writer ? pick : undefined}
              submit="登记"
            />
          </>
        ) : (
          <p class="muted">您的角色只能查看设施，不能登记或修改。</p>
        )}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/services/facilities', (c) => listPage(c));

  app.post('/services/facilities', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<FacilityView>('/v1/facilities', {
      unitCode: form['unitCode']?.trim() ?? '',
      kind: form['kind'] ?? '',
      name: form['name'] ?? '',
      areaM2: numberOf(form['areaM2']),
      address: blankToUndefined(form['address']),
      openingHours: blankToUndefined(form['openingHours']),
      contact: blankToUndefined(form['contact']),
      openedBy: blankToUndefined(form['openedBy']),
    });
    if (!result.ok) return listPage(c, { form, problem: result.problem });
    return c.redirect(withFlash(`/console/services/facilities/${result.data.id}`, { ok: `已登记设施“${result.data.name}”。` }), 303);
  });

  const detailPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const f = await api.must<FacilityView>(`/v1/facilities/${encodeURIComponent(c.req.param('id') ?? '')}`);
    const flash = flashOf(c);
    const writer = canWrite(principal);
    const form: Form = state.form ?? {
      kind: f.kind,
      name: f.name,
      areaM2: f.areaM2 === null ? '' : String(f.areaM2),
      address: f.address ?? '',
      openingHours: f.openingHours ?? '',
      contact: f.contact ?? '',
      openedBy: f.openedBy?.memberUnitId ?? '',
    };
    return render(
      f.name,
      <>
        <ServicesNav current="/console/services/facilities" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <div class="card">
          <p style="margin-top:0">
            <Tag kind="info">{f.kindLabel}</Tag> {f.unitName ? <>{f.unitName} <span class="muted">{f.unitCode}</span></> : `单位 ${f.unitCode}`}
            {f.openedBy ? `　由成员单位“${f.openedBy.name}”向居民开放` : ''}
          </p>
          <dl class="grid" style="margin:12px 0">
            <div>
              <dt class="muted">面积</dt>
              <dd style="margin:0">{f.areaM2 === null ? '—' : `${num(f.areaM2, 2)} ㎡`}</dd>
            </div>
            <div>
              <dt class="muted">地址</dt>
              <dd style="margin:0">{f.address ?? '—'}</dd>
            </div>
            <div>
              <dt class="muted">开放时间</dt>
              <dd style="margin:0">{f.openingHours ?? '—'}</dd>
            </div>
            <div>
              <dt class="muted">电话或网址</dt>
              <dd style="margin:0">{f.contact ?? '—'}</dd>
            </div>
          </dl>
          <p class="muted" style="margin-bottom:0">登记于 {shanghai(f.createdAt)}，最后修改 {shanghai(f.updatedAt)}</p>
        </div>
        {writer ? (
          <>
            <h2>修改设施</h2>
            <FacilityForm session={session} action={`/console/services/facilities/${f.id}`} form={form} problem={state.problem} memberUnits={await memberUnitOptions(api)} submit="保存修改" fixedKind={f.kind} />
          </>
        ) : null}
        <p>
          <a href={`/console/services/facilities${query({ unit: f.unitCode })}`}>返回设施名录</a>
        </p>
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/services/facilities/:id', (c) => detailPage(c));

  app.post('/services/facilities/:id', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const areaM2 = numberOf(form['areaM2']);
    const result = await api.patch<FacilityView>(`/v1/facilities/${encodeURIComponent(id)}`, {
      name: form['name'] ?? '',
      areaM2: areaM2 === undefined ? null : areaM2,
      address: blankToNull(form['address']),
      openingHours: blankToNull(form['openingHours']),
      contact: blankToNull(form['contact']),
      openedBy: blankToNull(form['openedBy']),
    });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return detailPage(c, { form, problem: result.problem });
    }
    return c.redirect(withFlash(`/console/services/facilities/${id}`, { ok: '设施信息已保存。' }), 303);
  });

  return app;
}

const FacilityForm = (p: { session: ConsoleSession; action: string; form: Form; problem?: Problem | undefined; memberUnits: { value: string; label: string }[]; submit: string; fixedKind?: FacilityKind; units?: PickerUnits | undefined }) => {
  const errors = fieldErrors(p.problem);
  const e = (name: string) => errors[name];
  const isRemote = remote(p.fixedKind ?? p.form['kind']);
  const shown = Object.keys(errors).some((k) => ['unitCode', 'kind', 'name', 'areaM2', 'address', 'openingHours', 'contact', 'openedBy'].includes(k));
  const unitOutside = p.problem?.status === 404 && !p.fixedKind;
  return (
    <form class="stack card" method="post" action={p.action} novalidate>
      <Csrf session={p.session} />
      {p.problem && !shown && !unitOutside ? <Alert kind="error">{problemText(p.problem)}</Alert> : null}
      {p.problem && (shown || unitOutside) ? <Alert kind="error">填写的内容有误，请按各栏提示修改后重新提交。</Alert> : null}
      {p.fixedKind || !p.units ? null : (
        <>
          <UnitPicker name="unitCode" label="所属街道（镇）或社区" picker={p.units} value={p.form['unitCode']} required error={e('unitCode') ?? (unitOutside ? '不在您的管辖范围内' : undefined)} />
          <Field name="kind" label="设施类别" value={p.form['kind']} options={kindOptions} required error={e('kind')} />
        </>
      )}
      <Field name="name" label="名称" value={p.form['name']} required error={e('name')} />
      <Field name="address" label="地址" value={p.form['address']} error={e('address')} hint="场所类设施须填写；热线、网络平台可留空" />
      <Field name="areaM2" label="面积（平方米）" value={p.form['areaM2']} error={e('areaM2')} hint={isRemote ? '热线、网络平台没有面积，请留空' : '可留空；最多两位小数'} attrs={{ inputmode: 'decimal' }} />
      <Field name="openingHours" label="开放时间" value={p.form['openingHours']} error={e('openingHours')} hint="如：周一至周日 08:00-21:00" />
      <Field name="contact" label="电话或网址" value={p.form['contact']} error={e('contact')} hint="服务热线电话、网络服务平台须填写" />
      <Field name="openedBy" label="开放设施的成员单位" value={p.form['openedBy']} options={p.memberUnits} error={e('openedBy')} hint="机关、团体、企事业单位的设施对社区开放时选择" />
      <div class="actions">
        <button type="submit">{p.submit}</button>
      </div>
    </form>
  );
};
