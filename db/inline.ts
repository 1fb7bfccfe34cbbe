/**
 * Inlining of bound parameters as SQL literals, for the one-round-trip tenant read (see `readAsTenant`): the simple
 * query protocol that lets the tenant settings and the read travel as one message takes no parameters.
 *
 * Every value becomes a quoted literal of unknown type ('42', 'true', '2026-11-25T00:00:00.000Z'), which Postgres
 * resolves from its context exactly as it resolves an untyped parameter, or NULL. Quotes are doubled; this is the whole
 * escaping rule only while `standard_conforming_strings` is on (the default since PostgreSQL 9.1, checked by the caller
 * per database before the first inlined read). A value of any other kind, a string holding NUL, or a placeholder the
 * scanner cannot match refuses with `NotInlinable`, and the caller runs the ordinary parameterised path instead.
 */
export class NotInlinable extends Error {}

function literalOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotInlinable('a non-finite number');
    text = String(value);
  } else if (typeof value === 'bigint' || typeof value === 'boolean') text = String(value);
  else if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new NotInlinable('an invalid date');
    text = value.toISOString();
  } else throw new NotInlinable(`a parameter of type ${typeof value}`);
  if (text.includes('\0')) throw new NotInlinable('a string holding NUL');
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * `text` with each `$n` placeholder outside quoted identifiers, string literals, dollar-quoted strings and comments
 * replaced by the literal of `params[n - 1]`. Escape-string literals (E'...') refuse, since their backslashes would
 * need a second lexer.
 */
export function inlineParams(text: string, params: readonly unknown[]): string {
  if (params.length === 0 && !text.includes('$')) return text;
  const literals = params.map(literalOf);
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      if (c === "'" && i > 0 && /[eE]/.test(text[i - 1]!) && (i < 2 || !/[\w$]/.test(text[i - 2]!))) throw new NotInlinable('an escape-string literal');
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new NotInlinable('an unterminated quote');
        if (text[j] === c) {
          if (text[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const j = end < 0 ? n : end;
      out += text.slice(i, j);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new NotInlinable('an unterminated comment');
      out += text.slice(i, end + 2);
      i = end + 2;
    } else if (c === '$') {
      const placeholder = /^\$(\d+)/.exec(text.slice(i, i + 12));
      if (placeholder && (i === 0 || !/[\w$]/.test(text[i - 1]!))) {
        const literal = literals[Number(placeholder[1]) - 1];
        if (literal === undefined) throw new NotInlinable(`placeholder ${placeholder[0]} has no parameter`);
        out += literal;
        i += placeholder[0].length;
        continue;
      }
      const tag = /^\$([A-Za-z_][\w]*)?\$/.exec(text.slice(i, i + 64));
      if (tag && (i === 0 || !/[\w$]/.test(text[i - 1]!))) {
        const end = text.indexOf(tag[0], i + tag[0].length);
        if (end < 0) throw new NotInlinable('an unterminated dollar quote');
        out += text.slice(i, end + tag[0].length);
        i = end + tag[0].length;
        continue;
      }
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
