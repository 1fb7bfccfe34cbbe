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

  it('refuses a facility area too small to store as a field error, not a check-constraint crash', async () => {
    const csv = 'code,name\n440103,荔湾区\n440103001,沙面街道\n440103001001,沙面社区居委会\n';
    const admin = await h.cityToken('4401');
    expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: csv, contentType: 'text/csv' })).status).toBe(200);
    const res = await h.request('POST', '/v1/facilities', { token: admin, json: { unitCode: '440103001001', kind: 'service_centre', name: '服务中心', areaM2: 1.2410121550720023e-36, address: '沙面北街1号', openingHours: '全天' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.areaM2']);
  });

  it('turns a duplicate key the database refuses into 409 conflict, writing nothing', async () => {
    const before = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from divisions where tenant_id = '4401'`);
    const duplicate = h.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', '4401', true), set_config('role', 'shequ_app', true)`);
      await tx.execute(sql`insert into divisions (id, tenant_id, code, name, level, created_at, updated_at) values (gen_random_uuid(), '4401', '4401', '重复', 'city', now(), now())`);
    });
    const { problemResponse } = await import('../../functions/api/middleware/errors.js');
    const error = await duplicate.then(() => null, (e: unknown) => e);
    const context = { get: (key: string) => (key === 'requestId' ? 'req-dup' : h.logger) } as never;
    const res = problemResponse(context, error);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string; detail: string })).toMatchObject({ code: 'conflict', detail: expect.stringContaining('divisions_tenant_open_code') });
    expect(await h.asOwner<{ n: number }>(sql`select count(*)::int as n from divisions where tenant_id = '4401'`)).toEqual(before);
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
