/**
 * `tsx infra/bundling/split-bundle.ts <entry> <outdir> [external ...]`: the code-split rebuild CDK runs after its own
 * esbuild pass (NodejsFunction bundles with --outfile, which splitting cannot use), with the same settings plus the
 * plugins the esbuild command line cannot take.
 */
import { build } from 'esbuild';
import { splitBuildOptions } from './split-build.js';

const [entry, outdir, ...externals] = process.argv.slice(2);
if (!entry || !outdir) throw new Error('usage: split-bundle.ts <entry> <outdir> [external ...]');
await build({ ...splitBuildOptions(entry, outdir, externals), sourcemap: true, sourcesContent: false });
