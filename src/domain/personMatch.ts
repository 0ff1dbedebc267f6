/**
 * DUP-01's comparison of people across units (docs/rules.md): several keys per person, each
 * built from the forms Vietnamese spelling produces for one name, so that the inbox can compare
 * keyed hashes of them and never a name.
 *
 * - the ID number alone (12-digit CCCD, 9-digit CMND, passport), with or without a birth date;
 * - the full name (tone marks normalised as below) and the full date of birth;
 * - the full name with the tone mark's position normalised (`Hòa` = `Hoà`, `Thủy` = `Thuỷ`: the
 *   old and the new placement are both in everyday use) and the birth year;
 * - the full name without diacritics (`Tran Van Thuy`) and the birth year;
 * - family and given name without diacritics, birth years at most one apart (a middle name left
 *   out, `Nguyễn Hoa` for `Nguyễn Thị Hoa`, or a birth year a year off);
 * - the full name without diacritics within one letter (one letter wrong, missing or extra:
 *   every form with one letter deleted is a key, so two names one edit apart share one) and the
 *   birth year.
 * A birth written `03/1990` (month and year) or as a year alone counts by its year.
 *
 * Pure: hashing is the caller's (the inbox HMACs every key with its own key).
 */
import type { RegistryRecord } from './model';

export type MatchReason = 'same_id' | 'same_name_birthdate' | 'same_name_year' | 'same_name_no_diacritics' | 'family_given_year' | 'similar_name_year';
export type MatchLevel = 'probable' | 'possible';

/** Strongest first. */
export const MATCH_REASONS: readonly MatchReason[] = ['same_id', 'same_name_birthdate', 'same_name_year', 'same_name_no_diacritics', 'family_given_year', 'similar_name_year'];

/** The reasons in words, as the staff page shows them. */
export const MATCH_REASON_TEXT: Record<MatchReason, { vi: string; en: string }> = {
  same_id: { vi: 'cùng số CCCD/hộ chiếu', en: 'same ID number' },
  same_name_birthdate: { vi: 'cùng họ tên, cùng ngày sinh', en: 'same name, same date of birth' },
  same_name_year: { vi: 'cùng họ tên, cùng năm sinh', en: 'same name, same birth year' },
  same_name_no_diacritics: { vi: 'cùng họ tên khi bỏ dấu, cùng năm sinh', en: 'same name without diacritics, same birth year' },
  family_given_year: { vi: 'cùng họ và tên gọi, năm sinh lệch không quá 1 năm', en: 'same family and given name, birth years at most 1 apart' },
  similar_name_year: { vi: 'tên gần giống, cùng năm sinh', en: 'similar name, same birth year' },
};

/** Strong enough to take two cases for one person without a person looking at them: the same ID
 *  number, or the same name and full date of birth (the HTCDS export merges only these). */
export const SAME_PERSON: readonly MatchReason[] = ['same_id', 'same_name_birthdate'];

export interface MatchKey {
  reason: Exclude<MatchReason, 'same_id'>;
  text: string;
}

export interface PersonKeys {
  /** `i|<ID>` when the row has an ID number. */
  id: string | null;
  keys: MatchKey[];
  /** The name was typed without any diacritic (`Tran Van Thuy`). */
  plainOnly: boolean;
}

// Vietnamese tone marks (combining, after NFD): sắc, huyền, hỏi, ngã, nặng.
const TONES: Record<string, string> = { '\u0301': '1', '\u0300': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };

