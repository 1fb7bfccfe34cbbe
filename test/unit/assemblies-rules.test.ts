import { describe, expect, it } from 'vitest';
import { inForceOn, isAdopted, isQuorate } from '../../shared/assemblies/rules.js';
import { assemblyName } from '../../shared/assemblies/service.js';

describe('the residents’ meeting’s rules', () => {
  it('is quorate with more than half of those in force present, never with exactly half, never with nobody in force', () => {
    expect(isQuorate(3, 5)).toBe(true);
    expect(isQuorate(3, 6)).toBe(false);
    expect(isQuorate(4, 6)).toBe(true);
    expect(isQuorate(0, 0)).toBe(false);
  });

  it('adopts with more than half of those present for, and only at a quorate meeting', () => {
    expect(isAdopted({ quorate: true, present: 4 }, 3)).toBe(true);
    expect(isAdopted({ quorate: true, present: 4 }, 2)).toBe(false);
    expect(isAdopted({ quorate: false, present: 4 }, 4)).toBe(false);
  });

  it('keeps a representative in force from the first day until the day before the end', () => {
    const r = { fromOn: '2026-11-01', endedOn: '2026-11-10' };
    expect([inForceOn(r, '2026-10-31'), inForceOn(r, '2026-11-01'), inForceOn(r, '2026-11-09'), inForceOn(r, '2026-11-10')]).toEqual([false, true, true, false]);
  });

  it('names the body after the community', () => {
    expect(assemblyName('沙面社区居委会', 'residents_meeting')).toBe('沙面社区居民会议');
    expect(assemblyName('翠香社区', 'member_representatives_meeting')).toBe('翠香社区成员代表会议');
  });
});
