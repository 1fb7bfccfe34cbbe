import { z } from '@hono/zod-openapi';
import { communityCode as communityCodePattern, isoDate as isoDatePattern } from '../patterns.js';
import { common } from '../messages.js';
import { departureReasons, genders } from './rules.js';
import { divisionCode } from '../hierarchy/schemas.js';
import { parseIdNumber, parsePhone } from '../personal-data/identifiers.js';
import { committeeFlags, committeePositions, committeeSystems, concurrencyBases, partyOrganisationTypes } from './rules.js';
import { msg } from './messages.js';
import { zodIssue } from '../zod-messages.js';

export const isoDate = isoDatePattern.openapi({ example: '2026-11-20' });
export const communityCode = communityCodePattern.openapi({ example: '440103001001' });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const revealQuery = z.object({
  reveal: flag.optional().openapi({ description: 'phone and ID numbers in full: city, district and street officers only, audited' }),
});

/** A person's details as entered for a candidate or member; phone and ID number are checked, then sealed. */
export const personFields = {
  name: z.string().trim().min(1).max(50).openapi({ example: '李明' }),
  gender: z.enum(genders),
  birthYear: z.number().int().min(1900).max(2100).openapi({ example: 1980 }),
  phone: z.string().max(30).nullable().optional().openapi({ description: 'stored encrypted; shown as 138****1234', example: '13800131234' }),
  idNumber: z.string().max(30).nullable().optional().openapi({ description: '公民身份号码 (GB 11643); stored encrypted; shown as 440***********123X', example: '44010319800101123X' }),
  partyMember: z.boolean().default(false),
  keepsJob: z.boolean().default(true).openapi({ description: '不脱离生产' }),
};

type PersonLike = { birthYear?: number | undefined; gender?: string | undefined; phone?: string | null | undefined; idNumber?: string | null | undefined };

/** Phone and ID number must parse; an ID number must agree with the stated birth year and gender. */
export function checkPerson<T extends PersonLike>(value: T, ctx: z.RefinementCtx): void {
  if (value.phone) {
    const phone = parsePhone(value.phone);
    if (!phone.ok) ctx.addIssue({ code: 'custom', ...zodIssue(phone.reason, ['phone']) });
  }
  if (value.idNumber) {
    const id = parseIdNumber(value.idNumber);
    if (!id.ok) ctx.addIssue({ code: 'custom', ...zodIssue(id.reason, ['idNumber']) });
    else {
      if (value.birthYear !== undefined && Number(id.value.birthDate.slice(0, 4)) !== value.birthYear) {
        ctx.addIssue({ code: 'custom', ...zodIssue(msg.birth_date_mismatch_id(), ['birthYear']) });
      }
      if (value.gender !== undefined && id.value.sex !== value.gender) ctx.addIssue({ code: 'custom', ...zodIssue(msg.mismatch_id_number(), ['gender']) });
    }
  }
}

export const createCommitteeBody = z.object({ communityCode }).strict().openapi('CommitteeCreate');

export const sizeBody = z
  .object({
    size: z.number().int().openapi({ description: '街道提出的职数 (5–9)', example: 7 }),
    representatives: z.number().int().optional().openapi({
      description: '社区居民代表人数: read from the community’s register of representatives (/v1/assemblies) in force on agreedOn when it keeps one (a different number is refused); required only when it keeps none',
      example: 41,
    }),
    consenting: z.number().int().openapi({ description: '同意的居民代表人数 (more than half)', example: 30 }),
    agreedOn: isoDate,
  })
  .strict()
  .openapi('CommitteeSize');

export const systemBody = z
  .object({ adoptedOn: isoDate, documentRef: z.string().trim().min(1).max(200).openapi({ example: '沙面社居〔2026〕3号' }) })
  .strict()
  .openapi('CommitteeSystemAdoption');

export const workingCommitteeBody = z
  .object({ name: z.string().trim().min(1).max(50).openapi({ example: '人民调解委员会' }), establishedOn: isoDate })
  .strict()
  .openapi('WorkingCommitteeCreate');

export const socialWorkerBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    phone: personFields.phone,
    role: z.string().trim().min(1).max(50).openapi({ example: '社区社工' }),
    hiredOn: isoDate,
  })
  .strict()
  .superRefine(checkPerson)
  .openapi('SocialWorkerCreate');

