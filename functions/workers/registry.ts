import type { QueueKey } from '../../shared/queues.js';
import { recordSweepRun } from '../../shared/sweeps/service.js';
import type { MessageVerbs } from '../../shared/workers/process.js';

/** The verb each message type runs; the training, conference and reporting modules add theirs here. */
export const workerVerbs: { [K in QueueKey]: MessageVerbs<K> } = {
  trainingReminders: {
    'training.sweep': recordSweepRun,
  },
  conferenceScheduling: {
    'conference.sweep': recordSweepRun,
  },
  reportAggregation: {
    'report.deadline_sweep': recordSweepRun,
  },
};
