import { Hono } from 'hono';
import { adjustmentPlanDrafters, planApproverRole } from '../../../shared/adjustments/rules.js';
import type { PlanView } from '../../../shared/adjustments/schemas.js';
import { hasRole, type Principal } from '../../../shared/auth/principal.js';
import type { ConsoleApi, Problem } from '../api.js';
import { flashOf, formOf, page, withFlash } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { ActionButton, Alert, Csrf, StatusFilter, Field, shanghai, Tag } from '../layout.js';
import { loadUnits, UnitPicker, type PickerUnits } from '../picker.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv, ConsoleSession } from '../session.js';

export const planStatusLabels: Record<string, { label: string; kind: 'ok' | 'warn' | 'bad' | 'info' }> = {
  draft: { label: '草稿', kind: 'info' },
  submitted: { label: '待审批', kind: 'warn' },
  approved: { label: '已批准', kind: 'ok' },
  rejected: { label: '已退回', kind: 'bad' },
};
const changeKinds = [
  { value: '', label: '（不使用此行）' },
  { value: 'create', label: '设立新社区' },
  { value: 'rename', label: '更名' },
  { value: 'split', label: '拆分' },
  { value: 'merge', label: '合并' },
  { value: 'reparent', label: '调整隶属街道' },
  { value: 'dissolve', label: '撤销' },
];
const CHANGE_ROWS = 4;
/** Rows for the new communities a split makes (the API takes two or more). */
const SPLIT_PARTS = 3;

type PlanForm = Record<string, string>;

/**
 * The plan form's rows → the API's `changes`. Existing communities and streets are chosen with the unit picker
 * (`code`, `with`, `toStreet`); only a new community's code (`newCode`, not yet on any list) is typed; a split's new
 * communities are rows of code, name and households (`parts.0.code` …), a row left blank skipped.
 */
export function changesFromForm(form: PlanForm): unknown[] {
  const changes: unknown[] = [];
  for (let i = 0; i < CHANGE_ROWS; i++) {
    const kind = form[`changes.${i}.kind`];
    if (!kind) continue;
    const at = (key: string) => form[`changes.${i}.${key}`]?.trim() ?? '';
    const code = at('code');
    const name = at('name');
    const households = at('households');
    const sizeExceptionReason = at('sizeExceptionReason');
    const reasoned = sizeExceptionReason ? { sizeExceptionReason } : {};
    switch (kind) {
      case 'create':
        changes.push({ kind, code: at('newCode'), name, ...(households ? { households: Number(households) } : {}), ...reasoned });
        break;
      case 'rename':
        changes.push({ kind, code, name });
        break;
      case 'dissolve':
        changes.push({ kind, code });
        break;
      case 'reparent':
        changes.push({ kind, code, toStreet: at('toStreet') });
        break;
      case 'split':
        changes.push({
          kind, code,
          into: Array.from({ length: SPLIT_PARTS }, (_, j) => ({ code: at(`parts.${j}.code`), name: at(`parts.${j}.name`), households: at(`parts.${j}.households`), why: at(`parts.${j}.sizeExceptionReason`) }))
            .filter((part) => part.code || part.name || part.households)
            .map(({ why, ...part }) => ({ ...part, households: part.households === '' ? Number.NaN : Number(part.households), ...(why ? { sizeExceptionReason: why } : {}) })),
        });
        break;
      case 'merge':
        changes.push({ kind, codes: [code, at('with')].filter(Boolean), into: { code: at('newCode'), name, ...reasoned } });
        break;
      default:
        changes.push({ kind });
    }
  }
  return changes;
}

/** The form's pickers: the street's communities, and the streets a community may move to (those the session may read). */
async function formUnits(api: ConsoleApi, principal: Principal): Promise<FormUnits> {
  const [communities, streets] = await Promise.all([loadUnits(api, principal, ['village']), loadUnits(api, principal, ['township'])]);
  return { communities, streets };
}
interface FormUnits {
  communities: PickerUnits;
  streets: PickerUnits;
}

