/**
 * Queues the formatting of one template sheet on an Office.js worksheet proxy. No sync here: the
 * caller sends everything in as few requests as the 5 MB limit allows. Number formats go first
 * (`formatOps`, before any value: under Text a code keeps its leading zero), then the rest
 * (`templateOps`, `dressOps`, `printOps`). Features above ExcelApi 1.1 only when the host has them.
 */
import { cellAddress } from '../domain/sheet';
import { TEXT_FORMAT } from '../domain/templateFormat';
import { PRINT_MARGINS_INCHES } from '../domain/templateFormat';
import type { PrintSetup } from '../domain/templatePrint';
import { sheetRef } from './batch';
import type { ShellCapabilities, TemplateSheet } from './shell';

/**
 * Excel's column width is set in points; the spec gives characters of Calibri 11 (7 px each,
 * plus 5 px of padding), so a column is as wide as `vr new` makes it: 18 characters = 98.25 pt.
 */
export function charsToPoints(chars: number): number {
  return (chars * 7 + 5) * 0.75;
}

/** Inches to points, to the hundredth (Excel shows margins to two decimals). */
const points = (inches: number): number => Math.round(inches * 72 * 100) / 100;

function rangeAddress(row0: number, col0: number, row1: number, col1: number): string {
  return `${cellAddress(row0, col0)}:${cellAddress(row1, col1)}`;
}

function widthOf(spec: TemplateSheet): number {
  return spec.rows.reduce((w, row) => Math.max(w, row.length), spec.columnWidths?.length ?? 1);
}

/** Date, Text and single-cell number formats. A 1×1 array is applied by Excel to every cell of
 *  the range, so a 2,000-row column costs one small operation. */
export function formatOps(sheet: Excel.Worksheet, spec: TemplateSheet): void {
  for (const d of spec.dateColumns ?? []) {
    if (d.toRow0 >= d.fromRow0) sheet.getRange(rangeAddress(d.fromRow0, d.col0, d.toRow0, d.col0)).numberFormat = [[d.numFmt]];
  }
  for (const t of spec.textColumns ?? []) {
    if (t.toRow0 >= t.fromRow0) sheet.getRange(rangeAddress(t.fromRow0, t.col0, t.toRow0, t.col0)).numberFormat = [[TEXT_FORMAT]];
  }
  for (const f of spec.cellFormats ?? []) sheet.getRange(cellAddress(f.row0, f.col0)).numberFormat = [[f.numFmt]];
}

/** Bold header, the Excel table, dropdowns, column widths, visibility, frozen header rows. */
export function templateOps(sheet: Excel.Worksheet, spec: TemplateSheet, can: ShellCapabilities): void {
  const width = Math.max(1, widthOf(spec));
  for (const row0 of spec.boldRows ?? []) {
    sheet.getRange(rangeAddress(row0, 0, row0, width - 1)).format.font.bold = true;
  }
  if (spec.table) {
    const t = spec.table;
    const table = sheet.tables.add(`${sheetRef(spec.name)}!${rangeAddress(t.headerRow0, t.firstCol0, t.lastRow0, t.lastCol0)}`, true);
    table.name = t.name;
  }
  if (can.dropdowns) {
    for (const v of spec.validations ?? []) {
      const range = sheet.getRange(rangeAddress(v.fromRow0, v.col0, v.toRow0, v.col0));
      range.dataValidation.rule = { list: { inCellDropDown: true, source: v.listFormula } };
    }
  }
  if (can.formatting) {
    (spec.columnWidths ?? []).forEach((chars, col0) => {
      if (chars > 0) sheet.getRange(rangeAddress(0, col0, 0, col0)).format.columnWidth = charsToPoints(chars);
    });
    if (spec.visibility !== 'visible') sheet.visibility = spec.visibility === 'veryHidden' ? 'VeryHidden' : 'Hidden';
  }
  if (can.freezePanes && spec.freezeRows && spec.freezeRows > 0) sheet.freezePanes.freezeRows(spec.freezeRows);
}

const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;

/**
 * Queues the sheet's official dress (src/domain/templatePrint.ts): cell styles, wrapped label
 * columns and the report table's borders (ExcelApi 1.1), merges and row heights where the host
 * has ExcelApi 1.2. The .xlsx writer applies the same dress, so a register made in the pane and
 * one made by `vr new` look and print alike.
 */
export function dressOps(sheet: Excel.Worksheet, spec: TemplateSheet, can: ShellCapabilities): void {
  const dress = spec.dress;
  if (!dress) return;
  const lastRow0 = spec.rows.length - 1;
  if (lastRow0 >= 0) for (const col0 of dress.wrapColumns) sheet.getRange(rangeAddress(0, col0, lastRow0, col0)).format.wrapText = true;
  for (const b of dress.borders) {
    const range = sheet.getRange(rangeAddress(b.row0, b.col0, b.row1, b.col1));
    const borders = range.format.borders;
    const edges = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', ...(b.row1 > b.row0 ? ['InsideHorizontal'] : []), ...(b.col1 > b.col0 ? ['InsideVertical'] : [])];
    for (const edge of edges) borders.getItem(edge as Excel.BorderIndex).style = 'Continuous';
    // As the .xlsx writer does: text in the bordered table sits at the top of its cell.
    range.format.verticalAlignment = 'Top';
  }
  for (const st of dress.styles) {
    const range = sheet.getRange(cellAddress(st.row0, st.col0));
    const format = range.format;
    if (st.bold) format.font.bold = true;
    if (st.italic) format.font.italic = true;
    if (st.underline) format.font.underline = 'Single';
    if (st.size) format.font.size = st.size;
    if (st.align) format.horizontalAlignment = ALIGN[st.align];
    if (st.wrap) format.wrapText = true;
    if (st.align || st.wrap) format.verticalAlignment = 'Center';
    if (st.numFmt) range.numberFormat = [[st.numFmt]];
  }
  if (can.formatting) {
    for (const m of dress.merges) sheet.getRange(rangeAddress(m.row0, m.col0, m.row1, m.col1)).merge(false);
    for (const h of dress.rowHeights) sheet.getRange(rangeAddress(h.row0, 0, h.row0, 0)).format.rowHeight = h.height;
  }
}

/** Queues A4 and, for a sheet with a print set-up (`printSetupOf`), one page wide, centred, the
 *  title rows on every page, the margins and "Trang 1/2" at the foot (ExcelApi 1.9), as the
 *  .xlsx writer does. */
export function printOps(sheet: Excel.Worksheet, print: PrintSetup | null, can: ShellCapabilities): void {
  if (can.printLayout) {
    const layout = sheet.pageLayout;
    layout.paperSize = 'A4';
    if (!print) return;
    layout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
    layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    layout.centerHorizontally = true;
    layout.leftMargin = points(PRINT_MARGINS_INCHES.left);
    layout.rightMargin = points(PRINT_MARGINS_INCHES.right);
    layout.topMargin = points(PRINT_MARGINS_INCHES.top);
    layout.bottomMargin = points(PRINT_MARGINS_INCHES.bottom);
    layout.headerMargin = points(PRINT_MARGINS_INCHES.header);
    layout.footerMargin = points(PRINT_MARGINS_INCHES.footer);
    if (print.titleRows0) layout.setPrintTitleRows(sheet.getRange(`${print.titleRows0[0] + 1}:${print.titleRows0[1] + 1}`));
    layout.headersFooters.defaultForAllPages.centerFooter = 'Trang &P/&N';
  }
}
