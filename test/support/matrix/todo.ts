import type { MatrixEntry } from './types.js';

/** 待办 counts the caller's own unit or one below it: another city's unit (or any unit, for the province) is not found. */
export const todoEntries: MatrixEntry[] = [{ method: 'GET', route: '/v1/todo', owner: 'city', request: () => ({ path: '/v1/todo?unit=440103001' }) }];
