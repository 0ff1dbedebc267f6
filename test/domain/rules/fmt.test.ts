import '../../../src/profiles/officialAll';
import { checkWorkbook } from '../../../src/domain/check';
import { SHEET } from '../../../src/domain/sheet';
import { buildWorkbook, checkTest, findingsOf, insertRegistryColumn } from '../helpers';

describe('FMT-01 not a template workbook (fatal)', () => {
  it('fires when _meta is missing, and stops every other rule', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.model.sheets = wb.model.sheets.filter((s) => s.name !== SHEET.meta);
    wb.setRegistry(0, 'sex', 'nu');
    const findings = checkTest(wb);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'FMT-01', severity: 'fatal', sheet: '_meta', cell: null });
    expect(findings[0].message_vi).toContain('_meta');
  });

  it('fires at the template cell when template is another id', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.sheet(SHEET.meta).rows[0][1] = 'other-template';
    const [f] = checkTest(wb);
    expect(f).toMatchObject({ rule: 'FMT-01', cell: 'B1', row: 1, column: 'B', value: 'other-template' });
  });

  it('fires for a damaged _meta, an unknown profile or a unit outside the profile', () => {
    const damaged = buildWorkbook({ rows: 1 });
    damaged.sheet(SHEET.meta).rows[7][1] = 9; // quarter
    expect(checkTest(damaged)).toEqual([expect.objectContaining({ rule: 'FMT-01', cell: 'B8' })]);
    const profile = buildWorkbook({ rows: 1 });
    profile.sheet(SHEET.meta).rows[2][1] = 'no-such-plan';
    expect(checkTest(profile)).toEqual([expect.objectContaining({ rule: 'FMT-01', cell: 'B3', value: 'no-such-plan' })]);
    const unit = buildWorkbook({ rows: 1 });
    unit.sheet(SHEET.meta).rows[3][1] = 'XX-YY';
    expect(checkTest(unit)).toEqual([expect.objectContaining({ rule: 'FMT-01', cell: 'B4' })]);
  });

  it('does not fire on a clean template workbook', () => {
    expect(findingsOf(buildWorkbook({ rows: 3 }), 'FMT-01')).toEqual([]);
  });
});

describe('FMT-02 newer template version (fatal)', () => {
  it('fires when template_version is above the known version', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.sheet(SHEET.meta).rows[1][1] = 2;
    expect(checkTest(wb)).toEqual([expect.objectContaining({ rule: 'FMT-02', severity: 'fatal', cell: 'B2', value: 2 })]);
  });
  it('does not fire on version 1', () => {
    expect(findingsOf(buildWorkbook({ rows: 1 }), 'FMT-02')).toEqual([]);
  });
});

describe('FMT-03 required header missing', () => {
  it('fires at the header row for a renamed required registry column', () => {
    const wb = buildWorkbook({ rows: 1, titleRows: 2 });
    wb.registry.rows[2][9] = 'Ngày nhận';
    const f = findingsOf(wb, 'FMT-03');
    expect(f).toEqual([expect.objectContaining({ sheet: SHEET.registry, row: 3, cell: null, field: 'received_date', severity: 'error' })]);
    expect(f[0].message_vi).toContain('Ngày tiếp nhận');
  });

  it('fires when the support sheet is missing and when the report header row is gone', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.model.sheets = wb.model.sheets.filter((s) => s.name !== SHEET.support);
    const report = wb.sheet(SHEET.report);
    report.rows = report.rows.map((row) => row.map((v) => (v === 'Mã' ? 'Số' : v)));
    const f = findingsOf(wb, 'FMT-03');
    expect(f.map((x) => x.sheet).sort()).toEqual([SHEET.report, SHEET.support].sort());
  });

  it('does not fire for a missing optional column (Ghi chú)', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.registry.rows[0][22] = null;
    expect(findingsOf(wb, 'FMT-03')).toEqual([]);
  });
});

describe('FMT-04 unknown column', () => {
  it('reports an inserted column as info at its header cell', () => {
    const wb = buildWorkbook({ rows: 1 });
    insertRegistryColumn(wb, 2, 'Số điện thoại', '0912345678');
    expect(findingsOf(wb, 'FMT-04')).toEqual([expect.objectContaining({ severity: 'info', cell: 'C1', value: 'Số điện thoại' })]);
    // the data still reads by header
    expect(findingsOf(wb, 'REG-01')).toEqual([]);
  });
  it('does not fire on the template columns', () => {
    expect(findingsOf(buildWorkbook({ rows: 1 }), 'FMT-04')).toEqual([]);
  });
});

describe('FMT-05 legacy encoding', () => {
  it('fires for TCVN3 and VNI text at the cell, naming the decoded text', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'full_name', 'NguyÔn ThÞ Hoa');
    wb.setRegistry(1, 'address', 'Thoân Ñoâng Khê');
    wb.setSupport(0, 'provider', 'Tr¹m Y tÕ');
    const f = findingsOf(wb, 'FMT-05');
    // Registry first, then the support log (docs/rules.md's order).
    expect(f.map((x) => [x.sheet, x.cell])).toEqual([
      [SHEET.registry, wb.registryAddress(0, 'full_name')],
      [SHEET.registry, wb.registryAddress(1, 'address')],
      [SHEET.support, wb.supportAddress(0, 'provider')],
    ]);
    expect(f[0].message_vi).toContain('TCVN3');
    expect(f[0].message_vi).toContain('Nguyễn Thị Hoa');
    expect(f[1].message_en).toContain('VNI');
  });
  it('does not fire on Unicode Vietnamese or English', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'notes', 'Returned via Lao Cai border, see police report');
    expect(findingsOf(wb, 'FMT-05')).toEqual([]);
  });
});

describe('FMT-06 formula-like text', () => {
  it('fires for text starting with =, +, -, @, tab or CR in registry and support cells', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'notes', '=HYPERLINK("http://x")');
    wb.setRegistry(1, 'address', '\tSố 5');
    wb.setSupport(1, 'notes', '@SUM(1)');
    const f = findingsOf(wb, 'FMT-06');
    expect(f.map((x) => x.cell).sort()).toEqual([wb.registryAddress(0, 'notes'), wb.registryAddress(1, 'address'), wb.supportAddress(1, 'notes')].sort());
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });
  it('does not fire for numbers or ordinary text', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setSupport(0, 'amount', -5);
    wb.setRegistry(0, 'notes', 'Đã hỗ trợ - tốt');
    expect(findingsOf(wb, 'FMT-06')).toEqual([]);
  });
});

describe('FMT-07 year outside the plan', () => {
  it('warns at _meta year when the year is outside profile.years', () => {
    const wb = buildWorkbook({ rows: 1, year: 2021, profileId: 'huong-tra-2023' });
    expect(findingsOf(wb, 'FMT-07')).toEqual([expect.objectContaining({ severity: 'warning', sheet: '_meta', cell: 'B7', value: 2021 })]);
  });
  it('does not fire inside the plan years', () => {
    expect(findingsOf(buildWorkbook({ rows: 1, year: 2023, profileId: 'huong-tra-2023' }), 'FMT-07')).toEqual([]);
  });
});

describe('severity overrides', () => {
  it('apply the profile severity to a rule, never to FMT-01', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'protection', 'Có nhu cầu - chưa bảo vệ');
    const profile = { ...wb.profile, severity_overrides: { 'PRT-01': 'error' as const } };
    const f = checkWorkbook(wb.model, { today: wb.today, profile }).findings.filter((x) => x.rule === 'PRT-01');
    expect(f[0].severity).toBe('error');
  });
});
