import { cityScopedSystem } from '../auth/principal.js';
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, ilike, inArray, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Tx } from '../../db/client.js';
import { consultationCalendarDays, consultationRateBuckets, consultations, consultationSettings, divisions } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, roleLabel, unitCovers, type Principal } from '../auth/principal.js';
import { issueToken, readToken } from '../conferences/tokens.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate, type IsoDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { inForce } from '../hierarchy/service.js';
import { newId } from '../ids.js';
import { maskPhone, parsePhone } from '../personal-data/identifiers.js';
import { authoriseReveal, personalDataCipher, shownValue } from '../personal-data/service.js';
import { scopeOf } from '../reform/service.js';
import { containsPattern, sortOf } from '../schemas.js';
import { tenantStatusOf } from '../tenancy/service.js';
import { msg } from './messages.js';
import {
  addWorkingDays,
  calendarDayKindLabels,
  calendarOf,
  consultationHandlers,
  consultationRatingLabels,
  consultationSettingsEditors,
  consultationStatusLabels,
  defaultAnswerWorkingDays,
  defaultCategories,
  officialCalendar,
  submissionLimits,
  takeToken,
  type BucketRule,
  type CalendarDayKind,
  type WorkingCalendar,
} from './rules.js';
import type {
  CalendarView,
  ConsultationFigures,
  ConsultationQuery,
  ConsultationReceipt,
  ConsultationSettings,
  ConsultationSettingsPatch,
  ConsultationSubmission,
  ConsultationView,
  FigureRow,
  PublicConsultation,
  RatingInput,
} from './schemas.js';

type CityPrincipal = Extract<Principal, { kind: 'city' }>;
type Row = typeof consultations.$inferSelect;

/** Who a public request acts as: the city named in its path, so RLS keeps it to that city's rows. */
const publicPrincipal = (tenant: string): Principal => cityScopedSystem('public:consultation', tenant);

export async function readConsultationSettings(tx: Tx, tenant: string): Promise<ConsultationSettings> {
  const [row] = await tx.select({ value: consultationSettings.value }).from(consultationSettings).where(eq(consultationSettings.tenantId, tenant));
  return { answerWorkingDays: row?.value.answerWorkingDays ?? defaultAnswerWorkingDays, categories: row?.value.categories ?? [...defaultCategories] };
}

/** The city's working calendar: the official schedule (rules.ts) with the city's own days over it. */
export async function readWorkingCalendar(tx: Tx): Promise<WorkingCalendar> {
  return calendarOf(await tx.select({ day: consultationCalendarDays.day, kind: consultationCalendarDays.kind }).from(consultationCalendarDays));
}

async function communityName(tx: Tx, code: string, today: string): Promise<string | null> {
  const [row] = await tx.select({ name: divisions.name }).from(divisions).where(and(eq(divisions.code, code), eq(divisions.level, 'village'), inForce(today)));
  return row?.name ?? null;
}

/**
 * A public request's city and community: an unknown or deactivated city and a community not in force in it look the
 * same to a resident (404), and the work runs as the city's tenant.
 */
async function withPublicCommunity<T>(ctx: ServiceContext, city: string, community: string, work: (tx: Tx, name: string, context: ServiceContext) => Promise<T>): Promise<T> {
  const principal = publicPrincipal(city);
  const context = { ...ctx, principal };
  return withTenant(ctx.db, principal, async (tx) => {
    if ((await tenantStatusOf(tx, city)) !== 'active') throw notFound(msg.consultation_city_not_found());
    const name = community.startsWith(city) ? await communityName(tx, community, shanghaiDate(ctx.clock.now())) : null;
    if (!name) throw notFound(msg.consultation_community_not_found({ communityCode: community }));
    return work(tx, name, context);
  });
}

export async function getPublicCategories({ ctx, input }: Call<{ cityCode: string; communityCode: string }>) {
  return withPublicCommunity(ctx, input.cityCode, input.communityCode, async (tx, name) => {
    const settings = await readConsultationSettings(tx, input.cityCode);
    return { communityName: name, categories: settings.categories, answerWorkingDays: settings.answerWorkingDays };
  });
}

const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const trackingCode = (day: IsoDate) => `${day.replaceAll('-', '')}-${[...randomBytes(6)].map((b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('')}`;

