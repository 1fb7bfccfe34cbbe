import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { divisions } from '../../db/schema/index.js';
import { readAsTenant } from '../../db/tenant.js';
import type { Clock } from '../clock.js';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../errors.js';
import { inForce } from '../hierarchy/service.js';
import type { Principal } from './principal.js';
import { msg } from './messages.js';

const CACHE_LIMIT = 10_000;
const KNOWN_FOR_MS = 60_000;

export interface UnitsInForce {
  /** Refuses (403 unit_unknown) a city principal whose unit is neither its city nor a division of it in force today. */
  require(principal: Principal): Promise<void>;
}

/**
 * "My unit and below" is a prefix, so a unit that is not on the map (441900, the placeholder county of a city without
 * districts) would cover real streets. A unit found in force is remembered for a minute per process, so the hot path
 * adds no round trip; a unit not found is asked again each time, so a division added today is known at once.
 */
export function unitsInForce(db: Db, clock: Clock): UnitsInForce {
  const known = new Map<string, number>();
  return {
    async require(principal) {
      if (principal.kind !== 'city' || principal.unit === principal.tenant) return;
      const key = `${principal.tenant}:${principal.unit}`;
      const now = clock.now();
      const until = known.get(key);
      if (until !== undefined && until > now.getTime()) return;
      known.delete(key);
      const [row] = await readAsTenant(db, principal, (tx) =>
        tx.select({ code: divisions.code }).from(divisions).where(and(eq(divisions.code, principal.unit), inForce(shanghaiDate(now)))).limit(1),
      );
      if (!row) throw new AppError('unit_unknown', msg.token_unit_not_in_force({ unit: principal.unit, tenant: principal.tenant }));
      if (known.size >= CACHE_LIMIT) known.delete(known.keys().next().value!);
      known.set(key, now.getTime() + KNOWN_FOR_MS);
    },
  };
}
