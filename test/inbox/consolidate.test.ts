import '../../src/profiles/officialAll';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { UserError } from '../../src/domain/errors';
import { generateSample, type RegistryRow } from '../../src/domain/sample';
import { REGISTRY_KEYS } from '../../src/domain/schema/registry';
import type { TemplateSpec } from '../../src/domain/template';
import { CASES_SHEET, SUMMARY_FIRST_ROW, SUMMARY_SHEET, consolidateToBuffer, consolidateToFile, neutralise, type UnitInput } from '../../src/inbox/consolidate';
import { findUnit, getProfile } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';

const profile = getProfile('bac-ninh-2017')!;
const YEAR = 2020;
const QUARTER = 3;
const INJECTIONS = ['=HYPERLINK("http://evil.example","bấm")', '@SUM(A1:A2)', '+1+1', '-2+3', '\t=1', '\r=1'];

interface Built {
  bytes: Buffer;
  registry: RegistryRow[];
}

/** A real unit workbook (registry, support log, filled report) written to .xlsx bytes. */
async function unitWorkbook(code: string, rows: number, seed: number, tweak?: (spec: TemplateSpec) => void): Promise<Built> {
  const unit = findUnit(profile, code)!;
  const { spec } = generateSample({ rows, seed, profile, unit, year: YEAR, quarter: QUARTER });
  tweak?.(spec);
  const rowsOf = spec.sheets.find((s) => s.name === 'Sổ theo dõi')!.rows.slice(1);
  const registry = rowsOf.map((r) => Object.fromEntries(REGISTRY_KEYS.map((k, i) => [k, r[i] ?? null])) as RegistryRow);
  return { bytes: await templateToBuffer(spec), registry };
}

/** Writes the narrative rows 7.1–7.3 and 6.4 notes with formula-like text a clerk might type. */
function plantNarrative(spec: TemplateSpec): void {
  const report = spec.sheets.find((s) => s.name === 'Báo cáo quý')!;
  const header = report.rows.findIndex((r) => r[0] === 'Mã');
  const notes = report.rows[header].indexOf('Ghi chú');
  let i = 0;
  for (const row of report.rows) {
    if (row[0] === '7.1' || row[0] === '7.2' || row[0] === '7.3' || row[0] === '6.4') {
      while (row.length <= notes) row.push(null);
      row[notes] = INJECTIONS[i++ % INJECTIONS.length];
    }
  }
}