/** Rename or re-date a working committee, or dissolve it (撤销): dissolvedOn, not before it was set up nor after today. */
export const workingCommitteeUpdateBody = z
  .object({
    name: workingCommitteeBody.shape.name.optional(),
    establishedOn: isoDate.optional(),
    dissolvedOn: isoDate.optional().openapi({ description: '撤销日期: on or after establishedOn, not after today; a dissolved working committee can no longer be changed' }),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, zodIssue(common.nothing_to_change()))
  .openapi('WorkingCommitteeUpdate');

/** Correct a social worker's details, or end the engagement (解聘/离任): leftOn, not before hiredOn nor after today. */
export const socialWorkerUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(50).optional(),
    phone: personFields.phone,
    role: z.string().trim().min(1).max(50).optional(),
    hiredOn: isoDate.optional(),
    leftOn: isoDate.optional().openapi({ description: '离任日期: on or after hiredOn, not after today; a social worker who has left can no longer be changed' }),
  })
  .strict()
  .superRefine(checkPerson)
  .refine((v) => Object.keys(v).length > 0, zodIssue(common.nothing_to_change()))
  .openapi('SocialWorkerUpdate');

export const committeeDetailQuery = z.object({
  includeFormer: flag.optional().openapi({ description: 'also working committees dissolved and social workers who have left by today (members: see /members?includeFormer=true)' }),
});

export const addMemberBody = z
  .object({
    ...personFields,
    position: z.enum(committeePositions),
    allowanceYuanPerMonth: z.number().int().min(0).max(100_000).nullable().optional().openapi({ description: '任期职务补贴 (元/月)' }),
    joinedOn: isoDate,
  })
  .strict()
  .superRefine(checkPerson)
  .openapi('CommitteeMemberCreate');

export const updateMemberBody = z
  .object({
    phone: personFields.phone,
    idNumber: personFields.idNumber,
    position: z.enum(committeePositions).optional(),
    partyMember: z.boolean().optional(),
    keepsJob: z.boolean().optional(),
    allowanceYuanPerMonth: z.number().int().min(0).max(100_000).nullable().optional(),
    leftOn: isoDate.optional().openapi({ description: 'the member leaves on this day; the seat becomes a vacancy' }),
    departureReason: z.enum(departureReasons).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    checkPerson(v, ctx);
    if ((v.leftOn === undefined) !== (v.departureReason === undefined)) {
      ctx.addIssue({ code: 'custom', ...zodIssue(msg.departure_needs_date_and_reason(), [v.leftOn === undefined ? 'leftOn' : 'departureReason']) });
    }
  })
  .openapi('CommitteeMemberUpdate');

