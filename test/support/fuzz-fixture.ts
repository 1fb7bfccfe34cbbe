import { readFileSync } from 'node:fs';
import type { Role } from '../../shared/auth/principal.js';
import { sql, type Harness } from './harness.js';
import { matrixEntries, type MatrixFixture } from './matrix/index.js';
import { operationsOf, ValuePool, type FuzzRequest, type OpenApiDocument } from './openapi-requests.js';

export interface Caller {
  role: Role;
  token: string;
}

/** Two onboarded cities with their division lists, every matrix entry's setup data, two spare cities to offboard. */
export interface FuzzFixture {
  doc: OpenApiDocument;
  pool: ValuePool;
  callers: Caller[];
  /** Puts the fixture back after a request that deactivated or offboarded one of its cities; true if it had to. */
  repair(): Promise<boolean>;
}

const fixtureCities = [
  { code: '4401', name: '广州市', csv: 'divisions-4401.csv' },
  { code: '4403', name: '深圳市', csv: 'divisions-4403.csv' },
] as const;
const spareCities = [
  { code: '4405', name: '汕头市' },
  { code: '4406', name: '佛山市' },
] as const;

export async function buildFuzzFixture(h: Harness): Promise<FuzzFixture> {
  const pool = new ValuePool();
  const seed = async () => {
    const admins: Record<string, string> = {};
    let cityAIsNew = false;
    for (const city of fixtureCities) {
      const [existing] = await h.asOwner<{ status: string }>(sql`select status from tenants where code = ${city.code}`);
      admins[city.code] = await h.cityToken(city.code);
      if (existing) continue;
      await h.onboard(city.code, city.name);
      cityAIsNew ||= city.code === '4401';
      const res = await h.request('POST', '/v1/divisions/import', { token: admins[city.code], body: readFileSync(`test/fixtures/${city.csv}`, 'utf8'), contentType: 'text/csv' });
      if (res.status !== 200) throw new Error(`fixture import of ${city.code} failed: ${res.status} ${await res.text()}`);
    }
    if (!cityAIsNew) return;
    const fx: MatrixFixture = {
      h,
      cityA: { code: '4401', adminToken: admins['4401']!, ids: {} },
      cityB: { code: '4403', adminToken: admins['4403']! },
      provinceToken: await h.provinceToken(),
    };
    for (const entry of matrixEntries) {
      try {
        Object.assign(fx.cityA.ids, (await entry.setup?.(fx)) ?? {});
      } catch (error) {
        console.warn(`fuzz fixture: the matrix setup of ${entry.method} ${entry.route} failed, so its ids come only from responses: ${(error as Error).message.slice(0, 200)}`);
      }
    }
    for (const [key, value] of Object.entries(fx.cityA.ids)) {
      pool.add(key, value);
      // `workingCommitteeId` → `working-committees:id`, so `/working-committees/{workingCommitteeId}` gets real ids even where no list returns them
      if (/^[a-z][A-Za-z]*Id$/.test(key)) pool.add(`${key.slice(0, -2).replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}s:id`, value);
    }
    const divisions = await h.request('GET', '/v1/divisions?limit=1000', { token: admins['4401'] });
    pool.harvest(await divisions.json());
  };
  await seed();
  for (const city of spareCities) await h.onboard(city.code, city.name);
  for (const city of [...fixtureCities, ...spareCities]) pool.add('code', city.code);
  const doc = (await (await h.request('GET', '/openapi.json')).json()) as OpenApiDocument;
  const lists = operationsOf(doc).filter((op) => op.method === 'GET' && op.pathParams.length === 0 && op.secured);
  const listers = [await h.cityToken('4401'), await h.provinceToken()];
  for (const op of lists) {
    for (const listToken of listers) {
      const res = await h.request('GET', op.path, { token: listToken });
      if (res.status === 200 && res.headers.get('content-type')?.includes('json')) pool.harvestResponse(op, await res.json());
    }
  }

  const callers: Caller[] = [
    { role: 'province_admin', token: await h.provinceToken('province_admin') },
    { role: 'city_admin', token: await h.cityToken('4401', 'city_admin') },
    { role: 'district_officer', token: await h.cityToken('4401', 'district_officer', '440103') },
    { role: 'street_officer', token: await h.cityToken('4401', 'street_officer', '440103001') },
    { role: 'committee_member', token: await h.cityToken('4401', 'committee_member', '440103001001') },
    { role: 'auditor', token: await h.cityToken('4401', 'auditor') },
  ];

  const repair = async () => {
    const rows = await h.asOwner<{ code: string; status: string }>(sql`select code, status from tenants where code in ('4401', '4403')`);
    const inactive = rows.filter((r) => r.status !== 'active');
    if (rows.length === fixtureCities.length && inactive.length === 0) return false;
    const province = await h.provinceToken();
    for (const row of inactive) await h.request('POST', `/v1/tenants/${row.code}/activate`, { token: province });
    if (rows.length < fixtureCities.length) await seed();
    return true;
  };
  return { doc, pool, callers, repair };
}

