import type { ArchivedRow } from './catalogue.js';
import { archiveLine, archiveManifest, type ArchiveManifest } from './schemas.js';

/**
 * gzip of NDJSON: the manifest on the first line, then one line per row, `{"table","row","sealed"}`, the row exactly as
 * Postgres wrote it, so the checksums recomputed from the file are the ones computed from the database.
 */
export async function packArchive(manifest: ArchiveManifest, rows: Map<string, ArchivedRow[]>): Promise<Uint8Array> {
  const lines = [JSON.stringify(manifest)];
  for (const [table, tableRows] of rows) {
    for (const r of tableRows) lines.push(`{"table":${JSON.stringify(table)},"row":${r.row}${r.sealed ? `,"sealed":${JSON.stringify(r.sealed)}` : ''}}`);
  }
  return gzip(new TextEncoder().encode(`${lines.join('\n')}\n`));
}

/** gzip through the web streams API, which Node, Lambda and workerd all have (the API bundle imports no Node built-ins). */
async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

/** Splits a line's row back out as the exact text it was written with: re-serialising could change a number's digits. */
function rowText(line: string, hasSealed: boolean): string {
  const start = line.indexOf(',"row":') + ',"row":'.length;
  return hasSealed ? line.slice(start, line.lastIndexOf(',"sealed":')) : line.slice(start, -1);
}

export async function unpackArchive(gzipped: Uint8Array): Promise<{ manifest: ArchiveManifest; rows: Map<string, ArchivedRow[]> }> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await gunzip(gzipped));
  } catch {
    throw new ArchiveError('the archive is not gzip after decryption');
  }
  const lines = text.split('\n').filter((l) => l.length > 0);
  const parsed = archiveManifest.safeParse(JSON.parse(lines[0] ?? 'null'));
  if (!parsed.success) throw new ArchiveError(`the archive has no valid manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const rows = new Map<string, ArchivedRow[]>(parsed.data.tables.map((t) => [t.name, []]));
  for (const [i, line] of lines.slice(1).entries()) {
    const entry = archiveLine.safeParse(JSON.parse(line));
    if (!entry.success) throw new ArchiveError(`line ${i + 2} of the archive is not a row`);
    const list = rows.get(entry.data.table);
    if (!list) throw new ArchiveError(`line ${i + 2} holds a row of ${entry.data.table}, a table the manifest does not list`);
    list.push(entry.data.sealed ? { row: rowText(line, true), sealed: entry.data.sealed } : { row: rowText(line, false) });
  }
  return { manifest: parsed.data, rows };
}
