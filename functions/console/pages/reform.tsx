import { Hono } from 'hono';
import { loadUnits, UnitPicker } from '../picker.js';
import { hasRole, type Role } from '../../../shared/auth/principal.js';
import type { DivisionView } from '../../../shared/hierarchy/schemas.js';
import {
  checklistResultLabels, cityPilotDesignators, demonstrationLabels, demonstrationRecorders, pilotDesignators, pilotKindLabels, pilotRuleLabels, pilotUnitReasonLabels,
  selfInspectors, type DemonstrationLevel, type PilotKind,
} from '../../../shared/reform/rules.js';
import type { demonstrationSortKeys, DemonstrationView, PilotCheckView, PilotView, ProgrammeView, ReformFiguresView, SelfInspectionView } from '../../../shared/reform/schemas.js';
import { query, type Problem } from '../api.js';
import { type ConsoleContext, FlashMessages, formOf, page, withFlash } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { ActionButton, Alert, Csrf, Field, num, shanghai, Tag, UnitName } from '../layout.js';
import { apiQuery, ListSearch, listState, Pager, SortHeader } from '../list.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv, ConsoleSession } from '../session.js';
import { optionsOf, PhaseTable, ResultTag, StatusTag, SubNav } from './reform/common.js';
import { sectionOf } from '../menu.js';

type Principal = ConsoleSession['principal'];
type Form = Record<string, string>;

const sections = sectionOf('/console/reform');

/** Who may write, as the reform service checks it (shared/reform/service.ts): a city user with one of the roles. */
const cityHas = (p: Principal, allowed: readonly Role[]) => p.kind === 'city' && hasRole(p, allowed);
const canDesignate = (p: Principal) => cityHas(p, pilotDesignators);
const canRecordDemonstration = (p: Principal) => cityHas(p, demonstrationRecorders);
const canInspect = (p: Principal) => cityHas(p, selfInspectors);

function reformErrors(problem: Problem | undefined): Record<string, string> {
  return fieldErrors(problem);
}
const kindLabel = (kind: string | null) => (kind ? (pilotKindLabels[kind as PilotKind] ?? kind) : '不能作为试点');

/** Each unmet pilot rule of the API, said in Chinese from its fields (the units named, the counts, the reason code). */
function unmetText(u: PilotCheckView['unmet'][number]): string {
  const list = u.named.map((x) => `${x.name}（${x.code}）`).join('、');
  const n = u.named.length;
  switch (u.rule) {
    case 'one_district':
      return n === 0 ? '尚未选择试点区' : `只能选择 1 个区，现选了 ${n} 个：${list}`;
    case 'seat_pilot':
      return `现选 ${u.counts?.towns ?? 0} 个镇、${u.counts?.streets ?? 0} 个街道${n ? `：${list}` : ''}`;
    case 'county_town':
      return `现选 ${n} 个${n ? `：${list}` : ''}`;
    case 'district_streets':
      return `${u.unit.name}现有 ${n} 个试点街道${n ? `：${list}` : ''}`;
    case 'street_in_pilot_district':
      return `${u.unit.name}已整体列为试点区，其街道不再单独列为试点：${list}`;
    case 'invalid_designation':
      return `${u.unit.name}（${u.unit.code}）不能作为试点：${u.reason ? pilotUnitReasonLabels[u.reason] : (u.message)}`;
  }
}

interface CheckRow {
  ok: boolean;
  rule: string;
  detail: string;
}

