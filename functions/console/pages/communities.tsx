import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import { committeeSizeProposers, genderLabels as genderOfLabels } from '../../../shared/committees/rules.js';
import type { CommitteeDetailView, CommitteeSummaryView } from '../../../shared/committees/schemas.js';
import { communityProfileEditors, communityPublishers, communityTypeLabels, communityTypes, urbanVillageIssueLabels, urbanVillageIssues } from '../../../shared/communities/rules.js';
import type { CommunityView } from '../../../shared/communities/schemas.js';
import type { OccurrenceSummaryView } from '../../../shared/conferences/schemas.js';
import type { ElectionSummary } from '../../../shared/elections/schemas.js';
import type { ComplianceFigures } from '../../../shared/training/metrics.js';
import type { ObligationView } from '../../../shared/training/schemas.js';
import { ConsolePageError, query, type Problem } from '../api.js';
import { blankToNull, flashOf, formOf, page, withFlash, type ConsoleContext } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { ActionButton, Alert, Csrf, Field, num, shanghai, Tag } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import { electionStatusLabels } from './elections.js';
import type { ConsoleEnv, ConsoleSession } from '../session.js';

const typeLabels: Record<string, string> = communityTypeLabels;
const sizeLabels: Record<string, [string, 'ok' | 'warn']> = {
  below: ['低于一般管辖规模', 'warn'],
  within: ['在一般管辖规模内', 'ok'],
  above: ['超过一般管辖规模', 'warn'],
};
const issueLabels: Record<string, string> = urbanVillageIssueLabels;
const obligationKinds: Record<string, 'ok' | 'warn' | 'bad' | 'info'> = { met: 'ok', late: 'warn', overdue: 'bad', pending: 'info' };
const genderLabels: Record<string, string> = genderOfLabels;

const Unavailable = ({ what, problem }: { what: string; problem: Parameters<typeof problemText>[0] }) => (
  <p class="muted">
    {what}暂不可见：{problemText(problem)}
  </p>
);

