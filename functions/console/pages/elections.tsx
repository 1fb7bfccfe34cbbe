import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import type { ElectionSummary, ElectionView } from '../../../shared/elections/schemas.js';
import type { electionSortKeys } from '../../../shared/elections/schemas.js';
import { committeePositionLabels, committeePositions } from '../../../shared/committees/rules.js';
import { electionModeLabels, electionModes, electionOrganisers } from '../../../shared/elections/rules.js';
import type { Problem } from '../api.js';
import { flashOf, formOf, page, withFlash } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { ConfirmStep } from '../confirm.js';
import { loadUnits, UnitPicker, type PickerUnits } from '../picker.js';
import { Alert, Csrf, Field, num, shanghai, Tag } from '../layout.js';
import { apiQuery, ListSearch, listState, Pager, SortHeader } from '../list.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv, ConsoleSession } from '../session.js';

export const electionStatusLabels: Record<ElectionView['status'], { label: string; kind: 'ok' | 'warn' | 'bad' | 'info' }> = {
  planned: { label: '待计票', kind: 'info' },
  counted: { label: '已计票，待认证', kind: 'warn' },
  further_round_needed: { label: '需另行选举', kind: 'bad' },
  certified: { label: '已认证', kind: 'ok' },
};
const positionLabels: Record<string, string> = committeePositionLabels;
const genderOptions = [
  { value: '', label: '请选择' },
  { value: 'female', label: '女' },
  { value: 'male', label: '男' },
];
const positionOptions = [{ value: '', label: '请选择' }, ...committeePositions.map((p) => ({ value: p, label: committeePositionLabels[p] }))];
/** Blank candidate rows a new form shows; “再加 N 行” posts the form back with more (works without JavaScript). */
export const CANDIDATE_ROWS = 5;
const MORE_ROWS = 5;
const rowFields = ['name', 'gender', 'birthYear', 'position', 'phone', 'idNumber', 'partyMember'] as const;

