import { handle } from 'hono/aws-lambda';
import * as tenantExports from '../../shared/tenant-export/service.js';
import { createLazyApp } from '../api/lazy.js';
import { productionDeps } from '../api/production.js';

/**
 * The export function: the API app given the export service (and with it age and its curve libraries), behind the
 * routes API Gateway sends here (exportFunctionRoutes). A request loads only the modules under its prefix, as in the
 * API function.
 */
export const handler = handle(createLazyApp({ ...(await productionDeps()), tenantExports }));
