import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createSweepHandler } from './handlers.js';

export const handler = createSweepHandler('conference-sweep', await lambdaDeps('conference-sweep'));
