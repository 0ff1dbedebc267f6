import '../../src/profiles/officialAll';
import { checkWorkbook } from '../../src/domain/check';
import { matchCommune } from '../../src/domain/parse';
import { findUnit, getProfile } from '../../src/profiles';
import { buildWorkbook } from './helpers';

const vn = getProfile('vn-2025')!;
const tuSon = findUnit(vn, '09367')!; // Phường Từ Sơn, Bắc Ninh
const longThanhUnit = findUnit(vn, '26368')!; // Phường Long Thành, Đồng Nai (Xã until 30/04/2026)

describe('residence commune anywhere in the country (vn-2025)', () => {
  test('a bare name is found in the unit\'s own province, with or without its kind, in any case or tone placement', () => {
    expect(matchCommune(tuSon, 'Phường Từ Sơn')).toEqual({ ok: true, name: 'Phường Từ Sơn' });
    expect(matchCommune(tuSon, 'từ  sơn')).toEqual({ ok: true, name: 'Phường Từ Sơn' });
    expect(matchCommune(tuSon, 'P. Từ Sơn')).toEqual({ ok: true, name: 'Phường Từ Sơn' });
    expect(matchCommune(tuSon, 'PHƯỜNG NHÂN HÒA')).toEqual({ ok: true, name: 'Phường Nhân Hoà' });
    expect(matchCommune(tuSon, 'Phường Từ Sơn, Bắc Ninh')).toEqual({ ok: true, name: 'Phường Từ Sơn' });
  });

  test('a commune of another province needs its province after a comma', () => {
    expect(matchCommune(tuSon, 'Phường Tân Hiệp, Hồ Chí Minh')).toEqual({ ok: true, name: 'Phường Tân Hiệp, Hồ Chí Minh' });
    expect(matchCommune(tuSon, 'tân hiệp, TP Hồ Chí Minh')).toEqual({ ok: true, name: 'Phường Tân Hiệp, Hồ Chí Minh' });
    expect(matchCommune(tuSon, 'Xã Tân Hiệp, An Giang')).toEqual({ ok: true, name: 'Xã Tân Hiệp, An Giang' });
    expect(matchCommune(tuSon, 'Xã Tân Hiệp, Tỉnh An Giang'.normalize('NFD'))).toEqual({ ok: true, name: 'Xã Tân Hiệp, An Giang' });
  });

  test('a bare name of other provinces is not guessed: REG-08 names where it exists', () => {
    const m = matchCommune(tuSon, 'Xã Tân Hiệp');
    expect(m.ok).toBe(false);
    expect(!m.ok && m.suggestion).toBe('Xã Tân Hiệp, Đà Nẵng; Xã Tân Hiệp, An Giang');
  });

  test('a near spelling is suggested in the province named, and nothing for a name of no commune', () => {
    expect(matchCommune(tuSon, 'Phuong Tu Son')).toEqual({ ok: false, suggestion: 'Phường Từ Sơn' });
    expect(matchCommune(tuSon, 'Tân Hiep, Hồ Chí Minh')).toEqual({ ok: false, suggestion: 'Phường Tân Hiệp, Hồ Chí Minh' });
    expect(matchCommune(tuSon, 'Xã Không Có Thật')).toEqual({ ok: false, suggestion: null });
  });

  test('a name changed on 30/04/2026 is still read, as the new name', () => {
    expect(matchCommune(longThanhUnit, 'Xã Long Thành')).toEqual({ ok: true, name: 'Phường Long Thành' });
    expect(matchCommune(tuSon, 'Xã Long Thành, Đồng Nai')).toEqual({ ok: true, name: 'Phường Long Thành, Đồng Nai' });
  });

  test('REG-08 fires at the cell with the suggestions, and not for communes named as the list allows', () => {
    const wb = buildWorkbook({ rows: 4, profileId: 'vn-2025', unitCode: '09367', year: 2026 });
    wb.setRegistry(0, 'commune', 'Xã Tân Hiệp');
    wb.setRegistry(1, 'commune', 'Phường Tân Hiệp, Hồ Chí Minh');
    wb.setRegistry(2, 'commune', 'Xã Không Có Thật');
    wb.setRegistry(3, 'commune', 'Đồng Nguyên');
    const f = checkWorkbook(wb.model, { today: wb.today }).findings.filter((x) => x.rule === 'REG-08');
    expect(f.map((x) => x.cell)).toEqual([wb.registryAddress(0, 'commune'), wb.registryAddress(2, 'commune')]);
    expect(f[0].message_vi).toContain('không phải xã/phường của Bắc Ninh; có phải: Xã Tân Hiệp, Đà Nẵng; Xã Tân Hiệp, An Giang?');
    expect(f[0].message_en).toContain('add the province after a comma');
    expect(f[1].message_vi).toContain('không có trong danh mục xã/phường');
  });

  test('the template\'s commune dropdown lists the unit\'s province, its own commune first', () => {
    expect(tuSon.communes[0]).toBe('Phường Từ Sơn');
    expect(tuSon.communes).toHaveLength(99);
    expect(tuSon.communes).toContain('Phường Bắc Giang');
  });
});

