import { useContext, type FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Principal } from '../../shared/auth/principal.js';
import type { DivisionView } from '../../shared/hierarchy/schemas.js';
import type { ConsoleApi } from './api.js';
import { FieldFrame, fieldIds, NonceContext } from './layout.js';

/**
 * The one unit picker: a community, street (town) or district chosen by name from the division tree the session may
 * see, never by typing a 12-digit code. Without JavaScript it is a <select> grouped by street (communities) or district
 * (streets) with <optgroup>; the layout's nonce'd script adds a search box that narrows the options by name or code.
 */
export type PickLevel = 'county' | 'township' | 'village';
const parentLevel: Record<PickLevel, PickLevel | null> = { county: null, township: 'county', village: 'township' };

export interface PickerUnits {
  /** The units one may choose, in code order. */
  units: DivisionView[];
  /** Names of the groups (parents) by code. */
  names: Map<string, string>;
}

/** Every division in force at these levels within the session's unit (paged through the API), with their parents' names. */
export async function loadUnits(api: ConsoleApi, principal: Principal, levels: PickLevel[]): Promise<PickerUnits> {
  const wanted = new Set<PickLevel>(levels);
  for (const l of levels) {
    const p = parentLevel[l];
    if (p) wanted.add(p);
  }
  const all: DivisionView[] = [];
  await Promise.all(
    [...wanted].map(async (level) => {
      let cursor: string | null = null;
      do {
        const page: { items: DivisionView[]; nextCursor: string | null } = await api.must(`/v1/divisions?level=${level}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
    }),
  );
  // the session's own unit is a choice too when it is at a wanted level (a street officer's own street)
  if (!all.some((d) => d.code === principal.unit) && principal.kind === 'city' && principal.unit.length > 4) {
    const own = await api.get<DivisionView>(`/v1/divisions/${principal.unit}`);
    if (own.ok) all.push(own.data);
  }
  const names = new Map(all.map((d) => [d.code, d.name]));
  const units = all.filter((d) => levels.includes(d.level as PickLevel)).sort((a, b) => a.code.localeCompare(b.code));
  return { units, names };
}

/** The unit's name as the picker shows it, or its code when the list has no such unit. */
export function unitName(picker: PickerUnits, code: string | undefined): string {
  if (!code) return '';
  return picker.units.find((u) => u.code === code)?.name ?? picker.names.get(code) ?? code;
}

const placeholder: Record<PickLevel, string> = { county: '区（县）', township: '街道（镇）', village: '社区' };

export const UnitPicker: FC<{
  name: string;
  label: string;
  picker: PickerUnits;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  /** A first, empty choice (e.g. “全部” for a filter); by default “请选择…”. */
  emptyLabel?: string;
  /** A choice above the tree, e.g. the city itself (本市), which has no division row. */
  first?: { value: string; label: string } | undefined;
}> = (p) => {
  const { id, describedBy } = fieldIds(p);
  const nonce = useContext(NonceContext);
  const value = p.value ?? '';
  const levels = [...new Set(p.picker.units.map((u) => u.level as PickLevel))];
  // groups in code order: a unit's group is its parent; a unit that heads a group is listed first inside it
  const groups = new Map<string, { label: string; units: DivisionView[] }>();
  const loose: DivisionView[] = [];
  const parents = new Set(p.picker.units.map((u) => u.parentCode));
  for (const u of p.picker.units) {
    const heads = parents.has(u.code);
    const key = heads ? u.code : u.parentCode;
    if (!key || (!heads && !p.picker.names.has(key))) {
      loose.push(u);
      continue;
    }
    const group = groups.get(key) ?? { label: p.picker.names.get(key) ?? key, units: [] };
    group.units.push(u);
    groups.set(key, group);
  }
  const known = p.picker.units.some((u) => u.code === value) || p.first?.value === value;
  const option = (u: DivisionView, inGroup: string | null) => (
    <option value={u.code} selected={u.code === value} data-code={u.code}>
      {inGroup === u.code ? `${u.name}（本级）` : u.name}
    </option>
  );
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={p.error} required={p.required} attrs={{ 'data-picker': id }} trailer={nonce ? <script nonce={nonce}>{raw(pickerScript)}</script> : null}>
      <input type="search" class="picker-search" id={`${id}-search`} hidden placeholder="输入名称或代码筛选" aria-label={`筛选${p.label}`} aria-controls={id} autocomplete="off" />
      <select id={id} name={p.name} required={p.required} aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy}>
        <option value="">{p.emptyLabel ?? `请选择${levels.map((l) => placeholder[l]).join('或')}`}</option>
        {p.first ? (
          <option value={p.first.value} selected={p.first.value === value}>
            {p.first.label}
          </option>
        ) : null}
        {value && !known ? (
          <option value={value} selected>
            {p.picker.names.get(value) ?? `${value}（不在可选范围内）`}
          </option>
        ) : null}
        {loose.map((u) => option(u, null))}
        {[...groups.entries()].map(([key, g]) => (
          <optgroup label={g.label}>{g.units.map((u) => option(u, key))}</optgroup>
        ))}
      </select>
    </FieldFrame>
  );
};

/**
 * Progressive enhancement of the pickers on a page (each picker carries it with the response's nonce; it runs once per picker): shows the search
 * box and keeps only the options (and groups) whose name or code contains what was typed; the select stays the form's
 * value, so the page works the same without it.
 */
export const pickerScript = `document.querySelectorAll('[data-picker]').forEach(function(f){if(f.dataset.ready)return;f.dataset.ready='1';var s=f.querySelector('.picker-search'),sel=f.querySelector('select');if(!s||!sel)return;s.hidden=false;s.addEventListener('input',function(){var q=s.value.trim();var first=null;sel.querySelectorAll('optgroup').forEach(function(g){var any=false;g.querySelectorAll('option').forEach(function(o){var hit=!q||o.textContent.indexOf(q)>=0||(o.dataset.code||'').indexOf(q)===0||g.label.indexOf(q)>=0;o.hidden=!hit;o.disabled=!hit&&!o.selected;if(hit){any=true;if(!first)first=o;}});g.hidden=!any;});sel.querySelectorAll(':scope>option[data-code]').forEach(function(o){var hit=!q||o.textContent.indexOf(q)>=0||(o.dataset.code||'').indexOf(q)===0;o.hidden=!hit;if(hit&&!first)first=o;});if(q&&first&&(!sel.value||sel.selectedOptions[0].hidden))first.selected=true;});});`;
