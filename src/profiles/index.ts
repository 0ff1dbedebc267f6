import { ProfileSchema, type Profile, type Unit } from '../domain/schema/profile';
import { bacNinh2017 } from './bac-ninh-2017';
import { dongThap2021 } from './dong-thap-2021';
import { huongTra2023 } from './huong-tra-2023';
import { vn2025 } from './vn-2025';

/** Every shipped profile, parsed by the profile schema once at load (a bad profile fails fast). */
export const PROFILES: readonly Profile[] = [bacNinh2017, dongThap2021, huongTra2023, vn2025].map((p) =>
  ProfileSchema.parse(p),
);

export const DEFAULT_PROFILE_ID = 'bac-ninh-2017';

export function getProfile(id: string): Profile | undefined {
  return PROFILES.find((p) => p.id === id);
}

export function findUnit(profile: Profile, unitCode: string): Unit | undefined {
  const wanted = unitCode.trim().toUpperCase();
  return profile.units.find((u) => u.code.toUpperCase() === wanted);
}
