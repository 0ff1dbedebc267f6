import { ListUpdateError, applyPatch, diffLists, listProblems, readPatchSql, readReleaseJson } from '../../src/profiles/listUpdate';
import type { ProvinceUnits } from '../../src/profiles/officialList';

/** A small list in the project's shape: two provinces. */
function list(): ProvinceUnits[] {
  return [
    { code: '22', name: 'Quảng Ninh', full_name: 'Tỉnh Quảng Ninh', units: [['06970', 'Xã Ba Chẽ'], ['06979', 'Xã Kỳ Thượng']] },
    {
      code: '24',
      name: 'Bắc Ninh',
      full_name: 'Tỉnh Bắc Ninh',
      units: [['07294', 'Xã Bố Hạ'], ['09367', 'Phường Từ Sơn'], ['09400', 'Xã Hồ'], ['09401', 'Xã An Bình'], ['09402', 'Xã Song Hồ']],
    },
  ];
}

/** The same list as the upstream's JSON release file spells it. */
function upstream(provinces: ProvinceUnits[]): unknown {
  return provinces.map((p) => ({
    Code: p.code,
    Name: p.name,
    FullName: p.full_name,
    Wards: p.units.map(([code, name]) => ({ Code: code, FullName: name.replace(/^Xã/, 'xã'), Name: name.replace(/^(Xã|Phường) /, ''), ProvinceCode: p.code })),
  }));
}

const OPTS = { act: '388/NQ-UBTVQH16', date: '2026-09-20', release: 'v9.9.9' };

describe('reading a release of the upstream dataset', () => {
  test('the JSON list: provinces and units by code, kinds spelled as the list spells them (Xã, Phường)', () => {
    const read = readReleaseJson(upstream(list()), 'f.json');
    expect(read).toEqual(list());
  });

  test('a JSON that is no list, or a unit filed under another province, is refused with the file named', () => {
    expect(() => readReleaseJson({ a: 1 }, 'f.json')).toThrow(ListUpdateError);
    const bad = upstream(list()) as { Wards: { ProvinceCode: string }[] }[];
    bad[0].Wards[0].ProvinceCode = '24';
    expect(() => readReleaseJson(bad, 'f.json')).toThrow(/f\.json: unit 06970 is listed in province 22 but names province 24/);
  });

  test('an SQL patch: UPDATE of units and provinces keyed by code, INSERT and DELETE, the release it names', () => {
    const sql = `/*\n * Release: v5.2.0\n * UPDATE wards SET nothing -- inside a comment\n */
      UPDATE provinces SET full_name = 'Thành phố Bắc Ninh', full_name_en = 'Bac Ninh City', administrative_unit_id = 1 WHERE code = '24';
      -- a comment; with a semicolon
      UPDATE wards
      SET full_name = 'Phường Bố Hạ', full_name_en = 'Bo Ha Ward', administrative_unit_id = 3
      WHERE code = '07294';
      UPDATE wards SET code = '06971' WHERE code = '06979';
      DELETE FROM wards WHERE code = '09401';
      INSERT INTO wards(code,name,full_name,province_code,administrative_unit_id) VALUES ('09403','Tân Hồ','Xã Tân Hồ','24',4),('09404','O''Lạ','Xã O''Lạ','24',4);
      CREATE TABLE IF NOT EXISTS vn_provinces_metadata (dataset_version varchar(50) NOT NULL);
      DELETE FROM vn_provinces_metadata;
      INSERT INTO vn_provinces_metadata(dataset_version, latest_decree, generated_at) VALUES ('v5.2.0', '388/NQ-UBTVQH16', '2026-09-20 13:13:17');`;
    const patch = readPatchSql(sql, 'p.sql');
    expect(patch).toMatchObject({ release: 'v5.2.0', latest_act: '388/NQ-UBTVQH16', generated: '2026-09-20' });
    expect(patch.steps).toHaveLength(6);
    const after = applyPatch(list(), patch, 'p.sql');
    expect(after[0].units).toEqual([['06970', 'Xã Ba Chẽ'], ['06971', 'Xã Kỳ Thượng']]);
    expect(after[1].full_name).toBe('Thành phố Bắc Ninh');
    expect(after[1].units.map((u) => u.join(' '))).toEqual(['07294 Phường Bố Hạ', '09367 Phường Từ Sơn', '09400 Xã Hồ', '09402 Xã Song Hồ', "09403 Xã Tân Hồ", "09404 Xã O'Lạ"]);
  });

  test('a statement the reader does not understand is refused, never skipped', () => {
    expect(() => readPatchSql(`UPDATE wards SET full_name = 'X' WHERE name = 'Y';`, 'p.sql')).toThrow(/p\.sql: statement 1 cannot be read/);
    expect(() => readPatchSql(`DROP TABLE wards;`, 'p.sql')).toThrow(ListUpdateError);
    expect(() => readPatchSql(`DELETE FROM vn_provinces_metadata;`, 'p.sql')).toThrow(/changes no unit/);
  });

  test('a patch for another release (a code the list does not have) is refused', () => {
    const patch = readPatchSql(`UPDATE wards SET code = '06970' WHERE code = '06978';`, 'v5.0.0_patch.sql');
    expect(() => applyPatch(list(), patch, 'v5.0.0_patch.sql')).toThrow(/changes code 06978, which the current list does not have/);
  });
});

