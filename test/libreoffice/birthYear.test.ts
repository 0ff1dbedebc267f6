/**
 * LibreOffice shows a birth year typed alone in the template's birth column as the year (the
 * column's number format), not as the day of 1905 the serial 1990 stands for; full dates still
 * show dd/mm/yyyy.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { REGISTRY_COLUMNS } from '../../src/domain/schema/registry';
import { SHEET } from '../../src/domain/sheet';
import { writeTemplateFile } from '../../src/xlsx/write';
import { sample, tempDir } from '../cli/helpers';
import { convert } from './soffice';

const BIRTH_COL = REGISTRY_COLUMNS.findIndex((c) => c.key === 'birth_date') + 1;

test('a typed 1990 reads 1990 in LibreOffice, a full birth date dd/mm/yyyy', async () => {
  const dir = tempDir('vr-lo-birth-');
  const file = path.join(dir, 'sample.xlsx');
  await writeTemplateFile(sample(5, 3).spec, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SHEET.registry)!;
  const format = ws.getColumn(BIRTH_COL).numFmt as string;
  ws.getCell(2, BIRTH_COL).value = 1990;
  ws.getCell(2, BIRTH_COL).numFmt = format;
  ws.getCell(3, BIRTH_COL).value = new Date(Date.UTC(1988, 10, 23));
  ws.getCell(3, BIRTH_COL).numFmt = format;
  const typed = path.join(dir, 'typed.xlsx');
  await wb.xlsx.writeFile(typed);

  const html = fs.readFileSync(convert(typed, 'html', path.join(dir, 'out')), 'utf8');
  const registry = html.slice(html.indexOf('Mã hồ sơ'));
  const cells = [...registry.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').trim());
  const width = REGISTRY_COLUMNS.length;
  const header = cells.indexOf('Ngày sinh');
  expect(header).toBeGreaterThanOrEqual(0);
  expect(cells[header + width]).toBe('1990');
  expect(cells[header + 2 * width]).toBe('23/11/1988');
  expect(registry).not.toContain('12/06/1905');
}, 300_000);
