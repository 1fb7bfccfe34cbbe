import { addIsoDays, isoDaysBetween } from '../dates.js';
import type { FieldProblem } from '../errors.js';
import type { Role } from '../auth/principal.js';
import { labelOf, messageIn, statedRule, type StatedRule } from '../i18n.js';
import { trainingMessages } from '../training/messages.js';
import { reportingMessages } from './messages.js';
import type { MetricResult } from './metrics.js';
import type { Figure, Indicator, ValidationRule } from './schemas.js';
import { msg, ratioSideLabels } from './messages.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const reportPeriodTypes = ['annual', 'semiannual', 'quarterly', 'once'] as const;
export const reportStatuses = ['draft', 'submitted'] as const;
export const snapshotStatuses = ['submitted', 'accepted', 'returned'] as const;
export const reportReminderStages = ['due_in_14_days', 'due_in_3_days', 'late'] as const;

/** Create report templates and open their reporting periods. */
export const reportTemplateManagers: readonly Role[] = ['province_admin'];
/** Read templates, submitted reports, late notices, aggregates and completeness at the province. */
export const reportProvinceReaders: readonly Role[] = ['province_admin', 'province_officer', 'auditor'];
/** Accept or return a submitted report. */
export const reportReviewers: readonly Role[] = ['province_admin', 'province_officer'];
/** Read the city's open periods and reports. */
export const reportCityReaders: readonly Role[] = ['city_admin', 'auditor'];
/** Draft, refresh, edit, submit and revise the city's reports. */
export const reportAuthors: readonly Role[] = ['city_admin'];

const quarterNames = ['一', '二', '三', '四'];

/** A reporting period as people name it: 2026年度, 2026年上半年, 2026年第四季度, 一次性报告 (English with `lang: 'en'`); an unknown code as written. */
export function periodLabel(period: string, lang: 'zh' | 'en' = 'zh'): string {
  const text = (code: keyof typeof reportingMessages, params: Record<string, string> = {}) => messageIn(reportingMessages, code, params).text(lang);
  if (period === 'once') return text('report.period.once');
  const m = /^(\d{4})(?:-(H|Q)([1-4]))?$/.exec(period);
  if (!m) return period;
  const [, year, kind, n] = m as unknown as [string, string, string | undefined, string | undefined];
  if (!kind) return text('report.period.annual', { year });
  if (kind === 'H' && (n === '1' || n === '2')) return text(n === '1' ? 'report.period.h1' : 'report.period.h2', { year });
  if (kind === 'Q') return text('report.period.quarter', { year, quarter: quarterNames[Number(n) - 1]!, n: n! });
  return period;
}

/** The periods of a type one may open around a year (the year before to the year after), each with its label. */
export function periodChoices(type: PeriodType, year: number): { value: string; label: string }[] {
  if (type === 'once') return [{ value: 'once', label: periodLabel('once') }];
  const values: string[] = [];
  for (let y = year - 1; y <= year + 1; y++) {
    if (type === 'annual') values.push(String(y));
    if (type === 'semiannual') values.push(`${y}-H1`, `${y}-H2`);
    if (type === 'quarterly') values.push(`${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`);
  }
  return values.map((value) => ({ value, label: periodLabel(value) }));
}

export type PeriodType = (typeof reportPeriodTypes)[number];

const periodPatterns: Record<PeriodType, RegExp> = {
  annual: /^(\d{4})$/,
  semiannual: /^(\d{4})-H([12])$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  once: /^once$/,
};

export function periodMatches(type: PeriodType, period: string): boolean {
  return periodPatterns[type].test(period);
}

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The days a period covers, for event figures (elections held, meetings held); a one-off report covers everything up to its day. */
export function periodRange(type: PeriodType, period: string, asOf: string): { from: string; to: string } {
  const m = periodPatterns[type].exec(period);
  if (!m || type === 'once') return { from: '0001-01-01', to: asOf };
  const year = Number(m[1]);
  if (type === 'annual') return { from: `${year}-01-01`, to: `${year}-12-31` };
  const part = Number(m[2]);
  const months = type === 'semiannual' ? 6 : 3;
  const firstMonth = (part - 1) * months + 1;
  return { from: `${year}-${String(firstMonth).padStart(2, '0')}-01`, to: lastDay(year, firstMonth + months - 1) };
}

