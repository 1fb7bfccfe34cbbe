import { z } from '@hono/zod-openapi';
import { cityCode, divisionCode } from '../patterns.js';
import { msg } from './messages.js';
import { materialKinds } from './rules.js';
import { isoDate } from '../committees/schemas.js';
import { statedRuleView } from '../reporting/schemas.js';
import { obligationStatuses } from './rules.js';
import { committeePositions } from '../committees/rules.js';
import { listQuery, pageOf } from '../schemas.js';

const unitCode = divisionCode;
const text = (max: number, example: string) => z.string().trim().min(1).max(max).openapi({ example });

export const materialInput = z
  .object({
    title: text(200, '社区居委会成员履职手册'),
    kind: z.enum(materialKinds).openapi({ description: 'textbook 培训教材, handbook 工作手册, slides 课件, video 视频, policy_document 政策文件, other 其他' }),
    ref: text(500, 'https://mzj.gz.gov.cn/training/2027/handbook.pdf').openapi({ description: 'where the file is: a link or a document number' }),
  })
  .strict()
  .openapi('TrainingMaterialInput');

export const programmeBody = z
  .object({
    city: cityCode.openapi({ description: 'the city publishing it: the caller’s own', example: '4401' }),
    year: z.number().int().min(2000).max(2100).openapi({ example: 2027 }),
    title: text(200, '2027年社区居委会成员轮训方案'),
    summary: z.string().trim().max(4000).optional(),
    materials: z.array(materialInput).max(50).default([]),
  })
  .strict()
  .openapi('TrainingProgrammeInput');

export const materialView = z.object({ id: z.uuid(), title: z.string(), kind: z.enum(materialKinds), kindLabel: z.string(), ref: z.string() }).openapi('TrainingMaterial');
export const programmeView = z
  .object({ id: z.uuid(), year: z.number().int(), title: z.string(), summary: z.string().nullable(), materials: z.array(materialView), createdAt: z.string() })
  .openapi('TrainingProgramme');

export const unitQuery = z.object({ unit: unitCode.optional().openapi({ description: 'my unit or one below it; default: mine', example: '440103' }) });

export const planBody = z
  .object({
    programmeId: z.uuid(),
    unitCode: unitCode.openapi({ description: 'the district or street (or the city) running the plan', example: '440103001' }),
    title: text(200, '沙面街道2027年居委会成员培训计划'),
  })
  .strict()
  .openapi('TrainingPlanInput');

export const sessionBody = z
  .object({
    sessionDate: isoDate,
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, msg.time_of_day_format().code).optional().openapi({ example: '09:00' }),
    place: text(200, '沙面街道党群服务中心三楼会议室'),
    capacity: z.number().int().min(1).max(2000).openapi({ example: 40 }),
    trainer: text(100, '市民政局基层政权科 李老师'),
    audience: text(200, '本街道新一届居委会成员'),
  })
  .strict()
  .openapi('TrainingSessionInput');

export const sessionView = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    unitCode: z.string(),
    sessionDate: z.string(),
    startTime: z.string().nullable(),
    place: z.string(),
    capacity: z.number().int(),
    enrolled: z.number().int(),
    seatsLeft: z.number().int(),
    trainer: z.string(),
    audience: z.string(),
  })
  .openapi('TrainingSession');

export const planView = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    unitCode: z.string(),
    unitName: z.string().nullable().openapi({ description: 'the unit’s name in force today (null for the city itself)' }),
    title: z.string(),
    sessions: z.array(sessionView),
    createdAt: z.string(),
  })
  .openapi('TrainingPlan');

export const sessionsQuery = unitQuery.extend({
  from: isoDate.optional().openapi({ description: 'sessions on or after this day; default today' }),
  withSeats: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});

export const enrolmentView = z
  .object({ memberId: z.uuid(), name: z.string(), communityCode: z.string(), communityName: z.string().nullable(), attended: z.boolean().nullable(), enrolledAt: z.string() })
  .openapi('TrainingEnrolment');
export const sessionDetail = sessionView.extend({ enrolments: z.array(enrolmentView) }).openapi('TrainingSessionDetail');

export const enrolmentBody = z.object({ memberId: z.uuid() }).strict().openapi('TrainingEnrolmentInput');
export const attendanceBody = z
  .object({ memberId: z.uuid(), attended: z.boolean().openapi({ description: 'false records an absence; true completes the training on the session date' }) })
  .strict()
  .openapi('TrainingAttendanceInput');

