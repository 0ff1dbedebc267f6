/**
 * Text that must not go into a workbook as it is:
 * - FMT-08: longer than Excel's cell limit (32,767 characters), or holding characters XML 1.0
 *   forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF, lone surrogates):
 *   Excel refuses such a file, or repairs it by dropping the cell.
 * - RPT-09: free text of the report that looks like personal data (an ID or phone number, a
 *   passport number, a date of birth, a name of the registry; `findPersonalData`). The report
 *   travels to the province and is printed; the consolidated workbook masks the same runs with
 *   `maskPersonalData`.
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

export type PersonalDataKind = 'id_number' | 'phone' | 'digits' | 'passport' | 'birth_date' | 'name';

export interface PersonalDataRun {
  /** Offsets in the NFKC-normalised text (`personalText`), end exclusive. */
  start: number;
  end: number;
  kind: PersonalDataKind;
}

/**
 * Free text is compared in its NFKC form: full-width digits (`０９１２…`) and other compatibility
 * forms become the plain ones, so `０９１２３４５６７８` is the phone number it looks like.
 */
export function personalText(text: string): string {
  return text.normalize('NFKC');
}

/** Digit runs joined by at most one space, dot or dash, or a bracket (`(024) 3825 1234`),
 *  with a leading `+` (`+84 912 345 678`). */
const DIGIT_RUN = /\+?\d(?:(?:[ .-]|\)[ .-]?|[ .-]?\()?\d)*/g;
/** A date (or year) written as a date of birth: `sinh ngày 12/03/2005`, `năm sinh 2005`,
 *  `SN: 12-3-2005`, `DOB 12.03.2005`. */
const BIRTH = /(?:ngày\s+sinh|sinh\s+ngày|sinh\s+năm|năm\s+sinh|sinh\s+(?=\d)|(?<![\p{L}\d])(?:SN|NS|DOB)(?![\p{L}\d]))\s*[:.]?\s*(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\d{4})(?!\d)/giu;
/** A passport number: one or two letters and 7 or 8 digits (`C1234567`, `B 1234567`, `PA12345678`). */
const PASSPORT = /(?<![\p{L}\p{N}])[A-Z]{1,2} ?\d{7,8}(?![\p{L}\p{N}])/giu;
const HAS_DIGIT = /\d/;
/** Money written with thousands separators (`150.000.000`): an amount, not a number about a person. */
const THOUSANDS = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;
/** A case ID of today's plan (`22366-2025-0001`): the reference RPT-09 asks people to use. */
const CASE_ID = /^\d{2,5}-(?:19|20)\d{2}-\d{3,5}$/;

/** Words that name a person by their given name: `chị Hoa`, `cháu Bình`, `nạn nhân Lan`. */
const HONORIFICS = ['anh', 'chi', 'em', 'chau', 'be', 'ba', 'ong', 'co', 'chu', 'bac', 'di', 'cau', 'nan nhan', 'nn'];
const HONORIFIC_TOKENS = HONORIFICS.map((h) => h.split(' '));

/** The folded form of each non-ASCII character met so far: a name list repeats a few hundred
 *  letters, so each is normalised once. */
const FOLDED = new Map<string, string>();

/** Case- and diacritic-folded, one code unit for one (`Nguyễn` → `nguyen`, `Đ` → `d`), so that
 *  offsets in the folded text are offsets in the text. */
function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c.charCodeAt(0) < 128) {
      out += c.toLowerCase();
      continue;
    }
    let f = FOLDED.get(c);
    if (f === undefined) {
      const base = c === 'đ' || c === 'Đ' ? 'd' : c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      f = base.length === 1 ? base : c;
      if (FOLDED.size < 4096) FOLDED.set(c, f);
    }
    out += f;
  }
  return out;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

interface NameForm {
  tokens: string[];
  /** Tokens before this index (an honorific) are not masked. */
  maskFrom: number;
}

/**
 * The people of one registry, for finding their names in free text: each full name, family
 * name + given name in either order (`Nguyễn Hoa`, `Hoa Nguyễn`), and the given name after a
 * word of address (`chị Hoa`, `cháu Thu Hà`); compared without case or diacritics.
 */
export class NameIndex {
  private readonly byFirst = new Map<string, NameForm[]>();
  readonly size: number;

