import { expect } from 'vitest';
import type { Message } from '../../shared/i18n.js';

/**
 * Matches a catalogue message (shared/i18n.ts) by its code, and by its parameters when given: tests assert what was
 * said, not how one language words it.
 */
export function coded(code: string, params?: Record<string, unknown>) {
  return expect.objectContaining(params ? { code, params } : { code });
}

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as Message).code === 'string' && typeof (value as Message).text === 'function';

/**
 * The same value with every catalogue message in it replaced by `{ code, zh }` (its code and its Chinese text), so a
 * test about wording can compare with `toEqual` and still name the code.
 */
export function said(value: unknown): unknown {
  if (isMessage(value)) return { code: value.code, zh: value.text('zh') };
  if (Array.isArray(value)) return value.map(said);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, said(v)]));
  return value;
}
