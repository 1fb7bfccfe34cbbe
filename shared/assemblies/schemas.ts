import { z } from '@hono/zod-openapi';
import { communityCode, isoDate } from '../committees/schemas.js';
import { localDivisionCode } from '../patterns.js';
import { committeePositions } from '../committees/rules.js';
import { assemblyKinds, constituencyKinds, meetingKinds, ratings } from './rules.js';

const name = z.string().trim().min(1).max(50);

export const createAssemblyBody = z
  .object({ communityCode, kind: z.enum(assemblyKinds).openapi({ description: 'residents_meeting 社区居民会议, member_representatives_meeting 社区成员代表会议' }) })
  .strict()
  .openapi('AssemblyCreate');

export const listAssembliesQuery = z.object({
  unit: localDivisionCode.optional().openapi({ description: 'bodies of communities at or below this district, street or community', example: '440103001' }),
});

export const representativeBody = z
  .object({
    name: name.openapi({ example: '陈建国' }),
    constituencyKind: z.enum(constituencyKinds).openapi({ description: 'household_group 居民小组, building 楼栋, unit 驻区单位' }),
    constituency: z.string().trim().min(1).max(100).openapi({ description: 'the group, building or unit represented', example: '第三居民小组' }),
    fromOn: isoDate,
  })
  .strict()
  .openapi('AssemblyRepresentativeCreate');

export const endRepresentativeBody = z
  .object({ endedOn: isoDate.openapi({ description: 'the first day the representative is no longer in force; after fromOn, not after today' }) })
  .strict()
  .openapi('AssemblyRepresentativeEnd');

export const meetingBody = z
  .object({
    heldOn: isoDate,
    kind: z.enum(meetingKinds).openapi({ description: 'regular 例会, work_report 述职评议会, extraordinary 临时会议' }),
    present: z.array(z.uuid()).max(1000).openapi({ description: 'the representatives present (ids), each in force on heldOn' }),
  })
  .strict()
  .openapi('AssemblyMeetingCreate');

const votes = z.number().int().min(0).max(100_000);
export const decisionBody = z
  .object({
    matter: z.string().trim().min(1).max(500).openapi({ example: '增设沙面北街电动自行车集中充电点' }),
    votesFor: votes,
    votesAgainst: votes,
    abstentions: votes,
    public: z.boolean().default(false).openapi({ description: 'may be published on the community’s public page (居务公开)' }),
  })
  .strict()
  .openapi('AssemblyDecisionCreate');

export const workReportBody = z
  .object({ year: z.number().int().min(2000).max(2100).openapi({ description: 'the year whose work the committee reports (述职年度)', example: 2026 }) })
  .strict()
  .openapi('AssemblyWorkReportCreate');

export const evaluationsBody = z
  .object({
    items: z
      .array(z.object({ memberId: z.uuid(), rating: z.enum(ratings).openapi({ description: 'satisfied 满意, basically_satisfied 基本满意, dissatisfied 不满意' }) }).strict())
      .min(1)
      .max(50),
  })
  .strict()
  .openapi('AssemblyEvaluations');

export const figuresQuery = z.object({
  unit: localDivisionCode.optional().openapi({ description: 'committees at or below this unit (default: your own unit)' }),
  year: z.coerce.number().int().min(2000).max(2100).openapi({ example: 2026 }),
});

const representative = z
  .object({
    id: z.uuid(),
    name: z.string(),
    constituencyKind: z.enum(constituencyKinds),
    constituencyKindLabel: z.string(),
    constituency: z.string(),
    fromOn: z.string(),
    endedOn: z.string().nullable(),
    inForce: z.boolean().openapi({ description: 'in force today' }),
  })
  .openapi('AssemblyRepresentative');
export type RepresentativeView = z.infer<typeof representative>;

export const meetingSummary = z
  .object({
    id: z.uuid(),
    heldOn: z.string(),
    kind: z.enum(meetingKinds),
    kindLabel: z.string(),
    representativesInForce: z.number().int().openapi({ description: 'representatives in force on heldOn (the register’s count)' }),
    present: z.number().int(),
    quorate: z.boolean().openapi({ description: 'more than half of representativesInForce present' }),
    decisions: z.number().int(),
  })
  .openapi('AssemblyMeetingSummary');
export type MeetingSummaryView = z.infer<typeof meetingSummary>;

export const assemblySummary = z
  .object({
    id: z.uuid(),
    communityCode: z.string(),
    communityName: z.string().nullable(),
    kind: z.enum(assemblyKinds),
    kindLabel: z.string(),
    name: z.string().openapi({ example: '沙面社区居民会议' }),
    representativesInForce: z.number().int().openapi({ description: 'today' }),
  })
  .openapi('AssemblySummary');
export type AssemblySummaryView = z.infer<typeof assemblySummary>;

export const assemblyDetail = assemblySummary
  .extend({
    committeeId: z.uuid().nullable().openapi({ description: 'the community’s residents’ committee, which reports to this body' }),
    representatives: z.array(representative).openapi({ description: 'the register, former representatives included' }),
    meetings: z.array(meetingSummary).openapi({ description: 'latest first' }),
  })
  .openapi('Assembly');
export type AssemblyDetailView = z.infer<typeof assemblyDetail>;

export const decision = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    heldOn: z.string(),
    matter: z.string(),
    votesFor: z.number().int(),
    votesAgainst: z.number().int(),
    abstentions: z.number().int(),
    adopted: z.boolean().openapi({ description: 'quorate meeting and more than half of those present for' }),
    public: z.boolean(),
  })
  .openapi('AssemblyDecision');
export type DecisionView = z.infer<typeof decision>;

const evaluation = z.object({
  memberId: z.uuid(),
  name: z.string(),
  position: z.enum(committeePositions),
  positionLabel: z.string(),
  rating: z.enum(ratings).nullable(),
  ratingLabel: z.string().nullable(),
});

export const workReport = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    committeeId: z.uuid(),
    committeeName: z.string(),
    termId: z.uuid(),
    termNumber: z.number().int(),
    year: z.number().int(),
    evaluations: z.array(evaluation).openapi({ description: 'every member in office on the meeting day, with the rating if recorded' }),
  })
  .openapi('AssemblyWorkReport');
export type WorkReportView = z.infer<typeof workReport>;

export const meetingDetail = meetingSummary
  .extend({
    assemblyId: z.uuid(),
    attendees: z.array(z.object({ id: z.uuid(), name: z.string(), constituency: z.string() })),
    decisionList: z.array(decision),
    workReports: z.array(workReport),
  })
  .openapi('AssemblyMeeting');
export type MeetingDetailView = z.infer<typeof meetingDetail>;

const figureRow = z.object({
  code: z.string(),
  name: z.string().nullable(),
  committees: z.number().int(),
  reported: z.number().int().openapi({ description: 'committees with a 述职 at a meeting held in the year' }),
  membersEvaluated: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  dissatisfied: z.number().int(),
});
export type FigureRowView = z.infer<typeof figureRow>;

export const evaluationFigures = z
  .object({
    year: z.number().int(),
    unit: figureRow,
    children: z.array(figureRow).openapi({ description: 'each unit directly below' }),
    notReported: z.array(z.object({ committeeId: z.uuid(), communityCode: z.string(), name: z.string() })).openapi({ description: 'committees without a 述职 in the year' }),
    rule: z.object({ code: z.string(), zh: z.string(), en: z.string(), params: z.record(z.string(), z.string()) }),
  })
  .openapi('AssemblyEvaluationFigures');
export type EvaluationFiguresView = z.infer<typeof evaluationFigures>;
