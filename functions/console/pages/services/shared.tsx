import type { Child } from 'hono/jsx';
import { hasRole, type Principal } from '../../../../shared/auth/principal.js';
import { serviceWriters } from '../../../../shared/services/rules.js';
import { SectionNav } from '../../layout.js';
import { ListSearch, type ListState } from '../../list.js';
import { UnitPicker, type PickerUnits } from '../../picker.js';
import { sectionOf } from '../../menu.js';

export const canWrite = (p: Principal) => p.kind === 'city' && hasRole(p, serviceWriters);

/** 以政府投入为主渠道 / 集体、私人等非国有投资 (三、社区服务社会化); the API's enum has no labels of its own. */
export const fundingLabels: Record<'government' | 'non_state', string> = { government: '以政府投入为主渠道', non_state: '利用非国有资产举办（集体、私人投资）' };
export const profitLabels: Record<'non_profit' | 'for_profit', string> = { non_profit: '非营利性', for_profit: '营利性' };
export const authorityKinds: Record<string, 'ok' | 'info' | 'warn' | 'bad'> = { social_welfare: 'info', civil_affairs: 'ok', industry_commerce: 'info', undetermined: 'warn' };


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

/** The overview's scope: a street or community chosen by name (and below); a GET form, so it works without JavaScript. */
export const ScopeFilter = ({ action, unit, picker, error }: { action: string; unit: string | undefined; picker: PickerUnits; error?: string | undefined }) => (
  <form method="get" action={action} class="card actions" style="align-items:flex-end" role="search">
    <UnitPicker name="unit" label="统计范围（含下级）" picker={picker} value={unit} emptyLabel="本级及下级全部" error={error} />
    <button type="submit" class="secondary">
      查看
    </button>
  </form>
);

/**
 * The search box of a services list: by name, narrowed to a street or community chosen by name (and below), with room
 * for more filters; a GET form, so it works without JavaScript.
 */
export const UnitFilter = ({ state, picker, error, label, shown = [], children }: { state: ListState; picker: PickerUnits; error?: string | undefined; label?: string; shown?: readonly string[]; children?: Child }) => (
  <ListSearch state={state} label={label ?? '名称'} shown={['unit', ...shown]}>
    <UnitPicker name="unit" label="单位（含下级）" picker={picker} value={state.filters['unit']} emptyLabel="全部（本级及下级）" error={error} />
    {children}
  </ListSearch>
);
