import { plansByDate } from '../../domain/planTime';
import type { Profile } from '../../domain/schema/profile';
import { PROFILES } from '../../profiles';
import { todayInVietnam } from './PeriodPicker';

export { planName, planTitle } from '../../domain/planName';

/**
 * The plans a page offers, in two groups: the plans this inbox has units for, then the others
 * (an office of 2026 may still look up a quarter of an older plan). Each group lists the plan in
 * force today first (the two-level plan since 01/07/2025), then the most recent.
 */
export function plansOffered(inUse: readonly string[] | null, now: Date = new Date()): { own: Profile[]; other: Profile[]; all: Profile[] } {
  const today = todayInVietnam(now);
  const own = inUse ? plansByDate(PROFILES.filter((p) => inUse.includes(p.id)), today) : [];
  const other = plansByDate(PROFILES.filter((p) => !own.includes(p)), today);
  return { own, other, all: [...own, ...other] };
}
