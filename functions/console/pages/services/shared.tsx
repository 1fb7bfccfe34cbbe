import type { Child } from 'hono/jsx';
import { hasRole, type Principal } from '../../../../shared/auth/principal.js';
import { serviceWriters } from '../../../../shared/services/rules.js';
import { SectionNav } from '../../layout.js';
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