function inputsOf(built: Record<string, Built>): UnitInput[] {
  return Object.entries(built).map(([code, b]) => ({ label: `${code}.xlsx`, load: () => readWorkbookBuffer(b.bytes) }));
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

describe('consolidated workbook', () => {
  let built: Record<string, Built>;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    built = {
      'BN-TS': await unitWorkbook('BN-TS', 40, 11, plantNarrative),
      'BN-TP': await unitWorkbook('BN-TP', 25, 12),
      'BN-YP': await unitWorkbook('BN-YP', 30, 13),
    };
    const result = await consolidateToBuffer(profile, YEAR, QUARTER, inputsOf(built));
    expect(result.units).toBe(3);
    expect(result.missing).toEqual(['BN-TD']);
    wb = await load(result.buffer);
  });

  test('has the summary, the case list and one report sheet per unit', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([SUMMARY_SHEET, CASES_SHEET, 'BN-TS', 'BN-TP', 'BN-YP']);
  });

  test('summary rows equal each unit report, and the province row is a SUM formula whose cached value adds up', () => {
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    const codes = (summary.getRow(SUMMARY_FIRST_ROW - 2).values as unknown[]).map((v) => (v === undefined ? null : v));
    const unitRows = profile.units.map((_, i) => summary.getRow(SUMMARY_FIRST_ROW + i));
    const totalRow = summary.getRow(SUMMARY_FIRST_ROW + profile.units.length);
    expect(totalRow.getCell(1).value).toBe('TỔNG');
    expect(unitRows.map((r) => r.getCell(1).value)).toEqual(profile.units.map((u) => u.code));
    const missing = unitRows.find((r) => r.getCell(1).value === 'BN-TD')!;
    expect(missing.getCell(3).value).toBe('Chưa nộp');

    let checked = 0;
    codes.forEach((code, col) => {
      if (typeof code !== 'string' || !/^\d/.test(code) || code.includes('đồng')) return;
      if (code === '6.4' || code === '6.5') return; // typed fractions: their own test below
      // Each unit's figure equals `Tổng số` of that code in the unit's own report sheet.
      let sum = 0;
      for (const row of unitRows) {
        const unitCode = String(row.getCell(1).value);
        const figure = row.getCell(col).value;
        if (unitCode === 'BN-TD') {
          expect(figure).toBeNull();
          continue;
        }
        const sheet = wb.getWorksheet(unitCode)!;
        let typed: unknown = undefined;
        sheet.eachRow((r) => {
          if (r.getCell(1).value === code) typed = r.getCell(3).value;
        });
        expect({ unitCode, code, figure }).toEqual({ unitCode, code, figure: typed });
        sum += Number(figure);
      }
      const total = totalRow.getCell(col).value as ExcelJS.CellFormulaValue;
      const letter = summary.getColumn(col).letter;
      expect(total.formula).toBe(`SUM(${letter}${SUMMARY_FIRST_ROW}:${letter}${SUMMARY_FIRST_ROW + profile.units.length - 1})`);
      // exceljs's reader drops a cached 0 (`<v>0</v>` is in the file); any other value must match.
      expect(total.result ?? 0).toBe(sum);
      checked++;
    });
    expect(checked).toBeGreaterThan(20);
    // The data is not all zeros: the sum check above means something.
    const received = codes.indexOf('1');
    expect((totalRow.getCell(received).value as ExcelJS.CellFormulaValue).result).toBeGreaterThan(10);
  });

  test('6.4 and 6.5 are each unit\'s typed fraction, and the province\'s is the sums of numerators over denominators', () => {
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    const codes = (summary.getRow(SUMMARY_FIRST_ROW - 2).values as unknown[]).map((v) => (v === undefined ? null : v));
    for (const code of ['6.4', '6.5']) {
      const col = codes.indexOf(code);
      expect(col).toBeGreaterThan(3);
      let done = 0;
      let total = 0;
      for (let i = 0; i < profile.units.length; i++) {
        const row = summary.getRow(SUMMARY_FIRST_ROW + i);
        const unitCode = String(row.getCell(1).value);
        const sheet = wb.getWorksheet(unitCode);
        if (!sheet) continue;
        let typed: unknown;
        sheet.eachRow((r) => {
          if (r.getCell(1).value === code) typed = r.getCell(3).value;
        });
        expect({ unitCode, code, value: row.getCell(col).value }).toEqual({ unitCode, code, value: typed });
        const [a, b] = String(typed).split('/').map(Number);
        done += a;
        total += b;
      }
      expect(summary.getRow(SUMMARY_FIRST_ROW + profile.units.length).getCell(col).value).toBe(`${done}/${total}`);
    }
    // A district's 6.4 counts its communes.
    expect(summary.getRow(SUMMARY_FIRST_ROW - 1).getCell(codes.indexOf('6.4')).value).toBe('Số xã/phường triển khai kế hoạch / tổng số');
  });

  test('no sheet holds a name, an ID number or an exact birth date from the inputs', () => {
    const people = Object.values(built).flatMap((b) => b.registry);
    const names = people.map((p) => String(p.full_name));
    const ids = people.map((p) => p.id_number).filter((v): v is string => typeof v === 'string' && v.length > 0);
    const births = people.map((p) => p.birth_date).filter((v): v is Date => v instanceof Date);
    expect(names.length).toBeGreaterThan(50);
    expect(ids.length).toBeGreaterThan(10);
    expect(births.length).toBeGreaterThan(10);
    const birthIso = new Set(births.map((d) => d.toISOString()));
    const birthText = new Set(births.map((d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`));
    let cells = 0;
    const leaks: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          cells++;
          const text = cellText(cell);
          const where = `${ws.name}!${cell.address}`;
          if (names.some((name) => text.includes(name))) leaks.push(`${where}: name`);
          if (ids.some((id) => text.includes(id))) leaks.push(`${where}: ID number`);
          if (cell.value instanceof Date && birthIso.has(cell.value.toISOString())) leaks.push(`${where}: birth date`);
          if (birthText.has(text)) leaks.push(`${where}: birth date as text`);
        }),
      );
    }
    expect(leaks).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
  });

  test('case list: age groups for everyone; case id and commune only where the person consented', () => {
    const ws = wb.getWorksheet(CASES_SHEET)!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = (h: string) => header.indexOf(h);
    const people = Object.values(built).flatMap((b) => b.registry);
    const byId = new Map(people.map((p) => [String(p.case_id), p]));
    let consenting = 0;
    let withheld = 0;
    for (let r = 3; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      expect(['Dưới 16', '16 - dưới 18', 'Từ 18 trở lên', 'Chưa rõ']).toContain(row.getCell(col('Nhóm tuổi khi tiếp nhận')).value);
      const consent = row.getCell(col('Đồng ý chia sẻ thông tin')).value;
      const caseId = row.getCell(col('Mã hồ sơ (nếu đồng ý)')).value;
      const commune = row.getCell(col('Xã/Phường cư trú (nếu đồng ý)')).value;
      if (consent === 'Có') {
        consenting++;
        expect(byId.get(String(caseId))?.consent_share).toBe('Có');
        expect(commune).toBe(byId.get(String(caseId))?.commune);
      } else {
        withheld++;
        expect(caseId).toBeNull();
        expect(commune).toBeNull();
        expect(row.getCell(col('Dân tộc (nếu đồng ý)')).value).toBeNull();
        expect(row.getCell(col('Ngày tiếp nhận (nếu đồng ý)')).value).toBeNull();
      }
    }
    expect(consenting).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
    expect(consenting + withheld).toBe(people.length);
  });

  test('formula-like text is written as inert text with a leading apostrophe, and no cell but the totals is a formula', () => {
    const found: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row, r) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) {
            expect(ws.name === SUMMARY_SHEET && r === SUMMARY_FIRST_ROW + profile.units.length).toBe(true);
          } else if (typeof cell.value === 'string' && INJECTIONS.some((s) => cell.value === `'${s}`)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            found.push(cell.value);
          } else if (typeof cell.value === 'string') {
            expect(/^[=+\-@\t\r]/.test(cell.value) ? `${ws.name}!${cell.address} ${cell.value}` : null).toBeNull();
          }
        }),
      );
    }
    expect(found.length).toBe(4);
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('Bình thường')).toBe('Bình thường');
    expect(neutralise(-5)).toBe(-5);
  });
});

describe('consolidation refuses inputs it cannot place', () => {
  test('a workbook of another quarter names the file and both quarters', async () => {
    const unit = findUnit(profile, 'BN-TS')!;
    const bytes = await templateToBuffer(generateSample({ rows: 5, seed: 3, profile, unit, year: YEAR, quarter: 2 }).spec);
    const run = consolidateToBuffer(profile, YEAR, QUARTER, [{ label: 'cu.xlsx', load: () => readWorkbookBuffer(bytes) }]);
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(/cu\.xlsx.*quý 2\/2020.*quý 3\/2020/);
  });

  test('two files for one unit are refused, and no output file is left behind', async () => {
    const a = await unitWorkbook('BN-TS', 5, 1);
    const b = await unitWorkbook('BN-TS', 6, 2);
    const dir = mkdtempSync(path.join(tmpdir(), 'vr-cons-'));
    try {
      const out = path.join(dir, 'out.xlsx');
      const run = consolidateToFile(profile, YEAR, QUARTER, inputsOf({ a, b }), out);
      await expect(run).rejects.toThrow(/BN-TS/);
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
