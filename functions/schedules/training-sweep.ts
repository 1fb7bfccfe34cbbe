import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createSweepHandler } from './handlers.js';

export const handler = createSweepHandler('training-sweep', await lambdaDeps('training-sweep'));
