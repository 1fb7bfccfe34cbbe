import { SMS_ENDPOINT } from './aliyun-sms.js';
import { ChannelSecrets, type SecretStore } from './secrets.js';
import { WECOM_BASE, WecomTokenCache } from './wecom.js';

/** What the channel adapters need from their process: credentials, where links point, the providers' endpoints. */
export interface ChannelDeps {
  secrets: ChannelSecrets;
  /** The console's absolute address; a notification's link is appended to it (a WeCom card needs an absolute URL). */
  linkBase: string;
  /** The providers' endpoints: the real ones in AWS, the loopback stand-ins locally; a city's secret may name its own WeCom host (粤政易). */
  endpoints: { wecom: string; sms: string };
  fetch: typeof fetch;
  tokens: WecomTokenCache;
}

/** The Secrets Manager names of the cities' channel credentials start with this; the worker may read only these. */
export const DEFAULT_CHANNEL_SECRET_PREFIX = 'shequ/channels/';

export function channelDeps(options: { store: SecretStore; linkBase: string; prefix?: string; endpoints?: Partial<ChannelDeps['endpoints']>; fetch?: typeof fetch }): ChannelDeps {
  return {
    secrets: new ChannelSecrets(options.store, options.prefix ?? DEFAULT_CHANNEL_SECRET_PREFIX),
    linkBase: options.linkBase.replace(/\/$/, ''),
    endpoints: { wecom: options.endpoints?.wecom ?? WECOM_BASE, sms: options.endpoints?.sms ?? SMS_ENDPOINT },
    fetch: options.fetch ?? fetch,
    tokens: new WecomTokenCache(),
  };
}
