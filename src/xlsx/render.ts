/**
 * Renders a `TemplateSpec` (the same spec the Office.js shell renders) into an exceljs workbook,
 * in memory: sheets, the Excel table, dropdowns, date and Text formats, widths, frozen header,
 * print set-up and the report's official dress. No Node API here: `vr new` (src/xlsx/write.ts)
 * and the browser preview's downloaded workbook (src/preview/xlsxBytes.ts) both use it, so they
 * are the same workbook and print alike.
 */
import type ExcelJS from 'exceljs';
import { printSetupOf, TEXT_FORMAT, type TemplateSheet, type TemplateSpec } from '../domain/template';
import { columnLetter, type CellValue } from '../domain/sheet';
import { dressWorksheet, sheetPrintOptions } from './print';

export interface DataValidationsApi {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

/** Every sheet prints on A4; the register and support log landscape, one page wide, with their
 *  header row on every page; the report as its dress says. */
export function printOptionsOf(sheet: TemplateSheet): Partial<ExcelJS.AddWorksheetOptions> {
  const print = printSetupOf(sheet);
  return print ? sheetPrintOptions(print) : { pageSetup: { paperSize: 9 } as Partial<ExcelJS.PageSetup> };
}

function renderSheet(workbook: ExcelJS.Workbook, spec: TemplateSheet): void {
  const ws = workbook.addWorksheet(spec.name, {
    state: spec.visibility === 'veryHidden' ? 'veryHidden' : spec.visibility === 'hidden' ? 'hidden' : 'visible',
    views: spec.freezeRows ? [{ state: 'frozen', ySplit: spec.freezeRows, xSplit: 0 }] : [],
    ...printOptionsOf(spec),
  });
  (spec.columnWidths ?? []).forEach((width, col0) => {
    ws.getColumn(col0 + 1).width = width;
  });
  const table = spec.table;
  spec.rows.forEach((row, row0) => {
    const inTableRows = table !== undefined && row0 >= table.headerRow0 && row0 <= table.lastRow0;
    row.forEach((value, col0) => {
      // The table writes its own cells; cells beside it (an extra column) are written here.
      if (inTableRows && col0 >= table.firstCol0 && col0 <= table.lastCol0) return;
      if (value !== null && value !== undefined) ws.getCell(row0 + 1, col0 + 1).value = value;
    });
  });
  if (table) {
    const width = table.lastCol0 - table.firstCol0 + 1;
    const header = spec.rows[table.headerRow0] ?? [];
    const rows: CellValue[][] = [];
    for (let r = table.headerRow0 + 1; r <= table.lastRow0; r++) {
      const source = spec.rows[r] ?? [];
      rows.push(Array.from({ length: width }, (_, i) => source[table.firstCol0 + i] ?? null));
    }
    ws.addTable({
      name: table.name,
      displayName: table.name,
      ref: `${columnLetter(table.firstCol0)}${table.headerRow0 + 1}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleLight9', showRowStripes: true },
      columns: Array.from({ length: width }, (_, i) => ({ name: String(header[table.firstCol0 + i] ?? `Cột ${i + 1}`), filterButton: true })),
      rows,
    });
  }
  for (const dates of spec.dateColumns ?? []) {
    ws.getColumn(dates.col0 + 1).numFmt = dates.numFmt;
  }
  // Codes and IDs keep what is typed later in Excel too (a citizen ID's leading zero).
  for (const text of spec.textColumns ?? []) ws.getColumn(text.col0 + 1).numFmt = TEXT_FORMAT;
  const validations = (ws as unknown as { dataValidations: DataValidationsApi }).dataValidations;
  for (const v of spec.validations ?? []) {
    const letter = columnLetter(v.col0);
    validations.add(`${letter}${v.fromRow0 + 1}:${letter}${v.toRow0 + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [v.listFormula.replace(/^=/, '')],
      showErrorMessage: true,
      // A warning, not a stop: a commune typed without its prefix (`Đông Ngàn`) is valid
      // (docs/profiles.md) and the checker, not Excel, is the judge of values.
      errorStyle: 'warning',
      errorTitle: 'Giá trị ngoài danh sách / Value not in list',
      error: 'Hãy chọn từ danh sách (sheet Danh mục). / Pick a value from the list (sheet Danh mục).',
    });
  }
  for (const row0 of spec.boldRows ?? []) ws.getRow(row0 + 1).font = { bold: true };
  for (const f of spec.cellFormats ?? []) ws.getCell(f.row0 + 1, f.col0 + 1).numFmt = f.numFmt;
  if (spec.dress) dressWorksheet(ws, spec.dress);
}

/** Document properties: `creator` marks synthetic workbooks (`vr sample`) so that only they
 *  may be overwritten without --force. */
export interface WriteOptions {
  creator?: string;
}

export function renderTemplate(spec: TemplateSpec, opts: WriteOptions, Workbook: typeof ExcelJS.Workbook): ExcelJS.Workbook {
  const workbook = new Workbook();
  workbook.creator = opts.creator ?? 'vr';
  for (const sheet of spec.sheets) renderSheet(workbook, sheet);
  return workbook;
}
