import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client.js';
import { fixedClock } from '../shared/clock.js';
import { createTestDatabase } from '../test/support/database.js';
import { benchApp, p50, syntheticCityCsv } from './support.js';
import type { BenchSuite } from './types.js';

/** The 21 prefecture-level cities of Guangdong (4410 and 4411 are not assigned). */
const guangdong = [
  ['4401', '广州市'], ['4402', '韶关市'], ['4403', '深圳市'], ['4404', '珠海市'], ['4405', '汕头市'], ['4406', '佛山市'], ['4407', '江门市'],
  ['4408', '湛江市'], ['4409', '茂名市'], ['4412', '肇庆市'], ['4413', '惠州市'], ['4414', '梅州市'], ['4415', '汕尾市'], ['4416', '河源市'],
  ['4417', '阳江市'], ['4418', '清远市'], ['4419', '东莞市'], ['4420', '中山市'], ['4451', '潮州市'], ['4452', '揭阳市'], ['4453', '云浮市'],
] as const;

/** The official list where the repository has one (db/seed/divisions: 4404, 4419, 4420), else one of the same size. */
function divisionList(code: string): { csv: string; official: boolean } {
  const seed = new URL(`../db/seed/divisions/${code}.csv`, import.meta.url);
  if (existsSync(seed)) return { csv: readFileSync(seed, 'utf8'), official: true };
  return { csv: syntheticCityCsv(code, { districts: 5, streets: 8, communities: 10 }), official: false };
}

interface Row { tenant_id: string; code: string; name: string; level: string; kind: string | null; parent_code: string | null }

/**
 * Issue #20 §6: the province onboards its 21 cities, each city importing its division list over HTTP (POST
 * /v1/divisions/import, one request per city), against the same rows written by a raw multi-row INSERT per city on a
 * second database of the same kind. Where the time goes is measured too: the per-request fixed cost (a one-row list),
 * the first import (cold JIT) against the rest, and the tenant's creation.
 */
export const suite: BenchSuite = {
  name: 'province onboarding (issue 20)',
  async run({ databaseUrl, quick }) {
    const clock = fixedClock('2026-01-02T02:00:00Z');
    const rounds = quick ? 1 : 3;
    const apiTotals: number[] = [];
    const rawTotals: number[] = [];
    const firstImports: number[] = [];
    const laterImports: number[] = [];
    const tenantCreations: number[] = [];
    const oneRowImports: number[] = [];
    let rowsInAll = 0;
    for (let round = 0; round < rounds; round++) {
      const { database, identity, app } = await benchApp({ databaseUrl, clock });
      const raw = await createTestDatabase({ url: databaseUrl, driver: 'pg' });
      try {
        const province = await identity.issue({ sub: 'bench', scope: 'province', role: 'province_admin', unit: '44' });
        const post = async (token: string, path: string, body: string, contentType: string) => {
          const res = await app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
          if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
        };
        let apiTotal = 0;
        for (const [index, [code, name]] of guangdong.entries()) {
          let started = performance.now();
          await post(province, '/v1/tenants', JSON.stringify({ code, name }), 'application/json');
          tenantCreations.push(performance.now() - started);
          const admin = await identity.issue({ sub: `admin-${code}`, tenant: code, role: 'city_admin', unit: code });
          started = performance.now();
          await post(admin, '/v1/divisions/import', divisionList(code).csv, 'text/csv');
          const took = performance.now() - started;
          apiTotal += took;
          (index === 0 ? firstImports : laterImports).push(took);
        }
        apiTotals.push(apiTotal);

        // the per-request fixed cost: a list of the city's own row only, into a city of its own (nothing to plan or write but it)
        for (let i = 0; i < 5; i++) {
          const code = String(4460 + i);
          await post(province, '/v1/tenants', JSON.stringify({ code, name: `测试${i}市` }), 'application/json');
          const admin = await identity.issue({ sub: `admin-${code}`, tenant: code, role: 'city_admin', unit: code });
          const started = performance.now();
          await post(admin, '/v1/divisions/import', `code,name\n${code}01,第一区\n`, 'text/csv');
          oneRowImports.push(performance.now() - started);
        }

        // the same rows as the import wrote them, by a raw multi-row INSERT per city as the owner
        const written = rowsOf<Row>(await database.db.execute(sql`select tenant_id, code, name, level, kind, parent_code from divisions where tenant_id not like '446%' order by tenant_id, code`));
        rowsInAll = written.length;
        const now = clock.now().toISOString();
        for (const [code, name] of guangdong) await raw.db.execute(sql`insert into tenants (code, name, created_at, updated_at) values (${code}, ${name}, ${now}, ${now})`);
        let rawTotal = 0;
        for (const [code] of guangdong) {
          const rows = written.filter((r) => r.tenant_id === code);
          const values = sql.join(rows.map((r) => sql`(${randomUUID()}, ${r.tenant_id}, ${r.code}, ${r.name}, ${r.level}, ${r.kind}, ${r.parent_code}, ${now}, ${now})`), sql`, `);
          const started = performance.now();
          await raw.db.execute(sql`insert into divisions (id, tenant_id, code, name, level, kind, parent_code, created_at, updated_at) values ${values}`);
          rawTotal += performance.now() - started;
        }
        rawTotals.push(rawTotal);
      } finally {
        await database.dispose();
        await raw.dispose();
      }
    }
    const api = p50(apiTotals);
    const rawTotal = p50(rawTotals);
    const fixed = p50(oneRowImports);
    const officials = guangdong.filter(([code]) => divisionList(code).official).map(([code]) => code);
    return [{
      issue: 20,
      figure: `province onboarding: 21 cities' division lists imported over HTTP, one request per city (${rowsInAll} rows), total`,
      value: api,
      baseline: rawTotal,
      unit: 'ms',
      ratio: api / rawTotal,
      goal: '<= 2x the same rows by raw multi-row INSERT',
      pass: api / rawTotal <= 2,
      note: `median of ${rounds} fresh databases; official lists for ${officials.join(', ')} (db/seed/divisions), the other 18 synthetic of the same size (5 districts × 8 streets × 10 communities); baseline: one multi-row INSERT per city of the rows the import wrote, as the owner, into a second fresh database. Where the time goes: a one-row import costs ${fixed.toFixed(1)} ms (token, validation, advisory lock, reading the city's current list, audit, commit: ${(fixed * 21).toFixed(0)} ms of the ${api.toFixed(0)} ms for 21 requests); the first import ${p50(firstImports).toFixed(1)} ms against ${p50(laterImports).toFixed(1)} ms for each later one (cold JIT); creating a city (not counted) ${p50(tenantCreations).toFixed(1)} ms`,
    }];
  },
};
