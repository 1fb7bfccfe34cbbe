import { idCheckCharacter } from '../../../shared/personal-data/identifiers.js';

/**
 * Made-up people for the demo. Names are drawn from common surnames and given names; every ID number is born on the
 * first of January to the 28th of it, with the sequence 99x, so it passes GB 11643 (the check character is computed)
 * while being plainly synthetic; phones are 139 0000 xxxx.
 */

const surnames = ['陈', '李', '黄', '张', '梁', '林', '刘', '吴', '罗', '何', '郑', '杨', '谢', '冯', '钟', '邓', '曾', '蔡', '许', '彭'];
const givenFemale = ['秀英', '丽华', '美玲', '淑珍', '晓燕', '慧敏', '嘉欣', '碧霞', '玉兰', '少芬', '雪梅', '婉婷'];
const givenMale = ['志强', '国华', '建伟', '永康', '俊杰', '伟明', '锦添', '振辉', '家豪', '德胜', '文彬', '汉生'];

export type Gender = 'male' | 'female';
export type Position = 'chair' | 'vice_chair' | 'member';

export interface DemoPerson {
  name: string;
  gender: Gender;
  birthYear: number;
  phone: string;
  idNumber: string;
  partyMember: boolean;
  keepsJob: boolean;
}

export function syntheticIdNumber(birthYear: number, n: number, gender: Gender): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  const first17 = `440402${birthYear}01${day}99${gender === 'male' ? 1 : 2}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

export const syntheticPhone = (n: number) => `1390000${String(n % 10_000).padStart(4, '0')}`;

/** The n-th made-up person of a set (`seed` keeps communities' people apart). */
export function person(seed: number, n: number): DemoPerson {
  const k = seed * 17 + n;
  const gender: Gender = k % 2 === 0 ? 'female' : 'male';
  const given = gender === 'female' ? givenFemale : givenMale;
  const name = `${surnames[(seed * 7 + n * 3) % surnames.length]}${given[(seed * 5 + n) % given.length]}`;
  const birthYear = 1966 + ((seed * 11 + n * 4) % 28);
  return { name, gender, birthYear, phone: syntheticPhone(k), idNumber: syntheticIdNumber(birthYear, k, gender), partyMember: n % 3 !== 2, keepsJob: n % 4 !== 0 };
}

/** A slate of candidates for 1 chair, 2 vice-chairs and 4 members, with one more member candidate than seats. */
export function slate(seed: number): Array<DemoPerson & { position: Position }> {
  const positions: Position[] = ['chair', 'vice_chair', 'vice_chair', 'member', 'member', 'member', 'member', 'member'];
  const people: Array<DemoPerson & { position: Position }> = [];
  const names = new Set<string>();
  for (let n = 0; people.length < positions.length; n++) {
    const p = person(seed, n);
    if (names.has(p.name)) continue;
    names.add(p.name);
    people.push({ ...p, position: positions[people.length]! });
  }
  return people;
}
