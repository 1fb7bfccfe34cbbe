import { describe, expect, it } from 'vitest';
import { charsetParameter, decodeCsvBytes } from '../../shared/hierarchy/csv-encoding.js';
import { divisionRowsFromCsv, parseCsv, planDivisionImport } from '../../shared/hierarchy/rules.js';
import { said } from '../support/messages.js';

const list = '统计用区划代码,名称\n440103000000,荔湾区\n440103001000,沙面街道\n440103001001,沙面社区居委会\n';
/** The same list as Excel on Chinese Windows saves it (GB18030; these characters are the same bytes in GBK). */
const gbk = Uint8Array.from(Buffer.from(
  'cdb3bcc6d3c3c7f8bbaeb4fac2eb2cc3fbb3c60a3434303130333030303030302cc0f3cde5c7f80a3434303130333030313030302cc9b3c3e6bdd6b5c00a' +
  '3434303130333030313030312cc9b3c3e6c9e7c7f8bed3ceafbbe10a', 'hex'));
const names = (source: string | Uint8Array, charset?: string) => divisionRowsFromCsv(source, charset).rows.map((r) => r.name);

describe('the encoding of an uploaded division list', () => {
  it('reads GB18030/GBK bytes as Chinese, not mojibake', () => {
    expect(decodeCsvBytes(gbk)).toEqual({ text: list, encoding: 'gb18030' });
    expect(names(gbk)).toEqual(['荔湾区', '沙面街道', '沙面社区居委会']);
  });

  it('reads GBK bytes declared as gbk, gb2312 or gb18030 in the Content-Type', () => {
    for (const label of ['gbk', 'gb2312', 'GB18030']) expect(names(gbk, label)).toEqual(['荔湾区', '沙面街道', '沙面社区居委会']);
  });

  it('reads UTF-8 with and without a BOM, and a UTF-16 file with its BOM', () => {
    const utf8 = new TextEncoder().encode(list);
    expect(decodeCsvBytes(utf8)).toEqual({ text: list, encoding: 'utf-8' });
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: list, encoding: 'utf-8' });
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from(list, 'utf16le')]);
    expect(names(utf16)).toEqual(['荔湾区', '沙面街道', '沙面社区居委会']);
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, naming the line, instead of writing U+FFFD', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('code,name\n440103,荔湾区\n'), ...new TextEncoder().encode('440104,'), 0xff, 0xfe, 0x0a]);
    expect(said(divisionRowsFromCsv(bytes))).toEqual({ rows: [], problems: [{ row: 3, field: 'encoding', reason: { code: 'bytes_unreadable', zh: expect.stringMatching(/^第 3 行.*UTF-8.*GB18030/) } }] });
  });

  it('refuses a file that mixes UTF-8 and GBK lines, naming the GBK line', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('code,name\n440103,荔湾区\n'), ...gbk.slice(gbk.lastIndexOf(0x0a, gbk.length - 2) + 1)]);
    expect(said(decodeCsvBytes(bytes))).toEqual({ problem: { row: 3, field: 'encoding', reason: { code: 'mixed_encodings', zh: expect.stringMatching(/^第 3 行是 GB18030（GBK）编码，而其他行是 UTF-8/) } } });
  });

  it('refuses a file with a UTF-8 BOM whose bytes are not UTF-8, naming the encoding and the line', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('code,name\n'), ...gbk.slice(gbk.indexOf(0x0a) + 1)]);
    expect(said(decodeCsvBytes(bytes))).toEqual({ problem: { row: 2, field: 'encoding', reason: { code: 'not_valid_encoding', zh: expect.stringMatching(/^第 2 行不是有效的 UTF-8 编码（文件以 UTF-8 BOM 开头）/) } } });
  });

  it('refuses a charset it does not read, and an Excel workbook sent as CSV', () => {
    expect(said(decodeCsvBytes(new TextEncoder().encode(list), 'latin1'))).toEqual({ problem: { row: 1, field: 'encoding', reason: { code: 'charset_unsupported', zh: expect.stringContaining('latin1') } } });
    expect(said(decodeCsvBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])))).toEqual({ problem: { row: 1, field: 'encoding', reason: { code: 'file_is_workbook', zh: expect.stringContaining('.xlsx') } } });
  });

  it('reads the charset parameter of a Content-Type', () => {
    expect(charsetParameter('text/csv; charset="GBK"')).toBe('gbk');
    expect(charsetParameter('text/csv;charset=utf-8')).toBe('utf-8');
    expect(charsetParameter('text/csv')).toBeUndefined();
  });

  it('refuses a name that was already decoded wrongly (U+FFFD), from CSV or JSON', () => {
    const mangled = new TextDecoder().decode(gbk);
    const { rows, problems } = divisionRowsFromCsv(mangled.replace(/^[^\n]*/, 'code,name'));
    expect(problems).toEqual([]);
    const plan = planDivisionImport('4401', rows, new Map());
    expect(plan.problems.map((p) => [p.row, p.field])).toEqual([[2, 'name'], [3, 'name'], [4, 'name']]);
    expect(plan.problems[0]!.reason.code).toBe('name_has_replacement_char');
    expect(plan.problems[0]!.reason.text('zh')).toMatch(/^第 2 行的名称含有乱码/);
    expect(plan.create).toEqual([]);
  });
});

