import { Hono } from 'hono';
import { loadUnits, UnitPicker, type PickerUnits } from '../../picker.js';
import { shanghaiDate } from '../../../../shared/dates.js';
import { hoursOf, ledgerKindLabels } from '../../../../shared/services/rules.js';
import type { LedgerEntryView, LedgerView, organisationSortKeys, OrganisationView, volunteerSortKeys, VolunteerView } from '../../../../shared/services/schemas.js';
import { ConsolePageError, query, type Problem } from '../../api.js';
import { blankToUndefined, type ConsoleContext, flashOf, formOf, page, pageStatus, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, num, shanghai, Tag, UnitName } from '../../layout.js';
import { apiQuery, listState, Pager, SortHeader } from '../../list.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { canWrite, numberOf, ServicesNav, UnitFilter } from './shared.js';

type Form = Record<string, string>;
type Page<T> = { items: T[]; total: number; size: number };
const kindTags: Record<string, 'ok' | 'warn' | 'info'> = { deposit: 'ok', draw: 'warn', correction: 'info' };

/** A form's top message: the problem as a whole only when no field shows it. */
function lead(problem: Problem | undefined, errors: Record<string, string>, fields: string[]) {
  if (!problem) return null;
  const shown = problem.code !== 'insufficient_balance' && fields.some((f) => errors[f]);
  return <Alert kind="error">{shown ? '填写的内容有误，请按各栏提示修改后重新提交。' : problemText(problem)}</Alert>;
}

