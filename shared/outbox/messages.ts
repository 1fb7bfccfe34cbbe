import { defineMessages } from '../i18n.js';

/** What the outbox module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  message_not_in_catalogue: { zh: '发往 {name} 的消息与队列目录不符：{issues}', en: 'message for {name} does not match the catalogue: {issues}' },
});
