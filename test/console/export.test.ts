import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as age from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localArchiveStore, type LocalArchiveStore } from '../../functions/local/archive-store.js';
import { decryptWith } from '../../shared/tenant-export/age.js';
import { unpackArchive } from '../../shared/tenant-export/archive.js';
import { createConsoleHarness, fieldError, textOf, type Browser } from './support.js';

/** The city registers its export key in the console; the province exports a city from the tenants page. */
type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let store: LocalArchiveStore;
let adminA: Browser;
let adminB: Browser;
let streetA: Browser;
let province: Browser;
let provinceToken: string;
let identity: string;
let recipient: string;
const inline = { limit: Number.MAX_SAFE_INTEGER };

beforeAll(async () => {
  store = localArchiveStore({ dir: mkdtempSync(join(tmpdir(), 'shequ-console-exports-')), baseUrl: 'http://localhost:3000' });
  // the limit is read per export, so one test can send the archive through the store
  h = await createConsoleHarness({ archives: { store, get inlineLimit() { return inline.limit; } } });
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  adminA = h.browser(await h.cityToken('4401'));
  adminB = h.browser(await h.cityToken('4403'));
  streetA = h.browser(await h.cityToken('4401', 'street_officer', '440103001'));
  provinceToken = await h.provinceToken();
  province = h.browser(provinceToken);
  identity = await age.generateIdentity();
  recipient = await age.identityToRecipient(identity);
});

afterAll(async () => {
  await h?.close();
});

/** Submits the tenants page's export button and returns the raw response (a file or a redirect). */
async function exportFromConsole(code: string): Promise<Response> {
  const page = await province.get('/console/province/tenants');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
  return h.console.request(`/console/province/tenants/${code}/export`, {
    method: 'POST',
    headers: { cookie: `shequ_session=${provinceToken}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
}

describe('数据导出公钥 (city admin)', () => {
  it('says no key is registered yet, refuses a malformed key beside the field keeping the input, then registers one', async () => {
    const empty = await adminA.get('/console/export-key');
    expect(empty.status).toBe(200);
    expect(textOf(empty.html)).toContain('本市尚未登记数据导出公钥');

    const bad = await adminA.post('/console/export-key', { recipient: 'age1notakey' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'recipient')).toContain('以 age1 开头');
    expect(bad.html).toContain('value="age1notakey"');

    const saved = await adminA.follow(await adminA.post('/console/export-key', { recipient }));
    expect(textOf(saved.html)).toContain('已登记数据导出公钥');
    expect(saved.html).toContain(recipient);
  });

  it('is not shown to other roles, and city B sees only its own (none)', async () => {
    const street = await streetA.get('/console/export-key');
    expect(textOf(street.html)).toContain('只有市级管理员');
    expect(street.html).not.toContain(recipient);
    expect((await streetA.post('/console/export-key', { recipient })).status).toBe(403);

    const b = await adminB.get('/console/export-key');
    expect(textOf(b.html)).toContain('本市尚未登记数据导出公钥');
    expect(b.html).not.toContain(recipient);
  });
});

describe('导出城市数据 (province admin)', () => {
  it('downloads the archive encrypted to the key the city registered', async () => {
    const res = await exportFromConsole('4401');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="shequ-4401-\d{8}T\d{6}Z\.age"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(res.headers.get('x-archive-sha256'));
    const { manifest } = await unpackArchive(await decryptWith(identity, bytes));
    expect(manifest.tenant).toEqual({ code: '4401', name: '广州市' });
  });

  it('sends the browser to the stored archive when it is too large for a response', async () => {
    inline.limit = 100;
    try {
      const res = await exportFromConsole('4401');
      expect(res.status).toBe(303);
      const link = res.headers.get('location')!;
      // the origin the browser used for the console, not the API's in-process one
      expect(link).toMatch(/^http:\/\/localhost\/exports\//);
      const fetched = store.serve(new Request(link))!;
      expect(fetched.status).toBe(200);
      const { manifest } = await unpackArchive(await decryptWith(identity, new Uint8Array(await fetched.arrayBuffer())));
      expect(manifest.tenant.code).toBe('4401');
    } finally {
      inline.limit = Number.MAX_SAFE_INTEGER;
    }
  });

  it('says in Chinese that a city without a key cannot be exported yet', async () => {
    const res = await exportFromConsole('4403');
    expect(res.status).toBe(303);
    const page = await province.get(res.headers.get('location')!);
    expect(textOf(page.html)).toContain('4403 尚未登记数据导出公钥');
  });

  it('offers the export button to the province admin only', async () => {
    expect((await province.get('/console/province/tenants')).html).toContain('导出广州市数据');
    const officer = h.browser(await h.provinceToken('province_officer'));
    expect((await officer.get('/console/province/tenants')).html).not.toContain('导出广州市数据');
  });
});
