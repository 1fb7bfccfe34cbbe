import type { Role } from '../auth/principal.js';

/** Read the province settings. */
export const provinceSettingsReaders: readonly Role[] = ['province_admin', 'province_officer', 'auditor'];
/** Change the province settings. */
export const provinceSettingsEditors: readonly Role[] = ['province_admin'];
