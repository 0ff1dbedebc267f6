import { planCovers, plansByDate } from '../../src/domain/planTime';
import { periodDue } from '../../src/domain/period';
import { PROFILES } from '../../src/profiles';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ids = (today: string) => plansByDate(PROFILES, day(today)).map((p) => p.id);
const inForce = (today: string) => PROFILES.filter((p) => planCovers(p, periodDue(p, day(today)))).map((p) => p.id);

describe('the pane offers the plan in force today first (the period due today, under the law and level of the day)', () => {
  it('in December 2026 the two-level plan vn-2025 is the only one in force and comes first', () => {
    expect(ids('2026-12-05')[0]).toBe('vn-2025');
    expect(inForce('2026-12-05')).toEqual(['vn-2025']);
  });

  it('on 01/07/2025 the report due is still the district-level quarter 2/2025; by October the commune-level plan leads', () => {
    expect(ids('2025-07-01')[0]).toBe('dong-thap-2021');
    expect(inForce('2025-07-01')).not.toContain('vn-2025');
    expect(ids('2025-10-20')[0]).toBe('vn-2025');
  });

  it('in 2020 the Bắc Ninh plan 2017–2020 is in force; every profile is still offered', () => {
    expect(ids('2020-11-02')[0]).toBe('bac-ninh-2017');
    expect(ids('2020-11-02').sort()).toEqual(PROFILES.map((p) => p.id).sort());
  });
});