/** The private page of a consultation: the token is the credential; only its hash is stored. */
export const consultationLink = (city: string, community: string, token: string) => `/p/${city}/${community}/consultations/${token}`;

/**
 * Takes one token from a bucket in the city's transaction (the row locked while it is read), or refuses with 429 and
 * Retry-After. A refusal throws, so the transaction and with it the bucket are left as they were.
 */
async function takeFromBucket(tx: Tx, tenant: string, bucket: string, rule: BucketRule, now: Date, refusal: (minutes: number) => ReturnType<typeof msg.consultation_too_many_from_here>): Promise<void> {
  const [stored] = await tx
    .select({ tokens: consultationRateBuckets.tokens, at: consultationRateBuckets.refreshedAt })
    .from(consultationRateBuckets)
    .where(eq(consultationRateBuckets.bucket, bucket))
    .for('update');
  const taken = takeToken(rule, stored ?? null, now);
  if (!taken.ok) throw new AppError('too_many_requests', refusal(Math.ceil(taken.retryAfterSeconds / 60)), { retryAfterSeconds: taken.retryAfterSeconds });
  await tx
    .insert(consultationRateBuckets)
    .values({ tenantId: tenant, bucket, tokens: taken.tokens, refreshedAt: now })
    .onConflictDoUpdate({ target: [consultationRateBuckets.tenantId, consultationRateBuckets.bucket], set: { tokens: taken.tokens, refreshedAt: now } });
}

/** A client address as a bucket key: hashed with the city, so the table never holds an address. */
const addressBucket = (tenant: string, address: string) => `ip:${createHash('sha256').update(`${tenant}|${address}`).digest('hex').slice(0, 32)}`;

/**
 * A resident asks their community (no sign-in): the category must be one of the city's, the phone is sealed, the
 * deadline is counted in the city's working days, and the answer is a tracking code and a private link (shown once).
 */
export async function submitConsultation({ ctx, input }: Call<{ cityCode: string; communityCode: string; clientAddress: string } & ConsultationSubmission>): Promise<ConsultationReceipt> {
  let phone: string | null = null;
  if (input.phone) {
    const parsed = parsePhone(input.phone);
    if (!parsed.ok) throw new AppError('validation_failed', msg.consultation_phone_invalid(), { errors: [{ path: 'body.phone', message: parsed.reason }] });
    phone = parsed.value;
  }
  return withPublicCommunity(ctx, input.cityCode, input.communityCode, async (tx, name, context) => {
    const settings = await readConsultationSettings(tx, input.cityCode);
    if (!settings.categories.includes(input.category)) {
      throw new AppError('validation_failed', msg.consultation_category_unknown({ category: input.category }), { errors: [{ path: 'body.category', message: msg.consultation_category_unknown({ category: input.category }) }] });
    }
    const now = ctx.clock.now();
    await takeFromBucket(tx, input.cityCode, addressBucket(input.cityCode, input.clientAddress), submissionLimits.perIp, now, (minutes) => msg.consultation_too_many_from_here({ minutes }));
    await takeFromBucket(tx, input.cityCode, `community:${input.communityCode}`, submissionLimits.perCommunity, now, (minutes) => msg.consultation_too_many_for_community({ minutes }));
    const receivedOn = shanghaiDate(now);
    const dueOn = addWorkingDays(receivedOn, settings.answerWorkingDays, await readWorkingCalendar(tx));
    const id = newId(now.getTime());
    const { token, hash } = issueToken(input.cityCode);
    const cipher = phone ? await personalDataCipher(ctx, tx, input.cityCode, { create: true }) : null;
    const code = trackingCode(receivedOn);
    await tx.insert(consultations).values({
      id, tenantId: input.cityCode, communityCode: input.communityCode, trackingCode: code, tokenHash: hash, category: input.category, text: input.text,
      residentName: input.name || null, phoneSealed: phone && cipher ? cipher.seal(`consultations.phone:${id}`, phone) : null, phoneMasked: phone ? maskPhone(phone) : null,
      status: 'new', receivedOn, dueOn, createdAt: now, updatedAt: now,
    });
    await recordAudit(tx, context, { action: 'consultation.submitted', entity: 'consultation', entityId: id, detail: { communityCode: input.communityCode, category: input.category } });
    return { trackingCode: code, link: consultationLink(input.cityCode, input.communityCode, token), token, communityName: name, receivedOn, dueOn };
  });
}

