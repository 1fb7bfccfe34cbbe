import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { docsRenderer, type RendererScript } from './docs-renderer.js';

const once = (read: () => Promise<Uint8Array<ArrayBuffer>>): RendererScript => {
  let cached: Promise<Uint8Array<ArrayBuffer>> | undefined;
  return () => (cached ??= read().catch((error: unknown) => {
    cached = undefined;
    throw error;
  }));
};

/** In AWS: the gzipped copy the build put beside the bundle (LAMBDA_TASK_ROOT), read on the first request for it. */
export const bundledRendererScript = (taskRoot: string): RendererScript => once(() => readFile(join(taskRoot, docsRenderer.bundledFile)));

/** In the local stack and the tests: the package's file in node_modules, gzipped once on the first request for it. */
export const packagedRendererScript = (): RendererScript =>
  once(async () => {
    const folders = createRequire(import.meta.url).resolve.paths(docsRenderer.packageFile) ?? [];
    const file = folders.map((folder) => join(folder, docsRenderer.packageFile)).find((path) => existsSync(path));
    if (!file) throw new Error(`${docsRenderer.packageFile} is not installed`);
    return promisify(gzip)(await readFile(file));
  });
