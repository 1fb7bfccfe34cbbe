import type { Role } from '../auth/principal.js';

/** Onboard city tenants, and deactivate, reactivate or delete them. */
export const tenantManagers: readonly Role[] = ['province_admin'];
/** List and read the city tenants. */
export const tenantReaders: readonly Role[] = ['province_admin', 'province_officer', 'auditor'];
