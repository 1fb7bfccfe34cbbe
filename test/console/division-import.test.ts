import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/harness.js';
import { createConsoleHarness, csrfOf, textOf } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let cookie: string;
let csrf: string;
// 统计用区划代码,名称 / 440402,香洲区 / 440402001,翠香街道 / 440402001001,康宁社区居委会 in GB18030, as Excel on Chinese Windows saves it
const gbk = Buffer.from(
  'cdb3bcc6d3c3c7f8bbaeb4fac2eb2cc3fbb3c60d0a3434303430322ccfe3d6dec7f80d0a3434303430323030312cb4e4cfe3bdd6b5c00d0a' +
  '3434303430323030313030312cbfb5c4fec9e7c7f8bed3ceafbbe10d0a', 'hex');

const upload = async (bytes: Uint8Array<ArrayBuffer>) => {
  const form = new FormData();
  form.set('_csrf', csrf);
  form.set('file', new File([bytes], 'divisions.csv', { type: 'text/csv' }));
  const res = await h.console.request('/console/divisions/import', { method: 'POST', headers: { cookie }, body: form });
  return { status: res.status, text: textOf(await res.text()) };
};

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4404', '珠海市');
  cookie = `shequ_session=${await h.cityToken('4404')}`;
  csrf = csrfOf(await (await h.console.request('/console/divisions/import', { headers: { cookie } })).text())!;
});
afterAll(async () => {
  await h?.close();
});

describe('导入统计用区划代码 page', () => {
  it('imports a GBK CSV from Excel with its Chinese names', async () => {
    const page = await upload(gbk);
    expect(page.text).toContain('导入完成');
    expect(await h.asOwner(sql`select code, name from divisions where tenant_id = '4404' and level <> 'city' order by code`)).toEqual([
      { code: '440402', name: '香洲区' },
      { code: '440402001', name: '翠香街道' },
      { code: '440402001001', name: '康宁社区居委会' },
    ]);
  });

  it('shows the line of an unclosed quote in Chinese and writes nothing', async () => {
    const page = await upload(new TextEncoder().encode('code,name\n440402001002,"拱北社区居委会\n440402001099,def\n'));
    expect(page.text).toContain('导入数据有误，未写入任何数据');
    expect(page.text).toMatch(/第 2 行的引号没有闭合/);
    expect(page.text).not.toContain('导入完成');
  });
});
