import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { readRowsAsTenant } from '../db/tenant.js';
import { shanghaiDate } from '../shared/dates.js';
import { roundTripCounter } from '../test/support/round-trips.js';
import { benchApp, p50 } from './support.js';
import type { BenchFigure, BenchSuite } from './types.js';

/** A synthetic city list of the size of a large city: 12 districts, 300 streets, 29,700 communities and villages. */
function cityList(city: string): { code: string; name: string; parentCode: string; level: string; kind: string }[] {
  const rows = [];
  for (let d = 1; d <= 12; d++) {
    const county = `${city}${String(d).padStart(2, '0')}`;
    rows.push({ code: county, name: `第${d}区`, parentCode: city, level: 'county', kind: 'district' });
    for (let s = 1; s <= 25; s++) {
      const street = `${county}${String(s).padStart(3, '0')}`;
      rows.push({ code: street, name: `第${d}区第${s}街道`, parentCode: county, level: 'township', kind: 'subdistrict' });
      for (let v = 1; v <= 99; v++) {
        rows.push({ code: `${street}${String(v).padStart(3, '0')}`, name: `第${d}-${s}-${v}社区居委会`, parentCode: street, level: 'village', kind: 'residents_committee' });
      }
    }
  }
  return rows;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export const suite: BenchSuite = {
  name: 'foundation (issue 2)',
  async run({ databaseUrl, quick }) {
    const { database, identity, app } = await benchApp({ databaseUrl });
    const client = (database.db as unknown as { $client: { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> } }).$client;
    const province = await identity.issue({ sub: 'bench', scope: 'province', role: 'province_admin', unit: '44' });
    for (const [code, name] of [['4401', '广州市'], ['4403', '深圳市'], ['4404', '珠海市']]) {
      await app.request('/v1/tenants', { method: 'POST', headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) });
    }
    const figures: BenchFigure[] = [];

    // Import: the whole API path (auth, CSV parse, validation, RLS transaction, Drizzle upserts) vs a raw multi-row INSERT.
    const list = cityList('4401');
    const csv = `code,name\n${list.map((r) => `${r.code},${r.name}`).join('\n')}\n`;
    const admin = await identity.issue({ sub: 'bench-admin', tenant: '4401', role: 'city_admin', unit: '4401' });
    const importMs = await timed(async () => {
      const res = await app.request('/v1/divisions/import', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: csv });
      if (res.status !== 200) throw new Error(`import failed: ${res.status} ${await res.text()}`);
    });
    const rawMs = await timed(async () => {
      const rawRows = cityList('4404');
      await client.query('begin');
      for (let i = 0; i < rawRows.length; i += 1000) {
        const chunk = rawRows.slice(i, i + 1000);
        const params: unknown[] = [];
        const values = chunk.map((r) => {
          params.push(r.code, r.name, r.level, r.kind, r.parentCode);
          const n = params.length;
          return `(gen_random_uuid(), '4404', $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}, now(), now())`;
        });
        await client.query(`insert into divisions (id, tenant_id, code, name, level, kind, parent_code, created_at, updated_at) values ${values.join(',')}`, params);
      }
      await client.query('commit');
    });
    const importRate = list.length / (importMs / 1000);
    const rawRate = list.length / (rawMs / 1000);
    figures.push({ issue: 2, figure: `import of a ${list.length}-row division list (rows/s)`, value: importRate, baseline: rawRate, unit: 'rows/s', ratio: importRate / rawRate, goal: '>= 0.5x raw multi-row INSERT', pass: importRate / rawRate >= 0.5 });

    // A tenant-scoped read through the whole stack vs the same SELECT on the raw driver.
    const codes = list.filter((r) => r.level === 'village').map((r) => r.code);
    const iterations = quick ? 300 : 2000;
    // "the same SELECT on a raw driver connection": the statement getDivision sends (its columns, the validity dates), with
    // the tenant as an explicit filter where the stack has RLS, parameterised, on the driver without a transaction
    const today = shanghaiDate(new Date());
    const sameSelect = `select code, name, level, kind, parent_code as "parentCode", valid_from::text as "validFrom", valid_to::text as "validTo",
      to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"
      from divisions where tenant_id = $1 and code = $2 and (valid_from is null or valid_from <= $3) and (valid_to is null or valid_to > $3)`;
    const stack: number[] = [];
    const raw: number[] = [];
    const refused: number[] = [];
    const elsewhere = await identity.issue({ sub: 'bench-street', tenant: '4401', role: 'street_officer', unit: '440101001' });
    for (let i = 0; i < iterations + 50; i++) {
      const code = codes[(i * 7919) % codes.length]!;
      const a = await timed(async () => {
        const res = await app.request(`/v1/divisions/${code}`, { headers: { authorization: `Bearer ${admin}` } });
        if (res.status !== 200) throw new Error(`read failed: ${res.status}`);
        await res.json();
      });
      const b = await timed(() => client.query(sameSelect, ['4401', code, today]));
      // the same request for a unit outside the caller's: token, routing, validation and a 404 problem, no database
      const c = await timed(async () => {
        const res = await app.request(`/v1/divisions/${code.startsWith('440101001') ? '440102001001' : code}`, { headers: { authorization: `Bearer ${elsewhere}` } });
        if (res.status !== 404) throw new Error(`refusal: ${res.status}`);
        await res.json();
      });
      if (i >= 50) {
        stack.push(a);
        raw.push(b);
        refused.push(c);
      }
    }
    // Round trips of the hot read. PGlite: calls into the engine (execProtocolRaw, which PGlite's query and exec also
    // go through) for the whole request, the token and unit caches warm. The server: network round trips of the
    // statement getDivision sends, counted by a TCP proxy on a second connection to the same database.
    let trips: string;
    const hot = 20;
    if (!databaseUrl) {
      const engine = client as unknown as { execProtocolRaw: (...args: unknown[]) => Promise<unknown> };
      const original = engine.execProtocolRaw;
      let calls = 0;
      engine.execProtocolRaw = (...args) => (calls++, original.apply(engine, args));
      for (let i = 0; i < hot; i++) await (await app.request(`/v1/divisions/${codes[i]!}`, { headers: { authorization: `Bearer ${admin}` } })).json();
      engine.execProtocolRaw = original;
      trips = `${calls / hot} call(s) into PGlite per request`;
    } else {
      const url = new URL(databaseUrl);
      url.pathname = `/${database.label.slice(database.label.indexOf(':') + 1)}`;
      const counter = await roundTripCounter(url.toString());
      const counted = await openDatabase({ url: counter.url, driver: 'pg', maxConnections: 1 });
      const city = { kind: 'city', subject: 'bench', tenant: '4401', role: 'city_admin', unit: '4401' } as const;
      const read = (code: string) => readRowsAsTenant(counted.db, city, sql`select code, name from divisions where code = ${code} and (valid_from is null or valid_from <= ${today}) and (valid_to is null or valid_to > ${today})`);
      await read(codes[0]!);
      counter.reset();
      for (let i = 0; i < hot; i++) await read(codes[i]!);
      trips = `${counter.count() / hot} network round trip(s) per read`;
      await counted.close();
      await counter.close();
    }
    figures.push({
      issue: 2, figure: 'tenant-scoped read through the stack, p50', value: p50(stack), baseline: p50(raw), unit: 'ms', ratio: p50(stack) / p50(raw), goal: '<= 2x raw SELECT', pass: p50(stack) / p50(raw) <= 2,
      note:
        `GET /v1/divisions/{code} with a bearer token (verified, route, validation, unit check, one round trip: tenant settings and the SELECT with its validity dates, parameters as parameters, pipelined on pg / one execProtocol batch on PGlite, JSON) vs the same SELECT (columns and validity dates as getDivision sends them, the tenant as an explicit filter instead of RLS) parameterised on the driver; ` +
        `the same request refused before the database (token, route, validation, 404 problem) costs ${p50(refused).toFixed(3)} ms, ${(p50(refused) / p50(raw)).toFixed(2)}x the raw SELECT on its own; hot read: ${trips}`,
    });

    // The RLS-enforced query itself vs the same query with an explicit tenant filter as the owner.
    const streets = list.filter((r) => r.level === 'township').map((r) => r.code);
    const rls: number[] = [];
    const owner: number[] = [];
    for (let i = 0; i < iterations + 50; i++) {
      const street = streets[(i * 31) % streets.length]!;
      const a = await database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', '4401', true), set_config('role', 'shequ_app', true)`);
        return timed(() => tx.execute(sql`select code, name, kind from divisions where parent_code = ${street} order by code`));
      });
      const b = await database.db.transaction(async (tx) =>
        timed(() => tx.execute(sql`select code, name, kind from divisions where tenant_id = '4401' and parent_code = ${street} order by code`)),
      );
      if (i >= 50) {
        rls.push(a);
        owner.push(b);
      }
    }
    figures.push({ issue: 2, figure: 'RLS-enforced query (99 rows of one street), p50', value: p50(rls), baseline: p50(owner), unit: 'ms', ratio: p50(rls) / p50(owner), goal: '<= 1.1x explicit WHERE tenant_id as owner', pass: p50(rls) / p50(owner) <= 1.1 });

    await database.dispose();
    return figures;
  },
};
