import { z } from '@hono/zod-openapi';
import { cityCode } from '../patterns.js';
import { msg } from './messages.js';

export const ARCHIVE_FORMAT = 'shequ-tenant-archive/1';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, msg.sha256_format().code);

export const ageRecipient = z
  .string()
  .trim()
  .regex(/^age1[02-9ac-hj-np-z]{58}$/, msg.export_recipient_format().code)
  .openapi({ example: 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p' });

export const registerRecipientInput = z
  .object({ recipient: ageRecipient.openapi({ description: 'the public key of the city’s own age identity; the private key never comes to the platform' }) })
  .strict()
  .openapi('RegisterExportRecipient');
export type RegisterRecipientInput = z.infer<typeof registerRecipientInput>;

export const recipientView = z
  .object({
    tenant: z.string().openapi({ example: '4401' }),
    recipient: z.string(),
    registeredBy: z.string(),
    registeredAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('ExportRecipient');
export type RecipientView = z.infer<typeof recipientView>;

/** What GET /v1/tenants/{code}/export answers (303) when the archive is too large to be the response itself. */
export const exportLinkView = z
  .object({
    url: z.string().openapi({ description: 'a short-lived link to the archive (an S3 presigned GET in AWS); the Location header holds the same' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    filename: z.string().openapi({ example: 'shequ-4401-20261125T203000Z.age' }),
    bytes: z.number().int(),
    sha256,
  })
  .openapi('ExportLink');
export type ExportLinkView = z.infer<typeof exportLinkView>;

const tableEntry = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/, msg.table_name_format().code),
  scope: z.enum(['tenant', 'province']),
  rows: z.number().int().min(0),
  sha256,
  sealedColumns: z.array(z.string()),
});

/** The archive's first line: what it holds and how to check it, so a restore can refuse before writing anything. */
export const archiveManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  tenant: z.object({ code: cityCode, name: z.string() }),
  exportedAt: z.string(),
  exportedBy: z.string(),
  recipient: z.string(),
  schema: z.object({
    fingerprint: sha256,
    migrations: z.number().int().nullable(),
    lastMigrationHash: z.string().nullable(),
  }),
  checksum: z.string(),
  personalData: z.string(),
  tables: z.array(tableEntry),
  notArchived: z.record(z.string(), z.string()),
});
export type ArchiveManifest = z.infer<typeof archiveManifest>;

/** One line after the manifest: a row of a table, with its personal fields in plain text (only ever inside the age file). */
export const archiveLine = z.object({
  table: z.string(),
  row: z.record(z.string(), z.unknown()),
  sealed: z.record(z.string(), z.string().nullable()).optional(),
});
