import { build, type Metafile, type Plugin } from 'esbuild';
import { zodTrim } from '../../infra/bundling/split-build.js';

/** The local-only drivers: PGlite and node-postgres never run in an isolate, so the worker bundle gets an empty module. */
const unavailableInIsolate: Plugin = {
  name: 'unavailable-in-isolate',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(pg|ws|@electric-sql\/pglite)$/ }, (args) => ({ path: args.path, namespace: 'unavailable-in-isolate' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'unavailable-in-isolate' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * A worker bundled for workerd: one minified ESM file, as `wrangler deploy` would upload it. The API's is
 * functions/edge/worker.ts; the console's, functions/edge/console-worker.ts.
 */
export async function buildWorker(outfile: string, entry: 'worker' | 'console-worker' = 'worker'): Promise<Metafile> {
  const result = await build({
    entryPoints: [new URL(`../../functions/edge/${entry}.ts`, import.meta.url).pathname],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    minify: true,
    metafile: true,
    external: ['node:*'],
    // workerd gives modules no file: URL; db/client.ts resolves its (unused here) migrations folder from one at load
    define: { 'import.meta.url': JSON.stringify('file:///bundle/worker.mjs') },
    // zod trimmed as in the Lambda bundles, so this tier serves requests through the same validation code
    plugins: [unavailableInIsolate, zodTrim],
    logLevel: 'warning',
  });
  return result.metafile;
}
