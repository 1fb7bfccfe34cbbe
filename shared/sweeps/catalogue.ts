import type { QueueKey } from '../queues.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const sweepNames = ['training.sweep', 'conference.sweep', 'report.deadline_sweep', 'consultation.sweep', 'certification.sweep', 'notification.deferred_sweep'] as const;

export type SweepType = (typeof sweepNames)[number];

/** What a sweep run records beside its key. */
export interface SweepRunResult {
  asOfLocal: string;
}

export interface SweepJob {
  /** The job name: `functions/schedules/<job>.ts`, `npm run sweep -- <job>`. */
  job: string;
  type: SweepType;
  queue: QueueKey;
  description: string;
  /** Wall-clock time in Asia/Shanghai: reminders land at the start of the working day, staggered so sweeps do not overlap. */
  shanghaiTime: `${number}:${number}`;
  /** The same time as an EventBridge cron, in UTC (08:00 Asia/Shanghai is 00:00 UTC). */
  schedule: string;
}

const dailyCronAt = (shanghaiTime: `${number}:${number}`) => {
  const [hour, minute] = shanghaiTime.split(':').map(Number) as [number, number];
  return `cron(${minute} ${(hour + 24 - 8) % 24} * * ? *)`;
};

export const sweepJobs = {
  'training-sweep': {
    job: 'training-sweep', type: 'training.sweep', queue: 'trainingReminders',
    description: '培训提醒日巡检 Daily training reminder sweep per city', shanghaiTime: '08:00', schedule: dailyCronAt('08:00'),
  },
  'conference-sweep': {
    job: 'conference-sweep', type: 'conference.sweep', queue: 'conferenceScheduling',
    description: '联席会议日巡检 Daily joint-conference sweep per city', shanghaiTime: '08:10', schedule: dailyCronAt('08:10'),
  },
  'report-deadline-sweep': {
    job: 'report-deadline-sweep', type: 'report.deadline_sweep', queue: 'reportAggregation',
    description: '报告截止日巡检 Daily report-deadline sweep per city', shanghaiTime: '08:20', schedule: dailyCronAt('08:20'),
  },
  'consultation-sweep': {
    job: 'consultation-sweep', type: 'consultation.sweep', queue: 'consultations',
    description: '咨询答复期限日巡检 Daily consultation-deadline sweep per city', shanghaiTime: '08:30', schedule: dailyCronAt('08:30'),
  },
  'certification-sweep': {
    job: 'certification-sweep', type: 'certification.sweep', queue: 'serviceReminders',
    description: '服务单位认证到期日巡检 Daily service-unit certification expiry sweep per city', shanghaiTime: '08:40', schedule: dailyCronAt('08:40'),
  },
  'channel-deferred-sweep': {
    job: 'channel-deferred-sweep', type: 'notification.deferred_sweep', queue: 'notificationDelivery',
    description: '免打扰顺延短信晨间发送 Morning send of SMS deferred by quiet hours', shanghaiTime: '08:05', schedule: dailyCronAt('08:05'),
  },
} as const satisfies Record<string, SweepJob>;

export type SweepJobName = keyof typeof sweepJobs;
export const sweepJobNames = Object.keys(sweepJobs) as SweepJobName[];

export const outboxRelayJob = { job: 'outbox-relay', description: '发件箱补发 Publishes outbox rows left unsent', schedule: 'rate(1 minute)' } as const;

export const isSweepJob = (name: string): name is SweepJobName => name in sweepJobs;
