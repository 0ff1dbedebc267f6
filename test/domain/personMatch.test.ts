import { birthYearOf, matchPeople, personKeys, plainForm, SAME_PERSON, toneForm, type PersonEntry } from '../../src/domain/personMatch';
import type { RegistryRecord } from '../../src/domain/model';

/** DUP-01 must find the duplicates Vietnamese spelling produces, with a level and a reason. */
type Person = { unit: string; id?: string; name?: string; birth?: string | number | null; idNumber?: string | null };

function record(p: Person): Pick<RegistryRecord, 'full_name' | 'birth' | 'raw' | 'id_number'> {
  const m = typeof p.birth === 'string' ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(p.birth) : null;
  return {
    full_name: p.name ?? null,
    id_number: p.idNumber ?? null,
    raw: { birth_date: p.birth ?? null },
    // As the parser gives it: a full date parsed, anything else left to the raw cell.
    birth: m ? { date: new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))), yearOnly: false } : null,
  };
}

const entry = (p: Person): PersonEntry => ({ unit_code: p.unit, case_id: p.id ?? `${p.unit}-1`, ...personKeys(record(p)) });
const pair = (a: Person, b: Person) => matchPeople([entry(a), entry(b)]);

describe('the forms compared', () => {
  test('the tone mark counts wherever it sits: Hòa = Hoà, Thủy = Thuỷ, Khỏe = Khoẻ', () => {
    expect(toneForm('Hòa'.toLowerCase())).toBe(toneForm('Hoà'.toLowerCase()));
    expect(toneForm('thủy')).toBe(toneForm('thuỷ'));
    expect(toneForm('khỏe')).toBe(toneForm('khoẻ'));
    // but a different tone is a different syllable
    expect(toneForm('thùy')).not.toBe(toneForm('thúy'));
  });

  test('without diacritics, đ → d', () => {
    expect(plainForm('Đặng Thị Thủy')).toBe('dang thi thuy');
  });

  test('a birth written 03/1990, 3-1990, 1990 or 12/03/1990 counts by its year', () => {
    for (const raw of ['03/1990', '3-1990', '1990', '12/03/1990', ' 03 / 1990 ', 1990]) expect(birthYearOf(record({ unit: 'A', birth: raw }))).toBe(1990);
    expect(birthYearOf(record({ unit: 'A', birth: 'không rõ' }))).toBeNull();
    expect(birthYearOf(record({ unit: 'A', birth: '13/1890' }))).toBeNull();
  });
});

