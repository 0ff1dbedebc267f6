/**
 * A birth year typed alone into the template's birth column (Excel stores the number 1990 and
 * shows it with the column's format) must stay visible as 1990, not `12/06/1905`, and must be
 * read as 1 July 1990. Real .xlsx files from both writers, read back by exceljs and by vr's reader.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { BIRTH_FORMAT, DATE_FORMAT, dateToExcelSerial, formatSerial, parseBirthCell } from '../../src/domain/dates';
import { parseWorkbook } from '../../src/domain/parse';
import { REGISTRY_COLUMNS } from '../../src/domain/schema/registry';
import { SHEET } from '../../src/domain/sheet';
import { readWorkbookFile } from '../../src/xlsx/read';
import { writeTemplateFile, writeTemplateStreaming } from '../../src/xlsx/write';
import { formToCells } from '../../src/taskpane/lib/entryRow';
import { sample, tempDir } from '../cli/helpers';

const BIRTH_COL = REGISTRY_COLUMNS.findIndex((c) => c.key === 'birth_date') + 1;
const RECEIVED_COL = REGISTRY_COLUMNS.findIndex((c) => c.key === 'received_date') + 1;

/** Types 1990 into the birth cell of the first data row as Excel does: a number in a cell that
 *  keeps the column's style. */
async function typeYear(file: string, out: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SHEET.registry)!;
  const cell = ws.getCell(2, BIRTH_COL);
  cell.value = 1990;
  cell.numFmt = ws.getColumn(BIRTH_COL).numFmt as string;
  await wb.xlsx.writeFile(out);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  return back;
}

describe('birth year alone in the date-formatted birth column', () => {
  it.each([
    ['in-memory writer', writeTemplateFile],
    ['streaming writer', writeTemplateStreaming],
  ])('the %s formats the birth column to show a year as the year, other dates dd/mm/yyyy', async (_name, write) => {
    const dir = tempDir('vr-birth-');
    const file = path.join(dir, 'sample.xlsx');
    await write(sample(30, 7).spec, file);
    const typed = path.join(dir, 'typed.xlsx');
    const wb = await typeYear(file, typed);
    const ws = wb.getWorksheet(SHEET.registry)!;
    expect(ws.getCell(2, BIRTH_COL).numFmt).toBe(BIRTH_FORMAT);
    // exceljs turns any serial under a format with d/m/y into a Date: the stored serial is 1990.
    const stored = ws.getCell(2, BIRTH_COL).value;
    expect(stored instanceof Date ? dateToExcelSerial(stored) : stored).toBe(1990);
    expect(ws.getCell(2, RECEIVED_COL).numFmt).toBe(DATE_FORMAT);

    const parsed = parseWorkbook(await readWorkbookFile(typed));
    const birth = parsed.registry.records[0].birth;
    expect(birth).toEqual({ date: new Date(Date.UTC(1990, 6, 1)), yearOnly: true });
  });

  it('reads a year that a reader turned into a Date of 1905 as that year, other days as days', () => {
    expect(parseBirthCell(new Date(Date.UTC(1905, 5, 12)))).toEqual({ ok: true, value: { date: new Date(Date.UTC(1990, 6, 1)), yearOnly: true } });
    expect(parseBirthCell(new Date(Date.UTC(1990, 5, 12)))).toEqual({ ok: true, value: { date: new Date(Date.UTC(1990, 5, 12)), yearOnly: false } });
    expect(parseBirthCell(new Date(Date.UTC(1900, 2, 10)))).toEqual({ ok: true, value: { date: new Date(Date.UTC(1900, 2, 10)), yearOnly: false } });
    expect(parseBirthCell(new Date(Date.UTC(1920, 6, 1)))).toEqual({ ok: true, value: { date: new Date(Date.UTC(1920, 6, 1)), yearOnly: false } });
  });

  it('shows a serial as Excel does under each format (the preview grid)', () => {
    expect(formatSerial(1990, BIRTH_FORMAT)).toBe('1990');
    expect(formatSerial(1990, DATE_FORMAT)).toBe('12/06/1905');
    expect(formatSerial(32_874, BIRTH_FORMAT)).toBe('01/01/1990');
  });

  it('the entry form writes a year alone as text, visible under any column format', () => {
    expect(formToCells({ birth_date: '1990' }).birth_date).toBe('1990');
    expect(formToCells({ birth_date: '12/06/1990' }).birth_date).toEqual(new Date(Date.UTC(1990, 5, 12)));
  });
});
