import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import type { ElectionSummary, ElectionView } from '../../../shared/elections/schemas.js';
import type { electionSortKeys } from '../../../shared/elections/schemas.js';
import { committeePositionLabels } from '../../../shared/committees/rules.js';
import { electionModeLabels, electionModes, electionOrganisers } from '../../../shared/elections/rules.js';
import type { Problem } from '../api.js';
import { flashOf, formOf, page, withFlash } from '../context.js';
import { fieldErrors, problemInChinese } from '../i18n.js';
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
const positionByLabel: Record<string, string> = { 主任: 'chair', 副主任: 'vice_chair', 委员: 'member', chair: 'chair', vice_chair: 'vice_chair', member: 'member' };
const genderByLabel: Record<string, string> = { 男: 'male', 女: 'female', male: 'male', female: 'female' };

/** Candidate lines: 姓名,性别,出生年份,职位[,党员] — e.g. “李明,男,1980,主任”. */
export function candidatesFromText(text: string): { candidates: unknown[]; lineErrors: string[] } {
  const candidates: unknown[] = [];
  const lineErrors: string[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const [name = '', gender = '', year = '', position = '', party = ''] = line.split(/[,，\s]+/);
      const g = genderByLabel[gender];
      const p = positionByLabel[position];
      if (!g || !p || !/^\d{4}$/.test(year)) {
        lineErrors.push(`第 ${i + 1} 行“${line}”应写作：姓名,性别(男/女),出生年份,职位(主任/副主任/委员)`);
        return;
      }
      candidates.push({ name, gender: g, birthYear: Number(year), position: p, partyMember: /党员|是|yes/i.test(party) });
    });
  return { candidates, lineErrors };
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

  app.get('/elections/new', (c) => {
    const { session, render } = page(c, options);
    return render('登记选举方案', <ElectionForm session={session} form={{ mode: 'all_residents', chair: '1', vice_chair: '1', member: '3', community: c.req.query('community') ?? '' }} />);
  });

  app.post('/elections/new', async (c) => {
    const { session, api, render } = page(c, options);
    const form = await formOf(c);
    const { candidates, lineErrors } = candidatesFromText(form['candidates'] ?? '');
    if (lineErrors.length) return render('登记选举方案', <ElectionForm session={session} form={form} candidateErrors={lineErrors} />, 400);
    const seat = (k: string) => (form[k] ? Number(form[k]) : 0);
    const result = await api.post<ElectionView>('/v1/elections', {
      communityCode: form['community'] ?? '',
      electionDate: form['electionDate'] ?? '',
      mode: form['mode'] ?? '',
      seats: { chair: seat('chair'), vice_chair: seat('vice_chair'), member: seat('member') },
      registeredVoters: Number(form['registeredVoters'] || 0),
      candidates,
    });
    if (!result.ok) return render('登记选举方案', <ElectionForm session={session} form={form} problem={result.problem} />, 400);
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

  app.post('/elections/:id/certify', async (c) => {
    const { api } = page(c, options);
    const id = c.req.param('id');
    const form = await formOf(c);
    const result = await api.post<ElectionView>(`/v1/elections/${encodeURIComponent(id)}/certify`, {
      ...(form['reason'] ? { reason: form['reason'] } : {}),
      closeWithUnfilledSeats: form['closeWithUnfilledSeats'] === 'on',
    });
    if (!result.ok) return c.redirect(withFlash(`/console/elections/${id}`, { error: `未能认证：${problemInChinese(result.problem)}` }), 303);
    return c.redirect(withFlash(`/console/elections/${id}`, { ok: '选举结果已认证，新一届居委会任期开始，成员培训义务已生成。' }), 303);
  });
  return app;
}

const ElectionForm = (p: { session: ConsoleSession; form: Record<string, string>; problem?: Problem; candidateErrors?: string[] }) => {
  const errors = fieldErrors(p.problem);
  const e = (name: string) => errors[name];
  const candidateError = p.candidateErrors?.join('；') ?? Object.entries(errors).find(([k]) => k.startsWith('candidates'))?.[1];
  const seatsError = Object.entries(errors).find(([k]) => k.startsWith('seats'))?.[1];
  return (
    <>
      {p.problem || p.candidateErrors ? <Alert kind="error">{p.problem ? problemInChinese(p.problem) : '候选人名单格式有误'}。请按各栏提示修改。</Alert> : null}
      <form class="stack card" method="post" action="/console/elections/new">
        <Csrf session={p.session} />
        <Field name="community" label="社区代码（12 位）" value={p.form['community']} required error={e('communityCode')} attrs={{ inputmode: 'numeric' }} />
        <Field name="electionDate" label="选举日" type="date" value={p.form['electionDate']} required error={e('electionDate')} />
        <Field name="mode" label="选举方式" value={p.form['mode']} options={electionModes.map((m) => ({ value: m, label: electionModeLabels[m] }))} error={e('mode')} />
        <fieldset class="stack">
          <legend>应选职数（共 5 至 9 名，主任 1 名）</legend>
          <Field name="chair" label="主任" type="number" value={p.form['chair']} error={e('chair')} attrs={{ min: 0, max: 9 }} />
          <Field name="vice_chair" label="副主任" type="number" value={p.form['vice_chair']} error={e('vice_chair')} attrs={{ min: 0, max: 9 }} />
          <Field name="member" label="委员" type="number" value={p.form['member']} error={e('member') ?? seatsError} attrs={{ min: 0, max: 9 }} />
        </fieldset>
        <Field name="registeredVoters" label="登记选民数" type="number" value={p.form['registeredVoters']} required error={e('registeredVoters')} attrs={{ min: 1 }} />
        <Field name="candidates" label="候选人（每行一人）" value={p.form['candidates']} multiline required hint="格式：姓名,性别(男/女),出生年份,职位(主任/副主任/委员)[,党员]，例：李明,男,1980,主任" error={candidateError} />
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
      {p.problem ? <Alert kind="error">{problemInChinese(p.problem)}。请按各栏提示修改计票单。</Alert> : null}
      <div class="card">
        <p>
          状态：<Tag kind={status.kind}>{status.label}</Tag>　选举日 {e.electionDate}　{e.modeLabel}　登记选民 {num(e.registeredVoters)} 人
        </p>
        <p>
          应选：{Object.entries(e.seats).filter(([, n]) => n > 0).map(([k, n]) => `${positionLabels[k] ?? k} ${n} 名`).join('，')}　
          <a href={`/console/communities/${e.communityCode}`}>社区页面</a>
        </p>
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
          <form class="stack card" method="post" action={`/console/elections/${e.id}/certify`}>
            <Csrf session={p.session} />
            <p>认证后结果写入防篡改链，不可再改；新一届居委会任期自认证起计算，成员须在一年内完成培训。</p>
            {round.result.tally.furtherRoundNeeded ? (
              <div class="field">
                <label>
                  <input type="checkbox" name="closeWithUnfilledSeats" /> 尚有名额未选出，但已有主任且成员 5 至 9 名，确认结束选举
                </label>
              </div>
            ) : null}
            <div class="actions">
              <button type="submit">认证结果</button>
            </div>
          </form>
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

