import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
const post = (body: Uint8Array<ArrayBuffer> | string, contentType = 'text/csv') =>
  h.app.request('/v1/divisions/import', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': contentType }, body });
const names = async () => (await h.asOwner<{ code: string; name: string; kind: string }>(sql`select code, name, kind from divisions where tenant_id = '4404' and level <> 'city' order by code`));
/** 统计用区划代码,名称 / 440402,香洲区 / 440402001,翠香街道 / 440402001001,康宁社区居委会, saved as Excel on Chinese Windows saves CSV (GB18030). */
const gbk = Uint8Array.from(Buffer.from(
  'cdb3bcc6d3c3c7f8bbaeb4fac2eb2cc3fbb3c60d0a3434303430322ccfe3d6dec7f80d0a3434303430323030312cb4e4cfe3bdd6b5c00d0a' +
  '3434303430323030313030312cbfb5c4fec9e7c7f8bed3ceafbbe10d0a', 'hex'));

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4404', '珠海市');
  admin = await h.cityToken('4404');
});
afterAll(async () => {
  await h?.close();
});

describe('POST /v1/divisions/import reads the file as it was saved, or refuses it', () => {
  it('imports a GB18030/GBK CSV with its Chinese names and the kinds they imply', async () => {
    const res = await post(gbk);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await names()).toEqual([
      { code: '440402', name: '香洲区', kind: 'district' },
      { code: '440402001', name: '翠香街道', kind: 'subdistrict' },
      { code: '440402001001', name: '康宁社区居委会', kind: 'residents_committee' },
    ]);
  });

  it('reads the same file declared as text/csv; charset=utf-8 (what most clients send) without mojibake', async () => {
    const res = await post(gbk, 'text/csv; charset=utf-8');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('refuses an unclosed quote that would swallow the next row into a name, naming the line, writing nothing', async () => {
    const before = await names();
    const res = await post('code,name\n440402001002,"拱北社区居委会\n440402001099,def\n', 'text/csv; charset=utf-8');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'import_rejected', rows: [{ row: 2, field: 'csv', reason: expect.stringMatching(/^第 2 行的引号没有闭合/) }] });
    expect(await names()).toEqual(before);
  });

  it('refuses a quoted name that runs over the next line, naming the line', async () => {
    const res = await post('code,name\n440402001002,"abc\n440402001099,def"\n', 'text/csv');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'import_rejected', rows: [{ row: 2, field: 'csv', reason: expect.stringMatching(/^第 2 行的引号内含有换行/) }] });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 with a Chinese reason naming the line, and never stores U+FFFD', async () => {
    const bytes = Uint8Array.from([...Buffer.from('code,name\n440402001002,拱北社区\n440402001003,'), 0xff, 0x80, 0x0a]);
    const res = await post(bytes);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'import_rejected', rows: [{ row: 3, field: 'encoding', reason: expect.stringContaining('GB18030') }] });
    expect((await names()).some((d) => d.name.includes('\uFFFD'))).toBe(false);
  });

  it('refuses a list a client already decoded wrongly (names with U+FFFD)', async () => {
    const mangled = `code,name\n${new TextDecoder().decode(gbk.slice(gbk.indexOf(0x0a) + 1))}`;
    const res = await post(mangled, 'text/csv; charset=utf-8');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { rows: { row: number; field: string }[] };
    expect(body.rows.map((r) => [r.row, r.field])).toEqual([[2, 'name'], [3, 'name'], [4, 'name']]);
  });

  it('reads a UTF-8 CSV with a BOM', async () => {
    const res = await post(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('统计用区划代码,名称\r\n440402001002,拱北社区居委会\r\n')]));
    expect(res.status).toBe(200);
    expect((await names()).find((d) => d.code === '440402001002')?.name).toBe('拱北社区居委会');
  });
});
