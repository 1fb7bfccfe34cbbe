import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createSweepHandler } from './handlers.js';

export const handler = createSweepHandler('report-deadline-sweep', await lambdaDeps('report-deadline-sweep'));