/** Opens a private link: the token names its city; an unknown token, another city's, and a deactivated city's look the same (404). */
async function withConsultationLink<T>(ctx: ServiceContext, token: string, work: (tx: Tx, row: Row, name: string, context: ServiceContext) => Promise<T>): Promise<T> {
  const parsed = readToken(token);
  if (!parsed) throw notFound(msg.consultation_link_not_found());
  const principal = publicPrincipal(parsed.tenant);
  return withTenant(ctx.db, principal, async (tx) => {
    const [row] = await tx.select().from(consultations).where(eq(consultations.tokenHash, parsed.hash));
    if (!row || (await tenantStatusOf(tx, parsed.tenant)) !== 'active') throw notFound(msg.consultation_link_not_found());
    const name = (await communityName(tx, row.communityCode, shanghaiDate(ctx.clock.now()))) ?? row.communityCode;
    return work(tx, row, name, { ...ctx, principal });
  });
}

const ratingLabel = (r: Row['rating']) => (r ? consultationRatingLabels[r] : null);

const publicView = (row: Row, name: string): PublicConsultation => ({
  trackingCode: row.trackingCode,
  communityName: name,
  category: row.category,
  text: row.text,
  status: row.status,
  statusLabel: consultationStatusLabels[row.status],
  receivedOn: row.receivedOn,
  dueOn: row.dueOn,
  answer: row.answer,
  answeredOn: row.answeredOn,
  rating: row.rating,
  ratingLabel: ratingLabel(row.rating),
  ratingComment: row.ratingComment,
  canRate: row.answeredAt !== null && row.rating === null,
});

export async function readConsultationLink({ ctx, input }: Call<{ token: string }>): Promise<PublicConsultation> {
  return withConsultationLink(ctx, input.token, async (_tx, row, name) => publicView(row, name));
}

/** 满意 / 基本满意 / 不满意, once, after the community has answered. */
export async function rateConsultation({ ctx, input }: Call<{ token: string } & RatingInput>): Promise<PublicConsultation> {
  return withConsultationLink(ctx, input.token, async (tx, row, name, context) => {
    if (row.answeredAt === null) throw new AppError('rule_violation', msg.consultation_not_answered_yet());
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(consultations)
      .set({ rating: input.rating, ratingComment: input.comment || null, ratedAt: now, updatedAt: now })
      .where(and(eq(consultations.id, row.id), sql`${consultations.rating} is null`))
      .returning();
    if (!updated) throw new AppError('conflict', msg.consultation_already_rated());
    await recordAudit(tx, context, { action: 'consultation.rated', entity: 'consultation', entityId: row.id, detail: { rating: input.rating } });
    return publicView(updated, name);
  });
}

const isOpen = (s: Row['status']) => s === 'new' || s === 'assigned';

function staffView(row: Row, name: string | null, today: string, phone: string | null, revealed: boolean): ConsultationView {
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    communityCode: row.communityCode,
    communityName: name,
    category: row.category,
    text: row.text,
    residentName: row.residentName,
    phone,
    revealed,
    status: row.status,
    statusLabel: consultationStatusLabels[row.status],
    receivedOn: row.receivedOn,
    dueOn: row.dueOn,
    overdue: isOpen(row.status) ? today > row.dueOn : row.answeredOn !== null && row.answeredOn > row.dueOn,
    assignee: row.assignee,
    answer: row.answer,
    answeredOn: row.answeredOn,
    answeredOnTime: row.answeredOn === null ? null : row.answeredOn <= row.dueOn,
    closedAt: row.closedAt?.toISOString() ?? null,
    rating: row.rating,
    ratingLabel: ratingLabel(row.rating),
    ratingComment: row.ratingComment,
    createdAt: row.createdAt.toISOString(),
  };
}

const namingDivision = (code: AnyPgColumn, asOf: string) => and(eq(divisions.code, code), inForce(asOf));

