/**
 * Turns scattered cell writes into few rectangular range writes and splits them into
 * requests that stay under Excel on the web's 5 MB payload limit. Pure: no Office.js here,
 * so the limits are tested on plain data.
 */
import { formatDate } from '../domain/dayFormat';
import { cellAddress, type CellValue } from '../domain/sheet';
import type { CellWrite } from './shell';

/** Excel on the web refuses requests over 5 MB (5,000,000 bytes read strictly); the values of
 *  one request are kept under 4.5 MB, leaving room for the operations that go with them (sheet
 *  creation, number formats, the template's table and dress: well under 100 KB). */
export const REQUEST_BUDGET_BYTES = 4_500_000;
/** Per range operation: address, ids and JSON structure around the values (Office.js's RichApi
 *  message: an object path for the range, an action setting its values). */
export const RANGE_OVERHEAD_BYTES = 256;
/** Per Text-format run: its own range and a one-cell `[['@']]` (Excel applies a 1×1 array to
 *  every cell of the range). */
export const TEXT_RUN_BYTES = 300;

export type ExcelValue = string | number | boolean;

export interface WriteBlock {
  /** Sheet the block belongs to, when several sheets are written in one request. */
  sheet?: string;
  row0: number;
  col0: number;
  values: ExcelValue[][];
  /** Estimated JSON size of `values` in bytes. */
  bytes: number;
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30 is serial 0 (Excel's 1900 leap-year quirk included for dates after 1/3/1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** 1/3/1900, the first day Excel's serials count correctly. */
const FIRST_SERIAL = 61;

export function toExcelSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

/**
 * A cell value as Office.js must receive it: dates as serials, blank as '' (clears the cell),
 * text as it is. Text that Excel would not store as that text (a number, a date, TRUE, a
 * formula; see `needsTextFormat`) is protected by the Text format, not by a leading apostrophe:
 * under `@` Excel keeps what it is given, and an apostrophe written into a cell that is already
 * `@` (the template's code columns) would be kept as part of the ID.
 */
export function toExcelValue(value: CellValue): ExcelValue {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const serial = toExcelSerial(value);
    // Excel has no date before 1/3/1900 (a serial below 61 shows as ####): such a date goes in
    // as the text a clerk would type, which the check reads (and judges) as that date.
    return serial >= FIRST_SERIAL ? serial : formatDate(value);
  }
  return value;
}

const MONTH_FIRST = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-/]+\d/i;

/**
 * True when Excel, writing `text` into a cell not formatted as Text, might store something
 * other than that exact text: a number (`001182579803` -> 1182579803, `4.10` -> 4.1), a date
 * (`10/08/2020`, `2020-08-10`, `Aug 10`), a boolean, a percentage or currency, a formula
 * (`=`, `+`, `-`, `@`: FMT-06, nothing typed into a register may run), or text whose leading
 * apostrophe Excel would drop. Deliberately broader than Excel's own parser: a needless Text
 * format on a cell costs nothing, a missed one loses a leading zero or runs a formula.
 */
export function needsTextFormat(value: ExcelValue): boolean {
  if (typeof value !== 'string' || value === '') return false;
  const text = value.trim();
  if (text === '') return false;
  if (/^[=+\-@'\t\r(]/.test(value) || /^[=+\-@'(]/.test(text)) return true;
  if (/^[\d.,$€£¥₫%]/.test(text)) return true;
  if (/^(true|false)$/i.test(text)) return true;
  return MONTH_FIRST.test(text);
}

/** A run of cells in one column, `rows` tall, that needs the Text format before it is written. */
export interface TextRun {
  sheet?: string;
  row0: number;
  col0: number;
  rows: number;
}

/** The Text-format runs a block's values need: consecutive rows of one column whose value
 *  `needsTextFormat`, one run each (a column of 10,000 ID numbers is one run). */
export function textRuns(block: WriteBlock): TextRun[] {
  const runs: TextRun[] = [];
  const width = block.values[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    let start = -1;
    for (let r = 0; r <= block.values.length; r++) {
      const needs = r < block.values.length && needsTextFormat(block.values[r][c]);
      if (needs && start < 0) start = r;
      if (!needs && start >= 0) {
        runs.push({ sheet: block.sheet, row0: block.row0 + start, col0: block.col0 + c, rows: r - start });
        start = -1;
      }
    }
  }
  return runs;
}

/** UTF-8 size of a value once JSON-encoded (Vietnamese letters take 2–3 bytes). */
export function jsonBytes(value: ExcelValue): number {
  if (typeof value !== 'string') return String(value).length + 1;
  let bytes = 3;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    bytes += code < 0x80 ? (code === 34 || code === 92 ? 2 : 1) : code < 0x800 ? 2 : 3;
  }
  return bytes;
}

