import { Hono } from 'hono';
import { adjustmentPlanDrafters, planApproverRole } from '../../../shared/adjustments/rules.js';
import type { PlanView } from '../../../shared/adjustments/schemas.js';
import { hasRole } from '../../../shared/auth/principal.js';
import type { Problem } from '../api.js';
import { flashOf, formOf, page, withFlash } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { ActionButton, Alert, Csrf, StatusFilter, Field, shanghai, Tag } from '../layout.js';
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

type PlanForm = Record<string, string>;

/** The plan form's rows → the API's `changes`; split parts and merged codes are written one per line. */
export function changesFromForm(form: PlanForm): unknown[] {
  const changes: unknown[] = [];
  for (let i = 0; i < CHANGE_ROWS; i++) {
    const kind = form[`changes.${i}.kind`];
    if (!kind) continue;
    const code = form[`changes.${i}.code`]?.trim() ?? '';
    const name = form[`changes.${i}.name`]?.trim() ?? '';
    const households = form[`changes.${i}.households`]?.trim();
    const sizeExceptionReason = form[`changes.${i}.sizeExceptionReason`]?.trim();
    const reasoned = sizeExceptionReason ? { sizeExceptionReason } : {};
    const lines = (form[`changes.${i}.parts`] ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    switch (kind) {
      case 'create':
        changes.push({ kind, code, name, ...(households ? { households: Number(households) } : {}), ...reasoned });
        break;
      case 'rename':
        changes.push({ kind, code, name });
        break;
      case 'dissolve':
        changes.push({ kind, code });
        break;
      case 'reparent':
        changes.push({ kind, code, toStreet: form[`changes.${i}.toStreet`]?.trim() ?? '' });
        break;
      case 'split':
        changes.push({
          kind, code,
          into: lines.map((l) => {
            // 代码,名称,户数[,规模说明]: the size reason is the rest of the line and may hold commas of its own
            const [, c = '', n = '', h = '', why] = /^([^,，\s]*)[,，\s]+([^,，\s]*)[,，\s]+([^,，\s]*)(?:[,，\s]+(.+))?$/.exec(l) ?? [l, ...l.split(/[,，\s]+/)];
            return { code: c, name: n, households: Number(h), ...(why?.trim() ? { sizeExceptionReason: why.trim() } : {}) };
          }),
        });
        break;
      case 'merge':
        changes.push({ kind, codes: lines.length ? lines : code.split(/[,，\s]+/).filter(Boolean), into: { code, name, ...reasoned } });
        break;
      default:
        changes.push({ kind });
    }
  }
  return changes;
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
                    <td>{p.streetCode}</td>
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

  app.get('/plans/new', (c) => {
    const { session, render } = page(c, options);
    return render('新建调整方案', <PlanFormView session={session} form={{ 'changes.0.kind': 'create' }} />);
  });

  app.post('/plans/new', async (c) => {
    const { session, api, render } = page(c, options);
    const form = await formOf(c);
    const result = await api.post<PlanView>('/v1/adjustment-plans', {
      title: form['title'] ?? '',
      reason: form['reason'] ?? '',
      effectiveDate: form['effectiveDate'] ?? '',
      changes: changesFromForm(form),
    });
    if (!result.ok) return render('新建调整方案', <PlanFormView session={session} form={form} problem={result.problem} />, 400);
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

function describeChange(change: PlanView['changes'][number]): string {
  switch (change.kind) {
    case 'create':
      return `${change.code} ${change.name}${change.households !== undefined ? `（${change.households} 户）` : ''}`;
    case 'rename':
      return `${change.code} 更名为 ${change.name}`;
    case 'dissolve':
      return change.code;
    case 'reparent':
      return `${change.code} 改隶 ${change.toStreet}`;
    case 'split':
      return `${change.code} 拆分为 ${change.into.map((p) => `${p.code} ${p.name}（${p.households} 户）`).join('、')}`;
    case 'merge':
      return `${change.codes.join('、')} 合并为 ${change.into.code} ${change.into.name}`;
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
          状态：<Tag kind={status?.kind}>{status?.label ?? p.plan.status}</Tag>　街道 {p.plan.streetCode}　审批单位 {p.plan.approverUnit}　生效日 {p.plan.effectiveDate}
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
                <td>{describeChange(change)}</td>
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

const PlanFormView = (p: { session: ConsoleSession; form: PlanForm; problem?: Problem }) => {
  const errors = fieldErrors(p.problem);
  const e = (name: string) => errors[name];
  const under = (...prefixes: string[]) => Object.entries(errors).find(([k]) => prefixes.some((x) => k.startsWith(x)))?.[1];
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
        {Array.from({ length: CHANGE_ROWS }, (_, i) => (
          <fieldset class="card stack">
            <legend>调整事项 {i + 1}</legend>
            <Field name={`changes.${i}.kind`} label="类型" value={p.form[`changes.${i}.kind`]} options={changeKinds} error={e(`changes.${i}.kind`) ?? e(`changes.${i}`)} />
            <Field name={`changes.${i}.code`} label="社区代码（12 位；合并时为合并后代码）" value={p.form[`changes.${i}.code`]} error={e(`changes.${i}.code`) ?? e(`changes.${i}.into.code`)} attrs={{ inputmode: 'numeric' }} />
            <Field name={`changes.${i}.name`} label="社区名称（设立、更名、合并后）" value={p.form[`changes.${i}.name`]} error={e(`changes.${i}.name`) ?? e(`changes.${i}.into.name`)} />
            <Field name={`changes.${i}.households`} label="户数（设立时）" type="number" value={p.form[`changes.${i}.households`]} error={e(`changes.${i}.households`)} />
            <Field name={`changes.${i}.sizeExceptionReason`} label="规模说明（设立、合并后户数超出一般管辖范围时填写）" value={p.form[`changes.${i}.sizeExceptionReason`]} error={e(`changes.${i}.sizeExceptionReason`) ?? e(`changes.${i}.into.sizeExceptionReason`)} />
            <Field name={`changes.${i}.toStreet`} label="调入街道代码（调整隶属时，9 位）" value={p.form[`changes.${i}.toStreet`]} error={e(`changes.${i}.toStreet`)} attrs={{ inputmode: 'numeric' }} />
            <Field name={`changes.${i}.parts`} label="拆分部分或被合并社区（每行一项）" value={p.form[`changes.${i}.parts`]} multiline hint="拆分：每行“代码,名称,户数”，户数超出一般管辖范围的在后面加“,规模说明”；合并：每行一个被合并社区代码" error={under(`changes.${i}.into.`, `changes.${i}.codes`) ?? e(`changes.${i}.into`)} />
          </fieldset>
        ))}
        <div class="actions">
          <button type="submit">保存草稿</button>
          <a href="/console/plans">取消</a>
        </div>
      </form>
    </>
  );
};
