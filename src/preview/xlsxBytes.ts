/**
 * The preview's stand-in for Office's getFileAsync: the fake workbook as .xlsx bytes, written
 * with exceljs's browser build by the same renderer as `vr new` (src/xlsx/render.ts), so the
 * downloaded or submitted workbook has the template's page set-up (A4, the report landscape
 * with its letterhead, motto and signature blocks), widths, Text and date formats. Date columns
 * keep Excel serials (as in a real workbook read through Office.js); the inbox reads them as dates.
 */
import ExcelJS from 'exceljs';
import { parseAddress, type CellValue } from '../domain/sheet';
import type { TemplateSheet, TemplateSpec } from '../domain/template';
import { renderTemplate } from '../xlsx/render';
import type { FakeSheetState } from './fakeShell';

/** The last row holding a value (-1 when none). */
function lastRow0(rows: CellValue[][]): number {
  for (let r = rows.length - 1; r >= 0; r--) if (rows[r]?.some((v) => v !== null && v !== undefined && v !== '')) return r;
  return -1;
}

/** A sheet as a template spec: its formatting kept from the template, its rows as they are now
 *  (the Excel table grown to the last row written). */
function specOf(sheet: FakeSheetState): TemplateSheet {
  const rows = sheet.rows.map((r) => r.slice());
  if (!sheet.template) return { name: sheet.name, visibility: sheet.visibility, rows };
  const table = sheet.template.table ? { ...sheet.template.table, lastRow0: Math.max(sheet.template.table.lastRow0, lastRow0(rows)) } : undefined;
  return { ...sheet.template, visibility: sheet.visibility, rows, table };
}

export async function previewToXlsx(sheets: readonly FakeSheetState[]): Promise<Uint8Array> {
  const spec: TemplateSpec = { sheets: sheets.map(specOf) };
  const workbook = renderTemplate(spec, { creator: 'vr preview' }, ExcelJS.Workbook);
  sheets.forEach((sheet, i) => {
    const ws = workbook.worksheets[i];
    for (const [address, numFmt] of sheet.formats) {
      const { row0, col0 } = parseAddress(address);
      ws.getCell(row0 + 1, col0 + 1).numFmt = numFmt;
    }
    for (const [address, color] of sheet.fills) {
      const { row0, col0 } = parseAddress(address);
      ws.getCell(row0 + 1, col0 + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${color.replace('#', '').toUpperCase()}` } };
    }
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
