import { fileURLToPath } from 'node:url';
import type { BuildOptions, Plugin } from 'esbuild';

/** Never used in AWS: PGlite is the local stack's database and Node 24 has a global WebSocket for Neon. */
const localOnlyModules = ['@electric-sql/pglite', 'ws'];

/** The settings every Lambda bundle shares (CDK's NodejsFunction, the split rebuild below and npm run bench). */
export const lambdaBundling = {
  target: 'node24',
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies (pg) still call require for Node built-ins
  banner: "import{createRequire as __shequRequire}from'node:module';const require=__shequRequire(import.meta.url);",
  external: (unusedDriverModules: string[]) => ['@aws-sdk/*', ...localOnlyModules, ...unusedDriverModules],
  /** Code splitting: each dynamic import() becomes a chunk read on first use, so a cold start reads only index.mjs and what it imports. */
  splitting: { entryNames: 'index', chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.mjs' } },
} as const;

/**
 * zod's namespace objects re-export every locale it ships (`export * as locales from "../locales/index.js"` in
 * zod/v4/classic/external.js and zod/v4/core/index.js), and @hono/zod-openapi passes `z` whole to
 * extendZodWithOpenApi, so no bundler can drop the 40-odd locales (263 KiB of the API's bundle). This plugin resolves
 * those two relative imports to a module of the two locales the API speaks. It reaches inside zod, so zod is pinned to an exact version in package.json and
 * test/infra/bundling.test.ts fails on an upgrade that moves the import (issue #20).
 */
export const zodLocaleImporters = /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/;

export const zodLocales: Plugin = {
  name: 'shequ-zod-locales',
  setup(build) {
    const kept = fileURLToPath(new URL('./zod-locales.ts', import.meta.url));
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      zodLocaleImporters.test(args.importer) ? { path: kept } : undefined);
  },
};

/** esbuild options of a code-split Lambda bundle, as CDK deploys it and as the bench measures it. */
export function splitBuildOptions(entry: string, outdir: string, externals: string[]): BuildOptions {
  return {
    entryPoints: [entry],
    outdir,
    ...lambdaBundling.splitting,
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: lambdaBundling.target,
    mainFields: [...lambdaBundling.mainFields],
    minify: true,
    banner: { js: lambdaBundling.banner },
    external: externals,
    plugins: [zodLocales],
    charset: 'utf8',
    logLevel: 'warning',
  };
}
