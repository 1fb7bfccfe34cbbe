import { describe, expect, it } from 'vitest';
import {
  committeeStatus, compositionProblems, missingSystems, seatPlanProblems, sizeProposalProblems, termEndDate,
  type CommitteePosition,
} from '../../shared/committees/rules.js';

const committee = (chairs: number, others: number): CommitteePosition[] => [
  ...Array<CommitteePosition>(chairs).fill('chair'),
  ...Array<CommitteePosition>(others).fill('member'),
];
const allSystems = ['representatives_deliberation', 'committee_work', 'democratic_supervision'] as const;

describe('composition (主任、副主任和委员共5至9人)', () => {
  it.each([
    [4, ['too_few_members']],
    [5, []],
    [9, []],
    [10, ['too_many_members']],
  ] as const)('%i members with one chair → %j', (size, codes) => {
    expect(compositionProblems(committee(1, size - 1)).map((p) => p.code)).toEqual(codes);
  });

  it('needs exactly one chair', () => {
    expect(compositionProblems(committee(0, 6)).map((p) => p.code)).toEqual(['no_chair']);
    expect(compositionProblems(committee(2, 5)).map((p) => p.code)).toEqual(['several_chairs']);
  });

  it('checks an election’s seats the same way, naming the field', () => {
    expect(seatPlanProblems({ chair: 1, vice_chair: 2, member: 4 })).toEqual([]);
    const [tooFew, ...rest] = seatPlanProblems({ chair: 1, member: 3 });
    expect(rest).toEqual([]);
    expect(tooFew!.path).toBe('seats');
    expect(tooFew!.message.code).toBe('committee_size_plan');
    expect(tooFew!.message.params).toEqual({ min: 5, max: 9, total: 4 });
    expect(tooFew!.message.text('zh')).toBe('居委会由 5 至 9 人组成，本方案共 4 个职位');
    expect(tooFew!.message.text('en')).toMatch(/5 to 9.*4 seats/);
    expect(seatPlanProblems({ chair: 2, member: 5 }).map((p) => p.path)).toEqual(['seats.chair']);
    expect(seatPlanProblems({ chair: 1, member: 8, vice_chair: 1 }).map((p) => p.path)).toEqual(['seats']);
    expect(seatPlanProblems({ chair: 1, member: 4.5 }).map((p) => p.path)).toEqual(['seats.member']);
  });
});

describe('the size the street proposes (征得大多数社区居民代表同意)', () => {
  it('stands with more than half of the representatives, not with exactly half', () => {
    expect(sizeProposalProblems({ size: 7, representatives: 40, consenting: 21 })).toEqual([]);
    expect(sizeProposalProblems({ size: 7, representatives: 40, consenting: 20 }).map((p) => p.path)).toEqual(['consenting']);
    expect(sizeProposalProblems({ size: 10, representatives: 40, consenting: 41 }).map((p) => p.path)).toEqual(['size', 'consenting']);
  });
});

describe('the term (每届任期)', () => {
  it('ends on the same day the set number of years later, exclusive', () => {
    expect(termEndDate('2026-11-25', 5)).toBe('2031-11-25');
    expect(termEndDate('2024-02-29', 5)).toBe('2029-03-01');
    expect(termEndDate('2024-02-29', 4)).toBe('2028-02-29');
    expect(termEndDate('2026-11-25', 3)).toBe('2029-11-25');
  });
});

describe('status flags in lists', () => {
  const base = { positions: committee(1, 6), termEndsOn: '2031-11-25', systems: allSystems, today: '2031-11-24' };

  it('flags nothing for a complete committee in term with its three systems', () => {
    expect(committeeStatus(base)).toEqual([]);
  });

  it('flags an expired term from the end day on', () => {
    expect(committeeStatus({ ...base, today: '2031-11-25' })).toEqual(['term_expired']);
  });

  it('flags a committee out of range, without a chair, or without a term as incomplete', () => {
    expect(committeeStatus({ ...base, positions: committee(1, 3) })).toEqual(['incomplete']);
    expect(committeeStatus({ ...base, positions: committee(0, 7) })).toEqual(['incomplete']);
    expect(committeeStatus({ ...base, positions: [], termEndsOn: null })).toEqual(['incomplete']);
  });

  it('flags missing systems and names them', () => {
    expect(committeeStatus({ ...base, systems: ['committee_work'] })).toEqual(['missing_systems']);
    expect(missingSystems(new Set(['committee_work'] as const))).toEqual(['representatives_deliberation', 'democratic_supervision']);
  });

  it('can carry every flag at once', () => {
    expect(committeeStatus({ positions: committee(1, 10), termEndsOn: '2020-01-01', systems: [], today: '2026-01-01' })).toEqual(['incomplete', 'term_expired', 'missing_systems']);
  });
});
