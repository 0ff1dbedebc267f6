/**
 * What a unit types into its report's free text cannot break or leak through the consolidated
 * workbook: each attack is planted in a real unit workbook first (a name, a 12-digit citizen ID
 * and a date of birth in 7.1; U+FFFE in 7.2; a 40,000-character 7.3), then the consolidated file
 * is read back with strict XML parsing (saxes, the parser exceljs uses), exceljs and LibreOffice.
 */
import '../../src/profiles/officialAll';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { generateSample } from '../../src/domain/sample';
import type { TemplateSpec } from '../../src/domain/template';
import { consolidateToBuffer, safeCell } from '../../src/inbox/consolidate';
import { findUnit, getProfile } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';
import { tempDir } from '../cli/helpers';
import { setRegistryCell } from './helpers';
import { convert } from '../libreoffice/soffice';

const profile = getProfile('bac-ninh-2017')!;
const ID = '001234567890';
const PERSONAL = `Chị Nguyễn Thị Hoa, CCCD ${ID}, sinh ngày 12/03/2005, đã được hỗ trợ.`;
/** Issue 20, red team 3: what the masking of 9/12-digit IDs and birth dates let through. */
const MORE = 'Anh Trần Văn Bình (0987 654 321, +84 912 345 678, ĐT ０９１２３４５６７８), hộ chiếu C1234567, mã 1234567890123; gặp nguyen hoa.';
const LONG = 'Khó khăn '.repeat(4_445);

function plant(spec: TemplateSpec): void {
  const report = spec.sheets.find((s) => s.name === 'Báo cáo quý')!;
  const header = report.rows.findIndex((r) => r[0] === 'Mã');
  const notes = report.rows[header].indexOf('Ghi chú');
  // The two people are in the unit's own registry: their names are what must not leave it.
  setRegistryCell(spec, 0, 'full_name', 'Nguyễn Thị Hoa');
  setRegistryCell(spec, 1, 'full_name', 'Trần Văn Bình');
  const text: Record<string, string> = { '7.1': PERSONAL, '7.2': `Vướng mắc\uFFFE về kinh phí\u0001`, '7.3': LONG, '6.4': MORE };
  for (const row of report.rows) {
    const code = String(row[0]);
    if (text[code]) row[notes] = text[code];
  }
}

/** Every XML part of an .xlsx, as text. */
async function xmlParts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))),
  );
  const parts = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (/\.(xml|rels)$/.test(entry.fileName)) parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return parts;
}

function wellFormed(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: false });
  let error: string | null = null;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}

describe('consolidated workbook safety', () => {
  let unitBytes: Buffer;
  let consolidated: Buffer;

  beforeAll(async () => {
    const { spec } = generateSample({ rows: 40, seed: 3, profile, unit: findUnit(profile, 'BN-TS')!, year: 2020, quarter: 3 });
    plant(spec);
    unitBytes = await templateToBuffer(spec);
    ({ buffer: consolidated } = await consolidateToBuffer(profile, 2020, 3, [{ label: 'BN-TS.xlsx', load: () => readWorkbookBuffer(unitBytes) }], { now: new Date(Date.UTC(2020, 9, 5)) }));
  }, 120_000);

  it('the attack is real: the unit workbook carries the ID, U+FFFE and the long text into the reader', async () => {
    const model = await readWorkbookBuffer(unitBytes);
    const report = model.sheets.find((s) => s.name === 'Báo cáo quý')!;
    const texts = report.rows.flat().filter((v): v is string => typeof v === 'string');
    expect(texts.some((t) => t.includes(ID))).toBe(true);
    expect(texts.some((t) => t.includes('\uFFFE'))).toBe(true);
    expect(texts.some((t) => t.length > 32_767)).toBe(true);
  });

  it('every part of the consolidated workbook is well-formed XML with no ID number in it', async () => {
    const parts = await xmlParts(consolidated);
    expect(parts.size).toBeGreaterThan(5);
    for (const [name, xml] of parts) {
      expect([name, wellFormed(xml)]).toEqual([name, null]);
      expect(xml).not.toContain(ID);
      expect(xml).not.toContain('12/03/2005');
      for (const leak of ['Nguyễn Thị Hoa', 'Trần Văn Bình', '654 321', 'C1234567', '1234567890123', '０９１２']) expect(xml).not.toContain(leak);
    }
  });

  it('exceljs reads it back: 7.1 masked, 7.2 without the forbidden characters, 7.3 clipped to 32,767', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(consolidated as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('BN-TS')!;
    const byCode = new Map<string, string>();
    ws.eachRow((row) => {
      const notes = row.getCell(11).value;
      if (typeof notes === 'string') byCode.set(String(row.getCell(1).value), notes);
    });
    expect(byCode.get('7.1')).toBe('Chị ***, CCCD xxxxxxxxxxxx, sinh ngày xx/xx/xxxx, đã được hỗ trợ.');
    expect(byCode.get('6.4')).toBe('Anh *** (xxxx xxx xxx, +xx xxx xxx xxx, ĐT xxxxxxxxxx), hộ chiếu xxxxxxxx, mã xxxxxxxxxxxxx; gặp ***.');
    expect(byCode.get('7.2')).toBe('Vướng mắc về kinh phí');
    expect(byCode.get('7.3')!.length).toBe(32_767);
    expect(byCode.get('7.3')!.endsWith('…')).toBe(true);
  });

  // LibreOffice runs out of process (like test/libreoffice/, which mutation runs leave out): under
  // StrykerJS it would start once per mutant for the masking the exceljs read-back above already
  // pins in process. It runs in every normal test run.
  (process.env.VR_MUTATE ? it.skip : it)('LibreOffice opens it and shows the masked text', () => {
    const dir = tempDir('vr-safe-');
    const file = path.join(dir, 'tong-hop.xlsx');
    fs.writeFileSync(file, consolidated);
    const html = fs.readFileSync(convert(file, 'html', path.join(dir, 'out')), 'utf8');
    expect(html).toContain('CCCD xxxxxxxxxxxx');
    expect(html).not.toContain('Nguyễn Thị Hoa');
    expect(html).toContain('Vướng mắc về kinh phí');
    expect(html).not.toContain(ID);
  }, 300_000);

  it('keeps a formula-like text inert after clipping, within the limit', () => {
    const text = safeCell(`=${'a'.repeat(40_000)}`) as string;
    expect(text.startsWith("'=")).toBe(true);
    expect(text.length).toBeLessThanOrEqual(32_767);
  });
});
