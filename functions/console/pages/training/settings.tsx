import { Hono } from 'hono';
import { loadUnits, unitName, UnitPicker } from '../../picker.js';
import { hasRole, type Principal } from '../../../../shared/auth/principal.js';
import { trainingSettingsEditors } from '../../../../shared/training/rules.js';
import type { TrainingSettings } from '../../../../shared/training/schemas.js';
import { ConsolePageError, type Problem } from '../../api.js';
import { type ConsoleContext, FlashMessages, formOf, intOrRaw, page, pageStatus, ProblemAlert, withFlash } from '../../context.js';
import { fieldErrors, problemText } from '../../i18n.js';
import { ActionButton, Csrf, Field } from '../../layout.js';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { TrainingNav } from './setup.js';
import { unitLevelName } from '../../../../shared/hierarchy/rules.js';

type Form = Record<string, string>;

/** The city whose settings these are; a province user has none (the API refuses the call). */
const cityOf = (p: Principal) => (p.kind === 'city' ? p.tenant : p.unit);

/**
 * Field errors keyed by this page's field names: `body.reminders.beforeDueDays.1` → `beforeDueDays`,
 * `body.unitEmails.440103001` → `email` (or `unit` when the code itself is wrong).
 */
function settingsErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!problem) return out;
  for (const e of problem.errors ?? []) {
    const path = e.path.replace(/^body\.?/, '');
    const text = e.message;
    const field = path.startsWith('reminders.')
      ? path.split('.')[1]!
      : path.startsWith('unitEmails')
        ? ['not_unit_of_city', 'invalid_key'].includes(e.code ?? '') || path === 'unitEmails'
          ? 'unit'
          : 'email'
        : path;
    out[field] ??= text;
  }
  return Object.keys(out).length ? out : fieldErrors(problem);
}

/** "90, 30、7" → [90, 30, 7]; a part that is not a whole number goes to the API as typed, which names it. */
const daysOf = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,，、;；]+/)
    .filter(Boolean)
    .map((d) => (/^\d+$/.test(d) ? Number(d) : d));

