import type { Child } from 'hono/jsx';
import { hasRole, type Principal } from '../../../../shared/auth/principal.js';
import { serviceWriters } from '../../../../shared/services/rules.js';
import type { Problem } from '../../api.js';
import { fieldErrors } from '../../i18n.js';
import { SectionNav } from '../../layout.js';
import { sectionOf } from '../../menu.js';

export const canWrite = (p: Principal) => p.kind === 'city' && hasRole(p, serviceWriters);

/** 以政府投入为主渠道 / 集体、私人等非国有投资 (三、社区服务社会化); the API's enum has no labels of its own. */
export const fundingLabels: Record<'government' | 'non_state', string> = { government: '以政府投入为主渠道', non_state: '利用非国有资产举办（集体、私人投资）' };
export const profitLabels: Record<'non_profit' | 'for_profit', string> = { non_profit: '非营利性', for_profit: '营利性' };
export const authorityKinds: Record<string, 'ok' | 'info' | 'warn' | 'bad'> = { social_welfare: 'info', civil_affairs: 'ok', industry_commerce: 'info', undetermined: 'warn' };

/** The services API's own field messages in Chinese (the shared i18n keeps anything containing Chinese as it is). */
const servicePatterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^a (.+) needs its number or web address/, (m) => `${m[1]}须填写电话号码或网址`],
  [/^a (.+) has no floor area/, (m) => `${m[1]}没有面积，请留空`],
  [/^a (.+) needs its address/, (m) => `${m[1]}须填写地址`],
  [/^(\d+) is not a division in force today/, (m) => `${m[1]} 不是现行有效的区划代码`],
  [/is not on the register/, () => '该成员单位不在名录中'],
  [/non-state assets cannot exceed total assets/, () => '非国有资产不能超过总财产'],
  [/total assets must be above zero/, () => '总财产须大于零'],
  [/^organisation .* not found/, () => '未找到该志愿者组织'],
  [/already issued in this city/, () => '该登记卡号已在本市发放，不能重复登记'],
  [/社区服务登记卡 number/, () => '登记卡号为 4 至 32 位字母、数字或短横线'],
  [/a street or town \(9 digits\) or a community \(12 digits\)/, () => '须为街道（镇）9 位代码或社区 12 位代码'],
  [/a mobile number of 11 digits/, () => '手机号为 11 位（13x–19x），固定电话须带区号，如 020-12345678'],
  [/must not be zero/, () => '不能为零'],
  [/must be positive; the kind gives the sign/, () => '存入、支取时长须为正数'],
  [/only for kind correction/, () => '仅在“更正”时选择被更正的记录'],
  [/required for a correction/, () => '更正须选择被更正的记录'],
  [/^entry .* is not in .* ledger/, () => '该记录不在此志愿者的劳动储蓄账中'],
  [/exceeds the balance/, () => '超出劳动储蓄余额'],
  [/multiple of 0\.01/, () => '最多保留两位小数'],
];

function serviceMessage(message: string): string {
  for (const [pattern, text] of servicePatterns) {
    const match = message.match(pattern);
    if (match) return text(match);
  }
  return message;
}

/** Field errors of a services problem, keyed by form field, in Chinese. */
export function serviceFieldErrors(problem: Problem | undefined): Record<string, string> {
  if (!problem) return {};
  return fieldErrors({ ...problem, errors: (problem.errors ?? []).map((e) => ({ path: e.path, message: serviceMessage(e.message) })) });
}

/** "1,200.5" → 1200.5; an empty field → undefined; anything else goes to the API as typed, which says it is not a number. */
export function numberOf(value: string | undefined): number | string | undefined {
  const text = (value ?? '').replace(/[,，\s]/g, '');
  if (!text) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}



const sections = sectionOf('/console/services');

/** The pages of 服务与志愿, with the current one marked. */
export const ServicesNav = ({ current }: { current: string }) => <SectionNav label="服务与志愿" items={sections} current={current} />;

/** A GET form that narrows a list to a unit (and below), with room for more filters. */
export const UnitFilter = ({ action, unit, error, children }: { action: string; unit: string; error?: string | undefined; children?: Child }) => (
  <form method="get" action={action} class="card actions" style="align-items:flex-end" role="search">
    <div class={error ? 'field invalid' : 'field'} style="flex:1;min-width:180px">
      <label for="f-unit">单位（区划代码，含下级）</label>
      <input id="f-unit" name="unit" value={unit} inputmode="numeric" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-unit-error' : undefined} />
      {error ? (
        <span class="field-error" id="f-unit-error">
          {error}
        </span>
      ) : null}
    </div>
    {children}
    <button type="submit" class="secondary">
      筛选
    </button>
  </form>
);
