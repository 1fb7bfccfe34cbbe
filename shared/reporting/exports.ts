import type { Call } from '../context.js';
import { shanghaiTime } from '../time.js';
import { writeWorkbook } from '../xlsx/workbook.js';
import type { AggregatesView, CompletenessView } from './schemas.js';
import { getAggregates, getCompleteness } from './aggregation.js';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

type Cell = string | number | null;

const aggregationLabels = { sum: '求和', avg: '平均', min: '最小值', max: '最大值', ratio: '比率' } as const;
const statusLabels = { missing: '未报送', submitted: '已报送待审核', accepted: '已采纳', returned: '已退回' } as const;

/** The aggregate as one table: an indicator per row, the province value, then one column per contributing city. */
export function aggregateTable(view: AggregatesView, cityNames: Map<string, string>): Cell[][] {
  const cities = [...new Set(view.items.flatMap((i) => Object.keys(i.perCity)))].sort();
  const header: Cell[] = ['指标代码', '指标名称', '单位', '汇总方式', '全省汇总值', '报送城市数', ...cities.map((c) => `${cityNames.get(c) ?? c}(${c})`)];
  return [header, ...view.items.map((i) => [i.indicator, i.label, i.unit, aggregationLabels[i.aggregation], i.value, i.contributingCities, ...cities.map((c) => i.perCity[c] ?? null)])];
}

/** Times as the console shows them: Asia/Shanghai wall time with its offset, e.g. 2026-12-07T10:00:00+08:00. */
const shanghaiTimeOf = (iso: string | null) => (iso === null ? null : shanghaiTime(new Date(iso)));

export function completenessTable(view: CompletenessView): Cell[][] {
  return [
    ['城市代码', '城市名称', '报送状态', '版本', '首次报送时间', '最近报送时间', '是否按时'],
    ...view.cities.map((c) => [c.code, c.name, statusLabels[c.status], c.version, shanghaiTimeOf(c.firstSubmittedAt), shanghaiTimeOf(c.lastSubmittedAt), c.onTime === null ? null : c.onTime ? '按时' : '逾期']),
  ];
}

export function completenessSummary(view: CompletenessView): Cell[][] {
  return [
    ['项目', '数值'],
    ['应报城市数', view.expected],
    ['已报送', view.submitted],
    ['按时报送', view.onTime],
    ['逾期报送', view.late],
    ['未报送', view.missing],
    ['已采纳', view.accepted],
    ['已退回', view.returned],
    ['报送率(%)', view.reportingRate],
    ['及时率(%)', view.onTimeRate],
    ['截止日期', view.dueOn],
    ['按时截止', view.onTimeUntil],
  ];
}

/** Text a spreadsheet would run as a formula (OWASP CSV injection): = + - @ tab CR at the start. */
const formulaStart = /^[=+\-@\t\r]/;

/** Numbers are written as numbers (a negative value stays a number); text that could start a formula gets a leading ' and quotes. */
const csvCell = (v: Cell) => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const neutralised = formulaStart.test(v);
  const s = neutralised ? `'${v}` : v;
  return neutralised || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 with a byte-order mark, so Excel opens the Chinese headers correctly. */
export function toCsv(rows: Cell[][]): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
}

/** An Excel workbook: a bold, frozen header row on every sheet, columns as wide as their content (10 to 40). */
export async function toWorkbook(sheets: { name: string; rows: Cell[][] }[]): Promise<Uint8Array<ArrayBuffer>> {
  return writeWorkbook(
    sheets.map((sheet) => {
      const columns = Math.max(0, ...sheet.rows.map((r) => r.length));
      const widths = Array.from({ length: columns }, (_, n) => Math.min(40, Math.max(10, ...sheet.rows.map((r) => String(r[n] ?? '').length * 2))));
      return { name: sheet.name, rows: sheet.rows, widths, header: true };
    }),
    { creator: '省民政厅 社区建设管理系统' },
  );
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 导出全省汇总 (province): CSV or an Excel workbook with Chinese headers. */
export async function exportAggregates({ ctx, input }: Call<{ template: string; period: string; format: 'csv' | 'xlsx' }>): Promise<ExportFile> {
  const view = await getAggregates({ ctx, input });
  const completeness = await getCompleteness({ ctx, input });
  const names = new Map(completeness.cities.map((c) => [c.code, c.name]));
  const rows = aggregateTable(view, names);
  const base = `aggregate-${input.period}`;
  return input.format === 'csv'
    ? { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(rows) }
    : { filename: `${base}.xlsx`, contentType: xlsxType, body: await toWorkbook([{ name: '全省汇总', rows }]) };
}

/** 导出报送情况 (province): the completeness table, and in the workbook a summary sheet beside it. */
export async function exportCompleteness({ ctx, input }: Call<{ template: string; period: string; format: 'csv' | 'xlsx' }>): Promise<ExportFile> {
  const view = await getCompleteness({ ctx, input });
  const base = `completeness-${input.period}`;
  return input.format === 'csv'
    ? { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(completenessTable(view)) }
    : {
        filename: `${base}.xlsx`,
        contentType: xlsxType,
        body: await toWorkbook([
          { name: '报送情况', rows: completenessTable(view) },
          { name: '汇总', rows: completenessSummary(view) },
        ]),
      };
}
