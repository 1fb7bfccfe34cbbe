/**
 * Where an export archive too large for an HTTP response goes. In AWS a Lambda response through API Gateway is capped
 * at 6 MB, and a binary body travels base64-encoded inside it, so a large city's archive cannot be the response:
 * it is put in the export bucket and the caller gets a short-lived link to it (S3 in AWS, a signed local link in the
 * local stack). The archive is already encrypted to the city's key; the link only moves ciphertext.
 */
export interface ArchiveStore {
  put(archive: StoredArchive): Promise<ArchiveLink>;
}

export interface StoredArchive {
  tenant: string;
  filename: string;
  body: Uint8Array;
  /** Hex SHA-256 of the body; the store verifies it on write where it can (S3 checks it). */
  sha256: string;
  /** The origin the export request came to: a store that serves its links itself (the local stack's) builds them on it. */
  origin?: string | undefined;
}

export interface ArchiveLink {
  url: string;
  expiresAt: Date;
}

/** How archives reach the caller: inline up to `inlineLimit` bytes, else through the store. */
export interface ArchiveDelivery {
  store: ArchiveStore;
  inlineLimit?: number | undefined;
}

/** 4 MiB of binary is 5.6 MB in base64: under the 6 MB Lambda response cap with room for headers. */
export const INLINE_ARCHIVE_LIMIT = 4 * 1024 * 1024;

/** How long a link to a stored archive works. */
export const ARCHIVE_LINK_SECONDS = 15 * 60;