describe('DUP-01 levels and reasons', () => {
  test('the same CCCD is probable, with or without a birth date, whatever the names', () => {
    const [m] = pair({ unit: 'A', name: 'Nguyễn Thị Hoa', idNumber: '001190012345' }, { unit: 'B', name: 'Nguyen Hoa', birth: '05/06/1990', idNumber: '001 190 012 345' });
    expect(m).toMatchObject({ level: 'probable', reasons: ['same_id'] });
  });

  test('the same name and the same full date of birth: probable, and strong enough to merge without a person looking', () => {
    const [m] = pair({ unit: 'A', name: 'Nguyễn Thị Hòa', birth: '01/02/1995' }, { unit: 'B', name: 'Nguyễn Thị Hoà', birth: '01/02/1995' });
    expect(m).toMatchObject({ level: 'probable', reasons: ['same_name_birthdate'] });
    expect(SAME_PERSON).toEqual(['same_id', 'same_name_birthdate']);
  });

  test('the tone mark placed the other way (Hòa / Hoà), same birth year: probable, same name', () => {
    const [m] = pair({ unit: 'A', name: 'Nguyễn Thị Hòa', birth: '01/02/1995' }, { unit: 'B', name: 'NGUYỄN THỊ HOÀ', birth: '1995' });
    expect(m).toMatchObject({ level: 'probable', reasons: ['same_name_year'] });
  });

  test('a name typed without diacritics (Tran Van Thuy for Trần Văn Thủy), same birth year: probable', () => {
    const [m] = pair({ unit: 'A', name: 'Trần Văn Thủy', birth: '09/09/1988' }, { unit: 'B', name: 'Tran Van Thuy', birth: '03/1988' });
    expect(m).toMatchObject({ level: 'probable', reasons: ['same_name_no_diacritics'] });
  });

  test('two different names that only look alike without diacritics (Thùy / Thúy): possible', () => {
    const [m] = pair({ unit: 'A', name: 'Lê Thị Thùy', birth: '1992' }, { unit: 'B', name: 'Lê Thị Thúy', birth: '1992' });
    expect(m).toMatchObject({ level: 'possible', reasons: ['same_name_no_diacritics'] });
  });

  test('the middle name left out and the birth year one off (Nguyễn Thị Hoa 1990 / Nguyễn Hoa 1991): possible', () => {
    const [m] = pair({ unit: 'A', name: 'Nguyễn Thị Hoa', birth: '1990' }, { unit: 'B', name: 'Nguyễn Hoa', birth: '1991' });
    expect(m).toMatchObject({ level: 'possible', reasons: ['family_given_year'] });
    expect(pair({ unit: 'A', name: 'Nguyễn Thị Hoa', birth: '1990' }, { unit: 'B', name: 'Nguyễn Hoa', birth: '1992' })).toEqual([]);
  });

  test('one letter wrong, missing or extra (Phạm Thị Nhung / Phạm Thị Nhug / Phạm Thị Nhunh), same birth year: possible, similar name', () => {
    for (const typo of ['Phạm Thị Nhug', 'Phạm Thị Nhunh', 'Phạm Thị Nhungg', 'Phạn Thị Nhung']) {
      const found = pair({ unit: 'A', name: 'Phạm Thị Nhung', birth: '1999' }, { unit: 'B', name: typo, birth: '1999' });
      expect({ typo, found: found.map((m) => [m.level, m.reasons]) }).toEqual({ typo, found: [['possible', ['similar_name_year']]] });
    }
    // Two letters apart is another person.
    expect(pair({ unit: 'A', name: 'Phạm Thị Nhung', birth: '1999' }, { unit: 'B', name: 'Phạm Thị Nhàn', birth: '1999' })).toEqual([]);
  });

  test('no pair: other names, the same name born years apart, two different ID numbers, or one unit', () => {
    expect(pair({ unit: 'A', name: 'Nguyễn Thị Lan', birth: '1990' }, { unit: 'B', name: 'Nguyễn Thị Hoa', birth: '1990' })).toEqual([]);
    expect(pair({ unit: 'A', name: 'Nguyễn Thị Lan', birth: '1990' }, { unit: 'B', name: 'Nguyễn Thị Lan', birth: '1995' })).toEqual([]);
    expect(pair({ unit: 'A', name: 'Nguyễn Thị Lan', birth: '1990', idNumber: '001190000001' }, { unit: 'B', name: 'Nguyễn Thị Lan', birth: '1990', idNumber: '001190000002' })).toEqual([]);
    expect(pair({ unit: 'A', id: 'A-1', name: 'Nguyễn Thị Lan', birth: '1990' }, { unit: 'A', id: 'A-2', name: 'Nguyễn Thị Lan', birth: '1990' })).toEqual([]);
  });

  test('a row without a birth date is matched by its ID number only', () => {
    const noBirth = { unit: 'A', name: 'Đỗ Thị Mai' };
    expect(pair(noBirth, { unit: 'B', name: 'Đỗ Thị Mai', birth: '1990' })).toEqual([]);
    expect(pair({ ...noBirth, idNumber: 'C1234567' }, { unit: 'B', name: 'Do Mai', idNumber: 'c1234567' })).toMatchObject([{ level: 'probable', reasons: ['same_id'] }]);
  });

  test('every kind of key is made, for the caller to hash (no name is compared in clear)', () => {
    const keys = personKeys(record({ unit: 'A', name: 'Quàng Thị Phượng', birth: '1990', idNumber: '001190012345' }));
    expect(keys.id).toBe('i|001190012345');
    expect(keys.keys.length).toBeGreaterThan(10);
    expect(new Set(keys.keys.map((k) => k.reason))).toEqual(new Set(['same_name_year', 'same_name_no_diacritics', 'family_given_year', 'similar_name_year']));
  });
});
