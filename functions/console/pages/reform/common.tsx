import type { ProgrammeView } from '../../../../shared/reform/schemas.js';
import { SectionNav, Tag } from '../../layout.js';

/**
 * Chinese labels the reform module does not carry in shared/reform/rules.ts: the checklist results (the API's own
 * words in the ChecklistItemResult description), the spot-check findings, and the self-inspection statuses.
 */
export const checklistResultLabels: Record<string, { label: string; kind: 'ok' | 'warn' | 'bad' | 'info' }> = {
  met: { label: '达标', kind: 'ok' },
  partly_met: { label: '基本达标', kind: 'warn' },
  not_met: { label: '未达标', kind: 'bad' },
  not_applicable: { label: '不适用', kind: 'info' },
};
export const findingLabels: Record<string, { label: string; kind: 'ok' | 'warn' | 'bad' }> = {
  passed: { label: '验收合格', kind: 'ok' },
  needs_improvement: { label: '限期整改', kind: 'warn' },
  failed: { label: '验收不合格', kind: 'bad' },
};
export const inspectionStatusLabels: Record<string, { label: string; kind: 'ok' | 'info' }> = {
  draft: { label: '自查中（未报送）', kind: 'info' },
  submitted: { label: '已报送省民政厅', kind: 'ok' },
};

export const ResultTag = ({ result }: { result: string | null }) =>
  result ? <Tag kind={checklistResultLabels[result]?.kind}>{checklistResultLabels[result]?.label ?? result}</Tag> : <Tag kind="warn">未填写</Tag>;

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
export const SubNav = ({ items, current }: { items: { href: string; label: string }[]; current: string }) => <SectionNav label="改革工作" items={items} current={current} />;
