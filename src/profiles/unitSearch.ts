/**
 * Finding units by what a person types: a code, a name with or without diacritics or its kind
 * (`tu son`, `Từ Sơn`, `09367`). Used for the pane's pickers and for the close matches an
 * unknown unit code names.
 */
import { editDistance } from '../domain/editDistance';
import { searchKey } from './officialList';

export interface Searchable {
  code: string;
  name: string;
}

interface Scored<T> {
  item: T;
  score: number;
}


/** Units whose name holds every typed word (as a word start), or whose code starts with the
 *  typed digits; best first: whole name, then name start, then anywhere. */
export function searchUnits<T extends Searchable>(items: Iterable<T>, query: string, limit = 50): T[] {
  const q = searchKey(query);
  if (q === '') return [];
  const words = q.split(' ');
  const digits = /^\d+$/.test(q) ? q : null;
  const found: Scored<T>[] = [];
  for (const item of items) {
    if (digits) {
      if (item.code.startsWith(digits)) found.push({ item, score: item.code === digits ? 0 : 1 });
      continue;
    }
    const name = searchKey(item.name);
    const bare = name.replace(/^(phuong|xa|dac khu|thi tran) /, '');
    const nameWords = name.split(' ');
    if (!words.every((w) => nameWords.some((n) => n.startsWith(w)))) continue;
    const score = bare === q || name === q ? 0 : bare.startsWith(q) || name.startsWith(q) ? 1 : 2;
    found.push({ item, score });
  }
  found.sort((a, b) => a.score - b.score || a.item.name.localeCompare(b.item.name, 'vi'));
  return found.slice(0, limit).map((s) => s.item);
}

/** Close matches for something that is no unit: by code (one or two digits off, or a prefix)
 *  and by name (the words typed, or a near spelling). */
export function closeUnits<T extends Searchable>(items: Iterable<T>, query: string, limit = 5): T[] {
  const q = searchKey(query);
  if (q === '') return [];
  const list = [...items];
  const byName = searchUnits(list, q, limit);
  if (byName.length > 0 && !/^\d+$/.test(q)) return byName;
  const scored: Scored<T>[] = [];
  const compact = q.replace(/ /g, '');
  for (const item of list) {
    const target = /^\d+$/.test(compact) ? item.code : searchKey(item.name).replace(/^(phuong|xa|dac khu|thi tran) /, '').replace(/ /g, '');
    const d = editDistance(compact, target, 2);
    if (d <= 2) scored.push({ item, score: d });
  }
  scored.sort((a, b) => a.score - b.score || a.item.code.localeCompare(b.item.code));
  const seen = new Set(byName.map((x) => x.code));
  return [...byName, ...scored.map((s) => s.item).filter((x) => !seen.has(x.code))].slice(0, limit);
}
