import { defineMessages } from '../i18n.js';

/** What the settings module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  min_below_max: { zh: '最小值须小于最大值', en: 'min must be below max' },
  settings_inconsistent: { zh: '设置前后矛盾', en: 'the settings are inconsistent' },
});
