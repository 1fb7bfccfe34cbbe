import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWith, sealWith, type MasterKey } from './envelope.js';

const FORMAT = 'local1';

/**
 * The master key of the local stack and tests: 32 random bytes in `<dataDir>/keys/personal-data-master.key`
 * (mode 0600), made on first start. Losing the file loses every tenant's personal data, as losing a KMS key would.
 */
export function localMasterKey(dataDir: string): MasterKey {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'personal-data-master.key');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const master = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (master.length !== 32) throw new Error(`${file} does not hold a 256-bit key`);
  const aad = (tenant: string) => `shequ-data-key|${tenant}`;
  return {
    id: `local:${createHash('sha256').update(master).digest('hex').slice(0, 16)}`,
    async generateDataKey(tenant) {
      const plaintext = randomBytes(32);
      const { iv, body } = sealWith(master, aad(tenant), plaintext.toString('base64'));
      return { plaintext, wrapped: `${FORMAT}.${iv}.${body}` };
    },
    async unwrapDataKey(tenant, wrapped) {
      const [format, iv, body] = wrapped.split('.');
      if (format !== FORMAT || !iv || !body) throw new Error('not a locally wrapped data key');
      return Buffer.from(openWith(master, aad(tenant), iv, body).toString('utf8'), 'base64');
    },
  };
}
