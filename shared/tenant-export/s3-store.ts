import type { S3Client } from '@aws-sdk/client-s3';
import { ARCHIVE_LINK_SECONDS, type ArchiveLink, type ArchiveStore, type StoredArchive } from './store.js';

export interface S3ArchiveStoreOptions {
  bucket: string;
  /** A client to use (tests give one with their own request handler); by default one for the function's region. */
  client?: S3Client;
  expiresIn?: number;
  /** The clock that signs both the PUT and the link (the app's injected clock); by default the system's. */
  now?: () => Date;
}

/**
 * The export bucket (CDK: private, TLS only, S3-managed encryption, objects expire after a day). The object is written
 * with its SHA-256, which S3 checks before it accepts the write; the link is a presigned GET that names the file.
 * The SDK loads on the first export that needs it, not at a cold start.
 */
export function s3ArchiveStore(options: S3ArchiveStoreOptions): ArchiveStore {
  const expiresIn = options.expiresIn ?? ARCHIVE_LINK_SECONDS;
  let client: S3Client | undefined = options.client;
  return {
    async put(archive: StoredArchive): Promise<ArchiveLink> {
      const [{ S3Client, PutObjectCommand, GetObjectCommand }, { getSignedUrl }] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
      client ??= new S3Client({});
      const signedAt = options.now?.() ?? new Date();
      // The PUT is signed by the SDK's middleware at "now + systemClockOffset" (its public, mutable setting, which the SDK
      // itself corrects on a skew error): an injected clock is applied there, so the write and the link carry one date.
      if (options.now) client.config.systemClockOffset = signedAt.getTime() - Date.now();
      const key = `${archive.tenant}/${archive.filename}`;
      const disposition = `attachment; filename="${archive.filename}"`;
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: key,
          Body: archive.body,
          ContentType: 'application/octet-stream',
          ContentDisposition: disposition,
          ChecksumSHA256: Buffer.from(archive.sha256, 'hex').toString('base64'),
          Metadata: { sha256: archive.sha256, tenant: archive.tenant },
        }),
      );
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: options.bucket, Key: key, ResponseContentDisposition: disposition }), {
        expiresIn,
        signingDate: signedAt,
      });
      return { url, expiresAt: new Date(signedAt.getTime() + expiresIn * 1000) };
    },
  };
}
