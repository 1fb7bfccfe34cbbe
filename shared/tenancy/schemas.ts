import { z } from '@hono/zod-openapi';
import { cityCode } from '../patterns.js';
import { tenantStatuses } from './rules.js';

export { cityCode };

export const createTenantInput = z
  .object({
    code: cityCode.openapi({ example: '4401' }),
    name: z.string().trim().min(2).max(50).openapi({ example: '广州市' }),
  })
  .strict()
  .openapi('CreateTenant');
export type CreateTenantInput = z.infer<typeof createTenantInput>;

export const tenant = z
  .object({
    code: z.string().openapi({ example: '4401' }),
    name: z.string().openapi({ example: '广州市' }),
    status: z.enum(tenantStatuses),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Tenant');
export type TenantView = z.infer<typeof tenant>;

export const offboardReport = z
  .object({
    code: z.string(),
    removed: z.record(z.string(), z.number().int()).openapi({ description: 'rows deleted per table' }),
  })
  .openapi('OffboardReport');
