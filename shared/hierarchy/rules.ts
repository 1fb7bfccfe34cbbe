import type { Role } from '../auth/principal.js';
import type { RowProblem } from '../errors.js';
import { decodeCsvBytes } from './csv-encoding.js';
import { labelled, labelOf, type Message } from '../i18n.js';
import { msg } from './messages.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const divisionLevels = ['city', 'county', 'township', 'village'] as const;
export const divisionKinds = [
  'district', 'county', 'county_city',
  'subdistrict', 'town', 'township',
  'residents_committee', 'villagers_committee',
  'other',
] as const;

/** Import the city's statistical division codes (统计用区划代码). */
export const divisionImporters: readonly Role[] = ['city_admin'];

export type DivisionLevel = (typeof divisionLevels)[number];
export type DivisionKind = (typeof divisionKinds)[number];

/**
 * A level as officials name its units (not the statistical tier 县级/乡级/村级): 区（县）, 街道（镇）, 社区（村）. Used where
 * only the level is known (an import's counts, a rule's message); a unit with a kind reads by {@link unitLevelLabel}.
 */
export const levelLabels: Record<DivisionLevel, string> = { city: '市', county: '区（县）', township: '街道（镇）', village: '社区（村）' };
export const kindLabels: Record<DivisionKind, string> = {
  district: '市辖区', county: '县', county_city: '县级市',
  subdistrict: '街道', town: '镇', township: '乡',
  residents_committee: '居民委员会', villagers_committee: '村民委员会',
  other: '其他',
};

export const kindsByLevel: Record<Exclude<DivisionLevel, 'city'>, readonly DivisionKind[]> = {
  county: ['district', 'county', 'county_city', 'other'],
  township: ['subdistrict', 'town', 'township', 'other'],
  village: ['residents_committee', 'villagers_committee', 'other'],
};

const lengthToLevel: Record<number, DivisionLevel> = { 4: 'city', 6: 'county', 9: 'township', 12: 'village' };

/**
 * The published lists (统计用区划代码) write every unit as 12 digits padded with zeros (440103001000 for a street);
 * shorter forms are also common. Both normalise to the significant digits: 4 city, 6 county, 9 township, 12 village.
 */
export function normaliseDivisionCode(raw: string): string | null {
  const code = raw.trim();
  if (!/^\d+$/.test(code)) return null;
  let c = code;
  if (c.length === 12 && c.endsWith('000')) c = c.slice(0, 9);
  if (c.length === 9 && c.endsWith('000')) c = c.slice(0, 6);
  if (c.length === 6 && c.endsWith('00')) c = c.slice(0, 4);
  return lengthToLevel[c.length] ? c : null;
}

export function levelOfCode(code: string): DivisionLevel | null {
  return lengthToLevel[code.length] ?? null;
}

/** A unit's level by its real kind: a street is 街道, a town 镇, a residents' committee 社区, a village 村. */
export const kindLevelLabels: Record<DivisionKind, string | null> = {
  district: '区', county: '县', county_city: '县级市',
  subdistrict: '街道', town: '镇', township: '乡',
  residents_committee: '社区', villagers_committee: '村',
  other: null,
};

/** What a page shows in a 层级 column: the unit's kind as a level (街道, 镇, 社区, 村…), or its level's name when the kind says nothing. */
export function unitLevelLabel(level: DivisionLevel, kind: DivisionKind | null | undefined): string {
  return (kind ? kindLevelLabels[kind] : null) ?? levelLabels[level];
}

/** A unit's level from its code alone (no kind known): 市, 区（县）, 街道（镇）, 社区（村）. */
export const unitLevelName = (code: string): string => levelLabels[levelOfCode(code) ?? 'city'];

