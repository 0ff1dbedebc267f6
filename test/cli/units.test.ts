import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { ensureBuilt, tempDir, vr } from './helpers';
import { OFFICIAL_LIST } from '../../src/profiles/officialList';

interface UnitJson {
  unit_code: string;
  unit_name: string;
  province_code: string;
  province_name: string;
}

beforeAll(() => ensureBuilt(), 180_000);

describe('vr units', () => {
  test('lists one province of the official list as JSON', () => {
    const run = vr(['units', '--profile', 'vn-2025', '--province', '24', '--json']);
    expect(run.code).toBe(0);
    const units = JSON.parse(run.stdout) as UnitJson[];
    expect(units).toHaveLength(99);
    expect(units).toContainEqual({ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24', province_name: 'Bắc Ninh' });
    expect(units.every((u) => u.province_code === '24' && /^\d{5}$/.test(u.unit_code))).toBe(true);
  });

  test('lists the whole country (every unit of the index) and a province by name', () => {
    const all = JSON.parse(vr(['units', '--profile', 'vn-2025', '--json']).stdout) as UnitJson[];
    expect(all).toHaveLength(OFFICIAL_LIST.unit_count);
    expect(new Set(all.map((u) => u.province_code)).size).toBe(OFFICIAL_LIST.provinces.length);
    const text = vr(['units', '--profile', 'vn-2025', '--province', 'Hồ Chí Minh']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^25920\tPhường Tân Hiệp\t79\tHồ Chí Minh$/m);
    expect(text.stdout).toMatch(/168 đơn vị/);
  });

  test('lists the sample units of an older profile, marked as a sample', () => {
    const run = vr(['units', '--profile', 'bac-ninh-2017', '--json']);
    expect((JSON.parse(run.stdout) as UnitJson[]).map((u) => u.unit_code)).toEqual(['BN-TS', 'BN-TP', 'BN-TD', 'BN-YP']);
    expect(vr(['units', '--profile', 'bac-ninh-2017']).stdout).toMatch(/danh sách mẫu \/ sample list/);
  });

  test('an unknown province is one bilingual line, exit 2', () => {
    const run = vr(['units', '--profile', 'vn-2025', '--province', '99']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Không có tỉnh "99".*\| .*No province "99"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('vn-2025 units in vr new / validate', () => {
  const dir = tempDir('vr-units-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('any unit of the country by official code; the workbook names its province', async () => {
    const file = path.join(dir, 'tan-hiep.xlsx');
    const run = vr(['new', '--profile', 'vn-2025', '--unit', '25920', '--year', '2026', '--quarter', '3', '-o', file]);
    expect(run.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const meta = new Map<string, unknown>();
    wb.getWorksheet('_meta')!.eachRow((row) => meta.set(String(row.getCell(1).value), row.getCell(2).value));
    expect([meta.get('unit_code'), meta.get('unit_name'), meta.get('province_code')]).toEqual(['25920', 'Phường Tân Hiệp', '79']);
    const check = vr(['validate', file, '--json']);
    expect(check.code).toBe(0);
  }, 60_000);

  test('BN-P-TS stays an alias of Phường Từ Sơn (09367)', () => {
    const file = path.join(dir, 'tu-son.xlsx');
    const run = vr(['new', '--profile', 'vn-2025', '--unit', 'BN-P-TS', '--year', '2025', '--quarter', '3', '-o', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Phường Từ Sơn.*09367/);
  }, 60_000);

  test('an unknown code names close matches by code and by name, Vietnamese then English', () => {
    const byCode = vr(['new', '--profile', 'vn-2025', '--unit', '09368', '--year', '2025', '--quarter', '3', '-o', path.join(dir, 'x.xlsx')]);
    expect(byCode.code).toBe(2);
    expect(byCode.stderr).toMatch(/^Không có đơn vị cấp xã mã "09368".*gần giống:.*09367 Phường Từ Sơn \(Bắc Ninh\).* \| No commune-level unit "09368".*close matches:/);
    const byName = vr(['new', '--profile', 'vn-2025', '--unit', 'tu son', '--year', '2025', '--quarter', '3', '-o', path.join(dir, 'x.xlsx')]);
    expect(byName.stderr).toMatch(/gần giống: 09367 Phường Từ Sơn \(Bắc Ninh\)/);
    const province = vr(['new', '--profile', 'vn-2025', '--unit', '79', '--year', '2025', '--quarter', '3', '-o', path.join(dir, 'x.xlsx')]);
    expect(province.stderr).toMatch(/"79" là Thành phố Hồ Chí Minh.*--province 79/);
    for (const r of [byCode, byName, province]) expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  }, 60_000);
});
