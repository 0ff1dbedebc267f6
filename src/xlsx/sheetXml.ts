/**
 * A lean SpreadsheetML (ECMA-376 Part 1, §18.3 worksheets, §18.4 shared strings, §18.8 styles)
 * cell scanner. exceljs's streaming reader builds a Row, Cell and style object for every cell
 * and spends most of a large check there (bench/README.md); the domain needs only values, so
 * this module decodes strings, shared strings and styles, and sheetScan.ts scans the XML text of
 * complete `<row>` elements chunk by chunk, in bounded memory.
 */

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));|_x([0-9A-Fa-f]{4})_/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities and the OOXML `_xHHHH_` escape (control characters in strings). */
export function decodeXml(text: string): string {
  if (text.indexOf('&') < 0 && text.indexOf('_x') < 0) return text;
  return text.replace(ENTITY, (_m: string, hex: string, dec: string, name: string, ooxml: string) => {
    if (hex || dec) {
      // A reference past U+10FFFF is not XML; keep it as written rather than throw.
      const cp = hex ? parseInt(hex, 16) : parseInt(dec, 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : _m;
    }
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

/**
 * One tag at `lt` (a `<`): its local name (prefix dropped), where it ends (after `>`), whether it
 * closes (`</`) or is empty (`/>`). Null when no `>` follows: then no later tag can complete
 * either, so a caller stops there instead of searching again from the next `<`.
 */
interface Tag {
  name: string;
  end: number;
  closing: boolean;
  empty: boolean;
  /** The prefix as written (`x:`), to find the matching closing tag. */
  prefix: string;
}

function tagAt(xml: string, lt: number): Tag | null {
  const gt = xml.indexOf('>', lt + 1);
  if (gt < 0) return null;
  let i = lt + 1;
  const closing = xml.charCodeAt(i) === 47; // '/'
  if (closing) i++;
  let j = i;
  // A qualified name: letters, digits, `_`, `-`, `.`, `:` (stops at space, `/` or `>`).
  while (j < gt) {
    const c = xml.charCodeAt(j);
    if (c === 32 || c === 47 || (c >= 9 && c <= 13)) break;
    j++;
  }
  const qname = xml.slice(i, j);
  const colon = qname.lastIndexOf(':');
  return {
    name: colon >= 0 ? qname.slice(colon + 1) : qname,
    prefix: colon >= 0 ? qname.slice(0, colon + 1) : '',
    end: gt + 1,
    closing,
    empty: xml.charCodeAt(gt - 1) === 47,
  };
}

/**
 * The text of a string item (`<si>` or `<is>`): every `<t>` run joined (rich text flattened),
 * phonetic runs (`<rPh>`) left out.
 *
 * One pass from left to right, each character read a bounded number of times: a workbook from
 * outside may hold 300,000 unclosed `<t>` or `<rPh ` in 39 KB, and a pattern that searches to
 * the end of the text for each of them costs minutes (issue 20). An unclosed run ends the item:
 * nothing after it can be a complete run.
 */
export function stringItemText(xml: string): string {
  // Fast path for the usual item, one plain `<t>` run (possibly with xml:space): its text.
  const last = xml.length - 4;
  if (last >= 3 && xml.charCodeAt(0) === 60 && xml.charCodeAt(1) === 116 && xml.endsWith('</t>')) {
    const c = xml.charCodeAt(2);
    const g = c === 62 ? 2 : c === 32 || (c >= 9 && c <= 13) ? xml.indexOf('>', 3) : -1;
    if (g > 0 && g < last && xml.charCodeAt(g - 1) !== 47 && xml.indexOf('<', g) === last) return decodeXml(xml.slice(g + 1, last));
  }
  let out = '';
  let at = 0;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) break;
    const tag = tagAt(xml, lt);
    if (!tag) break;
    at = tag.end;
    if (tag.closing || tag.empty) continue;
    if (tag.name !== 't' && tag.name !== 'rPh') continue;
    const close = xml.indexOf(`</${tag.prefix}${tag.name}>`, at);
    if (close < 0) break;
    if (tag.name === 't') out += xml.slice(at, close);
    at = close + tag.prefix.length + tag.name.length + 3;
  }
  return decodeXml(out);
}

/** Every string item of `xl/sharedStrings.xml`, in order (linear in the text, as above). */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) break;
    const tag = tagAt(xml, lt);
    if (!tag) break;
    at = tag.end;
    if (tag.closing || tag.name !== 'si') continue;
    if (tag.empty) {
      out.push('');
      continue;
    }
    const closer = `</${tag.prefix}si>`;
    const close = xml.indexOf(closer, at);
    if (close < 0) break;
    out.push(stringItemText(xml.slice(at, close)));
    at = close + closer.length;
  }
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
