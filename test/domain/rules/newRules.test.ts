/** REG-11, FMT-08 and RPT-09 (docs/rules.md), and FMT-05 on the report sheet: each fires at the
 *  exact cell, and stays quiet where it must. */
import { readReportSheet } from '../../../src/domain/reportSheet';
import { SHEET, cellAddress, type CellValue } from '../../../src/domain/sheet';
import { buildWorkbook, checkTest, findingsOf, type TestWorkbook } from '../helpers';

/** Sets a report cell by row code and column key; returns its address. */
function setReport(wb: TestWorkbook, code: string, col: 'notes' | 'total', value: CellValue): string {
  const sheet = wb.sheet(SHEET.report);
  const values = readReportSheet(sheet);
  const row0 = values.rows[code];
  const col0 = values.columns[col] as number;
  sheet.rows[row0][col0] = value;
  return cellAddress(row0, col0);
}

describe('REG-11 case ID form', () => {
  it('warns at the case ID cell for a case ID of another form, naming the expected form', () => {
    const wb = buildWorkbook({ rows: 4 });
    wb.setRegistry(1, 'case_id', 'HS-01');
    wb.setRegistry(2, 'case_id', `${wb.unit.code}-20-1`);
    // The support rows follow, so SUP-06 stays quiet.
    wb.setSupport(1, 'case_id', 'HS-01');
    wb.setSupport(2, 'case_id', `${wb.unit.code}-20-1`);
    const f = findingsOf(wb, 'REG-11');
    expect(f.map((x) => [x.cell, x.severity])).toEqual([
      [wb.registryAddress(1, 'case_id'), 'warning'],
      [wb.registryAddress(2, 'case_id'), 'warning'],
    ]);
    expect(f[0].message_vi).toContain(`${wb.unit.code}-${wb.meta.year}-0001`);
  });

  it('says at the cell that Excel made a number (or a date) of a case ID, and how to type it so it stays text', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'case_id', 42); // typed 0042 into a General cell
    wb.setSupport(0, 'case_id', 42);
    wb.setRegistry(1, 'case_id', new Date(Date.UTC(2020, 7, 1)));
    wb.setSupport(1, 'case_id', new Date(Date.UTC(2020, 7, 1)));
    const f = findingsOf(wb, 'REG-11');
    expect(f.map((x) => x.cell)).toEqual([wb.registryAddress(0, 'case_id'), wb.registryAddress(1, 'case_id')]);
    expect(f[0].message_vi).toContain('con số 42');
    expect(f[0].message_vi).toContain(`${wb.unit.code}-${wb.meta.year}-0042`);
    expect(f[0].message_vi).toContain('Văn bản (Text)');
    expect(f[0].message_en).toContain('leading zeros');
    expect(f[0].message_en).toContain('apostrophe');
    expect(f[1].message_vi).toContain('ngày 01/08/2020');
    expect(f[1].message_en).toContain('the date 01/08/2020');
  });

  it('accepts the form in any letter case, and leaves a blank ID to REG-01', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'case_id', `${wb.unit.code.toLowerCase()}-2019-0420`);
    wb.setSupport(0, 'case_id', `${wb.unit.code.toLowerCase()}-2019-0420`);
    wb.setRegistry(1, 'case_id', null);
    wb.setRegistry(2, 'case_id', `${wb.unit.code}-2020-10000`); // the year's 10,000th case
    wb.setSupport(2, 'case_id', `${wb.unit.code}-2020-10000`);
    expect(findingsOf(wb, 'REG-11')).toEqual([]);
    expect(findingsOf(wb, 'REG-01').map((x) => x.cell)).toContain(wb.registryAddress(1, 'case_id'));
  });
});

describe('FMT-08 text Excel cannot store', () => {
  it('is an error at the cell for a text over 32,767 characters and for a control character, on every sheet', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'notes', 'a'.repeat(32_768));
    wb.setSupport(1, 'provider', 'Trạm y tế\u0001');
    wb.setRegistry(2, 'sex', 'Nữ\u0007'); // even on a code-list cell
    const reportCell = setReport(wb, '7.1', 'notes', 'Kết quả \uD800 tốt');
    const f = findingsOf(wb, 'FMT-08');
    expect(f.map((x) => [x.sheet, x.cell, x.severity])).toEqual(
      expect.arrayContaining([
        [SHEET.registry, wb.registryAddress(0, 'notes'), 'error'],
        [SHEET.support, wb.supportAddress(1, 'provider'), 'error'],
        [SHEET.registry, wb.registryAddress(2, 'sex'), 'error'],
        [SHEET.report, reportCell, 'error'],
      ]),
    );
    expect(f).toHaveLength(4);
    const long = f.find((x) => x.cell === wb.registryAddress(0, 'notes'))!;
    expect(long.message_vi).toContain('32.768 ký tự');
    expect(String(long.value).length).toBeLessThan(300); // the finding does not carry the whole text
    expect(f.find((x) => x.sheet === SHEET.support)!.message_en).toContain('U+0001');
  });

  it('stays quiet at exactly 32,767 characters, on tabs and line breaks, and on paired surrogates (emoji)', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'notes', 'a'.repeat(32_767));
    wb.setRegistry(1, 'address', 'Thôn 3\nxã Tam Sơn\r\nghi chú\tthêm');
    setReport(wb, '7.2', 'notes', 'Khó khăn 😀');
    expect(findingsOf(wb, 'FMT-08')).toEqual([]);
  });
});

describe('FMT-05 on the report sheet', () => {
  it('warns at a narrative cell typed in TCVN3, and not on the template text', () => {
    const wb = buildWorkbook({ rows: 2 });
    expect(findingsOf(wb, 'FMT-05')).toEqual([]);
    const cell = setReport(wb, '7.2', 'notes', 'ThiÕu c¸n bé chuyªn tr¸ch');
    expect(findingsOf(wb, 'FMT-05').map((x) => [x.sheet, x.cell])).toEqual([[SHEET.report, cell]]);
  });
});

describe('RPT-09 personal data in the report text', () => {
  it('warns at the cell for a 12-digit or 9-digit ID number and a date of birth', () => {
    const wb = buildWorkbook({ rows: 2 });
    const a = setReport(wb, '7.1', 'notes', 'Đã hỗ trợ một người, CCCD 001234567890, về địa phương.');
    const b = setReport(wb, '1', 'notes', 'Một người có CMND 123 456 789');
    const c = setReport(wb, '7.3', 'notes', 'Đề nghị hỗ trợ cháu sinh ngày 12/03/2010 học nghề.');
    const f = findingsOf(wb, 'RPT-09');
    expect(f.map((x) => [x.cell, x.severity]).sort()).toEqual([[a, 'warning'], [b, 'warning'], [c, 'warning']].sort());
    expect(f.find((x) => x.cell === c)!.message_vi).toContain('ngày sinh');
    expect(f.find((x) => x.cell === a)!.message_vi).toContain('"001234567890"');
  });

  it('stays quiet on period dates, amounts, fractions, case IDs and the filled report', () => {
    const wb = buildWorkbook({ rows: 2 });
    setReport(wb, '7.1', 'notes', 'Kỳ báo cáo 01/07/2020 - 30/09/2020; kinh phí 150.000.000 đồng; hồ sơ 22366-2025-0001, BN-TS-2020-0003.');
    setReport(wb, '6.4', 'total', '8/10');
    setReport(wb, '2.1', 'total', 123456789); // a count column, not free text: RPT-01/05's business
    const f = checkTest(wb);
    expect(f.filter((x) => x.rule === 'RPT-09')).toEqual([]);
  });
});
