import type { RowProblem } from '../errors.js';
import type { Message } from '../i18n.js';
import { msg } from './messages.js';

/** The encodings a division list arrives in: UTF-8 (with or without a BOM), GB18030/GBK (Excel on Chinese Windows), UTF-16 with a BOM. */
export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type DecodedCsv = { text: string; encoding: CsvEncoding } | { problem: RowProblem };

const saveAsUtf8 = msg.save_as_csv_utf8();
const encodingNames: Record<CsvEncoding, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030（GBK）', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

/** The `charset` parameter of a Content-Type, if any (`text/csv; charset="GBK"` → `gbk`). */
export function charsetParameter(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase();
}

/**
 * Turns the bytes of a CSV into text: a BOM decides, then a declared GB charset; otherwise strict UTF-8, and if that
 * fails strict GB18030 (a superset of GBK and GB2312, what Excel on Chinese Windows saves). Bytes that the encoding
 * cannot read are refused with the line they are on, never replaced by U+FFFD.
 */
export function decodeCsvBytes(bytes: Uint8Array, declaredCharset?: string): DecodedCsv {
  const workbook = workbookKind(bytes);
  if (workbook) return refuse(1, msg.file_is_workbook({ workbook, saveAs: saveAsUtf8 }));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict(bytes, 'utf-8', msg.why_utf8_bom());
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict(bytes, 'utf-16le', '');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict(bytes, 'utf-16be', '');
  const declared = declaredCharset ? canonicalEncoding(declaredCharset) : 'utf-8';
  if (!declared) return refuse(1, msg.charset_unsupported({ charset: declaredCharset }));
  if (declared !== 'utf-8') return strict(bytes, declared, msg.why_declared_charset({ charset: declaredCharset }));
  const utf8 = attempt(bytes, 'utf-8');
  if (utf8 !== undefined) return checked(utf8, 'utf-8');
  const gb = attempt(bytes, 'gb18030');
  if (gb !== undefined) return checked(gb, 'gb18030');
  const lines = lineBytes(bytes);
  const unreadable = lines.findIndex((l) => attempt(l, 'utf-8') === undefined && attempt(l, 'gb18030') === undefined);
  if (unreadable >= 0) {
    return refuse(unreadable + 1, msg.bytes_unreadable({ line: unreadable + 1, saveAs: saveAsUtf8 }));
  }
  const gbLine = lines.findIndex((l) => attempt(l, 'utf-8') === undefined) + 1;
  return refuse(gbLine, msg.mixed_encodings({ line: gbLine, saveAs: saveAsUtf8 }));
}

/** The bytes of each line: 0x0A is a line feed in UTF-8 and in GB18030 alike (never part of a multi-byte character). */
function lineBytes(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

function canonicalEncoding(label: string): CsvEncoding | undefined {
  let name: string;
  try {
    name = new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
  if (name === 'gbk' || name === 'gb18030') return 'gb18030';
  return name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be' ? name : undefined;
}

function strict(bytes: Uint8Array, encoding: CsvEncoding, why: Message | ''): DecodedCsv {
  const text = attempt(bytes, encoding);
  if (text === undefined) {
    const line = firstBadLine(bytes, encoding);
    return refuse(line, msg.not_valid_encoding({ line, encoding: encodingNames[encoding], why, saveAs: saveAsUtf8 }));
  }
  return checked(text, encoding);
}

/** Strict decoding: undefined if any byte is not valid in the encoding (or the runtime cannot decode it at all). */
function attempt(bytes: Uint8Array, encoding: CsvEncoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function checked(text: string, encoding: CsvEncoding): DecodedCsv {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = lineAt(text, nul);
    return refuse(line, msg.nul_character({ line, saveAs: saveAsUtf8 }));
  }
  return { text, encoding };
}

function firstBadLine(bytes: Uint8Array, encoding: CsvEncoding): number {
  let lossy: string;
  try {
    lossy = new TextDecoder(encoding).decode(bytes);
  } catch {
    return 1;
  }
  const bad = lossy.indexOf('\uFFFD');
  return bad < 0 ? 1 : lineAt(lossy, bad);
}

const lineAt = (text: string, index: number) => text.slice(0, index).split(/\r\n|\r|\n/).length;

function workbookKind(bytes: Uint8Array): Message | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return msg.workbook_xlsx();
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return msg.workbook_xls();
  return undefined;
}

const refuse = (row: number, reason: Message): DecodedCsv => ({ problem: { row, field: 'encoding', reason } });
