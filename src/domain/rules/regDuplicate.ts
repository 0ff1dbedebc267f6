/**
 * REG-07: a probable duplicate person, the same name, birth date (or year) and commune on two
 * registry rows (docs/rules.md). A warning: the clerk decides whether they are one person.
 */
import { normaliseText } from '../codes';
import type { RegistryRecord } from '../model';
import { REG07_MESSAGE_12 } from './regMessages';
import { eachRecord, registryFinding, type Rule } from './types';

const WHITESPACE = /\s+/g;
/** Whitespace other than single spaces (cleanText has trimmed the ends). */
const ODD_SPACE = /[^\S ]| {2}/;

/** REG-07's group of rows sharing name, commune and birth year: its first record, first
 *  year-only record and first record per day (a Map only once a second day turns up). */
interface Reg07Group {
  any: RegistryRecord;
  yearOnly: RegistryRecord | null;
  day: number;
  dayRecord: RegistryRecord | null;
  days: Map<number, RegistryRecord> | null;
}

/** A compared name's groups, by commune and birth year as one number: the first in `key`/`group`,
 *  the others in `more` (created only when the name turns up with a second commune or year). */
interface Reg07Name {
  name: string;
  /** The name holds `|`: its rows take the key-string path (see below). */
  pipe: boolean;
  key: number;
  group: Reg07Group | null;
  more: Map<number, Reg07Group> | null;
}

/** The earlier row `r` duplicates in its group (or none), recording `r` in the group. */
function reg07Twin(group: Reg07Group, r: RegistryRecord, b: NonNullable<RegistryRecord['birth']>): RegistryRecord | null | undefined {
  const day = b.date.getTime();
  if (b.yearOnly) {
    group.yearOnly ??= r;
    return group.any;
  }
  const twin = group.yearOnly ?? (group.dayRecord && group.day === day ? group.dayRecord : group.days?.get(day));
  if (!group.dayRecord) {
    group.day = day;
    group.dayRecord = r;
  } else if (group.day !== day) {
    group.days ??= new Map();
    if (!group.days.has(day)) group.days.set(day, r);
  }
  return twin;
}

function reg07Group(r: RegistryRecord, b: NonNullable<RegistryRecord['birth']>): Reg07Group {
  return b.yearOnly ? { any: r, yearOnly: r, day: 0, dayRecord: null, days: null } : { any: r, yearOnly: null, day: b.date.getTime(), dayRecord: r, days: null };
}

export const REG_07: Rule = {
  id: 'REG-07',
  severity: 'warning',
  fields: ['full_name', 'birth_date', 'commune'],
  description_vi: 'Có thể trùng người: cùng họ tên, ngày (năm) sinh và xã/phường',
  description_en: 'Probable duplicate person: same name, birth date (or year) and commune',
  check: (ctx) => {
    // Same day, or a year alone on either side, is a probable duplicate: rows are grouped by
    // compared name + commune + birth year, and a group keeps its first record, first year-only
    // record and first record per day: O(1) per row. The groups hang from the name (a register
    // repeats names), keyed by a number for commune and year, so no key string is built or
    // hashed per row. That is the key `${name}|${commune}|${year}` exactly: two rows agree on it
    // when they agree on the three parts, unless a part holds `|`; such rows (and an unreadable
    // year) are grouped by that very string, and can only meet each other there.
    const byName = new Map<string, Reg07Name>();
    // Name as typed -> its compared form's entry: most rows skip toLowerCase (a new string per row).
    const nameKeys = new Map<string, Reg07Name>();
    // Commune -> a small number (-1: the commune holds `|`).
    const communeIds = new Map<string, number>();
    const byString = new Map<string, Reg07Group>();
    return eachRecord(ctx, (r, out) => {
      if (r.full_name === null || r.birth === null) return;
      const b = r.birth;
      const commune = r.commune ?? (typeof r.raw.commune === 'string' ? normaliseText(r.raw.commune) : '');
      let entry = nameKeys.get(r.full_name);
      if (entry === undefined) {
        const lower = r.full_name.toLowerCase();
        const name = ODD_SPACE.test(lower) ? lower.replace(WHITESPACE, ' ') : lower;
        entry = byName.get(name);
        if (entry === undefined) {
          entry = { name, pipe: name.includes('|'), key: 0, group: null, more: null };
          byName.set(name, entry);
        }
        nameKeys.set(r.full_name, entry);
      }
      let communeId = communeIds.get(commune);
      if (communeId === undefined) {
        communeId = commune.includes('|') ? -1 : communeIds.size;
        communeIds.set(commune, communeId);
      }
      const year = b.date.getUTCFullYear();
      let twin: RegistryRecord | null | undefined;
      if (entry.pipe || communeId < 0 || !Number.isFinite(year)) {
        const key = `${entry.name}|${commune}|${year}`;
        const group = byString.get(key);
        if (!group) {
          byString.set(key, reg07Group(r, b));
          return;
        }
        twin = reg07Twin(group, r, b);
      } else {
        // Years run from -271821 to 275760: + 300,000 keeps them apart within a million.
        const key = communeId * 1_000_000 + year + 300_000;
        const group = entry.group !== null && entry.key === key ? entry.group : entry.more?.get(key);
        if (!group) {
          if (entry.group === null) {
            entry.key = key;
            entry.group = reg07Group(r, b);
          } else (entry.more ??= new Map()).set(key, reg07Group(r, b));
          return;
        }
        twin = reg07Twin(group, r, b);
      }
      if (!twin) return;
      const earlier = twin;
      out.push(registryFinding(ctx, 'REG-07', 'warning', r, 'full_name', (p) => REG07_MESSAGE_12(p, r, b, earlier)));
    });
  },
};