/** The parent a code implies: its prefix one level up, or the city for a township of a city without districts. */
export function parentFromPrefix(code: string): string | null {
  switch (code.length) {
    case 6:
      return code.slice(0, 4);
    case 9: {
      const county = code.slice(0, 6);
      // 东莞 441900, 中山 442000: the placeholder county "<city>00" stands for the city itself.
      return county.endsWith('00') ? code.slice(0, 4) : county;
    }
    case 12:
      return code.slice(0, 9);
    default:
      return null;
  }
}

/**
 * The name rule for kinds, in order (a `kind` column in the import overrides it):
 * - village level: a name containing 虚拟 (a statistical placeholder) → other; ending in 居委会, 居民委员会 or 社区 →
 *   residents_committee; ending in 村委会, 村民委员会 or 村 → villagers_committee; anything else → other.
 * - township level: ending in 街道, 街道办事处 or 办事处 → subdistrict; 镇 → town; 乡 or 苏木 → township; else other.
 * - county level: ending in 区 → district; 县 or 旗 → county; 市 → county_city; else other.
 */
export function kindFromName(level: DivisionLevel, name: string): DivisionKind | null {
  const n = name.trim();
  switch (level) {
    case 'village':
      if (n.includes('虚拟')) return 'other';
      if (/(居委会|居民委员会|社区)$/.test(n)) return 'residents_committee';
      if (/(村委会|村民委员会|村)$/.test(n)) return 'villagers_committee';
      return 'other';
    case 'township':
      if (/(街道|街道办事处|办事处)$/.test(n)) return 'subdistrict';
      if (n.endsWith('镇')) return 'town';
      if (/(乡|苏木)$/.test(n)) return 'township';
      return 'other';
    case 'county':
      if (n.endsWith('区')) return 'district';
      if (/(县|旗)$/.test(n)) return 'county';
      if (n.endsWith('市')) return 'county_city';
      return 'other';
    case 'city':
      return null;
  }
}

export interface DivisionRowInput {
  /** 1-based position in the source: the CSV line (header is line 1) or the JSON array index + 1. */
  row: number;
  code: string;
  name: string;
  parentCode?: string | undefined;
  kind?: string | undefined;
}

export interface PlannedDivision {
  code: string;
  name: string;
  level: Exclude<DivisionLevel, 'city'>;
  kind: DivisionKind;
  parentCode: string;
}

export interface ExistingDivision {
  code: string;
  name: string;
  level: DivisionLevel;
  kind: DivisionKind | null;
  parentCode: string | null;
}

export interface ImportPlan {
  create: PlannedDivision[];
  update: PlannedDivision[];
  unchanged: PlannedDivision[];
  /** Rows that restate the city itself (its 4-digit code, or the placeholder county `<city>00`). */
  cityRows: number;
  /** Rows for communities an approved adjustment plan has changed: the plan's history stands, the list does not overwrite it. */
  heldByPlans: PlannedDivision[];
  problems: RowProblem[];
}

const MAX_NAME = 100;

/**
 * Checks every row of a division list against the city and its current map, and sorts the good rows into
 * create / update / unchanged. Every problem is reported, not just the first; a plan with problems writes nothing.
 */
