import { createMiddleware } from 'hono/factory';
import type { TemplateView } from '../../../../shared/reporting/schemas.js';
import { ConsolePageError, query, type ConsoleApi } from '../../api.js';
import type { ConsoleContext } from '../../context.js';
import type { ConsoleEnv } from '../../session.js';

/** Province pages are for province users; a city user gets the console's error page, not a redirect that hides why. */
export const provinceOnly = createMiddleware<ConsoleEnv>(async (c, next) => {
  if (c.get('session').principal.kind !== 'province') {
    throw new ConsolePageError({ status: 403, code: 'province_scope_required', detail: '此页面仅限省民政厅用户' });
  }
  await next();
});

export const reportStatusLabels: Record<string, string> = {
  missing: '未报送',
  draft: '起草中',
  submitted: '已报送待审核',
  accepted: '已采纳',
  returned: '已退回',
};
export const reportStatusKinds: Record<string, 'ok' | 'warn' | 'bad' | 'info'> = { missing: 'bad', draft: 'info', submitted: 'info', accepted: 'ok', returned: 'warn' };

export const aggregationLabels: Record<string, string> = { sum: '求和', avg: '平均', min: '最小值', max: '最大值', ratio: '比率' };
export const sourceLabel = (source: string) => (source === 'manual' ? '手工填报' : source === 'derived' ? '派生计算' : `系统计算（${source.replace(/^computed:/, '')}）`);

export interface Selection {
  templates: TemplateView[];
  template: TemplateView | undefined;
  period: string | undefined;
}

/**
 * The (template, period) a province page shows: from `?template=&period=` (or the combined `?tp=` of the picker), else
 * the newest template's latest period that has opened.
 */
export async function selectionOf(c: ConsoleContext, api: ConsoleApi, today: string): Promise<Selection> {
  const templates = (await api.must<{ items: TemplateView[] }>('/v1/report-templates')).items;
  const [tpTemplate, tpPeriod] = (c.req.query('tp') ?? '').split('|');
  const wantedTemplate = tpTemplate || c.req.query('template');
  const wantedPeriod = tpPeriod || c.req.query('period');
  const template = templates.find((t) => t.id === wantedTemplate) ?? (wantedTemplate ? undefined : templates.find((t) => t.periods.length) ?? templates[0]);
  if (wantedTemplate && !template) throw new ConsolePageError({ status: 404, code: 'not_found', detail: '未找到该报告模板' });
  const opened = template?.periods.filter((p) => p.opensOn <= today) ?? [];
  const period = wantedPeriod ?? (opened.at(-1) ?? template?.periods.at(-1))?.period;
  return { templates, template, period };
}

export const selectionQuery = (s: Selection, extra: Record<string, string | undefined> = {}) =>
  query({ template: s.template?.id, period: s.period, ...extra });

/** A GET form choosing one (template, period) pair; the page keeps working without script. */
export const SelectionPicker = ({ action, selection, extra = {} }: { action: string; selection: Selection; extra?: Record<string, string | undefined> }) => (
  <form method="get" action={action} class="card actions">
    <div class="field" style="flex:1;min-width:260px">
      <label for="tp">报告模板与报告期</label>
      <select id="tp" name="tp">
        {selection.templates.flatMap((t) =>
          t.periods.map((p) => (
            <option value={`${t.id}|${p.period}`} selected={t.id === selection.template?.id && p.period === selection.period}>
              {t.title} · {p.period === 'once' ? '一次性报告' : p.period}（截止 {p.dueOn}）
            </option>
          )),
        )}
      </select>
    </div>
    {Object.entries(extra).map(([name, value]) => (value ? <input type="hidden" name={name} value={value} /> : null))}
    <button type="submit">查看</button>
  </form>
);

export { pageStatus } from '../../context.js';

export { periodLabel } from '../../../../shared/reporting/rules.js';
