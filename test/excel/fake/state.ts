/** The workbook the fake holds: sheets of cells with their formats, tables, merges, print
 *  set-up, the active sheet and selection. Plain data; the Office.js proxies change it only
 *  when a request runs at `context.sync()`. */
import type { StoredValue } from './coerce';
import { MAX_COL0, type Box } from './address';

export type Edge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight';

export interface CellState {
  value?: StoredValue;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  size?: number;
  fontName?: string;
  fontColor?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  borders?: Partial<Record<Edge, string>>;
  validation?: unknown;
}

export interface PageState {
  paperSize?: string;
  orientation?: string;
  zoom?: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  centerHorizontally?: boolean;
  centerVertically?: boolean;
  printTitleRows?: string;
  leftMargin?: number;
  rightMargin?: number;
  topMargin?: number;
  bottomMargin?: number;
  headerMargin?: number;
  footerMargin?: number;
  centerFooter?: string;
  centerHeader?: string;
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface SheetState {
  id: string;
  name: string;
  visibility: Visibility;
  cells: Map<number, CellState>;
  /** Points, by column; absent = Excel's default (48 pt, 8.43 characters). */
  columnWidths: Map<number, number>;
  /** Points, by row; absent = the default 15 pt. */
  rowHeights: Map<number, number>;
  merges: Box[];
  frozenRows: number;
  page: PageState;
}

export interface TableState {
  id: string;
  name: string;
  sheetId: string;
  box: Box;
}

export const DEFAULT_COLUMN_POINTS = 48;
export const DEFAULT_ROW_POINTS = 15;

export const keyOf = (r0: number, c0: number): number => r0 * (MAX_COL0 + 1) + c0;
export const rowOf = (key: number): number => Math.floor(key / (MAX_COL0 + 1));
export const colOf = (key: number): number => key % (MAX_COL0 + 1);

/** True when a cell holds a value or any formatting: what makes it part of the used range. */
export function isUsed(cell: CellState, valuesOnly: boolean): boolean {
  if (cell.value !== undefined || cell.formula !== undefined) return true;
  if (valuesOnly) return false;
  return Object.keys(cell).some((k) => k !== 'value' && k !== 'formula' && (cell as Record<string, unknown>)[k] !== undefined);
}

export function newSheet(id: string, name: string, visibility: Visibility = 'Visible'): SheetState {
  return { id, name, visibility, cells: new Map(), columnWidths: new Map(), rowHeights: new Map(), merges: [], frozenRows: 0, page: {} };
}

/** The cell, created when missing (for a write). */
export function cellFor(sheet: SheetState, r0: number, c0: number): CellState {
  const key = keyOf(r0, c0);
  let cell = sheet.cells.get(key);
  if (!cell) sheet.cells.set(key, (cell = {}));
  return cell;
}

export function eachCell(box: Box, fn: (r0: number, c0: number) => void): void {
  for (let r = box.r0; r <= box.r1; r++) for (let c = box.c0; c <= box.c1; c++) fn(r, c);
}

/** What `Range.values` reads for a cell: '' when empty, Excel's error text for a formula. */
export function readValue(cell: CellState | undefined): StoredValue {
  if (!cell) return '';
  if (cell.formula !== undefined) return '#NAME?';
  return cell.value ?? '';
}
