import { formerNames, supersededCode, supersededText, type UnitChange } from '../../src/domain/unitHistory';

const base = { province_code: '24', act: 'A/1', release: null };
const CHANGES: UnitChange[] = [
  { kind: 'recoded', old_code: '00001', old_name: 'Xã Một', new_code: '00002', new_name: 'Xã Một', date: '2026-01-01', ...base },
  { kind: 'merged', old_code: '00002', old_name: 'Xã Một', new_code: '00003', new_name: 'Xã Ba', date: '2026-06-01', ...base, act: 'B/2' },
  { kind: 'split', old_code: '00010', old_name: 'Xã Mười', new_code: '00011', new_name: 'Xã Mười Một', date: '2026-06-01', ...base },
  { kind: 'split', old_code: '00010', old_name: 'Xã Mười', new_code: '00012', new_name: 'Xã Mười Hai', date: '2026-06-01', ...base },
  { kind: 'removed', old_code: '00020', old_name: 'Xã Hai Mươi', new_code: null, new_name: null, date: '2026-06-01', ...base },
  { kind: 'renamed', old_code: '00003', old_name: 'Xã Ba Cũ', new_code: '00003', new_name: 'Xã Ba', date: '2025-12-01', ...base },
  { kind: 'new', old_code: null, old_name: null, new_code: '00012', new_name: 'Xã Mười Hai', date: '2026-06-01', ...base },
];
const NOW = new Set(['00003', '00011', '00012']);
const exists = (c: string) => NOW.has(c);

describe('what a superseded unit code became (FMT-07 names it)', () => {
  test('a chain (recoded, then merged) ends at the unit in force, with the last act and day', () => {
    expect(supersededCode(CHANGES, '00001', exists)).toEqual({
      kind: 'recoded',
      old_code: '00001',
      old_name: 'Xã Một',
      province_code: '24',
      successors: [{ code: '00003', name: 'Xã Ba' }],
      date: '2026-06-01',
      act: 'B/2',
    });
  });

  test('a split names every successor; a dissolved unit none; a code in force or unknown is not superseded', () => {
    expect(supersededCode(CHANGES, '00010', exists)).toMatchObject({ kind: 'split', successors: [{ code: '00011' }, { code: '00012' }] });
    expect(supersededCode(CHANGES, '00020', exists)).toMatchObject({ kind: 'removed', successors: [] });
    expect(supersededCode(CHANGES, '00003', exists)).toBeNull();
    expect(supersededCode(CHANGES, '99999', exists)).toBeNull();
  });

  test('the phrase says what, when, by which act, and what it is now, in both languages', () => {
    expect(supersededText(supersededCode(CHANGES, '00001', exists)!)).toEqual({
      vi: 'Xã Một (00001) đã đổi mã từ 01/06/2026 (B/2): nay là Xã Ba (00003)',
      en: 'Xã Một (00001) was recoded on 01/06/2026 (B/2): it is now Xã Ba (00003)',
    });
    expect(supersededText(supersededCode(CHANGES, '00020', exists)!).en).toBe('Xã Hai Mươi (00020) is no longer in the official list since 01/06/2026 (A/1); no successor is recorded');
  });
});

describe('former names of a province (REG-08 reads them, with a warning)', () => {
  const key = (s: string) => s.toLowerCase();
  const names = formerNames(CHANGES, '24', ['Xã Ba', 'Xã Mười Một', 'Xã Mười Hai'], key);

  test('a former name maps to its successor; a name still in force is not former', () => {
    expect(names.get('xã ba cũ')).toMatchObject({ kind: 'renamed', successors: [{ code: '00003', name: 'Xã Ba' }] });
    expect(names.get('xã mười')).toMatchObject({ successors: [{ code: '00011' }, { code: '00012' }] });
    expect(names.get('xã hai mươi')).toMatchObject({ kind: 'removed', successors: [] });
    expect(names.has('xã ba')).toBe(false);
  });

  test('only the province asked for', () => {
    expect(formerNames(CHANGES, '01', [], key).size).toBe(0);
  });
});
