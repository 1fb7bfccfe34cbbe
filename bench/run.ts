import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchFigure, BenchSuite } from './types.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    write: { type: 'boolean', default: true },
  },
});
const databaseUrl = process.env.BENCH_DATABASE_URL;

const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.ts')).sort();
const figures: BenchFigure[] = [];
for (const file of files) {
  const { suite } = (await import(`./${file}`)) as { suite: BenchSuite };
  if (values.only && !suite.name.includes(values.only)) continue;
  console.error(`# ${suite.name}`);
  const started = performance.now();
  const results = await suite.run({ databaseUrl, quick: values.quick });
  console.error(`  ${results.length} figure(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  figures.push(...results);
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const header = ['issue', 'figure', 'value', 'baseline', 'unit', 'ratio', 'goal', 'result'];
const rows = figures.map((f) => [`#${f.issue}`, f.figure, fmt(f.value), fmt(f.baseline), f.unit, fmt(f.ratio), f.goal, f.pass ? 'pass' : 'FAIL']);
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const database = databaseUrl ? 'PostgreSQL server (BENCH_DATABASE_URL)' : 'PGlite in memory';
const report = `# Benchmark results\n\nRun ${new Date().toISOString()} on ${machine}; database: ${database}.\nEach figure is measured beside its baseline in the same run; the ratio is what the goal judges.\n\n${table}\n${figures.some((f) => f.note) ? `\n${figures.filter((f) => f.note).map((f) => `- ${f.figure}: ${f.note}`).join('\n')}\n` : ''}`;
console.log(report);
if (values.write && !values.only) {
  mkdirSync(new URL('.', import.meta.url), { recursive: true });
  writeFileSync(new URL(databaseUrl ? './RESULTS.postgres.md' : './RESULTS.md', import.meta.url), report);
}
process.exitCode = figures.every((f) => f.pass) ? 0 : 1;
