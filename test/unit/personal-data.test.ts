import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { PersonalDataVault, type DataKeyStore, type StoredDataKey } from '../../shared/personal-data/envelope.js';
import { idCheckCharacter, maskIdNumber, maskPhone, parseIdNumber, parsePhone } from '../../shared/personal-data/identifiers.js';
import { kmsHttpApi, signKmsRequest } from '../../shared/personal-data/kms-http.js';
import { kmsMasterKey, type KmsApi } from '../../shared/personal-data/kms.js';
import { localMasterKey } from '../../shared/personal-data/local-master-key.js';

describe('ID numbers (GB 11643)', () => {
  it.each(['11010519491231002X', '11010519491231002x', '440524188001010014'])('accepts %s', (id) => {
    const parsed = parseIdNumber(id);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.value).toBe(id.toUpperCase());
  });

  it('reads the birth date, region and sex', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ ok: true, value: { value: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' } });
  });

  it.each([
    ['110105194912310021', 'id_number_check_character'],
    ['11010519491231002', 'id_number_format'],
    ['110105194902300020', 'id_number_birth_date'],
    ['010105194912310021', 'id_number_region'],
    ['11010519491231002Y', 'id_number_format'],
  ])('refuses %s', (id, code) => {
    const parsed = parseIdNumber(id);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.code).toBe(code);
  });

  it('computes the check character over all eleven remainders', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) seen.add(idCheckCharacter(`4401031990010${String(n).padStart(4, '0')}`));
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });
});

describe('phones and masks', () => {
  it('normalises mobiles and landlines', () => {
    expect(parsePhone('+86 138 0013 1234')).toEqual({ ok: true, value: '13800131234' });
    expect(parsePhone('(020)87654321')).toEqual({ ok: true, value: '020-87654321' });
    expect(parsePhone('12345').ok).toBe(false);
    expect(parsePhone('12800131234').ok).toBe(false);
  });

  it('masks as 138****1234 and 440***********123X', () => {
    expect(maskPhone('13800131234')).toBe('138****1234');
    expect(maskPhone('020-87654321')).toBe('020-****4321');
    expect(maskIdNumber('44010319900101123X')).toBe('440***********123X');
    expect(maskIdNumber('44010319900101123X')).toHaveLength(18);
  });
});

function memoryStore(): DataKeyStore & { rows: Map<string, StoredDataKey> } {
  const rows = new Map<string, StoredDataKey>();
  return {
    rows,
    load: async (tenant) => rows.get(tenant) ?? null,
    create: async (tenant, key) => {
      if (!rows.has(tenant)) rows.set(tenant, key);
      return rows.get(tenant)!;
    },
  };
}

describe('envelope encryption with a local master key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shequ-pd-'));

  it('keeps the master key in a 0600 file that survives a restart', () => {
    const first = localMasterKey(dir);
    const second = localMasterKey(dir);
    expect(second.id).toBe(first.id);
    const file = join(dir, 'keys', 'personal-data-master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64')).toHaveLength(32);
  });

  it('seals to ciphertext that does not contain the value and opens it again', async () => {
    const store = memoryStore();
    const vault = new PersonalDataVault(localMasterKey(dir));
    const cipher = (await vault.cipherFor('4401', store, { create: true }))!;
    const sealed = cipher.seal('committee_members.phone:m1', '13800131234');
    expect(sealed).toMatch(/^pd1\./);
    expect(sealed).not.toContain('13800131234');
    expect(cipher.seal('committee_members.phone:m1', '13800131234')).not.toBe(sealed);
    expect(cipher.open('committee_members.phone:m1', sealed)).toBe('13800131234');
    expect(store.rows.get('4401')!.wrapped).toMatch(/^local1\./);
  });

  it('refuses a value moved to another row, another tenant, or altered', async () => {
    const store = memoryStore();
    const vault = new PersonalDataVault(localMasterKey(dir));
    const a = (await vault.cipherFor('4401', store, { create: true }))!;
    const b = (await vault.cipherFor('4403', store, { create: true }))!;
    const sealed = a.seal('committee_members.phone:m1', '13800131234');
    expect(() => a.open('committee_members.phone:m2', sealed)).toThrow();
    expect(() => b.open('committee_members.phone:m1', sealed)).toThrow();
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1);
    expect(() => a.open('committee_members.phone:m1', flipped)).toThrow();
  });

  it('opens with a fresh instance (unwrapping) and not at all once the stored key is gone', async () => {
    const store = memoryStore();
    const sealed = (await new PersonalDataVault(localMasterKey(dir)).cipherFor('4401', store, { create: true }))!.seal('x', '秘密');
    const vault = new PersonalDataVault(localMasterKey(dir));
    expect((await vault.cipherFor('4401', store, { create: false }))!.open('x', sealed)).toBe('秘密');
    store.rows.delete('4401');
    expect(await vault.cipherFor('4401', store, { create: false })).toBeNull();
    const replacement = (await vault.cipherFor('4401', store, { create: true }))!;
    expect(() => replacement.open('x', sealed)).toThrow(/another data key/);
  });

  it('refuses a key wrapped by another master key', async () => {
    const store = memoryStore();
    await new PersonalDataVault(localMasterKey(dir)).cipherFor('4401', store, { create: true });
    const other = new PersonalDataVault(localMasterKey(mkdtempSync(join(tmpdir(), 'shequ-pd-'))));
    await expect(other.cipherFor('4401', store, { create: false })).rejects.toThrow(/wrapped by local:/);
  });
});

