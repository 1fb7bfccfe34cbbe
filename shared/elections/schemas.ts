import { z } from '@hono/zod-openapi';
import { listQuery, pageOf } from '../schemas.js';
import { checkPerson, communityCode, isoDate, personFields } from '../committees/schemas.js';
import { committeePositions } from '../committees/rules.js';
import { candidateOutcomes, electionModes, MAX_COUNT, roundInvalidReasons } from './rules.js';

const count = z.number().int().min(0).max(MAX_COUNT);
const seats = z
  .object({ chair: z.number().int().min(0).max(9).optional(), vice_chair: z.number().int().min(0).max(9).optional(), member: z.number().int().min(0).max(9).optional() })
  .strict()
  .openapi({ description: 'seats per position: chair 主任, vice_chair 副主任, member 委员', example: { chair: 1, vice_chair: 2, member: 4 } });

export const candidateInput = z
  .object({ ...personFields, position: z.enum(committeePositions) })
  .strict()
  .superRefine(checkPerson)
  .openapi('CandidateInput');

export const createElectionBody = z
  .object({
    communityCode,
    electionDate: isoDate,
    mode: z.enum(electionModes).openapi({ description: 'all_residents 全体有选举权的居民, household_representatives 户代表, resident_representatives 社区成员代表' }),
    seats,
    registeredVoters: z.number().int().min(1).max(MAX_COUNT).openapi({ description: '登记选民数', example: 2400 }),
    seatsReason: z.string().trim().min(1).max(500).optional().openapi({ description: 'why the seats differ from the committee’s agreed size (PUT /v1/committees/{id}/size), e.g. a by-election (补选) fills vacancies only; required then' }),
    candidates: z.array(candidateInput).min(1).max(60),
  })
  .strict()
  .openapi('ElectionPlan');
export type CreateElectionInput = z.infer<typeof createElectionBody>;

export const furtherRoundBody = z
  .object({
    heldOn: isoDate,
    carryOver: z.array(z.uuid()).max(60).default([]).openapi({ description: 'ids of earlier candidates standing again' }),
    candidates: z.array(candidateInput).max(60).default([]).openapi({ description: 'new candidates' }),
  })
  .strict()
  .openapi('FurtherRound');

export const resultBody = z
  .object({
    round: z.number().int().min(1).max(20).optional().openapi({ description: 'the round counted; default the latest' }),
    ballotsIssued: count.openapi({ description: '发出选票' }),
    ballotsReturned: count.openapi({ description: '收回选票 (参加投票的选民)' }),
    validBallots: count.openapi({ description: '有效票' }),
    invalidBallots: count.openapi({ description: '无效票' }),
    votes: z.array(z.object({ candidateId: z.uuid(), votes: count }).strict()).max(60),
    reason: z.string().trim().min(1).max(500).optional().openapi({ description: 'why the sheet is recorded again; required once certified (更正)' }),
  })
  .strict()
  .openapi('ResultSheet');
export type ResultInput = z.infer<typeof resultBody>;

export const certifyBody = z
  .object({
    reason: z.string().trim().min(1).max(500).optional().openapi({ description: 'required for a correction of a certified election' }),
    closeWithUnfilledSeats: z.boolean().default(false).openapi({ description: 'certify although seats remain unfilled, if the committee is still 5–9 with a chair' }),
  })
  .strict()
  .openapi('Certification');

const seatRecord = z.record(z.string(), z.number().int());

const candidateView = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: z.string(),
  birthYear: z.number().int(),
  position: z.enum(committeePositions),
  phone: z.string().nullable().openapi({ example: '138****1234' }),
  idNumber: z.string().nullable().openapi({ example: '440***********123X' }),
});

