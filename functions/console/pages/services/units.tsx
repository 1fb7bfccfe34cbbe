import { Hono } from 'hono';
import { loadUnits, UnitPicker, type PickerUnits } from '../../picker.js';
import { serviceTargetLabels } from '../../../../shared/services/rules.js';
import type { CertificationHistoryView, serviceUnitSortKeys, ServiceUnitView } from '../../../../shared/services/schemas.js';
import type { CertificationStatus } from '../../../../shared/services/rules.js';
import { ConsolePageError, query, type Problem } from '../../api.js';
import { type ConsoleContext, flashOf, formOf, page, pageStatus, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, num, shanghai, Tag, UnitName } from '../../layout.js';
import { apiQuery, listState, Pager, SortHeader } from '../../list.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv, ConsoleSession } from '../../session.js';
import { authorityKinds, canWrite, fundingLabels, numberOf, profitLabels, ServicesNav, UnitFilter } from './shared.js';

type Form = Record<string, string>;
type ServiceUnitPage = { items: ServiceUnitView[]; total: number; size: number };
const fundingOptions = Object.entries(fundingLabels).map(([value, label]) => ({ value, label }));
const profitOptions = Object.entries(profitLabels).map(([value, label]) => ({ value, label }));
const targetsOf = (targets: string[]) => targets.map((t) => serviceTargetLabels[t as keyof typeof serviceTargetLabels] ?? t).join('、');

/** The form's fields → the API's body: services one per line (or separated by 、，), targets from the ticked boxes. */
function unitBody(form: Form) {
  return {
    name: form['name'] ?? '',
    services: (form['services'] ?? '').split(/[\r\n、,，;；]+/).map((s) => s.trim()).filter(Boolean),
    targets: Object.keys(serviceTargetLabels).filter((t) => form[`targets.${t}`]),
    funding: form['funding'] ?? '',
    profitStatus: form['profitStatus'] ?? '',
    nonStateAssetsYuan: numberOf(form['nonStateAssetsYuan']),
    totalAssetsYuan: numberOf(form['totalAssetsYuan']),
  };
}

const formOfUnit = (u: ServiceUnitView): Form => ({
  name: u.name,
  services: u.services.join('\n'),
  ...Object.fromEntries(u.targets.map((t) => [`targets.${t}`, 'on'])),
  funding: u.funding,
  profitStatus: u.profitStatus,
  nonStateAssetsYuan: String(u.nonStateAssetsYuan),
  totalAssetsYuan: String(u.totalAssetsYuan),
});

