import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let server: ServerType;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'shequ-import-cli-'));
const run = async (file: string, token: string) => {
  const args = ['--import', 'tsx', 'functions/local/import.ts', file, '--url', base, '--token', token];
  return promisify(execFile)(process.execPath, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DATA_DIR: dir } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
};

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4404', '珠海市');
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await h?.close();
});

describe('npm run import', () => {
  it('reads a GBK file from Excel as GB18030, so its names arrive in Chinese', async () => {
    // 统计用区划代码,名称 / 440402,香洲区 / 440402001,翠香街道 / 440402001001,康宁社区居委会 in GB18030, as Excel on Chinese Windows saves it
    const file = join(dir, 'zhuhai-gbk.csv');
    writeFileSync(file, Buffer.from(
      'cdb3bcc6d3c3c7f8bbaeb4fac2eb2cc3fbb3c60d0a3434303430322ccfe3d6dec7f80d0a3434303430323030312cb4e4cfe3bdd6b5c00d0a' +
      '3434303430323030313030312cbfb5c4fec9e7c7f8bed3ceafbbe10d0a', 'hex'));
    const result = await run(file, await h.cityToken('4404'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('导入完成');
    expect(await h.asOwner(sql`select code, name from divisions where tenant_id = '4404' and level <> 'city' order by code`)).toEqual([
      { code: '440402', name: '香洲区' },
      { code: '440402001', name: '翠香街道' },
      { code: '440402001001', name: '康宁社区居委会' },
    ]);
  });

  it('refuses a file that is neither UTF-8 nor GB18030, naming the line, and exits 1', async () => {
    const file = join(dir, 'binary.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('code,name\n440402001002,'), Buffer.from([0xff, 0xfe, 0x0a])]));
    const result = await run(file, await h.cityToken('4404'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/第 2 行含有无法识别的字节.*GB18030/);
  });

  it('prints the line of an unclosed quote and exits 1', async () => {
    const file = join(dir, 'unclosed.csv');
    writeFileSync(file, 'code,name\n440402001002,"拱北社区居委会\n440402001099,def\n');
    const result = await run(file, await h.cityToken('4404'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/第 2 行的引号没有闭合/);
  });
});
