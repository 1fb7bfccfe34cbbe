import { defineMessages } from '../i18n.js';

/** What the sweeps module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  sweeps_by_scheduler: { zh: '巡检任务由调度器或运维工具执行', en: 'sweeps are run by the scheduler or an operator tool' },
});