/** KMS's behaviour where it matters here: blobs opaque, the encryption context must match on Decrypt. */
function kmsLike(): KmsApi & { calls: string[] } {
  const root = createHash('sha256').update('kms-root').digest();
  const calls: string[] = [];
  const mac = (context: Record<string, string>, key: Buffer) => createHmac('sha256', root).update(JSON.stringify(context)).update(key).digest();
  return {
    calls,
    async generateDataKey(input) {
      calls.push(`GenerateDataKey ${input.KeyId} ${input.KeySpec}`);
      const key = createHash('sha256').update(String(calls.length)).digest();
      const blob = Buffer.concat([key, mac(input.EncryptionContext, key)]);
      return { KeyId: input.KeyId, Plaintext: key.toString('base64'), CiphertextBlob: blob.toString('base64') };
    },
    async decrypt(input) {
      calls.push(`Decrypt ${input.KeyId}`);
      const blob = Buffer.from(input.CiphertextBlob, 'base64');
      const key = blob.subarray(0, 32);
      if (!mac(input.EncryptionContext, key).equals(blob.subarray(32))) throw new Error('InvalidCiphertextException');
      return { KeyId: input.KeyId, Plaintext: key.toString('base64') };
    },
  };
}

describe('envelope encryption with KMS', () => {
  const keyId = 'arn:aws:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  it('asks KMS for a data key once, then unwraps it once per instance', async () => {
    const kms = kmsLike();
    const store = memoryStore();
    const sealed = (await new PersonalDataVault(kmsMasterKey(kms, keyId)).cipherFor('4401', store, { create: true }))!.seal('f', 'v');
    const vault = new PersonalDataVault(kmsMasterKey(kms, keyId));
    for (let i = 0; i < 3; i++) expect((await vault.cipherFor('4401', store, { create: false }))!.open('f', sealed)).toBe('v');
    expect(kms.calls).toEqual([`GenerateDataKey ${keyId} AES_256`, `Decrypt ${keyId}`]);
  });

  it('binds the wrapped key to its tenant through the encryption context', async () => {
    const kms = kmsLike();
    const store = memoryStore();
    await new PersonalDataVault(kmsMasterKey(kms, keyId)).cipherFor('4401', store, { create: true });
    store.rows.set('4403', store.rows.get('4401')!);
    await expect(new PersonalDataVault(kmsMasterKey(kms, keyId)).cipherFor('4403', store, { create: false })).rejects.toThrow(/InvalidCiphertext/);
  });

  it('signs requests exactly as the AWS SDK’s SigV4 signer does', async () => {
    type SourceData = string | ArrayBuffer | ArrayBufferView;
    const bytes = (d: SourceData) => (typeof d === 'string' ? d : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d));
    class Sha256 {
      private readonly h;
      constructor(secret?: SourceData) {
        this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
      }
      update(data: SourceData) {
        this.h.update(bytes(data));
      }
      async digest() {
        return new Uint8Array(this.h.digest());
      }
    }
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token/+=' };
    const at = new Date('2026-11-25T02:03:04Z');
    const body = JSON.stringify({ KeyId: keyId, KeySpec: 'AES_256' });
    const ours = signKmsRequest({ url: new URL('https://kms.cn-north-1.amazonaws.com.cn/'), region: 'cn-north-1', target: 'TrentService.GenerateDataKey', body, credentials, at });
    const sdk = await new SignatureV4({ service: 'kms', region: 'cn-north-1', credentials, sha256: Sha256, applyChecksum: false }).sign(
      {
        method: 'POST', protocol: 'https:', hostname: 'kms.cn-north-1.amazonaws.com.cn', path: '/', query: {},
        headers: { host: 'kms.cn-north-1.amazonaws.com.cn', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.GenerateDataKey' },
        body,
      },
      { signingDate: at },
    );
    expect(ours.authorization).toBe(sdk.headers.authorization);
  });

  it('posts the KMS JSON protocol and reports KMS errors by type', async () => {
    const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
    const api = kmsHttpApi({
      region: 'cn-northwest-1',
      credentials: () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' }),
      fetch: async (url, init) => {
        sent.push({ url: String(url), headers: init!.headers as Record<string, string>, body: String(init!.body) });
        return sent.length === 1
          ? new Response(JSON.stringify({ KeyId: keyId, Plaintext: 'cA==', CiphertextBlob: 'Yg==' }), { status: 200 })
          : new Response(JSON.stringify({ __type: 'AccessDeniedException', message: 'no' }), { status: 400 });
      },
    });
    expect(await api.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { tenant: '4401' } })).toEqual({ KeyId: keyId, Plaintext: 'cA==', CiphertextBlob: 'Yg==' });
    expect(sent[0]!.url).toBe('https://kms.cn-northwest-1.amazonaws.com.cn/');
    expect(sent[0]!.headers['x-amz-target']).toBe('TrentService.GenerateDataKey');
    expect(sent[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/cn-northwest-1\/kms\/aws4_request/);
    await expect(api.decrypt({ KeyId: keyId, CiphertextBlob: 'Yg==', EncryptionContext: {} })).rejects.toThrow('KMS Decrypt failed: HTTP 400 AccessDeniedException');
  });
});
