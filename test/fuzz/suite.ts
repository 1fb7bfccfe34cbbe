import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicPaths } from '../../functions/api/app.js';
import { isConsolePath } from '../../functions/console/paths.js';
import { buildFuzzFixture, describeRequest, sendFuzzRequest, WriteDetector, type FuzzFixture } from '../support/fuzz-fixture.js';
import { createHarness, type Harness } from '../support/harness.js';
import { operationsOf, requestArbitrary, type Operation } from '../support/openapi-requests.js';

const runsPerOperation = Number(process.env.FUZZ_RUNS ?? (process.env.CI === 'true' ? 200 : 30));
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const requestTimeoutMs = 15_000;
const only = process.env.FUZZ_ONLY ?? '';

function loggedCause(line: string): string {
  const { error } = JSON.parse(line) as { error?: { message?: string; cause?: { message?: string; code?: string } } };
  const cause = error?.cause ? ` ← ${error.cause.code ?? ''} ${error.cause.message ?? ''}` : '';
  return `${(error?.message ?? '').split('\n')[0]!.slice(0, 160)}${cause}`;
}

interface ProblemBody {
  code?: unknown;
  messageCode?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: { code?: unknown; message?: unknown }[];
  rows?: { messageCode?: unknown; reason?: unknown }[];
}

/**
 * What in a problem a person reads but is not Chinese (the fuzzer sends no Accept-Language, so the API owes Chinese),
 * or lacks its stable code: every title, detail and field message, each with its code.
 */
function englishOnly(body: ProblemBody): string[] {
  const ascii = (text: unknown) => typeof text !== 'string' || /^[\x00-\x7f]*$/.test(text);
  const out: string[] = [];
  if (typeof body.messageCode !== 'string') out.push('no messageCode');
  if (ascii(body.title)) out.push(`title ${String(body.title)}`);
  if (ascii(body.detail)) out.push(`detail ${String(body.detail)}`);
  for (const e of body.errors ?? []) {
    if (typeof e.code !== 'string') out.push(`field error without a code: ${String(e.message)}`);
    if (ascii(e.message)) out.push(`field ${String(e.message)}`);
  }
  for (const r of body.rows ?? []) {
    if (typeof r.messageCode !== 'string' || ascii(r.reason)) out.push(`row ${String(r.reason)}`);
  }
  return out;
}

/**
 * Fuzzes the operations of /openapi.json whose position modulo `of` is `shard`: each shard is its own test file, so
 * vitest runs them in parallel forks, each with its own database and fixture.
 */
