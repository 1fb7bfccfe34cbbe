import { parseIdNumber } from '../../shared/personal-data/identifiers.js';

/** Mainland mobile numbers and GB 11643 ID numbers (with a real date and check character), not inside longer digit runs. */
export function personalDataIn(text: string): { phones: string[]; ids: string[] } {
  const scrubbed = text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/(?<![0-9a-z])(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![0-9a-z])/gi, '<hex>');
  const phones = [...scrubbed.matchAll(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g)].map((m) => m[0]);
  const ids = [...scrubbed.matchAll(/(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])/g)].map((m) => m[0]).filter((id) => parseIdNumber(id).ok);
  return { phones, ids };
}
