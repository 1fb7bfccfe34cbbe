import { describe, expect, it } from 'vitest';
import { coded } from '../support/messages.js';
import { canonicalJson, chainHash, GENESIS_HASH, verifyChain, type ChainLink } from '../../shared/elections/chain.js';
import { furtherRoundCandidates, sheetProblems, tallyRound, type ResultSheet, type RoundSetup } from '../../shared/elections/rules.js';

const chairOnly = (...ids: string[]): RoundSetup => ({ seats: { chair: 1 }, candidates: ids.map((id) => ({ id, position: 'chair' as const })) });
const sheet = (over: Partial<ResultSheet> & Pick<ResultSheet, 'votes'>): ResultSheet => ({
  registeredVoters: 100, ballotsIssued: 100, ballotsReturned: 80, validBallots: 80, invalidBallots: 0, ...over,
});

describe('turnout (选举有效须登记选民过半数投票)', () => {
  it.each([
    [50, false],
    [51, true],
  ])('%i of 100 registered voters returning ballots → valid %s', (returned, valid) => {
    const t = tallyRound(chairOnly('a'), sheet({ ballotsReturned: returned, validBallots: returned, votes: [{ candidateId: 'a', votes: returned }] }));
    expect(t.valid).toBe(valid);
    expect(t.turnoutNeeded).toBe(51);
    expect(t.elected.map((e) => e.candidateId)).toEqual(valid ? ['a'] : []);
    if (!valid) {
      expect(t.invalidReason).toBe('turnout_not_over_half');
      expect(t.unfilledSeats).toEqual({ chair: 1 });
      expect(t.candidates[0]!.outcome).toBe('round_invalid');
    }
  });

  it('needs more than half of an odd register: 50 of 99 is valid, 49 is not', () => {
    const at = (n: number) => tallyRound(chairOnly('a'), sheet({ registeredVoters: 99, ballotsIssued: 99, ballotsReturned: n, validBallots: n, votes: [{ candidateId: 'a', votes: n }] }));
    expect(at(50).valid).toBe(true);
    expect(at(49).valid).toBe(false);
  });

  it('refuses more ballots returned than issued as a sheet that cannot be true, naming the field (#22)', () => {
    const impossible = sheet({ ballotsIssued: 70, ballotsReturned: 71, validBallots: 71, votes: [{ candidateId: 'a', votes: 71 }] });
    expect(sheetProblems(chairOnly('a'), impossible).map((p) => [p.path, p.message.code])).toEqual([['ballotsReturned', 'ballots_returned_over_issued']]);
    expect(() => tallyRound(chairOnly('a'), impossible)).toThrow(/ballotsReturned/);
    expect(sheetProblems(chairOnly('a'), { ...impossible, ballotsReturned: 70, validBallots: 70, votes: [{ candidateId: 'a', votes: 70 }] })).toEqual([]);
  });
});

describe('the threshold (获得参加投票的选民过半数的选票始得当选)', () => {
  it.each([
    [40, 'below_threshold'],
    [41, 'elected'],
  ] as const)('%i votes of 80 ballots returned → %s', (votes, outcome) => {
    const t = tallyRound(chairOnly('a', 'b'), sheet({ votes: [{ candidateId: 'a', votes }, { candidateId: 'b', votes: 80 - votes }] }));
    expect(t.votesNeeded).toBe(41);
    expect(t.candidates.find((c) => c.candidateId === 'a')!.outcome).toBe(outcome);
  });

  it('counts invalid ballots in the denominator', () => {
    // 41 of 80 valid ballots would elect; with 10 invalid ballots out of 90 returned, 41 is not more than half.
    const t = tallyRound(chairOnly('a', 'b'), sheet({ ballotsReturned: 90, validBallots: 80, invalidBallots: 10, votes: [{ candidateId: 'a', votes: 41 }, { candidateId: 'b', votes: 39 }] }));
    expect(t.votesNeeded).toBe(46);
    expect(t.elected).toEqual([]);
    expect(t.unfilledSeats).toEqual({ chair: 1 });
  });

  it('sends a seat nobody won to a further round with the best placed as candidates', () => {
    const setup: RoundSetup = { seats: { chair: 1, member: 2 }, candidates: [{ id: 'c', position: 'chair' }, { id: 'm1', position: 'member' }, { id: 'm2', position: 'member' }, { id: 'm3', position: 'member' }] };
    const t = tallyRound(setup, sheet({ votes: [{ candidateId: 'c', votes: 70 }, { candidateId: 'm1', votes: 60 }, { candidateId: 'm2', votes: 40 }, { candidateId: 'm3', votes: 30 }] }));
    expect(t.elected).toEqual([{ candidateId: 'c', position: 'chair' }, { candidateId: 'm1', position: 'member' }]);
    expect(t.unfilledSeats).toEqual({ member: 1 });
    expect(furtherRoundCandidates(t, 'member')).toEqual(['m2', 'm3']);
    expect(furtherRoundCandidates(t, 'chair')).toEqual([]);
  });
});

