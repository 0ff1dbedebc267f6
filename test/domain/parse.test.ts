import { locateTable, matchCommune, parseAmount, parseWorkbook, readMeta } from '../../src/domain/parse';
import { REGISTRY_COLUMNS, REGISTRY_KEYS } from '../../src/domain/schema/registry';
import { SHEET } from '../../src/domain/sheet';
import { getProfile } from '../../src/profiles';
import { buildWorkbook, insertRegistryColumn, moveRegistryColumn, utc } from './helpers';

describe('readMeta', () => {
  it('reads key/value rows of _meta into a typed Meta', () => {
    const wb = buildWorkbook({ rows: 0 });
    const { meta, raw } = readMeta(wb.model);
    expect(meta).toMatchObject({ template: 'vn-ctt-registry', template_version: 1, profile: 'bac-ninh-2017', unit_code: 'BN-TS', year: 2020, quarter: 3 });
    expect(raw.unit_name).toBe('Thị xã Từ Sơn');
  });

  it('gives null meta when _meta is missing or damaged', () => {
    const wb = buildWorkbook({ rows: 0 });
    wb.sheet(SHEET.meta).rows = wb.sheet(SHEET.meta).rows.filter((r) => r[0] !== 'quarter');
    expect(readMeta(wb.model).meta).toBeNull();
    expect(readMeta({ sheets: [] })).toEqual({ meta: null, raw: {}, cells: {} });
  });
});

describe('locateTable', () => {
  it('finds the header below title rows (within the first 10)', () => {
    const wb = buildWorkbook({ rows: 2, titleRows: 4 });
    const layout = locateTable(wb.registry, REGISTRY_COLUMNS);
    expect(layout.headerRow0).toBe(4);
    expect(layout.columns.case_id).toBe(0);
    expect(layout.missing).toEqual([]);
  });

  it('does not look past the first 10 rows', () => {
    const wb = buildWorkbook({ rows: 1, titleRows: 10 });
    expect(locateTable(wb.registry, REGISTRY_COLUMNS).headerRow0).toBeNull();
  });

  it('matches headers regardless of case, spaces, line breaks and NFD', () => {
    const wb = buildWorkbook({ rows: 1 });
    const header = wb.registry.rows[0];
    header[9] = '  NGÀY\nTIẾP   NHẬN '.normalize('NFD');
    header[1] = 'họ và tên';
    const layout = locateTable(wb.registry, REGISTRY_COLUMNS);
    expect(layout.columns.received_date).toBe(9);
    expect(layout.columns.full_name).toBe(1);
  });

  it('records unknown headers and missing columns', () => {
    const wb = buildWorkbook({ rows: 1 });
    insertRegistryColumn(wb, 0, 'STT', 1);
    wb.registry.rows[0][wb.registry.rows[0].indexOf('Dân tộc')] = 'Tôn giáo';
    const layout = locateTable(wb.registry, REGISTRY_COLUMNS);
    expect(layout.unknownColumns).toEqual([
      { col0: 0, header: 'STT' },
      { col0: 6, header: 'Tôn giáo' },
    ]);
    expect(layout.missing).toEqual(['ethnicity']);
    expect(layout.columns.case_id).toBe(1);
  });
});

