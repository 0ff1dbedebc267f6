/**
 * Queues the formatting of one template sheet (table, dropdowns, date formats, widths, bold
 * header, number formats, freeze panes, visibility) on an Office.js worksheet proxy. No sync here: the caller
 * sends everything in one request. Features above ExcelApi 1.1 only when the host has them.
 */
import { cellAddress } from '../domain/sheet';
import { sheetRef } from './batch';
import type { ShellCapabilities, TemplateSheet } from './shell';

/** Excel's column width unit is points; the spec gives characters (about 6 pt each in Calibri 11). */
const POINTS_PER_CHAR = 6;

function rangeAddress(row0: number, col0: number, row1: number, col1: number): string {
  return `${cellAddress(row0, col0)}:${cellAddress(row1, col1)}`;
}

function widthOf(spec: TemplateSheet): number {
  return spec.rows.reduce((w, row) => Math.max(w, row.length), spec.columnWidths?.length ?? 1);
}

export function templateOps(sheet: Excel.Worksheet, spec: TemplateSheet, can: ShellCapabilities): void {
  const width = Math.max(1, widthOf(spec));
  for (const row0 of spec.boldRows ?? []) {
    sheet.getRange(rangeAddress(row0, 0, row0, width - 1)).format.font.bold = true;
  }
  for (const d of spec.dateColumns ?? []) {
    const rows = d.toRow0 - d.fromRow0 + 1;
    if (rows <= 0) continue;
    sheet.getRange(rangeAddress(d.fromRow0, d.col0, d.toRow0, d.col0)).numberFormat = Array.from({ length: rows }, () => [d.numFmt]);
  }
  for (const f of spec.cellFormats ?? []) sheet.getRange(cellAddress(f.row0, f.col0)).numberFormat = [[f.numFmt]];
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
      if (chars > 0) sheet.getRange(rangeAddress(0, col0, 0, col0)).format.columnWidth = chars * POINTS_PER_CHAR;
    });
    if (spec.visibility !== 'visible') sheet.visibility = spec.visibility === 'veryHidden' ? 'VeryHidden' : 'Hidden';
  }
  if (can.freezePanes && spec.freezeRows && spec.freezeRows > 0) sheet.freezePanes.freezeRows(spec.freezeRows);
}
