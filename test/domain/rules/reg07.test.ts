/**
 * REG-07, probable duplicate person: rows are grouped by compared name + commune + birth year,
 * and a row is flagged against the group's first row of the same day, or any row when either
 * side has a year alone. The rule groups by numbers hung from the name instead of building the
 * key string `${name}|${commune}|${year}` per row; it must flag exactly the rows, against exactly
 * the earlier rows, that grouping by that key string flags (names and communes holding `|`,
 * odd spaces, case, year-only births, unknown communes included).
 */
import { normaliseText } from '../../../src/domain/codes';
import { parseWorkbook } from '../../../src/domain/parse';
import type { RegistryRecord } from '../../../src/domain/model';
import { buildWorkbook, findingsOf, utc } from '../helpers';

/** The grouping by key string, written plainly: [row, earlier row] per flagged row. */
function byKeyString(records: readonly RegistryRecord[]): [number, number][] {
  const groups = new Map<string, { any: RegistryRecord; yearOnly: RegistryRecord | null; byDay: Map<number, RegistryRecord> }>();
  const out: [number, number][] = [];
  for (const r of records) {
    if (r.full_name === null || r.birth === null) continue;
    const commune = r.commune ?? (typeof r.raw.commune === 'string' ? normaliseText(r.raw.commune) : '');
    const name = r.full_name.toLowerCase().replace(/\s+/g, ' ');
    const key = `${name}|${commune}|${r.birth.date.getUTCFullYear()}`;
    const day = r.birth.date.getTime();
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { any: r, yearOnly: r.birth.yearOnly ? r : null, byDay: r.birth.yearOnly ? new Map() : new Map([[day, r]]) });
      continue;
    }
    let twin: RegistryRecord | undefined;
    if (r.birth.yearOnly) {
      twin = group.any;
      group.yearOnly ??= r;
    } else {
      twin = group.yearOnly ?? group.byDay.get(day);
      if (!group.byDay.has(day)) group.byDay.set(day, r);
    }
    if (twin) out.push([r.row0 + 1, twin.row0 + 1]);
  }
  return out;
}

test('REG-07 flags exactly what grouping by the name|commune|year key string flags', () => {
  const rows = 600;
  const wb = buildWorkbook({ rows });
  const names = ['Nguyễn Thị Hoa', 'nguyễn thị hoa', 'Nguyễn  Thị Hoa', 'Nguyễn|Thị', 'Nguyễn', 'Trần Văn A|B', 'Trần Văn A', 'Lê\tVăn Tám'];
  const communes = ['Phường Đông Ngàn', 'Đông Ngàn', 'Xã Tam Sơn', 'B|Xóm Lạ', 'Thị|Xóm Lạ', 'Xóm Lạ', ''];
  const births = [utc(1990, 3, 12), utc(1990, 3, 13), utc(1991, 1, 1), '1990', 1991, '12/03/1990', null];
  let seed = 3;
  const pick = <T>(list: readonly T[]): T => list[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % list.length];
  for (let i = 0; i < rows; i++) {
    wb.setRegistry(i, 'full_name', pick(names));
    wb.setRegistry(i, 'commune', pick(communes));
    wb.setRegistry(i, 'birth_date', pick(births));
  }
  const expected = byKeyString(parseWorkbook(wb.model).registry.records);
  // Enough of each case to mean something: many flagged rows, some through a `|` key.
  expect(expected.length).toBeGreaterThan(100);
  const found = findingsOf(wb, 'REG-07').map((f): [number, number] => [f.row as number, Number(/may be the same person as row (\d+)/.exec(f.message_en)?.[1])]);
  expect(found.sort((a, b) => a[0] - b[0])).toEqual(expected.sort((a, b) => a[0] - b[0]));
});