/** Calendar-day arithmetic on Asia/Shanghai dates: the one helper in shared/dates.ts, under the names this module uses. */
export const addDays = addIsoDays;
export const daysBetween = isoDaysBetween;

/** On time when submitted (Asia/Shanghai day) no later than the due date plus the days the template counts as on time. */
export const onTimeUntil = (dueOn: string, onTimeDays: number) => addDays(dueOn, onTimeDays);

export type ReminderStage = 'due_in_14_days' | 'due_in_3_days' | 'late';

/** The reminder stage a city without a submission has reached on a day: 14 and 3 days before the due date, then late. */
export function reminderStage(today: string, dueOn: string, onTimeDays: number): ReminderStage | null {
  if (today > onTimeUntil(dueOn, onTimeDays)) return 'late';
  const left = daysBetween(today, dueOn);
  if (left < 0) return null;
  if (left <= 3) return 'due_in_3_days';
  if (left <= 14) return 'due_in_14_days';
  return null;
}

/** Problems with a template's own definition: every one, each naming its field. */
export function templateProblems(indicators: Indicator[], rules: ValidationRule[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const codes = new Map<string, Indicator>();
  indicators.forEach((i, n) => {
    if (codes.has(i.code)) problems.push({ path: `body.indicators.${n}.code`, message: msg.indicator_appears_twice({ code: i.code }) });
    codes.set(i.code, i);
  });
  indicators.forEach((i, n) => {
    if (i.aggregation === 'ratio') {
      if (i.source !== 'derived') problems.push({ path: `body.indicators.${n}.source`, message: msg.ratio_is_derived() });
      for (const side of ['numerator', 'denominator'] as const) {
        const ref = i[side];
        if (!ref) problems.push({ path: `body.indicators.${n}.${side}`, message: msg.ratio_needs_side({ side: labelOf(ratioSideLabels, side) }) });
        else if (!codes.has(ref) || codes.get(ref)!.aggregation === 'ratio') problems.push({ path: `body.indicators.${n}.${side}`, message: msg.not_a_plain_indicator({ ref }) });
      }
    } else {
      if (i.source === 'derived') problems.push({ path: `body.indicators.${n}.source`, message: msg.only_ratio_is_derived() });
      if (i.numerator || i.denominator) problems.push({ path: `body.indicators.${n}.numerator`, message: msg.only_ratio_has_parts() });
    }
  });
  rules.forEach((r, n) => {
    if (!codes.has(r.left)) problems.push({ path: `body.rules.${n}.left`, message: msg.not_an_indicator_of_template({ code: r.left }) });
    if (!codes.has(r.right)) problems.push({ path: `body.rules.${n}.right`, message: msg.not_an_indicator_of_template({ code: r.right }) });
  });
  return problems;
}

/**
 * The rule of a ratio: the training module's on-time rate when its parts are the training figures (so it reads as the
 * training page does), else numerator ÷ denominator by their labels.
 */
function ratioBasis(i: Indicator, indicators: Indicator[], figures: Record<string, Figure>): StatedRule {
  const num = figures[i.numerator!]?.basis;
  const den = figures[i.denominator!]?.basis;
  if (num?.code === 'training.rule.on_time' && den?.code === 'training.rule.members' && den.params['cutOff']) {
    return statedRule(trainingMessages['training.rule.rate']({ cutOff: den.params['cutOff'] }));
  }
  const label = (code: string) => indicators.find((x) => x.code === code)?.label ?? code;
  return statedRule(reportingMessages['report.basis.ratio']({ numerator: label(i.numerator!), denominator: label(i.denominator!), numeratorCode: i.numerator!, denominatorCode: i.denominator! }));
}

const manualBasis = () => statedRule(reportingMessages['report.basis.manual']());

export const metricOf = (i: Indicator) => (i.source.startsWith('computed:') ? i.source.slice('computed:'.length) : null);

/**
 * The figures of a report from fresh metric results and the city's manual values; ratios are derived last.
 * Per-district figures exist for computed indicators only (manual figures are the city's own totals).
 */
export function buildFigures(
  indicators: Indicator[],
  metrics: Map<string, MetricResult>,
  manual: Record<string, number | null>,
  previous: Record<string, Figure> = {},
): { figures: Record<string, Figure>; districtFigures: Record<string, Record<string, number>> } {
  const figures: Record<string, Figure> = {};
  const districtFigures: Record<string, Record<string, number>> = {};
  for (const i of indicators) {
    const metric = metricOf(i);
    if (metric) {
      const result = metrics.get(metric);
      if (!result) figures[i.code] = previous[i.code] ?? { value: null, source: 'computed', status: 'missing', metric };
      else if (!result.available) figures[i.code] = { value: null, source: 'computed', status: 'unavailable', metric, reason: result.reason };
      else {
        figures[i.code] = { value: result.figure.city, source: 'computed', status: 'ok', metric, queriedAt: result.queriedAt, basis: result.basis };
        districtFigures[i.code] = result.figure.byDistrict;
      }
    } else if (i.source === 'manual') {
      const value = i.code in manual ? manual[i.code]! : (previous[i.code]?.value ?? null);
      figures[i.code] = { value, source: 'manual', status: value === null ? 'missing' : 'ok', basis: manualBasis() };
    }
  }
  for (const i of indicators) {
    if (i.aggregation !== 'ratio') continue;
    const num = figures[i.numerator!]?.value ?? null;
    const den = figures[i.denominator!]?.value ?? null;
    const basis = ratioBasis(i, indicators, figures);
    const ratio: Figure =
      num === null || den === null
        ? { value: null, source: 'derived', status: 'unavailable', reason: `${i.numerator} 或 ${i.denominator} 暂无数值` }
        : den === 0
          ? { value: null, source: 'derived', status: 'unavailable', reason: `${i.denominator} 为 0` }
          : { value: Math.round((10_000 * num) / den) / 100, source: 'derived', status: 'ok' };
    figures[i.code] = { ...ratio, basis };
  }
  return { figures, districtFigures };
}

const holds = (op: ValidationRule['op'], a: number, b: number) =>
  op === 'lte' ? a <= b : op === 'lt' ? a < b : op === 'gte' ? a >= b : op === 'gt' ? a > b : a === b;

/** Everything that blocks submission, all at once: missing manual figures, an empty narrative, broken rules. */
export function submissionProblems(indicators: Indicator[], rules: ValidationRule[], figures: Record<string, Figure>, narrative: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const i of indicators) {
    const f = figures[i.code];
    if (i.source === 'manual' && (f?.value ?? null) === null) problems.push({ path: `manual.${i.code}`, message: msg.manual_figure_missing({ label: i.label }) });
    if (f?.value !== null && f?.value !== undefined && f.value < 0) problems.push({ path: `manual.${i.code}`, message: msg.figure_negative({ label: i.label }) });
  }
  if (narrative.trim().length < 20) problems.push({ path: 'narrative', message: msg.narrative_too_short() });
  for (const r of rules) {
    const a = figures[r.left]?.value ?? null;
    const b = figures[r.right]?.value ?? null;
    if (a !== null && b !== null && !holds(r.op, a, b)) problems.push({ path: `figures.${r.left}`, message: msg.report_rule_broken({ rule: r.message, left: r.left, a, right: r.right, b }) });
  }
  return problems;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over the canonical JSON of what was submitted, so the province can tell a frozen report from any later copy. */
export async function contentHash(content: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical(content)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
