import { REPORT_HEADERS } from '../../src/domain/model';
import { buildReport, reportRowDefs } from '../../src/domain/report';
import {
  REPORT_LAYOUT,
  formatPercent,
  parseQuarterText,
  parseReportNumber,
  readReportSheet,
  reportCellWrites,
  reportDifferences,
  reportHeaderWrites,
  reportSheetGrid,
} from '../../src/domain/reportSheet';
import type { Profile } from '../../src/domain/schema/profile';
import type { CellValue } from '../../src/domain/sheet';
import { getProfile } from '../../src/profiles';
import { d, metaFor, person, support } from './reportFixtures';

const bacNinh = getProfile('bac-ninh-2017') as Profile;
const vn2025 = getProfile('vn-2025') as Profile;
const meta = metaFor(bacNinh, 2020, 3);
const sheet = (rows: CellValue[][]) => ({ name: 'Báo cáo quý', rows });

const registry = [
  person({ case_id: 'A', age_at_receipt: 15, received_date: d('2020-07-02'), verification_date: d('2020-07-09'), child_referral: 'yes' }),
  person({ case_id: 'B', sex: 'male', received_date: d('2020-08-02'), verification_status: 'pending', verification_date: null }),
];
const report = buildReport(registry, [support('A', 'medical', '2020-07-03', 250_000)], bacNinh, 2020, 3);

describe('reportSheetGrid', () => {
  it('lays out the header rows, the table header and every row code as text', () => {
    const grid = reportSheetGrid(bacNinh, meta);
    const L = REPORT_LAYOUT;
    expect(grid[L.tableHeaderRow0]).toEqual([...REPORT_HEADERS]);
    expect(grid[L.headerRows0.unit_name].slice(1, 3)).toEqual(['Đơn vị báo cáo:', 'Thị xã Từ Sơn']);
    expect(grid[L.headerRows0.unit_code][2]).toBe('BN-TS');
    expect(grid[L.headerRows0.province][2]).toBe('Bắc Ninh');
    expect(grid[L.headerRows0.quarter][2]).toBe(3);
    expect(grid[L.headerRows0.year][2]).toBe(2020);
    const codes = grid.slice(L.firstDataRow0).map((row) => row[0]).filter((c) => c !== null);
    expect(codes).toEqual(reportRowDefs(bacNinh).map((r) => r.code));
    expect(codes.every((c) => typeof c === 'string')).toBe(true);
    // A fresh template has no figures.
    const row1 = grid.find((row) => row[0] === '1') as CellValue[];
    expect(row1.slice(2, 10)).toEqual(new Array(8).fill(null));
    expect(grid.every((row) => row.length === REPORT_HEADERS.length)).toBe(true);
  });

  it('writes the figures, amounts for 4.x only, and — for an empty denominator', () => {
    const grid = reportSheetGrid(bacNinh, meta, report);
    const row = (code: string) => grid.find((r) => r[0] === code) as CellValue[];
    expect(row('1').slice(2, 10)).toEqual([2, 1, 1, 1, 0, 1, 0, null]);
    expect(row('4.2').slice(2, 10)).toEqual([1, 0, 1, 1, 0, 0, 0, 250_000]);
    expect(row('6.1')[2]).toBe(50);
    expect(row('6.2')[2]).toBe('—');
    expect(row('6.3')[2]).toBe(100);
    expect(grid[REPORT_LAYOUT.periodRow0][2]).toBe('01/07/2020 - 30/09/2020');
  });

  it('keeps Law 2024 codes 4.10 and 4.11 apart', () => {
    const grid = reportSheetGrid(vn2025, metaFor(vn2025, 2025, 3));
    const values = readReportSheet(sheet(grid));
    expect(values.rows['4.10']).not.toBe(values.rows['4.1']);
    expect(values.rows['4.11']).toBeGreaterThan(values.rows['4.10']);
  });
});

