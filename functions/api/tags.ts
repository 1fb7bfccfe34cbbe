/**
 * The API's tags, in the order the reference lists them: each route names its tag by the stable key, and the document
 * declares every tag once, here, with its Chinese and English names (x-displayName) and what it covers.
 */
export const apiTags = {
  operations: { zh: '运维', en: 'Operations', about: '健康检查与接口描述。Liveness, the API description and the verification keys.' },
  tenants: { zh: '租户', en: 'Tenants', about: '省级管理员开通、停用、删除和导出各地级以上市（每市一个隔离租户）。The province opens, deactivates, deletes and exports the cities, one isolated tenant each.' },
  divisions: { zh: '行政区划', en: 'Divisions', about: '统计用区划代码：导入、查询、汇总。The statistical division codes: import, lookup, summaries.' },
  communities: { zh: '社区', en: 'Communities', about: '社区列表与社区概况。Communities and their profiles.' },
  adjustmentPlans: { zh: '社区调整方案', en: 'Adjustment plans', about: '社区设立、撤并与调整的方案及审批。Plans to create, merge or redraw communities, and their approval.' },
  committees: { zh: '居委会', en: 'Committees', about: '居民委员会、成员、下属委员会和社区工作者。Residents’ committees, their members, working committees and social workers.' },
  assemblies: { zh: '居民会议', en: 'Residents’ meetings', about: '社区居民会议（成员代表会议）、居民代表、会议、民主决策、述职与评议。The community’s deliberative body, its representatives, meetings, decisions, and the committee’s yearly report and evaluation.' },
  elections: { zh: '选举', en: 'Elections', about: '居委会换届选举：方案、计票、另行选举、认证与核验。Committee elections: plan, tally, further rounds, certification and verification.' },
  training: { zh: '培训', en: 'Training', about: '培训项目、计划、场次、出勤与达标情况。Training programmes, plans, sessions, attendance and compliance.' },
  memberUnits: { zh: '社区成员单位', en: 'Member units', about: '街道的社区成员单位名录。The member units registered with a street.' },
  conferences: { zh: '联席会议', en: 'Joint conferences', about: '联席会议的周期、会次、纪要、决议与日历订阅。Conference series, meetings, minutes, resolutions and calendar feeds.' },
  publicPages: { zh: '居务公开', en: 'Public community pages', about: '各社区的居务公开页面，无需登录：居委会、成员、三项制度、选举结果公告、联席会议与服务设施。A community’s public page, without sign-in: its committee, members, written systems, election announcement, joint conferences and facilities.' },
  replyLinks: { zh: '会议答复', en: 'Reply links', about: '成员单位通过私密链接答复会议邀请，无需账号。A member unit answers an invitation through its private link, without an account.' },
  reform: { zh: '改革试点与验收', en: 'Reform programme', about: '改革阶段、试点、示范单位、自查与改革统计。Reform phases, pilots, demonstration units, self-inspections and figures.' },
  provinceReform: { zh: '省级验收', en: 'Province: programme, checklist, spot checks', about: '省级：改革方案、验收清单、自查报送与抽查。The province’s programme, checklist, submitted self-inspections and spot checks.' },
  reportTemplates: { zh: '报告模板', en: 'Report templates', about: '省级报表模板与填报期。The province’s report templates and reporting periods.' },
  reports: { zh: '上报', en: 'City reports', about: '市级填报、刷新、提交与修改报告。A city fills in, refreshes, submits and revises its reports.' },
  provinceReporting: { zh: '省级汇总', en: 'Provincial reporting', about: '省级受理、退回、汇总与完成度。The province accepts or returns reports and reads aggregates and completeness.' },
  facilities: { zh: '社区服务设施', en: 'Facilities', about: '社区综合服务设施。Community service facilities.' },
  serviceUnits: { zh: '社区服务单位', en: 'Service units', about: '提供社区服务的单位。Units that provide community services.' },
  volunteers: { zh: '志愿者与劳动储蓄', en: 'Volunteers and the time bank', about: '志愿组织、志愿者及其服务时间储蓄账目。Volunteer organisations, volunteers and their time-bank ledger.' },
  duties: { zh: '费随事转', en: 'Duties transferred to communities', about: '社区工作事项准入清单、随事转移的经费与未经准入的工作事项。The register of duties handed down to communities, the funds that come with them, and demands made outside it.' },
  provinceSettings: { zh: '省级设置', en: 'Province settings', about: '全省统一的规则参数。The rules the province sets for every city.' },
  notifications: { zh: '通知', en: 'Notifications', about: '发给本人的站内通知。In-app notifications for the signed-in person.' },
  consultations: { zh: '咨询平台', en: 'Consultations', about: '社区处理居民咨询：队列、分派、答复、办结、统计、节假日与期限设置。Communities handle residents’ consultations: queue, assignment, answers, figures, holidays and deadlines.' },
  consultationsPublic: { zh: '居民咨询（公开）', en: 'Consultations: residents', about: '居民无需登录向社区提交咨询，凭私密链接查看答复并评价。Residents ask their community without an account and read and rate the answer through a private link.' },
  channels: { zh: '通知渠道', en: 'Notification channels', about: '市级通知渠道：粤政易（企业微信）应用消息与短信的凭据、按通知类别的渠道、免打扰时段、本人接收地址与发送统计。A city’s WeCom and SMS channels: credentials, channels per notice kind, quiet hours, my addresses and delivery figures.' },
  todo: { zh: '待办', en: 'To-do', about: '本单位待办事项的数量与去处。What needs doing now under my unit, with counts.' },
} as const satisfies Record<string, { zh: string; en: string; about: string }>;

export type ApiTag = keyof typeof apiTags;

/** A route's tags, by key: `tags: tagged('elections')`; a key not in the catalogue fails the type check. */
export const tagged = (...keys: ApiTag[]): string[] => keys;

/** The document's top-level tags: name (the key), x-displayName (Chinese and English), description. */
export const documentTags = (Object.entries(apiTags) as [ApiTag, (typeof apiTags)[ApiTag]][]).map(([name, tag]) => ({
  name,
  'x-displayName': `${tag.zh} ${tag.en}`,
  description: tag.about,
}));
