/**
 * The residence commune under a profile over the official list (docs/profiles.md): any commune of
 * the country. A bare name is looked up in the unit's own province; a commune elsewhere needs its
 * province after a comma (`Xã Tân Hiệp, Hồ Chí Minh`), because names repeat across provinces.
 * Matching is like a code: NFC, case- and space-insensitive, the kind (`Phường`, `Xã`) optional,
 * old and new tone placement alike (`Hòa`/`Hoà`); a name a legal act changed is read as the new
 * one, so a workbook made under the older list still validates. The indexes are built once per
 * province and kept: a check only looks names up.
 */
import { bareName, loadedProvince, nameKey, officialIndex, provinceInfo } from './officialList';
import { matchCode } from './codes';
import type { Unit } from './schema/profile';
import { formerNames, type Superseded } from './unitHistory';

export type CommuneMatch = { ok: true; name: string } | { ok: false; suggestion: string | null };

/** Name key (full and bare forms, old names too) → the list's full names it may mean. */
type ProvinceIndex = Map<string, string[]>;
const provinceIndexes = new Map<string, ProvinceIndex>();
/** Per province: name key of a former name → what it became (REG-08 names the successor). */
const formerIndexes = new Map<string, Map<string, Superseded>>();

function formerIndex(code: string): Map<string, Superseded> {
  let index = formerIndexes.get(code);
  if (!index) {
    const province = loadedProvince(code);
    const current = province ? province.units.map(([, name]) => name) : [];
    index = formerNames(officialIndex().changes, code, [...current, ...current.map(bareName)], nameKey);
    for (const [key, s] of [...index]) {
      const bareKey = nameKey(bareName(s.old_name));
      if (bareKey !== key && !index.has(bareKey) && !current.some((n) => nameKey(bareName(n)) === bareKey)) index.set(bareKey, s);
    }
    formerIndexes.set(code, index);
  }
  return index;
}
let countryIndex: { provinces: number; byKey: Map<string, { name: string; province: string }[]> } | null = null;

function add<T>(map: Map<string, T[]>, key: string, value: T, same: (a: T) => boolean): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.some(same)) list.push(value);
}

function provinceIndex(code: string): ProvinceIndex | null {
  let index = provinceIndexes.get(code);
  if (index) return index;
  const province = loadedProvince(code);
  if (!province) return null;
  index = new Map();
  const put = (form: string, name: string): void => add(index!, nameKey(form), name, (x) => x === name);
  for (const [, name] of province.units) {
    put(name, name);
    put(bareName(name), name);
  }
  // A former name reads as the unit it became; after a split or a dissolution, as itself.
  for (const [key, s] of formerIndex(code)) {
    const names = s.successors.length === 1 ? [s.successors[0].name] : [s.old_name];
    for (const name of names) add(index, key, name, (x) => x === name);
  }
  provinceIndexes.set(code, index);
  return index;
}

/** Every loaded province's names, for "is this a commune elsewhere?" (rebuilt if more loaded). */
function country(): Map<string, { name: string; province: string }[]> {
  const loaded = officialIndex().provinces.filter((p) => loadedProvince(p.code));
  if (!countryIndex || countryIndex.provinces !== loaded.length) {
    const byKey = new Map<string, { name: string; province: string }[]>();
    for (const p of loaded) {
      for (const [key, names] of provinceIndex(p.code)!) {
        for (const name of names) add(byKey, key, { name, province: p.name }, (x) => x.name === name && x.province === p.name);
      }
    }
    countryIndex = { provinces: loaded.length, byKey };
  }
  return countryIndex.byKey;
}

function lookup(index: ProvinceIndex | null, text: string): string[] {
  if (!index) return [];
  return index.get(nameKey(text)) ?? index.get(nameKey(bareName(text))) ?? [];
}

/**
 * The residence commune as written, when it is a former name (superseded by a legal act) of a
 * commune in the unit's province, or in the province named after a comma; else null.
 */
export function supersededCommune(unit: Unit, raw: string): Superseded | null {
  const text = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  let code = unit.province_code!;
  let name = text;
  const comma = text.lastIndexOf(',');
  if (comma > 0) {
    const province = provinceInfo(text.slice(comma + 1));
    if (province) {
      code = province.code;
      name = text.slice(0, comma).trim();
    }
  }
  if (!loadedProvince(code)) return null;
  const index = formerIndex(code);
  return index.get(nameKey(name)) ?? null;
}

/** True when the unit belongs to the official list (its communes are the whole country). */
export function isOfficialUnit(unit: Unit): boolean {
  return unit.province_code !== undefined && /^\d{2}$/.test(unit.province_code);
}

export function matchOfficialCommune(unit: Unit, raw: string): CommuneMatch {
  const text = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  const own = unit.province_code!;
  const comma = text.lastIndexOf(',');
  if (comma > 0) {
    const province = provinceInfo(text.slice(comma + 1));
    if (province) {
      const name = text.slice(0, comma).trim();
      const found = lookup(provinceIndex(province.code), name);
      if (found.length === 1) return { ok: true, name: province.code === own ? found[0] : `${found[0]}, ${province.name}` };
      if (found.length > 1) return { ok: false, suggestion: found.map((n) => `${n}, ${province.name}`).join('; ') };
      return { ok: false, suggestion: nearIn(province.code, name, province.code === own ? null : province.name) };
    }
  }
  const found = lookup(provinceIndex(own), text);
  if (found.length === 1) return { ok: true, name: found[0] };
  if (found.length > 1) return { ok: false, suggestion: found.join('; ') };
  const elsewhere = country().get(nameKey(text)) ?? country().get(nameKey(bareName(text))) ?? [];
  if (elsewhere.length > 0) {
    return { ok: false, suggestion: elsewhere.slice(0, 4).map((x) => `${x.name}, ${x.province}`).join('; ') + (elsewhere.length > 4 ? '; …' : '') };
  }
  return { ok: false, suggestion: nearIn(own, text, null) };
}

/** A near spelling within one province (diacritics dropped, an edit or two). */
function nearIn(code: string, text: string, provinceName: string | null): string | null {
  const province = loadedProvince(code);
  if (!province) return null;
  const codes = province.units.map(([, name]) => ({ vi: name, en: name, key: name, aliases: [bareName(name)] }));
  const m = matchCode(codes, text);
  const hit = m.ok ? m.code.vi : m.suggestion?.vi;
  return hit ? (provinceName ? `${hit}, ${provinceName}` : hit) : null;
}
