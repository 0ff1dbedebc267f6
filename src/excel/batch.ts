/**
 * Turns scattered cell writes into few rectangular range writes and splits them into
 * requests that stay under Excel on the web's 5 MB payload limit. Pure: no Office.js here,
 * so the limits are tested on plain data.
 */
import { cellAddress, type CellValue } from '../domain/sheet';
import type { CellWrite } from './shell';

/** Excel on the web refuses requests over 5 MB; keep a margin for the request envelope. */
export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;
/** Per range operation: address, ids and JSON structure around the values. */
export const RANGE_OVERHEAD_BYTES = 256;

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

export function toExcelSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

/**
 * A cell value as Office.js must receive it: dates as serials; text that Excel would take as a
 * formula (`=`, `+`, `-`, `@`) gets a leading apostrophe so it stays text (FMT-06: a victim
 * register must never execute what was typed into it); blank clears the cell.
 */
export function toExcelValue(value: CellValue): ExcelValue {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return toExcelSerial(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
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

function rowBytes(values: readonly ExcelValue[]): number {
  let n = 2;
  for (const v of values) n += jsonBytes(v);
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
    const bytes = rowBytes(run.values);
    if (
      last &&
      last.col0 === run.col0 &&
      last.values[0].length === run.values.length &&
      last.row0 + last.values.length === run.row0
    ) {
      last.values.push(run.values);
      last.bytes += bytes;
    } else {
      last = { sheet, row0: run.row0, col0: run.col0, values: [run.values], bytes };
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
    const size = rowBytes(block.values[r]);
    if (r > start && bytes + size + RANGE_OVERHEAD_BYTES > budget) {
      parts.push({ sheet: block.sheet, row0: block.row0 + start, col0: block.col0, values: block.values.slice(start, r), bytes });
      start = r;
      bytes = 0;
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
