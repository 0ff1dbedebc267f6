/**
 * Keeping up with the State: the official list's history (src/profiles/data/vn-units/index.json,
 * written by `vr units update`). A unit renamed or recoded is shown under its name now with the
 * old one beside it; a code taken out of the list is read as its successor, so a workbook made
 * under an older list still validates (FMT-07 and REG-08 name the successor).
 */
import { supersededUnit } from '../domain/units';
import { OFFICIAL_LIST, nameKey, type UnitChange } from './officialList';

export { supersededUnit };

/** The changes that led to this unit code, oldest first. */
export function changesInto(code: string): UnitChange[] {
  return OFFICIAL_LIST.changes.filter((c) => c.new_code === code).sort((a, b) => a.date.localeCompare(b.date));
}

/** Earlier names of the unit that differ from its name now (tone placement aside). */
export function formerNames(code: string, currentName: string): string[] {
  const now = nameKey(currentName);
  const out: string[] = [];
  for (const c of changesInto(code)) if (c.old_name !== null && nameKey(c.old_name) !== now && !out.includes(c.old_name)) out.push(c.old_name);
  return out;
}

/** The code a retired code became (itself when it was never retired, or split or dissolved). */
export function currentCode(code: string): string {
  const s = supersededUnit(code);
  return s && s.successors.length === 1 ? s.successors[0].code : code;
}
