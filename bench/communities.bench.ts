import { fixedClock } from '../shared/clock.js';
import { benchApp, p50, syntheticCityCsv } from './support.js';
import type { BenchSuite } from './types.js';

/** 4 districts × 25 streets × 100 communities = 10,000 communities. */
const cityCsv = (city: string) => syntheticCityCsv(city, { districts: 4, streets: 25, communities: 100 });

export const suite: BenchSuite = {
  name: 'communities (issue 5)',
  async run({ databaseUrl, quick }) {
    const clock = fixedClock('2026-01-02T02:00:00Z');
    const { database, identity, app } = await benchApp({ databaseUrl, clock });
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const province = await identity.issue({ sub: 'bench', scope: 'province', role: 'province_admin', unit: '44' });
    const tokens: Record<string, string> = {};
    for (const [code, name] of [['4401', '广州市'], ['4403', '深圳市']] as const) {
      await call(province, 'POST', '/v1/tenants', { code, name });
      tokens[code] = await identity.issue({ sub: `admin-${code}`, tenant: code, role: 'city_admin', unit: code });
      const res = await app.request('/v1/divisions/import', { method: 'POST', headers: { authorization: `Bearer ${tokens[code]}`, 'content-type': 'text/csv' }, body: cityCsv(code) });
      if (res.status !== 200) throw new Error(`import ${code}: ${res.status}`);
    }

    // A year of plans in 4401: every street renames two communities and dissolves one, approved month by month.
    const plans = quick ? 25 : 100;
    for (let i = 0; i < plans; i++) {
      const d = 1 + (i % 4);
      const s = 1 + Math.floor(i / 4);
      const street = `4401${String(d).padStart(2, '0')}${String(s).padStart(3, '0')}`;
      const month = String(1 + (i % 12)).padStart(2, '0');
      const streetToken = await identity.issue({ sub: `street-${street}`, tenant: '4401', role: 'street_officer', unit: street });
      const districtToken = await identity.issue({ sub: `district-${street}`, tenant: '4401', role: 'district_officer', unit: street.slice(0, 6) });
      const plan = await call(streetToken, 'POST', '/v1/adjustment-plans', {
        title: `第${i + 1}号方案`, reason: '年度调整', effectiveDate: `2026-${month}-15`,
        changes: [
          { kind: 'rename', code: `${street}001`, name: `新${i}甲` },
          { kind: 'rename', code: `${street}002`, name: `新${i}乙` },
          { kind: 'dissolve', code: `${street}003` },
        ],
      });
      await call(streetToken, 'POST', `/v1/adjustment-plans/${plan.id}/submit`);
      await call(districtToken, 'POST', `/v1/adjustment-plans/${plan.id}/approve`, {});
    }

    const iterations = quick ? 200 : 1000;
    const withHistory: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < iterations + 30; i++) {
      const d = 1 + (i % 4);
      const s = 1 + ((i * 7) % 25);
      const suffix = `${String(d).padStart(2, '0')}${String(s).padStart(3, '0')}`;
      let t = performance.now();
      await call(tokens['4401']!, 'GET', `/v1/divisions?parent=4401${suffix}&asOf=2026-07-01`);
      const a = performance.now() - t;
      t = performance.now();
      await call(tokens['4403']!, 'GET', `/v1/divisions?parent=4403${suffix}&asOf=2026-07-01`);
      const b = performance.now() - t;
      if (i >= 30) {
        withHistory.push(a);
        without.push(b);
      }
    }
    await database.dispose();
    const ratio = p50(withHistory) / p50(without);
    return [{
      issue: 5,
      figure: `GET /v1/divisions?asOf= (100 communities of a street; 10,000-community city, ${plans} approved plans) p50`,
      value: p50(withHistory),
      baseline: p50(without),
      unit: 'ms',
      ratio,
      goal: '<= 2x the same query without history',
      pass: ratio <= 2,
    }];
  },
};
