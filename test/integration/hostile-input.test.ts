import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
});

afterAll(async () => {
  await h?.close();
});

const tenantCount = async () => (await h.asOwner<{ n: number }>(sql`select count(*)::int as n from tenants`))[0]!.n;

describe('inputs the fuzzer found (test/fuzz)', () => {
  it('refuses text the database cannot store (U+0000) as a 400 problem, writing nothing', async () => {
    const before = await tenantCount();
    const res = await h.request('POST', '/v1/tenants', { token: await h.provinceToken(), json: { code: '4405', name: '汕头\u0000市' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    expect(await tenantCount()).toBe(before);
  });

  it('answers an import without a body with 400, not a crash', async () => {
    const res = await h.request('POST', '/v1/divisions/import', { token: await h.cityToken('4401') });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string; errors: { path: string }[] }).errors[0]!.path).toBe('body');
  });

  it('logs the database error a query failed with, but not the query parameters', () => {
    const lines: string[] = [];
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const error = new Error('Failed query: insert into tenants (code, name) values ($1, $2)\nparams: 4405,13812345678', { cause });
    createLogger({ write: (line) => lines.push(line) }).error('unhandled error', { error });
    expect(lines[0]).toContain('22021');
    expect(lines[0]).toContain('invalid byte sequence');
    expect(lines[0]).not.toContain('13812345678');
  });
});
