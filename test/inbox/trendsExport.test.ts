import ExcelJS from 'exceljs';
import '../../src/profiles/officialAll';
import { departmentLetterhead } from '../../src/domain/templatePrint';
import { buildTrends } from '../../src/domain/trends';
import { trendsWorkbook, unitLines } from '../../src/inbox/trendsExport';
import { getProfile, listUnits } from '../../src/profiles';

/**
 * The trends download names each unit whole: LibreOffice and a PDF export do not re-measure a
 * wrapped row, so a `code name` wider than the unit column would print clipped (`22333 Phường Bắc
 * Nha Tra…`). A long one goes on its block's next rows, each line within the column.
 */
describe('the trends download: unit names never wider than their column', () => {
  const vn = getProfile('vn-2025')!;
  const all = listUnits(vn);
  const longest = [...all].sort((a, b) => b.unit_name.length - a.unit_name.length)[0];

  test('a short name stays on one line; a long one is the code, then the name cut at word boundaries', () => {
    expect(unitLines('BN-TS', 'Thị xã Từ Sơn')).toEqual(['BN-TS Thị xã Từ Sơn']);
    expect(unitLines('22333', 'Phường Bắc Nha Trang')).toEqual(['22333', 'Phường Bắc Nha Trang']);
    expect(longest.unit_name).toBe('Phường Văn Miếu - Quốc Tử Giám');
    expect(unitLines(longest.unit_code, longest.unit_name)).toEqual([longest.unit_code, 'Phường Văn Miếu -', 'Quốc Tử Giám']);
    // Every commune of the country fits in the rows of its block, whole.
    for (const u of all) {
      const lines = unitLines(u.unit_code, u.unit_name);
      expect(lines.length).toBeLessThanOrEqual(3);
      expect(lines.join(' ')).toBe(`${u.unit_code} ${u.unit_name}`);
    }
  });

  test('in the workbook, every text of the unit column fits its width, and each unit reads whole down its block', async () => {
    const units = [longest, ...listUnits(vn, '56').slice(0, 3)];
    const quarters = [2025, 2026].flatMap((year) => [1, 2, 3, 4].map((quarter) => ({ year, quarter, figures: [] })));
    const buffer = await trendsWorkbook(buildTrends(vn, quarters, units.map((u) => u.unit_code)), {
      mask: true,
      locale: 'vi',
      department: vn.department,
      letterhead: { ...departmentLetterhead(vn.department, 'Tỉnh Khánh Hoà'), place: 'Khánh Hoà' },
      names: new Map(units.map((u) => [u.unit_code, u.unit_name])),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    let head = 0;
    ws.eachRow((row, r) => {
      if (!head && row.getCell(1).value === 'Đơn vị') head = r;
    });
    const width = ws.getColumn(1).width!;
    const column: string[] = [];
    for (let r = head + 1; r <= ws.rowCount; r++) column.push(String(ws.getCell(r, 1).value ?? ''));
    // About 1.2 column units a bold character in the wider fallback font.
    for (const text of column) expect({ text, fits: text.length * 1.2 <= width }).toEqual({ text, fits: true });
    const blocks = column.join('\n').split(/\n{2,}/).map((b) => b.split('\n').filter(Boolean).join(' '));
    for (const u of units) expect(blocks).toContain(`${u.unit_code} ${u.unit_name}`);
  });
});
