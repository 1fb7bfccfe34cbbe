import type { Indicator, ValidationRule } from './schemas.js';

const count = (code: string, label: string, metric = code): Indicator => ({ code, label, unit: '个', aggregation: 'sum', source: `computed:${metric}` });

/** 城市基层管理体制改革完成情况报告: what each prefecture-level city reports to the province when its reform is complete. */
export const reformCompletionTemplate = {
  code: 'reform_completion',
  title: '城市基层管理体制改革完成情况报告',
  periodType: 'once' as const,
  onTimeDays: 0,
  indicators: [
    count('communities_total', '社区总数'),
    count('communities_geographic', '地缘型社区'),
    count('communities_residential_complex', '单元型社区'),
    count('communities_work_unit', '单位型社区'),
    count('communities_mixed', '综合型社区'),
    count('residents_committees', '社区居民委员会'),
    count('committees_complete', '班子健全的居委会(5至9人且有主任)'),
    { code: 'committees_complete_rate', label: '居委会班子健全率', unit: '%', aggregation: 'ratio', source: 'derived', numerator: 'committees_complete', denominator: 'residents_committees' },
    count('elections_held', '已举行并认证的换届选举', 'elections_held'),
    count('elections_valid', '有效选举(投票选民过半)', 'elections_valid'),
    { code: 'members_due_training', label: '应参加轮训的居委会成员', unit: '人', aggregation: 'sum', source: 'computed:members_due_training' },
    { code: 'members_trained_on_time', label: '一年内完成轮训的居委会成员', unit: '人', aggregation: 'sum', source: 'computed:members_trained_on_time' },
    { code: 'members_trained_on_time_rate', label: '居委会成员按时轮训率', unit: '%', aggregation: 'ratio', source: 'derived', numerator: 'members_trained_on_time', denominator: 'members_due_training' },
    { code: 'joint_conferences_held', label: '召开社区工作联席会议', unit: '次', aggregation: 'sum', source: 'computed:joint_conferences_held' },
    count('member_units', '社区成员单位'),
    count('facilities', '社区服务设施'),
    { code: 'volunteers', label: '登记社区志愿者', unit: '人', aggregation: 'sum', source: 'computed:volunteers' },
    count('service_units', '社区服务单位'),
    count('communities_outside_household_bounds', '管辖户数不在1000至3000户的社区'),
    count('urban_village_pilots', '城中村改造试点社区'),
    { code: 'duties_registered', label: '在册社区工作事项', unit: '项', aggregation: 'sum', source: 'computed:duties_registered' },
    { code: 'duties_funded', label: '随事转移经费的工作事项', unit: '项', aggregation: 'sum', source: 'computed:duties_funded' },
    { code: 'duty_funds_per_community', label: '平均每个社区转移的年度工作经费', unit: '元', aggregation: 'avg', source: 'computed:duty_funds_per_community' },
    { code: 'unregistered_demands', label: '未经准入的工作事项', unit: '件', aggregation: 'sum', source: 'computed:unregistered_demands' },
    { code: 'demonstration_committees', label: '创建示范居委会', unit: '个', aggregation: 'sum', source: 'manual' },
    { code: 'funding_10k_yuan', label: '社区建设投入经费', unit: '万元', aggregation: 'sum', source: 'manual' },
  ] satisfies Indicator[],
  rules: [
    { left: 'members_trained_on_time', op: 'lte', right: 'members_due_training', message: '按时轮训人数不得超过应训人数' },
    { left: 'elections_valid', op: 'lte', right: 'elections_held', message: '有效选举数不得超过已举行选举数' },
    { left: 'committees_complete', op: 'lte', right: 'residents_committees', message: '班子健全的居委会不得多于居委会总数' },
    { left: 'demonstration_committees', op: 'lte', right: 'residents_committees', message: '示范居委会不得多于居委会总数' },
    { left: 'duties_funded', op: 'lte', right: 'duties_registered', message: '随事转移经费的事项不得多于在册事项' },
    { left: 'urban_village_pilots', op: 'lte', right: 'communities_total', message: '城中村试点不得多于社区总数' },
  ] satisfies ValidationRule[],
};
