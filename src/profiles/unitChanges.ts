/**
 * Keeping up with the State: the official list's changes table (old code → new code, name, date,
 * legal act; src/profiles/data/vn-units/index.json). A unit renamed or recoded is shown under its
 * new name with the old one beside it, and a workbook made under the older list still validates.
 */
import { OFFICIAL_LIST, nameKey, type UnitChange } from './officialList';

/** The changes that led to this unit code, oldest first. */
export function changesInto(code: string): UnitChange[] {
  return OFFICIAL_LIST.changes.filter((c) => c.new_code === code).sort((a, b) => a.date.localeCompare(b.date));
}

/** Earlier names of the unit that differ from its name now (tone placement aside). */
export function formerNames(code: string, currentName: string): string[] {
  const now = nameKey(currentName);
  const out: string[] = [];
  for (const c of changesInto(code)) if (nameKey(c.old_name) !== now && !out.includes(c.old_name)) out.push(c.old_name);
  return out;
}

/** The code a retired code became (itself when it was never retired). */
export function currentCode(code: string): string {
  let found = code;
  for (const c of [...OFFICIAL_LIST.changes].sort((a, b) => a.date.localeCompare(b.date))) if (c.old_code === found) found = c.new_code;
  return found;
}
