import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNamesNotCodes, checkNoAsciiMessages, checkNoRawValues, checkTableColumns, confirmBeforeIrreversible } from './checks.js';
import { browserAvailable, CHROMIUM } from './support.js';

// The walk's checks against pages made to fail them, and the same pages put right: a check that cannot fail proves nothing.
const codes = new Set(['441900003001', '441900003', '4419']);
const shell = (body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面 · 社区建设工作台</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{margin:0;font:15px sans-serif}.table-wrap{overflow-x:auto}.clip{overflow:hidden}.muted{color:#666}th,td{white-space:nowrap}.narrow-hide{display:none}</style></head>
<body><main><h1>页面</h1>${body}</main></body></html>`;
const wide = (cells: number) => `<table><thead><tr>${Array.from({ length: cells }, (_, i) => `<th>很长的列标题第${i}列很长的列标题</th>`).join('')}</tr></thead><tbody><tr>${Array.from({ length: cells }, (_, i) => `<td>数值${i}数值数值数值</td>`).join('')}</tr></tbody></table>`;

describe.skipIf(!browserAvailable)('the walk’s checks find what they look for', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  const at = async (body: string) => page.setContent(shell(body));

  it('an English message, or English inside a Chinese one, is found; a Chinese one with a unit name is not', async () => {
    await at('<div class="alert error" role="alert">Validation failed</div><span class="field-error">填写有误（must be on or before 2026-12-07）</span>');
    expect((await checkNoAsciiMessages(page, 't')).map((v) => v.what)).toEqual([expect.stringContaining('without Chinese'), expect.stringContaining('English inside')]);
    await at('<div class="alert ok" role="status">已下载 Excel 工作簿（.xlsx），内容摘要 SHA-256</div><p>RFC 5545 格式</p>');
    expect(await checkNoAsciiMessages(page, 't')).toEqual([]);
  });

  it('a raw role, status or level value and a retired label are found; literal code and labels are not', async () => {
    await at('<p>职务：vice_chair</p><td>submitted</td><p>层级：street</p><p>乡级</p><p>member_unit_kind</p>');
    const found = (await checkNoRawValues(page, 't')).map((v) => v.what);
    expect(found).toEqual([expect.stringContaining('“vice_chair”'), expect.stringContaining('“submitted”'), expect.stringContaining('“street”'), expect.stringContaining('“乡级”'), expect.stringContaining('“member_unit_kind”')]);
    await at('<p>副主任 · 已报送 · 街道</p><code>FREQ=MONTHLY;draft</code><p>联系邮箱 chair@example.org</p><select><option value="chair" selected>主任</option><option>draft</option></select>');
    expect(await checkNoRawValues(page, 't')).toEqual([]);
  });

  it('a named code in place of the name is found; a code small beside the name, in a code column or unknown is not', async () => {
    await at('<h1>441900003001 居委会选举</h1><p>召集单位 441900003</p><p>审批单位 4419</p>');
    expect((await checkNamesNotCodes(page, 't', codes)).map((v) => v.what)).toEqual([
      expect.stringContaining('code 441900003001'),
      expect.stringContaining('code 441900003'),
      expect.stringContaining('code 4419'),
    ]);
    await at(
      '<p>岗贝社区居民委员会 <span class="muted">441900003001</span></p><table><thead><tr><th>名称</th><th>区划代码</th></tr></thead><tbody><tr><td>岗贝社区</td><td>441900003001</td></tr></tbody></table><p>身份号码 441900199001011234 · 选民 4419000 人 · 999999999999</p>',
    );
    expect(await checkNamesNotCodes(page, 't', codes)).toEqual([]);
  });

  it('a hidden column, a table cut off by its box or running past the window, and a page that scrolls sideways are found; a table scrolling in its own box is not', async () => {
    await at(`<table><thead><tr><th>姓名</th><th class="narrow-hide">身份号码</th></tr></thead><tbody><tr><td>陈</td><td class="narrow-hide">4401…</td></tr></tbody></table>`);
    expect((await checkTableColumns(page, 't')).map((v) => v.what)).toEqual([expect.stringContaining('column “身份号码” is hidden')]);
    await at(`<div class="clip">${wide(8)}</div>`);
    expect((await checkTableColumns(page, 't')).map((v) => v.what)).toEqual([expect.stringContaining('cut off by a box that does not scroll')]);
    await at(wide(8));
    expect((await checkTableColumns(page, 't')).map((v) => v.what)).toEqual([expect.stringContaining('scrolls sideways'), expect.stringContaining('past the window')]);
    await at(`<div class="table-wrap">${wide(8)}</div>`);
    expect(await checkTableColumns(page, 't')).toEqual([]);
  });

  it('an irreversible step without a confirmation page, or taken before it is confirmed, is found', async () => {
    let done = false;
    const confirmPage = shell('<section class="confirm"><h2>以下内容确认后将不可更改</h2><dl class="frozen"><dt>社区</dt><dd>岗贝社区</dd></dl><a href="#">取消，返回</a><button>确认认证</button></section>');
    await at('<a id="go" href="#">认证…</a>');
    const direct = await confirmBeforeIrreversible(page, 't', codes, { start: () => page.click('#go'), confirm: '确认认证', stillUndone: async () => !done });
    expect(direct.map((v) => v.what)).toEqual([expect.stringContaining('no confirmation page')]);
    await at('<a id="go" href="#">认证…</a>');
    const early = await confirmBeforeIrreversible(page, 't', codes, {
      start: async () => {
        done = true;
        await page.setContent(confirmPage);
      },
      confirm: '确认认证',
      stillUndone: async () => !done,
    });
    expect(early.map((v) => v.what)).toEqual([expect.stringContaining('taken before it was confirmed')]);
    done = false;
    const right = await confirmBeforeIrreversible(page, 't', codes, { start: () => page.setContent(confirmPage), confirm: '确认认证', stillUndone: async () => !done });
    expect(right).toEqual([]);
  });
});