export function serviceUnitPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const listPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const listed = listState('/console/services/units', (n) => c.req.query(n), ['unit']);
    const [list, pick] = await Promise.all([api.get<ServiceUnitPage>(`/v1/service-units${apiQuery(listed)}`), loadUnits(api, principal, ['township', 'village'])]);
    if (!list.ok && list.status !== 400) throw new ConsolePageError(list.problem);
    const items = list.ok ? list.data.items : [];
    const flash = flashOf(c);
    const writer = canWrite(principal);
    const sortable = (key: (typeof serviceUnitSortKeys)[number], label: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="unit" />;
    return render(
      '社区服务单位',
      <>
        <ServicesNav current="/console/services/units" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <p class="muted">
          以政府投入为主渠道的社区服务单位，参照社会福利事业单位进行管理；利用非国有资产举办、非国有资产份额不低于总财产三分之二的非营利性社区服务单位，由民政部门进行民办非企业单位登记管理；营利性的由工商部门登记管理。登记机关由系统按此计算。
        </p>
        <UnitFilter state={listed} picker={pick} label="服务单位名称" error={list.ok ? undefined : (fieldErrors(list.problem)['unit'] ?? problemText(list.problem))} />
        <h2>服务单位名录</h2>
        {items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {sortable('name', '名称')}
                  {sortable('unit', '单位')}
                  <th scope="col">服务对象</th>
                  {sortable('authority', '登记管理')}
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr>
                    <td>
                      <a href={`/console/services/units/${u.id}`}>{u.name}</a>
                      <div class="muted">{u.services.join('、')}</div>
                    </td>
                    <td>
                      <UnitName code={u.unitCode} name={u.unitName} />
                    </td>
                    <td>{targetsOf(u.targets)}</td>
                    <td>
                      <Tag kind={authorityKinds[u.registrationAuthority]}>{u.registrationAuthorityLabel}</Tag>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{listed.q ? '没有符合条件的服务单位。' : '该范围内尚未登记服务单位。'}</p>
        )}
        {list.ok ? <Pager state={listed} total={list.data.total} size={list.data.size} /> : null}
        {writer ? (
          <>
            <h2 id="register">登记服务单位</h2>
            <UnitForm session={session} action="/console/services/units" form={state.form ?? { unitCode: principal.unit.length >= 9 ? principal.unit : '' }} problem={state.problem} submit="登记" units={writer ? pick : undefined} />
          </>
        ) : (
          <p class="muted">您的角色只能查看服务单位，不能登记或修改。</p>
        )}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/services/units', (c) => listPage(c));

  app.post('/services/units', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<ServiceUnitView>('/v1/service-units', { unitCode: form['unitCode']?.trim() ?? '', ...unitBody(form) });
    if (!result.ok) return listPage(c, { form, problem: result.problem });
    return c.redirect(withFlash(`/console/services/units/${result.data.id}`, { ok: `已登记“${result.data.name}”：${result.data.registrationAuthorityLabel}。` }), 303);
  });

  const detailPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem; certForm?: Form; certProblem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const id = encodeURIComponent(c.req.param('id') ?? '');
    const [u, certs] = await Promise.all([api.must<ServiceUnitView>(`/v1/service-units/${id}`), api.must<CertificationHistoryView>(`/v1/service-units/${id}/certifications`)]);
    const flash = flashOf(c);
    return render(
      u.name,
      <>
        <ServicesNav current="/console/services/units" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <section class="card" aria-labelledby="authority">
          <h2 id="authority" style="margin-top:0">
            登记管理：<Tag kind={authorityKinds[u.registrationAuthority]}>{u.registrationAuthorityLabel}</Tag>
          </h2>
          <p>依据：{u.registrationReason}</p>
        </section>
        <div class="table-wrap">
          <table>
            <caption>基本情况</caption>
            <tbody>
              <tr>
                <th scope="row">所属单位</th>
                <td>{u.unitName ? <>{u.unitName} <span class="muted">{u.unitCode}</span></> : u.unitCode}</td>
              </tr>
              <tr>
                <th scope="row">服务项目</th>
                <td>{u.services.join('、')}</td>
              </tr>
              <tr>
                <th scope="row">服务对象</th>
                <td>{targetsOf(u.targets)}</td>
              </tr>
              <tr>
                <th scope="row">投资主体</th>
                <td>{fundingLabels[u.funding]}</td>
              </tr>
              <tr>
                <th scope="row">性质</th>
                <td>{profitLabels[u.profitStatus]}</td>
              </tr>
              <tr>
                <th scope="row">非国有资产 / 总财产</th>
                <td>
                  {num(u.nonStateAssetsYuan)} 元 / {num(u.totalAssetsYuan)} 元
                  {u.totalAssetsYuan > 0 ? `（${num((u.nonStateAssetsYuan / u.totalAssetsYuan) * 100, 1)}%）` : ''}
                </td>
              </tr>
              <tr>
                <th scope="row">登记时间</th>
                <td>
                  {shanghai(u.createdAt)}，最后修改 {shanghai(u.updatedAt)}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <CertificationSection certs={certs} session={session} action={`/console/services/units/${u.id}/certifications`} canEdit={canWrite(principal)} form={state.certForm} problem={state.certProblem} />
        {canWrite(principal) ? (
          <>
            <h2>修改服务单位</h2>
            <p class="muted">保存后系统按修改后的投资主体、性质和资产重新确定登记管理机关。</p>
            <UnitForm session={session} action={`/console/services/units/${u.id}`} form={state.form ?? formOfUnit(u)} problem={state.problem} submit="保存修改" />
          </>
        ) : null}
        <p>
          <a href={`/console/services/units${query({ unit: u.unitCode })}`}>返回服务单位名录</a>
        </p>
      </>,
      state.problem ? pageStatus(state.problem) : state.certProblem ? pageStatus(state.certProblem) : 200,
    );
  };

  app.get('/services/units/:id', (c) => detailPage(c));

  app.post('/services/units/:id/certifications', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const body = { certifyingBody: (form['certifyingBody'] ?? '').trim(), certificateNumber: (form['certificateNumber'] ?? '').trim(), certifiedOn: (form['certifiedOn'] ?? '').trim(), expiresOn: (form['expiresOn'] ?? '').trim() };
    const result = await api.post<CertificationHistoryView>(`/v1/service-units/${encodeURIComponent(id)}/certifications`, body);
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return detailPage(c, { certForm: form, certProblem: result.problem });
    }
    return c.redirect(withFlash(`/console/services/units/${id}`, { ok: `已登记认证证书 ${body.certificateNumber}：${result.data.statusLabel}，有效期至 ${body.expiresOn}。` }), 303);
  });

  app.post('/services/units/:id', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const result = await api.patch<ServiceUnitView>(`/v1/service-units/${encodeURIComponent(id)}`, unitBody(form));
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return detailPage(c, { form, problem: result.problem });
    }
    return c.redirect(withFlash(`/console/services/units/${id}`, { ok: `已保存。登记管理：${result.data.registrationAuthorityLabel}。` }), 303);
  });

  return app;
}

