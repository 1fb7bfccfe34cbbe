import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as age from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localArchiveStore, type LocalArchiveStore } from '../../functions/local/archive-store.js';
import { decryptWith } from '../../shared/tenant-export/age.js';
import { unpackArchive } from '../../shared/tenant-export/archive.js';
import type { ExportLinkView } from '../../shared/tenant-export/schemas.js';
import { deliverExport } from '../../shared/tenant-export/service.js';
import { INLINE_ARCHIVE_LIMIT } from '../../shared/tenant-export/store.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

/**
 * A city's export archive larger than a Lambda response can carry goes to the export store (S3 in AWS, a directory in
 * the local stack) and the caller gets a 303 with a short-lived link; the archive fetched from it is the one exported.
 */
const CITY = '4401';
let h: Harness;
let store: LocalArchiveStore;
let dir: string;
let identity: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shequ-exports-'));
  h = await createHarness({
    archives: (clock) => {
      store = localArchiveStore({ dir, baseUrl: 'http://localhost:3000', now: () => clock.now() });
      // any real archive is larger than this, so every export in this file goes through the store
      return { store, inlineLimit: 256 };
    },
  });
  await h.onboard(CITY, '广州市');
  identity = await age.generateIdentity();
  const res = await h.request('PUT', `/v1/tenants/${CITY}/export-recipient`, { token: await h.cityToken(CITY), json: { recipient: await age.identityToRecipient(identity) } });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await h.close();
});

async function exportLink(): Promise<{ res: Response; body: ExportLinkView }> {
  const res = await h.request('GET', `/v1/tenants/${CITY}/export`, { token: await h.provinceToken() });
  expect(res.status, await res.clone().text()).toBe(303);
  return { res, body: (await res.json()) as ExportLinkView };
}

describe('an archive too large for a response', () => {
  it('is stored and answered with 303, a link that expires in 15 minutes, its size and SHA-256', async () => {
    const { res, body } = await exportLink();
    expect(res.headers.get('location')).toBe(body.url);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // on the origin the request came to (app.request's is http://localhost)
    expect(body.url).toMatch(/^http:\/\/localhost\/exports\/\d+-[0-9a-f-]{36}-shequ-4401-\d{8}T\d{6}Z\.age\?signature=[\w-]+$/);
    expect(new Date(body.expiresAt).getTime() - h.clock.now().getTime()).toBe(15 * 60 * 1000);
    expect(body.filename).toMatch(/^shequ-4401-\d{8}T\d{6}Z\.age$/);
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const fetched = store.serve(new Request(body.url))!;
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-disposition')).toBe(`attachment; filename="${body.filename}"`);
    const bytes = new Uint8Array(await fetched.arrayBuffer());
    expect(bytes.length).toBe(body.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(body.sha256);
    // the city's identity opens it: the manifest names the city and every table
    const { manifest, rows } = await unpackArchive(await decryptWith(identity, bytes));
    expect(manifest.tenant.code).toBe(CITY);
    expect(rows.get('tenants')?.length ?? rows.size).toBeGreaterThan(0);
  });

  it('is audited as exported in the city’s trail and the province’s, like an inline one', async () => {
    const { body } = await exportLink();
    const audit = await h.asOwner<{ tenant_id: string | null; detail: { archiveSha256: string } }>(
      sql`select tenant_id, detail from audit_log where action = 'tenant.exported' and detail->>'archiveSha256' = ${body.sha256} order by tenant_id nulls first`,
    );
    expect(audit.map((a) => a.tenant_id)).toEqual([null, CITY]);
  });

  it('cannot be fetched with a changed signature, another file’s signature, a path outside the store, or after the link expires', async () => {
    const { body } = await exportLink();
    const url = new URL(body.url);
    const tampered = new URL(url);
    tampered.searchParams.set('signature', `${url.searchParams.get('signature')!.slice(0, -2)}AA`);
    expect(store.serve(new Request(tampered))!.status).toBe(403);
    // a later expiry is another name, which the signature does not cover
    const longer = new URL(url);
    longer.pathname = url.pathname.replace(/\/exports\/(\d+)-/, (_m, s: string) => `/exports/${Number(s) + 3600}-`);
    expect(longer.pathname).not.toBe(url.pathname);
    expect(store.serve(new Request(longer))!.status).toBe(403);
    const other = new URL(url);
    other.pathname = url.pathname.replace(/-[0-9a-f-]{36}-/, '-00000000-0000-0000-0000-000000000000-');
    expect(other.pathname).not.toBe(url.pathname);
    expect(store.serve(new Request(other))!.status).toBe(403);
    const outside = new URL(url);
    outside.pathname = '/exports/..%2F..%2Fetc%2Fpasswd';
    expect(store.serve(new Request(outside))!.status).toBe(403);
    expect(store.serve(new Request(body.url, { method: 'DELETE' }))!.status).toBe(405);

    h.clock.advance(15 * 60 * 1000 + 1000);
    const expired = store.serve(new Request(body.url))!;
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { detail: string }).detail).toMatch(/expired/);
  });

  it('leaves no expired archive behind: the next export removes them', async () => {
    h.clock.advance(16 * 60 * 1000);
    await exportLink();
    // every earlier file is older than its link; only the newest remains
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
  });

  it('is refused as unavailable, not cut off, where no export store is configured', async () => {
    const ctx = { logger: h.logger } as Parameters<typeof deliverExport>[0];
    const large = { filename: 'shequ-4401-20261125T020000Z.age', body: new Uint8Array(INLINE_ARCHIVE_LIMIT + 1), sha256: '0'.repeat(64), rows: 1 };
    await expect(deliverExport(ctx, CITY, large)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(deliverExport(ctx, CITY, { ...large, body: new Uint8Array(INLINE_ARCHIVE_LIMIT) })).resolves.toEqual({ kind: 'inline' });
  });
});
