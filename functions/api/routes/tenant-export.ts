import { z } from '@hono/zod-openapi';
import { cityCode } from '../../../shared/tenancy/schemas.js';
import { exportLinkView, recipientView, registerRecipientInput } from '../../../shared/tenant-export/schemas.js';
import type { TenantExport } from '../../../shared/tenant-export/service.js';
import { deliverExport, exportTenant, getExportRecipient, registerExportRecipient } from '../../../shared/tenant-export/verbs.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const codeParam = z.object({ code: cityCode.openapi({ param: { name: 'code', in: 'path' }, example: '4401' }) });
const tags = tagged('tenants');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const download = (archive: TenantExport) =>
  new Response(new Uint8Array(archive.body), {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${archive.filename}"`,
      'x-archive-sha256': archive.sha256,
      'cache-control': 'no-store',
    },
  });

export const tenantExportRoutes = newRouter()
  .openapi(
    operation({ registerExportRecipient }, {
      method: 'put', path: '/{code}/export-recipient', tags, security: bearer,
      summary: '登记数据导出公钥 The city registers the age key its export archive is encrypted to (city admin)',
      description: 'Only the public key (age1…) comes to the platform; the city keeps the identity. The province cannot set or change it.',
      request: { params: codeParam, body: { required: true, content: { 'application/json': { schema: registerRecipientInput } } } },
      responses: { 200: json(recipientView, 'registered'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await registerExportRecipient({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ getExportRecipient }, {
      method: 'get', path: '/{code}/export-recipient', tags, security: bearer,
      summary: '数据导出公钥 The age key the city registered (city admin)',
      request: { params: codeParam },
      responses: { 200: json(recipientView, 'the registered key'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getExportRecipient({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ exportTenant }, {
      method: 'get', path: '/{code}/export', tags, security: bearer,
      summary: '导出租户全部数据 Every row the city owns, as an age file to the city’s registered key (province admin, audited)',
      description:
        'gzip of NDJSON (a manifest with per-table row counts and SHA-256, then one line per row), encrypted with age to the recipient the city registered. Personal fields are in plain text only inside it. 409 if the city has registered no key. ' +
        'An archive larger than a response may carry (4 MiB: a Lambda response is capped at 6 MB after base64) is put in the export store instead and answered with 303 See Other: Location is a link valid for 15 minutes (an S3 presigned GET in AWS), the body says when it expires and the archive’s size and SHA-256.',
      request: { params: codeParam },
      responses: {
        200: { description: 'age v1 binary', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
        303: json(exportLinkView, 'the archive is too large for a response: fetch it from Location before it expires'),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      const archive = await exportTenant({ ctx: c.var.ctx, input: { code } });
      const delivery = await deliverExport(c.var.ctx, code, archive, new URL(c.req.url).origin);
      if (delivery.kind === 'inline') return download(archive);
      const { url, expiresAt } = delivery.link;
      const body = { url, expiresAt: expiresAt.toISOString(), filename: archive.filename, bytes: archive.body.length, sha256: archive.sha256 };
      return c.json(body, 303, { location: url, 'cache-control': 'no-store' });
    },
  );
