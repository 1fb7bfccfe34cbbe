import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../../shared/errors.js';
import type { ApiEnv } from '../env.js';
import { common } from '../../../shared/messages.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Far deeper than any body the API's schemas describe (a handful of levels), far shallower than what stalls a parse. */
export const MAX_JSON_DEPTH = 32;

/**
 * The most bytes a request body may have, by path (the first prefix that matches). Sized from what the routes take
 * (issue #18): a reply is one word, a delegate name (60) and a comment (500 characters), under 6 KiB even
 * form-encoded; the largest console form is a written report's narrative (50,000 characters, 450 KiB form-encoded);
 * the console's division import posts the CSV file, 39 bytes a row in the official lists, so 8 MiB holds
 * 200,000 rows (the JSON import's cap); /v1 takes a province's archive-sized imports.
 */
export const bodyLimits: readonly { prefix: string; maxBytes: number }[] = [
  { prefix: '/console/divisions/import', maxBytes: 8 * MiB },
  { prefix: '/console', maxBytes: 512 * KiB },
  { prefix: '/r', maxBytes: 8 * KiB },
  // a consultation: 1,000 characters of text, 3 bytes each in UTF-8 JSON and 9 form-encoded, with room for the rest
  { prefix: '/v1/public', maxBytes: 8 * KiB },
  { prefix: '/p', maxBytes: 12 * KiB },
  { prefix: '/v1', maxBytes: 20 * MiB },
];
/** Paths that take no body at all (/health, /docs, /ical/…): enough for a stray one, no more. */
export const DEFAULT_BODY_LIMIT = 16 * KiB;

export function bodyLimitFor(path: string): number {
  return bodyLimits.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`))?.maxBytes ?? DEFAULT_BODY_LIMIT;
}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, in one pass over the UTF-8 bytes (brackets inside
 * strings do not count; a multi-byte UTF-8 sequence never contains an ASCII byte). Malformed text is left to JSON.parse.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACKET || b === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (b === CLOSE_BRACKET || b === CLOSE_BRACE) depth--;
  }
  return false;
}

const isJson = (contentType: string | undefined) => /^application\/([\w.+-]+\+)?json\b/i.test(contentType ?? '');
const isConsole = (path: string) => path === '/console' || path.startsWith('/console/');

/**
 * Every request body is refused with 413 before anything parses it when it is larger than its route takes, and a
 * JSON body nested deeper than MAX_JSON_DEPTH with 400, before JSON.parse and zod walk it (9 MB of nested arrays
 * held the event loop 8 s, issue #18).
 */
export function limitBodies(): MiddlewareHandler<ApiEnv> {
  const limiters = new Map(
    [...new Set([...bodyLimits.map((l) => l.maxBytes), DEFAULT_BODY_LIMIT])].map((maxSize) => [
      maxSize,
      bodyLimit({ maxSize, onError: () => { throw new AppError('payload_too_large', common.body_too_large({ maxSize }), { maxBytes: maxSize }); } }),
    ]),
  );
  const checkDepth: MiddlewareHandler<ApiEnv> = async (c, next) => {
    if (c.req.raw.body && isJson(c.req.header('content-type')) && !isConsole(c.req.path)) {
      const bytes = new Uint8Array(await c.req.raw.arrayBuffer());
      if (jsonNestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
        throw new AppError('validation_failed', common.json_too_deep({ depth: MAX_JSON_DEPTH }), { errors: [{ path: 'body', message: common.nested_too_deep({ depth: MAX_JSON_DEPTH }) }] });
      }
      c.req.raw = new Request(c.req.raw, { body: bytes });
    }
    await next();
  };
  return async (c, next) => limiters.get(bodyLimitFor(c.req.path))!(c, async () => {
    await checkDepth(c, next);
  });
}