describe('a CSV that does not parse cleanly is refused at its line', () => {
  it('an unclosed quote that would swallow the next row into a name', () => {
    const csv = 'code,name\n440402001098,"abc\n440402001099,def\n';
    expect(said(divisionRowsFromCsv(csv))).toEqual({ rows: [], problems: [{ row: 2, field: 'csv', reason: { code: 'quote_not_closed', zh: expect.stringMatching(/^第 2 行的引号没有闭合/) } }] });
  });

  it('a quoted name running over the next line, even when a quote closes it', () => {
    const csv = 'code,name\n440402001097,甲社区\n"abc\n440402001099,def"\n440402001100,乙社区\n';
    const { rows, problems } = divisionRowsFromCsv(csv);
    expect(said(problems)).toEqual([{ row: 3, field: 'csv', reason: { code: 'row_has_quoted_newline', zh: expect.stringMatching(/^第 3 行的引号内含有换行/) } }]);
    expect(rows.map((r) => [r.row, r.code])).toEqual([[2, '440402001097'], [5, '440402001100']]);
  });

  it('text after a closing quote, and a quote inside an unquoted field', () => {
    expect(said(parseCsv('a,b\n"x"y,z\n').problem)).toEqual({ row: 2, field: 'csv', reason: { code: 'quote_followed_by', zh: expect.stringMatching(/^第 2 行：引号结束后紧跟着“y”/) } });
    expect(said(parseCsv('a,b\nx,y\nab"c,d\n').problem)).toEqual({ row: 3, field: 'csv', reason: { code: 'quote_in_unquoted_field', zh: expect.stringMatching(/^第 3 行：未加引号的字段中出现了引号/) } });
  });

  it('a row with more values than the header has columns (an unquoted comma in a name)', () => {
    expect(said(divisionRowsFromCsv('code,name\n440103001001,沙面社区,居委会\n').problems)).toEqual([{ row: 2, field: 'csv', reason: { code: 'row_has_extra_fields', zh: expect.stringMatching(/^第 2 行有 3 个字段，表头只有 2 列/) } }]);
    expect(divisionRowsFromCsv('code,name\n440103001001,沙面社区居委会,\n').problems).toEqual([]);
  });

  it('numbers rows by the line they start on, past a legitimately quoted field', () => {
    const { rows } = divisionRowsFromCsv('code,name\r\n440103,"荔湾区"\r\n\r\n440103001,"沙面""街道"""\r\n');
    expect(rows.map((r) => [r.row, r.name])).toEqual([[2, '荔湾区'], [4, '沙面"街道"']]);
  });
});
