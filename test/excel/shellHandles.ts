/**
 * The two workbook shells behind one test handle, so the same contract tests and the same panel
 * tests run on both: the Office.js shell over the strict fake Excel at a chosen ExcelApi level,
 * and the browser preview's in-memory workbook. A handle gives the shell to the code under test
 * and lets the test set up and look at the workbook the way a clerk would see it in Excel.
 */
import { cellAddress, parseAddress, type CellValue, type SheetVisibility, type WorkbookModel } from '../../src/domain/sheet';
import { OfficeWorkbookShell } from '../../src/excel/office';
import type { WorkbookShell } from '../../src/excel/shell';
import { FakeWorkbookShell } from '../../src/preview/fakeShell';
import { EXCEL_LEVELS, FakeExcel } from './fakeExcel';

export interface ShellUnderTest {
  readonly label: string;
  readonly shell: WorkbookShell;
  /** The Excel behind an Office.js handle (null for the preview). */
  readonly excel: FakeExcel | null;
  readWorkbook(): Promise<WorkbookModel>;
  /** Excel round trips so far (0 for the preview: it has none). */
  syncs(): number;
  /** Error codes of the syncs Excel refused. */
  failedSyncs(): string[];
  sheetNames(): string[];
  visibility(sheet: string): SheetVisibility;
  /** What the cell holds now, as Office.js reads it (null when empty). */
  value(sheet: string, address: string): CellValue;
  /** Set-up: the cell already holds `value` (typed earlier; nothing is coerced). */
  put(sheet: string, address: string, value: CellValue): void;
  numberFormat(sheet: string, address: string): string;
  /** The cell's own fill (null when none). */
  fill(sheet: string, address: string): string | null;
  /** Set-up: the clerk colours a cell. */
  paint(sheet: string, address: string, color: string | null): void;
  /** Every filled cell of a sheet: address → colour. */
  fills(sheet: string): Map<string, string>;
  selection(): { sheet: string; address: string } | null;
  rowCount(sheet: string): number;
  /** Set-up: a sheet the workbook already has (before the pane runs). */
  addSheet(name: string, rows: CellValue[][]): void;
}

const VISIBILITY: Record<string, SheetVisibility> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

/** The Office.js shell over a fake Excel (a blank workbook: one empty sheet, as Excel opens). */
export function officeHandle(level: string, excel: FakeExcel = FakeExcel.blank({ api: level })): ShellUnderTest {
  const shell = new OfficeWorkbookShell(excel.host());
  const name = Object.entries(EXCEL_LEVELS).find(([, v]) => v === level)?.[0] ?? 'Excel';
  return {
    label: `${name} (ExcelApi ${level})`,
    shell,
    excel,
    readWorkbook: () => shell.readWorkbook(),
    syncs: () => excel.syncs.length,
    failedSyncs: () => excel.failedSyncs.map((s) => s.error as string),
    sheetNames: () => excel.sheets.map((s) => s.name),
    visibility: (sheet) => VISIBILITY[excel.sheet(sheet).visibility],
    value: (sheet, address) => {
      const v = excel.value(sheet, address);
      return v === '' ? null : v;
    },
    put: (sheet, address, value) => {
      const { row0, col0 } = parseAddress(address);
      const state = excel.sheet(sheet);
      const key = row0 * 16384 + col0;
      const cell = state.cells.get(key) ?? {};
      if (value === null || value === '') delete cell.value;
      else if (value instanceof Date) throw new TypeError('Excel holds dates as serial numbers.');
      else cell.value = value;
      delete cell.formula;
      state.cells.set(key, cell);
    },
    numberFormat: (sheet, address) => excel.numberFormat(sheet, address),
    fill: (sheet, address) => excel.cell(sheet, address)?.fill ?? null,
    paint: (sheet, address, color) => excel.paint(sheet, address, color),
    fills: (sheet) => {
      const out = new Map<string, string>();
      for (const [key, cell] of excel.sheet(sheet).cells) if (cell.fill) out.set(cellAddress(Math.floor(key / 16384), key % 16384), cell.fill);
      return out;
    },
    addSheet: (name, rows) => {
      excel.addSheet(name, rows.map((r) => r.map((v) => (v instanceof Date ? null : v))));
    },
    selection: () => excel.selection,
    rowCount: (sheet) => {
      let last = -1;
      for (const [key, cell] of excel.sheet(sheet).cells) if (cell.value !== undefined || cell.formula !== undefined) last = Math.max(last, Math.floor(key / 16384));
      return last + 1;
    },
  };
}

/** The browser preview's in-memory workbook (empty, as the preview opens). */
export function previewHandle(shell: FakeWorkbookShell = new FakeWorkbookShell()): ShellUnderTest {
  const state = (sheet: string) => shell.sheet(sheet);
  return {
    label: 'browser preview',
    shell,
    excel: null,
    readWorkbook: () => shell.readWorkbook(),
    syncs: () => 0,
    failedSyncs: () => [],
    sheetNames: () => shell.sheets.map((s) => s.name),
    visibility: (sheet) => state(sheet).visibility,
    value: (sheet, address) => {
      const { row0, col0 } = parseAddress(address);
      const v = state(sheet).rows[row0]?.[col0];
      return v === undefined || v === '' ? null : v;
    },
    put: (sheet, address, value) => {
      const { row0, col0 } = parseAddress(address);
      const rows = state(sheet).rows;
      while (rows.length <= row0) rows.push([]);
      while (rows[row0].length <= col0) rows[row0].push(null);
      rows[row0][col0] = value;
    },
    numberFormat: (sheet, address) => {
      const { row0, col0 } = parseAddress(address);
      return shell.numberFormatAt(sheet, row0, col0);
    },
    fill: (sheet, address) => state(sheet).fills.get(cellAddress(parseAddress(address).row0, parseAddress(address).col0)) ?? null,
    paint: (sheet, address, color) => {
      if (color === null) state(sheet).fills.delete(address);
      else state(sheet).fills.set(address, color.toUpperCase());
    },
    fills: (sheet) => new Map(state(sheet).fills),
    addSheet: (name, rows) => shell.load({ sheets: [...shell.sheets.map((x) => ({ name: x.name, visibility: x.visibility, rows: x.rows })), { name, rows }] }),
    selection: () => shell.selection,
    rowCount: (sheet) => {
      const rows = state(sheet).rows;
      let last = rows.length - 1;
      while (last >= 0 && !(rows[last] ?? []).some((v) => v !== null && v !== '')) last--;
      return last + 1;
    },
  };
}

/** Every shell the pane runs on: the four Excel versions offices have, and the preview. */
export const ALL_SHELLS: [string, () => ShellUnderTest][] = [
  ...Object.values(EXCEL_LEVELS).map((level): [string, () => ShellUnderTest] => [officeHandle(level).label, () => officeHandle(level)]),
  ['browser preview', () => previewHandle()],
];
