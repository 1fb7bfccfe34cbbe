import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { committeeMembers, trainingObligations } from '../../db/schema/index.js';
import { committeePositionLabels, type CommitteePosition } from '../committees/rules.js';
import type { ServiceContext } from '../context.js';
import { newId } from '../ids.js';
import { notify } from '../notifications/service.js';
import { personalDataCipher, shownValue } from '../personal-data/service.js';
import type { QueueMessage } from '../queues.js';
import { recordSweepRun, reportRepairs } from '../sweeps/service.js';
import { shanghaiDay } from '../time.js';
import type { MessageBatchCall, MessageCall } from '../workers/process.js';
import { stageReason, supervisingUnit, trainingDueDate } from './rules.js';
import { reconcileTermObligations } from './reconcile.js';
import { readTrainingSettings } from './service.js';

type TrainingMessage<T extends QueueMessage<'trainingReminders'>['type']> = Extract<QueueMessage<'trainingReminders'>, { type: T }>;
type TrainingCall<T extends QueueMessage<'trainingReminders'>['type']> = MessageCall<TrainingMessage<T>>;

/**
 * A certified election started a term: each of its members owes training within a year of the election date
 * (一年内轮训一遍). Training already recorded since the election counts at once. A redelivery creates nothing twice.
 */
export async function startTrainingObligations({ ctx, tx, input }: TrainingCall<'committee.term_started'>) {
  const [election] = rowsOf<{ election_date: string }>(await tx.execute(sql`select to_char(election_date, 'YYYY-MM-DD') as election_date from elections where id = ${input.electionId}`));
  const electionDate = election?.election_date ?? input.termStartsOn;
  const dueOn = trainingDueDate(electionDate);
  const now = ctx.clock.now();
  const members = await tx.select({ id: committeeMembers.id, tenantId: committeeMembers.tenantId, committeeId: committeeMembers.committeeId, termId: committeeMembers.termId })
    .from(committeeMembers)
    .where(and(inArray(committeeMembers.id, input.memberIds), eq(committeeMembers.termId, input.termId)));
  const created = members.length
    ? await tx.insert(trainingObligations).values(members.map((m) => ({
      id: newId(now.getTime()), tenantId: m.tenantId, memberId: m.id, committeeId: m.committeeId, communityCode: input.communityCode, termId: m.termId,
      electionId: input.electionId, electionDate, dueOn, state: 'open' as const, createdAt: now, updatedAt: now,
    }))).onConflictDoNothing().returning({ id: trainingObligations.id })
    : [];
  const met = rowsOf<{ id: string }>(await tx.execute(sql`
    update training_obligations o set state = 'completed', completed_on = c.completed_on, completion_id = c.id, updated_at = ${now.toISOString()}::timestamptz
    from (select distinct on (member_id) member_id, id, completed_on from training_completions
          where member_id in (${sql.join(input.memberIds.map((id) => sql`${id}::uuid`), sql`, `)}) and completed_on >= ${electionDate}::date
          order by member_id, completed_on, id) c
    where o.member_id = c.member_id and o.term_id = ${input.termId} and o.state = 'open'
    returning o.id`));
  return { termId: input.termId, electionDate, dueOn, created: created.length, alreadyMet: met.length };
}

/**
 * The set-based form of startTrainingObligations for the terms of many elections certified at once (换届): the same rows
 * as running it message by message, in order, in three statements whatever the number of messages: the elections'
 * dates, one insert of the obligations of every named member of its term (the members joined in the same statement),
 * and one update of those already met by training recorded since the election.
 */