const tallyView = z.object({
  valid: z.boolean(),
  invalidReason: z.enum(roundInvalidReasons).nullable(),
  invalidReasonLabel: z.string().nullable(),
  turnoutNeeded: z.number().int(),
  votesNeeded: z.number().int(),
  candidates: z.array(z.object({ candidateId: z.uuid(), position: z.enum(committeePositions), votes: z.number().int(), rank: z.number().int(), outcome: z.enum(candidateOutcomes), outcomeLabel: z.string() })),
  elected: z.array(z.object({ candidateId: z.uuid(), position: z.enum(committeePositions) })),
  unfilledSeats: seatRecord,
  furtherRoundNeeded: z.boolean(),
  furtherRoundCandidates: z.record(z.string(), z.array(z.uuid())).openapi({ description: 'suggested candidates per position for the further round (另行选举)' }),
});

export const resultView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  registeredVoters: z.number().int(),
  ballotsIssued: z.number().int(),
  ballotsReturned: z.number().int(),
  validBallots: z.number().int(),
  invalidBallots: z.number().int(),
  votes: z.array(z.object({ candidateId: z.uuid(), votes: z.number().int() })),
  tally: tallyView,
  reason: z.string().nullable(),
  recordedAt: z.string(),
  certified: z.boolean(),
}).openapi('ElectionResult');

export const certificationView = z.object({
  id: z.uuid(),
  seq: z.number().int().openapi({ description: 'place in the city’s chain of certified results' }),
  version: z.number().int(),
  reason: z.string().nullable(),
  previousHash: z.string(),
  contentHash: z.string(),
  termId: z.uuid().nullable(),
  certifiedAt: z.string(),
});

export const electionView = z
  .object({
    id: z.uuid(),
    committeeId: z.uuid(),
    communityCode: z.string(),
    communityName: z.string().nullable().openapi({ description: 'the community’s name in force today (null when the division list has no row for it)' }),
    electionDate: z.string(),
    mode: z.enum(electionModes),
    modeLabel: z.string(),
    seats: seatRecord,
    seatsReason: z.string().nullable().openapi({ description: 'why the seats differ from the committee’s agreed size; null when they match' }),
    registeredVoters: z.number().int(),
    status: z.enum(['planned', 'counted', 'further_round_needed', 'certified']),
    rounds: z.array(z.object({
      id: z.uuid(),
      round: z.number().int(),
      heldOn: z.string(),
      seats: seatRecord,
      candidates: z.array(candidateView),
      result: resultView.nullable().openapi({ description: 'the latest recorded version' }),
    })),
    certifications: z.array(certificationView),
  })
  .openapi('Election');
export type ElectionView = z.infer<typeof electionView>;

export const electionSummary = electionView
  .pick({ id: true, committeeId: true, communityCode: true, communityName: true, electionDate: true, mode: true, modeLabel: true, seats: true, registeredVoters: true, status: true })
  .openapi('ElectionSummary');
export type ElectionSummary = z.infer<typeof electionSummary>;

export const electionSortKeys = ['electionDate', 'community', 'registeredVoters', 'status'] as const;
export const listElectionsQuery = listQuery(electionSortKeys, '-electionDate').extend({
  community: communityCode.optional().openapi({ description: 'one community (within my unit)' }),
  status: z.enum(['planned', 'counted', 'further_round_needed', 'certified']).optional(),
});
export type ListElectionsInput = z.infer<typeof listElectionsQuery>;
export const electionPage = pageOf(electionSummary, 'ElectionPage');

export const verificationView = z
  .object({
    electionId: z.uuid(),
    intact: z.boolean().openapi({ description: 'true when the whole chain of the city recomputes and links' }),
    chainLength: z.number().int(),
    certifications: z.array(z.object({ seq: z.number().int(), version: z.number().int(), contentHash: z.string(), recomputedHash: z.string(), matches: z.boolean() })),
    breaks: z.array(z.object({ seq: z.number().int(), problem: z.enum(['content_changed', 'link_broken']) })),
  })
  .openapi('ElectionVerification');
export type VerificationView = z.infer<typeof verificationView>;
