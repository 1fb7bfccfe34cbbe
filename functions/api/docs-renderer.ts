import type { Context, MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { problemResponse } from './middleware/errors.js';
import { common } from '../../shared/messages.js';
import { AppError } from '../../shared/errors.js';

/**
 * The API reference at /docs is Scalar's standalone bundle (@scalar/api-reference, a maintained renderer) reading
 * /openapi.json: tags in a side index, search, and a try-it that takes a bearer token. The script (4.7 MB) is never
 * part of the function's code: in AWS it is a gzipped file beside the bundle (infra/constructs/shequ-function.ts
 * copies it at build time), in the local stack and the tests it is read from node_modules.
 */
export const docsRenderer = {
  /** Where the script is served; the page adds the package version, so a year's caching is safe. */
  path: '/docs/scalar.js',
  /** The file in node_modules. */
  packageFile: '@scalar/api-reference/dist/browser/standalone.js',
  /** The gzipped copy beside the function's bundle in AWS, relative to the task root. */
  bundledFile: 'docs/scalar.js.gz',
  /** The version package.json pins (test/api/docs.test.ts checks they agree); importing package.json would bundle it whole. */
  version: '1.76.4',
} as const;

/** Reads the renderer's script, gzipped. */
export type RendererScript = () => Promise<Uint8Array<ArrayBuffer>>;

const scriptUrl = `${docsRenderer.path}?v=${encodeURIComponent(docsRenderer.version)}`;

/** JSON inside an inline <script>: no `</script>` or `<!--` can close it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Scalar's options: the document from this function, nothing fetched from elsewhere (fonts, telemetry, AI agent). */
function rendererOptions(locale: 'zh-CN' | 'en') {
  return {
    url: '/openapi.json',
    localization: { locale },
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: 'never',
    hideClientButton: true,
    showOperationId: true,
    documentDownloadType: 'json',
    authentication: { preferredSecurityScheme: 'bearer' },
    defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
    metaData: { title: locale === 'en' ? 'Shequ API reference' : '社区 Shequ · API 文档' },
  };
}

/** The page: the renderer's script and its options; English for `Accept-Language: en`, Chinese otherwise. */
export function renderApiReference(nonce: string, acceptLanguage: string | undefined): string {
  const locale = acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  const zh = locale === 'zh-CN';
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="csp-nonce" content="${nonce}"><link rel="icon" href="data:,">
<title>${zh ? '社区 Shequ · API 文档' : 'Shequ API reference'}</title></head>
<body><noscript>${zh ? '接口文档需要启用 JavaScript；机器可读的接口描述见' : 'The reference needs JavaScript; the machine-readable description is at'} <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="app"></div>
<script src="${scriptUrl}"></script>
<script nonce="${nonce}">Scalar.createApiReference('#app', ${scriptJson(rendererOptions(locale))});</script>
</body></html>`;
}

/**
 * Only this function's scripts run on the page: the renderer from /docs and the inline call with the request's nonce.
 * Styles may be inline (the renderer sets them from script); requests go to this origin only (try-it included).
 */
export const docsSecurityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });

/** The script, gzipped to a client that takes gzip (every browser), else decompressed; cached for a year. */
export async function serveRendererScript(c: Context, script: RendererScript | undefined): Promise<Response> {
  if (!script) return problemResponse(c, new AppError('not_found', common.docs_script_missing()));
  const gzipped = await script();
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
  };
  if (/\bgzip\b/i.test(c.req.header('accept-encoding') ?? '')) {
    return new Response(gzipped, { status: 200, headers: { ...headers, 'content-encoding': 'gzip' } });
  }
  return new Response(new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip')), { status: 200, headers });
}