  /**
   * `within`: when given, the only texts `find` will be asked about. A name form can match only
   * where each of its words occurs, so forms with a word none of those texts holds are left out:
   * a 100,000-person register checked against a report's few notes keeps a handful of forms.
   */
  constructor(names: Iterable<string | null | undefined>, within?: Iterable<string>) {
    const seen = new Set<string>();
    let words: Set<string> | null = null;
    if (within) {
      words = new Set<string>();
      for (const text of within) for (const w of fold(personalText(text)).match(WORD) ?? []) words.add(w);
    }
    const occurs = (tokens: readonly string[]) => {
      if (!words) return true;
      for (const t of tokens) if (!words.has(t)) return false;
      return true;
    };
    const add = (tokens: string[], maskFrom: number) => {
      if (!occurs(tokens)) return;
      const key = tokens.join(' ') + '|' + maskFrom;
      if (seen.has(key)) return;
      seen.add(key);
      const list = this.byFirst.get(tokens[0]);
      if (list) list.push({ tokens, maskFrom });
      else this.byFirst.set(tokens[0], [{ tokens, maskFrom }]);
    };
    // A register of 100,000 people holds a few hundred given names: the forms with a word of
    // address are built once per given name, not once per person.
    const givenDone = new Set<string>();
    for (const name of names) {
      if (!name) continue;
      const tokens: string[] = fold(personalText(name)).match(WORD) ?? [];
      if (tokens.length === 0) continue;
      const first = tokens[0]!;
      const last = tokens[tokens.length - 1]!;
      if (tokens.length >= 2) {
        add(tokens, 0);
        add([first, last], 0);
        add([last, first], 0);
      }
      const givens = tokens.length >= 3 ? [[last], tokens.slice(-2)] : [[last]];
      for (const given of givens) {
        const g = given.join(' ');
        if (givenDone.has(g)) continue;
        givenDone.add(g);
        if (!occurs(given)) continue;
        for (const honorific of HONORIFIC_TOKENS) add([...honorific, ...given], honorific.length);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.size = seen.size;
  }

  /** Runs of `text` (NFKC) that are a person's name. */
  find(text: string): PersonalDataRun[] {
    if (this.byFirst.size === 0) return [];
    const folded = fold(text);
    const words = [...folded.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
    const runs: PersonalDataRun[] = [];
    for (let i = 0; i < words.length; i++) {
      const forms = this.byFirst.get(words[i].word);
      if (!forms) continue;
      for (const form of forms) {
        const n = form.tokens.length;
        if (i + n > words.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) {
          // Consecutive words, apart only by spaces.
          ok = words[i + k].word === form.tokens[k] && /^\s+$/.test(folded.slice(words[i + k - 1].end, words[i + k].start));
        }
        if (!ok) continue;
        runs.push({ start: words[i + form.maskFrom].start, end: words[i + n - 1].end, kind: 'name' });
        i += n - 1;
        break;
      }
    }
    return runs;
  }
}

function digitCount(run: string): number {
  let n = 0;
  for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) >= 48 && run.charCodeAt(i) <= 57) n++;
  return n;
}

/**
 * The runs of a text that look like personal data (RPT-09), in text order, over its NFKC form
 * (`personalText`); empty for clean text:
 * - 9 or more digits in one run (a CMND has 9, a CCCD 12, a mobile number 10, `+84 …` 11, a
 *   landline with its area code 10–11; a longer run may be any of them run together), except
 *   money with thousands separators and a case ID;
 * - a passport number (a letter or two and 7–8 digits);
 * - a date of birth;
 * - with `names`, the name of a person of the workbook's registry.
 */
export function findPersonalData(text: string, names?: NameIndex): PersonalDataRun[] {
  const t = personalText(text);
  const runs: PersonalDataRun[] = names ? names.find(t) : [];
  if (HAS_DIGIT.test(t)) {
    const add = (start: number, end: number, kind: PersonalDataKind) => {
      if (!runs.some((r) => r.start < end && start < r.end)) runs.push({ start, end, kind });
    };
    for (const m of t.matchAll(PASSPORT)) add(m.index, m.index + m[0].length, 'passport');
    for (const m of t.matchAll(DIGIT_RUN)) {
      const run = m[0];
      const digits = digitCount(run);
      if (digits < 9 || THOUSANDS.test(run) || CASE_ID.test(run)) continue;
      const bare = run.replace(/\D/g, '');
      const phone = run.startsWith('+') || ((digits === 10 || digits === 11) && (bare.startsWith('0') || bare.startsWith('84')));
      add(m.index, m.index + run.length, phone ? 'phone' : digits === 9 || digits === 12 ? 'id_number' : 'digits');
    }
    for (const m of t.matchAll(BIRTH)) {
      const value = m[1];
      const start = m.index + m[0].length - value.length;
      add(start, start + value.length, 'birth_date');
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** What stands in a masked name: the same for every name, so its length tells nothing. */
export const NAME_MASK = '***';

/**
 * The text (NFKC) with every personal-data run masked: the digits of numbers and dates become
 * `x` (separators kept, so the reader sees a number or a date stood there), a passport number
 * all `x`, a name `***`. A clean text is returned as it is.
 */
export function maskPersonalData(text: string, names?: NameIndex): string {
  const runs = findPersonalData(text, names);
  if (runs.length === 0) return text;
  const t = personalText(text);
  let out = '';
  let at = 0;
  for (const r of runs) {
    const run = t.slice(r.start, r.end);
    out += t.slice(at, r.start) + (r.kind === 'name' ? NAME_MASK : r.kind === 'passport' ? run.replace(/[\p{L}\d]/gu, 'x') : run.replace(/\d/g, 'x'));
    at = r.end;
  }
  return out + t.slice(at);
}