export async function fuzzOpenApi(shard: number, of: number): Promise<void> {
  const h: Harness = await createHarness();
  const everyOperation = operationsOf((await (await h.request('GET', '/openapi.json')).json()) as Parameters<typeof operationsOf>[0]);
  const operations = everyOperation.filter((op, i) => i % of === shard && `${op.method} ${op.path}`.includes(only));
  const routeTable = h.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
  let fx: FuzzFixture;
  let detector: WriteDetector;
  const tally: { operation: string; tried: number; valid: number; ok: number; refused: number; failures: number }[] = [];

  beforeAll(async () => {
    fx = await buildFuzzFixture(h);
    detector = await WriteDetector.start(h);
    console.log(`fuzz shard ${shard + 1}/${of}: ${operations.length} of ${everyOperation.length} operations × ${runsPerOperation} requests, seed ${seed} (FUZZ_SEED=${seed} FUZZ_RUNS=${runsPerOperation} to replay)`);
  });

  afterAll(async () => {
    if (tally.length > 0) {
      const width = Math.max(...tally.map((t) => t.operation.length));
      const lines = tally.map((t) => `${t.operation.padEnd(width)}  ${String(t.tried).padStart(5)} tried  ${String(t.valid).padStart(4)} schema-valid  ${String(t.ok).padStart(4)} 2xx  ${String(t.refused).padStart(4)} 4xx  ${t.failures} failing`);
      console.log(`requests per operation, shard ${shard + 1}/${of} (seed ${seed}):\n${lines.join('\n')}\ntotal ${tally.reduce((n, t) => n + t.tried, 0)} requests`);
    }
    await h.close();
  });

  describe(`fuzzing the operations in /openapi.json (shard ${shard + 1}/${of})`, () => {
    it.runIf(shard === 0)('documents every route of the app, so none escapes the fuzzer', () => {
      const documented = new Set(everyOperation.map((op) => `${op.method} ${op.route}`));
      const undocumented = [...new Set(routeTable)].filter((r) => !documented.has(r) && !(publicPaths as readonly string[]).includes(r.split(' ')[1]!) && !isConsolePath(r.split(' ')[1]!));
      expect(undocumented, 'routes missing from /openapi.json').toEqual([]);
    });

    it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s: no 5xx, every 4xx a problem with a code in Chinese, no write when refused', async (name, op: Operation) => {
      const failures: string[] = [];
      const counts = { operation: name, tried: 0, valid: 0, ok: 0, refused: 0, failures: 0 };
      tally.push(counts);
      const cases = fc.sample(fc.tuple(requestArbitrary(fx.doc, op, fx.pool), fc.integer({ min: 0, max: fx.callers.length })), { numRuns: runsPerOperation, seed: seed + everyOperation.indexOf(op) });
      for (const [req, callerIndex] of cases) {
        const caller = fx.callers[callerIndex];
        const who = caller?.role ?? 'no token';
        let res: Response;
        let timer: NodeJS.Timeout | undefined;
        try {
          res = await Promise.race([
            sendFuzzRequest(h, req, caller?.token),
            new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${requestTimeoutMs} ms`)), requestTimeoutMs))),
          ]);
        } catch (error) {
          failures.push(`${describeRequest(req, who)} → threw ${(error as Error).message}`);
          continue;
        } finally {
          clearTimeout(timer);
        }
        counts.tried++;
        if (req.kind === 'valid') counts.valid++;
        const text = await res.text();
        const changed = await detector.changes();
        if (res.status >= 500) {
          const requestId = res.headers.get('x-request-id') ?? '';
          const logged = h.logs.filter((line) => line.includes(requestId) && line.includes('unhandled error')).map(loggedCause);
          failures.push(`${describeRequest(req, who)} → ${res.status} ${logged.join(' ') || text.slice(0, 300)}`);
        } else if (res.status >= 400) {
          counts.refused++;
          const type = res.headers.get('content-type') ?? '';
          let body: ProblemBody = {};
          try {
            body = JSON.parse(text) as ProblemBody;
          } catch {
            body = {};
          }
          if (!type.startsWith('application/problem+json') || typeof body.code !== 'string') {
            failures.push(`${describeRequest(req, who)} → ${res.status} ${type} ${text.slice(0, 200)} (not a problem with a code)`);
          }
          const english = englishOnly(body);
          if (english.length > 0) failures.push(`${describeRequest(req, who)} → ${res.status} answers a Chinese caller in English only: ${english.join(' | ').slice(0, 300)}`);
          if (changed.length > 0) failures.push(`${describeRequest(req, who)} → ${res.status} but wrote to ${changed.join(', ')}`);
        } else {
          counts.ok++;
          if (res.headers.get('content-type')?.includes('json')) {
            try {
              fx.pool.harvestResponse(op, JSON.parse(text));
            } catch {
              failures.push(`${describeRequest(req, who)} → ${res.status} with a JSON content type and a body that is not JSON`);
            }
          }
        }
        if (res.status < 300 && req.method !== 'GET' && (await fx.repair())) await detector.snapshot();
      }
      counts.failures = failures.length;
      expect(failures.slice(0, 15), `${failures.length} failing request(s) for ${name}`).toEqual([]);
      expect(counts.tried).toBeGreaterThanOrEqual(runsPerOperation);
    });
  });
}
