import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { claimsSchema } from '../../shared/auth/principal.js';
import { loadEnv } from '../../shared/env.js';
import { kindLabels, levelLabels, type DivisionKind, type DivisionLevel } from '../../shared/hierarchy/rules.js';
import { loadDevIdentity, type DevClaims, type DevIdentity } from './identity.js';

/**
 * Onboards real cities of Guangdong on a running local stack and imports their official division lists
 * (统计用区划代码, db/seed/divisions/<code>.csv), then prints what the import did and the city's summary.
 * Safe to run again: an onboarded city is left as it is and a second import reports every row unchanged.
 */

const usage = `usage: npm run demo [-- --url http://localhost:3000] [--city 4419,4404]
  Needs a running local stack (npm start) and the same DATA_DIR, so that the dev signing key matches.`;

/** The cities the demo brings in, with their seed lists (see db/seed/divisions/SOURCES.md). */
const demoCities = [
  { code: '4419', name: '东莞市', note: '不设区的市: streets and towns sit directly under the city' },
  { code: '4404', name: '珠海市', note: 'three districts: 香洲区, 斗门区, 金湾区' },
  { code: '4420', name: '中山市', note: '不设区的市: streets and towns sit directly under the city' },
] as const;

const seedDir = fileURLToPath(new URL('../../db/seed/divisions/', import.meta.url));

interface Problem {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  rows?: Array<{ row: number; code?: string; field: string; reason: string }>;
}
type Counts = { created: number; updated: number; unchanged: number };
interface ImportReport {
  rows: number;
  cityRows: number;
  created: number;
  updated: number;
  unchanged: number;
  byLevel: Record<string, Counts>;
  byKind: Record<string, Counts>;
}
interface Summary {
  code: string;
  name: string;
  level: string;
  total: number;
  byLevel: Record<string, number>;
  byKind: Record<string, number>;
}

class DemoError extends Error {}

const levelOrder: DivisionLevel[] = ['county', 'township', 'village'];
const kindOrder = Object.keys(kindLabels) as DivisionKind[];
const levelName = (l: string) => `${levelLabels[l as DivisionLevel] ?? l} ${l}`;
const kindName = (k: string) => `${kindLabels[k as DivisionKind] ?? k} ${k}`;
const ordered = <T extends string>(keys: string[], order: readonly T[]) =>
  [...keys].sort((a, b) => (order.indexOf(a as T) + 1 || 99) - (order.indexOf(b as T) + 1 || 99));

function outcome(c: Counts): string {
  return (['created', 'updated', 'unchanged'] as const)
    .filter((k) => c[k] > 0)
    .map((k) => `${k} ${c[k]}`)
    .join(', ') || 'nothing';
}

function describeProblem(what: string, status: number, body: unknown): DemoError {
  const p = (body ?? {}) as Problem;
  const lines = [`${what} failed: HTTP ${status}${p.code ? ` ${p.code}` : ''}${p.title ? ` (${p.title})` : ''}${p.detail ? `: ${p.detail}` : ''}`];
  for (const r of (p.rows ?? []).slice(0, 10)) lines.push(`    row ${r.row}${r.code ? ` ${r.code}` : ''} ${r.field}: ${r.reason}`);
  if ((p.rows?.length ?? 0) > 10) lines.push(`    … and ${p.rows!.length - 10} more`);
  if (status === 401) lines.push('  The stack rejected the demo token: run the demo with the same DATA_DIR (and JWT_ISSUER) as the stack.');
  return new DemoError(lines.join('\n'));
}

