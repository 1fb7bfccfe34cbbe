import { lambdaDeps } from '../runtime/lambda-deps.js';
import { createRelayHandler } from './handlers.js';

export const handler = createRelayHandler(await lambdaDeps('outbox-relay'));
