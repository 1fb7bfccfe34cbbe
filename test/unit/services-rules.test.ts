import { describe, expect, it } from 'vitest';
import { facilityProblems, nonStateShareAtLeastTwoThirds, registrationAuthority, signedMinutes } from '../../shared/services/rules.js';

const nonProfit = (nonState: bigint, total: bigint) =>
  registrationAuthority({ funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: nonState, totalAssetsYuan: total }).authority;

describe('registration authority (三、社区服务社会化)', () => {
  it('exactly two-thirds of total assets is enough for 民办非企业单位', () => {
    expect(nonProfit(2n, 3n)).toBe('civil_affairs');
    expect(nonProfit(200_000_000n, 300_000_000n)).toBe('civil_affairs');
    expect(nonProfit(6_004_799_503_160_662n, 9_007_199_254_740_993n)).toBe('civil_affairs');
  });

  it('just under two-thirds is not, even where floating point rounds it up', () => {
    expect(nonProfit(199_999_999n, 300_000_000n)).toBe('undetermined');
    expect(nonProfit(6_004_799_503_160_661n, 9_007_199_254_740_993n)).toBe('undetermined');
    expect(6_004_799_503_160_661 / 9_007_199_254_740_993 >= 2 / 3).toBe(true);
    expect(nonStateShareAtLeastTwoThirds(6_004_799_503_160_661n, 9_007_199_254_740_993n)).toBe(false);
  });

  it('government funding and profit decide before the share', () => {
    expect(registrationAuthority({ funding: 'government', profitStatus: 'non_profit', nonStateAssetsYuan: 0n, totalAssetsYuan: 100n })).toMatchObject({ authority: 'social_welfare' });
    expect(registrationAuthority({ funding: 'non_state', profitStatus: 'for_profit', nonStateAssetsYuan: 100n, totalAssetsYuan: 100n })).toMatchObject({ authority: 'industry_commerce' });
    expect(nonStateShareAtLeastTwoThirds(0n, 0n)).toBe(false);
  });
});

describe('facilities and the ledger', () => {
  it('a place needs an address; a hotline a number and no area', () => {
    expect(facilityProblems({ kind: 'small_square', areaM2: 500, address: null, contact: null }).map((p) => p.path)).toEqual(['body.address']);
    expect(facilityProblems({ kind: 'hotline', areaM2: 10, address: null, contact: null }).map((p) => p.path)).toEqual(['body.contact', 'body.areaM2']);
    expect(facilityProblems({ kind: 'online_platform', areaM2: null, address: null, contact: 'https://example.gov.cn' })).toEqual([]);
  });

  it('deposits add, draws subtract, corrections keep their sign', () => {
    expect([signedMinutes('deposit', 30), signedMinutes('draw', 30), signedMinutes('correction', -15)]).toEqual([30, -30, -15]);
  });
});