const certificationKinds: Record<CertificationStatus, 'ok' | 'warn' | 'bad' | 'info'> = { valid: 'ok', expiring: 'warn', expired: 'bad', none: 'info' };

/** 行业管理和认证制度: the current certificate, its status today, the earlier ones, and the form to record one or its renewal. */
const CertificationSection = (p: { certs: CertificationHistoryView; session: ConsoleSession; action: string; canEdit: boolean; form?: Form | undefined; problem?: Problem | undefined }) => {
  const { certs } = p;
  const errors = fieldErrors(p.problem);
  const current = certs.current;
  return (
    <section class="card" aria-labelledby="certification">
      <h2 id="certification" style="margin-top:0">
        行业认证：<Tag kind={certificationKinds[certs.status]}>{certs.statusLabel}</Tag>
      </h2>
      {current ? (
        <p>
          证书 {current.certificateNumber}，{current.certifyingBody}于 {current.certifiedOn} 认证，有效期至 {current.expiresOn}
          {certs.daysLeft !== null && certs.daysLeft >= 0 ? `（还有 ${certs.daysLeft} 天）` : '（已过期）'}。到期前 30 天系统提醒所属社区和街道。
        </p>
      ) : (
        <p class="muted">尚未登记认证证书。</p>
      )}
      {certs.history.length > 1 ? (
        <div class="table-wrap">
          <table>
            <caption>认证记录</caption>
            <thead>
              <tr>
                <th scope="col">证书编号</th>
                <th scope="col">认证机构</th>
                <th scope="col">认证日期</th>
                <th scope="col">有效期至</th>
              </tr>
            </thead>
            <tbody>
              {certs.history.map((h) => (
                <tr>
                  <td>{h.certificateNumber}</td>
                  <td>{h.certifyingBody}</td>
                  <td>{h.certifiedOn}</td>
                  <td>{h.expiresOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {p.canEdit ? (
        <details open={Boolean(p.problem)}>
          <summary style="cursor:pointer;font-weight:600;color:var(--accent)">{current ? '登记续期认证' : '登记认证证书'}</summary>
          <form class="stack" method="post" action={p.action} novalidate style="margin-top:12px">
            <Csrf session={p.session} />
            {p.problem ? <Alert kind="error">{Object.keys(errors).length ? '填写的内容有误，请按各栏提示修改后重新提交。' : problemText(p.problem)}</Alert> : null}
            <Field name="certifyingBody" label="认证机构" value={p.form?.['certifyingBody'] ?? current?.certifyingBody} required error={errors['certifyingBody']} />
            <Field name="certificateNumber" label="证书编号" value={p.form?.['certificateNumber']} required error={errors['certificateNumber']} />
            <Field name="certifiedOn" label="认证日期" type="date" value={p.form?.['certifiedOn']} required error={errors['certifiedOn']} hint={current ? `续期证书的认证日期应晚于现有证书（${current.certifiedOn}）` : undefined} />
            <Field name="expiresOn" label="有效期至" type="date" value={p.form?.['expiresOn']} required error={errors['expiresOn']} />
            <div class="actions">
              <button type="submit">保存认证</button>
            </div>
          </form>
        </details>
      ) : null}
    </section>
  );
};

const UnitForm = (p: { session: ConsoleSession; action: string; form: Form; problem?: Problem | undefined; submit: string; units?: PickerUnits | undefined }) => {
  const errors = fieldErrors(p.problem);
  const e = (name: string) => errors[name];
  const fields = ['unitCode', 'name', 'services', 'targets', 'funding', 'profitStatus', 'nonStateAssetsYuan', 'totalAssetsYuan'];
  const unitOutside = p.problem?.status === 404 && p.units;
  const shown = Object.keys(errors).some((k) => fields.includes(k) || k.startsWith('services.') || k.startsWith('targets.')) || unitOutside;
  const serviceError = e('services') ?? Object.entries(errors).find(([k]) => k.startsWith('services.'))?.[1];
  const targetError = e('targets') ?? Object.entries(errors).find(([k]) => k.startsWith('targets.'))?.[1];
  return (
    <form class="stack card" method="post" action={p.action} novalidate>
      <Csrf session={p.session} />
      {p.problem ? <Alert kind="error">{shown ? '填写的内容有误，请按各栏提示修改后重新提交。' : problemText(p.problem)}</Alert> : null}
      {p.units ? <UnitPicker name="unitCode" label="所属街道（镇）或社区" picker={p.units} value={p.form['unitCode']} required error={e('unitCode') ?? (unitOutside ? '不在您的管辖范围内' : undefined)} /> : null}
      <Field name="name" label="单位名称" value={p.form['name']} required error={e('name')} />
      <Field name="services" label="服务项目" value={p.form['services']} multiline required error={serviceError} hint="每行一项，如：居家养老、日间照料" />
      <fieldset class={targetError ? 'field invalid' : 'field'} aria-describedby={targetError ? 'f-targets-error' : undefined}>
        <legend>服务对象 *</legend>
        <div class="actions">
          {Object.entries(serviceTargetLabels).map(([value, label]) => (
            <label>
              <input type="checkbox" name={`targets.${value}`} checked={Boolean(p.form[`targets.${value}`])} /> {label}
            </label>
          ))}
        </div>
        {targetError ? (
          <span class="field-error" id="f-targets-error">
            {targetError}
          </span>
        ) : null}
      </fieldset>
      <Field name="funding" label="投资主体" value={p.form['funding']} options={fundingOptions} required error={e('funding')} />
      <Field name="profitStatus" label="性质" value={p.form['profitStatus']} options={profitOptions} required error={e('profitStatus')} />
      <Field name="nonStateAssetsYuan" label="非国有资产（元）" value={p.form['nonStateAssetsYuan']} required error={e('nonStateAssetsYuan')} attrs={{ inputmode: 'numeric' }} />
      <Field name="totalAssetsYuan" label="总财产（元）" value={p.form['totalAssetsYuan']} required error={e('totalAssetsYuan')} hint="非国有资产份额不低于总财产三分之二的非营利性单位，由民政部门登记为民办非企业单位" attrs={{ inputmode: 'numeric' }} />
      <div class="actions">
        <button type="submit">{p.submit}</button>
      </div>
    </form>
  );
};
