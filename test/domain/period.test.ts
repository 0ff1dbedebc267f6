import { ageGroup, deadlineOf, inPeriod, inPlanYears, isOnTime, nextQuarter, periodDue, periodOf, previousQuarter, quarterOfDate } from '../../src/domain/period';
import { getProfile } from '../../src/profiles';
import type { Profile } from '../../src/domain/schema/profile';

const bacNinh = getProfile('bac-ninh-2017') as Profile;
const vn2025 = getProfile('vn-2025') as Profile;
const d = (s: string): Date => new Date(`${s}T00:00:00Z`);
const iso = (x: Date): string => x.toISOString().slice(0, 10);

describe('periodOf', () => {
  it('gives calendar quarters, inclusive, UTC midnight', () => {
    const q3 = periodOf(bacNinh, 2020, 3);
    expect([iso(q3.start), iso(q3.end)]).toEqual(['2020-07-01', '2020-09-30']);
    expect(q3.start.getUTCHours()).toBe(0);
    expect(iso(periodOf(bacNinh, 2020, 1).end)).toBe('2020-03-31');
    expect(iso(periodOf(bacNinh, 2020, 4).end)).toBe('2020-12-31');
    expect(iso(periodOf(bacNinh, 2024, 1).start)).toBe('2024-01-01');
  });

  it('applies the Decree 09/2019 cut-off: 15th of the month before to the 14th of the last month', () => {
    const q3 = periodOf(vn2025, 2025, 3);
    expect([iso(q3.start), iso(q3.end)]).toEqual(['2025-06-15', '2025-09-14']);
    const q1 = periodOf(vn2025, 2026, 1);
    expect([iso(q1.start), iso(q1.end)]).toEqual(['2025-12-15', '2026-03-14']);
    expect({ year: q1.year, quarter: q1.quarter }).toEqual({ year: 2026, quarter: 1 });
  });

  it('rejects a quarter outside 1..4', () => {
    expect(() => periodOf(bacNinh, 2020, 5)).toThrow(RangeError);
    expect(() => periodOf(bacNinh, 2020, 0)).toThrow(RangeError);
  });
});

describe('deadlines', () => {
  it('adds the profile days to the period end', () => {
    expect(iso(deadlineOf(bacNinh, 2020, 3))).toBe('2020-10-15');
    expect(iso(deadlineOf(vn2025, 2025, 3))).toBe('2025-09-20');
  });

  it('is on time through the deadline day in Vietnam time, late after it', () => {
    expect(isOnTime(bacNinh, 2020, 3, new Date('2020-10-15T09:00:00Z'))).toBe(true);
    expect(isOnTime(bacNinh, 2020, 3, new Date('2020-10-15T16:59:00Z'))).toBe(true); // 23:59 in Hà Nội
    expect(isOnTime(bacNinh, 2020, 3, new Date('2020-10-15T17:30:00Z'))).toBe(false); // 00:30 on the 16th
    expect(isOnTime(bacNinh, 2020, 3, d('2020-10-16'))).toBe(false);
    expect(isOnTime(bacNinh, 2020, 3, d('2020-07-02'))).toBe(true);
  });
});

describe('ageGroup', () => {
  it('splits at 16 and 18 and keeps unknown apart', () => {
    expect(ageGroup(0)).toBe('Dưới 16');
    expect(ageGroup(15)).toBe('Dưới 16');
    expect(ageGroup(16)).toBe('16 - dưới 18');
    expect(ageGroup(17)).toBe('16 - dưới 18');
    expect(ageGroup(18)).toBe('Từ 18 trở lên');
    expect(ageGroup(99)).toBe('Từ 18 trở lên');
    expect(ageGroup(null)).toBe('Chưa rõ');
    expect(ageGroup(undefined)).toBe('Chưa rõ');
    expect(ageGroup(-1)).toBe('Chưa rõ');
  });
});

describe('quarters', () => {
  it('steps over the year end both ways', () => {
    expect(nextQuarter(2020, 3)).toEqual({ year: 2020, quarter: 4 });
    expect(nextQuarter(2020, 4)).toEqual({ year: 2021, quarter: 1 });
    expect(previousQuarter(2021, 1)).toEqual({ year: 2020, quarter: 4 });
  });

  it('finds the period containing a date, both ends inclusive', () => {
    const q3 = periodOf(bacNinh, 2020, 3);
    expect(inPeriod(d('2020-07-01'), q3)).toBe(true);
    expect(inPeriod(d('2020-09-30'), q3)).toBe(true);
    expect(inPeriod(new Date('2020-09-30T23:00:00Z'), q3)).toBe(true);
    expect(inPeriod(d('2020-10-01'), q3)).toBe(false);
    expect(inPeriod(d('2020-06-30'), q3)).toBe(false);
    expect(inPeriod(null, q3)).toBe(false);
    expect(quarterOfDate(vn2025, d('2025-12-20'))).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOfDate(vn2025, d('2025-09-14'))).toEqual({ year: 2025, quarter: 3 });
    expect(quarterOfDate(bacNinh, d('2020-12-31'))).toEqual({ year: 2020, quarter: 4 });
  });
});

describe('periodDue', () => {
  it('is the calendar quarter that has ended most recently', () => {
    expect(periodDue(bacNinh, d('2026-11-30'))).toEqual({ year: 2026, quarter: 3 });
    expect(periodDue(bacNinh, d('2026-10-01'))).toEqual({ year: 2026, quarter: 3 });
    expect(periodDue(bacNinh, d('2026-09-30'))).toEqual({ year: 2026, quarter: 2 });
    expect(periodDue(bacNinh, d('2027-01-05'))).toEqual({ year: 2026, quarter: 4 });
  });

  it('follows the cut-off rule: Q4 is due once 14/12 has passed', () => {
    expect(periodDue(vn2025, d('2026-12-14'))).toEqual({ year: 2026, quarter: 3 });
    expect(periodDue(vn2025, d('2026-12-15'))).toEqual({ year: 2026, quarter: 4 });
    expect(periodDue(vn2025, d('2027-03-10'))).toEqual({ year: 2026, quarter: 4 });
  });

  it('says whether a year is inside the plan', () => {
    expect(inPlanYears(bacNinh, 2020)).toBe(true);
    expect(inPlanYears(bacNinh, 2026)).toBe(false);
  });
});
