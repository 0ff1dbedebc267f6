import type { Finding } from '../../../src/domain/finding';
import type { CheckOptions } from '../../../src/domain/model';
import { parseWorkbook } from '../../../src/domain/parse';
import { deadlineOf } from '../../../src/domain/period';
import { buildReport } from '../../../src/domain/report';
import { readReportSheet, reportSheetGrid } from '../../../src/domain/reportSheet';
import { RPT_RULES } from '../../../src/domain/rules/rpt';
import { cellAddress, type CellValue } from '../../../src/domain/sheet';
import { buildWorkbook, type TestWorkbook } from '../helpers';

function rpt(wb: TestWorkbook, options: Partial<CheckOptions> = {}): Finding[] {
  const parsed = parseWorkbook(wb.model);
  const meta = parsed.meta!;
  const report = buildReport(parsed.registry.records, parsed.support.records, wb.profile, meta.year, meta.quarter);
  return RPT_RULES.flatMap((rule) => rule.check({ parsed, profile: wb.profile, unit: parsed.unit, options: { today: wb.today, ...options }, report }));
}

type Col = 'total' | 'male' | 'female' | 'under16' | 'age16to18' | 'adult' | 'unknown_age' | 'amount' | 'notes';

/** The report sheet of a test workbook, addressed by row code and column. */
function sheetOf(wb: TestWorkbook) {
  const sheet = wb.sheet('Báo cáo quý');
  const values = readReportSheet(sheet);
  const pos = (code: string, col: Col) => ({ row0: values.rows[code], col0: values.columns[col] as number });
  return {
    address: (code: string, col: Col) => cellAddress(pos(code, col).row0, pos(code, col).col0),
    set(code: string, col: Col, value: CellValue) {
      const p = pos(code, col);
      sheet.rows[p.row0][p.col0] = value;
    },
    setRow(code: string, figures: Partial<Record<Col, CellValue>>) {
      for (const [col, v] of Object.entries(figures)) this.set(code, col as Col, v);
    },
    headerCell: (key: 'quarter' | 'year' | 'unit_code' | 'unit_name') => values.headerCells[key]!,
    sheet,
  };
}

const of = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
const cells = (findings: Finding[], rule: string) => of(findings, rule).map((f) => f.cell).sort();

