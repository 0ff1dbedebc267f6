import { utcDay } from '../../src/domain/period';
import { inPlanQuarters, openingQuarter, planCovers, planInForce, planQuarters, plansByDate } from '../../src/domain/planTime';
import { PROFILES, getProfile } from '../../src/profiles';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const vn = getProfile('vn-2025')!;
const dongThap = getProfile('dong-thap-2021')!;
const bacNinh = getProfile('bac-ninh-2017')!;

describe('the plan in force on a day (two-level government from 01/07/2025)', () => {
  test('in December 2026 the two-level plan is in force and listed first; the others follow, most recent first', () => {
    expect(planInForce(PROFILES, d('2026-12-05')).id).toBe('vn-2025');
    expect(plansByDate(PROFILES, d('2026-12-05')).map((p) => p.id)).toEqual(['vn-2025', 'dong-thap-2021', 'huong-tra-2023', 'bac-ninh-2017']);
  });

  test('in August 2025 the report due is Q2/2025, still under the district plans and the 2011 law', () => {
    // vn-2025's Q2/2025 (15/03–14/06/2025) ended before the two-level government began.
    expect(planCovers(vn, { year: 2025, quarter: 2 })).toBe(false);
    expect(planCovers(dongThap, { year: 2025, quarter: 2 })).toBe(true);
    expect(planInForce(PROFILES, d('2025-08-10')).id).toBe('dong-thap-2021');
    // From the cut-off of Q3/2025 (14/09/2025) the two-level plan's first report is due.
    expect(planInForce(PROFILES, d('2025-09-15')).id).toBe('vn-2025');
  });

  test('a district plan covers no quarter begun after 30/06/2025, even inside its years', () => {
    expect(planCovers(dongThap, { year: 2025, quarter: 3 })).toBe(false);
    expect(planQuarters(dongThap, d('2026-12-05'))).toEqual({ first: { year: 2021, quarter: 1 }, last: { year: 2025, quarter: 2 } });
  });
});

describe('the quarters a page offers', () => {
  test('the two-level plan: from Q3/2025 to the quarter holding today, not one not yet begun', () => {
    // 05/12/2026 lies in Q4/2026 (15/09–14/12/2026) under the data cut-off.
    expect(planQuarters(vn, d('2026-12-05'))).toEqual({ first: { year: 2025, quarter: 3 }, last: { year: 2026, quarter: 4 } });
    expect(inPlanQuarters(vn, { year: 2027, quarter: 1 }, d('2026-12-05'))).toBe(false);
    expect(inPlanQuarters(vn, { year: 2020, quarter: 1 }, d('2026-12-05'))).toBe(false);
    expect(inPlanQuarters(vn, { year: 2025, quarter: 3 }, d('2026-12-05'))).toBe(true);
  });

  test('a page opens on the period due; on a plan that has ended, on its last quarter', () => {
    expect(openingQuarter(vn, d('2026-12-05'))).toEqual({ year: 2026, quarter: 3 });
    expect(openingQuarter(vn, d('2026-12-16'))).toEqual({ year: 2026, quarter: 4 });
    expect(openingQuarter(bacNinh, d('2026-12-05'))).toEqual({ year: 2020, quarter: 4 });
    expect(openingQuarter(dongThap, d('2026-12-05'))).toEqual({ year: 2025, quarter: 2 });
    // Before a plan's first covered quarter is due, its first quarter.
    expect(openingQuarter(vn, d('2025-07-02'))).toEqual({ year: 2025, quarter: 3 });
  });

  test('a plan not yet begun offers no quarter', () => {
    expect(planQuarters({ ...vn, years: { from: 2031, to: 2035 } }, utcDay(2026, 11, 5))).toBeNull();
  });
});
