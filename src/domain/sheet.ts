/**
 * The sheet model: the seam between the shells (Office.js, exceljs) and the domain core.
 * A workbook becomes plain grids of cell values; every rule and the report builder work
 * on this model only, so they are tested once on plain data.
 */

/** A cell value as both shells deliver it. Dates may arrive as Date (exceljs, UTC midnight)
 *  or as an Excel serial number (Office.js `values`); text dates stay strings. */
export type CellValue = string | number | boolean | Date | null;

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface SheetModel {
  name: string;
  /** rows[r][c], 0-based. Rows may be ragged; a missing cell is null. */
  rows: CellValue[][];
  visibility?: SheetVisibility;
}

export interface WorkbookModel {
  sheets: SheetModel[];
}

/** Sheet names of the template (docs/workbook.md), in order. */
export const SHEET = {
  guide: 'Hướng dẫn',
  registry: 'Sổ theo dõi',
  support: 'Hỗ trợ',
  report: 'Báo cáo quý',
  codes: 'Danh mục',
  meta: '_meta',
} as const;

export const SHEET_ORDER: readonly string[] = [
  SHEET.guide,
  SHEET.registry,
  SHEET.support,
  SHEET.report,
  SHEET.codes,
  SHEET.meta,
];

/** Excel's sheet size limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Normalise a name for matching: NFC, lower case, collapsed spaces. */
export function normaliseKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

export function findSheet(workbook: WorkbookModel, name: string): SheetModel | undefined {
  const wanted = normaliseKey(name);
  return workbook.sheets.find((sheet) => normaliseKey(sheet.name) === wanted);
}

export function cellAt(sheet: SheetModel, row0: number, col0: number): CellValue {
  const row = sheet.rows[row0];
  if (!row) return null;
  const value = row[col0];
  return value === undefined ? null : value;
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetter(col0: number): string {
  let n = col0 + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" -> 0, "AA" -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (11, 9) -> "J12": 0-based row and column to an A1 address. */
export function cellAddress(row0: number, col0: number): string {
  return `${columnLetter(col0)}${row0 + 1}`;
}

/** "J12" -> {row0: 11, col0: 9}. */
export function parseAddress(address: string): { row0: number; col0: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) throw new Error(`Not an A1 address: ${address}`);
  return { row0: Number(match[2]) - 1, col0: columnIndex(match[1]) };
}

/** True when a cell holds nothing a clerk would call a value. */
export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}