async function call(base: string, method: string, path: string, init: { token?: string; json?: unknown; csv?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.csv !== undefined) {
    headers['content-type'] = 'text/csv; charset=utf-8';
    body = init.csv;
  }
  let res: Response;
  try {
    res = await fetch(new URL(path, base), { method, headers, body, signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DemoError(`cannot reach the local stack at ${base} (${cause?.code ?? cause?.message ?? (error as Error).message}).\n` +
      '  Start it with npm start (or pass --url to point at a stack that is running).');
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

/** Fails early, with a clear message, when nothing listens at the URL or it is not this stack with this signing key. */
async function checkStack(base: string, identity: DevIdentity, dataDir: string): Promise<void> {
  const health = await call(base, 'GET', '/health');
  if (health.status !== 200) throw new DemoError(`the stack at ${base} is not healthy: HTTP ${health.status} ${JSON.stringify(health.body)}`);
  const jwks = await call(base, 'GET', '/.well-known/jwks.json');
  const served = ((jwks.body as { keys?: Array<{ kid?: string }> } | undefined)?.keys ?? []).map((k) => k.kid);
  const mine = identity.publicJwks.keys.map((k) => k.kid);
  if (jwks.status === 200 && !mine.some((kid) => served.includes(kid))) {
    throw new DemoError(`the stack at ${base} signs with key ${served.join(', ') || '(none)'}, but ${dataDir} holds key ${mine.join(', ')}.\n` +
      '  Run the demo with the DATA_DIR the stack was started with, e.g. DATA_DIR=/tmp/demo-data npm run demo -- --url http://localhost:3100');
  }
}

async function mint(identity: DevIdentity, claims: DevClaims): Promise<string> {
  const checked = claimsSchema.parse(claims);
  return identity.issue(checked as DevClaims, { expiresIn: '15m' });
}

async function demoCity(base: string, identity: DevIdentity, provinceToken: string, city: (typeof demoCities)[number]): Promise<void> {
  console.log(`\n${city.name} ${city.code} — ${city.note}`);

  const onboard = await call(base, 'POST', '/v1/tenants', { token: provinceToken, json: { code: city.code, name: city.name } });
  if (onboard.status === 201) console.log('  tenant: onboarded now');
  else if (onboard.status === 409 && (onboard.body as Problem | undefined)?.code === 'tenant_exists') console.log('  tenant: already onboarded');
  else throw describeProblem(`onboarding ${city.code}`, onboard.status, onboard.body);

  const file = `${seedDir}${city.code}.csv`;
  const csv = readFileSync(file, 'utf8');
  const cityToken = await mint(identity, { sub: `demo-city-admin-${city.code}`, tenant: city.code, role: 'city_admin', unit: city.code });
  const imported = await call(base, 'POST', '/v1/divisions/import', { token: cityToken, csv });
  if (imported.status !== 200) throw describeProblem(`importing ${file}`, imported.status, imported.body);
  const r = imported.body as ImportReport;
  console.log(`  import db/seed/divisions/${city.code}.csv: ${r.rows} rows (${r.cityRows} restating the city) → ` +
    `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}`);
  console.log(`    by level: ${ordered(Object.keys(r.byLevel), levelOrder).map((l) => `${levelName(l)} ${outcome(r.byLevel[l]!)}`).join(' · ')}`);
  console.log(`    by kind:  ${ordered(Object.keys(r.byKind), kindOrder).map((k) => `${kindName(k)} ${outcome(r.byKind[k]!)}`).join(' · ')}`);

  const summary = await call(base, 'GET', `/v1/divisions/${city.code}/summary`, { token: cityToken });
  if (summary.status !== 200) throw describeProblem(`summary of ${city.code}`, summary.status, summary.body);
  const s = summary.body as Summary;
  const levels = ordered(Object.keys(s.byLevel), levelOrder).map((l) => `${levelLabels[l as DivisionLevel] ?? l} ${s.byLevel[l]}`);
  const kinds = ordered(Object.keys(s.byKind), kindOrder).map((k) => `${kindLabels[k as DivisionKind] ?? k} ${s.byKind[k]}`);
  console.log(`  summary ${s.name} ${s.code}: ${s.total} divisions below the city`);
  console.log(`    by level: ${levels.join(' · ')}`);
  console.log(`    by kind:  ${kinds.join(' · ')}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, city: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const env = loadEnv();
  const base = values.url ?? `http://localhost:${env.PORT}`;
  const wanted = values.city ? values.city.split(',').map((c) => c.trim()) : demoCities.map((c) => c.code);
  const unknown = wanted.filter((c) => !demoCities.some((d) => d.code === c));
  if (unknown.length) {
    console.error(`no seed list for ${unknown.join(', ')}; the demo knows ${demoCities.map((c) => `${c.code} ${c.name}`).join(', ')}\n${usage}`);
    return 2;
  }

  const identity = await loadDevIdentity(env.DATA_DIR, env.JWT_ISSUER);
  await checkStack(base, identity, env.DATA_DIR);
  console.log(`shequ demo against ${base} (province ${env.PROVINCE_CODE} ${env.PROVINCE_NAME})`);
  const provinceToken = await mint(identity, { sub: 'demo-province-admin', scope: 'province', role: 'province_admin', unit: env.PROVINCE_CODE });
  let failed = 0;
  for (const city of demoCities.filter((c) => wanted.includes(c.code))) {
    try {
      await demoCity(base, identity, provinceToken, city);
    } catch (error) {
      if (!(error instanceof DemoError)) throw error;
      failed += 1;
      console.error(`  ${error.message}`);
      if (error.message.startsWith('cannot reach')) break;
    }
  }
  console.log(failed ? `\n${failed} city(ies) failed` : '\ndone');
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof DemoError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
}
