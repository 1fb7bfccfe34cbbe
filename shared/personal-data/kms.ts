import type { MasterKey } from './envelope.js';

/** The two AWS KMS actions envelope encryption needs, in the JSON shapes of the KMS API (blobs in base64). */
export interface KmsApi {
  generateDataKey(input: { KeyId: string; KeySpec: 'AES_256'; EncryptionContext: Record<string, string> }): Promise<{ KeyId: string; Plaintext: string; CiphertextBlob: string }>;
  decrypt(input: { KeyId: string; CiphertextBlob: string; EncryptionContext: Record<string, string> }): Promise<{ KeyId: string; Plaintext: string }>;
}

/**
 * A KMS key as the master key. The tenant goes into the encryption context, so a data key wrapped for one city
 * cannot be unwrapped as another's, and CloudTrail records which city each Decrypt served.
 */
export function kmsMasterKey(kms: KmsApi, keyId: string): MasterKey {
  const context = (tenant: string) => ({ purpose: 'shequ-personal-data', tenant });
  return {
    id: `kms:${keyId}`,
    async generateDataKey(tenant) {
      const out = await kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context(tenant) });
      const plaintext = Buffer.from(out.Plaintext, 'base64');
      if (plaintext.length !== 32) throw new Error('KMS returned a data key that is not 256 bits');
      return { plaintext, wrapped: out.CiphertextBlob };
    },
    async unwrapDataKey(tenant, wrapped) {
      const out = await kms.decrypt({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: context(tenant) });
      return Buffer.from(out.Plaintext, 'base64');
    },
  };
}