describe('RPT rules', () => {
  it('find nothing in a filled report with its narrative written', () => {
    const wb = buildWorkbook({ rows: 4 });
    expect(sheetOf(wb).address('1', 'total')).toMatch(/^C\d+$/);
    expect(rpt(wb)).toEqual([]);
  });

  it('RPT-01 on a never-filled template: one finding at row 1, not one per cell (docs/rules.md)', () => {
    const wb = buildWorkbook({ rows: 3 }); // 2 women, 1 man, adults, handed over, identified, medical support
    wb.sheet('Báo cáo quý').rows = reportSheetGrid(wb.profile, wb.meta);
    const r = sheetOf(wb);
    const f = rpt(wb);
    expect(cells(f, 'RPT-01')).toEqual([r.address('1', 'total')]);
    expect(of(f, 'RPT-01')[0].message_vi).toContain('3 người được tiếp nhận');
    expect([...new Set(f.map((x) => x.rule))].sort()).toEqual(['RPT-01', 'RPT-07']);
  });

  it('RPT-01 on a template with one figure typed flags exactly the non-zero computed cells that differ', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.sheet('Báo cáo quý').rows = reportSheetGrid(wb.profile, wb.meta);
    const r = sheetOf(wb);
    r.set('2.2', 'total', 0); // typed, and right: the report is no longer "never filled"
    const expected = ['1', '1.1', '1.1.1', '2.1', '3.5', '4.2'].flatMap((code) => (['total', 'male', 'female', 'adult'] as Col[]).map((c) => r.address(code, c)));
    expected.push(r.address('4.2', 'amount'), r.address('6.1', 'total'), r.address('6.2', 'total'));
    expect(cells(rpt(wb), 'RPT-01')).toEqual(expected.sort());
  });

  it('RPT-01: a typed figure differing from the registry, message showing both', () => {
    const wb = buildWorkbook({ rows: 3 });
    const r = sheetOf(wb);
    r.set('1', 'total', 5);
    r.set('6.1', 'total', 80);
    const f = rpt(wb);
    expect(cells(f, 'RPT-01')).toEqual([r.address('1', 'total'), r.address('6.1', 'total')].sort());
    const msg = of(f, 'RPT-01').find((x) => x.cell === r.address('1', 'total'))!;
    expect(msg.message_vi).toMatch(/ghi 5.*là 3/);
    expect(msg.message_en).toMatch(/says 5.*gives 3/);
    expect(msg.value).toBe(5);
    r.set('1', 'total', 3);
    r.set('6.1', 'total', '100,0 %');
    expect(of(rpt(wb), 'RPT-01')).toEqual([]);
  });

  it('RPT-02: total differing from Nam + Nữ, or from the age groups, at the total cell', () => {
    const wb = buildWorkbook({ rows: 3 });
    const r = sheetOf(wb);
    r.set('1.1.1', 'male', 0);
    r.set('2.1', 'adult', 2);
    const f = of(rpt(wb), 'RPT-02');
    expect(f.map((x) => x.cell).sort()).toEqual([r.address('1.1.1', 'total'), r.address('2.1', 'total')].sort());
    expect(f.find((x) => x.cell === r.address('1.1.1', 'total'))!.message_vi).toContain('Nam + Nữ');
    expect(f.find((x) => x.cell === r.address('2.1', 'total'))!.message_vi).toContain('nhóm tuổi');
  });

  it('RPT-03: a parent differing from the sum of its children, and 5.2 above 5.1', () => {
    const wb = buildWorkbook({ rows: 3 });
    const r = sheetOf(wb);
    r.setRow('1.2.1', { total: 1, female: 1, adult: 1 });
    r.setRow('5.2', { total: 1, female: 1, under16: 1 });
    const f = rpt(wb);
    expect(cells(f, 'RPT-03')).toEqual([r.address('1.2', 'total'), r.address('5.2', 'total')].sort());
    expect(of(f, 'RPT-03')[0].message_vi).toMatch(/tổng các mục|lớn hơn/);
    expect(of(f, 'RPT-02')).toEqual([]); // each row still adds up on its own
  });

  it('RPT-04: in a first quarter, percentages inconsistent with the counts of the same sheet', () => {
    const wb = buildWorkbook({ rows: 3, quarter: 1 });
    const r = sheetOf(wb);
    r.set('6.3', 'total', 50); // 5.1 = 0: must be —
    r.set('6.2', 'total', 'khoảng 90');
    r.set('6.1', 'total', '—'); // row 1 = 3: a percentage is due
    expect(cells(rpt(wb), 'RPT-04')).toEqual(['6.1', '6.2', '6.3'].map((c) => r.address(c, 'total')).sort());
    r.setRow('5.1', { total: 2, female: 2, under16: 2 });
    r.setRow('5.2', { total: 1, female: 1, under16: 1 });
    r.set('6.1', 'total', 100);
    r.set('6.2', 'total', 100);
    for (const ok of [50, '50,0', 0.5]) {
      r.set('6.3', 'total', ok);
      expect(of(rpt(wb), 'RPT-04')).toEqual([]);
    }
    for (const bad of [33.3, '—', 150]) {
      r.set('6.3', 'total', bad);
      expect(cells(rpt(wb), 'RPT-04')).toEqual([r.address('6.3', 'total')]);
    }
  });

  it('RPT-04: later in the year 6.x are year to date, so only their form is checked against the sheet', () => {
    const wb = buildWorkbook({ rows: 3, quarter: 3 });
    const r = sheetOf(wb);
    r.set('6.3', 'total', 50); // 5.1 = 0 this quarter, but earlier quarters may have children
    r.set('6.1', 'total', 40);
    expect(of(rpt(wb), 'RPT-04')).toEqual([]);
    r.set('6.2', 'total', 'khoảng 90');
    r.set('6.1', 'total', 140);
    expect(cells(rpt(wb), 'RPT-04')).toEqual(['6.1', '6.2'].map((c) => r.address(c, 'total')).sort());
  });

  it('RPT-05: negative or non-integer counts and amounts, a dash read as zero', () => {
    const wb = buildWorkbook({ rows: 3 });
    const r = sheetOf(wb);
    r.set('1.3', 'total', -1);
    r.set('2.2', 'male', 1.5);
    r.set('4.1', 'amount', 'hai triệu');
    r.set('2.2', 'female', '-');
    const f = rpt(wb);
    expect(cells(f, 'RPT-05')).toEqual([r.address('1.3', 'total'), r.address('2.2', 'male'), r.address('4.1', 'amount')].sort());
    expect(f.filter((x) => x.cell === r.address('2.2', 'female'))).toEqual([]);
  });

  it('RPT-06: report quarter, year or unit differing from _meta, at the header cell', () => {
    const wb = buildWorkbook({ rows: 2 });
    const r = sheetOf(wb);
    const q = r.headerCell('quarter');
    const u = r.headerCell('unit_code');
    r.sheet.rows[q.row0][q.col0] = 2;
    r.sheet.rows[u.row0][u.col0] = 'BN-TP';
    const n = r.headerCell('unit_name');
    r.sheet.rows[n.row0][n.col0] = 'thi xa tu son'; // the same unit, typed without diacritics
    const f = of(rpt(wb), 'RPT-06');
    expect(f.map((x) => x.cell).sort()).toEqual([cellAddress(q.row0, q.col0), cellAddress(u.row0, u.col0)].sort());
    expect(f.find((x) => x.field === 'quarter')!.message_vi).toContain('3');
  });

  it('RPT-06: reads "Quý 3/2020" in one cell and stays quiet when it matches', () => {
    const wb = buildWorkbook({ rows: 2 });
    const r = sheetOf(wb);
    const q = r.headerCell('quarter');
    const y = r.headerCell('year');
    r.sheet.rows[q.row0] = [null, 'Quý 3/2020'];
    r.sheet.rows[y.row0] = [];
    expect(of(rpt(wb), 'RPT-06')).toEqual([]);
    r.sheet.rows[q.row0] = [null, 'Quý 3 năm 2019'];
    expect(of(rpt(wb), 'RPT-06').map((x) => [x.field, x.cell])).toEqual([['year', cellAddress(q.row0, 1)]]);
  });

  it('RPT-07: an empty narrative row, at its Ghi chú cell', () => {
    const wb = buildWorkbook({ rows: 2 });
    const r = sheetOf(wb);
    r.set('7.2', 'notes', null);
    const f = of(rpt(wb), 'RPT-07');
    expect(f.map((x) => [x.cell, x.severity])).toEqual([[r.address('7.2', 'notes'), 'warning']]);
  });

  it('RPT-08: received after the deadline (inbox only), in Vietnam time', () => {
    const wb = buildWorkbook({ rows: 2 });
    const deadline = deadlineOf(wb.profile, 2020, 3); // 15/10/2020
    expect(of(rpt(wb), 'RPT-08')).toEqual([]);
    expect(of(rpt(wb, { receivedAt: new Date(deadline.getTime() + 10 * 3_600_000) }), 'RPT-08')).toEqual([]);
    const late = of(rpt(wb, { receivedAt: new Date(deadline.getTime() + 20 * 3_600_000) }), 'RPT-08');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ severity: 'warning', cell: null, value: '16/10/2020' });
    expect(late[0].message_vi).toContain('15/10/2020');
    // The plan sets no day: the finding says the deadline is an assumption.
    expect(late[0].message_vi).toContain('hạn này là giả định');
    expect(late[0].message_en).toContain('assumed deadline');
    const fixed = { ...wb, profile: { ...wb.profile, deadline: { ...wb.profile.deadline, assumed: false } } };
    const stated = of(rpt(fixed, { receivedAt: new Date(deadline.getTime() + 20 * 3_600_000) }), 'RPT-08');
    expect(stated[0].message_vi).not.toContain('giả định');
  });
});
