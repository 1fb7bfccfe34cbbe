/**
 * What the Lambda bundles keep of zod's ahead-of-time compiler and JSON Schema reader: the names, not the code (see
 * zodTrim in infra/bundling/split-build.ts). Nothing in the API calls them; a call fails loudly instead of
 * validating differently. The names are those of zod/v4/core/compile.js and zod/v4/classic/from-json-schema.js, checked
 * against the installed zod by test/infra/bundling.test.ts.
 */
const unbundled = (name: string) => (): never => {
  throw new Error(`zod's ${name} is not in this bundle (infra/bundling/zod-unbundled.ts)`);
};

export const INVALID = Symbol.for('zod.compile.invalid');
export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}
export const compile = unbundled('compile');
export const withParser = unbundled('withParser');
export const compileFn = unbundled('compileFn');
export const fromJSONSchema = unbundled('fromJSONSchema');
