/**
 * The locales a Lambda bundle keeps of zod's 40-odd (see infra/bundling/split-build.ts): English for logs and
 * `Accept-Language: en`, Simplified Chinese for everyone else. Both through zod's public `zod/v4/locales/*` entries.
 */
export { default as en } from 'zod/v4/locales/en.js';
export { default as zhCN } from 'zod/v4/locales/zh-CN.js';
