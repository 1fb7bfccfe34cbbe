import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { languages, placeholdersOf, registeredMessages } from '../../shared/i18n.js';
import { zodFieldProblems } from '../../shared/zod-messages.js';

const root = join(import.meta.dirname, '../..');
const asciiOnly = (text: string) => /^[\x00-\x7f]*$/.test(text);
/** Texts whose languages name a thing differently: indicator labels are Chinese, so the English names their codes; 第四季度 against Q4. */
const languageSpecific = new Set(['report.basis.ratio', 'report.period.quarter']);

function catalogueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return catalogueFiles(path);
    return name === 'messages.ts' ? [path] : [];
  });
}

describe('the message catalogues', async () => {
  const files = catalogueFiles(join(root, 'shared'));
  // loading every catalogue registers its codes; a code defined in two catalogues throws here
  for (const file of files) await import(file);
  const entries = [...registeredMessages()];

  it('are one per module, and every module that refuses has one', () => {
    expect(files.map((f) => relative(root, f)).sort()).toEqual(expect.arrayContaining(['shared/messages.ts', 'shared/elections/messages.ts', 'shared/training/messages.ts', 'shared/reporting/messages.ts']));
    expect(entries.length).toBeGreaterThan(300);
  });

  it.each(entries)('%s has every language, Chinese that is Chinese, and the same parameters in each', (code, texts) => {
    expect(code).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/);
    for (const language of languages) expect(texts[language]?.trim(), `${code} has no ${language}`).toBeTruthy();
    expect(asciiOnly(texts.zh), `${code}: the Chinese text is ASCII only: ${texts.zh}`).toBe(false);
    if (!languageSpecific.has(code)) expect(new Set(placeholdersOf(texts.zh)), `${code}: parameters differ between zh and en`).toEqual(new Set(placeholdersOf(texts.en)));
  });
});

describe('zod issues as field problems', () => {
  const schema = z.object({ name: z.string().min(2), age: z.number().int() }).strict();
  const data = { name: 'x', age: 'old', extra: 1 };
  const problems = zodFieldProblems(schema.safeParse(data).error!.issues, data, ['body']);

  it('carry zod’s code and its facts as parameters, in plain Chinese or zod’s own en words', () => {
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath['body.name']!.code).toBe('too_small');
    expect(byPath['body.name']!.params).toMatchObject({ minimum: 2, origin: 'string' });
    expect(byPath['body.name']!.text('zh')).toBe('至少 2 个字符');
    expect(byPath['body.name']!.text('en')).toMatch(/Too small/);
    // the value sent is recovered from the input, so "received" names it
    expect(byPath['body.age']!.text('en')).toContain('received string');
    expect(byPath['body.age']!.text('zh')).toBe('请填写数字');
    expect(byPath['body.extra']!.code).toBe('unknown_field');
    expect(byPath['body.extra']!.text('zh')).toBe('不接受此字段');
  });
});