export const completionBody = z
  .object({
    memberId: z.uuid(),
    completedOn: isoDate,
    title: text(200, '省民政厅社区工作者网络培训班'),
    provider: text(200, '广东省民政厅'),
    evidenceRef: text(500, '结业证书 粤民培〔2027〕118号').openapi({ description: 'the certificate or record that proves it' }),
  })
  .strict()
  .openapi('TrainingCompletionInput');

export const completionView = z
  .object({
    id: z.uuid(),
    memberId: z.uuid(),
    kind: z.enum(['session', 'external']),
    sessionId: z.uuid().nullable(),
    completedOn: z.string(),
    title: z.string(),
    provider: z.string().nullable(),
    evidenceRef: z.string().nullable(),
    obligationsMet: z.number().int().openapi({ description: 'open obligations this completion closed' }),
  })
  .openapi('TrainingCompletion');

export const obligationSortKeys = ['member', 'community', 'electionDate', 'dueOn', 'status'] as const;
export const obligationsQuery = listQuery(obligationSortKeys, 'community').extend({
  parent: unitCode.optional().openapi({ description: 'my unit or one below it; default: mine', example: '440103001' }),
  status: z.enum(obligationStatuses).optional(),
});
export type ObligationsQuery = z.infer<typeof obligationsQuery>;

export const obligationView = z
  .object({
    id: z.uuid(),
    memberId: z.uuid(),
    memberName: z.string(),
    position: z.enum(committeePositions),
    positionLabel: z.string().openapi({ example: '副主任' }),
    committeeId: z.uuid(),
    committeeName: z.string(),
    communityCode: z.string(),
    electionDate: z.string(),
    dueOn: z.string(),
    status: z.enum(obligationStatuses),
    statusLabel: z.string(),
    completedOn: z.string().nullable(),
    closedOn: z.string().nullable(),
  })
  .openapi('TrainingObligation');
export type ObligationView = z.infer<typeof obligationView>;
export const obligationPage = pageOf(obligationView, 'TrainingObligationPage');

export const complianceFigures = z
  .object({
    code: z.string(),
    name: z.string(),
    members: z.number().int().openapi({ description: 'members with an obligation still applying (those who left are not counted)' }),
    trainedOnTime: z.number().int(),
    trainedLate: z.number().int(),
    pending: z.number().int(),
    overdue: z.number().int(),
    onTimeRate: z.number().nullable().openapi({ description: 'trainedOnTime / members, 0..1; null without members' }),
  })
  .openapi('TrainingComplianceFigures');
export const complianceView = z
  .object({
    asOf: z.string().openapi({ description: 'the cut-off day the figures are as of (Asia/Shanghai)' }),
    rule: statedRuleView.openapi({ description: 'the rule behind the figures: denominator, on time and the cut-off day' }),
    unit: complianceFigures,
    children: z.array(complianceFigures),
  })
  .openapi('TrainingCompliance');

export const complianceQuery = z.object({
  unit: unitCode.optional().openapi({ description: 'default: mine', example: '440103' }),
  asOf: isoDate.optional().openapi({ description: 'cut-off day (not after today); default today. A report’s training figures name theirs', example: '2026-06-30' }),
});

export const reminderStagesInput = z
  .object({
    beforeDueDays: z.array(z.number().int()).min(1).max(10).openapi({ example: [90, 30, 7] }),
    overdueEveryDays: z.number().int().openapi({ example: 7 }),
    escalateAfterDays: z.number().int().openapi({ example: 30 }),
  })
  .strict();

export const trainingSettingsView = z
  .object({
    reminders: reminderStagesInput,
    unitEmails: z.record(z.string(), z.string()).openapi({ description: 'unit code → the mailbox reminders to that unit are also e-mailed to', example: { '440103001': 'shamian@example.gov.cn' } }),
  })
  .openapi('TrainingSettings');
export type TrainingSettings = z.infer<typeof trainingSettingsView>;

export const trainingSettingsPatch = z
  .object({
    reminders: reminderStagesInput.optional(),
    unitEmails: z.record(unitCode, z.email().nullable()).optional().openapi({ description: 'null removes a unit’s mailbox' }),
  })
  .strict()
  .openapi('TrainingSettingsPatch');

export const cityParam = z.object({ city: cityCode.openapi({ param: { name: 'city', in: 'path' }, example: '4401' }) });