/** A row's share of a request: its values, and a Text-format run for each cell that needs one
 *  and does not continue a run from the row above (`above`: the previous row of the block). */
function rowBytes(values: readonly ExcelValue[], above?: readonly ExcelValue[]): number {
  let n = 2;
  for (let c = 0; c < values.length; c++) {
    n += jsonBytes(values[c]);
    if (needsTextFormat(values[c]) && !(above && needsTextFormat(above[c]))) n += TEXT_RUN_BYTES;
  }
  return n;
}

/**
 * Groups writes into rectangles: contiguous columns in a row form a run; consecutive rows
 * whose runs cover the same columns merge into one block. A full-width row write (entry form,
 * template) becomes one block for the whole table.
 */
export function planBlocks(writes: readonly CellWrite[], sheet?: string): WriteBlock[] {
  const byRow = new Map<number, Map<number, CellValue>>();
  for (const w of writes) {
    let row = byRow.get(w.row0);
    if (!row) byRow.set(w.row0, (row = new Map()));
    row.set(w.col0, w.value);
  }
  const runs: { row0: number; col0: number; values: ExcelValue[] }[] = [];
  for (const row0 of [...byRow.keys()].sort((a, b) => a - b)) {
    const cells = byRow.get(row0) as Map<number, CellValue>;
    let current: { row0: number; col0: number; values: ExcelValue[] } | null = null;
    for (const col0 of [...cells.keys()].sort((a, b) => a - b)) {
      const value = toExcelValue(cells.get(col0) as CellValue);
      if (current && current.col0 + current.values.length === col0) current.values.push(value);
      else runs.push((current = { row0, col0, values: [value] }));
    }
  }
  const blocks: WriteBlock[] = [];
  let last: WriteBlock | null = null;
  for (const run of runs) {
    if (
      last &&
      last.col0 === run.col0 &&
      last.values[0].length === run.values.length &&
      last.row0 + last.values.length === run.row0
    ) {
      last.bytes += rowBytes(run.values, last.values[last.values.length - 1]);
      last.values.push(run.values);
    } else {
      last = { sheet, row0: run.row0, col0: run.col0, values: [run.values], bytes: rowBytes(run.values) };
      blocks.push(last);
    }
  }
  return blocks;
}

/** Splits blocks taller than the budget allows into row slices. */
function splitBlock(block: WriteBlock, budget: number): WriteBlock[] {
  if (block.bytes + RANGE_OVERHEAD_BYTES <= budget) return [block];
  const parts: WriteBlock[] = [];
  let start = 0;
  let bytes = 0;
  for (let r = 0; r < block.values.length; r++) {
    let size = rowBytes(block.values[r], r > start ? block.values[r - 1] : undefined);
    if (r > start && bytes + size + RANGE_OVERHEAD_BYTES > budget) {
      parts.push({ sheet: block.sheet, row0: block.row0 + start, col0: block.col0, values: block.values.slice(start, r), bytes });
      start = r;
      bytes = 0;
      // The new part's first row starts its Text-format runs afresh.
      size = rowBytes(block.values[r]);
    }
    bytes += size;
  }
  parts.push({ sheet: block.sheet, row0: block.row0 + start, col0: block.col0, values: block.values.slice(start), bytes });
  return parts;
}

/** Packs blocks into requests of at most `budget` estimated bytes each. */
export function chunkBlocks(blocks: readonly WriteBlock[], budget = REQUEST_BUDGET_BYTES): WriteBlock[][] {
  const requests: WriteBlock[][] = [];
  let current: WriteBlock[] = [];
  let size = 0;
  for (const block of blocks.flatMap((b) => splitBlock(b, budget))) {
    const cost = block.bytes + RANGE_OVERHEAD_BYTES;
    if (current.length > 0 && size + cost > budget) {
      requests.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += cost;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/** "B3:D7" for a block. */
export function blockAddress(block: { row0: number; col0: number; values: unknown[][] }): string {
  const rows = block.values.length;
  const cols = block.values[0]?.length ?? 1;
  return `${cellAddress(block.row0, block.col0)}:${cellAddress(block.row0 + rows - 1, block.col0 + cols - 1)}`;
}

/** Quotes a sheet name for an address: 'Sổ theo dõi'!A1. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
