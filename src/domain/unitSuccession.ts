/**
 * What a unit code taken out of the official list became (unitHistory.ts has the rest of the
 * list's history: former names, the words for each change). Apart from it so that finding a
 * unit by its code, which the pane's first screen does, loads only this.
 */

export type UnitChangeKind = 'renamed' | 'recoded' | 'merged' | 'split' | 'new' | 'removed';

/** One change of one unit. `old_*` is null for a new unit, `new_*` for a dissolved one; a split
 *  is one record per successor, a merge one record per unit merged into another. */
export interface UnitChange {
  kind: UnitChangeKind;
  old_code: string | null;
  old_name: string | null;
  new_code: string | null;
  new_name: string | null;
  /** The province the unit belongs to after the change (before it, for a removed unit). */
  province_code: string;
  /** Day in force, yyyy-mm-dd. */
  date: string;
  /** The legal act (e.g. `388/NQ-UBTVQH16`), or what the release notes name when there is none. */
  act: string;
  /** The upstream release that first carried the change. */
  release?: string | null;
}

/** A province renamed or reclassified (e.g. `Tỉnh Quảng Ninh` → `Thành phố Quảng Ninh`). */
export interface ProvinceChange {
  code: string;
  old_name: string;
  new_name: string;
  old_full_name: string;
  new_full_name: string;
  date: string;
  act: string;
  release?: string | null;
}

/** What a superseded code or name became. `successors` is empty for a unit dissolved with no
 *  successor recorded, and holds several units after a split. */
export interface Superseded {
  kind: UnitChangeKind;
  old_code: string | null;
  old_name: string;
  province_code: string;
  successors: { code: string; name: string }[];
  date: string;
  act: string;
}

export function byDate(a: UnitChange, b: UnitChange): number {
  return a.date.localeCompare(b.date);
}

/** True when the change takes the code out of the list (its successor has another code). */
function retiresCode(c: UnitChange): boolean {
  return c.old_code !== null && c.new_code !== c.old_code;
}

/**
 * What a unit code that is no longer in the list became, following chains of changes (a code
 * recoded, then merged): the last change names the act and the day. Null when the code was
 * never retired. `exists` tells whether a code is in the list now (a chain stops there).
 */
export function supersededCode(changes: readonly UnitChange[], code: string, exists: (code: string) => boolean): Superseded | null {
  const wanted = code.trim();
  if (exists(wanted)) return null;
  const sorted = [...changes].sort(byDate);
  let frontier = [wanted];
  let first: UnitChange | null = null;
  let last: UnitChange[] = [];
  const seen = new Set<string>();
  for (let step = 0; step < 32; step++) {
    const next: string[] = [];
    const used: UnitChange[] = [];
    for (const c of frontier) {
      if (seen.has(c) || exists(c)) {
        next.push(c);
        continue;
      }
      seen.add(c);
      const out = sorted.filter((x) => x.old_code === c && retiresCode(x));
      if (out.length === 0) {
        next.push(c);
        continue;
      }
      for (const x of out) {
        used.push(x);
        if (x.new_code !== null) next.push(x.new_code);
      }
    }
    if (used.length === 0) break;
    first ??= used[0];
    last = used;
    frontier = [...new Set(next)];
  }
  if (!first) return null;
  const successors = frontier.filter((c) => exists(c)).map((c) => ({ code: c, name: nameOf(sorted, c) }));
  const final = last[last.length - 1];
  return {
    kind: successors.length > 1 ? 'split' : successors.length === 0 ? 'removed' : first.kind,
    old_code: wanted,
    old_name: first.old_name ?? wanted,
    province_code: final.province_code,
    successors,
    date: final.date,
    act: final.act,
  };
}

function nameOf(changes: readonly UnitChange[], code: string): string {
  for (let i = changes.length - 1; i >= 0; i--) if (changes[i].new_code === code && changes[i].new_name) return changes[i].new_name!;
  return code;
}