/** The pilot rules that apply to the scope, each met or not: the API returns only what is unmet; what applies is read from the map. */
function checkRows(check: PilotCheckView, districts: DivisionView[]): CheckRow[] {
  const unmetOf = (rule: string, unit: string) => check.unmet.find((u) => u.rule === rule && u.unit.code === unit);
  const of = (kind: PilotKind) => check.pilots.filter((p) => p.kind === kind);
  const named = (ps: { unitCode: string; unitName: string }[]) => ps.map((p) => `${p.unitName}（${p.unitCode}）`).join('、');
  const rows: CheckRow[] = [];
  const cityLevel = check.scope.length === 4;
  const row = (rule: string, unitCode: string, title: string, okDetail: string) => {
    const u = unmetOf(rule, unitCode);
    rows.push({ ok: !u, rule: title, detail: u ? unmetText(u) : okDetail });
  };
  if (cityLevel && check.hasDistricts) row('one_district', check.city.code, pilotRuleLabels.one_district, `已选：${named(of('district'))}`);
  if (cityLevel && !check.hasDistricts) row('seat_pilot', check.city.code, pilotRuleLabels.seat_pilot, `已选：${named([...of('seat_town'), ...of('seat_streets')])}`);
  if (cityLevel && check.hasCounties) row('county_town', check.city.code, pilotRuleLabels.county_town, `已选：${named(of('county_town'))}`);
  const pilotDistricts = new Set(of('district').map((p) => p.unitCode));
  for (const d of districts.filter((x) => x.kind === 'district' && x.code.startsWith(check.scope.slice(0, 6)) && (cityLevel || x.code === check.scope))) {
    if (pilotDistricts.has(d.code)) {
      row('street_in_pilot_district', d.code, `${d.name}：列为试点区，整体试点`, '全区试点，街道不单独列为试点');
    } else {
      const streets = of('district_street').filter((p) => p.unitCode.startsWith(d.code));
      row('district_streets', d.code, `${d.name}：${pilotRuleLabels.district_streets}`, `已选 ${streets.length} 个：${named(streets)}`);
    }
  }
  for (const u of check.unmet.filter((x) => x.rule === 'invalid_designation')) rows.push({ ok: false, rule: pilotRuleLabels.invalid_designation, detail: unmetText(u) });
  // an unmet rule the map did not lead to (e.g. a district no longer listed) is still shown
  for (const u of check.unmet) {
    const shown = rows.some((r) => !r.ok && r.detail === unmetText(u));
    if (!shown) rows.push({ ok: false, rule: pilotRuleLabels[u.rule], detail: unmetText(u) });
  }
  return rows;
}


const FormProblem = ({ problem, errors, fields }: { problem: Problem | undefined; errors: Record<string, string>; fields: string[] }) => {
  if (!problem) return null;
  const placed = fields.some((f) => errors[f]);
  return <Alert kind="error">{placed ? `${problemText({ ...problem, detail: undefined })}。请按各栏提示修改后重新提交。` : problemText(problem)}</Alert>;
};

