import '../../src/profiles/officialAll';
import { ALL_PROVINCES } from '../../src/profiles/data/vn-units/all';
import { OFFICIAL_LIST, nameKey, officialUnit, provinceInfo, searchKey } from '../../src/profiles/officialList';

describe('the official list of commune-level units (in force 30/04/2026)', () => {
  const units = ALL_PROVINCES.flatMap((p) => p.units.map(([code, name]) => ({ code, name, province: p.code })));

  test('has the 34 provinces with 2-digit codes, as the index says', () => {
    expect(ALL_PROVINCES).toHaveLength(34);
    expect(OFFICIAL_LIST.provinces.map((p) => p.code)).toEqual(ALL_PROVINCES.map((p) => p.code));
    for (const p of ALL_PROVINCES) {
      expect(p.code).toMatch(/^\d{2}$/);
      expect(OFFICIAL_LIST.provinces.find((x) => x.code === p.code)?.units).toBe(p.units.length);
    }
    expect(new Set(ALL_PROVINCES.map((p) => p.code)).size).toBe(34);
  });

  test('counts 3,321 units: xã, phường and đặc khu, 5-digit codes, unique', () => {
    expect(units).toHaveLength(3321);
    expect(OFFICIAL_LIST.unit_count).toBe(3321);
    for (const u of units) {
      expect(u.code).toMatch(/^\d{5}$/);
      expect(u.name).toMatch(/^(Xã|Phường|Đặc khu) \S/);
      expect(u.name).toBe(u.name.normalize('NFC'));
    }
    expect(new Set(units.map((u) => u.code)).size).toBe(3321);
    const kinds = (k: string) => units.filter((u) => u.name.startsWith(`${k} `)).length;
    expect([kinds('Xã'), kinds('Phường'), kinds('Đặc khu')]).toEqual([2611, 697, 13]);
  });

  test('puts every unit in exactly one province, and no name twice in one province', () => {
    const seen = new Map<string, string>();
    for (const u of units) {
      expect(seen.has(u.code)).toBe(false);
      seen.set(u.code, u.province);
    }
    for (const p of ALL_PROVINCES) expect(new Set(p.units.map(([, n]) => nameKey(n))).size).toBe(p.units.length);
  });

  test('records its source, the legal acts and the date in force', () => {
    expect(OFFICIAL_LIST.in_force_from).toBe('2026-04-30');
    expect(OFFICIAL_LIST.source.dataset).toBe('thanglequoc/vietnamese-provinces-database');
    expect(OFFICIAL_LIST.legal_acts.map((a) => a.act)).toEqual(['19/2025/QĐ-TTg', '30/2026/QH16', '237/NQ-UBTVQH16']);
  });

  test('finds a unit and a province by code or name', () => {
    expect(officialUnit('09367')).toEqual({ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24', province_name: 'Bắc Ninh' });
    expect(provinceInfo('24')?.name).toBe('Bắc Ninh');
    expect(provinceInfo('Tỉnh Bắc Ninh')?.code).toBe('24');
    expect(provinceInfo('ho chi minh')?.code).toBe('79');
    expect(provinceInfo('Thành phố Hồ Chí Minh')?.code).toBe('79');
    expect(provinceInfo('Atlantis')).toBeUndefined();
  });

  test('compares names across the old and new tone placement, and folds for search', () => {
    expect(nameKey('Xã  Hòa  An')).toBe(nameKey('xã hoà an'));
    expect(nameKey('Xã Hòa An')).not.toBe(nameKey('Xã Hoá An'));
    expect(searchKey('Phường Từ Sơn')).toBe('phuong tu son');
    expect(searchKey('Đặc khu Phú Quốc')).toBe('dac khu phu quoc');
  });
});
