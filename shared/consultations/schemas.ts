import { z } from '@hono/zod-openapi';
import { cityCode, communityCode, isoDate, localDivisionCode } from '../patterns.js';
import { listQuery, pageOf } from '../schemas.js';
import { zodIssue } from '../zod-messages.js';
import { msg } from './messages.js';
import { ANSWER_MAX, calendarDayKinds, COMMENT_MAX, consultationRatings, consultationStatuses, looksLikeHtml, NAME_MAX, TEXT_MAX } from './rules.js';

const plain = (max: number) => z.string().trim().max(max).refine((s) => !looksLikeHtml(s), zodIssue(msg.consultation_no_html()));

export const publicCommunityParams = z.object({
  cityCode: cityCode.openapi({ param: { name: 'cityCode', in: 'path' }, example: '4401' }),
  communityCode: communityCode.openapi({ param: { name: 'communityCode', in: 'path' }, example: '440103001001' }),
});
export const consultationTokenParam = z.object({ token: z.string().min(10).max(80).openapi({ param: { name: 'token', in: 'path' }, description: 'the private token of the link given on submission' }) });

export const consultationSubmission = z
  .object({
    category: z.string().trim().min(1).max(20).openapi({ description: 'one of the city’s categories (GET …/consultations/categories)', example: '政策咨询' }),
    text: plain(TEXT_MAX).pipe(z.string().min(5)).openapi({ description: `the question or request, 5 to ${TEXT_MAX} characters, plain text (markup is refused)` }),
    name: plain(NAME_MAX).optional().openapi({ description: 'how the community may address the resident (optional)' }),
    phone: z.string().trim().max(20).optional().openapi({ description: 'a mainland mobile or landline (optional); sealed, shown to staff masked' }),
  })
  .strict()
  .openapi('ConsultationSubmission');
export type ConsultationSubmission = z.infer<typeof consultationSubmission>;

export const consultationReceipt = z
  .object({
    trackingCode: z.string().openapi({ example: '20261125-K7Q2MX' }),
    link: z.string().openapi({ description: 'the private page to read the answer and rate it; keep it, it is shown once' }),
    token: z.string().openapi({ description: 'the credential in the link, for GET/POST /v1/public/consultations/{token}' }),
    communityName: z.string(),
    receivedOn: z.string(),
    dueOn: z.string().openapi({ description: 'the answer deadline, in working days' }),
  })
  .openapi('ConsultationReceipt');
export type ConsultationReceipt = z.infer<typeof consultationReceipt>;

export const consultationCategories = z.object({ communityName: z.string(), categories: z.array(z.string()), answerWorkingDays: z.number().int() }).openapi('ConsultationCategories');

/** What the resident sees through the private link: never staff names, never their own phone. */
export const publicConsultation = z
  .object({
    trackingCode: z.string(),
    communityName: z.string(),
    category: z.string(),
    text: z.string(),
    status: z.enum(consultationStatuses),
    statusLabel: z.string(),
    receivedOn: z.string(),
    dueOn: z.string(),
    answer: z.string().nullable(),
    answeredOn: z.string().nullable(),
    rating: z.enum(consultationRatings).nullable(),
    ratingLabel: z.string().nullable(),
    ratingComment: z.string().nullable(),
    canRate: z.boolean(),
  })
  .openapi('PublicConsultation');
export type PublicConsultation = z.infer<typeof publicConsultation>;

export const ratingInput = z
  .object({ rating: z.enum(consultationRatings).openapi({ description: 'satisfied 满意, basically_satisfied 基本满意, dissatisfied 不满意' }), comment: plain(COMMENT_MAX).optional() })
  .strict()
  .openapi('ConsultationRating');
export type RatingInput = z.infer<typeof ratingInput>;

