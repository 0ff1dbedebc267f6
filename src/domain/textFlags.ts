/**
 * Which rows of a parsed table hold a text cell the text rules (FMT-05 legacy encoding, FMT-06
 * formula injection, FMT-08 unsafe text) have something to say about. The parse decides it as it
 * reads each row (its cells are at hand then), so FMT's scan (fmt.ts) visits those few rows
 * instead of every cell of a 100,000-row register a second time.
 *
 * A text's verdict is exactly "one of the three would object to it", by the rules' own functions,
 * so an unmarked row can have no such finding. Verdicts are kept per distinct text: a register
 * repeats its texts (code values, communes, names, providers) across thousands of rows, and a
 * repeated cell then costs one lookup instead of three scans of its characters.
 */
import type { CellValue } from './sheet';
import { detectLegacyEncoding, isFormulaLike, legacyCandidateChar } from './text';
import { EXCEL_CELL_LIMIT, unsafeText } from './textSafety';

/** True when FMT-05, FMT-06 or FMT-08 would object to `text` in a table cell. */
export function textNeedsCheck(text: string): boolean {
  return isFormulaLike(text) || unsafeText(text) !== null || detectLegacyEncoding(text) !== null;
}

/** Verdicts of distinct texts, shared by every parse of the process (the inbox's workers judge
 *  upload after upload of the same code values and names); a full memo is simply emptied, as
 *  text.ts's caches are. */
const memo = new Map<string, boolean>();
const MEMO_LIMIT = 50_000;

/** True when no text rule can object to `text`, decided in one pass over its characters and
 *  without a memo lookup: not formula-like, within Excel's limit, no character FMT-08 suspects
 *  (controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF) and none that could begin a
 *  legacy-encoding verdict. Most cells (names, IDs, dates as text, code values) end here; hashing
 *  each unique one into the memo cost more than the scan. */
function plainText(text: string): boolean {
  if (text.length > EXCEL_CELL_LIMIT || isFormulaLike(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 9 && c !== 10 && c !== 13) return false;
    } else if (c >= 0xd800) {
      if (c <= 0xdfff || c >= 0xfffe) return false;
    } else if (legacyCandidateChar(c)) return false;
  }
  return true;
}

function needsCheck(text: string): boolean {
  if (plainText(text)) return false;
  let verdict = memo.get(text);
  if (verdict === undefined) {
    verdict = textNeedsCheck(text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, verdict);
  }
  return verdict;
}

/** True when a text rule could have something to say about one of `row`'s cells in `cols`
 *  (-1: no such column). */
export function rowNeedsTextCheck(row: readonly CellValue[], cols: Int32Array): boolean {
  for (let k = 0; k < cols.length; k++) {
    if (cols[k] < 0) continue;
    const value = row[cols[k]];
    if (typeof value === 'string' && value !== '' && needsCheck(value)) return true;
  }
  return false;
}

/** The rows (indexes into the records array) the parse marked, kept beside the array it made;
 *  `length` guards against an array grown since. */
const marks = new WeakMap<readonly unknown[], { length: number; rows: readonly number[] }>();

export function markTextRows(records: readonly unknown[], rows: readonly number[]): void {
  marks.set(records, { length: records.length, rows });
}

/** The marked rows of a records array as the parse made it, or null (scan every row). */
export function textRowsOf(records: readonly unknown[]): readonly number[] | null {
  const m = marks.get(records);
  return m && m.length === records.length ? m.rows : null;
}
