import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const requestLog = (requestId: string) =>
  h.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.message === 'request' && l.requestId === requestId);

describe('the request id is the server’s own', () => {
  it('keeps the server’s id in the audit row when the caller sends another request’s id, and logs the caller’s beside it', async () => {
    const first = await h.request('POST', '/v1/tenants', { token: await h.provinceToken(), json: { code: '4401', name: '广州市' } });
    const taken = first.headers.get('x-request-id')!;
    const second = await h.request('POST', '/v1/tenants', { token: await h.provinceToken(), json: { code: '4403', name: '深圳市' }, headers: { 'x-request-id': taken } });
    expect(second.status).toBe(201);
    const own = second.headers.get('x-request-id')!;
    expect(own).toMatch(/^[0-9a-f]{24}$/);
    expect(own).not.toBe(taken);
    const ids = await h.asOwner<{ request_id: string }>(sql`select distinct request_id from audit_log where entity_id = '4403'`);
    expect(ids).toEqual([{ request_id: own }]);
    expect(requestLog(own)).toMatchObject({ requestId: own, clientRequestId: taken, status: 201 });
  });

  it.each([
    ['the longest well-formed id', `trace:${'a'.repeat(58)}`, true],
    ['dots, underscores, colons and dashes', 'svc-a.b_c:1', true],
    ['65 characters', 'a'.repeat(65), false],
    ['a space', 'req 1', false],
    ['SQL', "'; drop table audit_log;--", false],
    ['a tab', 'a\tb', false],
    ['Latin-1', 'caf\u00e9', false],
  ])('logs a caller id with %s only if it has the id format', async (_label, sent, kept) => {
    const res = await h.request('GET', '/v1/tenants', { token: await h.provinceToken(), headers: { 'x-request-id': sent } });
    const own = res.headers.get('x-request-id')!;
    expect(own).toMatch(/^[0-9a-f]{24}$/);
    expect(requestLog(own)?.clientRequestId).toBe(kept ? sent : undefined);
  });

  it('answers a problem with the server’s id, not the caller’s', async () => {
    const res = await h.request('GET', '/v1/nothing', { token: await h.provinceToken(), headers: { 'x-request-id': 'caller-chosen-1' } });
    const body = (await res.json()) as { requestId: string };
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    expect(body.requestId).not.toBe('caller-chosen-1');
  });
});