export async function startTrainingObligationsBatch({ ctx, tx, messages }: MessageBatchCall<TrainingMessage<'committee.term_started'>>) {
  const inputs = messages.map((m) => m.input);
  const now = ctx.clock.now();
  const electionIds = [...new Set(inputs.map((i) => i.electionId))];
  const dates = new Map(
    rowsOf<{ id: string; election_date: string }>(await tx.execute(sql`
      select id, to_char(election_date, 'YYYY-MM-DD') as election_date from elections where id = any(${sql.param(electionIds)}::uuid[])`))
      .map((r) => [r.id, r.election_date]),
  );
  // One entry per member a message names, in message order: where two messages name the same (member, term), the first
  // one's row is kept and the first with training since its election decides, as one by one.
  const named = inputs.flatMap((input, ord) => {
    const electionDate = dates.get(input.electionId) ?? input.termStartsOn;
    const dueOn = trainingDueDate(electionDate);
    return input.memberIds.map((memberId) => ({ id: newId(now.getTime()), memberId, termId: input.termId, communityCode: input.communityCode, electionId: input.electionId, electionDate, dueOn, ord }));
  });
  const column = <K extends keyof (typeof named)[number]>(key: K) => sql.param(named.map((n) => n[key]));
  const at = now.toISOString();
  const created = rowsOf<{ id: string }>(await tx.execute(sql`
    insert into training_obligations (id, tenant_id, member_id, committee_id, community_code, term_id, election_id, election_date, due_on, state, created_at, updated_at)
    select v.id, m.tenant_id, m.id, m.committee_id, v.community_code, m.term_id, v.election_id, v.election_date, v.due_on, 'open', ${at}::timestamptz, ${at}::timestamptz
    from unnest(${column('id')}::uuid[], ${column('memberId')}::uuid[], ${column('termId')}::uuid[], ${column('communityCode')}::text[], ${column('electionId')}::uuid[],
                ${column('electionDate')}::date[], ${column('dueOn')}::date[]) with ordinality as v(id, member_id, term_id, community_code, election_id, election_date, due_on, n)
    join committee_members m on m.id = v.member_id and m.term_id = v.term_id
    order by v.n
    on conflict do nothing
    returning id`));
  const met = rowsOf<{ id: string }>(await tx.execute(sql`
    update training_obligations o set state = 'completed', completed_on = c.completed_on, completion_id = c.id, updated_at = ${at}::timestamptz
    from (select distinct on (v.member_id, v.term_id) v.member_id, v.term_id, t.id, t.completed_on
          from unnest(${column('memberId')}::uuid[], ${column('termId')}::uuid[], ${column('electionDate')}::date[], ${column('ord')}::int[]) as v(member_id, term_id, election_date, ord)
          join training_completions t on t.member_id = v.member_id and t.completed_on >= v.election_date
          order by v.member_id, v.term_id, v.ord, t.completed_on, t.id) c
    where o.member_id = any(${column('memberId')}::uuid[]) and o.member_id = c.member_id and o.term_id = c.term_id and o.state = 'open'
    returning o.id`));
  return { messages: messages.length, created: created.length, alreadyMet: met.length };
}

interface ClaimedReminder {
  obligation_id: string;
  stage: string;
  member_id: string;
  member_name: string;
  position: CommitteePosition;
  phone_sealed: string | null;
  committee_name: string;
  community_code: string;
  election_date: string;
  due_on: string;
}

interface OpenSession {
  unit_code: string;
  session_date: string;
  start_time: string | null;
  place: string;
  seats_left: number;
  title: string;
}

type Stages = { beforeDueDays: number[]; overdueEveryDays: number; escalateAfterDays: number };

/**
 * Every open obligation of the city that has reached a reminder stage on `day` and has not had it yet. Only the latest
 * threshold crossed counts, so a sweep missed for a week does not send three stages at once.
 */
export function dueReminders(tenant: string, day: string, stages: Stages) {
  const ascending = [...stages.beforeDueDays].sort((a, b) => a - b);
  const horizon = ascending.at(-1)!;
  const toDue = sql`(o.due_on - ${day}::date)`;
  const dueStage = sql.join(ascending.map((d) => sql`when ${toDue} <= ${d}::int then ${`due_${d}d`}::text`), sql` `);
  const overdueDays = sql`(${day}::date - o.due_on)`;
  return sql`
    select o.tenant_id, o.id, o.member_id, o.committee_id, o.community_code, o.election_date, o.due_on, st.stage
    from training_obligations o
    cross join lateral (values
      (case when ${toDue} > 0 then case ${dueStage} end end),
      (case when ${overdueDays} >= 0 then 'overdue_w' || (${overdueDays} / ${stages.overdueEveryDays}::int) end),
      (case when ${overdueDays} >= ${stages.escalateAfterDays}::int then 'escalated_w' || ((${overdueDays} - ${stages.escalateAfterDays}::int) / ${stages.overdueEveryDays}::int) end)
    ) st(stage)
    where o.tenant_id = ${tenant} and o.state = 'open' and o.due_on <= ${day}::date + ${horizon}::int and st.stage is not null
      and not exists (select 1 from training_reminders r where r.tenant_id = o.tenant_id and r.obligation_id = o.id and r.stage = st.stage)`;
}

/**
 * The one set-based statement of the sweep: the reminders due (above) are claimed in `training_reminders` by their
 * natural key (obligation, stage) as they are found, and come back with what a reminder names.
 */
export function claimDueReminders(tenant: string, day: string, stages: Stages, sentAt: Date) {
  return sql`
    with reached as (${dueReminders(tenant, day, stages)}),
    claimed as (
      insert into training_reminders (tenant_id, obligation_id, stage, as_of_day, sent_at)
      select tenant_id, id, stage, ${day}::date, ${sentAt.toISOString()}::timestamptz from reached
      on conflict do nothing
      returning obligation_id, stage
    )
    select c.obligation_id, c.stage, m.id as member_id, m.name as member_name, m.position, m.phone_sealed, k.name as committee_name,
      o.community_code, to_char(o.election_date, 'YYYY-MM-DD') as election_date, to_char(o.due_on, 'YYYY-MM-DD') as due_on
    from claimed c
    join reached o on o.id = c.obligation_id and o.stage = c.stage
    cross join lateral (select m.id, m.name, m.position, m.phone_sealed from committee_members m where m.id = o.member_id) m
    cross join lateral (select k.name from committees k where k.id = o.committee_id) k
    order by o.community_code, m.name, c.stage`;
}

