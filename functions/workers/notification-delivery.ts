import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createQueueWorker } from './consumer.js';

export const handler = createQueueWorker('notificationDelivery', await lambdaDeps('notification-delivery'));
