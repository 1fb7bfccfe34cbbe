export * from './policy.js';
export * from './tenancy.js';
export * from './audit.js';
export * from './hierarchy.js';