describe('seats by rank', () => {
  const members = (votes: Record<string, number>, seats = 2): [RoundSetup, ResultSheet] => [
    { seats: { member: seats }, candidates: Object.keys(votes).map((id) => ({ id, position: 'member' as const })) },
    sheet({ votes: Object.entries(votes).map(([candidateId, v]) => ({ candidateId, votes: v })) }),
  ];

  it('fills seats by rank among those over the threshold', () => {
    const t = tallyRound(...members({ a: 62, b: 55, c: 42 }));
    expect(t.elected.map((e) => e.candidateId)).toEqual(['a', 'b']);
    expect(t.candidates.find((c) => c.candidateId === 'c')!.outcome).toBe('outranked');
    expect(t.furtherRoundNeeded).toBe(false);
  });

  it('leaves a tie for the last seat to a further round and elects those above it', () => {
    const t = tallyRound(...members({ a: 70, b: 60, c: 55, d: 55 }, 3));
    expect(t.elected.map((e) => e.candidateId)).toEqual(['a', 'b']);
    expect(t.candidates.filter((c) => c.outcome === 'tied_at_last_seat').map((c) => c.candidateId)).toEqual(['c', 'd']);
    expect(t.unfilledSeats).toEqual({ member: 1 });
    expect(furtherRoundCandidates(t, 'member')).toEqual(['c', 'd']);
  });

  it('elects both when the tie is within the seats', () => {
    const t = tallyRound(...members({ a: 55, b: 55, c: 42 }));
    expect(t.elected.map((e) => e.candidateId).sort()).toEqual(['a', 'b']);
    expect(t.candidates.map((c) => c.rank)).toEqual([1, 1, 3]);
  });

  it('fills nothing when every candidate over the threshold ties for fewer seats', () => {
    const t = tallyRound(...members({ a: 45, b: 45, c: 45 }));
    expect(t.elected).toEqual([]);
    expect(t.unfilledSeats).toEqual({ member: 2 });
  });

  it('fills a further round of its own seats only', () => {
    const round2: RoundSetup = { seats: { member: 1 }, candidates: [{ id: 'b', position: 'member' }, { id: 'c', position: 'member' }] };
    const t = tallyRound(round2, sheet({ registeredVoters: 100, ballotsIssued: 90, ballotsReturned: 85, validBallots: 84, invalidBallots: 1, votes: [{ candidateId: 'b', votes: 50 }, { candidateId: 'c', votes: 34 }] }));
    expect(t.elected).toEqual([{ candidateId: 'b', position: 'member' }]);
    expect(t.furtherRoundNeeded).toBe(false);
  });
});

describe('an impossible sheet', () => {
  it('names every field that cannot be right', () => {
    const problems = sheetProblems(chairOnly('a', 'b'), {
      registeredVoters: 100, ballotsIssued: 101, ballotsReturned: 80, validBallots: 70, invalidBallots: 5,
      votes: [{ candidateId: 'a', votes: 71 }, { candidateId: 'x', votes: 1 }, { candidateId: 'a', votes: 1 }],
    });
    expect(problems.map((p) => p.path)).toEqual(['ballotsIssued', 'ballotsReturned', 'votes.0.votes', 'votes.1.candidateId', 'votes.2.candidateId', 'votes']);
  });

  it('refuses more votes than one per seat on each valid ballot', () => {
    const setup: RoundSetup = { seats: { member: 2 }, candidates: ['a', 'b', 'c'].map((id) => ({ id, position: 'member' as const })) };
    const ok = sheetProblems(setup, sheet({ votes: [{ candidateId: 'a', votes: 80 }, { candidateId: 'b', votes: 80 }, { candidateId: 'c', votes: 0 }] }));
    const over = sheetProblems(setup, sheet({ votes: [{ candidateId: 'a', votes: 80 }, { candidateId: 'b', votes: 80 }, { candidateId: 'c', votes: 1 }] }));
    expect(ok).toEqual([]);
    expect(over).toEqual([{ path: 'votes', message: coded('position_votes_over_capacity') }]);
    expect(over[0]!.message.params).toMatchObject({ marks: 161, validBallots: 80, most: 160 });
    expect(over[0]!.message.text('en')).toMatch(/member: 161 votes.*at most 160/);
  });

  it('refuses fractions, negatives and a missing candidate', () => {
    const problems = sheetProblems(chairOnly('a', 'b'), sheet({ ballotsReturned: 80.5, votes: [] }));
    expect(problems).toEqual([{ path: 'ballotsReturned', message: coded('whole_number_up_to') }]);
    expect(sheetProblems(chairOnly('a'), sheet({ votes: [{ candidateId: 'a', votes: -1 }] })).map((p) => p.path)).toEqual(['votes.0.votes']);
    expect(() => tallyRound(chairOnly('a'), sheet({ votes: [] }))).toThrow(/missing from the sheet/);
  });
});

describe('the certification chain', () => {
  it('serialises one way whatever the key order, and refuses floats', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(canonicalJson({ a: 1, b: 1 })).toBe(canonicalJson({ b: 1, a: 1 }));
    expect(() => canonicalJson({ a: 0.5 })).toThrow(/integers only/);
  });

  const build = (contents: { votes: number }[]): ChainLink[] => {
    let previous = GENESIS_HASH;
    return contents.map((content, i) => {
      const hash = chainHash(previous, content);
      const link = { id: `r${i}`, previousHash: previous, hash, content };
      previous = hash;
      return link;
    });
  };

  it('verifies an untouched chain', () => {
    expect(verifyChain(build([{ votes: 1 }, { votes: 2 }, { votes: 3 }]))).toEqual([]);
  });

  it('finds a changed result and a re-hashed one that breaks the next link', () => {
    const links = build([{ votes: 1 }, { votes: 2 }, { votes: 3 }]);
    links[1] = { ...links[1]!, content: { votes: 20 } };
    expect(verifyChain(links)).toEqual([{ id: 'r1', index: 1, problem: 'content_changed', expected: chainHash(links[0]!.hash, { votes: 20 }), stored: links[1].hash }]);
    links[1] = { ...links[1], hash: chainHash(links[0]!.hash, { votes: 20 }) };
    expect(verifyChain(links).map((b) => [b.id, b.problem])).toEqual([['r2', 'link_broken']]);
  });
});
