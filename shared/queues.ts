import { z } from 'zod';

const tenantCode = z.string().regex(/^[1-9]\d{3}$/);
const isoInstant = z.iso.datetime({ offset: true });

/** Every queue body carries a version, so a consumer can refuse what it does not understand. */
/** A certified election started a committee's term: the training module schedules its members' training (一年内轮训一遍). Ids only, never personal data. */
export const committeeTermStartedMessage = z
  .object({
    version: z.literal(1),
    type: z.literal('committee.term_started'),
    tenant: tenantCode,
    committeeId: z.uuid(),
    communityCode: z.string().regex(/^\d{12}$/),
    termId: z.uuid(),
    electionId: z.uuid(),
    termStartsOn: z.iso.date(),
    memberIds: z.array(z.uuid()).min(1).max(9),
  })
  .strict();

export const trainingReminderMessage = z.discriminatedUnion('type', [
  z.object({ version: z.literal(1), type: z.literal('training.sweep'), tenant: tenantCode, asOf: isoInstant }),
  committeeTermStartedMessage,
]);

export const conferenceSchedulingMessage = z.discriminatedUnion('type', [
  z.object({ version: z.literal(1), type: z.literal('conference.sweep'), tenant: tenantCode, asOf: isoInstant }),
  z.object({ version: z.literal(1), type: z.literal('conference.series_changed'), tenant: tenantCode, seriesId: z.uuid(), asOf: isoInstant }),
]);

export const reportAggregationMessage = z.discriminatedUnion('type', [
  z.object({ version: z.literal(1), type: z.literal('report.deadline_sweep'), tenant: tenantCode, asOf: isoInstant }),
  z.object({
    version: z.literal(1),
    type: z.literal('report.changed'),
    tenant: tenantCode,
    templateId: z.uuid(),
    period: z.string().min(1).max(20),
    reportId: z.uuid(),
  }),
  /** A report was submitted, revised, accepted or returned: the province or the city is told (inbox and mail). Ids only. */
  z.object({
    version: z.literal(1),
    type: z.literal('report.notice'),
    tenant: tenantCode,
    event: z.enum(['submitted', 'revised', 'accepted', 'returned']),
    reportId: z.uuid(),
    reportVersion: z.number().int().min(1),
    snapshotId: z.uuid().optional(),
  }),
]);

/** The consultation platform's daily deadline sweep; a resident's name or phone never travels in a message. */
export const consultationMessage = z.discriminatedUnion('type', [
  z.object({ version: z.literal(1), type: z.literal('consultation.sweep'), tenant: tenantCode, asOf: isoInstant }),
]);

export const serviceReminderMessage = z.discriminatedUnion('type', [
  z.object({ version: z.literal(1), type: z.literal('certification.sweep'), tenant: tenantCode, asOf: isoInstant }),
]);

/** A notification's delivery on one channel (WeCom, SMS), after its inbox row committed; ids only, the worker opens the addresses. */
export const notificationDeliveryMessage = z.discriminatedUnion('type', [
  z.object({ version: z.literal(1), type: z.literal('notification.deliver'), tenant: tenantCode, notificationId: z.uuid(), channel: z.enum(['wecom', 'sms']) }).strict(),
  /** The morning sweep: SMS deferred by quiet hours go out now. */
  z.object({ version: z.literal(1), type: z.literal('notification.deferred_sweep'), tenant: tenantCode, asOf: isoInstant }),
]);

export interface QueueDefinition<S extends z.ZodType = z.ZodType> {
  /** Logical name; CDK names the physical queue, the local stack uses this name as is. */
  name: string;
  description: string;
  message: S;
  batchSize: number;
  /** Lambda timeout of the consumer, seconds. */
  functionTimeoutSeconds: number;
  /** At least 6x the function timeout, as AWS advises for SQS event sources. */
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
  maxConcurrency: number;
  /** Dead letters are kept long enough for an operator to see them after a holiday. */
  dlqRetentionDays: number;
  /**
   * A failed message waits longer after each receive: the visibility timeout doubled per receive, at most this long
   * (retryDelaySeconds). Without it, a failure comes back after the visibility timeout each time.
   */
  backoffMaxSeconds?: number;
}

