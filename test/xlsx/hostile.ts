/**
 * Hostile workbooks that are small on the wire and costly to read: many sheets on one shared
 * worksheet part (the reader would inflate and scan it once per sheet), or many sheets each on
 * its own large part. Built by hand: no spreadsheet program writes these.
 */
import * as zlib from 'zlib';
import { assembleZip } from '../../src/xlsx/zipPatch';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_TYPE = `${REL_NS}/worksheet`;

/** A worksheet part of about `bytes` bytes: one inline-string cell per row. */
export function worksheetXml(bytes: number): Buffer {
  const rows: string[] = [];
  let size = 0;
  for (let r = 1; size < bytes; r += 1) {
    const row = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c></row>`;
    rows.push(row);
    size += row.length;
  }
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`);
}

function part(name: string, data: Buffer, deflated = zlib.deflateRawSync(data)) {
  return { name, method: 8, data: deflated, crc: zlib.crc32(data), size: data.length };
}

function build(sheets: number, partOf: (i: number) => number, partBytes: number): Buffer {
  const sheet = worksheetXml(partBytes);
  const deflated = zlib.deflateRawSync(sheet, { level: 9 });
  const parts = new Set<number>();
  for (let i = 1; i <= sheets; i += 1) parts.add(partOf(i));
  const sheetEls = Array.from({ length: sheets }, (_, k) => `<sheet name="S${k + 1}" sheetId="${k + 1}" r:id="rId${partOf(k + 1)}"/>`);
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${sheetEls.join('')}</sheets></workbook>`;
  const rels = [...parts].map((p) => `<Relationship Id="rId${p}" Type="${SHEET_TYPE}" Target="worksheets/sheet${p}.xml"/>`);
  const types = [...parts].map((p) => `<Override PartName="/xl/worksheets/sheet${p}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  return assembleZip([
    part('[Content_Types].xml', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${types.join('')}</Types>`)),
    part('_rels/.rels', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)),
    part('xl/workbook.xml', Buffer.from(workbook)),
    part('xl/_rels/workbook.xml.rels', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`)),
    ...[...parts].map((p) => part(`xl/worksheets/sheet${p}.xml`, sheet, deflated)),
  ]);
}

/** `sheets` sheets that all point to ONE worksheet part of `partBytes` (the attack:
 *  1,000 sheets on one 1 MB part). */
export function sharedPartWorkbook(sheets = 1000, partBytes = 1024 * 1024): Buffer {
  return build(sheets, () => 1, partBytes);
}

/** `sheets` sheets, each on its own part of `partBytes`: no shared part, within the zip
 *  budget, yet slow to read (what the checking time limit is for). */
export function manyPartsWorkbook(sheets: number, partBytes: number): Buffer {
  return build(sheets, (i) => i, partBytes);
}

/**
 * A real workbook whose shared strings end with `count` unclosed tags (issue 20, red team 1): `<t>`
 * inside one item, `<si>` items never closed, or `<rPh ` phonetic runs. Under 1 MB inflated, so
 * no zip guard refuses it; a reader that searches to the end of the text for each opening tag
 * spends minutes on it.
 */
export async function unclosedStringsWorkbook(base: Buffer, kind: 't' | 'si' | 'rPh', count = 250_000): Promise<Buffer> {
  const { patchZip } = await import('../../src/xlsx/zipPatch');
  const tail = kind === 't' ? `<si>${'<t>'.repeat(count)}</si>` : kind === 'si' ? '<si>'.repeat(count) : `<si>${'<rPh '.repeat(count)}</si>`;
  let found = false;
  const out = await patchZip(base, (name, read) => {
    if (name !== 'xl/sharedStrings.xml') return null;
    found = true;
    const xml = read().toString('utf8');
    const end = xml.lastIndexOf('</sst>');
    return Buffer.from(`${xml.slice(0, end)}${tail}${xml.slice(end)}`);
  });
  if (!found) throw new Error('the base workbook has no shared strings');
  return out;
}
