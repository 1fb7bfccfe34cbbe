import { z } from '@hono/zod-openapi';

/** A UUID path parameter, named as the route's path names it. */
export const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: 'path' }, example: '019ab3c2-7d1e-7a10-9c55-2f0e8b6a4d11' });
