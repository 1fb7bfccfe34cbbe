import { build, type Metafile, type Plugin } from 'esbuild';

/** The local-only drivers: PGlite and node-postgres never run in an isolate, so the worker bundle gets an empty module. */
const unavailableInIsolate: Plugin = {
  name: 'unavailable-in-isolate',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(pg|ws|@electric-sql\/pglite)$/ }, (args) => ({ path: args.path, namespace: 'unavailable-in-isolate' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'unavailable-in-isolate' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** functions/edge/worker.ts bundled for workerd: one minified ESM file, as `wrangler deploy` would upload it. */
export async function buildWorker(outfile: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [new URL('../../functions/edge/worker.ts', import.meta.url).pathname],
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
    plugins: [unavailableInIsolate],
    logLevel: 'warning',
  });
  return result.metafile;
}
