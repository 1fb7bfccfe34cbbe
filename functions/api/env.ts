import type { Principal } from '../../shared/auth/principal.js';
import type { ServiceContext } from '../../shared/context.js';
import type { Logger } from '../../shared/logger.js';

export interface ApiEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    principal: Principal;
    ctx: ServiceContext;
    /** Set by relayAfterCommit where the app relays the outbox after commit. */
    outboxWritten?: () => void;
  };
}
