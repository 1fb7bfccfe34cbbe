import { z } from '@hono/zod-openapi';
import { cityCode, cityOrDistrictCode, districtOrStreetCode, isoDate, localDivisionCode } from '../patterns.js';
import { msg } from './messages.js';
import { checklistResults, demonstrationLevels, findingResults, inspectionStatuses } from './rules.js';
import { divisionCode } from '../hierarchy/schemas.js';
import { listQuery, pageOf } from '../schemas.js';
import { frameLevels, pilotKinds, pilotRuleCodes, pilotUnitReasons, reformPhases } from './rules.js';

const unitRef = z.object({ code: z.string(), name: z.string() });

export const unitQuery = z.object({ unit: divisionCode.optional().openapi({ description: 'my unit and below: this division (city, district, street)' }) });
export const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const programmeInput = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    phases: z.array(z.object({ phase: z.enum(reformPhases), startsOn: isoDate, endsOn: isoDate }).strict()).length(3),
  })
  .strict()
  .openapi('ReformProgrammeInput', { description: 'pilot 试点, rollout 全面铺开, inspection 检查验收, in this order' });
export type ProgrammeInput = z.infer<typeof programmeInput>;

export const programme = z
  .object({
    name: z.string(),
    phases: z.array(z.object({ phase: z.enum(reformPhases), label: z.string(), startsOn: z.string(), endsOn: z.string() })),
    today: z.string(),
    currentPhase: z.enum(reformPhases).nullable().openapi({ description: 'the phase today falls in; null before, between or after the phases' }),
    unit: z
      .object({
        code: z.string(),
        name: z.string(),
        pilots: z.array(z.object({ unitCode: z.string(), unitName: z.string().nullable(), kind: z.enum(pilotKinds).nullable() })).openapi({ description: 'pilot designations covering the unit' }),
        demonstrations: z.array(z.object({ level: z.enum(demonstrationLevels), designatedOn: z.string() })),
      })
      .optional(),
  })
  .openapi('ReformProgramme');
export type ProgrammeView = z.infer<typeof programme>;

