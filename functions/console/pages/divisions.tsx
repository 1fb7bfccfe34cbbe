import { Hono } from 'hono';
import { raw } from 'hono/html';
import { hasRole } from '../../../shared/auth/principal.js';
import { divisionImporters, kindLabels, levelLabels, unitLevelLabel, type DivisionLevel } from '../../../shared/hierarchy/rules.js';
import type { DivisionView, ImportReport } from '../../../shared/hierarchy/schemas.js';
import { query } from '../api.js';
import { page } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { Alert, Csrf, Field, Layout, num } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';
import type { Problem } from '../api.js';

const prefixLengths = [4, 6, 9];

/** A unit's children page by page on the server (keyset, in code order), as every list over 20 rows does. */
const CHILDREN_PER_PAGE = 20;

export function divisionPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/divisions', async (c) => {
    const { principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const q = (c.req.query('q') ?? '').trim();
    const parent = c.req.query('parent') ?? principal.unit;
    const cursor = c.req.query('cursor');
    const searchForm = (
      <form method="get" action="/console/divisions" class="card actions" role="search">
        <div class="field" style="flex:1;min-width:220px">
          <label for="q">按名称或代码查找</label>
          <input id="q" name="q" value={q} placeholder="名称中的字，或 4–12 位代码" />
        </div>
        <button type="submit">查找</button>
        {hasRole(principal, divisionImporters) ? (
          <a class="button secondary" href="/console/divisions/import">
            导入区划代码
          </a>
        ) : null}
      </form>
    );
    if (q) {
      const found: DivisionView[] = [];
      let problem: Problem | undefined;
      if (/^\d{4,12}$/.test(q)) {
        const one = await api.get<DivisionView>(`/v1/divisions/${q}`);
        if (one.ok) found.push(one.data);
        else if (one.status !== 404) problem = one.problem;
      } else {
        const list = await api.get<{ items: DivisionView[] }>(`/v1/divisions${query({ q, limit: 200 })}`);
        if (list.ok) found.push(...list.data.items);
        else problem = list.problem;
      }
      return render(
        '行政区划',
        <>
          {searchForm}
          {problem ? <Alert kind="error">{fieldErrors(problem)['q'] ?? problemText(problem)}</Alert> : null}
          <h2>查找“{q}”的结果：{found.length} 条</h2>
          <DivisionTable items={found} />
        </>,
      );
    }
    const [current, children] = await Promise.all([
      api.must<DivisionView>(`/v1/divisions/${parent}`).catch(() => undefined),
      api.get<{ items: DivisionView[]; nextCursor: string | null }>(`/v1/divisions${query({ parent, limit: CHILDREN_PER_PAGE, cursor })}`),
    ]);
    const crumbs = await Promise.all(
      prefixLengths
        .filter((n) => n < parent.length && n >= principal.unit.length)
        .map((n) => api.get<DivisionView>(`/v1/divisions/${parent.slice(0, n)}`)),
    );
    if (!current && (!children.ok || children.data.items.length === 0)) {
      return render(
        '行政区划',
        <>
          {searchForm}
          <Alert kind="info">尚无区划数据。{hasRole(principal, divisionImporters) ? '请先导入本市统计用区划代码。' : '请联系市民政局导入区划代码。'}</Alert>
        </>,
      );
    }
    return render(
      '行政区划',
      <>
        {searchForm}
        <nav aria-label="层级导航" class="muted">
          {crumbs.map((r) =>
            r.ok ? (
              <>
                <a href={`/console/divisions${query({ parent: r.data.code })}`}>{r.data.name}</a> ›{' '}
              </>
            ) : null,
          )}
          <strong>{current?.name ?? parent}</strong>
        </nav>
        {current ? (
          <p>
            {current.name} <small class="muted">{current.code}</small> · {unitLevelLabel(current.level, current.kind)}
            {current.level === 'village' ? (
              <>
                {' '}
                <a href={`/console/communities/${current.code}`}>打开社区页面</a>
              </>
            ) : null}
          </p>
        ) : null}
        {children.ok ? (
          <>
            <h2>下级区划（{children.data.items.length}{children.data.nextCursor ? '+' : ''}）</h2>
            <DivisionTable items={children.data.items} />
            {cursor || children.data.nextCursor ? (
              <nav class="pager" aria-label="分页">
                {cursor ? <a href={`/console/divisions${query({ parent })}`}>« 第一页</a> : null}
                {children.data.nextCursor ? <a href={`/console/divisions${query({ parent, cursor: children.data.nextCursor })}`}>下一页 ›</a> : null}
              </nav>
            ) : null}
          </>
        ) : (
          <Alert kind="error">{problemText(children.problem)}</Alert>
        )}
      </>,
    );
  });

  app.get('/divisions/import', (c) => {
    const { session, render } = page(c, options);
    return render(
      '导入统计用区划代码',
      <>
        <p>
          上传国家统计局公布的本市统计用区划代码 CSV（表头 <code>统计用区划代码,名称</code> 或 <code>code,name</code>）。UTF-8 或 GBK 编码均可（Excel 另存的 CSV）。导入为“全部成功或全部不写入”：任何一行有误，整份名单不写入并逐行列出问题；重复导入同一份名单不会改变数据。
        </p>
        <form class="stack card" method="post" action="/console/divisions/import" enctype="multipart/form-data">
          <Csrf session={session} />
          <Field name="file" label="区划代码文件（CSV，UTF-8）" type="file" required attrs={{ accept: '.csv,text/csv' }} />
          <div class="actions">
            <button type="submit">开始导入</button>
          </div>
        </form>
      </>,
    );
  });

  app.post('/divisions/import', async (c) => {
    const { session, api, render } = page(c, options);
    const body = await c.req.parseBody();
    const file = body['file'];
    // the file's bytes go to the API as they are: it decodes UTF-8 or GB18030 (Excel on Chinese Windows), file.text() would garble GBK
    const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    if (bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
      return render(
        '导入统计用区划代码',
        <form class="stack card" method="post" action="/console/divisions/import" enctype="multipart/form-data">
          <Csrf session={session} />
          <Field name="file" label="区划代码文件（CSV，UTF-8）" type="file" required error="请选择一个非空的 CSV 文件" attrs={{ accept: '.csv,text/csv' }} />
          <div class="actions">
            <button type="submit">开始导入</button>
          </div>
        </form>,
        400,
      );
    }
    const nonce = c.get('secureHeadersNonce');
    const response = await api.raw('POST', '/v1/divisions/import', new Blob([bytes]), { 'content-type': 'text/csv', accept: 'application/x-ndjson' });
    const marker = '<!--progress-stream-->';
    const frame = String(
      await (
        <Layout title="导入统计用区划代码" session={session} current="/console/divisions/import" provinceName={options.provinceName}>
          <div class="card" aria-live="polite">
            <p id="import-status">正在校验 {num(bytes.filter((b) => b === 0x0a).length)} 行…</p>
            <progress id="import-progress" max={1} value={0} aria-label="导入进度"></progress>
          </div>
          <script nonce={nonce}>{raw(progressScript)}</script>
          {raw(marker)}
        </Layout>
      ),
    );
    const [head, tail] = frame.split(marker) as [string, string];
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const write = (html: string) => controller.enqueue(encoder.encode(html));
        write(head);
        if (!response.ok || !response.body) {
          const problem = (await response.json().catch(() => ({ code: 'internal', status: response.status }))) as Problem;
          write(String(await (<ImportProblem problem={problem} />)));
        } else {
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffered = '';
          for (;;) {
            const { done, value } = await reader.read();
            if (value) buffered += value;
            let newline: number;
            while ((newline = buffered.indexOf('\n')) >= 0) {
              const line = buffered.slice(0, newline);
              buffered = buffered.slice(newline + 1);
              if (line.trim()) write(await renderImportLine(JSON.parse(line) as ImportLine, nonce));
            }
            if (done) break;
          }
        }
        write(tail);
        controller.close();
      },
    });
    return c.body(stream, 200, { 'content-type': 'text/html; charset=utf-8' });
  });

  return app;
}

