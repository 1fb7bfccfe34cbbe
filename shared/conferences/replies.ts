import { cityScopedSystem } from '../auth/principal.js';
import { eq } from 'drizzle-orm';
import { conferenceInvitations, conferenceOccurrences, conferenceReplyTokens, conferenceSeries, memberUnits } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import type { Principal } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { requireActiveTenant } from '../tenancy/service.js';
import { shanghaiTime } from '../time.js';
import { agendaOf, unitNames } from './agenda.js';
import type { ReplyInput, ReplyView } from './schemas.js';
import { readToken } from './tokens.js';
import { msg, replyLabels } from './messages.js';

const linkPrincipal = (tenant: string): Principal => cityScopedSystem('reply-link', tenant);
const invalid = () => notFound(msg.reply_link_not_found());

/** Opens a reply link: the token is the only credential, so an unknown one and another city's look the same (404). */
async function withReplyLink<T>(ctx: ServiceContext, token: string, work: (found: Found, context: ServiceContext) => Promise<T>): Promise<T> {
  const parsed = readToken(token);
  if (!parsed) throw invalid();
  const principal = linkPrincipal(parsed.tenant);
  const context = { ...ctx, principal };
  return withTenant(ctx.db, principal, async (tx) => {
    const [found] = await tx
      .select({ i: conferenceInvitations, o: conferenceOccurrences, s: conferenceSeries, unitName: memberUnits.name })
      .from(conferenceReplyTokens)
      .innerJoin(conferenceInvitations, eq(conferenceInvitations.id, conferenceReplyTokens.invitationId))
      .innerJoin(conferenceOccurrences, eq(conferenceOccurrences.id, conferenceInvitations.occurrenceId))
      .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceOccurrences.seriesId))
      .innerJoin(memberUnits, eq(memberUnits.id, conferenceInvitations.memberUnitId))
      .where(eq(conferenceReplyTokens.tokenHash, parsed.hash));
    if (!found) throw invalid();
    await requireActiveTenant(tx, parsed.tenant);
    if (found.o.status !== 'scheduled') throw new AppError('reply_link_expired', found.o.status === 'cancelled' ? msg.meeting_cancelled() : msg.meeting_taken_place());
    if (ctx.clock.now() >= found.o.endsAt) throw new AppError('reply_link_expired', msg.replies_closed({ time: shanghaiTime(found.o.endsAt) }));
    return work({ ...found, tx }, context);
  });
}

type Found = { i: typeof conferenceInvitations.$inferSelect; o: typeof conferenceOccurrences.$inferSelect; s: typeof conferenceSeries.$inferSelect; unitName: string; tx: Parameters<Parameters<typeof withTenant>[2]>[0] };

async function replyView(f: Found, now: Date, invitation = f.i): Promise<ReplyView> {
  const names = await unitNames(f.tx, [f.s.convenerUnit], now);
  return {
    conference: f.s.title,
    convenerUnit: f.s.convenerUnit,
    convenerName: names.get(f.s.convenerUnit) ?? null,
    memberUnit: f.unitName,
    startsAtLocal: shanghaiTime(f.o.startsAt),
    endsAtLocal: shanghaiTime(f.o.endsAt),
    venue: f.o.venue,
    status: f.o.status,
    agenda: await agendaOf(f.tx, f.s, f.o),
    reply: invitation.reply,
    replyLabel: replyLabels[invitation.reply],
    delegateName: invitation.delegateName,
    repliedAt: invitation.repliedAt?.toISOString() ?? null,
    replyOpenUntil: shanghaiTime(f.o.endsAt),
  };
}

export async function readReplyLink({ ctx, input }: Call<{ token: string }>): Promise<ReplyView> {
  return withReplyLink(ctx, input.token, (found) => replyView(found, ctx.clock.now()));
}

/** Accept, decline or delegate; a later reply through any of the invitee's links replaces the earlier one. */
export async function replyToInvitation({ ctx, input }: Call<{ token: string } & ReplyInput>): Promise<ReplyView> {
  return withReplyLink(ctx, input.token, async (found, context) => {
    const [updated] = await found.tx
      .update(conferenceInvitations)
      .set({ reply: input.reply, delegateName: input.reply === 'delegated' ? input.delegateName! : null, replyComment: input.comment ?? null, repliedAt: ctx.clock.now() })
      .where(eq(conferenceInvitations.id, found.i.id))
      .returning();
    await recordAudit(found.tx, context, { action: 'conference_invitation.replied', entity: 'conference_invitation', entityId: found.i.id, detail: { reply: input.reply } });
    return replyView(found, ctx.clock.now(), updated!);
  });
}
