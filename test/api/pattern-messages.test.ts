import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * A value that does not fit its field's pattern (ID number, phone, division code) comes back as a field error with the
 * pattern's own catalogue code and a message naming what the field should hold: Simplified Chinese by default,
 * English with Accept-Language: en; never zod's generic 格式不正确.
 */
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  admin = await h.cityToken('4401');
});

afterAll(async () => {
  await h?.close();
});

interface FieldError {
  path: string;
  code: string;
  message: string;
}
interface ProblemBody {
  code: string;
  title: string;
  errors?: FieldError[];
}

async function fieldErrors(method: string, path: string, options: { json?: unknown; language?: string } = {}): Promise<{ body: ProblemBody; byPath: Record<string, FieldError> }> {
  const res = await h.request(method, path, { token: admin, ...(options.json === undefined ? {} : { json: options.json }), headers: options.language ? { 'accept-language': options.language } : {} });
  expect(res.status, `${method} ${path}`).toBe(400);
  const body = (await res.json()) as ProblemBody;
  expect(body.code).toBe('validation_failed');
  return { body, byPath: Object.fromEntries((body.errors ?? []).map((e) => [e.path, e])) };
}

const member = {
  name: '李明',
  gender: 'male',
  birthYear: 1980,
  position: 'member',
  joinedOn: '2026-11-20',
};
const someCommittee = '/v1/committees/019ab3c2-7d1e-7a10-9c55-2f0e8b6a4d99/members';

describe('a value that does not fit its pattern', () => {
  it('names a bad ID number by its own code, in Chinese', async () => {
    const { byPath } = await fieldErrors('POST', someCommittee, { json: { ...member, idNumber: '4401031980010' } });
    expect(byPath['body.idNumber']).toMatchObject({ code: 'id_number_format', message: '身份证号码为 17 位数字加 1 位校验码（0-9 或 X）' });
  });

  it('names a bad phone number by its own code, in Chinese', async () => {
    const { byPath } = await fieldErrors('POST', someCommittee, { json: { ...member, phone: '12345' } });
    expect(byPath['body.phone']).toMatchObject({ code: 'phone_format', message: '手机号为 11 位（13x–19x），座机须带区号，例如 020-12345678' });
  });

  it('names a bad community code and a bad division code by their own codes, in Chinese', async () => {
    const community = await fieldErrors('POST', '/v1/committees', { json: { communityCode: '4401031' } });
    expect(community.body.title).toBe('请求参数有误');
    expect(community.byPath['body.communityCode']).toEqual({ path: 'body.communityCode', code: 'community_code_format', params: {}, message: '社区代码应为 12 位数字' });
    const division = await fieldErrors('GET', '/v1/todo?unit=44010');
    expect(division.byPath['query.unit']).toMatchObject({ code: 'division_code_format', message: '区划代码应为 4、6、9 或 12 位数字' });
    const street = await fieldErrors('GET', '/v1/notifications?unit=4401031');
    expect(street.byPath['query.unit']).toMatchObject({ code: 'division_code_format', message: '区划代码应为 4、6、9 或 12 位数字' });
  });

  it('answers in English with Accept-Language: en, with the same codes', async () => {
    const person = await fieldErrors('POST', someCommittee, { json: { ...member, idNumber: '4401031980010', phone: '12345' }, language: 'en' });
    expect(person.body.title).toBe('The request is invalid');
    expect(person.byPath['body.idNumber']).toMatchObject({ code: 'id_number_format', message: 'an ID number has 17 digits and a check character (0-9 or X)' });
    expect(person.byPath['body.phone']).toMatchObject({ code: 'phone_format', message: 'a mobile number of 11 digits (13x–19x) or a landline with area code, e.g. 020-12345678' });
    const community = await fieldErrors('POST', '/v1/committees', { json: { communityCode: 'abc' }, language: 'en' });
    expect(community.byPath['body.communityCode']).toMatchObject({ code: 'community_code_format', message: 'a community code has 12 digits' });
    const division = await fieldErrors('GET', '/v1/todo?unit=44010', { language: 'en' });
    expect(division.byPath['query.unit']).toMatchObject({ code: 'division_code_format', message: 'a division code has 4, 6, 9 or 12 digits' });
  });

  it('names what a field of a module takes, by the pattern written once for every schema that shares it', async () => {
    const pilot = await fieldErrors('POST', '/v1/reform/pilots', { json: { unitCode: '4401031' } });
    expect(pilot.byPath['body.unitCode']).toMatchObject({ code: 'district_or_street_code_format', message: '应为区（县）代码（6 位数字）或街道（镇）代码（9 位数字）' });
    for (const e of Object.values(pilot.byPath)) expect(e.message, e.path).not.toBe('格式不正确');
  });
});

describe('a refinement names its catalogue code too', () => {
  it('refuses a time-bank entry of zero minutes with minutes_not_zero, in Chinese and in English', async () => {
    const entry = { kind: 'draw', minutes: 0, communityCode: '440103001001', service: '兑换服务', serviceDate: '2026-11-20' };
    const path = '/v1/volunteers/019ab3c2-7d1e-7a10-9c55-2f0e8b6a4d11/ledger';
    const zh = await fieldErrors('POST', path, { json: entry });
    expect(zh.byPath['body.minutes']).toMatchObject({ code: 'minutes_not_zero', message: '分钟数不能为 0' });
    const en = await fieldErrors('POST', path, { json: entry, language: 'en' });
    expect(en.byPath['body.minutes']).toMatchObject({ code: 'minutes_not_zero', message: 'minutes must not be zero' });
  });
});
