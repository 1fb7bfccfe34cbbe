import { fileURLToPath } from 'node:url';
import type { BuildOptions, Plugin } from 'esbuild';

/** Never used in AWS: PGlite is the local stack's database and Node 24 has a global WebSocket for Neon. */
const localOnlyModules = ['@electric-sql/pglite', 'drizzle-orm/pglite', 'drizzle-orm/pglite/*', 'ws'];

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
 * zod's namespace objects re-export everything zod has (`export * as locales from "../locales/index.js"`, its
 * ahead-of-time `compile`, `fromJSONSchema`), and @hono/zod-openapi passes `z` whole to extendZodWithOpenApi, so no
 * bundler can drop what the API never calls: the 40-odd locales (263 KiB), the compiler (29 KiB) and the JSON Schema
 * reader (12 KiB). This plugin resolves those re-exports to our own modules: the two locales the API speaks, and stubs
 * that throw if called. It reaches inside zod, so zod is pinned to an exact version in package.json and
 * test/infra/bundling.test.ts fails on an upgrade that moves an import or changes what a stubbed module exports (issue #20).
 */
export const zodTrimmed = [
  { importer: /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/, specifier: '../locales/index.js', module: 'zod-locales.ts', original: 'locales/index.js' },
  { importer: /[\\/]zod[\\/]v4[\\/]core[\\/]index\.js$/, specifier: './compile.js', module: 'zod-unbundled.ts', original: 'core/compile.js' },
  { importer: /[\\/]zod[\\/]v4[\\/]classic[\\/]external\.js$/, specifier: './from-json-schema.js', module: 'zod-unbundled.ts', original: 'classic/from-json-schema.js' },
] as const;

export const zodTrim: Plugin = {
  name: 'shequ-zod-trim',
  setup(build) {
    const specifiers = new Set(zodTrimmed.map((t) => t.specifier));
    build.onResolve({ filter: /^\.\.?\/(locales\/index|compile|from-json-schema)\.js$/ }, (args) => {
      if (!specifiers.has(args.path as never)) return undefined;
      const trimmed = zodTrimmed.find((t) => t.specifier === args.path && t.importer.test(args.importer));
      return trimmed ? { path: fileURLToPath(new URL(`./${trimmed.module}`, import.meta.url)) } : undefined;
    });
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
    plugins: [zodTrim],
    charset: 'utf8',
    logLevel: 'warning',
  };
}