describe('the invariants of a list', () => {
  test('a sound list has no problem', () => {
    expect(listProblems(list())).toEqual([]);
  });

  test.each([
    ['a 3-digit province code', (l: ProvinceUnits[]) => (l[0].code = '022'), /Province code "022" is not 2 digits/],
    ['a 4-digit unit code', (l: ProvinceUnits[]) => (l[0].units[0][0] = '0697'), /Unit code "0697" \(22\) is not 5 digits/],
    ['a code in two provinces', (l: ProvinceUnits[]) => (l[1].units[0][0] = '06970'), /Unit code 06970 is in both province 22 and province 24/],
    ['a name not in NFC', (l: ProvinceUnits[]) => (l[0].units[0][1] = 'Xã Ba Chẽ'.normalize('NFD')), /Unit 06970: its name is not NFC/],
    ['a name with no kind', (l: ProvinceUnits[]) => (l[0].units[0][1] = 'Ba Chẽ'), /does not start with Xã, Phường or Đặc khu/],
    ['a district-era kind', (l: ProvinceUnits[]) => (l[0].units[0][1] = 'Thị trấn Ba Chẽ'), /does not start with Xã, Phường or Đặc khu/],
    ['two units of one name in a province', (l: ProvinceUnits[]) => (l[1].units[2][1] = 'Xã Bố Hạ'), /two units named "Xã Bố Hạ"/],
    ['a province full name without its kind', (l: ProvinceUnits[]) => (l[0].full_name = 'Quảng Ninh'), /does not start with "Tỉnh" or "Thành phố"/],
    ['a province twice', (l: ProvinceUnits[]) => (l[1].code = '22'), /Province code 22 appears twice/],
  ])('%s is a problem, named in both languages', (_what, breakIt, message) => {
    const l = list();
    breakIt(l);
    const problems = listProblems(l);
    expect(problems.map((p) => p.en).join(' ')).toMatch(message);
    expect(problems.every((p) => p.vi.length > 0)).toBe(true);
  });
});

describe('what changed between two lists', () => {
  test('renamed (same code), and a change of tone placement only is a spelling, not a change of the State', () => {
    const after = list();
    after[1].units[0][1] = 'Phường Bố Hạ';
    after[1].units[2][1] = 'Xã Hồ';
    after[0].units[1][1] = 'Xã Kỳ Thựơng'.normalize('NFC');
    const d = diffLists(list(), after, OPTS);
    expect(d.changes).toEqual([
      { kind: 'renamed', old_code: '07294', old_name: 'Xã Bố Hạ', new_code: '07294', new_name: 'Phường Bố Hạ', province_code: '24', date: '2026-09-20', act: '388/NQ-UBTVQH16', release: 'v9.9.9' },
    ]);
    expect(d.respelled).toEqual([{ code: '06979', old_name: 'Xã Kỳ Thượng', new_name: 'Xã Kỳ Thựơng' }]);
  });

  test('a code gone with a new code of the same name in its province is recoded', () => {
    const after = list();
    after[0].units[0][0] = '06968';
    after[0].units.sort((a, b) => a[0].localeCompare(b[0]));
    expect(diffLists(list(), after, OPTS).changes).toEqual([expect.objectContaining({ kind: 'recoded', old_code: '06970', new_code: '06968', new_name: 'Xã Ba Chẽ' })]);
  });

  test('merged, split, new and removed: the successors the list cannot show come from --successor', () => {
    const after = list();
    // 09400 Xã Hồ merged into 09402; 09401 An Bình split over 09402 and a new 09405; 07294 dissolved.
    after[1].units = [['09367', 'Phường Từ Sơn'], ['09402', 'Xã Song Hồ'], ['09405', 'Xã Tân An'], ['09406', 'Xã Mới']];
    const d = diffLists(list(), after, { ...OPTS, successors: new Map([['09400', ['09402']], ['09401', ['09402', '09405']]]) });
    expect(d.changes.map((c) => [c.kind, c.old_code, c.new_code])).toEqual([
      ['removed', '07294', null],
      ['merged', '09400', '09402'],
      ['split', '09401', '09402'],
      ['split', '09401', '09405'],
      ['new', null, '09406'],
    ]);
  });

  test('a province renamed keeps its own act when the units have another', () => {
    const after = list();
    after[1].full_name = 'Thành phố Bắc Ninh';
    const d = diffLists(list(), after, { ...OPTS, province_act: '39/2026/QH16' });
    expect(d.province_changes).toEqual([
      { code: '24', old_name: 'Bắc Ninh', new_name: 'Bắc Ninh', old_full_name: 'Tỉnh Bắc Ninh', new_full_name: 'Thành phố Bắc Ninh', date: '2026-09-20', act: '39/2026/QH16', release: 'v9.9.9' },
    ]);
  });

  test('a --successor for a code still in the list, or to a code not in it, is refused', () => {
    expect(() => diffLists(list(), list(), { ...OPTS, successors: new Map([['09400', ['09402']]]) })).toThrow(/still in the new list/);
    const after = list();
    after[1].units.splice(2, 1);
    expect(() => diffLists(list(), after, { ...OPTS, successors: new Map([['09400', ['09999']]]) })).toThrow(/code 09999 is not in the new list/);
  });
});
