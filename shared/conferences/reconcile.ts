import { and, eq, gt, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { conferenceOccurrences, conferenceSeries } from '../../db/schema/index.js';
import type { ServiceContext } from '../context.js';
import { addMonths, HORIZON_MONTHS } from './rules.js';
import { materialiseSeries } from './scheduling.js';

export interface SeriesRepair {
  /** Series whose meetings did not follow their current revision or had none in the horizon, and were brought in line. */
  series: number;
  occurrences: number;
}

/**
 * What a lost `conference.series_changed` message would have done, found from the data: a series whose materialised
 * revision is behind its revision (whatever its status), or an active one with no meeting in the 12-month horizon, is
 * materialised now. Only series that this changed count as repaired; running it twice repairs nothing the second time.
 */
export async function reconcileConferenceSeries(tx: Tx, ctx: ServiceContext, asOf: Date): Promise<SeriesRepair> {
  const horizon = addMonths(asOf, HORIZON_MONTHS);
  const inHorizon = tx
    .select({ one: sql`1` })
    .from(conferenceOccurrences)
    .where(and(eq(conferenceOccurrences.seriesId, conferenceSeries.id), gt(conferenceOccurrences.startsAt, asOf), lte(conferenceOccurrences.startsAt, horizon)));
  const candidates = await tx
    .select()
    .from(conferenceSeries)
    .where(or(sql`${conferenceSeries.materialisedRevision} is distinct from ${conferenceSeries.revision}`, and(eq(conferenceSeries.status, 'active'), sql`not exists ${inHorizon}`)))
    .orderBy(conferenceSeries.id)
    .for('update');
  const repair: SeriesRepair = { series: 0, occurrences: 0 };
  for (const series of candidates) {
    const result = await materialiseSeries(tx, ctx, series, asOf);
    if (result.created + result.rescheduled + result.cancelled > 0) repair.series++;
    repair.occurrences += result.created;
  }
  return repair;
}