export function communityPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/communities/:code', async (c) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const code = communityCode(c);
    const flash = flashOf(c);
    const community = await api.must<CommunityView>(`/v1/communities/${code}`);
    const [committees, elections, compliance, obligations, meetings] = await Promise.all([
      api.get<{ items: CommitteeSummaryView[] }>(`/v1/committees${query({ parent: code })}`),
      api.get<{ items: ElectionSummary[] }>(`/v1/elections${query({ community: code })}`),
      api.get<{ asOf: string; unit: ComplianceFigures }>(`/v1/training/compliance${query({ unit: code })}`),
      api.get<{ items: ObligationView[]; total: number }>(`/v1/training/obligations${query({ parent: code, size: 200, sort: 'member' })}`),
      api.get<{ items: OccurrenceSummaryView[] }>(`/v1/conferences/occurrences${query({ unit: community.streetCode })}`),
    ]);
    const summary = committees.ok ? committees.data.items.find((x) => x.communityCode === code) : undefined;
    const committee = summary ? await api.get<CommitteeDetailView>(`/v1/committees/${summary.id}`) : undefined;
    const size = community.sizeStatus ? sizeLabels[community.sizeStatus] : undefined;
    return render(
      community.name,
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
        <p class="muted">
          <a href={`/console/divisions?parent=${community.streetCode}`}>返回{community.streetName ?? `所属街道（${community.streetCode}）`}</a> · 社区代码 {community.code}
        </p>
        <section aria-labelledby="h-profile">
          <h2 id="h-profile">社区概况</h2>
          {hasRole(principal, communityProfileEditors) ? (
            <p>
              <a class="button secondary" href={`/console/communities/${code}/edit`}>
                修改社区概况
              </a>
            </p>
          ) : null}
          <div class="table-wrap">
            <table>
              <tbody>
                <tr>
                  <th scope="row" style="white-space:normal">社区类型</th>
                  <td>{community.type ? typeLabels[community.type] : '未填写'}</td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">户数</th>
                  <td>
                    {community.households === null ? '未填写' : `${num(community.households)} 户`} {size ? <Tag kind={size[1]}>{size[0]}</Tag> : null}
                    {community.sizeExceptionReason ? <div class="muted">说明：{community.sizeExceptionReason}</div> : null}
                  </td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">人口</th>
                  <td>{community.population === null ? '未填写' : `${num(community.population)} 人`}</td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">面积</th>
                  <td>{community.areaKm2 === null ? '未填写' : `${num(community.areaKm2, 2)} 平方公里`}</td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">办公地址</th>
                  <td>{community.officeAddress ?? '未填写'}</td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">服务热线</th>
                  <td>{community.serviceHotline ?? '未填写'}</td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">居务公开</th>
                  <td>
                    {community.publishable ? (
                      <>
                        <Tag kind="ok">已公开</Tag> <a href={`/p/${principal.tenant}/${code}`}>查看公开页面</a>
                      </>
                    ) : (
                      <Tag>未公开</Tag>
                    )}
                    {hasRole(principal, communityPublishers) ? (
                      <>
                        {' '}
                        <ActionButton
                          session={session}
                          action={`/console/communities/${code}/publication`}
                          label={community.publishable ? '停止公开' : '公开本社区居务'}
                          kind="secondary"
                          fields={{ publishable: community.publishable ? 'off' : 'on' }}
                        />
                      </>
                    ) : null}
                  </td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">社区服务中心</th>
                  <td>{community.hasServiceCentre ? '已建' : '未建'}</td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">城中村改造试点</th>
                  <td>
                    {community.urbanVillagePilot ? '是' : '否'}
                    {community.urbanVillagePilot && community.urbanVillageOpenIssues.length ? `；待解决：${community.urbanVillageOpenIssues.map((i) => issueLabels[i] ?? i).join('、')}` : ''}
                  </td>
                </tr>
                <tr>
                  <th scope="row" style="white-space:normal">生效日期</th>
                  <td>{community.validFrom ?? '建档以前'}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </section>

        <section aria-labelledby="h-committee">
          <h2 id="h-committee">社区居民委员会</h2>
          {!committees.ok ? (
            <Unavailable what="居委会信息" problem={committees.problem} />
          ) : !summary ? (
            <>
              <p class="muted">尚未登记居委会（登记选举方案时自动登记）。</p>
              {hasRole(principal, committeeSizeProposers) ? <ActionButton session={session} action={`/console/communities/${code}/committee`} label="登记居委会" kind="secondary" /> : null}
            </>
          ) : committee && !committee.ok ? (
            <Unavailable what="居委会详情" problem={committee.problem} />
          ) : committee?.ok ? (
            <>
              <p>
                {committee.data.termNumber ? `第 ${committee.data.termNumber} 届，任期至 ${committee.data.termEndsOn}` : '尚无任期'} · 在任 {committee.data.serving} 人
                {committee.data.proposedSize ? ` · 街道提出职数 ${committee.data.proposedSize.size} 人` : ''}{' '}
                {committee.data.statusLabels.map((l) => (
                  <>
                    <Tag kind="warn">{l}</Tag>{' '}
                  </>
                ))}
              </p>
              <div class="table-wrap">
                <table>
                  <caption>成员（个人信息已脱敏）</caption>
                  <thead>
                    <tr>
                      <th scope="col">姓名</th>
                      <th scope="col">职务</th>
                      <th scope="col">性别</th>
                      <th scope="col" class="num">出生年份</th>
                      <th scope="col">联系电话</th>
                      <th scope="col">公民身份号码</th>
                      <th scope="col">党员</th>
                      <th scope="col">不脱离生产</th>
                    </tr>
                  </thead>
                  <tbody>
                    {committee.data.members.map((m) => (
                      <tr>
                        <td>{m.name}</td>
                        <td>{m.positionLabel}</td>
                        <td>{genderLabels[m.gender] ?? m.gender}</td>
                        <td class="num">{m.birthYear}</td>
                        <td>{m.phone ?? '—'}</td>
                        <td>{m.idNumber ?? '—'}</td>
                        <td>{m.partyMember ? '是' : '否'}</td>
                        <td>{m.keepsJob ? '是' : '否'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h3>制度建设</h3>
              <ul>
                {committee.data.systems.map((s) => (
                  <li>
                    {s.label}：{s.adoptedOn ? `${s.adoptedOn} 建立（${s.documentRef ?? ''}）` : <Tag kind="warn">未建立</Tag>}
                  </li>
                ))}
              </ul>
              {committee.data.workingCommittees.length ? <p>专门工作委员会：{committee.data.workingCommittees.map((w) => w.name).join('、')}</p> : null}
              {committee.data.socialWorkers.length ? <p>社会工作者：{committee.data.socialWorkers.map((w) => `${w.name}（${w.role}）`).join('、')}</p> : null}
              <p>
                <a class="button secondary" href={`/console/committees/${committee.data.id}`}>
                  居委会管理：职数、成员、缺额、制度建设
                </a>{' '}
                <a class="button secondary" href={`/console/communities/${code}/assembly`}>
                  社区居民会议：居民代表、民主决策、述职评议
                </a>
              </p>
            </>
          ) : null}
        </section>

        <section aria-labelledby="h-elections">
          <h2 id="h-elections">换届选举</h2>
          {!elections.ok ? (
            <Unavailable what="选举信息" problem={elections.problem} />
          ) : elections.data.items.length ? (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">选举日期</th>
                    <th scope="col">选举方式</th>
                    <th scope="col" class="num">登记选民</th>
                    <th scope="col">状态</th>
                  </tr>
                </thead>
                <tbody>
                  {elections.data.items.map((e) => (
                    <tr>
                      <td>
                        <a href={`/console/elections/${e.id}`}>{e.electionDate}</a>
                      </td>
                      <td>{e.modeLabel}</td>
                      <td class="num">{num(e.registeredVoters)}</td>
                      <td style="white-space:nowrap">
                        <Tag kind={electionStatusLabels[e.status].kind}>{electionStatusLabels[e.status].label}</Tag>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="muted">尚无选举记录。</p>
          )}
        </section>

        <section aria-labelledby="h-training">
          <h2 id="h-training">成员培训（一年内轮训一遍）</h2>
          {compliance.ok ? (
            <div class="grid">
              <div class="stat">
                <span class="muted">应训成员</span>
                <b>{num(compliance.data.unit.members)}</b>
              </div>
              <div class="stat">
                <span class="muted">按时完成</span>
                <b>{num(compliance.data.unit.trainedOnTime)}</b>
              </div>
              <div class="stat">
                <span class="muted">待培训</span>
                <b>{num(compliance.data.unit.pending)}</b>
              </div>
              <div class="stat">
                <span class="muted">已逾期</span>
                <b>{num(compliance.data.unit.overdue)}</b>
              </div>
            </div>
          ) : (
            <Unavailable what="培训完成情况" problem={compliance.problem} />
          )}
          {obligations.ok && obligations.data.items.length ? (
            <div class="table-wrap" style="margin-top:12px">
              <table>
                <caption>成员培训状态</caption>
                <thead>
                  <tr>
                    <th scope="col">成员</th>
                    <th scope="col">应完成日期</th>
                    <th scope="col">状态</th>
                    <th scope="col">完成日期</th>
                  </tr>
                </thead>
                <tbody>
                  {obligations.data.items.map((o) => (
                    <tr>
                      <td>{o.memberName}</td>
                      <td>{o.dueOn}</td>
                      <td style="white-space:nowrap">
                        <Tag kind={obligationKinds[o.status]}>{o.statusLabel}</Tag>
                      </td>
                      <td>{o.completedOn ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : obligations.ok ? (
            <p class="muted">尚无培训义务（选举认证后自动生成）。</p>
          ) : null}
        </section>

        <section aria-labelledby="h-conferences">
          <h2 id="h-conferences">所属街道联席会议</h2>
          {!meetings.ok ? (
            <Unavailable what="联席会议" problem={meetings.problem} />
          ) : meetings.data.items.length ? (
            <ul>
              {meetings.data.items.slice(0, 6).map((m) => (
                <li>
                  <a href={`/console/conferences/${m.id}`}>
                    {shanghai(m.startsAt)} {m.title}
                  </a>{' '}
                  · {m.venue} {m.status === 'cancelled' ? <Tag kind="bad">已取消</Tag> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">未来一年没有安排联席会议。</p>
          )}
        </section>
      </>,
    );
  });

  const editPage = async (c: ConsoleContext, attempt?: { values: Record<string, string>; problem: Problem }, status: 200 | 400 | 403 | 422 = 200) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const code = communityCode(c);
    const community = await api.must<CommunityView>(`/v1/communities/${code}`);
    if (!hasRole(principal, communityProfileEditors)) {
      return render(`修改社区概况：${community.name}`, <Alert kind="error">您的角色无权修改社区概况；街道（镇）、区（县）和市民政部门工作人员可以修改。</Alert>, 403);
    }
    return render(`修改社区概况：${community.name}`, <ProfileForm session={session} community={community} attempt={attempt} />, status);
  };

  app.get('/communities/:code/edit', (c) => editPage(c));

  app.post('/communities/:code/edit', async (c) => {
    const { api } = page(c, options);
    const code = communityCode(c);
    const values = await formOf(c);
    const result = await api.patch<CommunityView>(`/v1/communities/${code}`, profilePatch(values));
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return editPage(c, { values, problem: result.problem }, result.status === 422 ? 422 : 400);
    }
    return c.redirect(withFlash(`/console/communities/${code}`, { ok: '社区概况已保存。' }), 303);
  });

  app.post('/communities/:code/publication', async (c) => {
    const { api } = page(c, options);
    const code = communityCode(c);
    const publishable = (await formOf(c))['publishable'] === 'on';
    const result = await api.put<CommunityView>(`/v1/communities/${code}/publication`, { publishable });
    if (!result.ok) {
      if (result.status === 404) throw new ConsolePageError(result.problem);
      return c.redirect(withFlash(`/console/communities/${code}`, { error: `未能设置居务公开：${problemText(result.problem)}` }), 303);
    }
    return c.redirect(withFlash(`/console/communities/${code}`, { ok: publishable ? '本社区居务公开页面已公开。' : '本社区居务公开页面已停止公开。' }), 303);
  });

  app.post('/communities/:code/committee', async (c) => {
    const { api } = page(c, options);
    const code = communityCode(c);
    const result = await api.post<CommitteeDetailView>('/v1/committees', { communityCode: code });
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) throw new ConsolePageError(result.problem);
      return c.redirect(withFlash(`/console/communities/${code}`, { error: `未能登记居委会：${problemText(result.problem)}` }), 303);
    }
    return c.redirect(withFlash(`/console/committees/${result.data.id}`, { ok: '居委会已登记。' }), 303);
  });

  return app;
}

function communityCode(c: ConsoleContext): string {
  const code = c.req.param('code') ?? '';
  if (!/^\d{12}$/.test(code)) throw new ConsolePageError({ status: 404, code: 'not_found', detail: '社区代码应为 12 位数字' });
  return code;
}

const numberOf = (value: string | undefined): number | string | null => {
  const v = (value ?? '').replace(/[,，\s]/g, '');
  if (!v) return null;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
};

/** The profile form → `PATCH /v1/communities/:code`: every field the form shows is sent, empty ones as null (cleared). */
export function profilePatch(v: Record<string, string>) {
  return {
    type: v['type'] ? v['type'] : null,
    households: numberOf(v['households']),
    population: numberOf(v['population']),
    areaKm2: numberOf(v['areaKm2']),
    officeAddress: blankToNull(v['officeAddress']),
    serviceHotline: blankToNull(v['serviceHotline']),
    hasServiceCentre: v['hasServiceCentre'] === 'on',
    urbanVillagePilot: v['urbanVillagePilot'] === 'on',
    urbanVillageOpenIssues: urbanVillageIssues.filter((i) => v[`issue.${i}`] === 'on'),
    sizeExceptionReason: blankToNull(v['sizeExceptionReason']),
  };
}

const Check = (p: { name: string; label: string; checked: boolean }) => (
  <div class="field">
    <label style="font-weight:normal">
      <input type="checkbox" name={p.name} value="on" checked={p.checked} /> {p.label}
    </label>
  </div>
);

const ProfileForm = ({ session, community: k, attempt }: { session: ConsoleSession; community: CommunityView; attempt?: { values: Record<string, string>; problem: Problem } | undefined }) => {
  const errors = fieldErrors(attempt?.problem);
  const v = attempt?.values;
  const value = (name: string, current: string | number | null) => (v ? v[name] : current);
  const issuesError = Object.entries(errors).find(([key]) => key.startsWith('urbanVillageOpenIssues'))?.[1];
  return (
    <>
      {attempt ? <Alert kind="error">{problemText({ ...attempt.problem, detail: undefined })}。请按各栏提示修改后重新保存。</Alert> : null}
      <p class="muted">
        <a href={`/console/communities/${k.code}`}>返回社区页面</a> · 社区代码 {k.code}
      </p>
      <form class="stack card" method="post" action={`/console/communities/${k.code}/edit`} novalidate>
        <Csrf session={session} />
        <Field
          name="type"
          label="社区类型"
          value={value('type', k.type)}
          options={[{ value: '', label: '未填写' }, ...communityTypes.map((t) => ({ value: t, label: communityTypeLabels[t] }))]}
          error={errors['type']}
        />
        <Field name="households" label="户数" type="number" value={value('households', k.households)} error={errors['households']} hint="超出本省一般管辖户数范围（如 1000 至 3000 户）时，须在下方说明理由" attrs={{ min: 0 }} />
        <Field name="sizeExceptionReason" label="规模说明（户数超出一般管辖范围时填写）" value={value('sizeExceptionReason', k.sizeExceptionReason)} multiline error={errors['sizeExceptionReason']} />
        <Field name="population" label="人口（人）" type="number" value={value('population', k.population)} error={errors['population']} attrs={{ min: 0 }} />
        <Field name="areaKm2" label="面积（平方公里）" type="number" value={value('areaKm2', k.areaKm2)} error={errors['areaKm2']} attrs={{ min: 0, step: '0.01' }} />
        <Field name="officeAddress" label="办公地址" value={value('officeAddress', k.officeAddress)} error={errors['officeAddress']} />
        <Field name="serviceHotline" label="社区服务热线" value={value('serviceHotline', k.serviceHotline)} error={errors['serviceHotline']} hint="带区号的固定电话（如 020-81230000）、400 号码或服务号码；在居务公开页面显示，不要填写个人手机号" />
        <Check name="hasServiceCentre" label="已建社区服务中心" checked={v ? v['hasServiceCentre'] === 'on' : k.hasServiceCentre} />
        <Check name="urbanVillagePilot" label="城中村改造试点" checked={v ? v['urbanVillagePilot'] === 'on' : k.urbanVillagePilot} />
        <fieldset class={issuesError ? 'field invalid' : 'field'} aria-describedby={issuesError ? 'f-urbanVillageOpenIssues-error' : undefined} style="border:1px solid var(--line);border-radius:6px;padding:8px 12px">
          <legend style="font-weight:600">城中村改造待解决问题（仅试点社区）</legend>
          {urbanVillageIssues.map((i) => (
            <label style="font-weight:normal">
              <input type="checkbox" name={`issue.${i}`} value="on" checked={v ? v[`issue.${i}`] === 'on' : k.urbanVillageOpenIssues.includes(i)} /> {urbanVillageIssueLabels[i]}
            </label>
          ))}
          {issuesError ? (
            <span class="field-error" id="f-urbanVillageOpenIssues-error">
              {issuesError}
            </span>
          ) : null}
        </fieldset>
        <div class="actions">
          <button type="submit">保存</button>
          <a href={`/console/communities/${k.code}`}>取消</a>
        </div>
      </form>
    </>
  );
};
