import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHIVE_LINK_SECONDS, type ArchiveLink, type ArchiveStore, type StoredArchive } from '../../shared/tenant-export/store.js';

/** A stored file's name: when its link expires (epoch seconds), a random id, then the archive's file name (shequ-<city>-<stamp>.age). */
const storedName = /^(\d{1,12})-[0-9a-f-]{36}-(shequ-\d{4}-[0-9A-Za-z]+\.age)$/;

export interface LocalArchiveStore extends ArchiveStore {
  /** Answers GET /exports/<name>?signature= (the link put() returned), or undefined for other paths. */
  serve(request: Request): Response | undefined;
}

/**
 * The local stack's stand-in for the S3 export bucket: archives under `<dir>`, links signed with a key held in memory
 * (they stop working when the stack restarts), expired files removed at the next put. Same contract as S3's
 * presigned links: whoever holds the link may fetch the (encrypted) file until it expires.
 */
export function localArchiveStore(options: { dir: string; /** for links when the request's origin is not known */ baseUrl: string; now?: () => Date; expiresIn?: number }): LocalArchiveStore {
  const key = randomBytes(32);
  const expiresIn = options.expiresIn ?? ARCHIVE_LINK_SECONDS;
  const now = () => options.now?.() ?? new Date();
  const sign = (name: string) => createHmac('sha256', key).update(name).digest('base64url');
  const problem = (status: number, code: string, detail: string) =>
    new Response(JSON.stringify({ type: `urn:shequ:problem:${code}`, title: code, status, code, detail }), { status, headers: { 'content-type': 'application/problem+json' } });

  const removeExpired = () => {
    for (const file of readdirSync(options.dir)) {
      const expires = storedName.exec(file)?.[1];
      if (expires && Number(expires) * 1000 < now().getTime()) rmSync(join(options.dir, file), { force: true });
    }
  };

  return {
    async put(archive: StoredArchive): Promise<ArchiveLink> {
      mkdirSync(options.dir, { recursive: true });
      removeExpired();
      const expiresAt = new Date(now().getTime() + expiresIn * 1000);
      const name = `${Math.floor(expiresAt.getTime() / 1000)}-${randomUUID()}-${archive.filename}`;
      if (!storedName.test(name)) throw new Error(`unexpected archive file name ${archive.filename}`);
      writeFileSync(join(options.dir, name), archive.body, { mode: 0o600 });
      return { url: `${archive.origin ?? options.baseUrl}/exports/${name}?signature=${sign(name)}`, expiresAt };
    },
    serve(request: Request): Response | undefined {
      const url = new URL(request.url);
      if (!url.pathname.startsWith('/exports/')) return undefined;
      if (request.method !== 'GET') return problem(405, 'method_not_allowed', 'an export link is fetched with GET');
      const name = decodeURIComponent(url.pathname.slice('/exports/'.length));
      const stored = storedName.exec(name);
      const given = Buffer.from(url.searchParams.get('signature') ?? '');
      const expected = Buffer.from(stored ? sign(name) : '');
      if (!stored || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return problem(403, 'forbidden', 'the export link is not valid');
      }
      if (Number(stored[1]) * 1000 < now().getTime()) return problem(403, 'forbidden', 'the export link has expired: export again');
      let body: Buffer;
      try {
        body = readFileSync(join(options.dir, name));
      } catch {
        return problem(404, 'not_found', 'the archive is no longer stored: export again');
      }
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${stored[2]}"`,
          'cache-control': 'no-store',
        },
      });
    },
  };
}
