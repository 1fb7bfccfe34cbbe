/** Value lists stored in the database (db/schema imports them from here). */
export const tenantStatuses = ['active', 'inactive'] as const;
