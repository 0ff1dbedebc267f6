import { plansByDate } from '../../domain/planTime';
import type { Profile } from '../../domain/schema/profile';
import { PROFILES } from '../../profiles';
import { todayInVietnam } from './PeriodPicker';

export { planName, planTitle } from '../../domain/planName';

/**
 * The plans a page offers, the plan in force today first (the two-level plan since 01/07/2025),
 * then the most recent: the plans this inbox has units for when it has any, else every plan.
 */
export function plansOffered(inUse: readonly string[] | null, now: Date = new Date()): Profile[] {
  const pool = inUse && inUse.length > 0 ? PROFILES.filter((p) => inUse.includes(p.id)) : PROFILES;
  return plansByDate(pool.length > 0 ? pool : PROFILES, todayInVietnam(now));
}
