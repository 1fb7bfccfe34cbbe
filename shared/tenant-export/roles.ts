import type { Role } from '../auth/principal.js';

/** Export a city tenant's data (the archive is encrypted to the city's key). */
export const tenantExporters: readonly Role[] = ['province_admin'];
/** Read and register the city's export public key (数据导出公钥). */
export const exportKeyManagers: readonly Role[] = ['city_admin'];
