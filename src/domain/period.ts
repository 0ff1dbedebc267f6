/**
 * Report periods, deadlines and age groups (docs/workbook.md, docs/profiles.md). Every date here is a
 * UTC-midnight `Date`; a period is inclusive at both ends.
 */
import { AGE_GROUPS, type AgeGroup, type Period } from './model';
import type { Profile } from './schema/profile';

const DAY_MS = 86_400_000;

/** Vietnam time (ICT, UTC+7, no daylight saving). A deadline day is a Vietnamese calendar day:
 *  a clerk who submits at 23:30 in Hà Nội on the last day is on time, one who submits at 00:30
 *  the next morning is not, whatever the server's clock zone. */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

export function utcDay(year: number, month0: number, day: number): Date {
  return new Date(Date.UTC(year, month0, day));
}

/** The date at UTC midnight (drops any time of day). */
export function startOfUtcDay(date: Date): Date {
  return utcDay(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function checkQuarter(year: number, quarter: number): void {
  if (!Number.isInteger(year) || !Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw new RangeError(`Invalid year/quarter ${year}/${quarter}`);
  }
}

/**
 * The report period of a quarter under the profile's rule:
 * - `calendar-quarter`: first day of the quarter's first month to the last day of its last month;
 * - `cutoff` (data cut-off of Decree 09/2019/NĐ-CP, Art. 12): from `start_day` of the month
 *   before the quarter to `end_day` of its last month, e.g. Q3 2025 = 15/06/2025–14/09/2025 and
 *   Q1 2026 = 15/12/2025–14/03/2026.
 */
export function periodOf(profile: Pick<Profile, 'period'>, year: number, quarter: number): Period {
  checkQuarter(year, quarter);
  const firstMonth0 = (quarter - 1) * 3;
  const lastMonth0 = firstMonth0 + 2;
  const rule = profile.period;
  if (rule.kind === 'cutoff') {
    // Date.UTC rolls month -1 back into December of the previous year.
    return { year, quarter, start: utcDay(year, firstMonth0 - 1, rule.start_day), end: utcDay(year, lastMonth0, rule.end_day) };
  }
  // Day 0 of the following month is the last day of the quarter's last month.
  return { year, quarter, start: utcDay(year, firstMonth0, 1), end: utcDay(year, lastMonth0 + 1, 0) };
}

/** The last day (inclusive, UTC midnight) on which the quarter's report is on time: the period's
 *  last day plus `deadline.days_after_period_end` (vn-2025: 14th + 6 = the 20th). */
export function deadlineOf(profile: Pick<Profile, 'period' | 'deadline'>, year: number, quarter: number): Date {
  return addDays(periodOf(profile, year, quarter).end, profile.deadline.days_after_period_end);
}

/** True when `receivedAt` (an instant) falls on or before the deadline day, in Vietnam time. */
export function isOnTime(profile: Pick<Profile, 'period' | 'deadline'>, year: number, quarter: number, receivedAt: Date): boolean {
  const deadline = deadlineOf(profile, year, quarter);
  const localDay = startOfUtcDay(new Date(receivedAt.getTime() + VIETNAM_UTC_OFFSET_MS));
  return localDay.getTime() <= deadline.getTime();
}

/**
 * Report age group of an age in whole years (docs/workbook.md): a child is under 16 (Children Law
 * 2016, Art. 1), a minor under 18 (Civil Code 2015, Art. 21). Unknown or impossible (negative)
 * ages are `Chưa rõ`; a birth year alone is not unknown (the parser takes 1 July of that year).
 */
export function ageGroup(age: number | null | undefined): AgeGroup {
  if (age === null || age === undefined || !Number.isFinite(age) || age < 0) return AGE_GROUPS[3];
  if (age < 16) return AGE_GROUPS[0];
  if (age < 18) return AGE_GROUPS[1];
  return AGE_GROUPS[2];
}

export function nextQuarter(year: number, quarter: number): { year: number; quarter: number } {
  checkQuarter(year, quarter);
  return quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: quarter + 1 };
}

export function previousQuarter(year: number, quarter: number): { year: number; quarter: number } {
  checkQuarter(year, quarter);
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

/** True when the date's day lies within the period (both ends inclusive); false for null. */
export function inPeriod(date: Date | null | undefined, period: Pick<Period, 'start' | 'end'>): boolean {
  if (!date) return false;
  const t = date.getTime();
  if (Number.isNaN(t)) return false;
  return t >= period.start.getTime() && t < period.end.getTime() + DAY_MS;
}

/** True when the date's day is on or before the period's last day; false for null. */
export function onOrBeforeEnd(date: Date | null | undefined, period: Pick<Period, 'end'>): boolean {
  if (!date) return false;
  const t = date.getTime();
  return !Number.isNaN(t) && t < period.end.getTime() + DAY_MS;
}

/** The quarter (under the profile's rule) whose period contains the date. */
export function quarterOfDate(profile: Pick<Profile, 'period'>, date: Date): { year: number; quarter: number } {
  const y = date.getUTCFullYear();
  for (const year of [y, y + 1]) {
    for (let quarter = 1; quarter <= 4; quarter++) {
      if (inPeriod(date, periodOf(profile, year, quarter))) return { year, quarter };
    }
  }
  // Unreachable for valid rules (the periods tile the year); keep the calendar quarter.
  return { year: y, quarter: Math.floor(date.getUTCMonth() / 3) + 1 };
}

/**
 * The period a unit is due to report on at `today` (a UTC-midnight day, Vietnam calendar): the
 * latest period under the profile's rule whose last day is before today. A calendar-quarter
 * profile on 30/11/2026 is due for Q3/2026; a cut-off profile (15th–14th) on 16/12/2026 is due for
 * Q4/2026, whose period ended on the 14th. The pane, the staff page and the upload page all open
 * on this period, so a unit that has just submitted shows as submitted everywhere.
 */
export function periodDue(profile: Pick<Profile, 'period'>, today: Date): { year: number; quarter: number } {
  const current = quarterOfDate(profile, today);
  const period = periodOf(profile, current.year, current.quarter);
  // Today is inside `current`; it is due only once its last day has passed.
  return today.getTime() > period.end.getTime() ? current : previousQuarter(current.year, current.quarter);
}

/** True when the year lies inside the plan's years (FMT-07 otherwise). */
export function inPlanYears(profile: Pick<Profile, 'years'>, year: number): boolean {
  return year >= profile.years.from && year <= profile.years.to;
}
