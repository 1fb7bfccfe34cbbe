import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createSweepHandler } from './handlers.js';

export const handler = createSweepHandler('channel-deferred-sweep', await lambdaDeps('channel-deferred-sweep'));
