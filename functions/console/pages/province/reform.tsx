import { Hono } from 'hono';
import { hasRole } from '../../../../shared/auth/principal.js';
import { levelLabels, type DivisionLevel } from '../../../../shared/hierarchy/rules.js';
import { checklistPublishers, checklistResultLabels, findingLabels, phaseLabels, reformPhases, reformProgrammeEditors, spotCheckers } from '../../../../shared/reform/rules.js';
import type { ChecklistView, ProgrammeView, SpotCheckFrameView, SpotCheckView, SubmissionView } from '../../../../shared/reform/schemas.js';
import { query, type Problem } from '../../api.js';
import { type ConsoleContext, FlashMessages, formOf, page, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { Alert, Csrf, Field, num, shanghai, Tag } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { FindingTag, optionsOf, PhaseTable, ResultTag, SubNav } from '../reform/common.js';
import { pageStatus } from './common.js';
import { sectionOf } from '../../menu.js';

type Form = Record<string, string>;
type SubmissionDetail = SubmissionView & { units: { code: string; name: string; level: string }[] };

const sections = sectionOf('/console/province/reform');

const levelLabel = (level: string) => levelLabels[level as DivisionLevel] ?? level;
const EXTRA_ITEM_ROWS = 3;
const FRAME_ROWS_SHOWN = 500;
const FRAME_ROWS_OPEN = 30;

/** City names by code, from what the cities submitted (the spot check itself carries codes only). */
const cityNames = (items: SubmissionView[]) => {
  const names = new Map(items.map((x) => [x.city.code, x.city.name]));
  return (code: string) => names.get(code) ?? code;
};

const errorsOf = fieldErrors;

const FormProblem = ({ problem }: { problem: Problem | undefined }) =>
  problem ? <Alert kind="error">{`${problemText(problem)}。请按各栏提示修改后重新提交。`}</Alert> : null;

const resultCounts = (results: SubmissionView['results']) =>
  Object.entries(checklistResultLabels)
    .map(([code, label]) => [label, results.filter((x) => x.result === code).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label} ${n}`)
    .join('，');

export function provinceReformPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  // —— 改革阶段 ——
  const programmePage = async (c: ConsoleContext, form?: Form, problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const programme = await api.must<ProgrammeView>('/v1/province/reform-programme');
    const errors = errorsOf(problem);
    const value = (name: string, saved: string) => (form ? form[name] : saved);
    return render(
      '改革督导',
      <>
        <SubNav items={sections} current="/console/province/reform" />
        <FlashMessages c={c} />
        <PhaseTable programme={programme} />
        <p class="muted">试点阶段：各市、区调查摸底，制订工作方案，抓好试点；全面铺开阶段：全面推进并开展创建示范活动；检查验收阶段：在各市、区自查基础上，省组织工作组抽查验收。</p>
        {hasRole(principal, reformProgrammeEditors) ? (
          <form class="stack card" method="post" action="/console/province/reform/programme" novalidate>
            <h2 style="margin-top:0">设定改革阶段</h2>
            <FormProblem problem={problem} />
            <Csrf session={session} />
            <Field name="name" label="改革名称" value={value('name', programme.name)} error={errors['name']} required />
            {reformPhases.map((phase, i) => {
              const saved = programme.phases.find((p) => p.phase === phase);
              return (
                <fieldset class="grid" style="border:1px solid var(--line);border-radius:4px;padding:8px 12px">
                  <legend>{phaseLabels[phase]}</legend>
                  <Field name={`phases.${i}.startsOn`} label="开始日期" type="date" value={value(`phases.${i}.startsOn`, saved?.startsOn ?? '')} error={errors[`phases.${i}.startsOn`] ?? errors[`phases.${i}.phase`]} required />
                  <Field name={`phases.${i}.endsOn`} label="结束日期" type="date" value={value(`phases.${i}.endsOn`, saved?.endsOn ?? '')} error={errors[`phases.${i}.endsOn`]} required />
                </fieldset>
              );
            })}
            <div class="actions">
              <button type="submit">保存改革阶段</button>
            </div>
          </form>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };
  app.get('/province/reform', (c) => programmePage(c));
  app.post('/province/reform/programme', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const result = await api.put<ProgrammeView>('/v1/province/reform-programme', {
      ...(form['name']?.trim() ? { name: form['name'].trim() } : {}),
      phases: reformPhases.map((phase, i) => ({ phase, startsOn: form[`phases.${i}.startsOn`] ?? '', endsOn: form[`phases.${i}.endsOn`] ?? '' })),
    });
    if (!result.ok) return programmePage(c, form, result.problem);
    return c.redirect(withFlash('/console/province/reform', { ok: '改革阶段已保存，各市即按新日期显示。' }), 303);
  });

  // —— 自查清单 ——
  const checklistPage = async (c: ConsoleContext, form?: Form, problem?: Problem, rowOf: number[] = []) => {
    const { session, principal, api, render } = page(c, options);
    const current = await api.get<ChecklistView>('/v1/province/inspection-checklist');
    if (!current.ok && current.status !== 404) return render('自查清单', <Alert kind="error">{problemText(current.problem)}</Alert>, pageStatus(current.problem));
    const checklist = current.ok ? current.data : undefined;
    const raw = errorsOf(problem);
    // the API counts the items it was sent; the form's rows include blank ones
    const errors: Record<string, string> = {};
    for (const [key, message] of Object.entries(raw)) {
      const m = /^items\.(\d+)\.(code|title)$/.exec(key);
      errors[m ? `items.${rowOf[Number(m[1])] ?? m[1]}.${m[2]}` : key] = message;
    }
    const savedItems = checklist?.items ?? [];
    const formRows = form ? Math.max(0, ...Object.keys(form).map((k) => Number(/^items\.(\d+)\./.exec(k)?.[1] ?? -1) + 1)) : 0;
    const rows = Math.max(form ? formRows : savedItems.length + EXTRA_ITEM_ROWS, 1);
    const value = (name: string, saved: string | undefined) => (form ? form[name] : saved);
    return render(
      '自查清单',
      <>
        <SubNav items={sections} current="/console/province/reform/checklist" />
        <FlashMessages c={c} />
        {checklist ? (
          <div class="table-wrap">
            <table>
              <caption>
                {checklist.title}（第 {checklist.version} 版，{shanghai(checklist.publishedAt)} 发布）
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    序号
                  </th>
                  <th scope="col">编号</th>
                  <th scope="col">检查内容</th>
                </tr>
              </thead>
              <tbody>
                {checklist.items.map((item, i) => (
                  <tr>
                    <td class="num">{i + 1}</td>
                    <td>{item.code}</td>
                    <td>{item.title}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Alert kind="info">尚未发布自查清单；各市须在清单发布后才能开始自查。</Alert>
        )}
        {hasRole(principal, checklistPublishers) ? (
          <form class="stack card" method="post" action="/console/province/reform/checklist" novalidate>
            <h2 style="margin-top:0">{checklist ? '发布新版清单' : '发布自查清单'}</h2>
            <p class="muted" style="margin:0">发布后成为新的一版；已开始的自查仍按原版本填写。编号、内容都空着的行不保存。</p>
            <FormProblem problem={problem} />
            <Csrf session={session} />
            <Field name="title" label="清单名称" value={value('title', checklist?.title ?? '城市基层管理体制改革检查验收清单')} error={errors['title']} required />
            {errors['items'] ? <span class="field-error">{errors['items']}</span> : null}
            {Array.from({ length: rows }, (_, i) => (
              <fieldset class="grid" style="border:1px solid var(--line);border-radius:4px;padding:8px 12px;grid-template-columns:minmax(100px,160px) minmax(200px,1fr)">
                <legend>第 {i + 1} 项</legend>
                <Field name={`items.${i}.code`} label="编号" value={value(`items.${i}.code`, savedItems[i]?.code)} error={errors[`items.${i}.code`]} />
                <Field name={`items.${i}.title`} label="检查内容" value={value(`items.${i}.title`, savedItems[i]?.title)} error={errors[`items.${i}.title`]} />
              </fieldset>
            ))}
            <div class="actions">
              <button type="submit">发布</button>
            </div>
          </form>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };
  app.get('/province/reform/checklist', (c) => checklistPage(c));
  app.post('/province/reform/checklist', async (c) => {
    const { api } = page(c, options);
    const form = await formOf(c);
    const items: { code: string; title: string }[] = [];
    const rowOf: number[] = [];
    for (let i = 0; i < 500; i++) {
      const code = form[`items.${i}.code`];
      const title = form[`items.${i}.title`];
      if (code === undefined && title === undefined) break;
      if (!(code ?? '').trim() && !(title ?? '').trim()) continue;
      items.push({ code: code ?? '', title: title ?? '' });
      rowOf.push(i);
    }
    // keep three empty rows after the last one typed
    const last = Math.max(-1, ...Object.keys(form).map((k) => Number(/^items\.(\d+)\./.exec(k)?.[1] ?? -1)));
    const result = await api.put<ChecklistView>('/v1/province/inspection-checklist', { title: form['title'] ?? '', items });
    if (!result.ok) return checklistPage(c, { ...form, [`items.${last + 1}.code`]: form[`items.${last + 1}.code`] ?? '' }, result.problem, rowOf);
    return c.redirect(withFlash('/console/province/reform/checklist', { ok: `已发布第 ${result.data.version} 版自查清单（${result.data.items.length} 项）。` }), 303);
  });

  // —— 各市自查报送 ——
  app.get('/province/reform/submissions', async (c) => {
    const { api, render } = page(c, options);
    const city = c.req.query('city');
    const [list, all] = await Promise.all([
      api.must<{ items: SubmissionView[] }>(`/v1/province/inspection-submissions${query({ city: /^\d{4}$/.test(city ?? '') ? city : undefined })}`),
      api.must<{ items: SubmissionView[] }>('/v1/province/inspection-submissions'),
    ]);
    const cities = [...new Map(all.items.map((s) => [s.city.code, s.city.name])).entries()].sort();
    return render(
      '各市自查报送',
      <>
        <SubNav items={sections} current="/console/province/reform/submissions" />
        <p class="muted">各市、区自查后报送的结果：只有单位名称、代码和各项结果，不含个人信息。</p>
        <form method="get" action="/console/province/reform/submissions" class="actions card">
          <div class="field">
            <label for="city">城市</label>
            <select id="city" name="city">
              <option value="">全部</option>
              {cities.map(([code, name]) => (
                <option value={code} selected={code === city}>
                  {name}（{code}）
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            筛选
          </button>
        </form>
        {list.items.length === 0 ? (
          <p>暂无报送的自查结果。</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>自查报送（{list.items.length} 份）</caption>
              <thead>
                <tr>
                  <th scope="col">城市</th>
                  <th scope="col">自查单位</th>
                  <th scope="col">清单版本</th>
                  <th scope="col">结果</th>
                  <th scope="col" class="num hide-narrow">
                    区（县）/ 街道（镇）/ 社区
                  </th>
                  <th scope="col">报送时间</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((s) => (
                  <tr>
                    <td>{s.city.name}</td>
                    <td>
                      <a href={`/console/province/reform/submissions/${s.id}`}>
                        {s.unitName}（{s.unitCode}）
                      </a>
                    </td>
                    <td>第 {s.checklistVersion} 版</td>
                    <td>{resultCounts(s.results)}</td>
                    <td class="num hide-narrow">
                      {num(s.unitCounts.county)} / {num(s.unitCounts.township)} / {num(s.unitCounts.village)}
                    </td>
                    <td>{shanghai(s.submittedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });

  app.get('/province/reform/submissions/:id', async (c) => {
    const { api, render } = page(c, options);
    const s = await api.must<SubmissionDetail>(`/v1/province/inspection-submissions/${encodeURIComponent(c.req.param('id'))}`);
    return render(
      `${s.city.name} ${s.unitName}自查报送`,
      <>
        <SubNav items={sections} current="/console/province/reform/submissions" />
        <p class="card">
          {s.city.name} <small class="muted">{s.city.code}</small> · {s.unitName} <small class="muted">{s.unitCode}</small>（{levelLabel(s.unitLevel)}）· 自查清单第 {s.checklistVersion} 版 · 报送于 {shanghai(s.submittedAt)}
        </p>
        <div class="table-wrap">
          <table>
            <caption>各项自查结果</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">检查内容</th>
                <th scope="col">结果</th>
                <th scope="col" class="num">
                  佐证材料
                </th>
              </tr>
            </thead>
            <tbody>
              {s.results.map((r) => (
                <tr>
                  <td>{r.code}</td>
                  <td>{r.title}</td>
                  <td>
                    <ResultTag result={r.result} />
                  </td>
                  <td class="num">{num(r.evidenceCount)} 件</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="table-wrap">
          <table>
            <caption>
              覆盖单位：区（县）{num(s.unitCounts.county)} 个，街道（镇）{num(s.unitCounts.township)} 个，社区居委会 {num(s.unitCounts.village)} 个
            </caption>
            <thead>
              <tr>
                <th scope="col">代码</th>
                <th scope="col">名称</th>
                <th scope="col">层级</th>
              </tr>
            </thead>
            <tbody>
              {s.units.map((u) => (
                <tr>
                  <td>{u.code}</td>
                  <td>{u.name}</td>
                  <td>{levelLabel(u.level)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <a href="/console/province/reform/submissions">返回报送列表</a>
        </p>
      </>,
    );
  });

  // —— 抽查验收 ——
  const spotChecksPage = async (c: ConsoleContext, form?: Form, cities: string[] = [], problem?: Problem) => {
    const { session, principal, api, render } = page(c, options);
    const [list, submissions] = await Promise.all([
      api.must<{ items: SpotCheckView[] }>('/v1/province/spot-checks'),
      api.must<{ items: SubmissionView[] }>('/v1/province/inspection-submissions'),
    ]);
    const submitted = [...new Map(submissions.items.map((s) => [s.city.code, s.city.name])).entries()].sort();
    const errors = errorsOf(problem);
    const value = (name: string, fallback: string) => (form ? form[name] : fallback);
    return render(
      '抽查验收',
      <>
        <SubNav items={sections} current="/console/province/reform/spot-checks" />
        <FlashMessages c={c} />
        <p class="muted">省组织工作组在各市、区自查基础上抽查验收。抽样框为已报送自查覆盖的区（县）、街道（镇）和社区居委会；抽样按记录的种子可重现、可复核。</p>
        {list.items.length === 0 ? (
          <p>尚未开展抽查。</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>抽查</caption>
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  <th scope="col">城市</th>
                  <th scope="col" class="num">
                    抽样框
                  </th>
                  <th scope="col">已录入结论</th>
                  <th scope="col" class="hide-narrow">抽取时间</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((s) => (
                  <tr>
                    <td>
                      <a href={`/console/province/reform/spot-checks/${s.id}`}>{s.title}</a>
                    </td>
                    <td>{s.cities.map(cityNames(submissions.items)).join('、')}</td>
                    <td class="num">{num(s.frameSize)} 个单位</td>
                    <td>
                      {s.sample.filter((u) => u.finding).length} / {s.sample.length}
                    </td>
                    <td class="hide-narrow">{shanghai(s.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {hasRole(principal, spotCheckers) ? (
          <form class="stack card" method="post" action="/console/province/reform/spot-checks" novalidate>
            <h2 style="margin-top:0">新建抽查</h2>
            {problem ? <Alert kind="error">{problem.code === 'conflict' ? '还没有城市按最新清单报送自查，无可抽取的单位。' : `${problemText({ ...problem, detail: undefined })}。请按各栏提示修改后重新提交。`}</Alert> : null}
            <Csrf session={session} />
            <Field name="title" label="抽查名称" value={value('title', '')} error={errors['title']} required hint="如：2027 年城市基层管理体制改革抽查验收" />
            <fieldset class="stack" style="border:1px solid var(--line);border-radius:4px;padding:8px 12px">
              <legend>抽查城市（不选即全部已报送的城市）</legend>
              {submitted.length === 0 ? <p class="muted" style="margin:0">尚无城市报送自查。</p> : null}
              {submitted.map(([code, name]) => (
                <label style="font-weight:normal">
                  <input type="checkbox" name="cities" value={code} checked={cities.includes(code)} /> {name}（{code}）
                </label>
              ))}
              {errors['cities'] ? <span class="field-error">{errors['cities']}</span> : null}
            </fieldset>
            <div class="grid">
              <Field name="county" label="抽取区（县）数" type="number" value={value('county', '1')} error={errors['sample.county'] ?? errors['county']} required attrs={{ min: 0, inputmode: 'numeric' }} />
              <Field name="township" label="抽取街道（镇）数" type="number" value={value('township', '2')} error={errors['sample.township'] ?? errors['township']} required attrs={{ min: 0, inputmode: 'numeric' }} />
              <Field name="village" label="抽取社区数" type="number" value={value('village', '3')} error={errors['sample.village'] ?? errors['village']} required attrs={{ min: 0, inputmode: 'numeric' }} />
            </div>
            <Field name="seed" label="随机种子（可不填）" value={value('seed', '')} error={errors['seed']} hint="0 至 4294967295 的整数；不填由系统随机产生并记录，以便复核" attrs={{ inputmode: 'numeric' }} />
            <div class="actions">
              <button type="submit">抽取样本</button>
            </div>
          </form>
        ) : null}
      </>,
      problem ? pageStatus(problem) : 200,
    );
  };
  app.get('/province/reform/spot-checks', (c) => spotChecksPage(c));
  app.post('/province/reform/spot-checks', async (c) => {
    const { api } = page(c, options);
    const body = await c.req.parseBody({ all: true });
    const form = await formOf(c);
    const picked = ([] as unknown[]).concat(body['cities'] ?? []).filter((x): x is string => typeof x === 'string');
    const count = (name: string) => {
      const text = (form[name] ?? '').trim();
      return text === '' ? undefined : /^-?\d+$/.test(text) ? Number(text) : text;
    };
    const seed = (form['seed'] ?? '').trim();
    const result = await api.post<SpotCheckView>('/v1/province/spot-checks', {
      title: form['title'] ?? '',
      sample: { county: count('county'), township: count('township'), village: count('village') },
      ...(seed ? { seed: /^\d+$/.test(seed) ? Number(seed) : seed } : {}),
      ...(picked.length ? { cities: picked } : {}),
    });
    if (!result.ok) return spotChecksPage(c, form, picked, result.problem);
    return c.redirect(withFlash(`/console/province/reform/spot-checks/${result.data.id}`, { ok: `已从 ${result.data.frameSize} 个单位中抽取 ${result.data.sample.length} 个。` }), 303);
  });

  const spotCheckPage = async (c: ConsoleContext, edit?: { code: string; form: Form; problem: Problem }) => {
    const { session, principal, api, render } = page(c, options);
    const id = encodeURIComponent(c.req.param('id') ?? '');
    const [s, frame, submissions] = await Promise.all([
      api.must<SpotCheckView>(`/v1/province/spot-checks/${id}`),
      api.must<SpotCheckFrameView>(`/v1/province/spot-checks/${id}/frame`),
      api.must<{ items: SubmissionView[] }>('/v1/province/inspection-submissions'),
    ]);
    const cityName = cityNames(submissions.items);
    const redraw = c.req.query('redraw') ? await api.must<{ matches: boolean; frameIntact: boolean; sample: SpotCheckFrameView['frame'] }>(`/v1/province/spot-checks/${id}/redraw`) : undefined;
    const editErrors = edit ? errorsOf(edit.problem) : {};
    const writer = hasRole(principal, spotCheckers);
    const done = s.sample.filter((u) => u.finding).length;
    return render(
      s.title,
      <>
        <SubNav items={sections} current="/console/province/reform/spot-checks" />
        <FlashMessages c={c} />
        {edit ? <Alert kind="error">{`${edit.code} 的结论未保存：${problemText({ ...edit.problem, detail: undefined })}`}</Alert> : null}
        <div class="card">
          <p style="margin-top:0">
            城市：{s.cities.map(cityName).join('、')}　抽样框 {num(s.frameSize)} 个单位　样本 {s.sample.length} 个（区（县）{s.sizes.county}、街道（镇）{s.sizes.township}、社区 {s.sizes.village}）　已录入结论 {done} / {s.sample.length}
          </p>
          <p class="muted" style="margin:0;word-break:break-all">
            随机种子 {s.seed} · 算法 {s.algorithm} · 抽样框 SHA-256 {s.frameSha256} · 抽取于 {shanghai(s.createdAt)}
          </p>
          <form method="get" action={`/console/province/reform/spot-checks/${s.id}`} style="margin-top:8px">
            <input type="hidden" name="redraw" value="1" />
            <button type="submit" class="secondary">
              复核抽样（按记录的抽样框和种子重抽）
            </button>
          </form>
        </div>
        {redraw ? (
          <Alert kind={redraw.matches && redraw.frameIntact ? 'ok' : 'error'}>
            {redraw.matches ? '复核一致：按记录的抽样框和种子重抽，得到的样本与记录相同。' : '复核不一致：重抽的样本与记录不同。'}
            {redraw.frameIntact ? '抽样框完整（SHA-256 相符）。' : '抽样框已被改动（SHA-256 不符）！'}
          </Alert>
        ) : null}
        <h2>样本与抽查结论</h2>
        {s.sample.length === 0 ? <p>样本为空。</p> : null}
        {s.sample.map((u) => (
          <section class="card" aria-labelledby={`unit-${u.code}`}>
            <h3 id={`unit-${u.code}`} style="margin-top:0">
              {u.position + 1}. {u.name} <small class="muted">{u.code}</small>（{levelLabel(u.level)}，{cityName(u.tenant)}）{' '}
              <FindingTag finding={u.finding} />
            </h3>
            {u.findingNotes ? <p style="margin:0 0 8px">{u.findingNotes}</p> : null}
            {u.recordedAt ? <p class="muted" style="margin:0 0 8px">录入于 {shanghai(u.recordedAt)}</p> : null}
            {writer ? (
              <form method="post" action={`/console/province/reform/spot-checks/${s.id}/findings/${u.code}`} class="grid" novalidate style="align-items:end">
                <Csrf session={session} />
                <Field
                  name={`findings.${u.code}.result`}
                  label="抽查结论"
                  value={edit?.code === u.code ? edit.form['result'] : (u.finding ?? '')}
                  error={edit?.code === u.code ? (editErrors['result'] ? '请选择抽查结论' : undefined) : undefined}
                  options={[{ value: '', label: '（请选择）' }, ...optionsOf(findingLabels)]}
                />
                <Field name={`findings.${u.code}.notes`} label="说明" value={edit?.code === u.code ? edit.form['notes'] : (u.findingNotes ?? '')} error={edit?.code === u.code ? editErrors['notes'] : undefined} />
                <div class="actions">
                  <button type="submit" class="secondary">
                    保存结论
                  </button>
                </div>
              </form>
            ) : null}
          </section>
        ))}
        <details class="card" open={frame.frame.length <= FRAME_ROWS_OPEN}>
          <summary>
            抽样框（{num(frame.frame.length)} 个单位{frame.frame.length > FRAME_ROWS_SHOWN ? `，显示前 ${FRAME_ROWS_SHOWN} 个` : ''}）
          </summary>
          <div class="table-wrap" style="margin-top:8px">
            <table>
              <thead>
                <tr>
                  <th scope="col">城市</th>
                  <th scope="col">层级</th>
                  <th scope="col">代码</th>
                  <th scope="col">名称</th>
                  <th scope="col">是否抽中</th>
                </tr>
              </thead>
              <tbody>
                {frame.frame.slice(0, FRAME_ROWS_SHOWN).map((u) => (
                  <tr>
                    <td>{cityName(u.tenant)}</td>
                    <td>{levelLabel(u.level)}</td>
                    <td>{u.code}</td>
                    <td>{u.name}</td>
                    <td>{s.sample.some((x) => x.code === u.code) ? <Tag kind="info">抽中</Tag> : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
        <p>
          <a href="/console/province/reform/spot-checks">返回抽查列表</a>
        </p>
      </>,
      edit ? pageStatus(edit.problem) : 200,
    );
  };
  app.get('/province/reform/spot-checks/:id', (c) => spotCheckPage(c));
  app.post('/province/reform/spot-checks/:id/findings/:code', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const code = c.req.param('code');
    const posted = await formOf(c);
    const form = { result: posted[`findings.${code}.result`] ?? '', notes: posted[`findings.${code}.notes`] ?? '' };
    const result = await api.put<SpotCheckView>(`/v1/province/spot-checks/${encodeURIComponent(id)}/findings/${encodeURIComponent(code)}`, {
      ...(form.result ? { result: form.result } : {}),
      ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
    });
    if (!result.ok) {
      if (result.status === 400 || result.status === 422) return spotCheckPage(c, { code, form, problem: result.problem });
      return c.redirect(withFlash(`/console/province/reform/spot-checks/${id}`, { error: problemText(result.problem) }), 303);
    }
    const unit = result.data.sample.find((u) => u.code === code);
    return c.redirect(withFlash(`/console/province/reform/spot-checks/${id}#unit-${code}`, { ok: `已录入 ${unit?.name ?? code} 的抽查结论。` }), 303);
  });
  return app;
}
