/**
 * A profile's units as the core reads them: by code (`findUnit`), listed (`listUnits`), and the
 * province a unit's workbook names. A profile of the district era carries its own unit list; a
 * profile over the official list reads the registry src/profiles fills (./officialList.ts). The
 * plans themselves are given by src/profiles too (`setKnownProfiles`), so a workbook's `_meta.profile`
 * can be read without the core importing them.
 */
import { officialIndex, loadedProvince, officialUnit, type OfficialUnit } from './officialList';
import type { Profile, Unit } from './schema/profile';
import { supersededCode, type Superseded } from './unitSuccession';

let known: readonly Profile[] = [];

/** Gives the core the plans it knows (src/profiles does, with the shipped profiles). */
export function setKnownProfiles(profiles: readonly Profile[]): void {
  known = profiles;
}

/** A plan given to `setKnownProfiles`, by id. */
export function knownProfile(id: string): Profile | undefined {
  return known.find((p) => p.id === id);
}

/** What a code that is no longer in the list became (null when it is in the list, or unknown). */
export function supersededUnit(code: string): Superseded | null {
  return supersededCode(officialIndex().changes, code, (c) => officialUnit(c) !== undefined);
}

const officialUnits = new Map<string, Unit>();

/** An official unit as a profile unit: its residence communes are its province's units (the
 *  registry's dropdown); REG-08 also accepts any unit of the country with `, <province>`. */
function asUnit(unit: OfficialUnit): Unit {
  let found = officialUnits.get(unit.unit_code);
  if (!found) {
    const province = loadedProvince(unit.province_code);
    found = {
      code: unit.unit_code,
      name: unit.unit_name,
      // The unit's own commune first (most people it receives live there), then the rest of its province.
      communes: [unit.unit_name, ...(province ? province.units.filter(([code]) => code !== unit.unit_code).map(([, name]) => name) : [])],
      province_code: unit.province_code,
      province_name: unit.province_name,
    };
    officialUnits.set(unit.unit_code, found);
  }
  return found;
}

/** The profile's unit by code, case-insensitive. For a profile over the official list: a
 *  5-digit code of a loaded province, an alias (`BN-P-TS`) resolved to its official unit, or a
 *  code a legal act took out of the list, read as its successor with `superseded` set (after a
 *  split or a dissolution, as the old unit itself in its province). */
export function findUnit(profile: Profile, unitCode: string): Unit | undefined {
  const wanted = unitCode.trim().toUpperCase();
  const listed = profile.units.find((u) => u.code.toUpperCase() === wanted);
  if (profile.unit_list !== 'vn-official') return listed;
  const official = officialUnit(listed?.alias_of ?? wanted);
  if (official) return asUnit(official);
  const gone = supersededUnit(wanted);
  if (!gone) return undefined;
  const successor = gone.successors.length === 1 ? officialUnit(gone.successors[0].code) : undefined;
  if (successor) return { ...asUnit(successor), superseded: gone };
  const province = loadedProvince(gone.province_code);
  if (!province) return undefined;
  return {
    code: wanted,
    name: gone.old_name,
    communes: [gone.old_name, ...province.units.map(([, name]) => name)],
    province_code: province.code,
    province_name: province.name,
    superseded: gone,
  };
}

/** A profile's reporting units, in code order, optionally of one province (official code). */
export function listUnits(profile: Profile, provinceCode?: string): OfficialUnit[] {
  if (profile.unit_list === 'vn-official') {
    const codes = provinceCode ? [provinceCode] : officialIndex().provinces.map((p) => p.code);
    return codes.flatMap((code) => {
      const province = loadedProvince(code);
      return province ? province.units.map(([c, n]) => ({ unit_code: c, unit_name: n, province_code: province.code, province_name: province.name })) : [];
    });
  }
  if (provinceCode && provinceCode.toUpperCase() !== profile.province_code.toUpperCase()) return [];
  return profile.units.map((u) => ({ unit_code: u.code, unit_name: u.name, province_code: profile.province_code, province_name: profile.province }));
}

/** The province a workbook's unit belongs to, as a person reads it: the official list's name for
 *  a profile over the whole country, else the profile's province. */
export function provinceName(profile: Profile, provinceCode: string | null | undefined): string {
  if (profile.unit_list !== 'vn-official') return profile.province;
  return officialIndex().provinces.find((p) => p.code === provinceCode)?.name ?? profile.province;
}

/** The province's full name as the letterhead writes it (`Tỉnh Khánh Hoà`, `Thành phố Huế`); a
 *  plan of the district era: its province as it was then (`Tỉnh Bắc Ninh`). */
export function provinceFullName(profile: Profile, provinceCode: string | null | undefined): string {
  if (profile.unit_list === 'vn-official') {
    const found = officialIndex().provinces.find((p) => p.code === provinceCode);
    if (found) return found.full_name;
  }
  return /^(tỉnh|thành phố)\s/iu.test(profile.province) ? profile.province : `Tỉnh ${profile.province}`;
}
