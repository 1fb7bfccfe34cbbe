import { zip } from './zip.js';

/**
 * A small .xlsx writer (Office Open XML SpreadsheetML): the exports need rows of strings and numbers, a bold and
 * frozen header row and column widths, which is a zip of a few XML parts; exceljs (1 MiB minified) was used only for
 * that (issue #4).
 */

export type Cell = string | number | null;

export interface Sheet {
  /** At most 31 characters, none of []:*?/\ (Excel's rule). */
  name: string;
  rows: Cell[][];
  /** Column widths in characters, by column index; absent → Excel's default. */
  widths?: number[];
  /** Bold first row, frozen while scrolling. */
  header?: boolean;
}

export interface WorkbookOptions {
  creator?: string;
  modified?: Date;
}

// characters XML 1.0 forbids (C0 controls other than tab, newline, carriage return; unpaired surrogates; U+FFFE/F)
const invalidXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const escapeXml = (text: string) =>
  text.replace(invalidXml, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A1-style column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function sheetXml(sheet: Sheet, sharedString: (text: string) => number): string {
  const rows = sheet.rows.map((row, r) => {
    const bold = sheet.header && r === 0 ? ' s="1"' : '';
    const cells = row.map((value, c) => {
      if (value === null || value === undefined) return '';
      const ref = `${columnName(c)}${r + 1}`;
      if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${bold}><v>${value}</v></c>`;
      return `<c r="${ref}"${bold} t="s"><v>${sharedString(String(value))}</v></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const frozen = sheet.header
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const widths = sheet.widths?.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  return `${xmlHead}<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">${frozen}<sheetFormatPr defaultRowHeight="15"/>${widths}<sheetData>${rows.join('')}</sheetData></worksheet>`;
}

export async function writeWorkbook(sheets: Sheet[], options: WorkbookOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  for (const sheet of sheets) {
    if (!sheet.name || sheet.name.length > 31 || /[[\]:*?/\\]/.test(sheet.name)) throw new Error(`invalid sheet name: ${sheet.name}`);
  }
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sharedString = (text: string) => {
    let at = index.get(text);
    if (at === undefined) {
      at = strings.push(text) - 1;
      index.set(text, at);
    }
    return at;
  };
  let references = 0;
  const countingShared = (text: string) => {
    references++;
    return sharedString(text);
  };
  const sheetParts = sheets.map((sheet) => sheetXml(sheet, countingShared));
  const modified = (options.modified ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const text = (s: string) => `<t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t>`;
  const parts: Record<string, string> = {
    '[Content_Types].xml': `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
      + '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    '_rels/.rels': `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
      + `<Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/>`
      + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
      + `<Relationship Id="rId3" Type="${relNs}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    'docProps/core.xml': `${xmlHead}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
      + (options.creator ? `<dc:creator>${escapeXml(options.creator)}</dc:creator>` : '')
      + `<dcterms:created xsi:type="dcterms:W3CDTF">${modified}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${modified}</dcterms:modified></cp:coreProperties>`,
    'docProps/app.xml': `${xmlHead}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
    'xl/workbook.xml': `${xmlHead}<workbook xmlns="${mainNs}" xmlns:r="${relNs}"><bookViews><workbookView/></bookViews><sheets>`
      + sheets.map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')
      + '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels': `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
      + sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${relNs}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
      + `<Relationship Id="rId${sheets.length + 1}" Type="${relNs}/styles" Target="styles.xml"/>`
      + `<Relationship Id="rId${sheets.length + 2}" Type="${relNs}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `${xmlHead}<styleSheet xmlns="${mainNs}">`
      + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
      + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
      + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    'xl/sharedStrings.xml': `${xmlHead}<sst xmlns="${mainNs}" count="${references}" uniqueCount="${strings.length}">${strings.map((s) => `<si>${text(s)}</si>`).join('')}</sst>`,
  };
  sheetParts.forEach((xml, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = xml));
  const encoder = new TextEncoder();
  return zip(Object.entries(parts).map(([name, xml]) => ({ name, data: encoder.encode(xml) })), options.modified);
}
