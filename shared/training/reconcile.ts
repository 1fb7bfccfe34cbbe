import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import type { ServiceContext } from '../context.js';
import { startTrainingObligationsBatch } from './reminders.js';

export interface TermObligationRepair {
  /** Current terms, started by a certified election, with elected members who had no obligation. */
  terms: number;
  obligations: number;
}

/**
 * What a lost `committee.term_started` message would have made, found from the data instead of the message: every
 * current term that an election started whose elected members have no training obligation gets them, through the same
 * statements as the message. The (member, term) key makes it a no-op when the message comes after all.
 */
export async function reconcileTermObligations(tx: Tx, ctx: ServiceContext, tenant: string): Promise<TermObligationRepair> {
  const terms = rowsOf<{ term_id: string; committee_id: string; community_code: string; election_id: string; starts_on: string; member_ids: string[] }>(await tx.execute(sql`
    select t.id as term_id, t.committee_id, c.community_code, t.election_id, to_char(t.starts_on, 'YYYY-MM-DD') as starts_on,
      array_agg(m.id order by m.id) as member_ids
    from committees c
    join committee_terms t on t.id = c.current_term_id and t.election_id is not null
    join committee_members m on m.term_id = t.id and m.candidate_id is not null
    where not exists (select 1 from training_obligations o where o.member_id = m.id and o.term_id = t.id)
    group by t.id, t.committee_id, c.community_code, t.election_id, t.starts_on
    order by t.id`));
  if (!terms.length) return { terms: 0, obligations: 0 };
  const messages = terms.map((t) => ({
    messageKey: `reconcile:${t.term_id}`,
    input: {
      version: 1 as const, type: 'committee.term_started' as const, tenant, committeeId: t.committee_id, communityCode: t.community_code,
      termId: t.term_id, electionId: t.election_id, termStartsOn: t.starts_on, memberIds: t.member_ids,
    },
  }));
  const { created } = await startTrainingObligationsBatch({ ctx, tx, messages });
  return { terms: terms.length, obligations: created };
}
