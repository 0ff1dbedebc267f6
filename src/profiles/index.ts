import type { Profile } from '../domain/schema/profile';
import { bacNinh2017 } from './bac-ninh-2017';
import { dongThap2021 } from './dong-thap-2021';
import { huongTra2023 } from './huong-tra-2023';
import { setKnownProfiles } from '../domain/units';
import './officialList';
import { vn2025 } from './vn-2025';

/** Every shipped profile. Each is typed as a `Profile` and checked against the profile schema
 *  by test/profiles/schema.test.ts, so a bad profile fails the build's tests, not a user's run;
 *  loading them does not load zod (`vr units` answers without it). */
export const PROFILES: readonly Profile[] = [bacNinh2017, dongThap2021, huongTra2023, vn2025];

export const DEFAULT_PROFILE_ID = 'bac-ninh-2017';

setKnownProfiles(PROFILES);

export function getProfile(id: string): Profile | undefined {
  return PROFILES.find((p) => p.id === id);
}

export { findUnit, listUnits, provinceFullName, provinceName } from '../domain/units';