/** The queue of my unit and below (a committee its community, a street its communities, the city all), paged on the server. */
export async function listConsultations({ ctx, input }: Call<ConsultationQuery>) {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const today = shanghaiDate(ctx.clock.now());
  const openStatus = inArray(consultations.status, ['new', 'assigned']);
  const where = and(
    like(consultations.communityCode, `${scope}%`),
    input.status ? eq(consultations.status, input.status) : undefined,
    input.overdue === 'true' ? and(openStatus, lt(consultations.dueOn, today)) : input.overdue === 'false' ? or(sql`not (${openStatus})`, gte(consultations.dueOn, today)) : undefined,
    input.q ? or(like(consultations.trackingCode, containsPattern(input.q.toUpperCase())), ilike(consultations.text, containsPattern(input.q))) : undefined,
  );
  const { key, descending } = sortOf(input.sort);
  const columns: Record<typeof key, AnyPgColumn> = { received: consultations.createdAt, due: consultations.dueOn, community: consultations.communityCode, status: consultations.status };
  const order: SQL[] = [descending ? desc(columns[key]) : asc(columns[key]), asc(consultations.id)];
  return withTenant(ctx.db, principal, async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(consultations).where(where);
    const rows = await tx
      .select({ c: consultations, name: divisions.name })
      .from(consultations)
      .leftJoin(divisions, namingDivision(consultations.communityCode, today))
      .where(where)
      .orderBy(...order)
      .limit(input.size)
      .offset((input.page - 1) * input.size);
    return { items: rows.map(({ c, name }) => staffView(c, name, today, c.phoneMasked, false)), total: count?.n ?? 0, page: input.page, size: input.size };
  });
}

async function loadConsultation(tx: Tx, principal: CityPrincipal, id: string): Promise<Row> {
  const [row] = await tx.select().from(consultations).where(eq(consultations.id, id));
  if (!row || !unitCovers(principal.unit, row.communityCode)) throw notFound(msg.consultation_not_found({ id }));
  return row;
}

async function viewOf(tx: Tx, ctx: ServiceContext, row: Row, phone: string | null = row.phoneMasked, revealed = false): Promise<ConsultationView> {
  const today = shanghaiDate(ctx.clock.now());
  return staffView(row, await communityName(tx, row.communityCode, today), today, phone, revealed);
}

/** One consultation; ?reveal=true shows the phone in full to an officer allowed it, audited as every reveal is. */
export async function getConsultation({ ctx, input }: Call<{ id: string; reveal?: 'true' | 'false' | undefined }>): Promise<ConsultationView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadConsultation(tx, principal, input.id);
    const reveal = await authoriseReveal(tx, ctx, { reveal: input.reveal === 'true', entity: 'consultation', entityId: row.id, rows: [row.id] });
    if (!reveal || !row.phoneSealed) return viewOf(tx, ctx, row);
    const cipher = await personalDataCipher(ctx, tx, principal.tenant, { create: false });
    return viewOf(tx, ctx, row, shownValue(cipher, 'phone', `consultations.phone:${row.id}`, row.phoneSealed, true), true);
  });
}

/** A staff change of a consultation: the handler's role, the consultation in the unit, the change audited. */
async function handle(ctx: ServiceContext, id: string, change: (row: Row, now: Date, principal: CityPrincipal) => Partial<Row>, action: string): Promise<ConsultationView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadConsultation(tx, principal, id);
    if (!consultationHandlers.includes(principal.role)) throw new AppError('forbidden', msg.consultation_role_may_not_handle({ role: roleLabel(principal.role) }));
    if (row.status === 'closed') throw new AppError('conflict', msg.consultation_already_closed());
    const now = ctx.clock.now();
    const set = change(row, now, principal);
    const [updated] = await tx.update(consultations).set({ ...set, updatedAt: now }).where(eq(consultations.id, row.id)).returning();
    await recordAudit(tx, ctx, { action, entity: 'consultation', entityId: row.id, detail: { status: updated!.status } });
    return viewOf(tx, ctx, updated!);
  });
}

export const assignConsultation = ({ ctx, input }: Call<{ id: string; assignee: string }>) =>
  handle(ctx, input.id, (row, _now, p) => {
    if (!isOpen(row.status)) throw new AppError('conflict', msg.consultation_already_answered());
    return { status: 'assigned', assignee: input.assignee, assignedBy: p.subject };
  }, 'consultation.assigned');

/** The answer the resident reads through their link; on time when given on or before the deadline day (Asia/Shanghai). */
export const answerConsultation = ({ ctx, input }: Call<{ id: string; answer: string }>) =>
  handle(ctx, input.id, (row, now, p) => {
    if (!isOpen(row.status)) throw new AppError('conflict', msg.consultation_already_answered());
    return { status: 'answered', answer: input.answer, answeredBy: p.subject, answeredAt: now, answeredOn: shanghaiDate(now) };
  }, 'consultation.answered');

