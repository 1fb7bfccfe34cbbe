import { readdirSync, readFileSync, statSync } from 'node:fs';
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

describe('pattern checks', () => {
  it('read as their catalogue message, carrying its code, in either language', async () => {
    const { communityCode, divisionCode } = await import('../../shared/patterns.js');
    const schema = z.object({ unit: divisionCode, community: communityCode });
    const data = { unit: '44010', community: '4401030010011' };
    const byPath = Object.fromEntries(zodFieldProblems(schema.safeParse(data).error!.issues, data, ['query']).map((p) => [p.path, p.message]));
    expect(byPath['query.unit']!.code).toBe('division_code_format');
    expect(byPath['query.unit']!.text('zh')).toBe('区划代码应为 4、6、9 或 12 位数字');
    expect(byPath['query.unit']!.text('en')).toBe('a division code has 4, 6, 9 or 12 digits');
    expect(byPath['query.community']!.code).toBe('community_code_format');
    expect(byPath['query.community']!.text('zh')).toBe('社区代码应为 12 位数字');
  });

  it('each name a catalogue code, so none falls back to zod’s generic 格式不正确', () => {
    // operator configuration (English, for logs), token claims and queue bodies are never typed by a person
    const exempt = ['shared/env.ts', 'functions/api/production.ts', 'shared/auth/principal.ts', 'shared/queues.ts'];
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return sources(path);
        return /\.tsx?$/.test(name) ? [path] : [];
      });
    const uncoded = [join(root, 'shared'), join(root, 'functions')]
      .flatMap(sources)
      .filter((file) => !exempt.includes(relative(root, file)))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => [`${relative(root, file)}:${i + 1}`, line] as const))
      .filter(([, line]) => line.includes('.regex(') && !/\.regex\(.*, [\w.]+\(\)\.code\)/.test(line))
      .map(([where]) => where);
    expect(uncoded).toEqual([]);
  });
});

describe('enum values in messages', () => {
  const rawValue = /\b(chair|vice_chair|member|city_admin|street_officer|district_officer|numerator|denominator|pilot|rollout|inspection|county|township|village|semiannual)\b/;

  it('read as their labels in Chinese and as the value in words in English', async () => {
    const { planDivisionImport } = await import('../../shared/hierarchy/rules.js');
    const { programmeProblems } = await import('../../shared/reform/rules.js');
    const { templateProblems } = await import('../../shared/reporting/rules.js');
    const { roleLabel } = await import('../../shared/auth/principal.js');
    const { msg: auth } = await import('../../shared/auth/messages.js');

    const [sitting] = planDivisionImport('4401', [{ row: 2, code: '440103', name: '荔湾区' }, { row: 3, code: '440103001010', name: '错社区', parentCode: '440103' }], new Map()).problems;
    expect(sitting!.reason.text('zh')).toBe('社区（村）不能直接隶属于区（县）（上级代码 440103）');
    expect(sitting!.reason.text('en')).toBe('a village cannot sit under a county (440103)');

    const phases = programmeProblems({ name: '改革', phases: [{ phase: 'rollout', startsOn: '2026-06-01', endsOn: '2026-10-31' }] });
    expect(phases[0]!.message.text('zh')).toBe('第 1 阶段应为试点阶段');
    expect(phases[0]!.message.text('en')).toBe('phase 1 must be pilot');

    const ratio = templateProblems([{ code: 'rate', label: '比率', unit: '%', aggregation: 'ratio', source: 'derived' }], []);
    expect(ratio.map((p) => p.message.text('zh'))).toEqual(['比率指标须有分子', '比率指标须有分母']);

    expect(auth.role_may_not({ role: roleLabel('street_officer') }).text('zh')).toBe('角色 街道（镇）工作人员 无权执行此操作');
    expect(auth.role_may_not({ role: roleLabel('street_officer') }).text('en')).toBe('role street officer may not do this');
    for (const text of [sitting!.reason.text('zh'), phases[0]!.message.text('zh'), ...ratio.map((p) => p.message.text('zh'))]) expect(text).not.toMatch(rawValue);
  });
});