export function trainingSettingsPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const settingsPage = async (c: ConsoleContext, state: { reminders?: Form; mailbox?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const s = await api.must<TrainingSettings>(`/v1/training/settings/${principal.tenant}`);
    const canEdit = hasRole(principal, trainingSettingsEditors);
    const units = await loadUnits(api, principal, ['county', 'township']);
    const errors = settingsErrors(state.problem);
    const r = s.reminders;
    const rf: Form = state.reminders ?? { beforeDueDays: r.beforeDueDays.join('、'), overdueEveryDays: String(r.overdueEveryDays), escalateAfterDays: String(r.escalateAfterDays) };
    const mf: Form = state.mailbox ?? {};
    const mailboxes = Object.entries(s.unitEmails).sort(([a], [b]) => a.localeCompare(b));
    return render(
      '培训提醒设置',
      <>
        <TrainingNav current={c.req.path} />
        <FlashMessages c={c} />
        <p class="muted">新一届居委会成员须在选举后一年内完成培训（一年内轮训一遍）。临近期限时提醒成员本人；逾期未完成的，提醒所在街道（镇），并报区（县）督办。</p>
        <section class="card" aria-labelledby="h-current">
          <h2 id="h-current" style="margin-top:0">
            本市现行设置
          </h2>
          <ul>
            <li>期限前 {r.beforeDueDays.join('、')} 天，提醒成员本人</li>
            <li>逾期未完成的，每 {r.overdueEveryDays} 天提醒一次所在街道（镇）</li>
            <li>逾期满 {r.escalateAfterDays} 天仍未完成的，报区（县）督办，此后每 {r.overdueEveryDays} 天再报一次</li>
          </ul>
        </section>
        {canEdit ? (
          <section aria-labelledby="h-edit">
            <h2 id="h-edit">修改提醒时间</h2>
            {state.reminders ? <ProblemAlert problem={state.problem} errors={errors} /> : null}
            <form class="stack card" method="post" novalidate action="/console/training/settings">
              <Csrf session={session} />
              <Field
                name="beforeDueDays"
                label="期限前提醒成员（天）"
                value={rf['beforeDueDays']}
                required
                error={state.reminders ? errors['beforeDueDays'] : undefined}
                hint="可填多个，用顿号或逗号隔开，如：90、30、7；每个为 1 至 365 天，最多 10 个"
              />
              <Field
                name="overdueEveryDays"
                label="逾期后提醒街道（镇）的间隔（天）"
                type="number"
                value={rf['overdueEveryDays']}
                required
                error={state.reminders ? errors['overdueEveryDays'] : undefined}
                hint="1 至 90 天"
                attrs={{ min: 1, max: 90 }}
              />
              <Field
                name="escalateAfterDays"
                label="逾期多少天后报区（县）督办"
                type="number"
                value={rf['escalateAfterDays']}
                required
                error={state.reminders ? errors['escalateAfterDays'] : undefined}
                hint="0 至 365 天；0 表示一逾期即报区（县）"
                attrs={{ min: 0, max: 365 }}
              />
              <div class="actions">
                <button type="submit">保存提醒设置</button>
              </div>
            </form>
          </section>
        ) : (
          <p class="muted">提醒设置由市级管理员修改。</p>
        )}
        <h2 id="h-mailboxes">单位提醒邮箱</h2>
        <p class="muted">发给街道（镇）或区（县）的提醒，除在工作台收件箱中显示外，同时发送到该单位登记的邮箱。</p>
        {mailboxes.length ? (
          <div class="table-wrap">
            <table>
              <caption>已登记邮箱（{mailboxes.length}）</caption>
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">层级</th>
                  <th scope="col">邮箱</th>
                  {canEdit ? <th scope="col">操作</th> : null}
                </tr>
              </thead>
              <tbody>
                {mailboxes.map(([unit, email]) => (
                  <tr>
                    <td>
                      {unitName(units, unit)} <span class="muted">{unit}</span>
                    </td>
                    <td>{unitLevelName(unit)}</td>
                    <td style="word-break:break-all">{email}</td>
                    {canEdit ? (
                      <td>
                        <ActionButton session={session} action="/console/training/settings/mailboxes/remove" label="删除" kind="secondary" fields={{ unit }} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>尚未登记单位提醒邮箱。</p>
        )}
        {canEdit ? (
          <section aria-labelledby="h-mailbox">
            <h3 id="h-mailbox">登记或更换单位邮箱</h3>
            {state.mailbox ? <ProblemAlert problem={state.problem} errors={errors} /> : null}
            <form class="stack card" method="post" novalidate action="/console/training/settings/mailboxes">
              <Csrf session={session} />
              <UnitPicker name="unit" label="单位" picker={units} value={mf['unit']} required error={state.mailbox ? errors['unit'] : undefined} hint="区（县）或街道（镇）；可输入名称筛选" />
              <Field name="email" label="邮箱" type="email" value={mf['email']} required error={state.mailbox ? errors['email'] : undefined} />
              <div class="actions">
                <button type="submit">保存邮箱</button>
              </div>
            </form>
          </section>
        ) : null}
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  app.get('/training/settings', (c) => settingsPage(c));

  app.post('/training/settings', async (c) => {
    const { principal, api } = page(c, options);
    const form = await formOf(c);
    const result = await api.patch<TrainingSettings>(`/v1/training/settings/${cityOf(principal)}`, {
      reminders: { beforeDueDays: daysOf(form['beforeDueDays']), overdueEveryDays: intOrRaw(form['overdueEveryDays']), escalateAfterDays: intOrRaw(form['escalateAfterDays']) },
    });
    if (!result.ok) {
      if (result.status === 403 || result.status === 404) throw new ConsolePageError(result.problem);
      return settingsPage(c, { reminders: form, problem: result.problem });
    }
    return c.redirect(withFlash('/console/training/settings', { ok: '已保存培训提醒设置' }), 303);
  });

  app.post('/training/settings/mailboxes', async (c) => {
    const { principal, api } = page(c, options);
    const form = await formOf(c);
    const unit = (form['unit'] ?? '').trim();
    const email = (form['email'] ?? '').trim();
    const local: { path: string; message: string }[] = [];
    if (!unit) local.push({ path: 'body.unitEmails', message: '请填写单位代码' });
    if (!email) local.push({ path: `body.unitEmails.${unit}`, message: '请填写邮箱' });
    if (local.length) return settingsPage(c, { mailbox: form, problem: { status: 400, code: 'validation_failed', errors: local } });
    const result = await api.patch<TrainingSettings>(`/v1/training/settings/${cityOf(principal)}`, { unitEmails: { [unit]: email } });
    if (!result.ok) {
      if (result.status === 403 || result.status === 404) throw new ConsolePageError(result.problem);
      return settingsPage(c, { mailbox: form, problem: result.problem });
    }
    return c.redirect(withFlash('/console/training/settings', { ok: `已登记 ${unit} 的提醒邮箱` }), 303);
  });

  app.post('/training/settings/mailboxes/remove', async (c) => {
    const { principal, api } = page(c, options);
    const form = await formOf(c);
    const unit = (form['unit'] ?? '').trim();
    const result = await api.patch<TrainingSettings>(`/v1/training/settings/${cityOf(principal)}`, { unitEmails: { [unit]: null } });
    if (!result.ok) {
      if (result.status === 403 || result.status === 404) throw new ConsolePageError(result.problem);
      return c.redirect(withFlash('/console/training/settings', { error: `未能删除 ${unit} 的邮箱：${result.problem.errors?.[0]?.message ?? problemText(result.problem)}` }), 303);
    }
    return c.redirect(withFlash('/console/training/settings', { ok: `已删除 ${unit} 的提醒邮箱` }), 303);
  });

  return app;
}
