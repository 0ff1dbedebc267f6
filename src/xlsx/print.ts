/**
 * Applies a sheet's print dress (src/domain/templatePrint.ts) with exceljs: A4, one page wide,
 * repeated title rows, page numbers, merges and the official header's cell styles. Used by the
 * template writers and by the consolidated workbook (in-memory and streaming worksheets alike).
 */
import type ExcelJS from 'exceljs';
import { OFFICIAL_HEADER_ROWS, officialHeader, PRINT_MARGINS_INCHES, type Blocks, type CellStyle, type Letterhead, type PrintSetup, type SheetDress } from '../domain/templatePrint';

/** ECMA-376 paper size 9 = A4. */
const A4 = 9;

export function pageSetupOf(print: PrintSetup): Partial<ExcelJS.PageSetup> {
  const letter = (col0: number) => columnLetters(col0 + 1);
  return {
    paperSize: A4,
    orientation: print.orientation,
    ...(print.scale ? { fitToPage: false, scale: print.scale } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
    horizontalCentered: !print.scale,
    margins: { ...PRINT_MARGINS_INCHES },
    ...(print.titleRows0 ? { printTitlesRow: `${print.titleRows0[0] + 1}:${print.titleRows0[1] + 1}` } : {}),
    ...(print.titleColumns0 ? { printTitlesColumn: `${letter(print.titleColumns0[0])}:${letter(print.titleColumns0[1])}` } : {}),
  } as Partial<ExcelJS.PageSetup>;
}

function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Several print ranges on one sheet (`'Sheet'!$A$1:$P$75,…`): each prints on pages of its own,
 * in order, with the sheet's print titles. exceljs writes one range per name entry, which Excel
 * reads as a duplicate name; so the workbook's defined names get one `_xlnm.Print_Area` with
 * every range, scoped to the sheet (`localSheetId`, its 0-based position).
 */
export function setPrintRanges(wb: { definedNames: unknown }, sheetIndex: number, sheetName: string, ranges: string[]): void {
  const names = wb.definedNames as { model: { name: string; ranges: string[]; localSheetId?: number }[] };
  const proto = Object.getPrototypeOf(names) as object;
  const own = Object.getOwnPropertyDescriptor(proto, 'model');
  if (!own?.get) throw new Error('exceljs defined names without a model getter');
  const quoted = `'${sheetName.replace(/'/g, "''")}'`;
  const area = { name: '_xlnm.Print_Area', localSheetId: sheetIndex, ranges: ranges.map((r) => `${quoted}!${r}`) };
  Object.defineProperty(names, 'model', {
    configurable: true,
    get: () => [...(own.get!.call(names) as typeof names.model), area],
    set: (value: unknown) => own.set?.call(names, value),
  });
}

/** `Trang 1/2` at the foot of every page. */
export const PAGE_FOOTER = { oddFooter: '&CTrang &P/&N' } as Partial<ExcelJS.HeaderFooter>;

export function cellStyleOf(style: CellStyle): Partial<ExcelJS.Style> {
  const font: Partial<ExcelJS.Font> = {};
  if (style.bold) font.bold = true;
  if (style.italic) font.italic = true;
  if (style.underline) font.underline = true;
  if (style.size) font.size = style.size;
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (style.align) alignment.horizontal = style.align;
  if (style.wrap) alignment.wrapText = true;
  if (style.align || style.wrap) alignment.vertical = 'middle';
  return { font, alignment, ...(style.numFmt ? { numFmt: style.numFmt } : {}) };
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Styles by 1-based row number, for writers that style a row as they commit it. */
export function stylesByRow(dress: SheetDress): Map<number, CellStyle[]> {
  const byRow = new Map<number, CellStyle[]>();
  for (const s of dress.styles) byRow.set(s.row0 + 1, [...(byRow.get(s.row0 + 1) ?? []), s]);
  return byRow;
}

const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** Styles one row's cells: wrapped columns, borders, height, then the dress's cell styles.
 *  Each dressed cell gets a style object of its own: cells may share one (the consolidated
 *  workbook's writer does), and exceljs's setters would change it for every sharer. */
export function dressRow(row: ExcelJS.Row, dress: SheetDress, byRow: Map<number, CellStyle[]>): void {
  const row0 = row.number - 1;
  const styles = new Map<number, Partial<ExcelJS.Style>>();
  const styleOf = (col0: number): Partial<ExcelJS.Style> => {
    let style = styles.get(col0);
    if (!style) {
      const cell = row.getCell(col0 + 1);
      style = { ...cell.style, font: { ...(cell.style?.font ?? {}) }, alignment: { ...(cell.style?.alignment ?? {}) } };
      styles.set(col0, style);
    }
    return style;
  };
  for (const col0 of dress.wrapColumns) {
    const value = row.getCell(col0 + 1).value;
    if (value !== null && value !== undefined) Object.assign(styleOf(col0).alignment as object, WRAP);
  }
  for (const b of dress.borders) {
    if (row0 < b.row0 || row0 > b.row1) continue;
    for (let c = b.col0; c <= b.col1; c++) {
      const style = styleOf(c);
      style.border = THIN;
      (style.alignment as Partial<ExcelJS.Alignment>).vertical = 'top';
    }
  }
  for (const s of byRow.get(row.number) ?? []) {
    const style = styleOf(s.col0);
    const own = cellStyleOf(s);
    Object.assign(style.font as object, own.font);
    Object.assign(style.alignment as object, own.alignment);
    if (own.numFmt) style.numFmt = own.numFmt;
  }
  for (const [col0, style] of styles) row.getCell(col0 + 1).style = style;
  const height = dress.rowHeights.find((h) => h.row0 === row0);
  if (height) row.height = height.height;
  // Merged here, row by row: a streaming worksheet creates the rows a merge touches, so merging
  // ahead of the rows would push them down.
  for (const m of dress.merges) {
    if (m.row0 === row0) row.worksheet.mergeCells(m.row0 + 1, m.col0 + 1, m.row1 + 1, m.col1 + 1);
  }
}

/** Options a streaming worksheet needs at creation (it writes `fitToPage` first thing). */
export function sheetPrintOptions(print: PrintSetup): { pageSetup: Partial<ExcelJS.PageSetup>; headerFooter: Partial<ExcelJS.HeaderFooter> } {
  return { pageSetup: pageSetupOf(print), headerFooter: PAGE_FOOTER };
}

/** Page set-up and footer (a streaming worksheet also needs `sheetPrintOptions` at creation). */
export function dressSheet(ws: ExcelJS.Worksheet, dress: SheetDress): void {
  ws.pageSetup = { ...ws.pageSetup, ...pageSetupOf(dress.print) };
  ws.headerFooter = { ...ws.headerFooter, ...PAGE_FOOTER };
}

/** Everything at once, for an in-memory worksheet whose rows are written. */
export function dressWorksheet(ws: ExcelJS.Worksheet, dress: SheetDress): void {
  dressSheet(ws, dress);
  const byRow = stylesByRow(dress);
  const rows = new Set<number>([...byRow.keys(), ...dress.rowHeights.map((h) => h.row0 + 1)]);
  for (const b of dress.borders) for (let r = b.row0; r <= b.row1; r++) rows.add(r + 1);
  for (const m of dress.merges) rows.add(m.row0 + 1);
  ws.eachRow({ includeEmpty: true }, (row) => rows.add(row.number));
  for (const n of [...rows].sort((a, b) => a - b)) dressRow(ws.getRow(n), dress, byRow);
}

/** The Decree 30/2020 letterhead (templatePrint.ts `officialHeader`) as the first rows of an
 *  in-memory worksheet whose columns are set: `width` columns, the two blocks at `at`. Returns
 *  the number of rows written. */
export function writeLetterhead(ws: ExcelJS.Worksheet, head: Letterhead, place: string, width: number, at: Blocks): number {
  const { rows, dress } = officialHeader(head, place, width, 0, at);
  const sheetDress: SheetDress = { ...dress, wrapColumns: [], borders: [], rowHeights: [], print: { orientation: 'landscape' } };
  const byRow = stylesByRow(sheetDress);
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((v, c) => {
      if (v !== null) row.getCell(c + 1).value = v;
    });
    dressRow(row, sheetDress, byRow);
  });
  return OFFICIAL_HEADER_ROWS;
}