describe('readReportSheet', () => {
  it('reads back what reportSheetGrid writes', () => {
    const values = readReportSheet(sheet(reportSheetGrid(bacNinh, meta, report)));
    expect(values.headerRow0).toBe(REPORT_LAYOUT.tableHeaderRow0);
    expect(values.header).toMatchObject({ unit_name: 'Thị xã Từ Sơn', unit_code: 'BN-TS', province: 'Bắc Ninh', quarter: 3, year: 2020 });
    expect(values.columns).toEqual(REPORT_LAYOUT.columns);
    expect(Object.keys(values.rows)).toHaveLength(reportRowDefs(bacNinh).length);
    expect(reportDifferences(values, report)).toEqual([]);
  });

  it('is lenient: labels with or without colon, "Quý 3 năm 2020" in one cell, numeric codes, moved columns', () => {
    const rows: CellValue[][] = [
      ['BÁO CÁO QUÝ'],
      ['Đơn vị: Thị xã Từ Sơn', null, 'Mã đơn vị', null, ' BN-TS '],
      ['Quý 3 năm 2020'],
      [],
      ['Chỉ tiêu', 'Mã', 'Nữ', 'Nam', 'TỔNG SỐ', 'Kinh phí', 'Ghi chú'],
      ['Số người được tiếp nhận', 1, 1, 1, 2],
      ['Từ nước ngoài trở về', 1.1, null, null, 0],
      ['Trao trả', '1.1.1.', null, null, null],
      ['Khác', 'x', 5],
    ];
    const values = readReportSheet(sheet(rows));
    expect(values.header).toMatchObject({ unit_name: 'Thị xã Từ Sơn', unit_code: 'BN-TS', quarter: 3, year: 2020 });
    expect(values.headerCells.quarter).toEqual({ row0: 2, col0: 0 });
    expect(values.headerCells.unit_code).toEqual({ row0: 1, col0: 4 });
    expect(values.headerRow0).toBe(4);
    expect(values.columns).toMatchObject({ label: 0, code: 1, female: 2, male: 3, total: 4, amount: 5, notes: 6 });
    expect(values.rows).toEqual({ '1': 5, '1.1': 6, '1.1.1': 7 });
  });

  it('reads "Quý:" with a Roman numeral or "3/2020" beside it', () => {
    const values = readReportSheet(sheet([['Quý:', 'III'], ['Năm:', '2020'], ['Mã', 'Chỉ tiêu']]));
    expect(values.header).toMatchObject({ quarter: 3, year: 2020 });
    expect(parseQuarterText('Quý 3/2020')).toEqual({ quarter: 3, year: 2020 });
    expect(parseQuarterText('IV')).toEqual({ quarter: 4, year: null });
    expect(parseQuarterText('Quý 5')).toEqual({ quarter: null, year: null });
  });

  it('gives empty values for a missing sheet or a sheet without the table header', () => {
    expect(readReportSheet(undefined)).toMatchObject({ sheet: null, headerRow0: null, rows: {} });
    expect(readReportSheet(sheet([['Đơn vị:', 'X']]))).toMatchObject({ headerRow0: null, rows: {}, header: { unit_name: 'X' } });
  });
});

describe('reportCellWrites', () => {
  it('writes every computed cell and leaves 6.4, 6.5, 7.x and Ghi chú alone', () => {
    const grid = reportSheetGrid(bacNinh, meta);
    const values = readReportSheet(sheet(grid));
    const writes = reportCellWrites(values, report, bacNinh);
    const counted = reportRowDefs(bacNinh).filter((r) => r.kind === 'count');
    const supportRows = counted.filter((r) => r.code.startsWith('4.')).length;
    expect(writes).toHaveLength(counted.length * 7 + supportRows + 3);
    const manualRows = ['6.4', '6.5', '7.1', '7.2', '7.3'].map((c) => values.rows[c]);
    expect(writes.filter((w) => manualRows.includes(w.row0))).toEqual([]);
    expect(writes.filter((w) => w.col0 === REPORT_LAYOUT.columns.notes)).toEqual([]);
    expect(writes).toContainEqual({ row0: values.rows['6.2'], col0: REPORT_LAYOUT.columns.total, value: '—' });
    // Applied to a blank template, the sheet then agrees with the report.
    for (const w of writes) grid[w.row0][w.col0] = w.value;
    expect(reportDifferences(readReportSheet(sheet(grid)), report)).toEqual([]);
  });
});

