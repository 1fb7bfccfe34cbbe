import { defineMessages } from '../i18n.js';

/** What the notifications module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  notification_city_only: { zh: '通知属于某个城市，仅限地级市用户', en: 'a notification belongs to a city' },
  unit_not_found: { zh: '未找到单位 {unit}', en: 'unit {unit} not found' },
  notification_not_found: { zh: '未找到通知 {id}', en: 'notification {id} not found' },
});
