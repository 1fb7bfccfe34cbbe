import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem, type } from 'node:os';
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
const failedSuites: string[] = [];
const loadAtStart = loadavg()[0]!;
const runStarted = performance.now();
for (const file of files) {
  const { suite } = (await import(`./${file}`)) as { suite?: BenchSuite };
  if (!suite) {
    failedSuites.push(`${file}: exports no \`suite\``);
    continue;
  }
  if (values.only && !values.only.split(',').some((only) => suite.name.includes(only))) continue;
  console.error(`# ${suite.name} (${file})`);
  const started = performance.now();
  try {
    const results = await suite.run({ databaseUrl, quick: values.quick });
    console.error(`  ${results.length} figure(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    figures.push(...results);
  } catch (error) {
    console.error(`  failed: ${(error as Error).stack ?? error}`);
    failedSuites.push(`${file} (${suite.name}): ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
  }
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const header = ['issue', 'figure', 'value', 'baseline', 'unit', 'ratio', 'goal', 'result'];
const rows = figures.map((f) => [`#${f.issue}`, f.figure, fmt(f.value), fmt(f.baseline), f.unit, fmt(f.ratio), f.goal, f.pass ? 'pass' : 'FAIL']);
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${type()} ${release()} ${arch()}, Node ${process.version}`;
const database = databaseUrl ? 'PostgreSQL server (BENCH_DATABASE_URL)' : 'PGlite in memory';
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
const notes = figures.filter((f) => f.note).map((f) => `- ${f.figure}: ${f.note}`);
const failures = failedSuites.map((f) => `- suite failed: ${f}`);
const report = [
  '# Benchmark results',
  '',
  `Run ${new Date().toISOString()} on ${machine}; database: ${database}; commit ${commit}; ${files.length} suites (${files.join(', ')}) in ${((performance.now() - runStarted) / 60_000).toFixed(1)} min; load average ${loadAtStart.toFixed(2)} at the start.`,
  'Each figure is measured beside its baseline in the same run; the ratio is what the goal judges.',
  '',
  table,
  ...(notes.length || failures.length ? ['', ...notes, ...failures] : []),
  '',
].join('\n');
console.log(report);
if (values.write && !values.only) {
  mkdirSync(new URL('.', import.meta.url), { recursive: true });
  writeFileSync(new URL(databaseUrl ? './RESULTS.postgres.md' : './RESULTS.md', import.meta.url), report);
}
process.exitCode = figures.every((f) => f.pass) && failedSuites.length === 0 ? 0 : 1;