/** Lower case, letters and single spaces only (punctuation and digits dropped). */
function cleanName(name: string): string {
  return name
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[^\p{L}\p{M}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A syllable with its tone as a trailing digit, wherever the mark sat (`hòa`, `hoà` → `hoa2`). */
export function toneForm(syllable: string): string {
  let tone = '';
  let base = '';
  for (const ch of syllable.normalize('NFD')) {
    if (TONES[ch]) tone = TONES[ch];
    else base += ch;
  }
  return base.normalize('NFC') + tone;
}

/** Without any diacritic, đ → d (`Trần Văn Thủy` → `tran van thuy`). */
export function plainForm(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** The birth year of a record: from the parsed birth date, else from what the cell holds
 *  (`03/1990`, `3-1990`, `1990`, `12/03/1990`). */
export function birthYearOf(rec: Pick<RegistryRecord, 'birth' | 'raw'>): number | null {
  if (rec.birth) return rec.birth.date.getUTCFullYear();
  const raw = rec.raw.birth_date;
  if (raw instanceof Date) return raw.getUTCFullYear();
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1900 && raw <= 2100 ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  const m = /^(?:(?:\d{1,2}\s*[/.-]\s*)?\d{1,2}\s*[/.-]\s*)?(\d{4})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  return year >= 1900 && year <= 2100 ? year : null;
}

/** An ID number as compared: spaces, dots and dashes removed, upper case; null when too short
 *  to name one person. */
export function idForm(idNumber: string | null | undefined): string | null {
  const id = (idNumber ?? '').normalize('NFKC').replace(/[\s.-]/g, '').toUpperCase();
  return /^[0-9A-Z]{6,}$/.test(id) ? id : null;
}

/** Every key of one registry row (see the module comment). */
export function personKeys(rec: Pick<RegistryRecord, 'full_name' | 'birth' | 'raw' | 'id_number'>): PersonKeys {
  const idText = idForm(rec.id_number);
  const keys: MatchKey[] = [];
  const name = cleanName(rec.full_name ?? '');
  const year = birthYearOf(rec);
  const plain = plainForm(name);
  if (name && year !== null) {
    const toned = name.split(' ').map(toneForm).join(' ');
    if (rec.birth && !rec.birth.yearOnly) keys.push({ reason: 'same_name_birthdate', text: `b|${toned}|${rec.birth.date.toISOString().slice(0, 10)}` });
    keys.push({ reason: 'same_name_year', text: `n|${toned}|${year}` });
    keys.push({ reason: 'same_name_no_diacritics', text: `a|${plain}|${year}` });
    const syllables = plain.split(' ');
    if (syllables.length >= 2) {
      const fg = `${syllables[0]}|${syllables[syllables.length - 1]}`;
      // Windows of two years: two years at most one apart always share one.
      for (const start of [year - 1, year]) keys.push({ reason: 'family_given_year', text: `f|${fg}|${start}` });
    }
    const compact = plain;
    const variants = new Set<string>([compact]);
    for (let i = 0; i < compact.length; i++) variants.add(compact.slice(0, i) + compact.slice(i + 1));
    for (const v of variants) keys.push({ reason: 'similar_name_year', text: `d|${v}|${year}` });
  }
  return { id: idText ? `i|${idText}` : null, keys, plainOnly: name !== '' && plain === name };
}

/** One person of one unit, as the matching sees it (keys possibly hashed). */
export interface PersonEntry {
  unit_code: string;
  case_id: string;
  id: string | null;
  keys: readonly MatchKey[];
  plainOnly: boolean;
}

export interface PersonMatch<E extends PersonEntry = PersonEntry> {
  a: E;
  b: E;
  level: MatchLevel;
  /** Strongest first, without the reasons a stronger one implies. */
  reasons: MatchReason[];
}

const IMPLIED: Partial<Record<MatchReason, MatchReason[]>> = {
  same_name_birthdate: ['same_name_year', 'same_name_no_diacritics', 'family_given_year', 'similar_name_year'],
  same_name_year: ['same_name_no_diacritics', 'family_given_year', 'similar_name_year'],
  same_name_no_diacritics: ['family_given_year', 'similar_name_year'],
};

function levelOf(reasons: readonly MatchReason[], a: PersonEntry, b: PersonEntry): MatchLevel {
  if (reasons.includes('same_id') || reasons.includes('same_name_birthdate') || reasons.includes('same_name_year')) return 'probable';
  // Without diacritics on one side the same letters are the same name; with diacritics on both
  // sides (`Thùy` and `Thúy`) they are two names that look alike.
  if (reasons.includes('same_name_no_diacritics') && (a.plainOnly || b.plainOnly)) return 'probable';
  return 'possible';
}

/**
 * Pairs of entries of two different units that share a key. Two rows that both carry an ID
 * number and whose numbers differ are two people, whatever their names. Pairs come in a stable
 * order (by unit and case of `a`, then `b`).
 */
export function matchPeople<E extends PersonEntry>(entries: readonly E[]): PersonMatch<E>[] {
  const buckets = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const list = buckets.get(key);
    if (list) {
      if (list[list.length - 1] !== i) list.push(i);
    } else buckets.set(key, [i]);
  };
  entries.forEach((e, i) => {
    if (e.id) add(`same_id ${e.id}`, i);
    for (const k of e.keys) add(`${k.reason} ${k.text}`, i);
  });
  const found = new Map<string, Set<MatchReason>>();
  for (const [bucket, list] of buckets) {
    if (list.length < 2) continue;
    const reason = bucket.slice(0, bucket.indexOf(' ')) as MatchReason;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [i, j] = order(entries, list[x], list[y]);
        const a = entries[i];
        const b = entries[j];
        if (a.unit_code === b.unit_code) continue; // within one unit: REG-07's job
        if (a.id && b.id && a.id !== b.id) continue;
        const pair = `${i} ${j}`;
        const set = found.get(pair) ?? new Set<MatchReason>();
        set.add(reason);
        found.set(pair, set);
      }
    }
  }
  const out: PersonMatch<E>[] = [];
  for (const [pair, set] of found) {
    const [i, j] = pair.split(' ').map(Number);
    const implied = new Set([...set].flatMap((r) => IMPLIED[r] ?? []));
    const reasons = MATCH_REASONS.filter((r) => set.has(r) && !implied.has(r));
    out.push({ a: entries[i], b: entries[j], reasons, level: levelOf(reasons, entries[i], entries[j]) });
  }
  return out.sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b));
}

const cmp = (x: PersonEntry, y: PersonEntry): number => x.unit_code.localeCompare(y.unit_code) || x.case_id.localeCompare(y.case_id);

function order(entries: readonly PersonEntry[], i: number, j: number): [number, number] {
  return cmp(entries[i], entries[j]) <= 0 ? [i, j] : [j, i];
}
