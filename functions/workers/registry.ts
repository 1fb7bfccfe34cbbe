import { runConsultationSweep } from '../../shared/consultations/reminders.js';
import { deliverNotification, runDeferredSweep } from '../../shared/channels/delivery.js';
import { applySeriesChange, runConferenceSweep } from '../../shared/conferences/scheduling.js';
import type { QueueKey } from '../../shared/queues.js';
import { aggregateReports, aggregateReportsBatch } from '../../shared/reporting/aggregation.js';
import { runReportDeadlineSweep } from '../../shared/reporting/deadlines.js';
import { sendReportNotice } from '../../shared/reporting/notices.js';
import { runCertificationSweep } from '../../shared/services/certifications.js';
import { runTrainingSweep, startTrainingObligations, startTrainingObligationsBatch } from '../../shared/training/reminders.js';
import type { MessageVerbs } from '../../shared/workers/process.js';

/** The verb each message type runs; the training, conference and reporting modules add theirs here. */
export const workerVerbs: { [K in QueueKey]: MessageVerbs<K> } = {
  trainingReminders: {
    'training.sweep': runTrainingSweep,
    'committee.term_started': { each: startTrainingObligations, batch: startTrainingObligationsBatch },
  },
  conferenceScheduling: {
    'conference.sweep': runConferenceSweep,
    'conference.series_changed': applySeriesChange,
  },
  reportAggregation: {
    'report.deadline_sweep': runReportDeadlineSweep,
    'report.changed': { each: aggregateReports, batch: aggregateReportsBatch },
    'report.notice': sendReportNotice,
  },
  consultations: {
    'consultation.sweep': runConsultationSweep,
  },
  serviceReminders: {
    'certification.sweep': runCertificationSweep,
  },
  notificationDelivery: {
    'notification.deliver': deliverNotification,
    'notification.deferred_sweep': runDeferredSweep,
  },
};