export function planDivisionImport(
  cityCode: string,
  rows: readonly DivisionRowInput[],
  existing: ReadonlyMap<string, ExistingDivision>,
  heldByPlans: ReadonlySet<string> = new Set(),
): ImportPlan {
  const problems: RowProblem[] = [];
  const planned = new Map<string, { row: number; division: PlannedDivision }>();
  let cityRows = 0;

  for (const r of rows) {
    const raw = (r.code ?? '').trim();
    const problem = (field: string, reason: Message) => problems.push({ row: r.row, code: raw || undefined, field, reason });
    const code = normaliseDivisionCode(raw);
    if (!code) {
      problem('code', msg.not_a_division_code_long());
      continue;
    }
    if (!code.startsWith(cityCode)) {
      problem('code', msg.outside_city({ cityCode }));
      continue;
    }
    const name = (r.name ?? '').trim();
    if (!name) {
      problem('name', msg.name_empty());
      continue;
    }
    if (name.includes('\uFFFD')) {
      problem('name', msg.name_has_replacement_char({ row: r.row }));
      continue;
    }
    if (/[\u0000-\u001f\u007f]/.test(name)) {
      problem('name', msg.name_has_control_chars({ row: r.row }));
      continue;
    }
    if (name.length > MAX_NAME) {
      problem('name', msg.name_too_long({ max: MAX_NAME }));
      continue;
    }
    const level = levelOfCode(code)!;
    if (level === 'city') {
      cityRows += 1;
      continue;
    }
    if (planned.has(code)) {
      problem('code', msg.duplicate_of_row({ row: planned.get(code)!.row }));
      continue;
    }
    let kind: DivisionKind;
    const givenKind = r.kind?.trim();
    if (givenKind) {
      if (!(kindsByLevel[level] as readonly string[]).includes(givenKind)) {
        problem('kind', msg.kind_not_of_level({ kinds: labelled(kindsByLevel[level].map((k) => `${k}（${kindLabels[k]}）`).join('、'), kindsByLevel[level].join(', ')), level: labelOf(levelLabels, level) }));
        continue;
      }
      kind = givenKind as DivisionKind;
    } else {
      kind = kindFromName(level, name)!;
    }
    let parentCode = parentFromPrefix(code)!;
    const givenParent = r.parentCode?.trim();
    if (givenParent) {
      const p = normaliseDivisionCode(givenParent);
      if (!p) {
        problem('parentCode', msg.not_a_division_code());
        continue;
      }
      parentCode = p;
    }
    planned.set(code, { row: r.row, division: { code, name, level, kind, parentCode } });
  }

  const levelOf = (code: string): DivisionLevel | undefined =>
    code === cityCode ? 'city' : (planned.get(code)?.division.level ?? existing.get(code)?.level);
  const allowedParents: Record<PlannedDivision['level'], DivisionLevel[]> = { county: ['city'], township: ['county', 'city'], village: ['township'] };

  const result: ImportPlan = { create: [], update: [], unchanged: [], heldByPlans: [], cityRows, problems };
  for (const { row, division } of planned.values()) {
    const parentLevel = levelOf(division.parentCode);
    if (!parentLevel) {
      problems.push({ row, code: division.code, field: 'parentCode', reason: msg.parent_unknown({ parentCode: division.parentCode }) });
      continue;
    }
    if (!allowedParents[division.level].includes(parentLevel)) {
      problems.push({ row, code: division.code, field: 'parentCode', reason: msg.cannot_sit_under({ level: labelOf(levelLabels, division.level), parentLevel: labelOf(levelLabels, parentLevel), parentCode: division.parentCode }) });
      continue;
    }
    if (heldByPlans.has(division.code)) {
      result.heldByPlans.push(division);
      continue;
    }
    const before = existing.get(division.code);
    if (!before) result.create.push(division);
    else if (before.name !== division.name || before.kind !== division.kind || before.parentCode !== division.parentCode || before.level !== division.level) {
      result.update.push(division);
    } else result.unchanged.push(division);
  }
  problems.sort((a, b) => a.row - b.row);
  const byDepth = (a: PlannedDivision, b: PlannedDivision) => a.code.length - b.code.length || (a.code < b.code ? -1 : 1);
  result.create.sort(byDepth);
  result.update.sort(byDepth);
  return result;
}

export interface CsvRecord {
  /** The line the record starts on (1-based). */
  line: number;
  cells: string[];
}

/** Where a run of characters without meaning to CSV (no comma, quote or line break) ends, to copy it in one slice. */
function plainRunEnd(s: string, from: number): number {
  let i = from;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2c || c === 0x22 || c === 0x0a || c === 0x0d) break;
  }
  return i;
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, an optional BOM. Text that is not clean CSV (an
 * unclosed quote, a quote inside an unquoted field, text after a closing quote) is a problem naming its line.
 */
