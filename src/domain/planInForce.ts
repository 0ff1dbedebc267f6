/**
 * Which plan profile is in force on a day, so the pane offers today's plan first: a plan covers
 * the years of its `years` range, and the level of government decides the rest. Since 01/07/2025
 * there is no district level (the two-level local government; Law 53/2024/QH15 in force the same
 * day), so a commune-level plan is in force from that day and a district-level plan only before it.
 * Takes the profiles as an argument: the core does not know which profiles ship.
 */
import type { Profile } from './schema/profile';

/** 01/07/2025, the first day of the two-level local government. */
export const TWO_LEVEL_GOVERNMENT_FROM = new Date(Date.UTC(2025, 6, 1));

/** True when `profile` is the plan a unit reports under on `today` (a UTC-midnight day). */
export function isPlanInForce(profile: Pick<Profile, 'years' | 'level'>, today: Date): boolean {
  const year = today.getUTCFullYear();
  if (year < profile.years.from || year > profile.years.to) return false;
  const twoLevel = today.getTime() >= TWO_LEVEL_GOVERNMENT_FROM.getTime();
  return profile.level === 'commune' ? twoLevel : !twoLevel;
}

/** The profiles with those in force on `today` first, each group in its given order. */
export function plansByToday<P extends Pick<Profile, 'years' | 'level'>>(profiles: readonly P[], today: Date): P[] {
  return [...profiles.filter((p) => isPlanInForce(p, today)), ...profiles.filter((p) => !isPlanInForce(p, today))];
}