export const closeConsultation = ({ ctx, input }: Call<{ id: string }>) =>
  handle(ctx, input.id, (_row, now, p) => ({ status: 'closed', closedAt: now, closedBy: p.subject }), 'consultation.closed');

function cityOf(principal: CityPrincipal, city: string): void {
  if (city !== principal.tenant) throw notFound(msg.consultation_city_not_found());
}

export async function getConsultationSettings({ ctx, input }: Call<{ city: string }>): Promise<ConsultationSettings> {
  const principal = requireCity(ctx.principal, cityRoles);
  cityOf(principal, input.city);
  return withTenant(ctx.db, principal, (tx) => readConsultationSettings(tx, principal.tenant));
}

export async function updateConsultationSettings({ ctx, input }: Call<ConsultationSettingsPatch & { city: string }>): Promise<ConsultationSettings> {
  const principal = requireCity(ctx.principal, consultationSettingsEditors);
  cityOf(principal, input.city);
  const seen = new Set<string>();
  const twice = (input.categories ?? []).map((c, i) => ({ c, i })).filter(({ c }) => (seen.has(c) ? true : (seen.add(c), false)));
  if (twice.length) {
    throw new AppError('validation_failed', msg.consultation_settings_invalid(), { errors: twice.map(({ c, i }) => ({ path: `body.categories.${i}`, message: msg.consultation_categories_twice({ category: c }) })) });
  }
  return withTenant(ctx.db, principal, async (tx) => {
    const current = await readConsultationSettings(tx, principal.tenant);
    const next: ConsultationSettings = { answerWorkingDays: input.answerWorkingDays ?? current.answerWorkingDays, categories: input.categories ?? current.categories };
    const now = ctx.clock.now();
    await tx.insert(consultationSettings).values({ tenantId: principal.tenant, value: next, updatedBy: principal.subject, updatedAt: now })
      .onConflictDoUpdate({ target: consultationSettings.tenantId, set: { value: next, updatedBy: principal.subject, updatedAt: now } });
    await recordAudit(tx, ctx, { action: 'consultation.settings_updated', entity: 'consultation_settings', entityId: principal.tenant, detail: next });
    return next;
  });
}

/** A year of the city's calendar: the official days and the city's own, each with where it comes from. */
export async function getConsultationCalendar({ ctx, input }: Call<{ city: string; year?: number | undefined }>): Promise<CalendarView> {
  const principal = requireCity(ctx.principal, cityRoles);
  cityOf(principal, input.city);
  const year = input.year ?? Number(shanghaiDate(ctx.clock.now()).slice(0, 4));
  return withTenant(ctx.db, principal, async (tx) => {
    const own = await tx.select().from(consultationCalendarDays).where(and(gte(consultationCalendarDays.day, `${year}-01-01`), lte(consultationCalendarDays.day, `${year}-12-31`)));
    const days = new Map<string, CalendarView['days'][number]>();
    for (const [day, d] of Object.entries(officialCalendar)) {
      if (day.startsWith(`${year}-`)) days.set(day, { day, kind: d.kind, kindLabel: calendarDayKindLabels[d.kind], name: d.name, source: 'official' });
    }
    for (const d of own) days.set(d.day, { day: d.day, kind: d.kind, kindLabel: calendarDayKindLabels[d.kind], name: d.name, source: 'city' });
    return { year, days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)) };
  });
}

