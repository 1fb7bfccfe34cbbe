import { defineMessages } from '../i18n.js';

/** What the duties module (费随事转) tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  duty_role_may_not_register: { zh: '角色 {role} 无权维护社区工作事项准入清单', en: 'role {role} may not keep the register of duties transferred to communities' },
  duty_role_may_not_log_demand: { zh: '角色 {role} 无权登记未经准入的工作事项', en: 'role {role} may not log unregistered demands' },
  duty_not_found: { zh: '未找到工作事项 {id}', en: 'duty {id} not found' },
  duty_already_ended: { zh: '工作事项已于 {endedOn} 终止', en: 'the duty ended on {endedOn}' },
  duty_ends_after_start: { zh: '终止日期不能早于开始日期 {startsOn}', en: 'the end date cannot be before the start date {startsOn}' },
  duty_amount_format: { zh: '金额以元为单位，最多两位小数，例如 12000 或 12000.50', en: 'an amount in yuan with at most two decimals, e.g. 12000 or 12000.50' },
  duty_no_funds_no_amount: { zh: '无经费的事项不填写金额', en: 'a duty without funds has no amount' },
  duty_no_funds_no_document: { zh: '无经费的事项不填写经费文号', en: 'a duty without funds has no granting document' },
  duty_funds_required: { zh: '经费方式为“{basis}”时须填写大于零的金额（元）', en: 'funding “{basis}” needs an amount above zero (yuan)' },
  duty_document_required: { zh: '经费方式为“{basis}”时须填写拨付经费的文号', en: 'funding “{basis}” needs the document that grants the funds' },
  duty_unit_twice: { zh: '{code} 重复', en: '{code} appears twice' },
  duty_unit_within: { zh: '{code} 已在 {covering} 的范围内', en: '{code} lies within {covering}, also named' },
  duty_unit_not_in_force: { zh: '{code} 不是今日现行的街道（镇）或社区（村）', en: '{code} is not a street or community in force today' },
  duty_units_invalid: { zh: '适用单位有 {count} 处问题', en: '{count} of the units are invalid' },
  demand_unit_out_of_scope: { zh: '只能为本单位及下级单位登记：{code} 不在 {unit} 范围内', en: 'only for your own units: {code} is not within {unit}' },
  demand_date_in_future: { zh: '提出日期不能晚于今天（{today}）', en: 'the date cannot be after today ({today})' },
  'duties.basis.registered': { zh: '截至{asOf}在册（已开始且未终止）的社区工作事项，按适用单位所属区（县）统计；全市数为事项数', en: 'Duties on the register on {asOf} (started, not ended), by the districts of the units they apply to; the city figure counts each duty once' },
  'duties.basis.funds_per_community': {
    zh: '截至{asOf}在册事项随事转移的年度经费（按社区计的乘以适用社区数，合计的均分到适用社区）÷ 现行社区居委会数，单位元',
    en: 'Annual funds of the duties on the register on {asOf} (per-community amounts times the communities they apply to, totals shared out evenly) ÷ residents’ committees in force, in yuan',
  },
  'duties.basis.demands_until': { zh: '截至{to}登记的全部未经准入工作事项', en: 'Every unregistered demand made up to {to}' },
  'duties.basis.funded': { zh: '截至{asOf}在册且随事转移经费（不含无经费）的社区工作事项；全市数为事项数', en: 'Duties on the register on {asOf} that came with funds (not 无经费); the city figure counts each duty once' },
  'duties.basis.demands': { zh: '提出日期在{from}至{to}之间登记的未经准入工作事项', en: 'Unregistered demands made from {from} to {to}' },
});
