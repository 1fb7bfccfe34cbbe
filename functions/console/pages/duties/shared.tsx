import { hasRole, type Principal } from '../../../../shared/auth/principal.js';
import { demandRecorders, dutyRegistrars, fundingBasisLabels } from '../../../../shared/duties/rules.js';
import type { DutyView } from '../../../../shared/duties/schemas.js';
import { SectionNav, UnitName } from '../../layout.js';
import { sectionOf } from '../../menu.js';

export const canRegister = (p: Principal) => p.kind === 'city' && hasRole(p, dutyRegistrars);
export const canLogDemand = (p: Principal) => p.kind === 'city' && hasRole(p, demandRecorders);

export const fundingOptions = Object.entries(fundingBasisLabels).map(([value, label]) => ({ value, label }));

const sections = sectionOf('/console/duties');

/** The pages of 费随事转, with the current one marked. */
export const DutiesNav = ({ current }: { current: string }) => <SectionNav label="费随事转" items={sections} current={current} />;

/** 12000.00 元/每个社区每年, or 无经费. */
export const Funds = ({ duty }: { duty: DutyView }) =>
  duty.fundsYuan === null ? <span class="tag warn">{duty.fundingBasisLabel}</span> : <>{`${duty.fundsYuan} 元（${duty.fundingBasisLabel}）`}</>;

export const AppliesTo = ({ duty }: { duty: DutyView }) => (
  <>
    {duty.appliesTo.map((u, n) => (
      <>
        {n ? '、' : ''}
        <UnitName code={u.code} name={u.name} />
      </>
    ))}
  </>
);