export function sendFuzzRequest(h: Harness, req: FuzzRequest, token: string | undefined): Promise<Response> {
  const headers = { ...req.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body;
  return Promise.resolve(h.app.request(req.path, { method: req.method, headers, body }));
}

export function describeRequest(req: FuzzRequest, role: string): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${cut(JSON.stringify(v), 60)}`).join(', ');
  return `[${role}] ${req.method} ${cut(req.path, 160)}${headers ? ` {${headers}}` : ''}${req.body !== undefined ? ` body=${cut(JSON.stringify(req.body), 300)}` : ''} (${req.kind})`;
}

/**
 * Proves that a request wrote nothing without counting every table around every request: the server's next
 * transaction id only moves when a transaction took an id, which any write does (committed or rolled back).
 * Only when it moved are the tables read: row counts against the last snapshot, and rows stamped by the new ids.
 */
export class WriteDetector {
  private counts: Record<string, number> = {};
  private xmax = 0n;

  private constructor(private readonly h: Harness, private readonly tables: string[]) {}

  static async start(h: Harness): Promise<WriteDetector> {
    const tables = await h.asOwner<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const detector = new WriteDetector(h, tables.map((t) => t.table_name));
    await detector.snapshot();
    return detector;
  }

  private async nextXid(): Promise<bigint> {
    const [row] = await this.h.asOwner<{ x: string }>(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`);
    return BigInt(row!.x);
  }

  private async state(since: bigint): Promise<{ counts: Record<string, number>; stamped: Record<string, number> }> {
    const low = Number(since & 0xffffffffn);
    const parts = this.tables.map(
      (t) => `select '${t}' as t, count(*)::int as n, (count(*) filter (where xmin::text::bigint >= ${low}))::int as s from "${t}"`,
    );
    const rows = await this.h.asOwner<{ t: string; n: number; s: number }>(sql.raw(parts.join(' union all ')));
    return { counts: Object.fromEntries(rows.map((r) => [r.t, r.n])), stamped: Object.fromEntries(rows.filter((r) => r.s > 0).map((r) => [r.t, r.s])) };
  }

  async snapshot(): Promise<void> {
    this.xmax = await this.nextXid();
    this.counts = (await this.state(this.xmax)).counts;
  }

  /** The tables whose rows changed since the last call (or snapshot), empty when none did. */
  async changes(): Promise<string[]> {
    const since = this.xmax;
    const now = await this.nextXid();
    if (now === since) return [];
    const { counts, stamped } = await this.state(since);
    const changed = new Set(Object.keys(stamped));
    for (const t of this.tables) if (counts[t] !== this.counts[t]) changed.add(t);
    this.counts = counts;
    this.xmax = now;
    return [...changed].sort();
  }
}
