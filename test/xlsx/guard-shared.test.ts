import { UserError } from '../../src/domain/errors';
import { readXlsxFast, SharedPart } from '../../src/xlsx/fastRead';
import { guardXlsxBuffer, inflatedBudget } from '../../src/xlsx/guard';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { manyPartsWorkbook, sharedPartWorkbook } from './hostile';

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('a workbook whose sheets share one worksheet part', () => {
  const hostile = sharedPartWorkbook(1000, 1024 * 1024);

  test('is small on the wire: under 100 KB for a gigabyte of reading', () => {
    expect(hostile.length).toBeLessThan(100 * 1024);
  });

  test('is refused by the guard before any worksheet is read, with one bilingual line', async () => {
    const e = await refusal(guardXlsxBuffer(hostile, { displayName: 'bomb.xlsx' }));
    expect(e.code).toBe('shared_part');
    expect(e.message_vi).toContain('bomb.xlsx');
    expect(e.message_vi).toContain('1000 sheet');
    expect(e.message_en).toMatch(/refused before reading/);
    const viaReader = await refusal(readWorkbookBuffer(hostile, { displayName: 'bomb.xlsx' }));
    expect(viaReader.code).toBe('shared_part');
  });

  test('two sheets on one part are enough; the lean reader itself also refuses to read a part twice', async () => {
    const two = sharedPartWorkbook(2, 2000);
    expect((await refusal(readWorkbookBuffer(two, { displayName: 'hai.xlsx' }))).code).toBe('shared_part');
    await expect(readXlsxFast(two)).rejects.toBeInstanceOf(SharedPart);
    // One sheet per part is an ordinary workbook.
    const ok = await readWorkbookBuffer(manyPartsWorkbook(2, 2000), { displayName: 'ok.xlsx' });
    expect(ok.sheets.map((s) => s.name)).toEqual(['S1', 'S2']);
  });

  test("the guard's budget counts a part once per sheet that references it", () => {
    const entries = [
      { name: 'xl/workbook.xml', compressedSize: 10, uncompressedSize: 100 },
      { name: 'xl/worksheets/sheet1.xml', compressedSize: 10, uncompressedSize: 1000 },
    ];
    const refs = Array.from({ length: 3 }, (_, i) => ({ name: `S${i}`, state: null, part: 'xl/worksheets/sheet1.xml' }));
    expect(inflatedBudget(entries, refs)).toBe(100 + 3 * 1000);
    expect(inflatedBudget(entries, [])).toBe(1100);
  });

  test('a budget past the limit is refused as a zip bomb', async () => {
    // 20 parts of 100 KB: 2 MB to inflate, over a 1 MB budget.
    const e = await refusal(guardXlsxBuffer(manyPartsWorkbook(20, 100 * 1024), { displayName: 'x.xlsx', maxUncompressedBytes: 1024 * 1024 }));
    expect(e.code).toBe('zip_bomb');
  });
});
