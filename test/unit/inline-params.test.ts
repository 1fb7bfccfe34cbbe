import { describe, expect, it } from 'vitest';
import { inlineParams, NotInlinable } from '../../db/inline.js';

describe('inlineParams (the one-round-trip read)', () => {
  it('replaces each placeholder by a quoted literal of unknown type, quotes doubled', () => {
    expect(inlineParams('select * from t where a = $1 and b = $2 and c = $1', ["O'Brien", 42])).toBe("select * from t where a = 'O''Brien' and b = '42' and c = 'O''Brien'");
    expect(inlineParams('select $1, $2, $3, $4', [null, true, 12n, new Date('2026-11-25T08:00:00Z')])).toBe("select NULL, 'true', '12', '2026-11-25T08:00:00.000Z'");
  });

  it('tells $1 from $10', () => {
    const params = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParams('select $10, $1', params)).toBe("select 'v10', 'v1'");
  });

  it('leaves placeholders inside string literals, quoted identifiers, dollar quotes and comments alone', () => {
    const text = `select '$1 it''s', "col$1", $tag$ $1 $tag$, $$ $2 $$ -- $1\n, /* $2 */ $1`;
    expect(inlineParams(text, ['x', 'y'])).toBe(`select '$1 it''s', "col$1", $tag$ $1 $tag$, $$ $2 $$ -- $1\n, /* $2 */ 'x'`);
  });

  it('keeps an injection attempt inside its literal', () => {
    const inlined = inlineParams('select * from divisions where code = $1', ["x'; delete from divisions; --"]);
    expect(inlined).toBe("select * from divisions where code = 'x''; delete from divisions; --'");
  });

  it.each([
    ['a string holding NUL', 'select $1', ['a\0b']],
    ['an object', 'select $1', [{ a: 1 }]],
    ['an array', 'select $1', [[1, 2]]],
    ['a non-finite number', 'select $1', [Number.NaN]],
    ['a placeholder with no parameter', 'select $2', ['x']],
    ['an escape-string literal', "select E'\\'' || $1", ['x']],
    ['an unterminated quote', "select $1, 'abc", ['x']],
  ])('refuses %s, so the caller takes the parameterised path', (_, text, params) => {
    expect(() => inlineParams(text as string, params as unknown[])).toThrow(NotInlinable);
  });
});