export function volunteerPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  // ---- 志愿者组织 ----
  const organisationsPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const listed = listState('/console/services/organisations', (n) => c.req.query(n), ['unit']);
    const [pick, list] = await Promise.all([loadUnits(api, principal, ['township', 'village']), api.get<Page<OrganisationView>>(`/v1/volunteer-organisations${apiQuery(listed)}`)]);
    const sortable = (key: (typeof organisationSortKeys)[number], label: string, cls?: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="unit" class={cls} />;
    if (!list.ok && list.status !== 400) throw new ConsolePageError(list.problem);
    const items = list.ok ? list.data.items : [];
    const flash = flashOf(c);
    const errors = fieldErrors(state.problem);
    if (state.problem?.status === 404) errors['unitCode'] ??= '不在您的管辖范围内';
    const form = state.form ?? { unitCode: principal.unit.length >= 9 ? principal.unit : '' };
    return render(
      '志愿者组织',
      <>
        <ServicesNav current="/console/services/organisations" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <UnitFilter state={listed} picker={pick} label="组织名称" error={list.ok ? undefined : (fieldErrors(list.problem)['unit'] ?? problemText(list.problem))} />
        <h2>组织名录</h2>
        {items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {sortable('name', '组织名称')}
                  {sortable('unit', '单位')}
                  {sortable('foundedOn', '成立日期')}
                  {sortable('volunteers', '志愿者', 'num')}
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr>
                    <td>{o.name}</td>
                    <td>
                      <UnitName code={o.unitCode} name={o.unitName} />
                    </td>
                    <td>{o.foundedOn ?? '—'}</td>
                    <td class="num">
                      <a href={`/console/services/volunteers${query({ unit: o.unitCode })}`} aria-label={`${o.name}所在单位的志愿者`}>
                        {num(o.volunteers)} 人
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{listed.q ? '没有符合条件的志愿者组织。' : '该范围内尚未登记志愿者组织。'}</p>
        )}
        {list.ok ? <Pager state={listed} total={list.data.total} size={list.data.size} /> : null}
        {canWrite(principal) ? (
          <>
            <h2 id="register">登记志愿者组织</h2>
            <form class="stack card" method="post" action="/console/services/organisations" novalidate>
              <Csrf session={session} />
              {lead(state.problem, errors, ['unitCode', 'name', 'foundedOn'])}
              <UnitPicker name="unitCode" label="所属街道（镇）或社区" picker={pick} value={form['unitCode']} required error={errors['unitCode']} />
              <Field name="name" label="组织名称" value={form['name']} required error={errors['name']} />
              <Field name="foundedOn" label="成立日期" type="date" value={form['foundedOn']} error={errors['foundedOn']} />
              <div class="actions">
                <button type="submit">登记</button>
              </div>
            </form>
          </>
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/services/organisations', (c) => organisationsPage(c));
  app.post('/services/organisations', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<OrganisationView>('/v1/volunteer-organisations', { unitCode: form['unitCode']?.trim() ?? '', name: form['name'] ?? '', foundedOn: blankToUndefined(form['foundedOn']) });
    if (!result.ok) return organisationsPage(c, { form, problem: result.problem });
    return c.redirect(withFlash(`/console/services/organisations${query({ unit: result.data.unitCode })}`, { ok: `已登记志愿者组织“${result.data.name}”。` }), 303);
  });

  // ---- 志愿者 ----
  const volunteersPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const listed = listState('/console/services/volunteers', (n) => c.req.query(n), ['unit', 'card']);
    const card = listed.filters['card']?.trim() ?? '';
    const [list, orgs, pick] = await Promise.all([
      api.get<Page<VolunteerView>>(`/v1/volunteers${apiQuery(listed)}`),
      canWrite(principal) ? api.get<Page<OrganisationView>>(`/v1/volunteer-organisations${query({ unit: principal.unit, size: 200, sort: 'name' })}`) : undefined,
      loadUnits(api, principal, ['township', 'village']),
    ]);
    if (!list.ok && list.status !== 400) throw new ConsolePageError(list.problem);
    const items = list.ok ? list.data.items : [];
    const sortable = (key: (typeof volunteerSortKeys)[number], label: string, cls?: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="community" class={cls} />;
    const communities: PickerUnits = { units: pick.units.filter((u) => u.level === 'village'), names: pick.names };
    const listErrors = list.ok ? {} : fieldErrors(list.problem);
    const flash = flashOf(c);
    const errors = fieldErrors(state.problem);
    if (state.problem?.status === 404) errors['communityCode'] ??= '不在您的管辖范围内';
    const form = state.form ?? { communityCode: principal.unit.length === 12 ? principal.unit : '', registeredOn: shanghaiDate(options.clock.now()) };
    return render(
      '志愿者与劳动储蓄',
      <>
        <ServicesNav current="/console/services/volunteers" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <UnitFilter state={listed} picker={pick} label="姓名或登记卡号" shown={['card']} error={listErrors['unit']}>
          <div class={listErrors['card'] ? 'field invalid' : 'field'} style="flex:1;min-width:180px">
            <label for="f-card">社区服务登记卡号（全市查找）</label>
            <input id="f-card" name="card" value={card} aria-invalid={listErrors['card'] ? 'true' : undefined} aria-describedby={listErrors['card'] ? 'f-card-error' : undefined} />
            {listErrors['card'] ? (
              <span class="field-error" id="f-card-error">
                {listErrors['card']}
              </span>
            ) : null}
          </div>
        </UnitFilter>
        {!list.ok && !listErrors['unit'] && !listErrors['card'] ? <Alert kind="error">{problemText(list.problem)}</Alert> : null}
        <h2>{card ? `登记卡号 ${card} 的志愿者` : '志愿者名册'}</h2>
        {items.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {sortable('card', '登记卡号')}
                  {sortable('name', '姓名')}
                  <th scope="col">电话</th>
                  {sortable('community', '社区')}
                  <th scope="col">志愿者组织</th>
                  {sortable('balance', '储蓄余额', 'num')}
                </tr>
              </thead>
              <tbody>
                {items.map((v) => (
                  <tr>
                    <td>
                      <a href={`/console/services/volunteers/${v.id}`}>{v.cardNumber}</a>
                    </td>
                    <td>{v.name}</td>
                    <td>{v.phone ?? '—'}</td>
                    <td>
                      <UnitName code={v.communityCode} name={v.communityName} />
                    </td>
                    <td>{v.organisationName ?? '—'}</td>
                    <td class="num">{num(v.balanceHours, 2)} 小时</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{card ? '本市没有该登记卡号的志愿者。' : listed.q ? '没有符合条件的志愿者。' : '该范围内尚未登记志愿者。'}</p>
        )}
        {list.ok ? <Pager state={listed} total={list.data.total} size={list.data.size} /> : null}
        {canWrite(principal) ? (
          <>
            <h2 id="register">志愿者登记</h2>
            <form class="stack card" method="post" action="/console/services/volunteers" novalidate>
              <Csrf session={session} />
              {lead(state.problem, errors, ['cardNumber', 'name', 'phone', 'communityCode', 'organisationId', 'registeredOn'])}
              <Field name="cardNumber" label="社区服务登记卡号" value={form['cardNumber']} required error={errors['cardNumber']} hint="4 至 32 位字母、数字或短横线，全市唯一，如 SM-2026-0001" />
              <Field name="name" label="姓名" value={form['name']} required error={errors['name']} />
              <Field name="phone" label="联系电话" type="tel" value={form['phone']} error={errors['phone']} hint="加密保存，页面上只显示遮盖后的号码" />
              <UnitPicker name="communityCode" label="所在社区" picker={communities} value={form['communityCode']} required error={errors['communityCode']} />
              <Field
                name="organisationId"
                label="志愿者组织"
                value={form['organisationId']}
                options={[{ value: '', label: '（未加入组织）' }, ...(orgs?.ok ? orgs.data.items.map((o) => ({ value: o.id, label: o.unitName ? `${o.name}（${o.unitName}）` : o.name })) : [])]}
                error={errors['organisationId']}
              />
              <Field name="registeredOn" label="登记日期" type="date" value={form['registeredOn']} error={errors['registeredOn']} />
              <div class="actions">
                <button type="submit">登记</button>
              </div>
            </form>
          </>
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/services/volunteers', (c) => volunteersPage(c));
  app.post('/services/volunteers', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<VolunteerView>('/v1/volunteers', {
      cardNumber: form['cardNumber'] ?? '',
      name: form['name'] ?? '',
      phone: blankToUndefined(form['phone']),
      communityCode: form['communityCode']?.trim() ?? '',
      organisationId: blankToUndefined(form['organisationId']),
      registeredOn: blankToUndefined(form['registeredOn']),
    });
    if (!result.ok) return volunteersPage(c, { form, problem: result.problem });
    return c.redirect(withFlash(`/console/services/volunteers/${result.data.id}`, { ok: `已登记志愿者 ${result.data.name}（登记卡 ${result.data.cardNumber}）。` }), 303);
  });

  // ---- 一名志愿者与劳动储蓄账 ----
  const volunteerPage = async (c: ConsoleContext, state: { form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    const pick = canWrite(principal) ? await loadUnits(api, principal, ['village']) : undefined;
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const id = encodeURIComponent(c.req.param('id') ?? '');
    const [v, ledger] = await Promise.all([api.must<VolunteerView>(`/v1/volunteers/${id}`), api.must<LedgerView>(`/v1/volunteers/${id}/ledger`)]);
    const flash = flashOf(c);
    const errors = fieldErrors(state.problem);
    if (state.problem?.code === 'insufficient_balance') {
      errors['minutes'] = `超出劳动储蓄余额：当前余额 ${num(ledger.balanceMinutes)} 分钟（${num(ledger.balanceHours, 2)} 小时），不能支取 ${state.form?.['minutes'] ?? ''} 分钟`;
    }
    if (state.problem?.status === 404) errors['communityCode'] ??= '不在您的管辖范围内';
    const today = shanghaiDate(options.clock.now());
    const form = state.form ?? {
      kind: 'deposit',
      communityCode: v.communityCode.startsWith(principal.unit) ? v.communityCode : principal.unit.length === 12 ? principal.unit : '',
      serviceDate: today,
    };
    const entryOptions = [
      { value: '', label: '（不是更正）' },
      ...ledger.entries.filter((e) => e.kind !== 'correction').map((e) => ({ value: e.id, label: `${e.serviceDate} ${e.kindLabel} ${Math.abs(e.minutes)} 分钟 ${e.service}` })),
    ];
    return render(
      `志愿者 ${v.name}`,
      <>
        <ServicesNav current="/console/services/volunteers" />
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        <div class="card">
          <p style="margin-top:0">
            社区服务登记卡 <strong>{v.cardNumber}</strong>　社区 <UnitName code={v.communityCode} name={v.communityName} />　电话 {v.phone ?? '—'}
          </p>
          <p class="muted" style="margin-bottom:0">
            登记日期 {v.registeredOn}
            {v.organisationName ? `　志愿者组织：${v.organisationName}` : '　未加入志愿者组织'}
          </p>
        </div>
        <h2>劳动储蓄</h2>
        <div class="grid" style="margin-bottom:16px">
          <div class="stat">
            已存入<b>{num(hoursOf(ledger.bankedMinutes), 2)} 小时</b>
          </div>
          <div class="stat">
            已支取<b>{num(hoursOf(ledger.drawnMinutes), 2)} 小时</b>
          </div>
          <div class="stat">
            余额<b>{num(ledger.balanceHours, 2)} 小时</b>
            <span class="muted">{num(ledger.balanceMinutes)} 分钟</span>
          </div>
        </div>
        {ledger.entries.length ? (
          <div class="table-wrap">
            <table>
              <caption>劳动储蓄账（按记账时间）</caption>
              <thead>
                <tr>
                  <th scope="col">服务日期</th>
                  <th scope="col">类别</th>
                  <th scope="col">服务内容</th>
                  <th scope="col" class="num">分钟</th>
                  <th scope="col">社区</th>
                  <th scope="col">记账时间</th>
                </tr>
              </thead>
              <tbody>
                {ledger.entries.map((e) => (
                  <tr>
                    <td>{e.serviceDate}</td>
                    <td>
                      <Tag kind={kindTags[e.kind]}>{e.kindLabel}</Tag>
                    </td>
                    <td>{e.service}</td>
                    <td class="num">{e.minutes > 0 ? `+${num(e.minutes)}` : num(e.minutes)}</td>
                    <td>
                      <UnitName code={e.communityCode} name={e.communityName} />
                    </td>
                    <td>{shanghai(e.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">尚无存入或支取记录。</p>
        )}
        {canWrite(principal) ? (
          <>
            <h2 id="entry">存入或支取时数</h2>
            <form class="stack card" method="post" action={`/console/services/volunteers/${v.id}/ledger`} novalidate>
              <Csrf session={session} />
              {lead(state.problem, errors, ['kind', 'minutes', 'communityCode', 'service', 'serviceDate', 'correctsEntryId'])}
              <Field name="kind" label="类别" value={form['kind']} options={Object.entries(ledgerKindLabels).map(([value, label]) => ({ value, label }))} required error={errors['kind']} hint="存入由提供服务的社区确认；支取由志愿者享受服务的社区记账；更正另记一笔" />
              <Field name="minutes" label="时长（分钟）" type="number" value={form['minutes']} required error={errors['minutes']} hint="1 小时 = 60 分钟；更正可填负数" attrs={{ inputmode: 'numeric' }} />
              <Field name="service" label="服务内容" value={form['service']} required error={errors['service']} hint="如：陪伴独居老人就医" />
              <Field name="serviceDate" label="服务日期" type="date" value={form['serviceDate']} required error={errors['serviceDate']} />
              <UnitPicker name="communityCode" label="记账社区" picker={pick!} value={form['communityCode']} required error={errors['communityCode']} />
              {ledger.entries.length ? <Field name="correctsEntryId" label="被更正的记录" value={form['correctsEntryId']} options={entryOptions} error={errors['correctsEntryId']} /> : null}
              <div class="actions">
                <button type="submit">记账</button>
              </div>
            </form>
          </>
        ) : null}
        <p>
          <a href={`/console/services/volunteers${query({ unit: v.communityCode.startsWith(principal.unit) ? v.communityCode : undefined })}`}>返回志愿者名册</a>
        </p>
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/services/volunteers/:id', (c) => volunteerPage(c));
  app.post('/services/volunteers/:id/ledger', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const result = await api.post<{ entry: LedgerEntryView; balanceHours: number }>(`/v1/volunteers/${encodeURIComponent(id)}/ledger`, {
      kind: form['kind'] ?? '',
      minutes: numberOf(form['minutes']),
      communityCode: form['communityCode']?.trim() ?? '',
      service: form['service'] ?? '',
      serviceDate: form['serviceDate'] ?? '',
      correctsEntryId: blankToUndefined(form['correctsEntryId']),
    });
    if (!result.ok) {
      if (result.status === 403) throw new ConsolePageError(result.problem);
      return volunteerPage(c, { form, problem: result.problem });
    }
    const done = `已${result.data.entry.kindLabel} ${Math.abs(result.data.entry.minutes)} 分钟，余额 ${num(result.data.balanceHours, 2)} 小时。`;
    return c.redirect(withFlash(`/console/services/volunteers/${id}`, { ok: done }), 303);
  });

  return app;
}