export const pilotInput = z
  .object({
    unitCode: districtOrStreetCode,
    designatedOn: isoDate.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .openapi('PilotDesignationInput');
export type PilotInput = z.infer<typeof pilotInput>;

export const pilot = z
  .object({
    id: z.uuid(),
    unitCode: z.string(),
    unitName: z.string(),
    kind: z.enum(pilotKinds).nullable(),
    kindLabel: z.string().nullable(),
    designatedOn: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PilotDesignation');
export type PilotView = z.infer<typeof pilot>;

export const pilotCheck = z
  .object({
    city: unitRef,
    scope: z.string(),
    hasDistricts: z.boolean(),
    hasCounties: z.boolean(),
    satisfied: z.boolean(),
    pilots: z.array(z.object({ unitCode: z.string(), unitName: z.string(), kind: z.enum(pilotKinds).nullable() })),
    urbanVillagePilots: z.array(unitRef).openapi({ description: '城中村改造试点 (optional; flagged on the community)' }),
    unmet: z.array(
      z.object({
        rule: z.enum(pilotRuleCodes).openapi({ description: 'one_district, seat_pilot, county_town, district_streets, street_in_pilot_district, invalid_designation' }),
        ruleLabel: z.string().openapi({ description: 'the rule in the policy’s words' }),
        unit: unitRef.openapi({ description: 'the unit the rule concerns: the city, or a district' }),
        message: z.string().openapi({ description: 'the rule and what falls short, in Simplified Chinese (English with Accept-Language: en)' }),
        messageCode: z.string().openapi({ description: 'the stable code of message' }),
        designations: z.array(z.string()).optional().openapi({ description: 'the designated units’ codes; for invalid_designation, the designation’s id' }),
        named: z.array(unitRef).openapi({ description: 'the designated units the rule concerns, with their names' }),
        counts: z.object({ towns: z.number().int(), streets: z.number().int() }).optional().openapi({ description: 'seat_pilot: how many towns and streets of the seat are named' }),
        reason: z.enum(pilotUnitReasons).optional().openapi({
          description: 'invalid_designation: not_on_map, county_not_pilot (name one of its towns), not_district_street_or_town, not_street_or_town, parent_not_district_or_county',
        }),
        reasonLabel: z.string().optional().openapi({ description: 'the reason in Chinese' }),
      }),
    ),
  })
  .openapi('PilotCheck');
export type PilotCheckView = z.infer<typeof pilotCheck>;

export const demonstrationInput = z
  .object({
    level: z.enum(demonstrationLevels).openapi({ description: 'district 示范区, street 示范街道(镇), committee 示范居委会' }),
    unitCode: divisionCode,
    designatedOn: isoDate,
    designatedBy: z.string().trim().min(2).max(100).openapi({ example: '广东省民政厅' }),
    documentNumber: z.string().trim().max(100).optional().openapi({ example: '粤民发〔2027〕12号' }),
  })
  .strict()
  .openapi('DemonstrationInput');
export type DemonstrationInput = z.infer<typeof demonstrationInput>;

export const demonstration = z
  .object({
    id: z.uuid(),
    level: z.enum(demonstrationLevels),
    levelLabel: z.string(),
    unitCode: z.string(),
    unitName: z.string(),
    designatedOn: z.string(),
    designatedBy: z.string(),
    documentNumber: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Demonstration');
export type DemonstrationView = z.infer<typeof demonstration>;
export const demonstrationSortKeys = ['level', 'unit', 'designatedOn'] as const;
export const demonstrationQuery = listQuery(demonstrationSortKeys, 'level').extend(unitQuery.shape);
export type DemonstrationQuery = z.infer<typeof demonstrationQuery>;
export const demonstrationPage = pageOf(demonstration, 'DemonstrationPage');

/** A checklist item's code (2.1, A-3): in the checklist and in the path of its result. */
export const checklistItemCode = z.string().trim().regex(/^[A-Za-z0-9._-]{1,20}$/, msg.checklist_item_code_format().code);

export const checklistInput = z
  .object({
    title: z.string().trim().min(2).max(100),
    items: z.array(z.object({ code: checklistItemCode, title: z.string().trim().min(2).max(300) }).strict()).min(1).max(200),
  })
  .strict()
  .openapi('ChecklistInput');
export type ChecklistInput = z.infer<typeof checklistInput>;

export const checklist = z
  .object({ id: z.uuid(), version: z.number().int(), title: z.string(), items: z.array(z.object({ code: z.string(), title: z.string() })), publishedAt: z.string() })
  .openapi('Checklist');
export type ChecklistView = z.infer<typeof checklist>;

const evidence = z.object({ title: z.string().trim().min(1).max(200), reference: z.string().trim().min(1).max(500) }).strict();
export type Evidence = z.infer<typeof evidence>;

export const selfInspectionInput = z.object({ unitCode: cityOrDistrictCode }).strict().openapi('SelfInspectionInput');
export const itemResultInput = z
  .object({ result: z.enum(checklistResults), note: z.string().trim().max(2000).optional(), evidence: z.array(evidence).max(50).optional() })
  .strict()
  .openapi('ChecklistItemResult', { description: 'met 达标, partly_met 基本达标, not_met 未达标, not_applicable 不适用' });
export type ItemResultInput = z.infer<typeof itemResultInput>;

export const selfInspection = z
  .object({
    id: z.uuid(),
    unitCode: z.string(),
    unitName: z.string(),
    checklistId: z.uuid(),
    checklistVersion: z.number().int(),
    status: z.enum(inspectionStatuses),
    statusLabel: z.string().openapi({ description: 'draft 自查中（未报送）, submitted 已报送省民政厅' }),
    items: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        result: z.enum(checklistResults).nullable(),
        resultLabel: z.string().nullable().openapi({ description: '达标, 基本达标, 未达标, 不适用; null before a result is recorded' }),
        note: z.string().nullable(),
        evidence: z.array(evidence),
      }),
    ),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
  })
  .openapi('SelfInspection');
export type SelfInspectionView = z.infer<typeof selfInspection>;

export const submission = z
  .object({
    id: z.uuid(),
    city: unitRef,
    unitCode: z.string(),
    unitName: z.string(),
    unitLevel: z.string(),
    checklistId: z.uuid(),
    checklistVersion: z.number().int(),
    submittedAt: z.string(),
    results: z.array(z.object({ code: z.string(), title: z.string(), result: z.enum(checklistResults), evidenceCount: z.number().int() })),
    unitCounts: z.object({ county: z.number().int(), township: z.number().int(), village: z.number().int() }),
  })
  .openapi('InspectionSubmission', { description: 'what a city submitted: unit names and codes and checklist results, no personal data' });
export type SubmissionView = z.infer<typeof submission>;
export const submissionQuery = z.object({ city: cityCode.optional(), checklistId: z.uuid().optional() });

const sampleSizes = z.object({ county: z.number().int().min(0).max(1000), township: z.number().int().min(0).max(5000), village: z.number().int().min(0).max(20000) }).strict();
export const spotCheckInput = z
  .object({
    title: z.string().trim().min(2).max(100),
    seed: z.number().int().min(0).max(0xffffffff).optional().openapi({ description: 'a 32-bit seed; drawn at random and stored when absent' }),
    sample: sampleSizes.openapi({ description: 'how many districts (county), streets (township) and communities (village) to draw' }),
    cities: z.array(cityCode).max(500).optional().openapi({ description: 'limit the frame to these cities; default every city that submitted' }),
    checklistId: z.uuid().optional().openapi({ description: 'default: the latest checklist' }),
  })
  .strict()
  .openapi('SpotCheckInput');
export type SpotCheckInput = z.infer<typeof spotCheckInput>;

const frameUnit = z.object({ tenant: z.string(), level: z.enum(frameLevels), code: z.string(), name: z.string() });
const sampledUnit = frameUnit.extend({
  position: z.number().int(),
  finding: z.enum(findingResults).nullable(),
  findingLabel: z.string().nullable().openapi({ description: 'passed 验收合格, needs_improvement 限期整改, failed 验收不合格' }),
  findingNotes: z.string().nullable(),
  recordedAt: z.string().nullable(),
});

export const spotCheck = z
  .object({
    id: z.uuid(),
    title: z.string(),
    checklistId: z.uuid(),
    seed: z.number().int(),
    algorithm: z.string(),
    sizes: sampleSizes,
    cities: z.array(z.string()),
    frameSize: z.number().int(),
    frameSha256: z.string(),
    createdAt: z.string(),
    sample: z.array(sampledUnit),
  })
  .openapi('SpotCheck');
export type SpotCheckView = z.infer<typeof spotCheck>;

export const spotCheckFrame = z
  .object({ seed: z.number().int(), algorithm: z.string(), sizes: sampleSizes, frameSha256: z.string(), frame: z.array(frameUnit) })
  .openapi('SpotCheckFrame', { description: 'the frame in canonical order; drawSample(frame, seed, sizes) in shared/reform/rules.ts redraws the sample' });
export type SpotCheckFrameView = z.infer<typeof spotCheckFrame>;

export const redraw = z
  .object({ matches: z.boolean(), frameIntact: z.boolean(), sample: z.array(frameUnit) })
  .openapi('SpotCheckRedraw');

export const findingInput = z.object({ result: z.enum(findingResults), notes: z.string().trim().max(2000).optional() }).strict().openapi('SpotCheckFinding');
export const findingParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  code: localDivisionCode.openapi({ param: { name: 'code', in: 'path' } }),
});

export const reformFigures = z
  .object({
    scope: z.string(),
    pilots: z.record(z.string(), z.number().int()),
    pilotRulesSatisfied: z.boolean().nullable(),
    urbanVillagePilots: z.number().int(),
    demonstrations: z.object({ district: z.number().int(), street: z.number().int(), committee: z.number().int() }),
    selfInspections: z.object({ draft: z.number().int(), submitted: z.number().int() }),
  })
  .openapi('ReformFigures');
export type ReformFiguresView = z.infer<typeof reformFigures>;
