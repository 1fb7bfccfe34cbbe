import { handle } from 'hono/aws-lambda';
import { ageSealer } from '../../shared/tenant-export/age.js';
import { createLazyApp } from '../api/lazy.js';
import { productionDeps } from '../api/production.js';

/**
 * The export function: the API app with the age sealer, behind the routes API Gateway sends here (exportFunctionRoutes).
 * A request loads only the modules under its prefix, as in the API function.
 */
export const handler = handle(createLazyApp({ ...(await productionDeps()), sealer: ageSealer }));