describe('a workbook made under an older list still validates, and says what changed (vr units update)', () => {
  // Resolution 388/NQ-UBTVQH16, in force 20/09/2026: Xã Bố Hạ (Bắc Ninh, 07294) became a phường.
  test('REG-08 (a warning, not an error): a former residence commune is read and the successor named', () => {
    const wb = buildWorkbook({ rows: 3, profileId: 'vn-2025', unitCode: '09367', year: 2026 });
    wb.setRegistry(0, 'commune', 'Xã Bố Hạ');
    wb.setRegistry(1, 'commune', 'Phường Bố Hạ');
    const result = checkWorkbook(wb.model, { today: wb.today });
    const f = result.findings.filter((x) => x.rule === 'REG-08');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', cell: wb.registryAddress(0, 'commune'), value: 'Xã Bố Hạ' });
    expect(f[0].message_vi).toContain('"Xã Bố Hạ" là tên cũ — Xã Bố Hạ (07294) đã đổi tên từ 20/09/2026 (388/NQ-UBTVQH16): nay là Phường Bố Hạ (07294)');
    expect(f[0].message_vi).toContain('hãy sửa thành "Phường Bố Hạ"');
    expect(f[0].message_en).toContain('is a former name');
    expect(result.parsed.registry.records[0].commune).toBe('Phường Bố Hạ');
  });

  test('on a Khánh Hoà workbook (22366), a former commune of another province, named with it, is read the same way', () => {
    const wb = buildWorkbook({ rows: 2, profileId: 'vn-2025', unitCode: '22366', year: 2026 });
    wb.setRegistry(0, 'commune', 'Xã Bố Hạ, Bắc Ninh');
    wb.setRegistry(1, 'commune', 'Phường Nha Trang');
    const f = checkWorkbook(wb.model, { today: wb.today }).findings.filter((x) => x.rule === 'REG-08');
    expect(f.map((x) => [x.severity, x.cell])).toEqual([['warning', wb.registryAddress(0, 'commune')]]);
    expect(f[0].message_en).toContain('change it to "Phường Bố Hạ"');
  });

  test('FMT-07: a superseded _meta unit code is read as its successor and named; nothing blocks the check', () => {
    // The dataset's correction (v5.0.0): Xã Ba Chẽ (Quảng Ninh) is 06970, not 06978.
    const wb = buildWorkbook({ rows: 3, profileId: 'vn-2025', unitCode: '06970', year: 2026 });
    const metaSheet = wb.model.sheets.find((s) => s.name === '_meta')!;
    const row = metaSheet.rows.find((r) => r[0] === 'unit_code')!;
    row[1] = '06978';
    const result = checkWorkbook(wb.model, { today: wb.today });
    expect(result.findings.filter((x) => x.severity === 'fatal')).toEqual([]);
    expect(result.parsed.unit).toMatchObject({ code: '06970', name: 'Xã Ba Chẽ', province_code: '22' });
    const f = result.findings.filter((x) => x.rule === 'FMT-07');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', sheet: '_meta', field: 'unit_code', value: '06978' });
    expect(f[0].message_vi).toContain('nay là Xã Ba Chẽ (06970)');
    expect(f[0].message_vi).toContain('từ kỳ sau hãy lập sổ với mã 06970');
  });

  test('a code no list ever had is still FMT-01 (fatal)', () => {
    const wb = buildWorkbook({ rows: 1, profileId: 'vn-2025', unitCode: '06970', year: 2026 });
    wb.model.sheets.find((s) => s.name === '_meta')!.rows.find((r) => r[0] === 'unit_code')![1] = '06977';
    expect(checkWorkbook(wb.model, { today: wb.today }).findings.map((x) => x.rule)).toEqual(['FMT-01']);
  });
});
