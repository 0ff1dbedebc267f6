/**
 * Writes cell values into a worksheet's XML in place (ECMA-376 §18.3.1.4 `c`, §18.3.1.73 `row`):
 * each written cell keeps its style, strings go in inline (sharedStrings.xml stays untouched),
 * rows and cells stay in order. Used by `vr fill` through zipPatch.ts.
 */
import { dateToExcelSerial } from '../domain/dates';
import { columnLetter, type CellValue } from '../domain/sheet';
import { attr } from './sheetXml';

export interface CellWrite {
  row0: number;
  col0: number;
  value: CellValue;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);
}

function cellXml(ref: string, style: string | null, value: CellValue): string {
  const s = style !== null ? ` s="${style}"` : '';
  if (value === null) return `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (value instanceof Date) return `<c r="${ref}"${s}><v>${dateToExcelSerial(value)}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

function colOf(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g;

/** Returns the patched XML and whether a formula cell was overwritten (calcChain then stale). */
export function patchSheetXml(xml: string, writes: readonly CellWrite[]): { xml: string; overwroteFormula: boolean } {
  const open = xml.search(/<sheetData\b[^>]*\/>|<sheetData\b[^>]*>/);
  if (open < 0) throw new Error('no sheetData');
  const selfClosed = /^<sheetData\b[^>]*\/>/.exec(xml.slice(open));
  const openEnd = xml.indexOf('>', open) + 1;
  const close = selfClosed ? openEnd : xml.indexOf('</sheetData>', openEnd);
  if (close < 0) throw new Error('no </sheetData>');
  const body = selfClosed ? '' : xml.slice(openEnd, close);

  const byRow = new Map<number, CellWrite[]>();
  for (const w of writes) byRow.set(w.row0 + 1, [...(byRow.get(w.row0 + 1) ?? []), w]);
  let overwroteFormula = false;
  const rows: { r: number; xml: string }[] = [];
  for (const m of body.matchAll(ROW)) {
    const r = Number(attr(m[1], 'r'));
    const pending = byRow.get(r);
    if (!pending) {
      rows.push({ r, xml: m[0] });
      continue;
    }
    byRow.delete(r);
    const cells = [...(m[2] ?? '').matchAll(CELL)].map((c) => ({ col: colOf(attr(c[1], 'r') ?? ''), xml: c[0], attrs: c[1] }));
    for (const w of pending) {
      const ref = `${columnLetter(w.col0)}${r}`;
      const i = cells.findIndex((c) => c.col === w.col0);
      const style = i >= 0 ? attr(cells[i].attrs, 's') : null;
      if (i >= 0 && /<f[\s>/]/.test(cells[i].xml)) overwroteFormula = true;
      const next = { col: w.col0, xml: cellXml(ref, style, w.value), attrs: '' };
      if (i >= 0) cells[i] = next;
      else cells.push(next);
    }
    cells.sort((a, b) => a.col - b.col);
    const attrs = m[1].replace(/\sspans="[^"]*"/, '');
    rows.push({ r, xml: `<row${attrs}>${cells.map((c) => c.xml).join('')}</row>` });
  }
  for (const [r, pending] of byRow) {
    const cells = [...pending].sort((a, b) => a.col0 - b.col0).map((w) => cellXml(`${columnLetter(w.col0)}${r}`, null, w.value));
    rows.push({ r, xml: `<row r="${r}">${cells.join('')}</row>` });
  }
  rows.sort((a, b) => a.r - b.r);
  const sheetData = `<sheetData>${rows.map((x) => x.xml).join('')}</sheetData>`;
  const end = selfClosed ? openEnd : close + '</sheetData>'.length;
  return { xml: xml.slice(0, open) + sheetData + xml.slice(end), overwroteFormula };
}
