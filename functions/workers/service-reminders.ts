import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createQueueWorker } from './consumer.js';

export const handler = createQueueWorker('serviceReminders', await lambdaDeps('service-reminders'));
