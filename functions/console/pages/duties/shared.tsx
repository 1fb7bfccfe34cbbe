import { hasRole, type Principal } from '../../../../shared/auth/principal.js';
import { demandRecorders, dutyRegistrars, fundingBasisLabels } from '../../../../shared/duties/rules.js';
import type { DepartmentSummaryView, DutyView } from '../../../../shared/duties/schemas.js';
import type { ConsoleApi } from '../../api.js';
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

/** The department names already in use, offered as the department field is typed (free text: the same name groups alike). */
export async function departmentNames(api: ConsoleApi): Promise<string[]> {
  const summary = await api.get<DepartmentSummaryView>('/v1/duties/departments');
  return summary.ok ? summary.data.items.map((d) => d.department) : [];
}

export const DepartmentList = ({ names }: { names: string[] }) => (
  <datalist id="departments">
    {names.map((name) => (
      <option value={name} />
    ))}
  </datalist>
);
