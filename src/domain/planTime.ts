/**
 * Which plan, and which quarters of it, a screen offers on a given day (docs/profiles.md). A plan
 * governs the quarters of its years under the law of the day: Law 53/2024/QH15 took effect on
 * 01/07/2025, the day the district level ended (two-level government), so a district-level plan
 * under the 2011 law covers periods that began before that day and a plan under Law 53/2024 the
 * periods that end on or after it. Nothing is reported on a quarter that has not begun.
 */
import { nextQuarter, periodDue, periodOf, quarterOfDate, utcDay } from './period';
import type { Profile } from './schema/profile';

/** Law 53/2024/QH15 in force and the two-level government begun: 01/07/2025. */
export const TWO_LEVEL_FROM = utcDay(2025, 6, 1);

export interface Quarter {
  year: number;
  quarter: number;
}

type Timed = Pick<Profile, 'years' | 'period' | 'law' | 'level'>;

const index = (q: Quarter): number => q.year * 4 + q.quarter - 1;

/** Negative when `a` comes before `b`, 0 for the same quarter. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return index(a) - index(b);
}

/** Whether the plan governs the quarter: one of its years, under the law and level of the day. */
export function planCovers(profile: Timed, q: Quarter): boolean {
  if (q.year < profile.years.from || q.year > profile.years.to) return false;
  const period = periodOf(profile, q.year, q.quarter);
  if (profile.law === 'law-2024') return period.end.getTime() >= TWO_LEVEL_FROM.getTime();
  // The 2011 law and the district level both ended on 30/06/2025.
  return period.start.getTime() < TWO_LEVEL_FROM.getTime();
}

/**
 * The first and last quarter a page offers for the plan on `today` (a UTC-midnight Vietnam day):
 * the quarters it covers, up to the one holding today. Null when it covers none yet.
 */
export function planQuarters(profile: Timed, today: Date): { first: Quarter; last: Quarter } | null {
  const now = quarterOfDate(profile, today);
  let first: Quarter | null = null;
  let last: Quarter | null = null;
  for (let q: Quarter = { year: profile.years.from, quarter: 1 }; q.year <= profile.years.to && compareQuarters(q, now) <= 0; q = nextQuarter(q.year, q.quarter)) {
    if (!planCovers(profile, q)) continue;
    first ??= q;
    last = q;
  }
  return first && last ? { first, last } : null;
}

/** Whether a page may offer the quarter for this plan on `today`. */
export function inPlanQuarters(profile: Timed, q: Quarter, today: Date): boolean {
  const range = planQuarters(profile, today);
  return range !== null && compareQuarters(q, range.first) >= 0 && compareQuarters(q, range.last) <= 0;
}

/** The quarter a page opens on for the plan: the period due today (`periodDue`) when the plan
 *  covers it, else the nearest one it covers (a plan that has ended opens on its last quarter). */
export function openingQuarter(profile: Timed, today: Date): Quarter {
  const due = periodDue(profile, today);
  const range = planQuarters(profile, today);
  if (!range) return due;
  if (compareQuarters(due, range.first) < 0) return range.first;
  if (compareQuarters(due, range.last) > 0) return range.last;
  return due;
}

/**
 * The plan in force on `today`: one that covers the period due today under it (the most recently
 * begun when several do); when none does, the one whose last quarter is the most recent.
 */
export function planInForce<P extends Timed>(profiles: readonly P[], today: Date): P {
  return plansByDate(profiles, today)[0];
}

/** Plans in the order a picker lists them: the plan in force first, then the most recent first. */
export function plansByDate<P extends Timed>(profiles: readonly P[], today: Date): P[] {
  const rank = profiles.map((p, i) => {
    const range = planQuarters(p, today);
    return { p, i, inForce: planCovers(p, periodDue(p, today)), last: range ? index(range.last) : -Infinity };
  });
  rank.sort((a, b) => Number(b.inForce) - Number(a.inForce) || (a.inForce ? b.p.years.from - a.p.years.from : 0) || b.last - a.last || a.i - b.i);
  return rank.map((r) => r.p);
}
