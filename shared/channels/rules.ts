/** Value lists stored in the database (db/schema imports them from here) and the rules of who gets what, when. */

/** The channels beside the inbox a notification can go through; the inbox always has it, e-mail keeps its own path (unit mailboxes). */
export const deliveryChannels = ['wecom', 'sms'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

export const deliveryChannelLabels: Record<DeliveryChannel, string> = { wecom: '粤政易（企业微信）应用消息', sms: '短信' };

/**
 * `pending`: queued; `sent`: the provider took it; `failed`: the last attempt failed (the queue retries it, then the
 * DLQ keeps it); `deferred`: quiet hours, the morning sweep sends it; `unaddressed`: nobody at the recipient has an
 * address on the channel.
 */
export const deliveryStatuses = ['pending', 'sent', 'failed', 'deferred', 'unaddressed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const deliveryStatusLabels: Record<DeliveryStatus, string> = { pending: '待发送', sent: '已发送', failed: '发送失败', deferred: '免打扰顺延', unaddressed: '无接收地址' };

/** What a notification is about, as a city chooses channels for it (derived from the notification's reason code). */
export const noticeKinds = ['training_reminder', 'training_escalation', 'meeting', 'report_deadline', 'report_review', 'test', 'other'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeKindLabels: Record<NoticeKind, string> = {
  training_reminder: '培训提醒',
  training_escalation: '培训逾期督办',
  meeting: '会议通知与提醒',
  report_deadline: '报告截止提醒',
  report_review: '报告受理与退回',
  test: '测试消息',
  other: '其他通知',
};

/** The kind of a notification by its reason code (`training.escalated_w2`, `conference.reminder_1d`, `report.due_3d` ...). */
export function noticeKindOf(reasonCode: string): NoticeKind {
  if (/^training\.escalated_/.test(reasonCode)) return 'training_escalation';
  if (reasonCode.startsWith('training.')) return 'training_reminder';
  if (reasonCode.startsWith('conference.')) return 'meeting';
  if (/^report\.(submitted|revised|accepted|returned|resubmitted)/.test(reasonCode)) return 'report_review';
  if (reasonCode.startsWith('report.')) return 'report_deadline';
  if (reasonCode === 'channels.test') return 'test';
  return 'other';
}

export type ChannelPlan = Partial<Record<NoticeKind, DeliveryChannel[]>>;

/** Until a city chooses, notices go to the inbox (and unit mailboxes) only; the test message goes wherever it is asked to. */
export const defaultChannelPlan: ChannelPlan = {};

/** Quiet hours for SMS, Asia/Shanghai: from 22:00 to 08:00 nothing is texted; it waits for the morning. */
export const quietHours = { startHour: 22, endHour: 8 } as const;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** When an SMS at `at` may go: `at` itself outside quiet hours, else the next 08:00 Asia/Shanghai. */
export function smsNotBefore(at: Date, quiet: boolean): Date {
  if (!quiet) return at;
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const hour = local.getUTCHours();
  if (hour >= quietHours.endHour && hour < quietHours.startHour) return at;
  const morning = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), quietHours.endHour) - SHANGHAI_OFFSET_MS);
  if (hour >= quietHours.startHour) morning.setUTCDate(morning.getUTCDate() + 1);
  return morning;
}

/** Per-provider quotas as token buckets (per city, since each city has its own credentials). */
export const rateLimits: Record<DeliveryChannel, { capacity: number; perSecond: number }> = {
  // WeCom: an application may send to 30 people a minute each and a few thousand calls a day; a small bucket spreads bursts
  wecom: { capacity: 30, perSecond: 0.5 },
  // Alibaba Cloud SMS: 1 message a minute per number for the same template by default; the bucket caps the city's bursts
  sms: { capacity: 10, perSecond: 0.2 },
};

