import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createSweepHandler } from './handlers.js';

export const handler = createSweepHandler('certification-sweep', await lambdaDeps('certification-sweep'));
