/**
 * `vr sample` on today's plan: a commune of Khánh Hoà (Phường Nha Trang, 22366) under `vn-2025`,
 * Q3 2026, as the built `vr` runs it. The planted errors are exactly what `vr validate` finds;
 * a clean sample validates without error; its report reads as a commune's (6.4 counts villages
 * and residential groups, not "65/65" communes) under the Decree 30 letterhead.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { todayUtcDay } from '../../src/cli/args';
import { defaultSamplePeriod } from '../../src/cli/commands/sample';
import { periodDue } from '../../src/domain/period';
import { getProfile } from '../../src/profiles';
import { ensureBuilt, findingKey, tempDir, vr } from './helpers';

const ARGS = ['--profile', 'vn-2025', '--unit', '22366', '--year', '2026', '--quarter', '3'];
const TODAY = ['--today', '2026-10-15'];

interface Json {
  unit_code: string;
  year: number;
  quarter: number;
  findings: { rule: string; severity: string; sheet: string | null; cell: string | null; row: number | null }[];
  summary: Record<string, number>;
}

describe('vr sample --profile vn-2025 (Phường Nha Trang, Khánh Hoà)', () => {
  const dir = tempDir('vr-sample25-');
  beforeAll(() => ensureBuilt(), 300_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('with --errors, validate finds exactly the planted findings', () => {
    const file = path.join(dir, 'loi.xlsx');
    const made = vr(['sample', ...ARGS, '--rows', '300', '--seed', '7', '--errors', '-o', file]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/300 người, 22366, quý 3\/2026/);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'loi.expected.json'), 'utf8')) as Json;
    const run = vr(['validate', file, '--json', ...TODAY]);
    expect(run.code).toBe(1);
    const actual = JSON.parse(run.stdout) as Json;
    expect(actual).toMatchObject({ unit_code: '22366', year: 2026, quarter: 3 });
    expect(actual.findings.map(findingKey).sort()).toEqual(expected.findings.map(findingKey).sort());
    expect(actual.summary).toEqual(expected.summary);
    expect(actual.summary.error).toBeGreaterThan(10);
  }, 120_000);

  test("a clean sample has no error, and its report is a commune's under the province's letterhead", async () => {
    const file = path.join(dir, 'sach.xlsx');
    expect(vr(['sample', ...ARGS, '--rows', '120', '--seed', '3', '-o', file]).code).toBe(0);
    const run = vr(['validate', file, '--json', ...TODAY]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Json).summary.error).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const report = wb.getWorksheet('Báo cáo quý')!;
    expect([report.getCell('A1').value, report.getCell('A2').value]).toEqual(['UBND TỈNH KHÁNH HOÀ', 'UBND PHƯỜNG NHA TRANG']);
    expect(report.getCell('A2').font).toMatchObject({ bold: true, underline: true });
    let row64: ExcelJS.Row | undefined;
    report.eachRow((r) => {
      if (r.getCell(1).value === '6.4') row64 = r;
    });
    expect(row64!.getCell(2).value).toBe('Số thôn, tổ dân phố triển khai kế hoạch / tổng số');
    const [done, total] = String(row64!.getCell(3).value).split('/').map(Number);
    // A commune has tens of villages and groups at most, never its province's 65 communes.
    expect(total).toBeGreaterThanOrEqual(8);
    expect(total).toBeLessThanOrEqual(21);
    expect(done).toBeLessThanOrEqual(total);
    expect(report.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
  }, 120_000);

  /** Without --year/--quarter a sample lies inside its plan (FMT-07 otherwise): Q3 2020 under the
   *  default plan, the quarter due today under vn-2025. */
  test('without --year, a vn-2025 sample is of the quarter due today, inside the plan', () => {
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const vn = getProfile('vn-2025')!;
    expect(defaultSamplePeriod(getProfile('bac-ninh-2017')!, day('2026-12-05'))).toEqual({ year: 2020, quarter: 3 });
    expect(defaultSamplePeriod(vn, day('2026-12-05'))).toEqual({ year: 2026, quarter: 3 });
    // vn-2025's quarter runs to the 14th of its last month (Decree 09/2019 cut-off).
    expect(defaultSamplePeriod(vn, day('2026-12-20'))).toEqual({ year: 2026, quarter: 4 });
    expect(defaultSamplePeriod(getProfile('dong-thap-2021')!, day('2026-12-05'))).toEqual({ year: 2025, quarter: 4 });

    const file = path.join(dir, 'mac-dinh.xlsx');
    const made = vr(['sample', '--profile', 'vn-2025', '--unit', '22366', '-o', file]);
    expect(made.code).toBe(0);
    const due = periodDue(vn, todayUtcDay());
    expect(made.stdout).toContain(`22366, quý ${due.quarter}/${due.year}`);
    const run = vr(['validate', file, '--json']);
    expect((JSON.parse(run.stdout) as Json & { findings: { rule: string }[] }).findings.map((f) => f.rule)).not.toContain('FMT-07');
  }, 120_000);
});
