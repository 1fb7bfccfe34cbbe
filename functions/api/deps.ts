import type { JSONWebKeySet } from 'jose';
import type { Db } from '../../db/client.js';
import type { TokenVerifier } from '../../shared/auth/tokens.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ChannelDeps } from '../../shared/channels/deps.js';
import type { PersonalDataVault } from '../../shared/personal-data/envelope.js';
import type { ArchiveDelivery } from '../../shared/tenant-export/store.js';
import type { TenantExportService } from '../../shared/tenant-export/verbs.js';
import type { LocalSignIn, OidcSignIn } from '../console/options.js';
import type { RendererScript } from './docs-renderer.js';

export interface AppDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  verifier: TokenVerifier;
  config: { provinceCode: string; provinceName: string; trustedProxyHops?: number | undefined };
  /** Served at /.well-known/jwks.json by the local stack, which signs its own development tokens. */
  publicJwks?: JSONWebKeySet;
  /** Called after a request that wrote an outbox row has finished, so the local stack relays at once. */
  afterOutboxCommit?: () => void;
  /** Envelope encryption of personal data: a local key file in the local stack and tests, KMS in AWS. */
  personalData?: PersonalDataVault;
  /** The channel secret store (credentials are written through the API, read only by the notification worker). */
  channels?: ChannelDeps;
  /** Where a tenant export too large for a response is put: the S3 export bucket in AWS, a directory locally. */
  archives?: ArchiveDelivery;
  /** The tenant-export verbs (shared/tenant-export/service.ts): the export function's, not the API function's (createApp adds them). */
  tenantExports?: TenantExportService;
  /** The web console under /console: how people sign in, and whether cookies are Secure (always in AWS). */
  console?: { signIn: LocalSignIn | OidcSignIn; secureCookies: boolean };
  /** The API reference's script for /docs/scalar.js: beside the bundle in AWS, from node_modules locally; absent, 404. */
  docsRenderer?: RendererScript;
}
