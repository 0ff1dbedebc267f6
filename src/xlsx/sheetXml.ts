/**
 * A lean SpreadsheetML (ECMA-376 Part 1, §18.3 worksheets, §18.4 shared strings, §18.8 styles)
 * cell scanner. exceljs's streaming reader builds a Row, Cell and style object for every cell
 * and spends most of a large check there (bench/README.md); the domain needs only values, so
 * this scans the XML text of complete `<row>` elements chunk by chunk, in bounded memory.
 */
import type { CellValue } from '../domain/sheet';

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));|_x([0-9A-Fa-f]{4})_/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities and the OOXML `_xHHHH_` escape (control characters in strings). */
export function decodeXml(text: string): string {
  if (text.indexOf('&') < 0 && text.indexOf('_x') < 0) return text;
  return text.replace(ENTITY, (_m, hex: string, dec: string, name: string, ooxml: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    if (name) return NAMED[name];
    return String.fromCharCode(parseInt(ooxml, 16));
  });
}

const ATTR_RE = new Map<string, RegExp>();

export function attr(attrs: string, name: string): string | null {
  let re = ATTR_RE.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`);
    ATTR_RE.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXml(m[1]) : null;
}

const CELL_ATTR = /\s(r|s|t)="([^"]*)"/g;

/** The r, s and t attributes of a cell in one pass (the hot path of a large sheet). */
function cellAttrs(attrs: string): { r: string | null; s: string | null; t: string | null } {
  const out: { r: string | null; s: string | null; t: string | null } = { r: null, s: null, t: null };
  CELL_ATTR.lastIndex = 0;
  for (let m = CELL_ATTR.exec(attrs); m; m = CELL_ATTR.exec(attrs)) out[m[1] as 'r' | 's' | 't'] = m[2];
  return out;
}

const T_RUN = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>|<(?:\w+:)?t(?:\s[^>]*)?\/>/g;

/** The text of a string item (`<si>` or `<is>`): every `<t>` run joined (rich text flattened),
 *  phonetic runs (`<rPh>`) left out. */
export function stringItemText(xml: string): string {
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(T_RUN)) out += m[1] ?? '';
  return decodeXml(out);
}

export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g)) out.push(m[1] ? stringItemText(m[1]) : '');
  return out;
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30). */
const DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Which cell style indexes (`s`) format a number as a date. */
export function parseDateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId'));
    const code = attr(m[1], 'formatCode');
    if (code !== null) custom.set(id, code);
  }
  const dates = new Set<number>();
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
  if (!xfs) return dates;
  let index = 0;
  for (const m of xfs[1].matchAll(/<(?:\w+:)?xf\s([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : DATE_IDS.has(id)) dates.add(index);
    index++;
  }
  return dates;
}

const DAY_MS = 86_400_000;
/** Excel serial to Date as exceljs does (1900 system; 1904 when the workbook says so). */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - (date1904 ? 24107 : 25569)) * DAY_MS));
}

function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export interface ScanContext {
  shared: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const V = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const IS = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;

function cellValue(a: { s: string | null; t: string | null }, body: string | undefined, ctx: ScanContext): CellValue {
  if (!body) return null;
  const type = a.t;
  if (type === 'inlineStr') {
    const is = IS.exec(body);
    return is ? stringItemText(is[1]) : null;
  }
  const v = V.exec(body);
  if (!v) return null;
  const raw = v[1];
  switch (type) {
    case 's':
      return ctx.shared[Number(raw)] ?? null;
    case 'str':
      return decodeXml(raw);
    case 'b':
      return raw.trim() === '1';
    case 'e':
      return decodeXml(raw);
    case 'd': {
      // ISO 8601 date cells (Strict OOXML, some exporters): a date, as a serial would be.
      const d = new Date(decodeXml(raw).trim());
      return Number.isNaN(d.getTime()) ? decodeXml(raw) : d;
    }
    default: {
      const n = Number(raw);
      if (!Number.isFinite(n)) return decodeXml(raw);
      return a.s !== null && ctx.dateStyles.has(Number(a.s)) ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** Cells of one `<row>` element's inner XML, as a dense array (gaps null). */
export function rowCells(inner: string, ctx: ScanContext): CellValue[] {
  const cells: CellValue[] = [];
  let next = 0;
  for (const m of inner.matchAll(CELL)) {
    const a = cellAttrs(m[1]);
    const col0 = a.r ? columnOf(a.r) : next;
    const value = cellValue(a, m[2], ctx);
    next = col0 + 1;
    if (value === null || value === '') continue;
    while (cells.length < col0) cells.push(null);
    cells[col0] = value;
  }
  return cells;
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;

/**
 * Scans a worksheet's XML as it streams in: `push` each decoded chunk, `end` at the close. Only
 * complete `<row>` elements are parsed; the incomplete tail waits for the next chunk.
 */
export class SheetScanner {
  readonly rows: CellValue[][] = [];
  private tail = '';
  private nextRow = 0;
  constructor(
    private readonly ctx: ScanContext,
    private readonly onRow: (row1: number) => void,
  ) {}

  push(chunk: string): void {
    const text = this.tail + chunk;
    const cut = Math.max(text.lastIndexOf('</row>'), text.lastIndexOf('</x:row>'));
    if (cut < 0) {
      this.tail = text;
      return;
    }
    const end = text.indexOf('>', cut) + 1;
    this.scan(text.slice(0, end));
    this.tail = text.slice(end);
  }

  end(): CellValue[][] {
    this.scan(this.tail);
    this.tail = '';
    return this.rows;
  }

  private scan(xml: string): void {
    for (const m of xml.matchAll(ROW)) {
      const r = attr(m[1], 'r');
      const row1 = r ? Number(r) : this.nextRow + 1;
      this.nextRow = row1;
      this.onRow(row1);
      if (!m[2]) continue;
      const cells = rowCells(m[2], this.ctx);
      if (cells.length === 0) continue;
      while (this.rows.length < row1 - 1) this.rows.push([]);
      this.rows[row1 - 1] = cells;
    }
  }
}
