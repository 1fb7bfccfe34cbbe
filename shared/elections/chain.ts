import { createHash } from 'node:crypto';

export type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical | undefined };

/** The previous hash of a tenant's first certified result. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One serialisation per value: keys sorted, no whitespace, integers only (a float's text is not stable across
 * producers), undefined members dropped. The hash of a certified result is taken over this text.
 */
export function canonicalJson(value: Canonical): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON carries integers only, not ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}

/** sha256 over the previous hash and the content, so changing any certified result breaks every link after it. */
export function chainHash(previousHash: string, content: Canonical): string {
  return createHash('sha256').update(`shequ-certified-result/v1\n${previousHash}\n${canonicalJson(content)}`, 'utf8').digest('hex');
}

export interface ChainLink {
  id: string;
  previousHash: string;
  hash: string;
  /** The content as it reads now, recomputed from the stored rows. */
  content: Canonical;
}

export type ChainBreak =
  | { id: string; index: number; problem: 'content_changed'; expected: string; stored: string }
  | { id: string; index: number; problem: 'link_broken'; expected: string; stored: string };

/** Walks the links in certification order and reports every one whose content or link no longer matches. */
export function verifyChain(links: readonly ChainLink[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let previous = GENESIS_HASH;
  links.forEach((link, index) => {
    if (link.previousHash !== previous) breaks.push({ id: link.id, index, problem: 'link_broken', expected: previous, stored: link.previousHash });
    const recomputed = chainHash(link.previousHash, link.content);
    if (recomputed !== link.hash) breaks.push({ id: link.id, index, problem: 'content_changed', expected: recomputed, stored: link.hash });
    previous = link.hash;
  });
  return breaks;
}