describe('reportHeaderWrites: the fill also writes Kỳ báo cáo, Ngày lập and the date line', () => {
  // Rule (docs/workbook.md): the report header's period and date are filled wherever the report is
  // filled (the pane's button and vr fill), with the same period text the template shows.
  it.each([
    [bacNinh, 2020, 3, '01/07/2020 - 30/09/2020', 'Từ Sơn'],
    [vn2025, 2026, 3, '15/06/2026 - 14/09/2026', 'Nha Trang'],
  ])('%#: a blank template gets the period, the date prepared and the official date line', (profile, year, quarter, period, place) => {
    const m = profile.id === 'vn-2025' ? { ...metaFor(profile, year, quarter), unit_code: '22366', unit_name: 'Phường Nha Trang', province_code: '56' } : metaFor(profile, year, quarter);
    const grid = reportSheetGrid(profile, m);
    const values = readReportSheet(sheet(grid));
    const data = buildReport([], [], profile, year, quarter);
    const prepared = new Date(Date.UTC(year, 11, 5));
    const writes = reportHeaderWrites(values, data, prepared);
    for (const w of writes) grid[w.row0][w.col0] = w.value;
    const L = REPORT_LAYOUT;
    expect(grid[L.periodRow0].slice(1, 3)).toEqual(['Kỳ báo cáo:', period]);
    expect(grid[L.headerRows0.prepared_date].slice(1, 3)).toEqual(['Ngày lập:', `05/12/${year}`]);
    expect(grid.flat()).toContain(`${place}, ngày 05 tháng 12 năm ${year}`);
    expect(grid.flat().filter((v) => typeof v === 'string' && /ngày …|tháng …/.test(v))).toEqual([]);
    // Filled again on another day: the date follows, nothing else is written twice.
    const again = reportHeaderWrites(readReportSheet(sheet(grid)), data, new Date(Date.UTC(year, 11, 6)));
    expect(again.map((w) => w.value)).toEqual([`${place}, ngày 06 tháng 12 năm ${year}`, `06/12/${year}`]);
    // The header still reads as the same unit, quarter and year.
    expect(readReportSheet(sheet(grid)).header).toMatchObject({ quarter, year, prepared_date: `05/12/${year}` });
  });

  it('keeps a date line the clerk wrote in their own words, and writes no date without one', () => {
    const grid = reportSheetGrid(bacNinh, meta);
    const line = grid.findIndex((row) => row.some((v) => typeof v === 'string' && v.includes('ngày ……')));
    const col = grid[line].findIndex((v) => typeof v === 'string' && v.includes('ngày ……'));
    grid[line][col] = 'Từ Sơn, ngày mùng 5 tháng Chạp';
    const writes = reportHeaderWrites(readReportSheet(sheet(grid)), report, new Date(Date.UTC(2020, 9, 5)));
    expect(writes.find((w) => w.row0 === line)).toBeUndefined();
    expect(reportHeaderWrites(readReportSheet(sheet(grid)), report).map((w) => w.value)).toEqual(['01/07/2020 - 30/09/2020']);
  });
});

describe('reportDifferences', () => {
  it('treats an empty cell as 0 and names typed and computed values', () => {
    const grid = reportSheetGrid(bacNinh, meta);
    const values = readReportSheet(sheet(grid));
    const diffs = reportDifferences(values, report);
    // Only non-zero figures differ from an empty sheet; 6.2 (—) agrees with an empty cell.
    expect(diffs.every((x) => x.computed !== 0 && x.computed !== null)).toBe(true);
    expect(diffs).toContainEqual(
      expect.objectContaining({ code: '1', column: 'Tổng số', key: 'total', typed: null, computed: 2, row0: values.rows['1'], col0: 2 }),
    );
    grid[values.rows['6.2']][2] = 0;
    expect(reportDifferences(readReportSheet(sheet(grid)), report)).toContainEqual(expect.objectContaining({ code: '6.2', typed: 0, computed: null }));
  });
});

describe('formatPercent and parseReportNumber', () => {
  it('formats with one decimal, comma in Vietnamese, — for no denominator', () => {
    expect(formatPercent(87.5)).toBe('87,5%');
    expect(formatPercent(87.5, 'en')).toBe('87.5%');
    expect(formatPercent(100)).toBe('100,0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('reads figures as clerks type them', () => {
    expect(parseReportNumber('1.500.000')).toEqual({ kind: 'number', value: 1_500_000 });
    expect(parseReportNumber('1,500,000')).toEqual({ kind: 'number', value: 1_500_000 });
    expect(parseReportNumber('87,5 %')).toEqual({ kind: 'number', value: 87.5 });
    expect(parseReportNumber('1.234,5')).toEqual({ kind: 'number', value: 1234.5 });
    expect(parseReportNumber(' 12 ')).toEqual({ kind: 'number', value: 12 });
    expect(parseReportNumber('—')).toEqual({ kind: 'dash' });
    expect(parseReportNumber('')).toEqual({ kind: 'blank' });
    expect(parseReportNumber(null)).toEqual({ kind: 'blank' });
    expect(parseReportNumber('mười')).toEqual({ kind: 'text', text: 'mười' });
    expect(parseReportNumber(true)).toEqual({ kind: 'text', text: 'true' });
  });
});
