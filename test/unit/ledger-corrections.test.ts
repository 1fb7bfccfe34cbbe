import { describe, expect, it } from 'vitest';
import { correctionProblem } from '../../shared/services/rules.js';

describe('a correction is bounded by the entry it corrects', () => {
  it.each([
    ['a deposit of 60', 'deposit', 60, -60, true],
    ['a deposit of 60', 'deposit', 60, -1, true],
    ['a deposit of 60', 'deposit', 60, -61, false],
    ['a deposit of 60', 'deposit', 60, 1, false],
    ['a deposit of 60', 'deposit', 60, 100_000, false],
    ['a draw of 60', 'draw', -60, 60, true],
    ['a draw of 60', 'draw', -60, 1, true],
    ['a draw of 60', 'draw', -60, 61, false],
    ['a draw of 60', 'draw', -60, -1, false],
    ['a correction of -30', 'correction', -30, 30, false],
  ] as const)('%s (%s %i) corrected by %i → allowed: %s', (_label, kind, minutes, correction, allowed) => {
    expect(correctionProblem({ kind, minutes }, correction) === undefined).toBe(allowed);
  });
});
