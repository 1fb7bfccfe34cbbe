export * from './policy.js';
export * from './tenancy.js';
export * from './audit.js';
export * from './hierarchy.js';
export * from './outbox.js';
export * from './sweeps.js';
export * from './notifications.js';
export * from './communities.js';
