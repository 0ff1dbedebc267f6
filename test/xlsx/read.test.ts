import ExcelJS from 'exceljs';
import { readWorkbookBuffer, toCellValue } from '../../src/xlsx/read';

describe('the streaming reader flattens cells into the sheet model', () => {
  test('rich text, formulas (cached result), hyperlinks, errors, dates, booleans, gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sổ theo dõi');
    ws.getCell('A1').value = { richText: [{ text: 'Nguyễn ', font: { bold: true } }, { text: 'Thị Lan' }] };
    ws.getCell('B1').value = { formula: '1+2', result: 3 } as ExcelJS.CellFormulaValue;
    ws.getCell('C1').value = { formula: 'A1&""', result: 'Nguyễn Thị Lan' } as ExcelJS.CellFormulaValue;
    ws.getCell('D1').value = { text: 'xem', hyperlink: 'https://example.invalid' };
    ws.getCell('E1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('F1').value = new Date(Date.UTC(2020, 6, 15));
    ws.getCell('F1').numFmt = 'dd/mm/yyyy';
    ws.getCell('G1').value = true;
    ws.getCell('B4').value = '15/07/2020';
    wb.addWorksheet('_meta', { state: 'veryHidden' }).getCell('A1').value = 'template';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const model = await readWorkbookBuffer(buf, { displayName: 'x.xlsx' });
    expect(model.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Sổ theo dõi', 'visible'],
      ['_meta', 'veryHidden'],
    ]);
    const rows = model.sheets[0].rows;
    expect(rows[0]).toEqual(['Nguyễn Thị Lan', 3, 'Nguyễn Thị Lan', 'xem', '#N/A', new Date(Date.UTC(2020, 6, 15)), true]);
    expect(rows[1]).toEqual([]);
    expect(rows[3]).toEqual([null, '15/07/2020']);
  });

  test('toCellValue: shared formulas and unknown objects', () => {
    expect(toCellValue({ sharedFormula: 'A1', result: 7 })).toBe(7);
    expect(toCellValue({ formula: 'NOW()' })).toBeNull();
    expect(toCellValue(new Date(NaN))).toBeNull();
  });
});
