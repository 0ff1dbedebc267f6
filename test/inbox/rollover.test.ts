import '../../src/profiles/officialAll';
import { UserError } from '../../src/domain/errors';
import { parseWorkbook, readMeta } from '../../src/domain/parse';
import { generateSample, specToWorkbook } from '../../src/domain/sample';
import { REGISTRY_COLUMNS, SUPPORT_COLUMNS } from '../../src/domain/schema/registry';
import { SHEET, type CellValue, type WorkbookModel } from '../../src/domain/sheet';
import { buildTemplate, type TemplateSpec } from '../../src/domain/template';
import { rolloverWorkbook } from '../../src/inbox/rollover';
import { findUnit, getProfile } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';

const profile = getProfile('bac-ninh-2017')!;
const unit = findUnit(profile, 'BN-TS')!;
const CREATED = '2020-10-02T03:00:00.000Z';

/** A submitted workbook as the inbox holds it: written to .xlsx and read back. */
async function submitted(quarter: number, rows = 30, edit?: (spec: TemplateSpec) => void): Promise<WorkbookModel> {
  const { spec } = generateSample({ rows, seed: 7, profile, unit, year: 2020, quarter });
  edit?.(spec);
  return readWorkbookBuffer(await templateToBuffer(spec));
}

async function roundTrip(spec: TemplateSpec): Promise<WorkbookModel> {
  return readWorkbookBuffer(await templateToBuffer(spec));
}

const sheetRows = (wb: WorkbookModel | TemplateSpec, name: string): CellValue[][] => (wb.sheets.find((s) => s.name === name)?.rows ?? []) as CellValue[][];

/** Registry records without their row numbers, for comparing two workbooks' contents. */
function records(wb: WorkbookModel) {
  const parsed = parseWorkbook(wb);
  const strip = <T extends { row0: number; raw: unknown }>(r: T) => {
    const { row0: _row0, raw: _raw, ...rest } = r;
    return rest;
  };
  return { registry: parsed.registry.records.map(strip), support: parsed.support.records.map(strip) };
}

describe('rolloverWorkbook', () => {
  test('keeps every registry and support row, clears the report and advances _meta to the next quarter', async () => {
    const before = await submitted(3);
    const rolled = rolloverWorkbook(before, profile, unit, CREATED);
    expect([rolled.year, rolled.quarter]).toEqual([2020, 4]);
    const after = await roundTrip(rolled.spec);

    const { meta } = readMeta(after);
    expect(meta).toMatchObject({ unit_code: 'BN-TS', profile: 'bac-ninh-2017', year: 2020, quarter: 4, created_at: CREATED });
    expect(rolled.registryRows).toBe(30);
    expect(rolled.supportRows).toBeGreaterThan(0);
    expect(records(after)).toEqual(records(before));

    // The report is the blank template's report for the new quarter, nothing carried over.
    const blank = buildTemplate(profile, unit, 2020, 4, CREATED);
    expect(sheetRows(rolled.spec, SHEET.report)).toEqual(sheetRows(blank, SHEET.report));
    const beforeReport = sheetRows(before, SHEET.report);
    expect(beforeReport.some((r) => r[0] === '1' && typeof r[2] === 'number' && r[2] > 0)).toBe(true);
  });

  test('the fourth quarter rolls over into the first quarter of the next year', async () => {
    const rolled = rolloverWorkbook(await submitted(4, 5), profile, unit, CREATED);
    expect([rolled.year, rolled.quarter]).toEqual([2021, 1]);
    expect(readMeta(specToWorkbook(rolled.spec)).meta).toMatchObject({ year: 2021, quarter: 1 });
  });

  test('reordered columns come back in template order and an unknown column is carried, not dropped', async () => {
    const before = await submitted(3, 8, (spec) => {
      const registry = spec.sheets.find((s) => s.name === SHEET.registry)!;
      // The clerk moved `Họ và tên` to the end and added a phone column.
      registry.rows = registry.rows.map((row, r) => {
        const copy = [...row];
        const [name] = copy.splice(1, 1);
        return [...copy, name, r === 0 ? 'Số điện thoại liên hệ' : `09${String(r).padStart(8, '0')}`];
      });
    });
    const rolled = rolloverWorkbook(before, profile, unit, CREATED);
    const header = sheetRows(rolled.spec, SHEET.registry)[0];
    expect(header.slice(0, REGISTRY_COLUMNS.length)).toEqual(REGISTRY_COLUMNS.map((c) => c.header_vi));
    expect(header[REGISTRY_COLUMNS.length]).toBe('Số điện thoại liên hệ');
    const registrySheet = rolled.spec.sheets.find((s) => s.name === SHEET.registry)!;
    expect(registrySheet.table?.lastCol0).toBe(REGISTRY_COLUMNS.length);
    const after = await roundTrip(rolled.spec);
    expect(sheetRows(after, SHEET.registry)[3][REGISTRY_COLUMNS.length]).toBe('0900000003');
    expect(records(after).registry).toEqual(records(before).registry);
    expect(sheetRows(rolled.spec, SHEET.support)[0]).toEqual(SUPPORT_COLUMNS.map((c) => c.header_vi));
  });

  test('an explicit later target quarter is honoured; an earlier one or another unit is refused', async () => {
    const wb = await submitted(3, 5);
    expect(rolloverWorkbook(wb, profile, unit, CREATED, { year: 2021, quarter: 2 })).toMatchObject({ year: 2021, quarter: 2 });
    expect(() => rolloverWorkbook(wb, profile, unit, CREATED, { year: 2020, quarter: 3 })).toThrow(UserError);
    const other = findUnit(profile, 'BN-TP')!;
    expect(() => rolloverWorkbook(wb, profile, other, CREATED)).toThrow(/BN-TS/);
    const notTemplate: WorkbookModel = { sheets: [{ name: 'Sheet1', rows: [['x']] }] };
    expect(() => rolloverWorkbook(notTemplate, profile, unit, CREATED)).toThrow(UserError);
  });
});
