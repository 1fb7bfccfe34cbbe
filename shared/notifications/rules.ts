/** Value lists stored in the database (db/schema imports them from here). */
/** `province`: the provincial department's inbox (the row stays in the city it concerns, which wrote it). */
export const recipientKinds = ['user', 'unit', 'province'] as const;