export function parseCsv(text: string): { records: CsvRecord[]; problem?: RowProblem } {
  const records: CsvRecord[] = [];
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let field = '';
  let row: string[] = [];
  let state: 'start' | 'unquoted' | 'quoted' | 'closed' = 'start';
  const refuse = (at: number, reason: Message) => ({ records, problem: { row: at, field: 'csv', reason } });
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (state === 'quoted') {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') state = 'closed';
      else {
        if (ch === '\n' || (ch === '\r' && s[i + 1] !== '\n')) line++;
        field += ch;
      }
    } else if (ch === ',') {
      row.push(field);
      field = '';
      state = 'start';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      records.push({ line: recordLine, cells: row });
      row = [];
      field = '';
      state = 'start';
      recordLine = ++line;
    } else if (state === 'closed') {
      return refuse(line, msg.quote_followed_by({ line, ch }));
    } else if (ch === '"' && state === 'start') {
      state = 'quoted';
      quoteLine = line;
    } else if (ch === '"') {
      return refuse(line, msg.quote_in_unquoted_field({ line }));
    } else {
      const end = plainRunEnd(s, i);
      field += s.slice(i, end);
      i = end - 1;
      state = 'unquoted';
    }
  }
  if (state === 'quoted') return refuse(quoteLine, msg.quote_not_closed({ line: quoteLine }));
  if (field !== '' || row.length > 0 || state === 'closed') {
    row.push(field);
    records.push({ line: recordLine, cells: row });
  }
  return { records };
}

const headerAliases: Record<'code' | 'name' | 'parentCode' | 'kind', string[]> = {
  code: ['code', '统计用区划代码', '区划代码', '代码'],
  name: ['name', '名称'],
  parentCode: ['parentcode', 'parent_code', 'parent', '上级代码', '上级区划代码'],
  kind: ['kind', '类型'],
};

/**
 * Reads a division list in CSV, as text or as the uploaded bytes (decoded by `decodeCsvBytes`). Columns are found by
 * header (English or the published Chinese headers). A file that is not clean CSV is refused at its first bad line.
 */
export function divisionRowsFromCsv(source: string | Uint8Array, charset?: string): { rows: DivisionRowInput[]; problems: RowProblem[] } {
  const decoded = typeof source === 'string' ? { text: source } : decodeCsvBytes(source, charset);
  if ('problem' in decoded) return { rows: [], problems: [decoded.problem] };
  const { records, problem } = parseCsv(decoded.text);
  if (problem) return { rows: [], problems: [problem] };
  const header = (records[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  const column = (key: keyof typeof headerAliases) => header.findIndex((h) => headerAliases[key].includes(h));
  const at = { code: column('code'), name: column('name'), parentCode: column('parentCode'), kind: column('kind') };
  const problems: RowProblem[] = [];
  if (at.code < 0) problems.push({ row: 1, field: 'code', reason: msg.header_no_code_column() });
  if (at.name < 0) problems.push({ row: 1, field: 'name', reason: msg.header_no_name_column() });
  if (problems.length) return { rows: [], problems };
  const rows: DivisionRowInput[] = [];
  for (const { line, cells } of records.slice(1)) {
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.slice(header.length).some((c) => c.trim() !== '')) {
      problems.push({ row: line, field: 'csv', reason: msg.row_has_extra_fields({ line, fields: cells.length, columns: header.length }) });
      continue;
    }
    if (cells.some((c) => /[\r\n]/.test(c))) {
      problems.push({ row: line, field: 'csv', reason: msg.row_has_quoted_newline({ line }) });
      continue;
    }
    rows.push({
      row: line,
      code: cells[at.code] ?? '',
      name: cells[at.name] ?? '',
      parentCode: at.parentCode >= 0 ? cells[at.parentCode] : undefined,
      kind: at.kind >= 0 ? cells[at.kind] : undefined,
    });
  }
  return { rows, problems };
}
