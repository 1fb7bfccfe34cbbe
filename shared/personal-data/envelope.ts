import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Wraps and unwraps tenants' data keys; the master key itself never leaves it (a key file locally, KMS in AWS). */
export interface MasterKey {
  /** Which master key wrapped a data key, stored beside it: `local:<fingerprint>` or `kms:<key id>`. */
  readonly id: string;
  generateDataKey(tenant: string): Promise<{ plaintext: Uint8Array; wrapped: string }>;
  unwrapDataKey(tenant: string, wrapped: string): Promise<Uint8Array>;
}

export interface StoredDataKey {
  keyId: string;
  wrapped: string;
  masterKeyId: string;
}

/** Where a tenant's wrapped data key lives; the database's implementation works inside the caller's transaction. */
export interface DataKeyStore {
  load(tenant: string): Promise<StoredDataKey | null>;
  /** Stores a new key unless one already exists, and returns the one that is stored. */
  create(tenant: string, key: StoredDataKey): Promise<StoredDataKey>;
}

/** Seals and opens one tenant's personal fields; the context names the field and row, so a value cannot be moved. */
export interface FieldCipher {
  seal(context: string, plaintext: string): string;
  open(context: string, sealed: string): string;
}

const FORMAT = 'pd1';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** AES-256-GCM with a fresh 96-bit IV per value; the additional data binds tenant, key and field. */
export function sealWith(key: Uint8Array, aad: string, plaintext: string): { iv: string; body: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { iv: b64(iv), body: b64(body) };
}

export function openWith(key: Uint8Array, aad: string, iv: string, body: string): Buffer {
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < 16) throw new Error('sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
}

export function fieldCipher(tenant: string, keyId: string, key: Uint8Array): FieldCipher {
  const aad = (context: string) => `${FORMAT}|${tenant}|${keyId}|${context}`;
  return {
    seal(context, plaintext) {
      const { iv, body } = sealWith(key, aad(context), plaintext);
      return `${FORMAT}.${keyId}.${iv}.${body}`;
    },
    open(context, sealed) {
      const [format, sealedKeyId, iv, body] = sealed.split('.');
      if (format !== FORMAT || !iv || !body) throw new Error('not a sealed personal-data value');
      if (sealedKeyId !== keyId) throw new Error('the value was sealed with another data key');
      return openWith(key, aad(context), iv, body).toString('utf8');
    },
  };
}

/**
 * Envelope encryption of personal data: one data key per tenant, made on first use, kept only wrapped by the master key.
 * Unwrapped keys are cached per instance, but only while the stored wrapped key is the same one: once offboarding has
 * deleted it, no instance can open that tenant's values again.
 */
export class PersonalDataVault {
  private readonly cache = new Map<string, { wrapped: string; keyId: string; key: Uint8Array }>();

  constructor(readonly master: MasterKey) {}

  async cipherFor(tenant: string, store: DataKeyStore, options: { create: boolean }): Promise<FieldCipher | null> {
    let stored = await store.load(tenant);
    if (!stored) {
      this.cache.delete(tenant);
      if (!options.create) return null;
      const made = await this.master.generateDataKey(tenant);
      const keyId = b64(randomBytes(6));
      stored = await store.create(tenant, { keyId, wrapped: made.wrapped, masterKeyId: this.master.id });
      if (stored.wrapped === made.wrapped) this.cache.set(tenant, { wrapped: made.wrapped, keyId, key: made.plaintext });
    }
    const cached = this.cache.get(tenant);
    if (cached && cached.wrapped === stored.wrapped) return fieldCipher(tenant, cached.keyId, cached.key);
    if (stored.masterKeyId !== this.master.id) throw new Error(`tenant ${tenant}'s data key is wrapped by ${stored.masterKeyId}, not by ${this.master.id}`);
    const key = await this.master.unwrapDataKey(tenant, stored.wrapped);
    this.cache.set(tenant, { wrapped: stored.wrapped, keyId: stored.keyId, key });
    return fieldCipher(tenant, stored.keyId, key);
  }

  /** Drops the instance's copy of a tenant's key, as offboarding does after deleting the stored one. */
  forget(tenant: string): void {
    const cached = this.cache.get(tenant);
    cached?.key.fill(0);
    this.cache.delete(tenant);
  }
}