describe('parseWorkbook', () => {
  it('types a valid registry row and its support row', () => {
    const wb = buildWorkbook({ rows: 2 });
    const parsed = parseWorkbook(wb.model);
    expect(parsed.profile?.id).toBe('bac-ninh-2017');
    expect(parsed.unit?.code).toBe('BN-TS');
    expect(parsed.registry.records).toHaveLength(2);
    const r = parsed.registry.records[0];
    expect(r).toMatchObject({
      row0: 1,
      case_id: 'BN-TS-2020-0001',
      sex: 'female',
      commune: 'Phường Đông Ngàn',
      receipt_channel: 'handover',
      purpose: 'marriage',
      verification_status: 'identified',
      verifying_agency: 'police',
      protection: 'no_need',
      consent_share: 'yes',
      support_needs: ['medical'],
      accompanying_minors: 0,
      age_at_receipt: 35,
    });
    expect(r.nationality?.key).toBe('VN');
    expect(r.destination?.key).toBe('CN');
    expect(Object.keys(r.raw)).toEqual([...REGISTRY_KEYS]);
    expect(r.raw.case_id).toBe('BN-TS-2020-0001');
    expect(r.received_date).toEqual(utc(2020, 7, 1));
    expect(parsed.support.records[0]).toMatchObject({ case_id: 'BN-TS-2020-0001', type: 'medical', amount: 500000, row0: 1 });
    expect(parsed.report.headerRow0).not.toBeNull();
  });

  it('reads reordered and inserted columns by header', () => {
    const wb = buildWorkbook({ rows: 2 });
    moveRegistryColumn(wb, 'received_date', 0);
    insertRegistryColumn(wb, 3, 'Ghi chú nội bộ', 'x');
    const parsed = parseWorkbook(wb.model);
    expect(parsed.registry.columns.received_date).toBe(0);
    expect(parsed.registry.records[1].received_date).toEqual(utc(2020, 7, 2));
    expect(parsed.registry.records[1].case_id).toBe('BN-TS-2020-0002');
    expect(parsed.registry.unknownColumns.map((u) => u.header)).toEqual(['Ghi chú nội bộ']);
  });

  it('normalises NFD text and matches codes and communes without case, spaces or prefix', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'full_name', 'Nguyễn Thị Hoa'.normalize('NFD'));
    wb.setRegistry(0, 'sex', '  nữ '.normalize('NFD'));
    wb.setRegistry(0, 'commune', 'đông  ngàn');
    wb.setRegistry(0, 'verification_status', 'CHỜ XÁC MINH');
    wb.setRegistry(0, 'support_needs', 'Y tế; tâm lý ;Trợ giúp pháp lý;');
    const r = parseWorkbook(wb.model).registry.records[0];
    expect(r.full_name).toBe('Nguyễn Thị Hoa'.normalize('NFC'));
    expect(r.sex).toBe('female');
    expect(r.commune).toBe('Phường Đông Ngàn');
    expect(r.verification_status).toBe('pending');
    expect(r.support_needs).toEqual(['medical', 'psychological', 'legal_aid']);
  });

  it('takes a birth year alone as 1 July and computes the age at receipt', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'birth_date', '2004');
    wb.setRegistry(0, 'received_date', '30/06/2020');
    const r = parseWorkbook(wb.model).registry.records[0];
    expect(r.birth).toEqual({ date: utc(2004, 7, 1), yearOnly: true });
    expect(r.age_at_receipt).toBe(15);
  });

  it('defaults a blank nationality to Việt Nam and keeps invalid values null with their raw text', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'nationality', null);
    wb.setRegistry(0, 'sex', 'nu');
    wb.setRegistry(0, 'received_date', '31/02/2020');
    const r = parseWorkbook(wb.model).registry.records[0];
    expect(r.nationality?.key).toBe('VN');
    expect(r.sex).toBeNull();
    expect(r.raw.sex).toBe('nu');
    expect(r.received_date).toBeNull();
    expect(r.age_at_receipt).toBeNull();
  });

  it('skips rows blank in every template column, even when an extra column is numbered', () => {
    const wb = buildWorkbook({ rows: 2 });
    insertRegistryColumn(wb, 0, 'STT');
    wb.registry.rows.splice(2, 0, [1, '', null, '  ']);
    wb.registry.rows.push([3]);
    const parsed = parseWorkbook(wb.model);
    expect(parsed.registry.records.map((r) => r.row0)).toEqual([1, 3]);
  });

  it('parses an empty registry and a workbook without sheets', () => {
    const wb = buildWorkbook({ rows: 0 });
    expect(parseWorkbook(wb.model).registry.records).toEqual([]);
    const empty = parseWorkbook({ sheets: [] });
    expect(empty.meta).toBeNull();
    expect(empty.registry.sheet).toBeNull();
    expect(empty.registry.missing).toHaveLength(REGISTRY_COLUMNS.length);
  });

  it('uses the profile override instead of _meta.profile', () => {
    const wb = buildWorkbook({ rows: 1 });
    const override = getProfile('dong-thap-2021');
    const parsed = parseWorkbook(wb.model, override);
    expect(parsed.profile?.id).toBe('dong-thap-2021');
    expect(parsed.unit).toBeNull();
  });

  it('reads vn-2025 support types (law 2024)', () => {
    const wb = buildWorkbook({ rows: 1, profileId: 'vn-2025' });
    wb.setRegistry(0, 'support_needs', 'Phiên dịch;Y tế');
    const parsed = parseWorkbook(wb.model);
    expect(parsed.registry.records[0].support_needs).toEqual(['c', 'b']);
    expect(parsed.registry.records[0].commune).toBe('Phường Từ Sơn');
  });
});

describe('matchCommune and amounts', () => {
  const unit = getProfile('bac-ninh-2017')!.units[0];
  it('accepts the name without prefix, abbreviations and NFD; suggests near misses', () => {
    expect(matchCommune(unit, 'Đông Ngàn')).toEqual({ ok: true, name: 'Phường Đông Ngàn' });
    expect(matchCommune(unit, 'P. Đông Ngàn')).toEqual({ ok: true, name: 'Phường Đông Ngàn' });
    expect(matchCommune(unit, 'xã  tương giang'.normalize('NFD'))).toEqual({ ok: true, name: 'Xã Tương Giang' });
    expect(matchCommune(unit, 'Dong Ngan')).toEqual({ ok: false, suggestion: 'Phường Đông Ngàn' });
    expect(matchCommune(unit, 'Phường Vũ Ninh')).toEqual({ ok: false, suggestion: null });
  });
  it('reads amounts with Vietnamese thousands separators', () => {
    expect(parseAmount('1.500.000 đ')).toBe(1500000);
    expect(parseAmount('2,000,000')).toBe(2000000);
    expect(parseAmount(-5)).toBe(-5);
    expect(parseAmount('abc')).toBeNull();
  });
});
