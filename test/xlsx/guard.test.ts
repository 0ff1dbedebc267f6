import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../src/domain/errors';
import { templateToBuffer } from '../../src/xlsx/write';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/xlsx/read';
import { sniffKind } from '../../src/xlsx/guard';
import { sample, tempDir } from '../cli/helpers';
import { makeZip, readZip } from './zip';

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

describe('guards refuse what is not a usable .xlsx, with one bilingual line', () => {
  const dir = tempDir();

  test('a missing file and a folder', async () => {
    const missing = await refusal(readWorkbookFile(path.join(dir, 'nope.xlsx')));
    expect(missing.code).toBe('file_missing');
    expect(missing.toLine()).toContain('nope.xlsx');
    expect((await refusal(readWorkbookFile(dir))).code).toBe('not_a_file');
  });

  test('an old .xls and a password-protected workbook (both OLE2) are told apart', async () => {
    const xls = Buffer.concat([OLE2, Buffer.alloc(2048)]);
    const e1 = await refusal(readWorkbookBuffer(xls, { displayName: 'so.xls' }));
    expect(e1.code).toBe('xls_format');
    expect(e1.message_vi).toContain('.xlsx');
    const encrypted = Buffer.concat([OLE2, Buffer.alloc(512), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(512)]);
    const e2 = await refusal(readWorkbookBuffer(encrypted, { displayName: 'so.xlsx' }));
    expect(e2.code).toBe('encrypted');
    expect(e2.message_en).toMatch(/password/);
  });

  test('a CSV export and random bytes', async () => {
    const csv = Buffer.from('Mã hồ sơ,Họ và tên\nBN-TS-2020-0001,Nguyễn Thị Lan\n', 'utf8');
    expect((await refusal(readWorkbookBuffer(csv, { displayName: 'so.csv' }))).code).toBe('csv_format');
    expect(sniffKind(Buffer.from([0, 1, 2, 3, 0, 9]))).toBe('unknown');
    expect((await refusal(readWorkbookBuffer(Buffer.from([0, 1, 2, 3, 0, 9]), { displayName: 'x.bin' }))).code).toBe('not_xlsx');
  });

  test('a truncated (corrupt) workbook', async () => {
    const buf = await templateToBuffer(sample(5, 1).spec);
    const cut = buf.subarray(0, Math.floor(buf.length / 2));
    expect((await refusal(readWorkbookBuffer(cut, { displayName: 'cut.xlsx' }))).code).toBe('corrupt');
  });

  test('a zip that is not a workbook', async () => {
    const zip = makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    expect((await refusal(readWorkbookBuffer(zip, { displayName: 'a.zip' }))).code).toBe('not_xlsx');
  });

  test('a zip bomb is refused from its central directory, before inflating', async () => {
    const bomb = makeZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const e = await refusal(readWorkbookBuffer(bomb, { displayName: 'bomb.xlsx' }));
    expect(e.code).toBe('zip_bomb');
    const total = await refusal(readWorkbookBuffer(bomb, { displayName: 'bomb.xlsx', maxRatio: 1e9, maxUncompressedBytes: 10 * 1024 * 1024 }));
    expect(total.code).toBe('zip_bomb');
  });

  test('a file over the size limit (configurable)', async () => {
    const file = path.join(dir, 'big.xlsx');
    fs.writeFileSync(file, await templateToBuffer(sample(50, 2).spec));
    expect((await refusal(readWorkbookFile(file, { maxBytes: 10_000 }))).code).toBe('too_large');
    await expect(readWorkbookFile(file)).resolves.toBeDefined();
  });

  test('a sheet with more rows than Excel allows', async () => {
    const entries = await readZip(await templateToBuffer(sample(1, 3).spec));
    const metaSheet = entries.find((e) => e.name === 'xl/worksheets/sheet6.xml')!;
    metaSheet.data = Buffer.from(
      metaSheet.data.toString('utf8').replace('</sheetData>', '<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'),
    );
    const e = await refusal(readWorkbookBuffer(makeZip(entries), { displayName: 'tall.xlsx' }));
    expect(e.code).toBe('too_many_rows');
  });
});
