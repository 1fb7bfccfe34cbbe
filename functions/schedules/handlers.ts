import type { EventBridgeEvent } from 'aws-lambda';
import type { RelayDeps, RelayOptions, RelayResult } from '../../shared/outbox/relay.js';
import { relayOutbox } from '../../shared/outbox/relay.js';
import type { SweepJobName } from '../../shared/sweeps/catalogue.js';
import { fanOutSweep, schedulerPrincipal, type FanOutResult } from '../../shared/sweeps/service.js';
import type { ProcessDeps } from '../../shared/workers/process.js';

/** EventBridge's scheduled event; `detail.asOf` lets an operator replay a day by invoking the function by hand. */
export type ScheduleEvent = Pick<EventBridgeEvent<'Scheduled Event', { asOf?: string }>, 'time'> & { detail?: { asOf?: string } };

export type ScheduleDeps = ProcessDeps & RelayDeps;

/**
 * A sweep: one outbox message per active city for the rule's time (or the asked-for asOf), then a relay pass so the
 * messages leave now; whatever SQS refuses stays in the outbox for the one-minute relay.
 */
export function createSweepHandler(job: SweepJobName, deps: ScheduleDeps) {
  return async (event: ScheduleEvent): Promise<FanOutResult & { relay: RelayResult }> => {
    const asOf = new Date(event.detail?.asOf ?? event.time ?? deps.clock.now().toISOString());
    if (Number.isNaN(asOf.getTime())) throw new Error(`asOf ${event.detail?.asOf ?? event.time} is not a time`);
    const ctx = { principal: schedulerPrincipal, db: deps.db, clock: deps.clock, logger: deps.logger.child({ job }), requestId: `schedule:${job}:${asOf.toISOString()}`, config: deps.config };
    const result = await fanOutSweep({ ctx, input: { job, asOf } });
    return { ...result, relay: await relayOutbox(deps) };
  };
}

export function createRelayHandler(deps: RelayDeps, options?: RelayOptions) {
  return async (): Promise<RelayResult> => relayOutbox(deps, options);
}
