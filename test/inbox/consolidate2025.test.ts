/**
 * The consolidated workbook of a province of today's two-level government (`vn-2025`): Khánh Hoà
 * (56) with Phường Nha Trang (22366) and two more of its communes, Q3 2026. The rule it guards
 * (docs/inbox.md, "One inbox, one province"): the summary lists every unit of the province's
 * official list, submitted or `Chưa nộp`, and no unit from elsewhere (the Bắc Ninh alias
 * `BN-P-TS` used to be the only row); its totals are the sums of the units' own reports as
 * `buildReport` computes them; a file of another province is refused, naming it.
 */
import '../../src/profiles/officialAll';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { UserError } from '../../src/domain/errors';
import { parseWorkbook } from '../../src/domain/parse';
import { buildReport, reportRowDefs } from '../../src/domain/report';
import { generateSample } from '../../src/domain/sample';
import { MOTTO, MOTTO_2 } from '../../src/domain/templatePrint';
import { SUMMARY_FIRST_ROW, SUMMARY_SHEET, consolidateToBuffer, type UnitInput } from '../../src/inbox/consolidate';
import { SUMMARY_SCALE } from '../../src/inbox/summaryLayout';
import { findUnit, getProfile, listUnits } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';

const vn = getProfile('vn-2025')!;
const YEAR = 2026;
const QUARTER = 3;
const COMMUNES = ['22366', '22333', '22420']; // Phường Nha Trang, Bắc Nha Trang, Cam Ranh

