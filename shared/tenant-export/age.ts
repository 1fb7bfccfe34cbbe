import * as age from 'age-encryption';
import { ArchiveError } from './archive.js';

/*
 * age encryption of tenant archives: imported by the export service and the restore CLI only, so the API function,
 * which is given no export service (shared/tenant-export/verbs.ts), carries neither age nor its curve libraries.
 */

/** Whether a string is an age X25519 recipient, bech32 checksum included. */
export async function isAgeRecipient(recipient: string): Promise<boolean> {
  try {
    const e = new age.Encrypter();
    e.addRecipient(recipient);
    await e.encrypt(new Uint8Array(0));
    return true;
  } catch {
    return false;
  }
}

export async function encryptTo(recipient: string, bytes: Uint8Array): Promise<Uint8Array> {
  const e = new age.Encrypter();
  e.addRecipient(recipient);
  return e.encrypt(bytes);
}

export async function decryptWith(identity: string, encrypted: Uint8Array): Promise<Uint8Array> {
  const d = new age.Decrypter();
  try {
    d.addIdentity(identity.trim());
  } catch {
    throw new ArchiveError('the identity is not an age secret key (AGE-SECRET-KEY-1…)');
  }
  try {
    return await d.decrypt(encrypted);
  } catch (error) {
    throw new ArchiveError(`the archive cannot be opened with this identity: ${(error as Error).message}`);
  }
}
