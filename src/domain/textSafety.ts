/**
 * Text that must not go into a workbook as it is:
 * - FMT-08: longer than Excel's cell limit (32,767 characters), or holding characters XML 1.0
 *   forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF, lone surrogates):
 *   Excel refuses such a file, or repairs it by dropping the cell.
 * - RPT-09: free text of the report that looks like personal data (a 9- or 12-digit number,
 *   the length of an old CMND or a CCCD, or a date of birth). The report travels to the
 *   province and is printed; the consolidated workbook masks the same runs with `maskPersonalData`.
 * Pure functions, no allocation when the text is clean (they run on every text cell).
 */

/** Excel's limit on the characters of one cell. */
export const EXCEL_CELL_LIMIT = 32_767;

const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const XML_FORBIDDEN_ALL = new RegExp(XML_FORBIDDEN.source, 'g');

/** Any control character or surrogate at all: one plain character class, which V8 scans far
 *  faster than the exact pattern's lookarounds; almost every cell fails it, and only the few
 *  that pass (an emoji's surrogate pair, say) get the exact test. */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** The first XML-1.0-forbidden character as `U+0001`, or null when there is none. */
export function forbiddenXmlChar(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  const m = XML_FORBIDDEN.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** What FMT-08 objects to in a text, or null when it can be written as it is. */
export function unsafeText(text: string): { kind: 'length'; length: number } | { kind: 'char'; char: string } | null {
  if (text.length > EXCEL_CELL_LIMIT) return { kind: 'length', length: text.length };
  const char = forbiddenXmlChar(text);
  return char ? { kind: 'char', char } : null;
}

/** The text as it can be written: forbidden characters removed, clipped to Excel's limit (a
 *  clipped text ends with `…` so a reader sees it was cut). */
export function safeCellText(text: string): string {
  const clean = XML_FORBIDDEN.test(text) ? text.replace(XML_FORBIDDEN_ALL, '') : text;
  return clean.length > EXCEL_CELL_LIMIT ? `${clean.slice(0, EXCEL_CELL_LIMIT - 1)}…` : clean;
}

export interface PersonalDataRun {
  /** Offsets in the text, end exclusive: the digits to mask. */
  start: number;
  end: number;
  kind: 'id_number' | 'birth_date';
}

/** Digit runs separated by at most single spaces, dots or dashes (`001 234 567 890`). */
const DIGIT_RUN = /\d(?:[ .-]?\d)*/g;
/** A date (or year) written as a date of birth: `sinh ngày 12/03/2005`, `năm sinh 2005`,
 *  `SN: 12-3-2005`, `DOB 12.03.2005`. */
const BIRTH = /(?:ngày\s+sinh|sinh\s+ngày|sinh\s+năm|năm\s+sinh|sinh\s+(?=\d)|(?<![\p{L}\d])(?:SN|NS|DOB)(?![\p{L}\d]))\s*[:.]?\s*(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\d{4})(?!\d)/giu;
const HAS_DIGIT = /\d/;
/** Money written with thousands separators (`150.000.000`): an amount, not an ID number. */
const THOUSANDS = /^\d{1,3}(?:[.,]\d{3})+$/;

/** The runs of a text that look like personal data (RPT-09), in text order; empty for clean text. */
export function findPersonalData(text: string): PersonalDataRun[] {
  if (!HAS_DIGIT.test(text)) return [];
  const runs: PersonalDataRun[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    let digits = 0;
    for (let i = 0; i < m[0].length; i++) if (m[0].charCodeAt(i) >= 48 && m[0].charCodeAt(i) <= 57) digits++;
    if ((digits === 9 || digits === 12) && !THOUSANDS.test(m[0])) runs.push({ start: m.index, end: m.index + m[0].length, kind: 'id_number' });
  }
  for (const m of text.matchAll(BIRTH)) {
    const value = m[1];
    const start = m.index + m[0].length - value.length;
    if (!runs.some((r) => r.start < start + value.length && start < r.end)) runs.push({ start, end: start + value.length, kind: 'birth_date' });
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** The text with the digits of every personal-data run replaced by `x` (separators kept, so
 *  the reader still sees that a number or a date stood there). */
export function maskPersonalData(text: string): string {
  const runs = findPersonalData(text);
  if (runs.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of runs) {
    out += text.slice(at, r.start) + text.slice(r.start, r.end).replace(/\d/g, 'x');
    at = r.end;
  }
  return out + text.slice(at);
}