export const consultation = z
  .object({
    id: z.uuid(),
    trackingCode: z.string(),
    communityCode: z.string(),
    communityName: z.string().nullable(),
    category: z.string(),
    text: z.string(),
    residentName: z.string().nullable(),
    phone: z.string().nullable().openapi({ description: 'masked unless ?reveal=true (audited)' }),
    revealed: z.boolean(),
    status: z.enum(consultationStatuses),
    statusLabel: z.string(),
    receivedOn: z.string(),
    dueOn: z.string(),
    overdue: z.boolean(),
    assignee: z.string().nullable(),
    answer: z.string().nullable(),
    answeredOn: z.string().nullable(),
    answeredOnTime: z.boolean().nullable(),
    closedAt: z.string().nullable(),
    rating: z.enum(consultationRatings).nullable(),
    ratingLabel: z.string().nullable(),
    ratingComment: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Consultation');
export type ConsultationView = z.infer<typeof consultation>;

export const consultationSortKeys = ['received', 'due', 'community', 'status'] as const;
export const consultationQuery = listQuery(consultationSortKeys, '-received').extend({
  unit: localDivisionCode.optional().openapi({ description: 'my unit and below: a district, street or community' }),
  status: z.enum(consultationStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: 'true: unanswered past the deadline' }),
});
export type ConsultationQuery = z.infer<typeof consultationQuery>;
export const consultationPage = pageOf(consultation, 'ConsultationPage');

export const consultationIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
export const revealQuery = z.object({ reveal: z.enum(['true', 'false']).optional().openapi({ description: 'the phone in full: city, district and street officers only, audited' }) });
export const assignInput = z.object({ assignee: plain(40).pipe(z.string().min(1)).openapi({ description: '经办人: who in the committee handles it', example: '李主任' }) }).strict().openapi('ConsultationAssignment');
export const answerInput = z.object({ answer: plain(ANSWER_MAX).pipe(z.string().min(2)) }).strict().openapi('ConsultationAnswer');

export const consultationSettingsView = z
  .object({
    answerWorkingDays: z.number().int().min(1).max(30).openapi({ description: '答复期限（工作日）' }),
    categories: z.array(z.string().trim().min(1).max(20)).min(1).max(20).openapi({ description: '咨询类别' }),
  })
  .openapi('ConsultationSettings');
export type ConsultationSettings = z.infer<typeof consultationSettingsView>;
export const consultationSettingsPatch = z
  .object({ answerWorkingDays: consultationSettingsView.shape.answerWorkingDays.optional(), categories: consultationSettingsView.shape.categories.optional() })
  .strict()
  .openapi('ConsultationSettingsPatch');
export type ConsultationSettingsPatch = z.infer<typeof consultationSettingsPatch>;

const calendarYear = z.coerce.number().int().min(2020).max(2100);
export const calendarQuery = z.object({ year: calendarYear.optional().openapi({ description: 'the year shown; this year by default' }) });
export const calendarDay = z
  .object({ day: z.string(), kind: z.enum(calendarDayKinds), kindLabel: z.string(), name: z.string(), source: z.enum(['official', 'city']) })
  .openapi('CalendarDay');
export const calendarView = z.object({ year: z.number().int(), days: z.array(calendarDay) }).openapi('ConsultationCalendar');
export type CalendarView = z.infer<typeof calendarView>;
export const calendarDayParam = z.object({ day: isoDate.openapi({ param: { name: 'day', in: 'path' }, example: '2027-01-01' }) });
export const calendarDayInput = z
  .object({ kind: z.enum(calendarDayKinds).openapi({ description: 'holiday 放假, workday 调休上班, regular 按平常' }), name: plain(20).pipe(z.string().min(1)).openapi({ example: '元旦' }) })
  .strict()
  .openapi('CalendarDayInput');

export const figuresQuery = z.object({
  unit: localDivisionCode.optional().openapi({ description: 'my unit and below' }),
  from: isoDate.optional().openapi({ description: 'first day received; the first of this month by default' }),
  to: isoDate.optional().openapi({ description: 'last day received; today by default' }),
});
export const figureRow = z.object({
  received: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  overdue: z.number().int().openapi({ description: 'unanswered past the deadline, or answered after it' }),
  open: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  dissatisfied: z.number().int(),
  onTimeRate: z.number().nullable().openapi({ description: 'answered on time / received whose deadline has passed or that are answered, %' }),
  satisfactionRate: z.number().nullable().openapi({ description: '(satisfied + basically satisfied) / rated, %' }),
});
export type FigureRow = z.infer<typeof figureRow>;
export const consultationFigures = z
  .object({
    unit: z.string(),
    unitName: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    basis: z.string(),
    total: figureRow,
    byUnit: z.array(figureRow.extend({ unitCode: z.string(), unitName: z.string().nullable() })),
  })
  .openapi('ConsultationFigures');
export type ConsultationFigures = z.infer<typeof consultationFigures>;
