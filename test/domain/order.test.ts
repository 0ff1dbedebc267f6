/** docs/rules.md: the order of every list of findings, the never-filled report as one finding
 *  naming the shell's own way to fill it, and no message naming a command or button the
 *  reader does not have. */
import '../../src/profiles/officialAll';
import { checkWorkbook } from '../../src/domain/check';
import { makeFinding, sortFindings, type Finding } from '../../src/domain/finding';
import { generateSample } from '../../src/domain/sample';
import { readReportSheet } from '../../src/domain/reportSheet';
import { SHEET, cellAddress, type WorkbookModel } from '../../src/domain/sheet';
import { findUnit, getProfile } from '../../src/profiles';
import { buildWorkbook, checkTest, type TestWorkbook } from './helpers';

const f = (rule: string, severity: Finding['severity'], sheet: string | null, row0: number | null): Finding =>
  makeFinding(rule, severity, { sheet, row0, col0: row0 === null ? null : 0 }, null, rule, rule);

/** Empties every figure of the report (counts, amounts, percentages), as in a fresh quarter. */
function blankReport(wb: TestWorkbook): void {
  const sheet = wb.sheet(SHEET.report);
  const values = readReportSheet(sheet);
  for (const row0 of Object.values(values.rows)) for (let c = 2; c <= 9; c++) sheet.rows[row0][c] = null;
}

const FORBIDDEN = [/vr fill/i, /Điền báo cáo/i, /Tạo sổ mới/i, /Fill report/i, /vn-ctt-registry/i, /New workbook/i];

describe('finding order', () => {
  it('errors on the registry and support log, then other errors, then warnings, then info', () => {
    const list = [
      f('FMT-04', 'info', SHEET.registry, 0),
      f('RPT-07', 'warning', SHEET.report, 40),
      f('REG-09', 'warning', SHEET.registry, 3),
      f('RPT-01', 'error', SHEET.report, 20),
      f('FMT-03', 'error', SHEET.report, 8),
      f('SUP-06', 'error', SHEET.support, 2),
      f('REG-02', 'error', SHEET.registry, 9),
      f('FMT-01', 'fatal', SHEET.meta, 0),
    ];
    expect(sortFindings(list).map((x) => x.rule)).toEqual(['FMT-01', 'REG-02', 'SUP-06', 'FMT-03', 'RPT-01', 'REG-09', 'RPT-07', 'FMT-04']);
  });

  it('holds for a whole check: no report error before the last registry/support error', () => {
    const wb = buildWorkbook({ rows: 6 });
    wb.setRegistry(5, 'sex', 'nu'); // REG-02 on the registry, and RPT-01s on the report
    wb.setSupport(0, 'type', 'Y te');
    const findings = checkTest(wb);
    const data = (x: Finding) => x.severity === 'error' && (x.sheet === SHEET.registry || x.sheet === SHEET.support);
    const lastData = findings.map(data).lastIndexOf(true);
    const firstOther = findings.findIndex((x) => x.severity === 'error' && !data(x));
    expect(lastData).toBeGreaterThanOrEqual(1);
    expect(firstOther).toBeGreaterThan(lastData);
  });
});

describe('a never-filled report', () => {
  it('gives ONE finding on the report sheet saying so, with the shell\'s own way to fill it', () => {
    const wb = buildWorkbook({ rows: 6 });
    blankReport(wb);
    const hint = { vi: 'bấm nút "Lập báo cáo từ sổ theo dõi"', en: 'press "Fill the report from the register"' };
    const rpt01 = checkWorkbook(wb.model, { today: wb.today, fillHint: hint }).findings.filter((x) => x.rule === 'RPT-01');
    const values = readReportSheet(wb.sheet(SHEET.report));
    expect(rpt01).toHaveLength(1);
    expect(rpt01[0]).toMatchObject({ sheet: SHEET.report, severity: 'error', cell: cellAddress(values.rows['1'], values.columns.total as number) });
    expect(rpt01[0].message_vi).toContain('chưa được lập');
    expect(rpt01[0].message_vi).toContain(hint.vi);
    expect(rpt01[0].message_en).toContain(hint.en);
  });

  it('is not collapsed once a single figure is there: each difference is its own finding', () => {
    const wb = buildWorkbook({ rows: 6 });
    blankReport(wb);
    const sheet = wb.sheet(SHEET.report);
    const values = readReportSheet(sheet);
    sheet.rows[values.rows['2.2']][values.columns.total as number] = 0;
    expect(checkTest(wb).filter((x) => x.rule === 'RPT-01').length).toBeGreaterThan(1);
  });

  it('gives no RPT-01 at all when the register has nothing for the period either', () => {
    const wb = buildWorkbook({ rows: 0 });
    blankReport(wb);
    expect(checkTest(wb).filter((x) => x.rule === 'RPT-01')).toEqual([]);
  });
});

describe('messages name no command or button the reader does not have', () => {
  const profile = getProfile('bac-ninh-2017')!;
  const sample = generateSample({ rows: 200, seed: 3, profile, unit: findUnit(profile, 'BN-TS')!, year: 2020, quarter: 3, errors: true });
  const model: WorkbookModel = { sheets: sample.spec.sheets.map((s) => ({ name: s.name, rows: s.rows })) };

  it('across every planted fault, a never-filled report and the FMT-01 cases (no shell hint given)', () => {
    const messages: string[] = [];
    const collect = (m: WorkbookModel) => checkWorkbook(m, { today: new Date(Date.UTC(2021, 0, 15)) }).findings.forEach((x) => messages.push(x.message_vi, x.message_en));
    collect(model);
    const wb = buildWorkbook({ rows: 4 });
    blankReport(wb);
    collect(wb.model);
    collect({ sheets: model.sheets.filter((s) => s.name !== SHEET.meta) });
    collect({ sheets: model.sheets.map((s) => (s.name === SHEET.meta ? { ...s, rows: s.rows.map((r) => (r[0] === 'template' ? ['template', 'khác'] : r)) } : s)) });
    expect(messages.length).toBeGreaterThan(50);
    for (const re of FORBIDDEN) expect(messages.filter((m) => re.test(m))).toEqual([]);
  });
});
