import type { Role } from '../auth/principal.js';
import { committeePositionLabels, committeePositions, seatTotal, type CommitteePosition, type SeatPlan } from '../committees/rules.js';
import { msg } from './messages.js';
import type { FieldProblem } from '../errors.js';
import { labelOf, type Message } from '../i18n.js';

/** Create elections, add further rounds, record results and certify them. */
export const electionOrganisers: readonly Role[] = ['city_admin', 'district_officer', 'street_officer'];

export const electionModes = ['all_residents', 'household_representatives', 'resident_representatives'] as const;
export type ElectionMode = (typeof electionModes)[number];
export const electionModeLabels: Record<ElectionMode, string> = {
  all_residents: '全体有选举权的居民直接选举',
  household_representatives: '户代表选举',
  resident_representatives: '社区成员代表选举',
};

export const candidateOutcomes = ['elected', 'tied_at_last_seat', 'outranked', 'below_threshold', 'round_invalid'] as const;
export type CandidateOutcome = (typeof candidateOutcomes)[number];
export const candidateOutcomeLabels: Record<CandidateOutcome, string> = {
  elected: '当选',
  tied_at_last_seat: '末位票数相等，另行选举',
  outranked: '过半数但名次在应选名额之外',
  below_threshold: '未获参加投票选民过半数选票',
  round_invalid: '本轮选举无效',
};

/** more_returned_than_issued is no longer reached (such a sheet is refused); it stays for results stored before. */
export const roundInvalidReasons = ['turnout_not_over_half', 'more_returned_than_issued'] as const;
export type RoundInvalidReason = (typeof roundInvalidReasons)[number];
export const roundInvalidReasonLabels: Record<RoundInvalidReason, string> = {
  turnout_not_over_half: '参加投票的选民未超过登记选民的半数，选举无效',
  more_returned_than_issued: '收回的选票多于发出的选票，选举无效',
};

/** Every count is an integer up to ten million, so doubling and summing them stays exact in a JS number. */
export const MAX_COUNT = 10_000_000;

export interface RoundCandidate {
  id: string;
  position: CommitteePosition;
}

export interface CandidateVotes {
  candidateId: string;
  votes: number;
}

/** The sheet as counted in public (公开计票): counts only, never who voted for whom. */
export interface ResultSheet {
  registeredVoters: number;
  ballotsIssued: number;
  /** 参加投票的选民: every ballot returned, valid or not. */
  ballotsReturned: number;
  validBallots: number;
  invalidBallots: number;
  votes: CandidateVotes[];
}

export interface RoundSetup {
  seats: SeatPlan;
  candidates: readonly RoundCandidate[];
}

export type SheetProblem = FieldProblem;

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_COUNT;

/**
 * An election fills the committee's agreed size (职数, PUT /v1/committees/{id}/size, 5–9) unless the plan states why
 * it does not (a by-election fills vacancies only). A reason where the seats match is not kept: it explains nothing.
 */
export function agreedSizeProblem(
  seats: SeatPlan,
  agreed: { size: number; agreedOn: string } | null,
  reason: string | null | undefined,
): { reason: string | null; problem: Message | null } {
  const total = seatTotal(seats);
  if (!agreed || total === agreed.size) return { reason: null, problem: null };
  const stated = reason?.trim() || null;
  return { reason: stated, problem: stated ? null : msg.seats_differ_from_agreed_size({ seats: total, size: agreed.size, agreedOn: agreed.agreedOn }) };
}

/**
 * What makes a sheet impossible as a count: every problem, each naming its field. More ballots returned than were
 * issued cannot be a true count of the ballots issued, so it is refused like a sheet that does not add up (#22). A
 * sheet that is possible but fails the statutory turnout rule is not a problem here: it is a counted, invalid round.
 */
