/**
 * The preview's stand-in for Office's getFileAsync: the fake workbook as .xlsx bytes, written
 * with exceljs's browser build. Date columns keep Excel serials (as in a real workbook read
 * through Office.js); the inbox reads them as dates.
 */
import ExcelJS from 'exceljs';
import type { WorkbookModel } from '../domain/sheet';

export async function workbookToXlsx(model: WorkbookModel): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of model.sheets) {
    const ws = workbook.addWorksheet(sheet.name, { state: sheet.visibility ?? 'visible' });
    sheet.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null && value !== undefined) ws.getCell(r + 1, c + 1).value = value;
      });
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