/** How many candidate rows the submitted form had (c.0.name … c.N.name). */
function rowsIn(form: Record<string, string>): number {
  let n = 0;
  for (const key of Object.keys(form)) {
    const m = /^c\.(\d+)\./.exec(key);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

/**
 * The candidates of the form's rows, in order; a row left wholly blank is skipped. `rowOf[i]` is the form row of the
 * i-th candidate, so the API's `candidates.i.field` errors land beside the right row.
 */
export function candidatesFromRows(form: Record<string, string>): { candidates: Record<string, unknown>[]; rowOf: number[] } {
  const candidates: Record<string, unknown>[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < rowsIn(form); i++) {
    const v = (f: string) => (form[`c.${i}.${f}`] ?? '').trim();
    if (rowFields.every((f) => f === 'partyMember' || v(f) === '')) continue;
    const year = v('birthYear');
    candidates.push({
      name: v('name'),
      gender: v('gender') || undefined,
      birthYear: /^\d+$/.test(year) ? Number(year) : year === '' ? undefined : year,
      position: v('position') || undefined,
      ...(v('phone') ? { phone: v('phone') } : {}),
      ...(v('idNumber') ? { idNumber: v('idNumber') } : {}),
      partyMember: v('partyMember') === 'on',
    });
    rowOf.push(i);
  }
  return { candidates, rowOf };
}

/** 沙面社区居委会选举: the community by name (its code only when the division list has no name for it). */
const electionTitle = (e: Pick<ElectionView, 'communityCode' | 'communityName'>) =>
  e.communityName ? (/(居委会|居民委员会|村委会|村民委员会)$/.test(e.communityName) ? `${e.communityName}选举` : `${e.communityName}居委会选举`) : `${e.communityCode} 居委会选举`;

export function electionPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/elections', async (c) => {
    const { principal, api, render } = page(c, options);
    const state = listState('/console/elections', (n) => c.req.query(n), ['status']);
    const list = await api.must<{ items: ElectionSummary[]; total: number; size: number }>(`/v1/elections${apiQuery(state)}`);
    const sortable = (sortKey: (typeof electionSortKeys)[number], label: string, cls?: string) => <SortHeader state={state} sortKey={sortKey} label={label} defaultSort="-electionDate" class={cls} />;
    return render(
      '居民委员会选举',
      <>
        <ListSearch state={state} label="社区名称" shown={['status']}>
          <div class="field">
            <label for="status">状态</label>
            <select id="status" name="status">
              <option value="">全部</option>
              {Object.entries(electionStatusLabels).map(([value, s]) => (
                <option value={value} selected={value === state.filters['status']}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          {hasRole(principal, electionOrganisers) ? (
            <a class="button" href="/console/elections/new">
              登记选举方案
            </a>
          ) : null}
        </ListSearch>
        {list.items.length === 0 ? (
          <p>{state.q || state.filters['status'] ? '没有符合条件的选举。' : '暂无选举记录。'}</p>
        ) : (
          <div class="table-wrap">
            <table class="nowrap">
              <thead>
                <tr>
                  {sortable('community', '社区')}
                  {sortable('electionDate', '选举日')}
                  <th scope="col" class="hide-narrow">方式</th>
                  {sortable('registeredVoters', '登记选民', 'num')}
                  {sortable('status', '状态')}
                </tr>
              </thead>
              <tbody>
                {list.items.map((e) => (
                  <tr>
                    <td>
                      <a href={`/console/elections/${e.id}`}>{e.communityName ?? e.communityCode}</a>
                    </td>
                    <td>{e.electionDate}</td>
                    <td class="hide-narrow">{e.modeLabel}</td>
                    <td class="num">{num(e.registeredVoters)}</td>
                    <td>
                      <Tag kind={electionStatusLabels[e.status].kind}>{electionStatusLabels[e.status].label}</Tag>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager state={state} total={list.total} size={list.size} />
      </>,
    );
  });

  app.get('/elections/new', async (c) => {
    const { session, principal, api, render } = page(c, options);
    const communities = await loadUnits(api, principal, ['village']);
    return render('登记选举方案', <ElectionForm session={session} communities={communities} rows={CANDIDATE_ROWS} form={{ mode: 'all_residents', chair: '1', vice_chair: '1', member: '3', community: c.req.query('community') ?? '' }} />);
  });

  app.post('/elections/new', async (c) => {
    const { session, principal, api, render } = page(c, options);
    const form = await formOf(c);
    const rows = Math.max(CANDIDATE_ROWS, Math.min(60, Number(form['rows']) || 0));
    if (form['addRows'] !== undefined) {
      // “再加 5 行”: the same form back with more blank rows, nothing saved
      const communities = await loadUnits(api, principal, ['village']);
      return render('登记选举方案', <ElectionForm session={session} communities={communities} rows={Math.min(60, rows + MORE_ROWS)} form={form} />);
    }
    const { candidates, rowOf } = candidatesFromRows(form);
    const seat = (k: string) => (form[k] ? Number(form[k]) : 0);
    const result = await api.post<ElectionView>('/v1/elections', {
      communityCode: form['community'] ?? '',
      electionDate: form['electionDate'] ?? '',
      mode: form['mode'] ?? '',
      seats: { chair: seat('chair'), vice_chair: seat('vice_chair'), member: seat('member') },
      registeredVoters: Number(form['registeredVoters'] || 0),
      ...(form['seatsReason']?.trim() ? { seatsReason: form['seatsReason'].trim() } : {}),
      candidates,
    });
    if (!result.ok) {
      const communities = await loadUnits(api, principal, ['village']);
      return render('登记选举方案', <ElectionForm session={session} communities={communities} rows={rows} form={form} problem={result.problem} rowOf={rowOf} />, 400);
    }
    return c.redirect(withFlash(`/console/elections/${result.data.id}`, { ok: '选举方案已登记，选举后请录入计票结果。' }), 303);
  });

  app.get('/elections/:id', async (c) => {
    const { session, principal, api, render } = page(c, options);
    const election = await api.must<ElectionView>(`/v1/elections/${encodeURIComponent(c.req.param('id'))}`);
    return render(
      electionTitle(election),
      <ElectionDetail election={election} session={session} canOrganise={hasRole(principal, electionOrganisers)} {...flashOf(c)} />,
    );
  });

  app.post('/elections/:id/results', async (c) => {
    const { session, principal, api, render } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const votes = Object.entries(form)
      .filter(([k]) => k.startsWith('votes.'))
      .map(([k, v]) => ({ candidateId: k.slice('votes.'.length), votes: v.trim() === '' ? Number.NaN : Number(v) }));
    const n = (k: string) => (form[k]?.trim() ? Number(form[k]) : Number.NaN);
    const result = await api.post<ElectionView>(`/v1/elections/${encodeURIComponent(id)}/results`, {
      ballotsIssued: n('ballotsIssued'),
      ballotsReturned: n('ballotsReturned'),
      validBallots: n('validBallots'),
      invalidBallots: n('invalidBallots'),
      votes: votes.map((v) => ({ ...v, votes: Number.isNaN(v.votes) ? null : v.votes })),
      ...(form['reason'] ? { reason: form['reason'] } : {}),
    });
    if (!result.ok) {
      const election = await api.must<ElectionView>(`/v1/elections/${encodeURIComponent(id)}`);
      return render(electionTitle(election), <ElectionDetail election={election} session={session} canOrganise={hasRole(principal, electionOrganisers)} sheet={form} problem={result.problem} />, 400);
    }
    const latest = result.data.rounds.at(-1)?.result?.tally;
    const message = !latest ? '计票结果已录入。' : latest.valid ? (latest.furtherRoundNeeded ? '计票结果已录入：选举有效，但仍有名额未选出，需另行选举。' : '计票结果已录入：选举有效。核对无误后请认证。') : `计票结果已录入：本轮选举无效（${latest.invalidReasonLabel ?? ''}）。`;
    return c.redirect(withFlash(`/console/elections/${id}`, { ok: message }), 303);
  });

  // certifying freezes the result in the tamper-evident chain: a page of its own shows what will be frozen first
  app.get('/elections/:id/certify', async (c) => {
    const { session, api, render } = page(c, options);
    const id = c.req.param('id');
    const e = await api.must<ElectionView>(`/v1/elections/${encodeURIComponent(id)}`);
    const round = e.rounds.at(-1);
    const tally = round?.result?.tally;
    if (e.status === 'certified' || !round?.result || !tally?.valid) return c.redirect(`/console/elections/${id}`, 303);
    const names = new Map(round.candidates.map((cand) => [cand.id, cand.name]));
    const elected = committeePositions
      .map((pos) => [pos, tally.elected.filter((x) => x.position === pos).map((x) => names.get(x.candidateId) ?? '')] as const)
      .filter(([, who]) => who.length)
      .map(([pos, who]) => `${positionLabels[pos]}：${who.join('、')}`);
    const unfilled = Object.entries(tally.unfilledSeats).filter(([, n]) => n > 0).map(([k, n]) => `${positionLabels[k] ?? k} ${n} 名`);
    return render(
      `确认认证：${electionTitle(e)}`,
      <ConfirmStep
        session={session}
        action={`/console/elections/${e.id}/certify`}
        label="确认认证选举结果"
        cancel={`/console/elections/${e.id}`}
        facts={[
          ['社区', e.communityName ? <>{e.communityName} <span class="muted">{e.communityCode}</span></> : e.communityCode],
          ['选举日', `${e.electionDate}（${e.modeLabel}）`],
          ['计票', `第 ${round.round} 轮，第 ${round.result.version} 版：发出选票 ${round.result.ballotsIssued}，收回 ${round.result.ballotsReturned}，有效 ${round.result.validBallots}，无效 ${round.result.invalidBallots}`],
          ['当选', elected.length ? elected.map((line) => <div>{line}</div>) : '—'],
          ['未选出', unfilled.length ? unfilled.join('，') : '无'],
        ]}
        consequence="认证后结果写入防篡改链，不可再改；新一届居委会任期自认证起计算，当选成员须在一年内完成培训。"
      >
        {tally.furtherRoundNeeded ? (
          <div class="field">
            <label>
              <input type="checkbox" name="closeWithUnfilledSeats" /> 尚有名额未选出，但已有主任且成员 5 至 9 名，确认结束选举
            </label>
          </div>
        ) : null}
      </ConfirmStep>,
    );
  });

  app.post('/elections/:id/certify', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    if (form['confirm'] !== 'yes') return c.redirect(`/console/elections/${id}/certify`, 303);
    const result = await api.post<ElectionView>(`/v1/elections/${encodeURIComponent(id)}/certify`, {
      ...(form['reason'] ? { reason: form['reason'] } : {}),
      closeWithUnfilledSeats: form['closeWithUnfilledSeats'] === 'on',
    });
    if (!result.ok) return c.redirect(withFlash(`/console/elections/${id}`, { error: `未能认证：${problemText(result.problem)}` }), 303);
    return c.redirect(withFlash(`/console/elections/${id}`, { ok: '选举结果已认证，新一届居委会任期开始，成员培训义务已生成。' }), 303);
  });
  return app;
}

const ElectionForm = (p: { session: ConsoleSession; communities: PickerUnits; rows: number; form: Record<string, string>; problem?: Problem; rowOf?: number[] }) => {
  const errors = fieldErrors(p.problem);
  const e = (name: string) => errors[name];
  const seatsError = Object.entries(errors).find(([k]) => k.startsWith('seats'))?.[1];
  // the API names the i-th submitted candidate; the form shows it on the row it came from
  const rowErrors = new Map<string, string>();
  for (const [key, text] of Object.entries(errors)) {
    const m = /^candidates\.(\d+)\.(\w+)/.exec(key);
    const row = m ? p.rowOf?.[Number(m[1])] : undefined;
    if (m && row !== undefined) rowErrors.set(`${row}.${m[2]}`, text);
  }
  const listError = errors['candidates'];
  const v = (i: number, f: string) => p.form[`c.${i}.${f}`];
  return (
    <>
      {p.problem ? <Alert kind="error">{problemText(p.problem)}。请按各栏提示修改。</Alert> : null}
      <form class="stack card wide" method="post" action="/console/elections/new" novalidate>
        <Csrf session={p.session} />
        <input type="hidden" name="rows" value={String(p.rows)} />
        <UnitPicker name="community" label="社区" picker={p.communities} value={p.form['community']} required error={e('communityCode')} hint="按街道（镇）分组；可输入名称筛选" />
        <Field name="electionDate" label="选举日" type="date" value={p.form['electionDate']} required error={e('electionDate')} />
        <Field name="mode" label="选举方式" value={p.form['mode']} options={electionModes.map((m) => ({ value: m, label: electionModeLabels[m] }))} error={e('mode')} />
        <fieldset class="stack">
          <legend>应选职数（共 5 至 9 名，主任 1 名）</legend>
          <Field name="chair" label="主任" type="number" value={p.form['chair']} error={e('chair')} attrs={{ min: 0, max: 9 }} />
          <Field name="vice_chair" label="副主任" type="number" value={p.form['vice_chair']} error={e('vice_chair')} attrs={{ min: 0, max: 9 }} />
          <Field name="member" label="委员" type="number" value={p.form['member']} error={e('member') ?? seatsError} attrs={{ min: 0, max: 9 }} />
          <Field name="seatsReason" label="职数说明（与议定的居委会职数不一致时填写，如补选只补缺额）" value={p.form['seatsReason']} error={e('seatsReason')} />
        </fieldset>
        <Field name="registeredVoters" label="登记选民数" type="number" value={p.form['registeredVoters']} required error={e('registeredVoters')} attrs={{ min: 1 }} />
        <fieldset class="candidates">
          <legend>候选人（每行一人，空行不登记）</legend>
          <p class="hint">联系电话和公民身份号码加密保存，页面只显示脱敏号码；身份号码须与出生年份、性别一致。</p>
          {listError ? <span class="field-error" id="f-candidates-error">{listError}</span> : null}
          <div class="table-wrap">
            <table class="entry">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">姓名</th>
                  <th scope="col">性别</th>
                  <th scope="col">出生年份</th>
                  <th scope="col">竞选职位</th>
                  <th scope="col">联系电话</th>
                  <th scope="col">公民身份号码</th>
                  <th scope="col">党员</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: p.rows }, (_, i) => {
                  const cell = (f: string, control: unknown) => {
                    const error = rowErrors.get(`${i}.${f}`);
                    return (
                      <td class={error ? 'invalid' : undefined}>
                        {control}
                        {error ? (
                          <span class="field-error" id={`f-c-${i}-${f}-error`}>
                            {error}
                          </span>
                        ) : null}
                      </td>
                    );
                  };
                  const attrs = (f: string, label: string) => ({ id: `f-c-${i}-${f}`, name: `c.${i}.${f}`, 'aria-label': `第 ${i + 1} 行${label}`, 'aria-invalid': rowErrors.has(`${i}.${f}`) ? 'true' : undefined, 'aria-describedby': rowErrors.has(`${i}.${f}`) ? `f-c-${i}-${f}-error` : undefined });
                  const select = (f: string, label: string, options: { value: string; label: string }[]) => (
                    <select {...attrs(f, label)}>
                      {options.map((o) => (
                        <option value={o.value} selected={o.value === (v(i, f) ?? '')}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  );
                  return (
                    <tr>
                      <th scope="row">{i + 1}</th>
                      {cell('name', <input {...attrs('name', '姓名')} value={v(i, 'name') ?? ''} size={6} />)}
                      {cell('gender', select('gender', '性别', genderOptions))}
                      {cell('birthYear', <input {...attrs('birthYear', '出生年份')} type="number" min={1900} max={2100} value={v(i, 'birthYear') ?? ''} style="width:6em" />)}
                      {cell('position', select('position', '竞选职位', positionOptions))}
                      {cell('phone', <input {...attrs('phone', '联系电话')} inputmode="tel" autocomplete="off" value={v(i, 'phone') ?? ''} size={11} />)}
                      {cell('idNumber', <input {...attrs('idNumber', '公民身份号码')} autocomplete="off" value={v(i, 'idNumber') ?? ''} size={18} />)}
                      <td>
                        <input type="checkbox" id={`f-c-${i}-partyMember`} name={`c.${i}.partyMember`} aria-label={`第 ${i + 1} 行中共党员`} checked={v(i, 'partyMember') === 'on'} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {p.rows < 60 ? (
            <button type="submit" name="addRows" value="1" class="secondary" formnovalidate>
              再加 {MORE_ROWS} 行
            </button>
          ) : null}
        </fieldset>
        <div class="actions">
          <button type="submit">登记</button>
          <a href="/console/elections">取消</a>
        </div>
      </form>
    </>
  );
};

const ElectionDetail = (p: { election: ElectionView; session: ConsoleSession; canOrganise: boolean; ok?: string | undefined; error?: string | undefined; sheet?: Record<string, string>; problem?: Problem }) => {
  const e = p.election;
  const status = electionStatusLabels[e.status];
  const round = e.rounds.at(-1);
  const errors = fieldErrors(p.problem);
  const certified = e.status === 'certified';
  return (
    <>
      {p.ok ? <Alert kind="ok">{p.ok}</Alert> : null}
      {p.error ? <Alert kind="error">{p.error}</Alert> : null}
      {p.problem ? <Alert kind="error">{problemText(p.problem)}。请按各栏提示修改计票单。</Alert> : null}
      <div class="card">
        <p>
          状态：<Tag kind={status.kind}>{status.label}</Tag>　选举日 {e.electionDate}　{e.modeLabel}　登记选民 {num(e.registeredVoters)} 人
        </p>
        <p>
          应选：{committeePositions.filter((k) => (e.seats[k] ?? 0) > 0).map((k) => `${positionLabels[k]} ${e.seats[k]} 名`).join('，')}
          {' · '}
          <a href={`/console/communities/${e.communityCode}`}>社区页面</a>
        </p>
        {e.seatsReason ? <p class="muted">职数说明：{e.seatsReason}</p> : null}
      </div>
      {e.rounds.map((r) => {
        const names = new Map(r.candidates.map((cand) => [cand.id, cand]));
        const tally = r.result?.tally;
        return (
          <section aria-labelledby={`round-${r.round}`}>
            <h2 id={`round-${r.round}`}>
              第 {r.round} 轮（{r.heldOn}）
              {tally ? (
                <>
                  {' '}
                  <Tag kind={tally.valid ? 'ok' : 'bad'}>{tally.valid ? '选举有效' : `选举无效：${tally.invalidReasonLabel ?? ''}`}</Tag>
                </>
              ) : null}
            </h2>
            {r.result ? (
              <p class="muted">
                发出选票 {num(r.result.ballotsIssued)}，收回 {num(r.result.ballotsReturned)}（过半需 {num(tally?.turnoutNeeded)}），有效票 {num(r.result.validBallots)}，无效票 {num(r.result.invalidBallots)}；当选需得票过半：{num(tally?.votesNeeded)} 票。第 {r.result.version} 版，录入于 {shanghai(r.result.recordedAt)}
              </p>
            ) : null}
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">候选人</th>
                    <th scope="col">职位</th>
                    <th scope="col" class="hide-narrow">联系电话</th>
                    <th scope="col" class="num">得票</th>
                    <th scope="col">结果</th>
                  </tr>
                </thead>
                <tbody>
                  {r.candidates.map((cand) => {
                    const t = tally?.candidates.find((x) => x.candidateId === cand.id);
                    return (
                      <tr>
                        <td>{cand.name}</td>
                        <td>{positionLabels[cand.position] ?? cand.position}</td>
                        <td class="hide-narrow">{cand.phone ?? '—'}</td>
                        <td class="num">{t ? num(t.votes) : '—'}</td>
                        <td>{t ? <Tag kind={t.outcome === 'elected' ? 'ok' : undefined}>{t.outcomeLabel}</Tag> : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {tally && tally.furtherRoundNeeded ? (
              <Alert kind="info">
                尚有名额未选出：{Object.entries(tally.unfilledSeats).filter(([, n]) => n > 0).map(([k, n]) => `${positionLabels[k] ?? k} ${n} 名`).join('，')}；建议另行选举候选人：
                {Object.values(tally.furtherRoundCandidates).flat().map((id) => names.get(id)?.name ?? id).join('、') || '（须另行提名）'}
              </Alert>
            ) : null}
          </section>
        );
      })}
      {round && p.canOrganise && (!certified || p.sheet) ? (
        <section aria-labelledby="h-sheet">
          <h2 id="h-sheet">{round.result ? '更正' : '录入'}第 {round.round} 轮计票结果</h2>
          <form class="stack card" method="post" action={`/console/elections/${e.id}/results`}>
            <Csrf session={p.session} />
            <Field name="ballotsIssued" label="发出选票" type="number" value={p.sheet?.['ballotsIssued'] ?? round.result?.ballotsIssued} required error={errors['ballotsIssued']} attrs={{ min: 0 }} />
            <Field name="ballotsReturned" label="收回选票（参加投票人数）" type="number" value={p.sheet?.['ballotsReturned'] ?? round.result?.ballotsReturned} required error={errors['ballotsReturned']} attrs={{ min: 0 }} />
            <Field name="validBallots" label="有效票" type="number" value={p.sheet?.['validBallots'] ?? round.result?.validBallots} required error={errors['validBallots']} attrs={{ min: 0 }} />
            <Field name="invalidBallots" label="无效票" type="number" value={p.sheet?.['invalidBallots'] ?? round.result?.invalidBallots} required error={errors['invalidBallots']} attrs={{ min: 0 }} />
            <fieldset class="stack">
              <legend>各候选人得票</legend>
              {round.candidates.map((cand, i) => (
                <Field
                  name={`votes.${cand.id}`}
                  label={`${cand.name}（${positionLabels[cand.position] ?? cand.position}）`}
                  type="number"
                  value={p.sheet?.[`votes.${cand.id}`] ?? round.result?.votes.find((v) => v.candidateId === cand.id)?.votes}
                  required
                  error={errors[`votes.${i}.votes`] ?? errors[`votes.${i}`]}
                  attrs={{ min: 0 }}
                />
              ))}
              {errors['votes'] ? <span class="field-error">{errors['votes']}</span> : null}
            </fieldset>
            {round.result ? <Field name="reason" label="更正理由" value={p.sheet?.['reason']} error={errors['reason']} hint="重新录入已有计票结果时须说明理由" /> : null}
            <div class="actions">
              <button type="submit">保存计票结果</button>
            </div>
          </form>
        </section>
      ) : null}
      {p.canOrganise && !certified && round?.result?.tally.valid ? (
        <section aria-labelledby="h-certify">
          <h2 id="h-certify">认证选举结果</h2>
          <div class="card">
            <p>认证后结果写入防篡改链，不可再改；新一届居委会任期自认证起计算，成员须在一年内完成培训。</p>
            <div class="actions">
              <a class="button" href={`/console/elections/${e.id}/certify`}>
                认证结果…
              </a>
            </div>
          </div>
        </section>
      ) : null}
      {certified ? (
        <section aria-labelledby="h-chain">
          <h2 id="h-chain">认证记录</h2>
          <ul>
            {e.certifications.map((cert) => (
              <li>
                第 {cert.version} 版，链序号 {cert.seq}，{shanghai(cert.certifiedAt)}，哈希 <code>{cert.contentHash.slice(0, 16)}…</code>
                {cert.reason ? `（更正理由：${cert.reason}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href="/console/elections">返回选举列表</a>
      </p>
    </>
  );
};

