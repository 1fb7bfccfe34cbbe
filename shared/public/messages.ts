import { defineMessages } from '../i18n.js';

/** What the public community pages (居务公开) tell a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  public_page_not_found: {
    zh: '未找到 {cityCode} 市 {communityCode} 社区的居务公开页面',
    en: 'there is no public page for community {communityCode} of city {cityCode}',
  },
});