export function sheetProblems(setup: RoundSetup, sheet: ResultSheet): SheetProblem[] {
  const problems: SheetProblem[] = [];
  const at = (path: string, message: Message) => problems.push({ path, message });
  for (const field of ['registeredVoters', 'ballotsIssued', 'ballotsReturned', 'validBallots', 'invalidBallots'] as const) {
    if (!isCount(sheet[field])) at(field, msg.whole_number_up_to({ max: MAX_COUNT }));
  }
  if (problems.length) return problems;
  if (sheet.registeredVoters < 1) at('registeredVoters', msg.at_least_one_voter());
  if (sheet.ballotsIssued > sheet.registeredVoters) at('ballotsIssued', msg.more_ballots_than_voters({ ballotsIssued: sheet.ballotsIssued, registeredVoters: sheet.registeredVoters }));
  if (sheet.ballotsReturned > sheet.ballotsIssued) {
    at('ballotsReturned', msg.ballots_returned_over_issued({ ballotsReturned: sheet.ballotsReturned, ballotsIssued: sheet.ballotsIssued }));
  }
  if (sheet.validBallots + sheet.invalidBallots !== sheet.ballotsReturned) {
    at('ballotsReturned', msg.ballots_do_not_add_up_returned({ validBallots: sheet.validBallots, invalidBallots: sheet.invalidBallots, ballotsReturned: sheet.ballotsReturned }));
  }
  const byId = new Map(setup.candidates.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const perPosition = new Map<CommitteePosition, number>();
  sheet.votes.forEach((v, i) => {
    const candidate = byId.get(v.candidateId);
    if (!candidate) return at(`votes.${i}.candidateId`, msg.not_candidate_of_round());
    if ((setup.seats[candidate.position] ?? 0) === 0) return at(`votes.${i}.candidateId`, msg.round_fills_no_position({ position: labelOf(committeePositionLabels, candidate.position) }));
    if (seen.has(v.candidateId)) return at(`votes.${i}.candidateId`, msg.candidate_counted_twice());
    seen.add(v.candidateId);
    if (!isCount(v.votes)) return at(`votes.${i}.votes`, msg.whole_number_up_to({ max: MAX_COUNT }));
    if (v.votes > sheet.validBallots) return at(`votes.${i}.votes`, msg.votes_over_valid_ballots({ validBallots: sheet.validBallots }));
    perPosition.set(candidate.position, (perPosition.get(candidate.position) ?? 0) + v.votes);
  });
  for (const c of setup.candidates) {
    if (!seen.has(c.id)) at('votes', msg.candidate_missing_from_sheet({ id: c.id }));
  }
  for (const position of committeePositions) {
    const seats = setup.seats[position] ?? 0;
    const marks = perPosition.get(position) ?? 0;
    if (marks > sheet.validBallots * seats) {
      at('votes', msg.position_votes_over_capacity({ position, marks, validBallots: sheet.validBallots, most: sheet.validBallots * seats }));
    }
  }
  return problems;
}

export interface CandidateResult {
  candidateId: string;
  position: CommitteePosition;
  votes: number;
  /** 1 for the most votes within the position; equal votes share a rank. */
  rank: number;
  outcome: CandidateOutcome;
}

export interface RoundTally {
  valid: boolean;
  invalidReason: RoundInvalidReason | null;
  /** Ballots that must be returned for the round to be valid: more than half of the registered voters. */
  turnoutNeeded: number;
  /** Votes a candidate needs: more than half of the ballots returned, invalid ones included. */
  votesNeeded: number;
  candidates: CandidateResult[];
  elected: { candidateId: string; position: CommitteePosition }[];
  /** Seats left for a further round (另行选举), per position. */
  unfilledSeats: SeatPlan;
  furtherRoundNeeded: boolean;
}

const moreThanHalf = (n: number) => Math.floor(n / 2) + 1;

/**
 * The statutory tally of one round. 选举有效须登记选民过半数投票; 候选人获得参加投票的选民过半数的选票始得当选 —
 * the denominator is every ballot returned, invalid ones included. Seats fill by rank among those over the threshold;
 * a tie for the last seat fills none of the tied seats, which go with any unfilled seats to a further round.
 */
export function tallyRound(setup: RoundSetup, sheet: ResultSheet): RoundTally {
  const problems = sheetProblems(setup, sheet);
  if (problems.length) throw new Error(`the sheet cannot be tallied: ${problems.map((p) => `${p.path}: ${p.message.text('en')}`).join('; ')}`);
  const votesOf = new Map(sheet.votes.map((v) => [v.candidateId, v.votes]));
  const turnoutNeeded = moreThanHalf(sheet.registeredVoters);
  const votesNeeded = moreThanHalf(sheet.ballotsReturned);
  const invalidReason: RoundInvalidReason | null = sheet.ballotsReturned * 2 <= sheet.registeredVoters ? 'turnout_not_over_half' : null;

  const candidates: CandidateResult[] = [];
  const elected: RoundTally['elected'] = [];
  const unfilledSeats: SeatPlan = {};
  for (const position of committeePositions) {
    const seats = setup.seats[position] ?? 0;
    const standing = setup.candidates
      .filter((c) => c.position === position)
      .map((c) => ({ candidateId: c.id, position, votes: votesOf.get(c.id) ?? 0 }))
      .sort((a, b) => b.votes - a.votes || (a.candidateId < b.candidateId ? -1 : 1));
    const ranked = standing.map((c) => ({ ...c, rank: 1 + standing.filter((o) => o.votes > c.votes).length }));
    if (invalidReason) {
      candidates.push(...ranked.map((c) => ({ ...c, outcome: 'round_invalid' as const })));
      if (seats > 0) unfilledSeats[position] = seats;
      continue;
    }
    const over = ranked.filter((c) => c.votes * 2 > sheet.ballotsReturned);
    let winners = over;
    let tied: typeof over = [];
    if (over.length > seats) {
      const last = over[seats - 1];
      const next = over[seats]!;
      if (last && last.votes === next.votes) {
        winners = over.filter((c) => c.votes > last.votes);
        tied = over.filter((c) => c.votes === last.votes);
      } else {
        winners = over.slice(0, seats);
      }
    }
    const winnerIds = new Set(winners.map((c) => c.candidateId));
    const tiedIds = new Set(tied.map((c) => c.candidateId));
    for (const c of ranked) {
      const outcome: CandidateOutcome = winnerIds.has(c.candidateId) ? 'elected'
        : tiedIds.has(c.candidateId) ? 'tied_at_last_seat'
          : c.votes * 2 > sheet.ballotsReturned ? 'outranked'
            : 'below_threshold';
      candidates.push({ ...c, outcome });
      if (outcome === 'elected') elected.push({ candidateId: c.candidateId, position });
    }
    if (seats - winners.length > 0) unfilledSeats[position] = seats - winners.length;
  }
  return {
    valid: invalidReason === null,
    invalidReason,
    turnoutNeeded,
    votesNeeded,
    candidates,
    elected,
    unfilledSeats,
    furtherRoundNeeded: Object.keys(unfilledSeats).length > 0,
  };
}

/**
 * Who may stand in the further round for a position, as a suggestion: those tied for the last seat, else those who
 * were not elected, by votes, so the round has more candidates than seats (差额).
 */
export function furtherRoundCandidates(tally: RoundTally, position: CommitteePosition): string[] {
  const seats = tally.unfilledSeats[position] ?? 0;
  if (seats === 0) return [];
  const notElected = tally.candidates.filter((c) => c.position === position && c.outcome !== 'elected');
  const tied = notElected.filter((c) => c.outcome === 'tied_at_last_seat');
  if (tied.length > seats) return tied.map((c) => c.candidateId);
  return notElected.slice(0, seats + 1).map((c) => c.candidateId);
}