export function planPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/plans', async (c) => {
    const { principal, api, render } = page(c, options);
    const status = c.req.query('status');
    const list = await api.must<{ items: PlanView[] }>(`/v1/adjustment-plans${status ? `?status=${encodeURIComponent(status)}` : ''}`);
    return render(
      '社区设置调整方案',
      <>
        <p class="muted">街道（镇）拟订方案并提交，区（县）人民政府（不设区的市由市）审批；批准后于生效日起按新区划执行。</p>
        <StatusFilter action="/console/plans" labels={planStatusLabels} current={status}>
          {hasRole(principal, adjustmentPlanDrafters) ? (
            <a class="button" href="/console/plans/new">
              新建调整方案
            </a>
          ) : null}
        </StatusFilter>
        {list.items.length === 0 ? (
          <p>暂无调整方案。</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">方案</th>
                  <th scope="col">街道</th>
                  <th scope="col">生效日</th>
                  <th scope="col">状态</th>
                  <th scope="col" class="hide-narrow">拟订时间</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <tr>
                    <td>
                      <a href={`/console/plans/${p.id}`}>{p.title}</a>
                    </td>
                    <td>
                      <Unit code={p.streetCode} names={p.names} />
                    </td>
                    <td>{p.effectiveDate}</td>
                    <td>
                      <Tag kind={planStatusLabels[p.status]?.kind}>{planStatusLabels[p.status]?.label ?? p.status}</Tag>
                    </td>
                    <td class="hide-narrow">{shanghai(p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });

  app.get('/plans/new', async (c) => {
    const { session, principal, api, render } = page(c, options);
    return render('新建调整方案', <PlanFormView session={session} units={await formUnits(api, principal)} form={{ 'changes.0.kind': 'create' }} />);
  });

  app.post('/plans/new', async (c) => {
    const { session, principal, api, render } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<PlanView>('/v1/adjustment-plans', {
      title: form['title'] ?? '',
      reason: form['reason'] ?? '',
      effectiveDate: form['effectiveDate'] ?? '',
      changes: changesFromForm(form),
    });
    if (!result.ok) return render('新建调整方案', <PlanFormView session={session} units={await formUnits(api, principal)} form={form} problem={result.problem} />, 400);
    return c.redirect(withFlash(`/console/plans/${result.data.id}`, { ok: '方案已保存为草稿；核对无误后请提交审批。' }), 303);
  });

  app.get('/plans/:id', async (c) => {
    const { session, principal, api, render } = page(c, options);
    const plan = await api.must<PlanView>(`/v1/adjustment-plans/${encodeURIComponent(c.req.param('id'))}`);
    const { ok, error } = flashOf(c);
    return render(plan.title, <PlanDetail plan={plan} session={session} canSubmit={hasRole(principal, adjustmentPlanDrafters) && principal.unit === plan.streetCode} canDecide={principal.unit === plan.approverUnit && principal.role === planApproverRole(plan.approverUnit)} ok={ok} error={error} />);
  });

  for (const step of ['submit', 'approve', 'reject'] as const) {
    app.post(`/plans/:id/${step}`, async (c) => {
      const { api } = page(c, options);
      const id = c.req.param('id');
      const form = await formOf(c);
      const body = step === 'submit' ? {} : form['comment'] ? { comment: form['comment'] } : {};
      const result = await api.post<PlanView>(`/v1/adjustment-plans/${encodeURIComponent(id)}/${step}`, body);
      const done = { submit: '方案已提交审批。', approve: '方案已批准，将于生效日起执行。', reject: '方案已退回街道。' }[step];
      if (!result.ok) {
        const fields = fieldErrors(result.problem);
        const message = fields['comment'] ? `退回意见：${fields['comment']}` : problemText(result.problem);
        return c.redirect(withFlash(`/console/plans/${id}`, { error: message }), 303);
      }
      return c.redirect(withFlash(`/console/plans/${id}`, { ok: done }), 303);
    });
  }
  return app;
}

const changeLabel = (kind: string) => changeKinds.find((k) => k.value === kind)?.label ?? kind;

/** A unit by name with its code small beside it; a code no list names shows alone. */
const Unit = ({ code, names }: { code: string; names: PlanView['names'] }) =>
  names[code] ? (
    <>
      {names[code]} <small class="muted">{code}</small>
    </>
  ) : (
    <small class="muted">{code}</small>
  );

/** A community the plan creates: its name (and households) from the plan, its new code small beside it. */
const NewCommunity = ({ code, name, households }: { code: string; name: string; households?: number | undefined }) => (
  <>
    {name}
    {households !== undefined ? `（${households} 户）` : ''} <small class="muted">{code}</small>
  </>
);

function describeChange(change: PlanView['changes'][number], names: PlanView['names']) {
  switch (change.kind) {
    case 'create':
      return <NewCommunity code={change.code} name={change.name} households={change.households} />;
    case 'rename':
      return (
        <>
          <Unit code={change.code} names={names} /> 更名为 {change.name}
        </>
      );
    case 'dissolve':
      return <Unit code={change.code} names={names} />;
    case 'reparent':
      return (
        <>
          <Unit code={change.code} names={names} /> 改隶 <Unit code={change.toStreet} names={names} />
        </>
      );
    case 'split':
      return (
        <>
          <Unit code={change.code} names={names} /> 拆分为{' '}
          {change.into.map((p, i) => (
            <>
              {i ? '、' : ''}
              <NewCommunity code={p.code} name={p.name} households={p.households} />
            </>
          ))}
        </>
      );
    case 'merge':
      return (
        <>
          {change.codes.map((code, i) => (
            <>
              {i ? '、' : ''}
              <Unit code={code} names={names} />
            </>
          ))}{' '}
          合并为 <NewCommunity code={change.into.code} name={change.into.name} />
        </>
      );
  }
}

const PlanDetail = (p: { plan: PlanView; session: ConsoleSession; canSubmit: boolean; canDecide: boolean; ok?: string | undefined; error?: string | undefined }) => {
  const status = planStatusLabels[p.plan.status];
  return (
    <>
      {p.ok ? <Alert kind="ok">{p.ok}</Alert> : null}
      {p.error ? <Alert kind="error">{p.error}</Alert> : null}
      <div class="card">
        <p>
          状态：<Tag kind={status?.kind}>{status?.label ?? p.plan.status}</Tag>　街道 <Unit code={p.plan.streetCode} names={p.plan.names} />　审批单位 <Unit code={p.plan.approverUnit} names={p.plan.names} />　生效日 {p.plan.effectiveDate}
        </p>
        <p>理由：{p.plan.reason}</p>
        <p class="muted">
          拟订 {shanghai(p.plan.createdAt)}（{p.plan.createdBy}）{p.plan.submittedAt ? `，提交 ${shanghai(p.plan.submittedAt)}` : ''}
          {p.plan.decidedAt ? `，${p.plan.status === 'approved' ? '批准' : '退回'} ${shanghai(p.plan.decidedAt)}（${p.plan.decidedBy}）` : ''}
        </p>
        {p.plan.decisionComment ? <p>审批意见：{p.plan.decisionComment}</p> : null}
      </div>
      <div class="table-wrap">
        <table>
          <caption>调整内容</caption>
          <thead>
            <tr>
              <th scope="col" class="num">序号</th>
              <th scope="col">类型</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {p.plan.changes.map((change, i) => (
              <tr>
                <td class="num">{i + 1}</td>
                <td>{changeLabel(change.kind)}</td>
                <td>{describeChange(change, p.plan.names)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        {p.plan.status === 'draft' && p.canSubmit ? <ActionButton session={p.session} action={`/console/plans/${p.plan.id}/submit`} label="提交审批" /> : null}
        {p.plan.status === 'submitted' && p.canDecide ? <ActionButton session={p.session} action={`/console/plans/${p.plan.id}/approve`} label="批准" /> : null}
      </div>
      {p.plan.status === 'submitted' && p.canDecide ? (
        <form class="stack card" method="post" action={`/console/plans/${p.plan.id}/reject`} style="margin-top:16px">
          <Csrf session={p.session} />
          <Field name="comment" label="退回意见" multiline required hint="退回时须说明理由（至少 2 个字）" />
          <div class="actions">
            <button type="submit" class="danger">
              退回
            </button>
          </div>
        </form>
      ) : null}
      <p>
        <a href="/console/plans">返回方案列表</a>
      </p>
    </>
  );
};

const PlanFormView = (p: { session: ConsoleSession; units: FormUnits; form: PlanForm; problem?: Problem }) => {
  const errors = fieldErrors(p.problem);
  const e = (name: string) => errors[name];
  // a street officer reads only their own street: with no other street to offer, the street a community moves to is typed
  const otherStreets = p.units.streets.units.some((u) => u.code !== p.session.principal.unit);
  return (
    <>
      {p.problem ? <Alert kind="error">{problemText(p.problem)}。请按各栏提示修改后重新保存。</Alert> : null}
      <form class="stack" method="post" action="/console/plans/new">
        <Csrf session={p.session} />
        <div class="card stack">
          <Field name="title" label="方案名称" value={p.form['title']} required error={e('title')} />
          <Field name="reason" label="调整理由" value={p.form['reason']} multiline required error={e('reason')} hint="如：户数超过 3000 户，拟拆分以便管理服务" />
          <Field name="effectiveDate" label="生效日期" type="date" value={p.form['effectiveDate']} required error={e('effectiveDate')} />
          {e('changes') ? <span class="field-error">{e('changes')}</span> : null}
        </div>
        {Array.from({ length: CHANGE_ROWS }, (_, i) => {
          const field = (key: string) => `changes.${i}.${key}`;
          const kind = p.form[field('kind')];
          const creates = kind === 'create';
          return (
            <fieldset class="card stack">
              <legend>调整事项 {i + 1}</legend>
              <Field name={field('kind')} label="类型" value={p.form[field('kind')]} options={changeKinds} error={e(field('kind')) ?? e(`changes.${i}`)} />
              <UnitPicker name={field('code')} label="社区（更名、撤销、调整隶属、拆分或合并的社区）" picker={p.units.communities} value={p.form[field('code')]} error={creates ? undefined : (e(field('code')) ?? e(field('codes.0')) ?? e(field('codes')))} />
              <UnitPicker name={field('with')} label="与之合并的社区（合并时）" picker={p.units.communities} value={p.form[field('with')]} error={e(field('codes.1'))} />
              {otherStreets ? (
                <UnitPicker name={field('toStreet')} label="调入街道（镇）（调整隶属时）" picker={p.units.streets} value={p.form[field('toStreet')]} error={e(field('toStreet'))} />
              ) : (
                <Field name={field('toStreet')} label="调入街道（镇）的区划代码（调整隶属时）" value={p.form[field('toStreet')]} error={e(field('toStreet'))} attrs={{ inputmode: 'numeric' }} />
              )}
              <Field name={field('newCode')} label="新社区代码（设立、合并后的新社区，12 位）" hint="新社区尚无名称可选，填写统计部门编定的代码" value={p.form[field('newCode')]} error={(creates ? e(field('code')) : undefined) ?? e(field('into.code'))} attrs={{ inputmode: 'numeric' }} />
              <Field name={field('name')} label="社区名称（设立、更名、合并后）" value={p.form[field('name')]} error={e(field('name')) ?? e(field('into.name'))} />
              <Field name={field('households')} label="户数（设立时）" type="number" value={p.form[field('households')]} error={e(field('households'))} />
              <Field name={field('sizeExceptionReason')} label="规模说明（设立、合并后户数超出一般管辖范围时填写）" value={p.form[field('sizeExceptionReason')]} error={e(field('sizeExceptionReason')) ?? e(field('into.sizeExceptionReason'))} />
              <fieldset class="stack">
                <legend>拆分后的新社区（拆分时）</legend>
                {kind === 'split' && e(field('into')) ? <span class="field-error">{e(field('into'))}</span> : null}
                {Array.from({ length: SPLIT_PARTS }, (_, j) => {
                  const part = (key: string) => `${field('parts')}.${j}.${key}`;
                  const error = (key: string) => (kind === 'split' ? e(`${field('into')}.${j}.${key}`) : undefined);
                  const rowError = kind === 'split' ? e(`${field('into')}.${j}`) : undefined;
                  return (
                    <div class="row">
                      {rowError ? <span class="field-error">{rowError}</span> : null}
                      <Field name={part('code')} label={`新社区 ${j + 1} 代码（12 位）`} value={p.form[part('code')]} error={error('code')} attrs={{ inputmode: 'numeric' }} />
                      <Field name={part('name')} label="名称" value={p.form[part('name')]} error={error('name')} />
                      <Field name={part('households')} label="户数" type="number" value={p.form[part('households')]} error={error('households')} />
                      <Field name={part('sizeExceptionReason')} label="规模说明（户数超出一般管辖范围时）" value={p.form[part('sizeExceptionReason')]} error={error('sizeExceptionReason')} />
                    </div>
                  );
                })}
              </fieldset>
            </fieldset>
          );
        })}
        <div class="actions">
          <button type="submit">保存草稿</button>
          <a href="/console/plans">取消</a>
        </div>
      </form>
    </>
  );
};
