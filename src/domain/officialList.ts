/**
 * The official list of Viet Nam's commune-level units as the core sees it: the registry of the
 * provinces loaded so far and the list's index, both given by src/profiles (which owns the data
 * files and loads them: all at once in the CLI and the inbox, one province at a time in the pane).
 * The core imports nothing from src/profiles; it reads what it was given here.
 */
import type { ProvinceChange, UnitChange } from './unitHistory';

export type { ProvinceChange, UnitChange } from './unitHistory';

export interface ProvinceUnits {
  code: string;
  name: string;
  full_name: string;
  /** [5-digit code, full name], sorted by code. */
  units: [string, string][];
}

export interface OfficialUnit {
  unit_code: string;
  unit_name: string;
  province_code: string;
  province_name: string;
}

export interface ProvinceInfo {
  code: string;
  name: string;
  full_name: string;
  units: number;
}

/** index.json: what the list is, where it comes from, and its history (`vr units update`). */
export interface OfficialListIndex {
  list: string;
  in_force_from: string;
  source: { dataset: string; release: string; file: string; generated: string; built_from: string };
  legal_acts: { act: string; in_force: string; subject?: string }[];
  unit_count: number;
  provinces: ProvinceInfo[];
  changes: UnitChange[];
  province_changes: ProvinceChange[];
}

const EMPTY_INDEX: OfficialListIndex = {
  list: '',
  in_force_from: '',
  source: { dataset: '', release: '', file: '', generated: '', built_from: '' },
  legal_acts: [],
  unit_count: 0,
  provinces: [],
  changes: [],
  province_changes: [],
};

let listIndex: OfficialListIndex = EMPTY_INDEX;

/** Gives the core the list's index (what it is, its provinces, its history): src/profiles does,
 *  when it loads the list's data. Until then the list is empty. */
export function setOfficialIndex(index: OfficialListIndex): void {
  listIndex = index;
}

/** The list's index as given to `setOfficialIndex`. */
export function officialIndex(): OfficialListIndex {
  return listIndex;
}

const provinces = new Map<string, ProvinceUnits>();
const units = new Map<string, OfficialUnit>();

export function addProvinces(list: readonly ProvinceUnits[]): void {
  for (const p of list) {
    if (provinces.has(p.code)) continue;
    provinces.set(p.code, p);
    for (const [code, name] of p.units) {
      units.set(code, { unit_code: code, unit_name: name, province_code: p.code, province_name: p.name });
    }
  }
}

/** A province of the list by its 2-digit code, or its name (`Bắc Ninh`, `Tỉnh Bắc Ninh`, `bac ninh`). */
export function provinceInfo(codeOrName: string): ProvinceInfo | undefined {
  const text = codeOrName.trim();
  const code = /^\d{1,2}$/.test(text) ? text.padStart(2, '0') : null;
  if (code) return listIndex.provinces.find((p) => p.code === code);
  const key = searchKey(text).replace(/^(tinh|thanh pho|tp\.?) /, '');
  return listIndex.provinces.find((p) => searchKey(p.name) === key);
}

/** The province's units, if loaded. */
export function loadedProvince(code: string): ProvinceUnits | undefined {
  return provinces.get(code);
}

export function officialUnit(code: string): OfficialUnit | undefined {
  return units.get(code.trim());
}

export function allLoadedUnits(): IterableIterator<OfficialUnit> {
  return units.values();
}

export function isProvinceLoaded(code: string): boolean {
  return provinces.has(code);
}

export function isListComplete(): boolean {
  return provinces.size === listIndex.provinces.length;
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Exact-match form of a place name: NFC, lower case, single spaces, and each syllable's tone
 *  mark after its letters, so the old and new tone placements (`Hòa`/`Hoà`, `Thụy`/`Thuỵ`) agree. */
export function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .toLocaleLowerCase('vi')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((syllable) => {
      const tones = syllable.match(TONES);
      return tones ? syllable.replace(TONES, '') + tones.join('') : syllable;
    })
    .join(' ')
    .normalize('NFC');
}

/** Search form: no diacritics, đ → d, lower case, single spaces (`tu son` finds `Phường Từ Sơn`). */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const KIND = /^(?:phường|xã|đặc khu|thị trấn|p\.|x\.|tt\.?)\s*/iu;

/** The name without its kind (`Phường Từ Sơn` → `Từ Sơn`). */
export function bareName(name: string): string {
  return name.normalize('NFC').trim().replace(KIND, '');
}
