import { defineMessages } from '../i18n.js';

/** What the hierarchy module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  list_has_no_rows: { zh: '名录没有数据行', en: 'the list has no data rows' },
  division_list_rejected: { zh: '区划名录有 {length} 处问题，未导入任何数据', en: 'the division list has {length} problem(s); nothing was imported' },
  division_not_found: { zh: '未找到区划 {code}', en: 'division {code} not found' },
  cursor_not_issued: { zh: '分页游标无效（不是本接口给出的）', en: 'cursor is not one this API issued' },
  cursor_invalid: { zh: '分页游标无效', en: 'invalid cursor' },
});
