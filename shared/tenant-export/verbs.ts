import type { Call, ServiceContext } from '../context.js';
import { AppError } from '../errors.js';
import type { RecipientView, RegisterRecipientInput } from './schemas.js';
import { msg } from './messages.js';
import type * as service from './service.js';

/** The tenant-export verbs as a function is given them (createApp, the export function); the API function is not. */
export type TenantExportService = typeof service;

/**
 * The route module's verbs: each forwards to the export service of the function it runs in. The service (with age and
 * its elliptic-curve and post-quantum libraries, ~150 KiB) is a dependency rather than an import, so the API function's
 * bundle does not carry it: API Gateway sends these routes to the export function, and the API function, if ever
 * reached, refuses rather than guess (issue #20).
 */
function serviceOf(ctx: ServiceContext): TenantExportService {
  if (!ctx.tenantExports) throw new AppError('unavailable', msg.export_function_only());
  return ctx.tenantExports;
}

export const registerExportRecipient = (call: Call<RegisterRecipientInput & { code: string }>): Promise<RecipientView> => serviceOf(call.ctx).registerExportRecipient(call);
export const getExportRecipient = (call: Call<{ code: string }>): Promise<RecipientView> => serviceOf(call.ctx).getExportRecipient(call);
export const exportTenant = (call: Call<{ code: string }>) => serviceOf(call.ctx).exportTenant(call);
export const deliverExport = (...args: Parameters<TenantExportService['deliverExport']>) => serviceOf(args[0]).deliverExport(...args);