/** The city makes a day a holiday, an adjusted working day (调休), or regular again; later deadlines count with it. */
export async function setCalendarDay({ ctx, input }: Call<{ city: string; day: string; kind: CalendarDayKind; name: string }>): Promise<CalendarView> {
  const principal = requireCity(ctx.principal, consultationSettingsEditors);
  cityOf(principal, input.city);
  const year = Number(input.day.slice(0, 4));
  if (year < 2020 || year > 2100) throw new AppError('validation_failed', msg.consultation_calendar_day_outside(), { errors: [{ path: 'path.day', message: msg.consultation_calendar_day_outside() }] });
  const now = ctx.clock.now();
  await withTenant(ctx.db, principal, async (tx) => {
    await tx.insert(consultationCalendarDays).values({ tenantId: principal.tenant, day: input.day, kind: input.kind, name: input.name, updatedBy: principal.subject, updatedAt: now })
      .onConflictDoUpdate({ target: [consultationCalendarDays.tenantId, consultationCalendarDays.day], set: { kind: input.kind, name: input.name, updatedBy: principal.subject, updatedAt: now } });
    await recordAudit(tx, ctx, { action: 'consultation.calendar_day_set', entity: 'consultation_calendar_day', entityId: input.day, detail: { kind: input.kind, name: input.name } });
  });
  return getConsultationCalendar({ ctx, input: { city: input.city, year } });
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/**
 * Received, answered on time, overdue and satisfaction for my unit (and each unit one level below it), over the days
 * received from..to: one statement. On time is answered on or before the deadline day; overdue is unanswered past it
 * or answered after it; the on-time rate counts those whose deadline has passed or that are answered.
 */
export async function getConsultationFigures({ ctx, input }: Call<{ unit?: string | undefined; from?: string | undefined; to?: string | undefined }>): Promise<ConsultationFigures> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const today = shanghaiDate(ctx.clock.now());
  const from = input.from ?? `${today.slice(0, 8)}01`;
  const to = input.to ?? today;
  if (from > to) throw new AppError('validation_failed', msg.consultation_period_order(), { errors: [{ path: 'query.from', message: msg.consultation_period_order() }] });
  const childLength = scope.length === 4 ? 6 : scope.length === 6 ? 9 : 12;
  return withTenant(ctx.db, principal, async (tx) => {
    const settings = await readConsultationSettings(tx, principal.tenant);
    const rows = rowsOf<{ unit: string; name: string | null } & Record<keyof Omit<FigureRow, 'onTimeRate' | 'satisfactionRate'> | 'due', number>>(await tx.execute(sql`
      with c as (
        select substr(community_code, 1, ${childLength}::int) as unit, status, due_on, answered_on, rating
        from consultations where community_code like ${`${scope}%`} and received_on between ${from}::date and ${to}::date
      ), g as (
        select unit, count(*)::int as received,
          count(*) filter (where answered_on is not null)::int as answered,
          count(*) filter (where answered_on <= due_on)::int as "answeredOnTime",
          count(*) filter (where (status in ('new', 'assigned') and due_on < ${today}::date) or answered_on > due_on)::int as overdue,
          count(*) filter (where status in ('new', 'assigned'))::int as open,
          count(*) filter (where answered_on is not null or due_on < ${today}::date)::int as due,
          count(*) filter (where rating is not null)::int as rated,
          count(*) filter (where rating = 'satisfied')::int as satisfied,
          count(*) filter (where rating = 'basically_satisfied')::int as "basicallySatisfied",
          count(*) filter (where rating = 'dissatisfied')::int as dissatisfied
        from c group by unit
      )
      select g.*, (select d.name from divisions d where d.code = g.unit and (d.valid_from is null or d.valid_from <= ${today}::date) and (d.valid_to is null or d.valid_to > ${today}::date) limit 1) as name
      from g order by g.unit`));
    const figure = (r: Omit<(typeof rows)[number], 'unit' | 'name'>): FigureRow => ({
      received: r.received, answered: r.answered, answeredOnTime: r.answeredOnTime, overdue: r.overdue, open: r.open, rated: r.rated,
      satisfied: r.satisfied, basicallySatisfied: r.basicallySatisfied, dissatisfied: r.dissatisfied,
      onTimeRate: rate(r.answeredOnTime, r.due), satisfactionRate: rate(r.satisfied + r.basicallySatisfied, r.rated),
    });
    const keys = ['received', 'answered', 'answeredOnTime', 'overdue', 'open', 'due', 'rated', 'satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
    const sum = Object.fromEntries(keys.map((k) => [k, rows.reduce((n, r) => n + r[k], 0)])) as Record<(typeof keys)[number], number>;
    const [unitName] = await tx.select({ name: divisions.name }).from(divisions).where(and(eq(divisions.code, scope), inForce(today)));
    return {
      unit: scope,
      unitName: unitName?.name ?? null,
      from,
      to,
      basis: msg['consultation.rule.figures']({ from, to, days: settings.answerWorkingDays }).text(ctx.language ?? 'zh'),
      total: figure(sum),
      byUnit: rows.map((r) => ({ unitCode: r.unit, unitName: r.name, ...figure(r) })),
    };
  });
}

