import * as path from 'path';
import ExcelJS from 'exceljs';
import { runNew } from '../../src/cli/commands/new';
import { BIRTH_FORMAT } from '../../src/domain/dates';
import { REPORT_LAYOUT } from '../../src/domain/reportSheet';
import { newCaseId } from '../../src/domain/template';
import { META_KEYS } from '../../src/domain/schema/meta';
import { REGISTRY_COLUMNS, SUPPORT_COLUMNS } from '../../src/domain/schema/registry';
import { SHEET_ORDER } from '../../src/domain/sheet';
import { readWorkbookFile } from '../../src/xlsx/read';
import { tempDir } from '../cli/helpers';

describe('vr new writes the template of docs/workbook.md, read back by exceljs', () => {
  let file: string;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    file = path.join(tempDir(), 'blank.xlsx');
    await runNew({ profile: 'bac-ninh-2017', unit: 'BN-TS', year: 2020, quarter: 3, output: file }, () => undefined);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  });

  test('sheets are in the contract order and only _meta is very hidden', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEET_ORDER]);
    expect(wb.worksheets.map((w) => w.state)).toEqual(['visible', 'visible', 'visible', 'visible', 'visible', 'veryHidden']);
  });

  test('registry headers, an Excel table and a frozen header row', () => {
    const ws = wb.getWorksheet('Sổ theo dõi')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(REGISTRY_COLUMNS.map((c) => c.header_vi));
    const tables = (ws as unknown as { tables: Record<string, unknown> }).tables;
    expect(Object.keys(tables)).toEqual(['SoTheoDoi']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const support = wb.getWorksheet('Hỗ trợ')!;
    expect((support.getRow(1).values as unknown[]).slice(1)).toEqual(SUPPORT_COLUMNS.map((c) => c.header_vi));
  });

  test('every coded column has a dropdown fed from Danh mục, communes from the unit', () => {
    const ws = wb.getWorksheet('Sổ theo dõi')!;
    const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const letterOf = (key: string) => String.fromCharCode(65 + REGISTRY_COLUMNS.findIndex((c) => c.key === key));
    const coded = ['sex', 'nationality', 'ethnicity', 'commune', 'receipt_channel', 'destination', 'purpose', 'verification_status', 'verifying_agency', 'protection', 'child_referral', 'consent_share'];
    const codes = wb.getWorksheet('Danh mục')!;
    for (const key of coded) {
      const v = model[`${letterOf(key)}2`];
      expect(v).toBeDefined();
      expect(v.type).toBe('list');
      expect(v.formulae[0]).toMatch(/^'Danh mục'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/);
    }
    const communeRange = model[`${letterOf('commune')}2`].formulae[0];
    const col = /\$([A-Z]+)\$2/.exec(communeRange)![1];
    const communes = [];
    for (let r = 2; codes.getCell(`${col}${r}`).value; r++) communes.push(codes.getCell(`${col}${r}`).value);
    expect(communes).toContain('Phường Đông Ngàn');
    expect(communes).toHaveLength(12);
    const nationalityRange = model[`${letterOf('nationality')}2`].formulae[0];
    const [, natCol, natLast] = /\$([A-Z]+)\$\d+:\$[A-Z]+\$(\d+)/.exec(nationalityRange)!;
    const countries = [];
    for (let r = 2; r <= Number(natLast); r++) countries.push(codes.getCell(`${natCol}${r}`).value);
    expect(countries[0]).toBe('Việt Nam');
    expect(countries.length).toBeGreaterThan(249);
    expect(countries).toEqual(expect.arrayContaining(['Hy Lạp', 'Mông Cổ', 'Triều Tiên', 'New Zealand', 'Khác']));
    const support = wb.getWorksheet('Hỗ trợ')!;
    const supportModel = (support as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(supportModel.B2.formulae[0]).toMatch(/^'Danh mục'!/);
  });

  test('date columns are formatted dd/mm/yyyy; the birth column also shows a year alone as the year', () => {
    const ws = wb.getWorksheet('Sổ theo dõi')!;
    expect(ws.getColumn(REGISTRY_COLUMNS.findIndex((c) => c.key === 'birth_date') + 1).numFmt).toBe(BIRTH_FORMAT);
    for (const key of ['received_date', 'verification_date', 'child_referral_date']) {
      const col0 = REGISTRY_COLUMNS.findIndex((c) => c.key === key);
      expect(ws.getColumn(col0 + 1).numFmt).toBe('dd/mm/yyyy');
    }
  });

  test('_meta holds every key of docs/workbook.md with the unit, year and quarter', () => {
    const meta = wb.getWorksheet('_meta')!;
    const pairs: Record<string, unknown> = {};
    meta.eachRow((row) => {
      pairs[String(row.getCell(1).value)] = row.getCell(2).value;
    });
    expect(Object.keys(pairs)).toEqual([...META_KEYS]);
    expect(pairs).toMatchObject({ template: 'vn-ctt-registry', template_version: 1, profile: 'bac-ninh-2017', unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', province_code: 'BN', year: 2020, quarter: 3 });
    expect(String(pairs.created_at)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  test('the streaming reader keeps names, order and visibility', async () => {
    const model = await readWorkbookFile(file);
    expect(model.sheets.map((s) => [s.name, s.visibility])).toEqual(SHEET_ORDER.map((n) => [n, n === '_meta' ? 'veryHidden' : 'visible']));
    expect(model.sheets[3].rows[REPORT_LAYOUT.tableHeaderRow0][0]).toBe('Mã');
  });
});

describe('newCaseId', () => {
  test('continues after the highest number of the unit and year, ignoring others', () => {
    expect(newCaseId('BN-TS', 2020, [])).toBe('BN-TS-2020-0001');
    expect(newCaseId('BN-TS', 2020, ['BN-TS-2020-0007', 'bn-ts-2020-0012', 'BN-TS-2019-0099', null, 'x'])).toBe('BN-TS-2020-0013');
  });
});

describe('the streaming writer (large registers) keeps what the checker needs', () => {
  test('dates, dropdowns, very hidden _meta; a clean sample stays clean', async () => {
    const { writeTemplateStreaming } = await import('../../src/xlsx/write');
    const { checkWorkbook } = await import('../../src/domain/check');
    const { sample } = await import('../cli/helpers');
    const file = path.join(tempDir(), 'stream.xlsx');
    const s = sample(200, 4);
    await writeTemplateStreaming(s.spec, file);
    const model = await readWorkbookFile(file);
    expect(model.sheets.map((x) => x.visibility)).toEqual(['visible', 'visible', 'visible', 'visible', 'visible', 'veryHidden']);
    const received = model.sheets[1].rows[0].indexOf('Ngày tiếp nhận');
    expect(model.sheets[1].rows.slice(1).every((row) => row[received] instanceof Date)).toBe(true);
    expect(checkWorkbook(model, { today: s.validToday.from }).findings).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const dv = (wb.getWorksheet('Sổ theo dõi') as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model;
    expect(dv.C2?.type).toBe('list');
  });
});
