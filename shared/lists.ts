import { asc, desc, ilike, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { containsPattern, sortOf, type ListParams } from './schemas.js';

/** ORDER BY for a list's sort: the key's columns in its direction, then the tie-breakers ascending. */
export function orderOf<K extends string>(input: ListParams<K>, columns: Record<K, SQL | AnyPgColumn>, ...ties: (SQL | AnyPgColumn)[]): SQL[] {
  const { key, descending } = sortOf(input.sort);
  return [descending ? desc(columns[key]) : asc(columns[key]), ...ties.map((t) => asc(t))];
}

/** A list's `q`: any of the columns contains it (wildcards escaped). */
export const searchOf = (q: string | undefined, ...columns: AnyPgColumn[]) => (q ? or(...columns.map((c) => ilike(c, containsPattern(q)))) : undefined);
export const offsetOf = (input: ListParams) => (input.page - 1) * input.size;