/** SQS's longest visibility timeout. */
const MAX_VISIBILITY_SECONDS = 12 * 3600;

/**
 * How long a failed message stays hidden after its n-th receive, for a queue with backoff (undefined without): the
 * visibility timeout, doubled per receive, capped by the queue's backoffMaxSeconds.
 */
export function retryDelaySeconds(definition: Pick<QueueDefinition, 'visibilityTimeoutSeconds' | 'backoffMaxSeconds'>, receiveCount: number): number | undefined {
  if (!definition.backoffMaxSeconds) return undefined;
  const doubled = definition.visibilityTimeoutSeconds * 2 ** Math.max(0, Math.floor(receiveCount) - 1);
  return Math.min(doubled, definition.backoffMaxSeconds, MAX_VISIBILITY_SECONDS);
}

export const queues = {
  trainingReminders: {
    name: 'training-reminders',
    description: 'Daily per-tenant sweep of training obligations reaching a reminder stage',
    message: trainingReminderMessage,
    batchSize: 10,
    functionTimeoutSeconds: 60,
    visibilityTimeoutSeconds: 360,
    maxReceiveCount: 5,
    maxConcurrency: 5,
    dlqRetentionDays: 14,
  },
  conferenceScheduling: {
    name: 'conference-scheduling',
    description: 'Materialises joint-conference occurrences and sends invitation reminders',
    message: conferenceSchedulingMessage,
    batchSize: 10,
    functionTimeoutSeconds: 60,
    visibilityTimeoutSeconds: 360,
    maxReceiveCount: 5,
    maxConcurrency: 5,
    dlqRetentionDays: 14,
  },
  reportAggregation: {
    name: 'report-aggregation',
    description: 'Recomputes provincial aggregates when a city report is submitted, accepted or returned; sends the report notices and deadline reminders',
    message: reportAggregationMessage,
    batchSize: 10,
    functionTimeoutSeconds: 120,
    visibilityTimeoutSeconds: 720,
    maxReceiveCount: 5,
    maxConcurrency: 2,
    dlqRetentionDays: 14,
  },
  consultations: {
    name: 'consultations',
    description: 'Daily per-tenant sweep of unanswered consultations: a reminder before the deadline, escalation to the street when overdue',
    message: consultationMessage,
    batchSize: 10,
    functionTimeoutSeconds: 60,
    visibilityTimeoutSeconds: 360,
    maxReceiveCount: 5,
    maxConcurrency: 2,
    dlqRetentionDays: 14,
  },
  serviceReminders: {
    name: 'service-reminders',
    description: 'Daily per-tenant sweep of service-unit certifications nearing expiry (行业管理和认证制度)',
    message: serviceReminderMessage,
    batchSize: 10,
    functionTimeoutSeconds: 60,
    visibilityTimeoutSeconds: 360,
    maxReceiveCount: 5,
    maxConcurrency: 2,
    dlqRetentionDays: 14,
  },
  notificationDelivery: {
    name: 'notification-delivery',
    description: 'Delivers notifications through the channels a city configured (WeCom application messages, SMS), once per notification and channel',
    message: notificationDeliveryMessage,
    batchSize: 10,
    functionTimeoutSeconds: 30,
    // a provider outage is retried after 3, 6, 12 and 24 minutes (backoff), then the message waits in the DLQ for a redrive
    visibilityTimeoutSeconds: 180,
    backoffMaxSeconds: 3600,
    maxReceiveCount: 5,
    maxConcurrency: 2,
    dlqRetentionDays: 14,
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueKey = keyof typeof queues;
export type QueueMessage<K extends QueueKey> = z.infer<(typeof queues)[K]['message']>;
export const queueList: QueueDefinition[] = Object.values(queues);
export const dlqName = (q: Pick<QueueDefinition, 'name'>) => `${q.name}-dlq`;
/** The environment variable holding a queue's URL in AWS, e.g. QUEUE_URL_TRAINING_REMINDERS. */
export const queueUrlVariable = (q: Pick<QueueDefinition, 'name'>) => `QUEUE_URL_${q.name.toUpperCase().replace(/-/g, '_')}`;
