import type { Db } from '../db/client.js';
import type { Principal } from './auth/principal.js';
import type { ChannelDeps } from './channels/deps.js';
import type { Clock } from './clock.js';
import type { Language } from './i18n.js';
import type { EmailChannel } from './notifications/email.js';
import type { Logger } from './logger.js';
import type { PersonalDataVault } from './personal-data/envelope.js';
import type { ArchiveDelivery } from './tenant-export/store.js';
import type { TenantExportService } from './tenant-export/verbs.js';

export interface ServiceContext {
  principal: Principal;
  db: Db;
  clock: Clock;
  logger: Logger;
  requestId: string;
  /** The language of what the caller reads (Accept-Language); absent → Simplified Chinese. */
  language?: Language | undefined;
  config: { provinceCode: string; provinceName: string; trustedProxyHops?: number | undefined };
  /** Where notification e-mail goes; absent → in-app inbox only. */
  mail?: EmailChannel | undefined;
  /** The WeCom and SMS adapters and the channel secret store; absent → channels cannot be configured or delivered here. */
  channels?: ChannelDeps | undefined;
  /** Told when an outbox row was written, so the entry point can relay right after the commit. */
  outboxWritten?: (() => void) | undefined;
  /** Seals and opens phone and ID numbers; absent → writes and reads of them are refused as unavailable. */
  personalData?: PersonalDataVault | undefined;
  /** Where a tenant export too large for a response goes (S3 in AWS, a local directory in the local stack). */
  archives?: ArchiveDelivery | undefined;
  /** The tenant-export verbs, where this function serves them; absent (the API function) → refused as unavailable. */
  tenantExports?: TenantExportService | undefined;
}

export interface Call<I> {
  ctx: ServiceContext;
  input: I;
}
