import ExcelJS from 'exceljs';
import { streamReaderClass, streamWriterClass, workbookClass } from '../../src/xlsx/exceljsParts';

describe('exceljs classes loaded one module at a time', () => {
  // The CLI loads only the exceljs modules a command uses; an exceljs release that moves them
  // must fail here, not give the CLI other classes than the package exports.
  test('are the very classes the package exports', () => {
    expect(workbookClass()).toBe(ExcelJS.Workbook);
    expect(streamWriterClass()).toBe(ExcelJS.stream.xlsx.WorkbookWriter);
    expect(streamReaderClass()).toBe(ExcelJS.stream.xlsx.WorkbookReader);
  });
});
