import {
  checklistResultLabels, findingLabels, inspectionStatusLabels, type ChecklistResult, type FindingResult, type InspectionStatus,
} from '../../../../shared/reform/rules.js';
import type { ProgrammeView } from '../../../../shared/reform/schemas.js';
import { SectionNav, Tag } from '../../layout.js';

type TagKind = 'ok' | 'warn' | 'bad' | 'info';
/** How each code is coloured; the words are the module's labels (shared/reform/rules.ts). */
const resultKinds: Record<ChecklistResult, TagKind> = { met: 'ok', partly_met: 'warn', not_met: 'bad', not_applicable: 'info' };
const findingKinds: Record<FindingResult, TagKind> = { passed: 'ok', needs_improvement: 'warn', failed: 'bad' };
const statusKinds: Record<InspectionStatus, TagKind> = { draft: 'info', submitted: 'ok' };

/** The choices of a select, in the order of the labels. */
export const optionsOf = <K extends string>(labels: Record<K, string>) => (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

export const ResultTag = ({ result }: { result: ChecklistResult | null }) =>
  result ? <Tag kind={resultKinds[result]}>{checklistResultLabels[result]}</Tag> : <Tag kind="warn">未填写</Tag>;
export const FindingTag = ({ finding }: { finding: FindingResult | null }) =>
  finding ? <Tag kind={findingKinds[finding]}>{findingLabels[finding]}</Tag> : <Tag kind="warn">未录入结论</Tag>;
export const StatusTag = ({ status }: { status: InspectionStatus }) => <Tag kind={statusKinds[status]}>{inspectionStatusLabels[status]}</Tag>;

/** The three phases with their dates; today's phase is marked in words, not only by colour. */
export const PhaseTable = ({ programme }: { programme: ProgrammeView }) => (
  <div class="table-wrap">
    <table>
      <caption>
        {programme.name}：改革阶段（今天 {programme.today}
        {programme.currentPhase ? '' : '，不在任何阶段内'}）
      </caption>
      <thead>
        <tr>
          <th scope="col">阶段</th>
          <th scope="col">开始</th>
          <th scope="col">结束</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {programme.phases.map((p) => {
          const current = p.phase === programme.currentPhase;
          const state = current ? '进行中' : p.endsOn < programme.today ? '已结束' : '未开始';
          return (
            <tr aria-current={current ? 'step' : undefined} style={current ? 'background:#eff6ff;font-weight:600' : undefined}>
              <th scope="row">{p.label}</th>
              <td>{p.startsOn}</td>
              <td>{p.endsOn}</td>
              <td>{current ? <Tag kind="info">当前阶段</Tag> : <span class="muted">{state}</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);

/** The reform area's own menu, under the main one. */
export const SubNav = ({ items, current }: { items: readonly { href: string; label: string }[]; current: string }) => <SectionNav label="改革工作" items={items} current={current} />;
