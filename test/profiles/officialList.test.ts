import '../../src/profiles/officialAll';
import { ALL_PROVINCES } from '../../src/profiles/data/vn-units/all';
import { listProblems } from '../../src/profiles/listUpdate';
import { OFFICIAL_LIST, nameKey, officialUnit, provinceInfo, searchKey } from '../../src/profiles/officialList';

describe('the official list of commune-level units', () => {
  const units = ALL_PROVINCES.flatMap((p) => p.units.map(([code, name]) => ({ code, name, province: p.code })));

  test('meets every invariant of a list (no count is hard-coded: the State changes it)', () => {
    expect(listProblems(ALL_PROVINCES)).toEqual([]);
  });

  test('the index agrees with the province files: codes, names, counts', () => {
    expect(OFFICIAL_LIST.provinces.map((p) => p.code)).toEqual(ALL_PROVINCES.map((p) => p.code));
    for (const p of ALL_PROVINCES) {
      const info = OFFICIAL_LIST.provinces.find((x) => x.code === p.code)!;
      expect({ name: info.name, full_name: info.full_name, units: info.units }).toEqual({ name: p.name, full_name: p.full_name, units: p.units.length });
    }
    expect(OFFICIAL_LIST.unit_count).toBe(units.length);
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
  });

  test('puts every unit in exactly one province, and no name twice in one province', () => {
    const seen = new Map<string, string>();
    for (const u of units) {
      expect(seen.has(u.code)).toBe(false);
      seen.set(u.code, u.province);
    }
    for (const p of ALL_PROVINCES) expect(new Set(p.units.map(([, n]) => nameKey(n))).size).toBe(p.units.length);
  });

  test('records its source, the legal acts and the day in force: the newest act applied', () => {
    expect(OFFICIAL_LIST.source.dataset).toBe('thanglequoc/vietnamese-provinces-database');
    expect(OFFICIAL_LIST.source.release).toMatch(/^v\d+\.\d+\.\d+$/);
    const days = [...OFFICIAL_LIST.legal_acts.map((a) => a.in_force), ...OFFICIAL_LIST.changes.map((c) => c.date)];
    expect(OFFICIAL_LIST.in_force_from).toBe(days.sort().at(-1));
    expect(OFFICIAL_LIST.list).toBe(`vn-units-${OFFICIAL_LIST.in_force_from}`);
    expect(OFFICIAL_LIST.legal_acts.map((a) => a.act)).toEqual(expect.arrayContaining(['19/2025/QĐ-TTg', '237/NQ-UBTVQH16', '36/2026/QH16', '39/2026/QH16', '388/NQ-UBTVQH16']));
  });

  test('every change record points at units the list has now (a successor) or had (a former code)', () => {
    const codes = new Set(units.map((u) => u.code));
    for (const c of OFFICIAL_LIST.changes) {
      expect(c.kind).toMatch(/^(renamed|recoded|merged|split|new|removed)$/);
      expect(c.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (c.new_code !== null && c.kind !== 'split') {
        const laterOut = OFFICIAL_LIST.changes.some((x) => x.old_code === c.new_code && x.new_code !== c.new_code && x.date >= c.date);
        expect(codes.has(c.new_code) || laterOut).toBe(true);
      }
      if (c.kind === 'recoded' || c.kind === 'merged' || c.kind === 'removed') expect(codes.has(c.old_code!)).toBe(false);
    }
  });

  test('province names as they stand today (Resolutions 36/2026/QH16 and 39/2026/QH16)', () => {
    expect(provinceInfo('22')?.full_name).toBe('Thành phố Quảng Ninh');
    expect(provinceInfo('24')?.full_name).toBe('Thành phố Bắc Ninh');
    expect(OFFICIAL_LIST.province_changes.map((p) => [p.code, p.act, p.date])).toEqual([
      ['22', '36/2026/QH16', '2026-09-01'],
      ['24', '39/2026/QH16', '2026-09-20'],
    ]);
    expect(provinceInfo('Thành phố Quảng Ninh')?.code).toBe('22');
    expect(provinceInfo('Tỉnh Bắc Ninh')?.code).toBe('24');
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
