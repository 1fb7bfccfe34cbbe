import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadEnv } from '../../shared/env.js';
import { decodeCsvBytes } from '../../shared/hierarchy/csv-encoding.js';
import { levelLabels, type DivisionLevel } from '../../shared/hierarchy/rules.js';
import { loadDevIdentity } from './identity.js';

const usage = `usage: npm run import -- <division-list.csv> --tenant 4401 [--url http://127.0.0.1:3000] [--token <JWT>]
Imports a city's official division list (统计用区划代码) into the running stack (\`npm start\`, or --url with --token),
showing the import's progress, then its report. All or nothing: a list with problems writes nothing and lists them.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', default: false } },
});
const file = positionals[0];
if (values.help || !file || (!values.tenant && !values.token)) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
if (values.tenant && !/^[1-9]\d{3}$/.test(values.tenant)) {
  console.error(`--tenant ${values.tenant}: a city code has 4 digits, e.g. 4401`);
  process.exit(2);
}
let bytes: Uint8Array;
try {
  if (!statSync(file).isFile()) throw new Error('not a file');
  bytes = readFileSync(file);
} catch (error) {
  console.error(`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  process.exit(2);
}
// decoded here as the API would (UTF-8 or GB18030 from Excel on Chinese Windows) and sent as UTF-8, which every gateway passes intact
const decoded = decodeCsvBytes(bytes);
if ('problem' in decoded) {
  console.error(`导入未完成，未写入任何数据：${decoded.problem.reason.text('zh')}`);
  process.exit(1);
}
const csv = decoded.text;
if (decoded.encoding !== 'utf-8') console.error(`按 ${decoded.encoding.toUpperCase()} 编码读取 ${file}`);

const env = loadEnv();
const base = values.url ?? `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
const token =
  values.token ??
  (await (await loadDevIdentity(env.DATA_DIR, env.JWT_ISSUER)).issue({ sub: 'import-cli', tenant: values.tenant!, role: 'city_admin', unit: values.tenant! }, { expiresIn: '30m' }));

const tty = process.stderr.isTTY;
const width = 30;
let lastDraw = '';
function draw(done: number, total: number, text: string): void {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${text}`;
  if (line === lastDraw) return;
  lastDraw = line;
  // on a terminal the bar redraws in place; in a log it is one line per step
  process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
}

const rows = csv.split(/\r?\n/).filter((l) => l.trim()).length - 1;
draw(0, 1, `上传并校验 ${rows.toLocaleString('zh-CN')} 行…`);
const started = performance.now();
const response = await fetch(`${base}/v1/divisions/import`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8', accept: 'application/x-ndjson' },
  body: csv,
}).catch((error: unknown) => {
  if (tty) process.stderr.write('\n');
  console.error(`the stack is not reachable at ${base} (${error instanceof Error ? error.message : String(error)}); start it with npm start`);
  process.exit(1);
});

type Line = { progress?: { phase: string; rows?: number; written?: number; toWrite: number }; report?: Record<string, unknown> & { byLevel: Record<string, { created: number; updated: number; unchanged: number }> }; problem?: { code: string; title?: string; detail?: string; rows?: { row: number; code?: string; field: string; reason: string }[]; errors?: { path: string; message: string }[] } };
let outcome: Line | undefined;
if (!response.ok || !response.body) {
  outcome = { problem: (await response.json().catch(() => ({ code: `http_${response.status}` }))) as Line['problem'] };
} else {
  let buffered = '';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as Line;
      buffered = buffered.slice(newline + 1);
      const p = line.progress;
      if (p?.phase === 'checked') draw(0, p.toWrite, `校验通过，需写入 ${p.toWrite.toLocaleString('zh-CN')} 行`);
      else if (p?.phase === 'writing') draw(p.written ?? 0, p.toWrite, `已写入 ${(p.written ?? 0).toLocaleString('zh-CN')} / ${p.toWrite.toLocaleString('zh-CN')} 行`);
      else if (p?.phase === 'committing') draw(p.toWrite, p.toWrite, '提交中…');
      else outcome = line;
    }
  }
}
if (tty) process.stderr.write('\n');
const seconds = ((performance.now() - started) / 1000).toFixed(1);

if (outcome?.report) {
  const r = outcome.report;
  console.log(`导入完成（${seconds} s）：读取 ${r.rows} 行，新增 ${r.created}，更新 ${r.updated}，未变化 ${r.unchanged}${r.heldByPlans ? `，以已批准调整方案为准未覆盖 ${r.heldByPlans}` : ''}`);
  console.table(Object.fromEntries(Object.entries(r.byLevel).map(([level, n]) => [levelLabels[level as DivisionLevel] ?? level, { 新增: n.created, 更新: n.updated, 未变化: n.unchanged }])));
  process.exit(0);
}
const problem = outcome?.problem;
console.error(`导入未完成，未写入任何数据：${problem?.title ?? problem?.code ?? 'no answer'}${problem?.detail ? ` (${problem.detail})` : ''}`);
for (const r of (problem?.rows ?? []).slice(0, 50)) console.error(`  第 ${r.row} 行 ${r.code ?? ''} ${r.field}: ${r.reason}`);
if ((problem?.rows?.length ?? 0) > 50) console.error(`  … and ${problem!.rows!.length - 50} more`);
for (const e of problem?.errors ?? []) console.error(`  ${e.path}: ${e.message}`);
process.exit(1);
