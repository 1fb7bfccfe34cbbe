/** Value lists stored in the database (db/schema imports them from here). */
export const recipientKinds = ['user', 'unit'] as const;
