import { msg } from './messages.js';
import type { Message } from '../i18n.js';
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

export interface IdNumber {
  /** 18 characters, the check character upper case. */
  value: string;
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Message };

/** The GB 11643-1999 check character of the first 17 digits: ISO 7064 MOD 11-2. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** A citizen ID number (公民身份号码, GB 11643): region code, a real birth date, sequence code, check character. */
export function parseIdNumber(raw: string): Parsed<IdNumber> {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: msg.id_number_format() };
  if (!/^[1-9]/.test(value)) return { ok: false, reason: msg.id_number_region() };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { ok: false, reason: msg.id_number_birth_date() };
  }
  if (idCheckCharacter(value) !== value[17]) return { ok: false, reason: msg.id_number_check_character() };
  return {
    ok: true,
    value: { value, regionCode: value.slice(0, 6), birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

/** A mainland mobile number (11 digits from 13x to 19x) or a landline with its area code (020-12345678). */
export function parsePhone(raw: string): Parsed<string> {
  const compact = raw.trim().replace(/[\s()]/g, '').replace(/^\+?86-?/, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return { ok: true, value: compact };
  const landline = compact.match(/^(0[12]\d|0[3-9]\d{2})-?(\d{7,8})$/);
  if (landline) return { ok: true, value: `${landline[1]}-${landline[2]}` };
  return { ok: false, reason: msg.phone_format() };
}

/** 138****1234: the carrier prefix and the last four digits stay; a landline keeps its area code and last four. */
export function maskPhone(phone: string): string {
  const dash = phone.indexOf('-');
  if (dash > 0) {
    const local = phone.slice(dash + 1);
    return `${phone.slice(0, dash)}-${'*'.repeat(Math.max(local.length - 4, 0))}${local.slice(-4)}`;
  }
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 440***********123X: the province and city digits and the last four stay; birth date and sequence are hidden. */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}
