import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kindLabels, levelLabels, type DivisionKind, type DivisionLevel } from '../../../shared/hierarchy/rules.js';
import { describeProblem, type DemoClient, type Problem } from './client.js';

/**
 * Onboards real cities of Guangdong and imports their official division lists (统计用区划代码, db/seed/divisions/<code>.csv).
 * A city already onboarded with its divisions is left as it is.
 */

export const demoCities = [
  { code: '4419', name: '东莞市', note: '不设区的市: streets and towns sit directly under the city' },
  { code: '4404', name: '珠海市', note: 'three districts: 香洲区, 斗门区, 金湾区' },
  { code: '4420', name: '中山市', note: '不设区的市: streets and towns sit directly under the city' },
] as const;
export type DemoCity = (typeof demoCities)[number];

const seedDir = fileURLToPath(new URL('../../../db/seed/divisions/', import.meta.url));

type Counts = { created: number; updated: number; unchanged: number };
interface ImportReport { rows: number; cityRows: number; created: number; updated: number; unchanged: number; byLevel: Record<string, Counts>; byKind: Record<string, Counts> }
interface Summary { code: string; name: string; total: number; byLevel: Record<string, number>; byKind: Record<string, number> }

const levelOrder: DivisionLevel[] = ['county', 'township', 'village'];
const kindOrder = Object.keys(kindLabels) as DivisionKind[];
const levelName = (l: string) => `${levelLabels[l as DivisionLevel] ?? l} ${l}`;
const kindName = (k: string) => `${kindLabels[k as DivisionKind] ?? k} ${k}`;
const ordered = <T extends string>(keys: string[], order: readonly T[]) =>
  [...keys].sort((a, b) => (order.indexOf(a as T) + 1 || 99) - (order.indexOf(b as T) + 1 || 99));

function outcome(c: Counts): string {
  return (['created', 'updated', 'unchanged'] as const).filter((k) => c[k] > 0).map((k) => `${k} ${c[k]}`).join(', ') || 'nothing';
}

export async function onboardCity(client: DemoClient, city: DemoCity, log: (line: string) => void): Promise<void> {
  const onboard = await client.call<Problem>('POST', '/v1/tenants', { token: await client.province(), json: { code: city.code, name: city.name } });
  if (onboard.status === 201) log('  tenant: onboarded now');
  else if (onboard.status === 409 && onboard.body?.code === 'tenant_exists') log('  tenant: already onboarded');
  else throw describeProblem(`onboarding ${city.code}`, onboard.status, onboard.body);

  const file = `${seedDir}${city.code}.csv`;
  const token = await client.city(city.code);
  if (onboard.status === 409) {
    // importing again would change no division, but would still be recorded as an import: leave a filled city alone
    const existing = await client.call<Summary>('GET', `/v1/divisions/${city.code}/summary`, { token });
    if (existing.status === 200 && existing.body.total > 0) {
      log(`  divisions: already imported (${existing.body.total} below the city)`);
      return;
    }
  }
  const imported = await client.call<ImportReport>('POST', '/v1/divisions/import', { token, csv: readFileSync(file, 'utf8') });
  if (imported.status !== 200) throw describeProblem(`importing ${file}`, imported.status, imported.body);
  const r = imported.body;
  log(`  import db/seed/divisions/${city.code}.csv: ${r.rows} rows (${r.cityRows} restating the city) → created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}`);
  log(`    by level: ${ordered(Object.keys(r.byLevel), levelOrder).map((l) => `${levelName(l)} ${outcome(r.byLevel[l]!)}`).join(' · ')}`);
  log(`    by kind:  ${ordered(Object.keys(r.byKind), kindOrder).map((k) => `${kindName(k)} ${outcome(r.byKind[k]!)}`).join(' · ')}`);

  const summary = await client.call<Summary>('GET', `/v1/divisions/${city.code}/summary`, { token });
  if (summary.status !== 200) throw describeProblem(`summary of ${city.code}`, summary.status, summary.body);
  const s = summary.body;
  log(`  summary ${s.name} ${s.code}: ${s.total} divisions below the city`);
  log(`    by level: ${ordered(Object.keys(s.byLevel), levelOrder).map((l) => `${levelLabels[l as DivisionLevel] ?? l} ${s.byLevel[l]}`).join(' · ')}`);
  log(`    by kind:  ${ordered(Object.keys(s.byKind), kindOrder).map((k) => `${kindLabels[k as DivisionKind] ?? k} ${s.byKind[k]}`).join(' · ')}`);
}
