import { createHash, randomBytes } from 'node:crypto';

const tokenPattern = /^([1-9]\d{3})\.([A-Za-z0-9_-]{43})$/;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** 256 random bits behind the city code (the city is not a secret; it only picks whose rows to look in). Only the hash is stored. */
export function issueToken(tenant: string): { token: string; hash: string } {
  const token = `${tenant}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function readToken(token: string): { tenant: string; hash: string } | null {
  const m = tokenPattern.exec(token);
  return m ? { tenant: m[1]!, hash: hashToken(token) } : null;
}
