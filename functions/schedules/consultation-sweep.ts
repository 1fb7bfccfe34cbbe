import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createSweepHandler } from './handlers.js';

export const handler = createSweepHandler('consultation-sweep', await lambdaDeps('consultation-sweep'));
