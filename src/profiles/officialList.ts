/**
 * The official list of Viet Nam's commune-level units (xã, phường, đặc khu): 34 provinces, 2-digit
 * province and 5-digit unit codes, with the day it is in force and its history of changes
 * (data/vn-units/, written by `vr units update` from a release of the upstream dataset built from
 * the statistics office's list; docs/units.md). Provinces are registered as they
 * load: the CLI, the inbox and the check load all of them (officialAll.ts); the pane loads one
 * province at a time (`loadProvince`), so its first screen does not carry 3,321 names.
 */
import type { ProvinceChange, UnitChange } from '../domain/unitHistory';
import LIST_INDEX from './data/vn-units/index.json';

export type { ProvinceChange, UnitChange } from '../domain/unitHistory';

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

export const OFFICIAL_LIST = LIST_INDEX as OfficialListIndex;

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
  if (code) return OFFICIAL_LIST.provinces.find((p) => p.code === code);
  const key = searchKey(text).replace(/^(tinh|thanh pho|tp\.?) /, '');
  return OFFICIAL_LIST.provinces.find((p) => searchKey(p.name) === key);
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
  return provinces.size === OFFICIAL_LIST.provinces.length;
}

/** Loads one province (the pane: a small chunk of its own). */
export async function loadProvince(code: string): Promise<ProvinceUnits> {
  const have = provinces.get(code);
  if (have) return have;
  if (!OFFICIAL_LIST.provinces.some((p) => p.code === code)) throw new Error(`No province ${code} in the official list`);
  const data = (await import(/* webpackChunkName: "units-[request]" */ `./data/vn-units/${code}.json`)) as { default?: ProvinceUnits } & ProvinceUnits;
  addProvinces([data.default ?? data]);
  return provinces.get(code)!;
}

/** Loads the whole list (one chunk in the pane; a no-op where officialAll.ts ran). */
export async function loadAllProvinces(): Promise<void> {
  if (provinces.size === OFFICIAL_LIST.provinces.length) return;
  const { ALL_PROVINCES } = await import(/* webpackChunkName: "units-all" */ './data/vn-units/all');
  addProvinces(ALL_PROVINCES);
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
