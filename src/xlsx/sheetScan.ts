/**
 * The cell scanner of a worksheet (ECMA-376 Part 1, §18.3.1.4 c, §18.3.1.73 row): complete
 * `<row>` elements, chunk by chunk, into the sheet model's dense rows.
 */
import type { CellValue } from '../domain/sheet';
import { attr, decodeXml, serialToDate, stringItemText } from './sheetXml';

export interface ScanContext {
  shared: string[];
  dateStyles: Set<number>;
  date1904: boolean;
  /** One Date per serial within a read: a register's dates repeat (a few thousand days over
   *  hundreds of thousands of cells) and a Date costs ~100 bytes. The sheet model's values are
   *  never mutated, so cells may share one. */
  dates?: Map<number, Date>;
}

function dateOf(serial: number, ctx: ScanContext): Date {
  const dates = ctx.dates;
  if (!dates) return serialToDate(serial, ctx.date1904);
  let date = dates.get(serial);
  if (date === undefined) {
    date = serialToDate(serial, ctx.date1904);
    dates.set(serial, date);
  }
  return date;
}

// The scanner below walks the XML with indexOf/charCodeAt instead of regular expressions: a
// 100,000-row register has millions of cells and the per-cell regex matches, attribute objects
// and substrings dominated a read (CPU profile, 2026-11-23). It accepts exactly what the former
// patterns accepted: `<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)` for cells and rows,
// `\s(r|s|t)="([^"]*)"` for cell attributes (last wins) and `<(?:\w+:)?v(?:\s[^>]*)?>` for values.

const IS = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;
const SPACE = /\s/;

function isWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isSpace(xml: string, i: number): boolean {
  const c = xml.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && SPACE.test(xml[i]);
}

/** End of the word run starting at `i` (bounded by `to`). */
function wordEnd(xml: string, i: number, to: number): number {
  while (i < to && isWord(xml.charCodeAt(i))) i++;
  return i;
}

