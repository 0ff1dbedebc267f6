/**
 * The history of the official list of units: which legal act renamed, recoded, merged, split,
 * created or dissolved a commune-level unit, and from which day. The core never reads the list
 * itself: callers pass the change records in (src/profiles keeps them, with the list, in
 * data/vn-units/index.json; `vr units update` writes them, docs/units.md).
 *
 * A workbook made under an older list keeps working: a superseded unit code in `_meta` is read
 * as its successor (FMT-07 names it), and a superseded residence commune as the commune it became
 * (REG-08, a warning that names the successor).
 */
import { formatDate } from './dayFormat';
import { byDate, type Superseded, type UnitChange, type UnitChangeKind } from './unitSuccession';

export { supersededCode, type ProvinceChange, type Superseded, type UnitChange, type UnitChangeKind } from './unitSuccession';

/**
 * Former names of the units of one province (as `key(name)` → what it became), for reading a
 * residence commune written under an older list. A name that is still some unit's name now is
 * left out: it means that unit. `key` is the caller's name form (NFC, case, tone placement).
 */
export function formerNames(
  changes: readonly UnitChange[],
  provinceCode: string,
  currentNames: readonly string[],
  key: (name: string) => string,
): Map<string, Superseded> {
  const now = new Set(currentNames.map(key));
  const out = new Map<string, Superseded>();
  for (const c of [...changes].sort(byDate)) {
    if (c.province_code !== provinceCode || c.old_name === null || c.kind === 'new') continue;
    const k = key(c.old_name);
    if (now.has(k)) continue;
    const entry = out.get(k);
    const successor = c.new_code !== null && c.new_name !== null ? { code: c.new_code, name: c.new_name } : null;
    if (entry && entry.date === c.date && entry.act === c.act) {
      if (successor && !entry.successors.some((s) => s.code === successor.code)) entry.successors.push(successor);
      if (entry.successors.length > 1) entry.kind = 'split';
      continue;
    }
    out.set(k, {
      kind: c.kind,
      old_code: c.old_code,
      old_name: c.old_name,
      province_code: c.province_code,
      successors: successor ? [successor] : [],
      date: c.date,
      act: c.act,
    });
  }
  // A successor that was itself renamed later: follow it to the name in force.
  for (const entry of out.values()) {
    entry.successors = entry.successors.map((s) => {
      const later = out.get(key(s.name));
      return later && later.successors.length === 1 && later.date >= entry.date ? later.successors[0] : s;
    });
  }
  return out;
}

function day(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return formatDate(new Date(Date.UTC(y, m - 1, d)));
}

const KIND_TEXT: Record<UnitChangeKind, { vi: string; en: string }> = {
  renamed: { vi: 'đổi tên', en: 'renamed' },
  recoded: { vi: 'đổi mã', en: 'recoded' },
  merged: { vi: 'sáp nhập', en: 'merged' },
  split: { vi: 'chia tách', en: 'split' },
  new: { vi: 'thành lập', en: 'created' },
  removed: { vi: 'giải thể', en: 'dissolved' },
};

/** One phrase for a superseded unit, both languages: `Xã Bố Hạ, theo 388/NQ-UBTVQH16 từ
 *  20/09/2026 nay là Phường Bố Hạ (07294)`. */
export function supersededText(s: Superseded): { vi: string; en: string } {
  const what = KIND_TEXT[s.kind];
  const old = s.old_code ? `${s.old_name} (${s.old_code})` : s.old_name;
  const when = day(s.date);
  if (s.successors.length === 0) {
    return {
      vi: `${old} không còn trong danh mục từ ${when} (${s.act}); danh mục không ghi đơn vị kế thừa`,
      en: `${old} is no longer in the official list since ${when} (${s.act}); no successor is recorded`,
    };
  }
  const list = s.successors.map((x) => `${x.name} (${x.code})`);
  if (s.successors.length > 1) {
    return {
      vi: `${old} đã được chia tách từ ${when} (${s.act}) thành ${list.join(', ')}`,
      en: `${old} was split on ${when} (${s.act}) into ${list.join(', ')}`,
    };
  }
  return {
    vi: `${old} đã ${what.vi} từ ${when} (${s.act}): nay là ${list[0]}`,
    en: `${old} was ${what.en} on ${when} (${s.act}): it is now ${list[0]}`,
  };
}