export function reformPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  // —— 阶段与统计 ——
  app.get('/reform', async (c) => {
    const { principal, api, render } = page(c, options);
    const [programme, figures] = await Promise.all([api.must<ProgrammeView>(`/v1/reform/programme${query({ unit: principal.unit })}`), api.must<ReformFiguresView>('/v1/reform/figures')]);
    const pilotKinds = Object.entries(figures.pilots);
    return render(
      '城市基层管理体制改革',
      <>
        <SubNav items={sections} current="/console/reform" />
        <FlashMessages c={c} />
        <PhaseTable programme={programme} />
        {programme.unit ? (
          <p class="card">
            本单位 {programme.unit.name}（{programme.unit.code}）：
            {programme.unit.pilots.length ? `属于改革试点（${programme.unit.pilots.map((p) => `${kindLabel(p.kind)} ${p.unitName ?? p.unitCode}`).join('、')}）` : '不属于改革试点'}
            {programme.unit.demonstrations.length ? `；${programme.unit.demonstrations.map((d) => `${demonstrationLabels[d.level]}（${d.designatedOn} 命名）`).join('、')}` : ''}。
          </p>
        ) : null}
        <h2>改革统计</h2>
        <div class="grid">
          <div class="stat">
            试点规则
            <b>{figures.pilotRulesSatisfied === null ? '—' : figures.pilotRulesSatisfied ? '已满足' : '未满足'}</b>
            <a href="/console/reform/pilots">查看检查结果</a>
          </div>
          <div class="stat">
            “城中村”改造试点社区<b>{num(figures.urbanVillagePilots)}</b>
          </div>
          {(Object.keys(demonstrationLabels) as DemonstrationLevel[]).map((level) => (
            <div class="stat">
              {demonstrationLabels[level]}
              <b>{num(figures.demonstrations[level])}</b>
            </div>
          ))}
          <div class="stat">
            自查（未报送 / 已报送）
            <b>
              {num(figures.selfInspections.draft)} / {num(figures.selfInspections.submitted)}
            </b>
          </div>
        </div>
        <div class="table-wrap" style="margin-top:16px">
          <table>
            <caption>试点单位（按类型）</caption>
            <thead>
              <tr>
                <th scope="col">类型</th>
                <th scope="col" class="num">个数</th>
              </tr>
            </thead>
            <tbody>
              {pilotKinds.length === 0 ? (
                <tr>
                  <td colspan={2}>尚未确定试点单位。</td>
                </tr>
              ) : (
                pilotKinds.map(([kind, n]) => (
                  <tr>
                    <th scope="row">{kind === 'invalid' ? '不能作为试点的指定' : kindLabel(kind)}</th>
                    <td class="num">{num(n)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </>,
    );
  });

  // —— 改革试点 ——
  const pilotsPage = async (c: ConsoleContext, form: Form = {}, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const [check, pilots, counties, townships] = await Promise.all([
      api.must<PilotCheckView>('/v1/reform/pilots/check'),
      api.must<{ items: PilotView[] }>('/v1/reform/pilots'),
      api.must<{ items: DivisionView[] }>('/v1/divisions?level=county&limit=1000'),
      canDesignate(principal) ? api.must<{ items: DivisionView[] }>('/v1/divisions?level=township&limit=1000') : Promise.resolve({ items: [] as DivisionView[] }),
    ]);
    const rows = checkRows(check, counties.items);
    const errors = reformErrors(problem);
    if (problem && !errors['unitCode'] && (problem.status === 404 || problem.code === 'conflict' || problem.code === 'forbidden')) {
      errors['unitCode'] = problem.status === 404 ? '未找到该单位，或不在您的管辖范围内' : problem.code === 'conflict' ? '该单位已是试点' : '区只能确定本区的试点街道；试点区、试点镇由市确定';
    }
    const mayWithdraw = (p: PilotView) => canDesignate(principal) && (p.kind === 'district_street' || cityHas(principal, cityPilotDesignators));
    const candidates = [...(cityHas(principal, cityPilotDesignators) ? counties.items.filter((d) => d.kind === 'district') : []), ...townships.items.filter((d) => d.kind === 'subdistrict' || d.kind === 'town')];
    return render(
      '改革试点',
      <>
        <SubNav items={sections} current="/console/reform/pilots" />
        <FlashMessages c={c} />
        <section class="card" aria-labelledby="check-title">
          <h2 id="check-title" style="margin-top:0">
            试点规则检查 {check.satisfied ? <Tag kind="ok">全部满足</Tag> : <Tag kind="bad">{`${check.unmet.length} 项未满足`}</Tag>}
          </h2>
          <p class="muted">
            依据实施意见第四部分：地级以上市选择 1 个区（不设区的市选择市政府所在地的 1 个镇或 2—3 个街道）、1 个县(市)城镇作为改革试点；没列入试点的区也要选择 2—3 个街道作为试点。
            检查范围：{check.scope === check.city.code ? check.city.name : `${counties.items.find((d) => d.code === check.scope)?.name ?? ''}（${check.scope}）`}。
          </p>
          <ul style="list-style:none;padding-left:0;margin:0">
            {rows.map((r) => (
              <li style="padding:4px 0;border-bottom:1px solid #e5e7eb">
                {r.ok ? <Tag kind="ok">✓ 已满足</Tag> : <Tag kind="bad">✗ 未满足</Tag>} <strong>{r.rule}</strong>
                <br />
                <span class={r.ok ? 'muted' : undefined}>{r.detail}</span>
              </li>
            ))}
          </ul>
          <p class="muted" style="margin-bottom:0">
            “城中村”改造试点（条件成熟的城市开展，在社区档案中标记）：
            {check.urbanVillagePilots.length ? check.urbanVillagePilots.map((u) => `${u.name}（${u.code}）`).join('、') : '暂无'}
          </p>
        </section>
        <div class="table-wrap">
          <table>
            <caption>试点单位</caption>
            <thead>
              <tr>
                <th scope="col">单位（代码）</th>
                <th scope="col">试点类型</th>
                <th scope="col">确定日期</th>
                <th scope="col">说明</th>
                {canDesignate(principal) ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {pilots.items.length === 0 ? (
                <tr>
                  <td colspan={canDesignate(principal) ? 5 : 4}>尚未确定试点单位。</td>
                </tr>
              ) : (
                pilots.items.map((p) => (
                  <tr>
                    <td>
                      {p.unitName}
                      <br />
                      <span class="muted">{p.unitCode}</span>
                    </td>
                    <td>{p.kind ? (p.kindLabel ?? kindLabel(p.kind)) : <Tag kind="bad">不能作为试点</Tag>}</td>
                    <td>{p.designatedOn}</td>
                    <td>{p.note ?? ''}</td>
                    {canDesignate(principal) ? (
                      <td style="white-space:nowrap">{mayWithdraw(p) ? <ActionButton session={session} action={`/console/reform/pilots/${p.id}/withdraw`} label="撤销试点" kind="secondary" /> : null}</td>
                    ) : null}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {canDesignate(principal) ? (
          <form class="stack card" method="post" action="/console/reform/pilots" novalidate>
            <h2 style="margin-top:0">确定试点</h2>
            <FormProblem problem={problem} errors={errors} fields={['unitCode', 'designatedOn', 'note']} />
            <Csrf session={session} />
            <UnitPicker
              name="unitCode"
              label="试点单位"
              picker={{ units: candidates, names: new Map([...counties.items, ...townships.items].map((d) => [d.code, d.name])) }}
              value={form['unitCode']}
              error={errors['unitCode']}
              required
              hint={cityHas(principal, cityPilotDesignators) ? '可选区或街道、镇；系统按区划判断试点类型。' : '选择本区的街道。'}
            />
            <Field name="designatedOn" label="确定日期" type="date" value={form['designatedOn']} error={errors['designatedOn']} hint="不填为今天" />
            <Field name="note" label="说明" value={form['note']} error={errors['note']} multiline />
            <div class="actions">
              <button type="submit">确定为试点</button>
            </div>
          </form>
        ) : null}
      </>,
      problem ? 400 : 200,
    );
  };
  app.get('/reform/pilots', (c) => pilotsPage(c));
  app.post('/reform/pilots', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const body = {
      unitCode: (form['unitCode'] ?? '').trim(),
      ...(form['designatedOn'] ? { designatedOn: form['designatedOn'] } : {}),
      ...(form['note']?.trim() ? { note: form['note'].trim() } : {}),
    };
    const result = await api.post<PilotView>('/v1/reform/pilots', body);
    if (!result.ok) return pilotsPage(c, form, result.problem);
    return c.redirect(withFlash('/console/reform/pilots', { ok: `已确定 ${result.data.unitName} 为${result.data.kindLabel ?? '试点'}。` }), 303);
  });
  app.post('/reform/pilots/:id/withdraw', async (c) => {
    const { api } = page(c, options);
    const result = await api.delete(`/v1/reform/pilots/${encodeURIComponent(c.req.param('id'))}`);
    if (!result.ok) return c.redirect(withFlash('/console/reform/pilots', { error: problemText(result.problem) }), 303);
    return c.redirect(withFlash('/console/reform/pilots', { ok: '已撤销该试点。' }), 303);
  });

  // —— 示范单位 ——
  const demonstrationsPage = async (c: ConsoleContext, form: Form = {}, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const listed = listState('/console/reform/demonstrations', (n) => c.req.query(n));
    const list = await api.must<{ items: DemonstrationView[]; total: number; size: number }>(`/v1/reform/demonstrations${apiQuery(listed)}`);
    const sortable = (key: (typeof demonstrationSortKeys)[number], label: string) => <SortHeader state={listed} sortKey={key} label={label} defaultSort="level" />;
    const units = canRecordDemonstration(principal) ? await loadUnits(api, principal, ['county', 'township', 'village']) : undefined;
    const errors = reformErrors(problem);
    if (problem?.status === 404 && !errors['unitCode']) errors['unitCode'] = '未找到该单位，或不在本市区划内';
    if (problem?.code === 'conflict' && !errors['unitCode']) errors['unitCode'] = '该单位在此日期已登记为同级示范单位';
    return render(
      '示范区、示范街道（镇）、示范居委会',
      <>
        <SubNav items={sections} current="/console/reform/demonstrations" />
        <FlashMessages c={c} />
        <p class="muted">全面铺开阶段同时开展创建社区建设示范区、示范街道（镇）、示范居委会活动。此处登记已作出的命名。</p>
        <ListSearch state={listed} label="单位名称" />
        <div class="table-wrap">
          <table>
            <caption>示范单位</caption>
            <thead>
              <tr>
                {sortable('level', '类别')}
                {sortable('unit', '单位')}
                {sortable('designatedOn', '命名日期')}
                <th scope="col">命名单位</th>
                <th scope="col">文号</th>
              </tr>
            </thead>
            <tbody>
              {list.items.length === 0 ? (
                <tr>
                  <td colspan={5}>{listed.q ? '没有符合条件的示范单位。' : '尚未登记示范单位。'}</td>
                </tr>
              ) : (
                list.items.map((d) => (
                  <tr>
                    <td>{d.levelLabel}</td>
                    <td>
                      <UnitName code={d.unitCode} name={d.unitName} />
                    </td>
                    <td>{d.designatedOn}</td>
                    <td>{d.designatedBy}</td>
                    <td>{d.documentNumber ?? '—'}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <Pager state={listed} total={list.total} size={list.size} />
        {canRecordDemonstration(principal) ? (
          <form class="stack card" method="post" action="/console/reform/demonstrations" novalidate>
            <h2 style="margin-top:0">登记示范单位</h2>
            <FormProblem problem={problem} errors={errors} fields={['level', 'unitCode', 'designatedOn', 'designatedBy', 'documentNumber']} />
            <Csrf session={session} />
            <Field
              name="level"
              label="类别"
              value={form['level'] ?? 'committee'}
              error={errors['level']}
              required
              options={(Object.keys(demonstrationLabels) as DemonstrationLevel[]).map((l) => ({ value: l, label: demonstrationLabels[l] }))}
            />
            <UnitPicker name="unitCode" label="单位" picker={units!} value={form['unitCode']} error={errors['unitCode']} required hint="示范区选区（县），示范街道（镇）选街道或镇，示范居委会选社区；可输入名称筛选" />
            <Field name="designatedOn" label="命名日期" type="date" value={form['designatedOn']} error={errors['designatedOn']} required />
            <Field name="designatedBy" label="命名单位" value={form['designatedBy']} error={errors['designatedBy']} required hint="如：广东省民政厅" />
            <Field name="documentNumber" label="文号" value={form['documentNumber']} error={errors['documentNumber']} hint="如：粤民发〔2026〕12号" />
            <div class="actions">
              <button type="submit">登记</button>
            </div>
          </form>
        ) : null}
      </>,
      problem ? 400 : 200,
    );
  };
  app.get('/reform/demonstrations', (c) => demonstrationsPage(c));
  app.post('/reform/demonstrations', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<DemonstrationView>('/v1/reform/demonstrations', {
      level: form['level'] ?? '',
      unitCode: (form['unitCode'] ?? '').trim(),
      designatedOn: form['designatedOn'] ?? '',
      designatedBy: form['designatedBy'] ?? '',
      ...(form['documentNumber']?.trim() ? { documentNumber: form['documentNumber'].trim() } : {}),
    });
    if (!result.ok) return demonstrationsPage(c, form, result.problem);
    return c.redirect(withFlash('/console/reform/demonstrations', { ok: `已登记 ${result.data.unitName} 为${result.data.levelLabel}。` }), 303);
  });

  // —— 自查 ——
  const inspectionsPage = async (c: ConsoleContext, form: Form = {}, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const [list, counties] = await Promise.all([
      api.must<{ items: SelfInspectionView[] }>('/v1/reform/self-inspections'),
      canInspect(principal) && principal.unit.length === 4 ? api.must<{ items: DivisionView[] }>('/v1/divisions?level=county&limit=1000') : Promise.resolve({ items: [] as DivisionView[] }),
    ]);
    const errors = reformErrors(problem);
    if (problem && !errors['unitCode']) errors['unitCode'] = problem.code === 'conflict' ? reformConflict(problem) : problemText(problem);
    const units = principal.unit.length === 4 ? [{ value: principal.unit, label: '本市' }, ...counties.items.map((d) => ({ value: d.code, label: d.name }))] : [{ value: principal.unit, label: '本区' }];
    return render(
      '自查',
      <>
        <SubNav items={sections} current="/console/reform/self-inspections" />
        <FlashMessages c={c} />
        <p class="muted">检查验收阶段：在各市、区自查基础上，省组织工作组抽查验收。自查按省民政厅发布的最新自查清单逐项填写，全部填写后报送；报送后不能再修改。</p>
        <div class="table-wrap">
          <table>
            <caption>自查</caption>
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">清单版本</th>
                <th scope="col">进度</th>
                <th scope="col">状态</th>
                <th scope="col">开始</th>
                <th scope="col">报送</th>
              </tr>
            </thead>
            <tbody>
              {list.items.length === 0 ? (
                <tr>
                  <td colspan={6}>尚未开始自查。</td>
                </tr>
              ) : (
                list.items.map((s) => (
                  <tr>
                    <td>
                      <a href={`/console/reform/self-inspections/${s.id}`}>
                        {s.unitName}（{s.unitCode}）
                      </a>
                    </td>
                    <td>第 {s.checklistVersion} 版</td>
                    <td>
                      已填 {s.items.filter((i) => i.result).length} / {s.items.length} 项
                    </td>
                    <td>
                      <StatusTag status={s.status} />
                    </td>
                    <td>{shanghai(s.createdAt)}</td>
                    <td>{shanghai(s.submittedAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {canInspect(principal) ? (
          <form class="stack card" method="post" action="/console/reform/self-inspections" novalidate>
            <h2 style="margin-top:0">开始自查</h2>
            <Csrf session={session} />
            <Field name="unitCode" label="自查单位" value={form['unitCode'] ?? principal.unit} options={units} error={errors['unitCode']} required />
            <div class="actions">
              <button type="submit">按最新清单开始自查</button>
            </div>
          </form>
        ) : null}
      </>,
      problem ? (problem.status === 409 ? 409 : 400) : 200,
    );
  };
  app.get('/reform/self-inspections', (c) => inspectionsPage(c));
  app.post('/reform/self-inspections', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<SelfInspectionView>('/v1/reform/self-inspections', { unitCode: form['unitCode'] ?? '' });
    if (!result.ok) return inspectionsPage(c, form, result.problem);
    return c.redirect(withFlash(`/console/reform/self-inspections/${result.data.id}`, { ok: `已开始 ${result.data.unitName} 的自查，请逐项填写。` }), 303);
  });

  const inspectionPage = async (c: ConsoleContext, edit?: { code: string; form: Form; problem: Problem }, submitProblem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const s = await api.must<SelfInspectionView>(`/v1/reform/self-inspections/${encodeURIComponent(c.req.param('id') ?? '')}`);
    const editable = s.status === 'draft' && canInspect(principal);
    const itemErrors: Record<string, Record<string, string>> = {};
    if (edit) itemErrors[edit.code] = reformErrors(edit.problem);
    for (const [path, message] of Object.entries(reformErrors(submitProblem))) {
      const m = /^items\.(.+)\.result$/.exec(path);
      if (m?.[1]) (itemErrors[m[1]] ??= {})['result'] = message;
    }
    const open = s.items.filter((i) => !i.result).length;
    return render(
      `${s.unitName}自查`,
      <>
        <SubNav items={sections} current="/console/reform/self-inspections" />
        <FlashMessages c={c} />
        {edit ? <Alert kind="error">{`第 ${s.items.findIndex((i) => i.code === edit.code) + 1} 项未保存：${problemText({ ...edit.problem, detail: undefined })}。请按该项各栏提示修改。`}</Alert> : null}
        {submitProblem ? <Alert kind="error">{submitProblem.code === 'rule_violation' ? `尚有 ${submitProblem.errors?.length ?? 0} 项未填写自查结果，不能报送。` : problemText(submitProblem)}</Alert> : null}
        <div class="card">
          <p style="margin:0">
            状态：<StatusTag status={s.status} />　自查清单第 {s.checklistVersion} 版　已填 {s.items.length - open} / {s.items.length} 项
          </p>
          <p class="muted" style="margin:0">
            开始于 {shanghai(s.createdAt)}
            {s.submittedAt ? `，报送于 ${shanghai(s.submittedAt)}` : ''}。报送时省民政厅只收到单位名称、代码和各项结果（及佐证材料件数）。
          </p>
        </div>
        {s.status === 'submitted' ? <Alert kind="info">自查结果已报送，不能再修改。</Alert> : null}
        {s.items.map((item, index) => (
          <section class="card" aria-labelledby={`item-${index}`}>
            <h2 id={`item-${index}`} style="margin-top:0;font-size:16px">
              {index + 1}. {item.title} <span class="muted">（{item.code}）</span> <ResultTag result={item.result} />
            </h2>
            {editable ? (
              <ItemForm session={session} inspectionId={s.id} item={item} form={edit?.code === item.code ? edit.form : undefined} errors={itemErrors[item.code] ?? {}} />
            ) : (
              <ItemReadOnly item={item} />
            )}
          </section>
        ))}
        {editable ? (
          <div class="card">
            <p style="margin-top:0">{open ? `还有 ${open} 项未填写；全部填写后才能报送。` : '各项均已填写。报送后不能再修改。'}</p>
            <ActionButton session={session} action={`/console/reform/self-inspections/${s.id}/submit`} label="报送省民政厅" />
          </div>
        ) : null}
        <p>
          <a href="/console/reform/self-inspections">返回自查列表</a>
        </p>
      </>,
      edit || submitProblem ? ((edit?.problem ?? submitProblem)!.status === 409 ? 409 : 400) : 200,
    );
  };
  app.get('/reform/self-inspections/:id', (c) => inspectionPage(c));
  app.post('/reform/self-inspections/:id/items/:code', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const code = c.req.param('code');
    const form = await formOf(c);
    const p = `items.${code}.`;
    const evidence = [];
    for (let i = 0; i < 50; i++) {
      const title = form[`${p}evidence.${i}.title`];
      const reference = form[`${p}evidence.${i}.reference`];
      if (title === undefined && reference === undefined) break;
      if ((title ?? '').trim() || (reference ?? '').trim()) evidence.push({ title: title ?? '', reference: reference ?? '' });
    }
    const result = await api.put<SelfInspectionView>(`/v1/reform/self-inspections/${encodeURIComponent(id)}/items/${encodeURIComponent(code)}`, {
      ...(form[`${p}result`] ? { result: form[`${p}result`] } : {}),
      ...(form[`${p}note`]?.trim() ? { note: form[`${p}note`] } : {}),
      evidence,
    });
    if (!result.ok) {
      if (result.status === 404 || result.problem.code === 'inspection_submitted' || result.problem.code === 'forbidden') {
        return c.redirect(withFlash(`/console/reform/self-inspections/${id}`, { error: problemText(result.problem) }), 303);
      }
      return inspectionPage(c, { code, form, problem: result.problem });
    }
    const title = result.data.items.find((i) => i.code === code)?.title ?? code;
    return c.redirect(withFlash(`/console/reform/self-inspections/${id}#item-${result.data.items.findIndex((i) => i.code === code)}`, { ok: `已保存：${title}。` }), 303);
  });
  app.post('/reform/self-inspections/:id/submit', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const result = await api.post<SelfInspectionView>(`/v1/reform/self-inspections/${encodeURIComponent(id)}/submit`);
    if (!result.ok) {
      if (result.problem.code === 'rule_violation') return inspectionPage(c, undefined, result.problem);
      return c.redirect(withFlash(`/console/reform/self-inspections/${id}`, { error: problemText(result.problem) }), 303);
    }
    return c.redirect(withFlash(`/console/reform/self-inspections/${id}`, { ok: '自查结果已报送省民政厅。' }), 303);
  });
  return app;
}

function reformConflict(problem: Problem): string {
  if (/not published a self-inspection checklist/.test(problem.detail ?? '')) return '省民政厅尚未发布自查清单，暂不能开始自查';
  const m = /^(.+) already has a self-inspection on checklist version (\d+)/.exec(problem.detail ?? '');
  if (m) return `${m[1]}已按第 ${m[2]} 版清单开始过自查`;
  return problemText(problem);
}

type Item = SelfInspectionView['items'][number];
const EXTRA_EVIDENCE_ROWS = 2;

const ItemForm = (p: { session: ConsoleSession; inspectionId: string; item: Item; form: Form | undefined; errors: Record<string, string> }) => {
  const pre = `items.${p.item.code}.`;
  const v = (name: string, saved: string | null | undefined) => (p.form ? p.form[`${pre}${name}`] : (saved ?? undefined));
  const savedEvidence = p.item.evidence;
  const rows = Math.max(savedEvidence.length, ...Object.keys(p.form ?? {}).map((k) => Number(/evidence\.(\d+)\./.exec(k)?.[1] ?? -1) + 1)) + EXTRA_EVIDENCE_ROWS;
  const e = (name: string) => p.errors[name];
  return (
    <form method="post" action={`/console/reform/self-inspections/${p.inspectionId}/items/${encodeURIComponent(p.item.code)}`} class="stack" novalidate>
      <Csrf session={p.session} />
      <Field
        name={`${pre}result`}
        label="自查结果"
        value={v('result', p.item.result)}
        error={e('result') ? (/请选择以下之一|此项必填/.test(e('result')!) ? '请选择自查结果' : e('result')) : undefined}
        required
        options={[{ value: '', label: '（请选择）' }, ...optionsOf(checklistResultLabels)]}
      />
      <Field name={`${pre}note`} label="情况说明" value={v('note', p.item.note)} error={e('note')} multiline />
      <fieldset style="display:grid;gap:12px;border:1px solid var(--line);border-radius:4px;padding:8px 12px">
        <legend>佐证材料（标题与文号、存放位置或链接；空行不保存）</legend>
        {Array.from({ length: rows }, (_, i) => (
          <div class="grid">
            <Field name={`${pre}evidence.${i}.title`} label={`材料 ${i + 1} 标题`} value={v(`evidence.${i}.title`, savedEvidence[i]?.title)} error={e(`evidence.${i}.title`)} />
            <Field name={`${pre}evidence.${i}.reference`} label={`材料 ${i + 1} 文号或位置`} value={v(`evidence.${i}.reference`, savedEvidence[i]?.reference)} error={e(`evidence.${i}.reference`)} />
          </div>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" class="secondary">
          保存此项
        </button>
      </div>
    </form>
  );
};

const ItemReadOnly = ({ item }: { item: Item }) => (
  <dl style="margin:0">
    <dt class="muted">情况说明</dt>
    <dd style="margin:0 0 8px">{item.note ?? '—'}</dd>
    <dt class="muted">佐证材料</dt>
    <dd style="margin:0">
      {item.evidence.length ? (
        <ul style="margin:0;padding-left:20px">
          {item.evidence.map((ev) => (
            <li>
              {ev.title}：{ev.reference}
            </li>
          ))}
        </ul>
      ) : (
        '—'
      )}
    </dd>
  </dl>
);