function nameAt(xml: string, i: number, to: number, name: string): boolean {
  if (i + name.length > to) return false;
  for (let k = 0; k < name.length; k++) if (xml.charCodeAt(i + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** Start of the first `</(?:\w+:)?name>` (tag = `name>`) at or after `from`, ending by `to` (-1 if none); its end in
 *  `closeEnd`. Every such tag ends in `name>`, so candidates are found by indexOf and checked back. */
let closeEnd = 0;
function findClose(xml: string, from: number, to: number, tag: string): number {
  for (let q = xml.indexOf(tag, from); q >= 0 && q + tag.length <= to; q = xml.indexOf(tag, q + 1)) {
    let p = -1;
    if (xml.charCodeAt(q - 1) === 47 /* / */) {
      p = q - 2;
    } else if (xml.charCodeAt(q - 1) === 58 /* : */) {
      let k = q - 1;
      while (k > 0 && isWord(xml.charCodeAt(k - 1))) k--;
      if (k < q - 1 && xml.charCodeAt(k - 1) === 47) p = k - 2;
    }
    if (p >= from && xml.charCodeAt(p) === 60 /* < */) {
      closeEnd = q + tag.length;
      return p;
    }
  }
  return -1;
}

// The element found by matchElement: attributes [attrStart, attrEnd), body [bodyStart, bodyEnd)
// (bodyStart -1 when self-closing), and the end of the whole element.
let attrStart = 0;
let attrEnd = 0;
let bodyStart = 0;
let bodyEnd = 0;
let elementEnd = 0;

/** `<(?:\w+:)?NAME\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?NAME>)` at `i` (a `<`), within `to`. */
function matchElement(xml: string, i: number, to: number, name: string, tag: string): boolean {
  const w = wordEnd(xml, i + 1, to);
  if (w > i + 1 && w < to && xml.charCodeAt(w) === 58 && matchAfterName(xml, w + 1, to, name, tag)) return true;
  return matchAfterName(xml, i + 1, to, name, tag);
}

function matchAfterName(xml: string, n: number, to: number, name: string, tag: string): boolean {
  if (!nameAt(xml, n, to, name)) return false;
  const a = n + name.length;
  if (a < to && isWord(xml.charCodeAt(a))) return false;
  const g = xml.indexOf('>', a);
  if (g < 0 || g >= to) return false;
  attrStart = a;
  if (g - 1 >= a && xml.charCodeAt(g - 1) === 47 /* / */) {
    attrEnd = g - 1;
    bodyStart = -1;
    elementEnd = g + 1;
    return true;
  }
  const close = findClose(xml, g + 1, to, tag);
  if (close < 0) return false;
  attrEnd = g;
  bodyStart = g + 1;
  bodyEnd = close;
  elementEnd = closeEnd;
  return true;
}

// Cell attributes r, s, t as ranges of the XML (-1 when absent), per `\s(r|s|t)="([^"]*)"`.
let rStart = -1;
let rEnd = -1;
let sStart = -1;
let sEnd = -1;
let tStart = -1;
let tEnd = -1;

function cellAttrs(xml: string, from: number, to: number): void {
  rStart = sStart = tStart = -1;
  rEnd = sEnd = tEnd = -1;
  let i = from;
  while (i + 4 < to) {
    const c = xml.charCodeAt(i + 1);
    if ((c === 114 || c === 115 || c === 116) && xml.charCodeAt(i + 2) === 61 && xml.charCodeAt(i + 3) === 34 && isSpace(xml, i)) {
      const q = xml.indexOf('"', i + 4);
      if (q >= 0 && q < to) {
        if (c === 114) {
          rStart = i + 4;
          rEnd = q;
        } else if (c === 115) {
          sStart = i + 4;
          sEnd = q;
        } else {
          tStart = i + 4;
          tEnd = q;
        }
        i = q + 1;
        continue;
      }
    }
    i++;
  }
}

function columnAt(xml: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Number(xml.slice(from, to)) without the slice for plain digit runs. */
function numberAt(xml: string, from: number, to: number): number {
  if (to > from && to - from <= 15) {
    let n = 0;
    let i = from;
    for (; i < to; i++) {
      const c = xml.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
    }
    if (i === to) return n;
  }
  return Number(xml.slice(from, to));
}

// Cell types (`t`) by a small code, to compare without a substring.
const T_NONE = 0;
const T_S = 1;
const T_STR = 2;
const T_B = 3;
const T_E = 4;
const T_D = 5;
const T_INLINE = 6;
const T_OTHER = 7;

function typeAt(xml: string, from: number, to: number): number {
  if (from < 0) return T_NONE;
  const len = to - from;
  const c = xml.charCodeAt(from);
  if (len === 1) return c === 115 ? T_S : c === 98 ? T_B : c === 101 ? T_E : c === 100 ? T_D : T_OTHER;
  if (len === 3 && xml.startsWith('str', from)) return T_STR;
  if (len === 9 && xml.startsWith('inlineStr', from)) return T_INLINE;
  return T_OTHER;
}

/** The content range of the first `<(?:\w+:)?v(?:\s[^>]*)?>...</(?:\w+:)?v>` in [from, to), in vStart/vEnd. */
let vStart = 0;
let vEnd = 0;
function findValue(xml: string, from: number, to: number): boolean {
  for (let i = xml.indexOf('<', from); i >= 0 && i < to; i = xml.indexOf('<', i + 1)) {
    const w = wordEnd(xml, i + 1, to);
    let n = i + 1;
    if (w > i + 1 && w < to && xml.charCodeAt(w) === 58) n = w + 1;
    if (n >= to || xml.charCodeAt(n) !== 118 /* v */ || n + 1 >= to) continue;
    let g = n + 1;
    if (xml.charCodeAt(g) !== 62) {
      if (!isSpace(xml, g)) continue;
      g = xml.indexOf('>', g + 1);
      if (g < 0 || g >= to) continue;
    }
    const close = findClose(xml, g + 1, to, 'v>');
    if (close < 0) continue;
    vStart = g + 1;
    vEnd = close;
    return true;
  }
  return false;
}

function cellValue(xml: string, from: number, to: number, ctx: ScanContext): CellValue {
  if (from < 0 || to <= from) return null;
  const type = typeAt(xml, tStart, tEnd);
  if (type === T_INLINE) {
    const is = IS.exec(xml.slice(from, to));
    return is ? stringItemText(is[1]) : null;
  }
  if (!findValue(xml, from, to)) return null;
  switch (type) {
    case T_S:
      return ctx.shared[numberAt(xml, vStart, vEnd)] ?? null;
    case T_STR:
    case T_E:
      return decodeXml(xml.slice(vStart, vEnd));
    case T_B:
      return xml.slice(vStart, vEnd).trim() === '1';
    case T_D: {
      // ISO 8601 date cells (Strict OOXML, some exporters): a date, as a serial would be.
      const raw = xml.slice(vStart, vEnd);
      const d = new Date(decodeXml(raw).trim());
      return Number.isNaN(d.getTime()) ? decodeXml(raw) : d;
    }
    default: {
      const n = numberAt(xml, vStart, vEnd);
      if (!Number.isFinite(n)) return decodeXml(xml.slice(vStart, vEnd));
      return sStart >= 0 && ctx.dateStyles.has(numberAt(xml, sStart, sEnd)) ? dateOf(n, ctx) : n;
    }
  }
}

/** The row being scanned: grown by push (spare capacity), then copied to an array of its exact
 *  length (a 100,000-row register kept ~40 % of its row arrays' slots empty). */
const scratch: CellValue[] = [];

/** Cells of the `<row>` inner XML in [from, to) of `xml`, as a dense array (gaps null). */
function cellsIn(xml: string, from: number, to: number, ctx: ScanContext): CellValue[] {
  const cells = scratch;
  cells.length = 0;
  let next = 0;
  let i = xml.indexOf('<', from);
  while (i >= 0 && i < to) {
    if (!matchElement(xml, i, to, 'c', 'c>')) {
      i = xml.indexOf('<', i + 1);
      continue;
    }
    const end = elementEnd;
    const b0 = bodyStart;
    const b1 = bodyEnd;
    cellAttrs(xml, attrStart, attrEnd);
    const col0 = rEnd > rStart ? columnAt(xml, rStart, rEnd) : next;
    const value = b0 < 0 ? null : cellValue(xml, b0, b1, ctx);
    next = col0 + 1;
    i = xml.indexOf('<', end);
    if (value === null || value === '') continue;
    while (cells.length < col0) cells.push(null);
    cells[col0] = value;
  }
  const row = cells.slice();
  cells.length = 0;
  return row;
}

/** Cells of one `<row>` element's inner XML, as a dense array (gaps null). */
export function rowCells(inner: string, ctx: ScanContext): CellValue[] {
  return cellsIn(inner, 0, inner.length, ctx);
}

/** The last `</row>` or `</x:row>` in `text` (-1 if none), with one backward search. */
function lastRowClose(text: string): number {
  for (let q = text.lastIndexOf('row>'); q >= 2; q = text.lastIndexOf('row>', q - 1)) {
    if (text.startsWith('</', q - 2)) return q - 2;
    if (q >= 4 && text.startsWith('</x:', q - 4)) return q - 4;
  }
  return -1;
}

/**
 * Scans a worksheet's XML as it streams in: `push` each decoded chunk, `end` at the close. Only
 * complete `<row>` elements are parsed; the incomplete tail waits for the next chunk.
 */
export class SheetScanner {
  readonly rows: CellValue[][] = [];
  private tail = '';
  private nextRow = 0;
  /** `onCells`, when given, receives each non-empty row instead of `rows` keeping it. */
  constructor(
    private readonly ctx: ScanContext,
    private readonly onRow: (row1: number) => void,
    private readonly onCells?: (row0: number, cells: CellValue[]) => void,
  ) {}

  push(chunk: string): void {
    const text = this.tail + chunk;
    const cut = lastRowClose(text);
    if (cut < 0) {
      this.tail = text;
      return;
    }
    const end = text.indexOf('>', cut) + 1;
    this.scan(text, end);
    this.tail = text.slice(end);
  }

  end(): CellValue[][] {
    this.scan(this.tail, this.tail.length);
    this.tail = '';
    return this.rows;
  }

  /** Every `<row>` element in the first `to` characters of `xml`. */
  private scan(xml: string, to: number): void {
    let i = xml.indexOf('<');
    while (i >= 0 && i < to) {
      if (!matchElement(xml, i, to, 'row', 'row>')) {
        i = xml.indexOf('<', i + 1);
        continue;
      }
      const b0 = bodyStart;
      const b1 = bodyEnd;
      const end = elementEnd;
      const r = attr(xml.slice(attrStart, attrEnd), 'r');
      const row1 = r ? Number(r) : this.nextRow + 1;
      this.nextRow = row1;
      this.onRow(row1);
      i = xml.indexOf('<', end);
      if (b0 < 0 || b1 <= b0) continue;
      const cells = cellsIn(xml, b0, b1, this.ctx);
      if (cells.length === 0) continue;
      if (this.onCells) {
        this.onCells(row1 - 1, cells);
        continue;
      }
      while (this.rows.length < row1 - 1) this.rows.push([]);
      this.rows[row1 - 1] = cells;
    }
  }
}
