import { z } from '@hono/zod-openapi';

/** A UUID path parameter, named as the route's path names it. */
export const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: 'path' }, example: '019ab3c2-7d1e-7a10-9c55-2f0e8b6a4d11' });

/**
 * The one query of a list endpoint that pages, sorts and searches on the server: `q` (a name, matched anywhere in it),
 * `sort` (a key, or `-key` for descending), `page` (from 1) and `size` (rows per page, 20 by default). A list adds its
 * own filters with `.extend`.
 */
export function listQuery<const K extends string>(sortKeys: readonly [K, ...K[]], defaultSort: K | `-${K}`) {
  const sorts = sortKeys.flatMap((k) => [k, `-${k}`] as const) as unknown as readonly [K | `-${K}`, ...(K | `-${K}`)[]];
  return z.object({
    q: z.string().trim().min(1).max(50).optional().openapi({ description: 'search by name (part of it is enough)' }),
    sort: z.enum(sorts).default(defaultSort as never).openapi({ description: `one of ${sortKeys.join(', ')}; prefixed by - for descending` }),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    size: z.coerce.number().int().min(1).max(200).default(20),
  });
}
export type ListParams<K extends string = string> = { q?: string | undefined; sort: K | `-${K}`; page: number; size: number };

/** One page of a list: the rows, how many match in all, and where the page is. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), size: z.number().int() }).openapi(name);

/** The sort of a list query as a key and a direction. */
export function sortOf<K extends string>(sort: K | `-${K}`): { key: K; descending: boolean } {
  return sort.startsWith('-') ? { key: sort.slice(1) as K, descending: true } : { key: sort as K, descending: false };
}

/** A `like` pattern matching the text anywhere, its wildcards escaped. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