type ImportLine =
  | { progress: { phase: 'checked'; rows: number; toWrite: number } | { phase: 'writing' | 'committing'; written: number; toWrite: number } }
  | { report: ImportReport }
  | { problem: Problem };

const progressScript = `function shequProgress(value,max,text){var p=document.getElementById('import-progress');if(p){p.max=Math.max(max,1);p.value=value;}var s=document.getElementById('import-status');if(s)s.textContent=text;}`;

async function renderImportLine(line: ImportLine, nonce: string | undefined): Promise<string> {
  const script = `<script nonce="${escapeHtml(nonce ?? '')}">`;
  if ('progress' in line) {
    const p = line.progress;
    const text =
      p.phase === 'checked'
        ? `校验通过：共 ${num(p.rows)} 行，需写入 ${num(p.toWrite)} 行`
        : p.phase === 'writing'
          ? `已写入 ${num(p.written)} / ${num(p.toWrite)} 行`
          : `正在提交（${num(p.written)} 行）…`;
    const value = p.phase === 'checked' ? 0 : p.written;
    return `<p class="muted progress-line">${escapeHtml(text)}</p>${script}shequProgress(${value},${p.toWrite},${JSON.stringify(text)})</script>\n`;
  }
  if ('report' in line) return `${String(await (<ImportResult report={line.report} />))}${script}shequProgress(1,1,"导入完成")</script>`;
  return `${String(await (<ImportProblem problem={line.problem} />))}${script}shequProgress(0,1,"导入未完成，未写入任何数据")</script>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const ImportResult = ({ report }: { report: ImportReport }) => (
  <section aria-labelledby="h-import-report">
    <Alert kind="ok">
      <strong id="h-import-report">导入完成</strong>：读取 {num(report.rows)} 行，新增 {num(report.created)}，更新 {num(report.updated)}，未变化 {num(report.unchanged)}
      {report.heldByPlans ? `，另有 ${num(report.heldByPlans)} 个社区以已批准的调整方案为准未覆盖` : ''}。
    </Alert>
    <div class="table-wrap">
      <table>
        <caption>按层级</caption>
        <thead>
          <tr>
            <th scope="col">层级</th>
            <th scope="col" class="num">新增</th>
            <th scope="col" class="num">更新</th>
            <th scope="col" class="num">未变化</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.byLevel).map(([level, n]) => (
            <tr>
              <th scope="row">{levelLabels[level as DivisionLevel] ?? level}</th>
              <td class="num">{num(n.created)}</td>
              <td class="num">{num(n.updated)}</td>
              <td class="num">{num(n.unchanged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <a class="button" href="/console/divisions">
      查看行政区划
    </a>
  </section>
);

const ImportProblem = ({ problem }: { problem: Problem }) => (
  <section>
    <Alert kind="error">{problemText(problem)}</Alert>
    {problem.rows?.length ? (
      <div class="table-wrap">
        <table>
          <caption>逐行问题（共 {problem.rows.length} 处）</caption>
          <thead>
            <tr>
              <th scope="col" class="num">行</th>
              <th scope="col">代码</th>
              <th scope="col">字段</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {problem.rows.slice(0, 500).map((r) => (
              <tr>
                <td class="num">{r.row}</td>
                <td>{r.code ?? ''}</td>
                <td>{r.field}</td>
                <td>{(r.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : null}
    <a class="button" href="/console/divisions/import">
      重新选择文件
    </a>
  </section>
);

export const DivisionTable = ({ items }: { items: DivisionView[] }) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">代码</th>
          <th scope="col">名称</th>
          <th scope="col">层级</th>
          <th scope="col" class="hide-narrow">类别</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr>
            <td>{d.code}</td>
            <td>
              {d.level === 'village' ? <a href={`/console/communities/${d.code}`}>{d.name}</a> : <a href={`/console/divisions${query({ parent: d.code })}`}>{d.name}</a>}
            </td>
            <td>{unitLevelLabel(d.level, d.kind)}</td>
            <td class="hide-narrow">{d.kind ? kindLabels[d.kind] : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
