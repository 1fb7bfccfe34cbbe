import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Where a city's channel credentials live: Secrets Manager in AWS, files under the data directory locally. Values are written, never shown. */
export interface SecretStore {
  readonly name: string;
  get(name: string): Promise<string | null>;
  put(name: string, value: string): Promise<void>;
  /** Every value held: only the local stand-ins use it, to check a signature against the secret it was made with. */
  values?(): Promise<string[]>;
}

/** One city's channel credentials, as the secret's JSON value holds them. */
export const channelSecret = z.object({
  wecom: z.object({ corpId: z.string().min(1), agentId: z.number().int(), secret: z.string().min(1), apiBase: z.url().optional() }).optional(),
  sms: z.object({ accessKeyId: z.string().min(1), accessKeySecret: z.string().min(1), signName: z.string().min(1), templateCode: z.string().min(1), endpoint: z.url().optional() }).optional(),
});
export type ChannelSecret = z.infer<typeof channelSecret>;

export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return { name: 'memory', get: async (name) => values.get(name) ?? null, put: async (name, value) => void values.set(name, value), values: async () => [...values.values()] };
}

/** The local stand-in for Secrets Manager: one file per secret under `<dir>`, readable by the owner only. */
export function fileSecretStore(dir: string): SecretStore {
  const path = (name: string) => join(dir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  return {
    name: 'file',
    async get(name) {
      try {
        return readFileSync(path(name), 'utf8');
      } catch {
        return null;
      }
    },
    async put(name, value) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(path(name), value, { mode: 0o600 });
      chmodSync(path(name), 0o600);
    },
    async values() {
      try {
        return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(dir, f), 'utf8'));
      } catch {
        return [];
      }
    },
  };
}

/** AWS Secrets Manager; the SDK is loaded on first use, so the API bundle does not carry it into every cold start. */
export function secretsManagerStore(region?: string): SecretStore {
  type Sdk = typeof import('@aws-sdk/client-secrets-manager');
  let loaded: Promise<{ sdk: Sdk; client: InstanceType<Sdk['SecretsManagerClient']> }> | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-secrets-manager').then((sdk) => ({ sdk, client: new sdk.SecretsManagerClient(region ? { region } : {}) })));
  return {
    name: 'secrets-manager',
    async get(name) {
      const { sdk, client } = await load();
      try {
        return (await client.send(new sdk.GetSecretValueCommand({ SecretId: name }))).SecretString ?? null;
      } catch (error) {
        if (error instanceof Error && error.name === 'ResourceNotFoundException') return null;
        throw error;
      }
    },
    async put(name, value) {
      const { sdk, client } = await load();
      try {
        await client.send(new sdk.PutSecretValueCommand({ SecretId: name, SecretString: value }));
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
        await client.send(new sdk.CreateSecretCommand({ Name: name, SecretString: value, Description: 'Shequ: a city’s notification channel credentials (WeCom, SMS)' }));
      }
    },
  };
}

/** A city's credentials, read through a short cache so a burst of deliveries does not call the store each time. */
export class ChannelSecrets {
  private readonly cache = new Map<string, { value: ChannelSecret; until: number }>();
  constructor(
    readonly store: SecretStore,
    readonly prefix: string,
    private readonly ttlMs = 300_000,
  ) {}

  nameOf(tenant: string): string {
    return `${this.prefix}${tenant}`;
  }

  async read(tenant: string, now: number): Promise<ChannelSecret> {
    const hit = this.cache.get(tenant);
    if (hit && hit.until > now) return hit.value;
    const raw = await this.store.get(this.nameOf(tenant));
    const value = raw ? channelSecret.parse(JSON.parse(raw)) : {};
    this.cache.set(tenant, { value, until: now + this.ttlMs });
    return value;
  }

  async write(tenant: string, patch: ChannelSecret, now: number): Promise<void> {
    this.cache.delete(tenant);
    const current = await this.read(tenant, now);
    await this.store.put(this.nameOf(tenant), JSON.stringify({ ...current, ...patch }));
    this.cache.delete(tenant);
  }
}