const NEXT_SESSIONS = 3;

function reminderText(r: ClaimedReminder, phone: string | null, sessions: OpenSession[]) {
  const { reason, audience } = stageReason(r.stage);
  const who = `${r.member_name}（${committeePositionLabels[r.position]}${phone ? `，手机 ${phone}` : ''}）`;
  const lead = audience === 'member'
    ? `${r.committee_name}${who}须于${r.due_on}前完成培训（${r.election_date}当选，一年内轮训一遍），${reason}。`
    : `${r.committee_name}${who}应于${r.due_on}前完成培训（${r.election_date}当选），至今未完成，${reason}。`;
  const next = sessions.length
    ? `近期尚有名额的培训班：\n${sessions.map((s) => `- ${s.session_date}${s.start_time ? ` ${s.start_time}` : ''} ${s.title}，地点：${s.place}，余${s.seats_left}个名额`).join('\n')}`
    : '近期暂无尚有名额的培训班，请联系街道（镇）安排。';
  const title = audience === 'member' ? `培训提醒：${r.member_name}（${r.committee_name}）` : audience === 'street' ? `培训逾期：${r.member_name}（${r.committee_name}）` : `培训逾期督办：${r.member_name}（${r.committee_name}）`;
  return { title, body: `${lead}\n${next}`, reason, audience };
}

async function sendReminders(tx: Tx, ctx: ServiceContext, tenant: string, day: string, claimed: ClaimedReminder[], unitEmails: Record<string, string>): Promise<number> {
  if (!claimed.length) return 0;
  const sessions = rowsOf<OpenSession>(await tx.execute(sql`
    select s.unit_code, to_char(s.session_date, 'YYYY-MM-DD') as session_date, s.start_time, s.place, s.capacity - s.enrolled as seats_left, p.title
    from training_sessions s join training_plans p on p.id = s.plan_id
    where s.session_date >= ${day}::date and s.enrolled < s.capacity
    order by s.session_date, s.start_time nulls first, s.id limit 500`));
  const cipher = claimed.some((r) => r.phone_sealed) ? await personalDataCipher(ctx, tx, tenant, { create: false }) : null;
  let sent = 0;
  for (const r of claimed) {
    const phone = shownValue(cipher, 'phone', `committee_members.phone:${r.member_id}`, r.phone_sealed, false);
    const open = sessions.filter((s) => r.community_code.startsWith(s.unit_code) && s.session_date < r.due_on).slice(0, NEXT_SESSIONS);
    const text = reminderText(r, phone, open.length ? open : sessions.filter((s) => r.community_code.startsWith(s.unit_code)).slice(0, NEXT_SESSIONS));
    const street = r.community_code.slice(0, 9);
    const recipients = text.audience === 'member' ? [r.community_code, street] : text.audience === 'street' ? [street] : [supervisingUnit(r.community_code)];
    for (const unit of recipients) {
      await notify({
        ctx, tx,
        input: {
          recipient: { kind: 'unit', id: unit }, reasonCode: `training.${r.stage}`, reason: text.reason, title: text.title, body: text.body,
          link: `/training/obligations?parent=${r.community_code}`, email: unitEmails[unit] ?? null, dedupKey: `training:${r.obligation_id}:${r.stage}:${unit}`,
        },
      });
      sent++;
    }
  }
  return sent;
}

/** The daily sweep of one city: obligations of members who left close as not applicable, then each stage due goes out once. */
export async function runTrainingSweep(call: TrainingCall<'training.sweep'>) {
  const { ctx, tx, input } = call;
  const run = await recordSweepRun(call);
  const asOf = new Date(input.asOf);
  const day = shanghaiDay(asOf);
  const now = ctx.clock.now();
  const repaired = reportRepairs(ctx, input, await reconcileTermObligations(tx, ctx, input.tenant));
  const closed = rowsOf<{ id: string }>(await tx.execute(sql`
    update training_obligations o set state = 'not_applicable', closed_on = m.left_on, updated_at = ${now.toISOString()}::timestamptz
    from committee_members m
    where m.id = o.member_id and o.state = 'open' and m.left_on is not null and m.left_on <= ${day}::date
    returning o.id`));
  const settings = await readTrainingSettings(tx, input.tenant);
  const claimed = rowsOf<ClaimedReminder>(await tx.execute(claimDueReminders(input.tenant, day, settings.reminders, now)));
  const notifications = await sendReminders(tx, ctx, input.tenant, day, claimed, settings.unitEmails);
  return { day: run.day, repaired, closedNotApplicable: closed.length, stages: claimed.length, notifications };
}
