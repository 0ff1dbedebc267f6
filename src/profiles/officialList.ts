/**
 * The official list of Viet Nam's commune-level units (xã, phường, đặc khu): 34 provinces, 2-digit
 * province and 5-digit unit codes, with the day it is in force and its history of changes
 * (data/vn-units/, written by `vr units update` from a release of the upstream dataset built from
 * the statistics office's list; docs/units.md). This module owns the data files and gives them to
 * the core's registry (src/domain/officialList.ts): the CLI, the inbox and the check load all
 * provinces (officialAll.ts); the pane loads one province at a time (`loadProvince`), so its first
 * screen does not carry 3,321 names.
 */
import { addProvinces, loadedProvince, setOfficialIndex, type OfficialListIndex, type ProvinceUnits } from '../domain/officialList';
import LIST_INDEX from './data/vn-units/index.json';

export * from '../domain/officialList';

export const OFFICIAL_LIST = LIST_INDEX as OfficialListIndex;
setOfficialIndex(OFFICIAL_LIST);

/** Loads one province (the pane: a small chunk of its own). */
export async function loadProvince(code: string): Promise<ProvinceUnits> {
  const have = loadedProvince(code);
  if (have) return have;
  if (!OFFICIAL_LIST.provinces.some((p) => p.code === code)) throw new Error(`No province ${code} in the official list`);
  const data = (await import(/* webpackChunkName: "units-[request]" */ `./data/vn-units/${code}.json`)) as { default?: ProvinceUnits } & ProvinceUnits;
  addProvinces([data.default ?? data]);
  return loadedProvince(code)!;
}

/** Loads the whole list (one chunk in the pane; a no-op where officialAll.ts ran). */
export async function loadAllProvinces(): Promise<void> {
  if (OFFICIAL_LIST.provinces.every((p) => loadedProvince(p.code))) return;
  const { ALL_PROVINCES } = await import(/* webpackChunkName: "units-all" */ './data/vn-units/all');
  addProvinces(ALL_PROVINCES);
}

