import { idCheckCharacter } from '../../shared/personal-data/identifiers.js';
import type { Harness } from './harness.js';

/** A valid citizen ID number (GB 11643) for test people: born on 1 January of the year, odd sequence for men. */
export function testIdNumber(birthYear: number, n: number, gender: 'male' | 'female'): string {
  const first17 = `440103${birthYear}0101${String(n % 100).padStart(2, '0')}${gender === 'male' ? 1 : 2}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

export const testPhone = (n: number) => `139${String(20260000 + n).padStart(8, '0')}`;

type Position = 'chair' | 'vice_chair' | 'member';
const slate: [string, 'male' | 'female', number, Position][] = [
  ['陈主任', 'female', 1975, 'chair'], ['林候选', 'male', 1978, 'chair'],
  ['黄副一', 'male', 1980, 'vice_chair'], ['吴副二', 'female', 1982, 'vice_chair'], ['周副三', 'male', 1984, 'vice_chair'],
  ['郑委一', 'female', 1986, 'member'], ['王委二', 'male', 1988, 'member'], ['冯委三', 'female', 1990, 'member'], ['蔡委四', 'male', 1991, 'member'], ['许委五', 'female', 1992, 'member'],
];

export const slateCandidates = slate.map(([name, gender, birthYear, position], i) => ({
  name, gender, birthYear, position, phone: testPhone(i), idNumber: testIdNumber(birthYear, i, gender), partyMember: i % 2 === 0, keepsJob: true,
}));

export const electionPlan = (communityCode = '440103001001', over: Record<string, unknown> = {}) => ({
  communityCode, electionDate: '2026-11-20', mode: 'all_residents', seats: { chair: 1, vice_chair: 2, member: 4 }, registeredVoters: 100, candidates: slateCandidates, ...over,
});

export interface ElectionBody {
  id: string;
  committeeId: string;
  status: string;
  rounds: { id: string; round: number; candidates: { id: string; name: string; position: Position; phone: string | null; idNumber: string | null }[]; result: null | { tally: { elected: { candidateId: string }[]; unfilledSeats: Record<string, number>; furtherRoundNeeded: boolean; valid: boolean; votesNeeded: number; candidates: { candidateId: string; outcome: string }[] } } }[];
  certifications: { seq: number; contentHash: string; previousHash: string; termId: string | null }[];
}

/** Votes by name on a sheet of 80 returned ballots (all valid unless said otherwise). */
export function sheetFor(election: ElectionBody, votesByName: Record<string, number>, over: Record<string, unknown> = {}) {
  const round = election.rounds.at(-1)!;
  return {
    ballotsIssued: 90, ballotsReturned: 80, validBallots: 80, invalidBallots: 0,
    votes: round.candidates.map((c) => ({ candidateId: c.id, votes: votesByName[c.name] ?? 0 })),
    ...over,
  };
}

export const winningVotes: Record<string, number> = { 陈主任: 60, 林候选: 20, 黄副一: 55, 吴副二: 50, 周副三: 30, 郑委一: 70, 王委二: 65, 冯委三: 60, 蔡委四: 45, 许委五: 30 };

async function ok<T>(res: Response, status: number, what: string): Promise<T> {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function planElection(h: Harness, token: string, plan = electionPlan()): Promise<ElectionBody> {
  return ok<ElectionBody>(await h.request('POST', '/v1/elections', { token, json: plan }), 201, 'planning the election');
}

/** Plans, counts and certifies an election in which all seven seats fill in round 1. */
export async function certifiedElection(h: Harness, token: string, plan = electionPlan()): Promise<ElectionBody> {
  const planned = await planElection(h, token, plan);
  const counted = await ok<ElectionBody>(await h.request('POST', `/v1/elections/${planned.id}/results`, { token, json: sheetFor(planned, winningVotes) }), 201, 'recording the result');
  return ok<ElectionBody>(await h.request('POST', `/v1/elections/${counted.id}/certify`, { token, json: {} }), 200, 'certifying');
}
