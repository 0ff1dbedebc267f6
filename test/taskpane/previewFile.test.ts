/** The preview's stand-in for getFileAsync writes a real .xlsx: read back with the inbox's own
 *  reader, it holds the same register and gives the same findings. */
import '../../src/profiles/officialAll';
import { checkWorkbook } from '../../src/domain/check';
import { readMeta } from '../../src/domain/parse';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { previewSample } from './helpers';

it('the preview workbook as .xlsx reads back to the same findings', async () => {
  const shell = previewSample(25, true);
  const today = new Date(Date.UTC(2020, 10, 2));
  const before = checkWorkbook(await shell.readWorkbook(), { today }).findings;
  const progress: number[] = [];
  const bytes = await shell.getCompressedFile((p) => progress.push(p.loaded));
  expect(bytes.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  expect(progress).toEqual([bytes.length]);
  const model = await readWorkbookBuffer(Buffer.from(bytes));
  expect(readMeta(model).meta).toMatchObject({ unit_code: 'BN-TS', year: 2020, quarter: 3 });
  const after = checkWorkbook(model, { today }).findings;
  const key = (f: { rule: string; cell: string | null; sheet: string | null }) => `${f.rule} ${f.sheet} ${f.cell}`;
  expect(after.map(key).sort()).toEqual(before.map(key).sort());
});