async function unitFile(code: string, seed: number, rows = 40): Promise<{ input: UnitInput; bytes: Buffer }> {
  const unit = findUnit(vn, code)!;
  const bytes = await templateToBuffer(generateSample({ rows, seed, profile: vn, unit, year: YEAR, quarter: QUARTER }).spec);
  return { bytes, input: { label: `${code}.xlsx`, load: () => readWorkbookBuffer(bytes) } };
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describe('a Khánh Hoà consolidation (vn-2025, Q3 2026)', () => {
  const province = listUnits(vn, '56');
  let wb: ExcelJS.Workbook;
  let files: Buffer[];
  let missing: string[];
  let buffer: Buffer;

  beforeAll(async () => {
    const built = await Promise.all(COMMUNES.map((code, i) => unitFile(code, 31 + i)));
    files = built.map((b) => b.bytes);
    // No --province: the three files name one province, which is taken.
    const result = await consolidateToBuffer(vn, YEAR, QUARTER, built.map((b) => b.input));
    expect(result).toMatchObject({ units: 3, province: '56' });
    missing = result.missing;
    buffer = result.buffer;
    wb = await load(result.buffer);
  });

  test('the summary lists every unit of the official list of 56, in code order, and nothing else', () => {
    expect(province.length).toBeGreaterThan(60);
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    const rows = province.map((_, i) => summary.getRow(SUMMARY_FIRST_ROW + i));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(province.map((u) => u.unit_code));
    expect(rows.map((r) => r.getCell(2).value)).toEqual(province.map((u) => u.unit_name));
    const states = new Map(rows.map((r) => [String(r.getCell(1).value), r.getCell(3).value]));
    for (const code of COMMUNES) expect(states.get(code)).toBe('Đã nộp');
    expect([...states.values()].filter((s) => s === 'Chưa nộp')).toHaveLength(province.length - 3);
    expect(missing).toHaveLength(province.length - 3);
    const total = summary.getRow(SUMMARY_FIRST_ROW + province.length);
    expect([total.getCell(1).value, total.getCell(2).value, total.getCell(3).value]).toEqual(['TỔNG', 'Toàn tỉnh', `3/${province.length} đơn vị`]);
    const everything: string[] = [];
    summary.eachRow((r) => r.eachCell((c) => everything.push(String(c.value))));
    expect(everything.join(' ')).not.toMatch(/BN-P-TS|Từ Sơn/);
    expect(wb.worksheets.map((w) => w.name).slice(2)).toEqual([...COMMUNES].sort());
  });

  test("each total is the sum of the units' own reports (buildReport), as a SUM over every unit row", () => {
    const reports = files.map((bytes) => bytes);
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    const codes = (summary.getRow(SUMMARY_FIRST_ROW - 2).values as unknown[]).map((v) => (v === undefined ? null : String(v)));
    const total = summary.getRow(SUMMARY_FIRST_ROW + province.length);
    return Promise.all(reports.map((b) => readWorkbookBuffer(b))).then((models) => {
      const built = models.map((m) => {
        const parsed = parseWorkbook(m, vn);
        return buildReport(parsed.registry.records, parsed.support.records, vn, YEAR, QUARTER);
      });
      let checked = 0;
      for (const def of reportRowDefs(vn)) {
        if (def.kind !== 'count') continue;
        for (const [code, pick] of [
          [def.code, (r: (typeof built)[number]) => r.counts[def.code]?.total ?? 0],
          [`${def.code} (đồng)`, (r: (typeof built)[number]) => r.counts[def.code]?.amount ?? 0],
        ] as const) {
          const col = codes.indexOf(code);
          if (col < 0) continue;
          const cell = total.getCell(col).value as ExcelJS.CellFormulaValue;
          const letter = summary.getColumn(col).letter;
          expect(cell.formula).toBe(`SUM(${letter}${SUMMARY_FIRST_ROW}:${letter}${SUMMARY_FIRST_ROW + province.length - 1})`);
          const sum = built.reduce((n, r) => n + pick(r), 0);
          // exceljs's reader drops a cached 0 (`<v>0</v>` is in the file).
          expect({ code, total: cell.result ?? 0 }).toEqual({ code, total: sum });
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(30);
      expect((total.getCell(codes.indexOf('1')).value as ExcelJS.CellFormulaValue).result).toBeGreaterThan(20);
    });
  });

  test('6.4 reads as villages and residential groups: the units are communes', () => {
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    const codes = (summary.getRow(SUMMARY_FIRST_ROW - 2).values as unknown[]).map((v) => (v === undefined ? null : String(v)));
    expect(summary.getRow(SUMMARY_FIRST_ROW - 1).getCell(codes.indexOf('6.4')).value).toBe('Số thôn, tổ dân phố triển khai kế hoạch / tổng số');
    const sheet = wb.getWorksheet('22366')!;
    const labels: unknown[] = [];
    sheet.eachRow((r) => r.getCell(1).value === '6.4' && labels.push(r.getCell(2).value));
    expect(labels).toEqual(['Số thôn, tổ dân phố triển khai kế hoạch / tổng số']);
  });

  test('letterhead (Decree 30/2020): the province People’s Committee over the department, the motto; Khánh Hoà the place', () => {
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    // A merged block reads its text in every cell it covers: each distinct text once.
    const texts = [1, 2, 3].map((r) => [...new Set((summary.getRow(r).values as unknown[]).filter((v) => typeof v === 'string'))]);
    expect(texts[0]).toEqual(['UBND TỈNH KHÁNH HOÀ', MOTTO]);
    expect(texts[1]).toEqual(['SỞ Y TẾ', MOTTO_2]);
    expect(texts[2][1]).toMatch(/^Khánh Hoà, ngày …+ tháng …+ năm …+$/);
    expect(summary.getCell('A2').font).toMatchObject({ bold: true, underline: true });
    expect(summary.getRow(5).getCell(1).value).toBe('TỔNG HỢP BÁO CÁO QUÝ 3/2026 — TỈNH KHÁNH HOÀ');
    const unit = wb.getWorksheet('22366')!;
    expect([unit.getCell('A1').value, unit.getCell('A2').value]).toEqual(['UBND TỈNH KHÁNH HOÀ', 'UBND PHƯỜNG NHA TRANG']);
  });

  test('prints legibly: a fixed scale keeps every font at 8 pt or more, the unit columns and header rows repeat, one print range per page-wide group', async () => {
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    const setup = summary.pageSetup;
    expect(setup).toMatchObject({ paperSize: 9, orientation: 'landscape', scale: SUMMARY_SCALE, printTitlesColumn: 'A:C', printTitlesRow: `${SUMMARY_FIRST_ROW - 2}:${SUMMARY_FIRST_ROW - 1}` });
    expect(setup.fitToPage).toBeFalsy();
    let smallest = Infinity;
    summary.eachRow((r) => r.eachCell((c) => (smallest = Math.min(smallest, c.font?.size ?? 11))));
    expect((smallest * SUMMARY_SCALE) / 100).toBeGreaterThanOrEqual(8);
    const names = (await JSZip.loadAsync(buffer)).file('xl/workbook.xml')!;
    const area = /<definedName name="_xlnm.Print_Area" localSheetId="0">([^<]*)<\/definedName>/.exec(await names.async('string'));
    const ranges = (area?.[1] ?? '').split(',').map((r) => r.replace(/^.*!/, ''));
    expect(ranges.length).toBeGreaterThan(2);
    // The first range carries the letterhead (row 1), the others start at the header rows.
    expect(ranges[0]).toMatch(/^\$A\$1:/);
    for (const r of ranges.slice(1)) expect(r).toMatch(new RegExp(`^\\$[A-Z]+\\$${SUMMARY_FIRST_ROW - 2}:`));
    // The signatures are in the last range only: it alone reaches below the total row.
    const bottoms = ranges.map((r) => Number(/(\d+)$/.exec(r)![1]));
    expect(new Set(bottoms.slice(0, -1))).toEqual(new Set([SUMMARY_FIRST_ROW + province.length]));
    expect(bottoms[bottoms.length - 1]).toBeGreaterThan(SUMMARY_FIRST_ROW + province.length);
  });
});

describe('which province', () => {
  test('a file of another province is refused, naming the file and both provinces; no province for no file', async () => {
    const kh = await unitFile('22366', 1, 5);
    const bn = await unitFile('09367', 2, 5); // Phường Từ Sơn, Bắc Ninh
    const run = consolidateToBuffer(vn, YEAR, QUARTER, [kh.input, bn.input], { province: '56' });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(/09367\.xlsx: đơn vị 09367 Phường Từ Sơn thuộc Thành phố Bắc Ninh \(24\), không thuộc Tỉnh Khánh Hoà/);
    // Without --province the files must name one province.
    await expect(consolidateToBuffer(vn, YEAR, QUARTER, [kh.input, bn.input])).rejects.toThrow(/nhiều tỉnh.*--province/);
    await expect(consolidateToBuffer(vn, YEAR, QUARTER, [])).rejects.toThrow(/cần --province/);
    // --province with no file at all still lists the whole province, every unit Chưa nộp.
    const empty = await consolidateToBuffer(vn, YEAR, QUARTER, [], { province: '56' });
    expect(empty).toMatchObject({ units: 0, province: '56' });
    expect(empty.missing).toEqual(listUnits(vn, '56').map((u) => u.unit_code));
  });

  test('a district-era plan keeps its own units and refuses another province', async () => {
    const bn = getProfile('bac-ninh-2017')!;
    await expect(consolidateToBuffer(bn, 2020, 3, [], { province: '56' })).rejects.toThrow(/chỉ có đơn vị của Bắc Ninh/);
    const own = await consolidateToBuffer(bn, 2020, 3, [], { province: '24' }); // today's code of its area
    expect(own.missing).toEqual(bn.units.map((u) => u.code));
  });
});
