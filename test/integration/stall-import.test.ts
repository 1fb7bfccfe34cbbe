import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { measureStall } from '../support/stall.js';

/** Generous for a loaded 2-core CI box: before issue #18 the 60,610-row import held the event loop 8 s on PGlite. */
const MAX_GAP_MS = 2500;

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
});

afterAll(async () => {
  await h?.close();
});

/** 10 districts, 600 streets, 60,000 communities: the 60,610 rows of the issue. */
function cityCsv(): string {
  const lines = ['code,name'];
  for (let d = 1; d <= 10; d++) {
    const county = `4401${String(d).padStart(2, '0')}`;
    lines.push(`${county},第${d}区`);
    for (let s = 1; s <= 60; s++) {
      const street = `${county}${String(s).padStart(3, '0')}`;
      lines.push(`${street},第${d}区第${s}街道`);
      for (let v = 1; v <= 100; v++) lines.push(`${street}${String(v).padStart(3, '0')},第${d}-${s}-${v}社区居委会`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('a big division import (issue #18 §1)', () => {
  it('streams its NDJSON progress during the work, /health answering and the event loop turning between chunks', async () => {
    const csv = cityCsv();
    const admin = await h.cityToken('4401');
    const { result: lines, elapsedMs, maxTimerGapMs, slowestProbeMs, probes } = await measureStall(async () => {
      const started = performance.now();
      const res = await h.request('POST', '/v1/divisions/import', { token: admin, body: csv, contentType: 'text/csv', headers: { accept: 'application/x-ndjson' } });
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      const received: { at: number; line: Record<string, any> }[] = [];
      let buffered = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += value;
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        for (const part of parts) received.push({ at: performance.now() - started, line: JSON.parse(part) as Record<string, any> });
      }
      return received;
    }, async () => h.request('GET', '/health'));
    const writing = lines.filter((l) => l.line.progress?.phase === 'writing');
    const report = lines.at(-1)!;
    console.log(`60,610-row import (${process.env.TEST_DATABASE_DRIVER ?? 'pglite'}): ${elapsedMs.toFixed(0)} ms, first line at ${lines[0]!.at.toFixed(0)} ms, ${writing.length} writing lines, longest timer gap ${maxTimerGapMs.toFixed(0)} ms, slowest of ${probes} /health ${slowestProbeMs.toFixed(0)} ms`);
    expect(report.line.report).toMatchObject({ rows: 60_610, created: 60_610 });
    expect(writing.length).toBeGreaterThanOrEqual(10);
    expect(lines[0]!.line.progress).toMatchObject({ phase: 'checked', rows: 60_610 });
    expect(lines[0]!.at).toBeLessThan(report.at / 2);
    expect(writing[0]!.at).toBeLessThan(report.at / 2);
    expect(maxTimerGapMs).toBeLessThan(MAX_GAP_MS);
    expect(probes).toBeGreaterThanOrEqual(2);
    expect(slowestProbeMs).toBeLessThan(MAX_GAP_MS);
    const [stored] = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from divisions where tenant_id = '4401'`);
    expect(stored!.n).toBe(60_611);
  });
});
