import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, any> });

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  const province = await h.provinceToken();
  // the harness clock stands at 2026-11-25 10:00 in Shanghai
  const published = await json(await h.request('POST', '/v1/report-templates', {
    token: province,
    json: { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2026-11-01', dueOn: '2026-12-15', closesOn: '2027-01-31' }] },
  }));
  expect(published.status).toBe(201);
});

afterAll(async () => {
  await h?.close();
});

describe('GET /v1/reports/periods: what the province has asked of a city, open today', () => {
  it('lists the open period, then the city’s draft beside it', async () => {
    const admin = await h.cityToken('4401');
    const before = await json(await h.request('GET', '/v1/reports/periods', { token: admin }));
    expect(before.status).toBe(200);
    expect(before.body.items).toEqual([expect.objectContaining({ templateCode: 'reform_completion', period: 'once', dueOn: '2026-12-15', reportId: null })]);
    const draft = await json(await h.request('POST', '/v1/reports', { token: admin, json: { templateId: before.body.items[0].templateId, period: 'once' } }));
    expect(draft.status).toBe(201);
    const after = await json(await h.request('GET', '/v1/reports/periods', { token: admin }));
    expect(after.body.items[0].reportId).toBe(draft.body.id);
    // another city sees the period but not 4401's report
    const other = await json(await h.request('GET', '/v1/reports/periods', { token: await h.cityToken('4403') }));
    expect(other.body.items[0].reportId).toBeNull();
  });

  it('leaves out periods not yet open or already closed', async () => {
    h.clock.set(new Date('2027-02-01T02:00:00Z'));
    try {
      const closed = await json(await h.request('GET', '/v1/reports/periods', { token: await h.cityToken('4401') }));
      expect(closed.body.items).toEqual([]);
    } finally {
      h.clock.set(new Date('2026-11-25T02:00:00Z'));
    }
  });

  it('is for cities: the province is refused, another city named is not found', async () => {
    expect((await h.request('GET', '/v1/reports/periods', { token: await h.provinceToken() })).status).toBe(403);
    expect((await h.request('GET', '/v1/reports/periods?city=4401', { token: await h.cityToken('4403') })).status).toBe(404);
  });
});