export const listCommitteesQuery = z.object({
  parent: divisionCode.optional().openapi({ description: 'committees below this division (district, street or city)' }),
  status: z.enum(committeeFlags).optional().openapi({ description: 'only committees carrying this flag' }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListCommitteesInput = z.infer<typeof listCommitteesQuery>;

export const memberListQuery = revealQuery.extend({
  includeFormer: flag.optional().openapi({ description: 'also members who have left and members of earlier terms' }),
});

const term = z.object({
  id: z.uuid(),
  termNumber: z.number().int().openapi({ description: '第几届' }),
  startsOn: z.string(),
  endsOn: z.string().openapi({ description: 'the term ends at the start of this day' }),
  seats: z.record(z.string(), z.number().int()),
  electionId: z.uuid().nullable(),
});

export const committeeMember = z
  .object({
    id: z.uuid(),
    committeeId: z.uuid(),
    termId: z.uuid(),
    name: z.string(),
    gender: z.enum(genders),
    birthYear: z.number().int(),
    phone: z.string().nullable().openapi({ example: '138****1234' }),
    idNumber: z.string().nullable().openapi({ example: '440***********123X' }),
    revealed: z.boolean().openapi({ description: 'true when phone and ID number are shown in full' }),
    position: z.enum(committeePositions),
    positionLabel: z.string().openapi({ example: '主任' }),
    partyMember: z.boolean(),
    keepsJob: z.boolean(),
    allowanceYuanPerMonth: z.number().int().nullable(),
    joinedOn: z.string(),
    leftOn: z.string().nullable(),
    departureReason: z.enum(departureReasons).nullable(),
  })
  .openapi('CommitteeMember');
export type CommitteeMemberView = z.infer<typeof committeeMember>;

export const committeeSummary = z
  .object({
    id: z.uuid(),
    communityCode: z.string(),
    name: z.string(),
    streetCode: z.string(),
    termNumber: z.number().int().nullable(),
    termEndsOn: z.string().nullable(),
    serving: z.number().int().openapi({ description: 'members serving today' }),
    status: z.array(z.enum(committeeFlags)).openapi({ description: 'incomplete 组成不完整, term_expired 任期已届满, missing_systems 制度未建全' }),
    statusLabels: z.array(z.string()),
  })
  .openapi('CommitteeSummary');
export type CommitteeSummaryView = z.infer<typeof committeeSummary>;

export const committeePage = z.object({ items: z.array(committeeSummary), nextCursor: z.string().nullable() }).openapi('CommitteePage');

/** 社区党组织 as set on the committee's page: the community's party organisation and its secretary. */
export const partyOrganisationBody = z
  .object({
    name: z.string().trim().min(2).max(80).openapi({ example: '中共沙面社区委员会' }),
    type: z.enum(partyOrganisationTypes).openapi({ description: 'committee 党委, general_branch 党总支, branch 党支部' }),
    secretaryName: z.string().trim().min(1).max(50).openapi({ description: '书记', example: '李明' }),
    secretaryChairsCommittee: z.boolean().nullable().optional().openapi({
      description: '书记是否兼任居委会主任 (交叉任职) as recorded: it stands only while the committee has no serving chair; otherwise the chair serving today, matched by name, decides',
    }),
    establishedOn: isoDate.openapi({ description: '成立日期 (not after today)' }),
  })
  .strict()
  .openapi('PartyOrganisationSet');
export type PartyOrganisationInput = z.infer<typeof partyOrganisationBody>;

export const partyOrganisation = z
  .object({
    communityCode: z.string(),
    name: z.string(),
    type: z.enum(partyOrganisationTypes),
    typeLabel: z.string().openapi({ example: '党委' }),
    secretaryName: z.string(),
    establishedOn: z.string(),
    chairName: z.string().nullable().openapi({ description: 'the committee’s chair serving today, if any' }),
    secretaryChairsRecorded: z.boolean().nullable().openapi({ description: 'the recorded flag (used only while the committee has no chair)' }),
    secretaryChairsCommittee: z.boolean().nullable().openapi({ description: '交叉任职: the secretary also chairs the residents’ committee; null when unknown' }),
    concurrencyBasis: z.enum(concurrencyBases).openapi({ description: 'chair_matched: compared with the serving chair; recorded: the recorded flag; unknown: neither' }),
    concurrencyBasisLabel: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PartyOrganisation');
export type PartyOrganisationView = z.infer<typeof partyOrganisation>;

export const committeeDetail = committeeSummary
  .extend({
    proposedSize: z
      .object({ size: z.number().int(), representatives: z.number().int(), consenting: z.number().int(), agreedOn: z.string() })
      .nullable()
      .openapi({ description: '街道提出的职数及居民代表同意情况' }),
    currentTerm: term.nullable(),
    systems: z.array(z.object({ system: z.enum(committeeSystems), label: z.string(), adoptedOn: z.string().nullable(), documentRef: z.string().nullable() })),
    workingCommittees: z
      .array(z.object({ id: z.uuid(), name: z.string(), establishedOn: z.string(), dissolvedOn: z.string().nullable() }))
      .openapi({ description: 'active working committees; with ?includeFormer=true also those dissolved' }),
    socialWorkers: z
      .array(z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable(), role: z.string(), hiredOn: z.string(), leftOn: z.string().nullable() }))
      .openapi({ description: 'social workers engaged today, phone masked; with ?includeFormer=true also those who have left' }),
    members: z.array(committeeMember).openapi({ description: 'members serving today, personal data masked' }),
    partyOrganisation: partyOrganisation.nullable().openapi({ description: '社区党组织, if recorded' }),
  })
  .openapi('Committee');
export type CommitteeDetailView = z.infer<typeof committeeDetail>;

export const vacancies = z
  .object({
    committeeId: z.uuid(),
    termId: z.uuid().nullable(),
    seats: z.record(z.string(), z.number().int()).openapi({ description: 'seats of the term, per position' }),
    serving: z.record(z.string(), z.number().int()),
    open: z.array(z.object({ position: z.enum(committeePositions), positionLabel: z.string(), count: z.number().int() })),
    departures: z.array(z.object({ memberId: z.uuid(), name: z.string(), position: z.enum(committeePositions), leftOn: z.string(), departureReason: z.enum(departureReasons) })),
  })
  .openapi('CommitteeVacancies');
export type VacanciesView = z.infer<typeof vacancies>;
