import { isPlanInForce, plansByToday } from '../../src/domain/planInForce';
import { PROFILES } from '../../src/profiles';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ids = (today: string) => plansByToday(PROFILES, day(today)).map((p) => p.id);

describe("the plan in force today comes first (the plan's years and the two-level government of 01/07/2025)", () => {
  it('in December 2026 the two-level plan vn-2025 is the only one in force and comes first', () => {
    expect(ids('2026-12-05')[0]).toBe('vn-2025');
    expect(PROFILES.filter((p) => isPlanInForce(p, day('2026-12-05'))).map((p) => p.id)).toEqual(['vn-2025']);
  });

  it('from 01/07/2025 the commune-level plan, the day before the district-level plans of the year', () => {
    expect(ids('2025-07-01')[0]).toBe('vn-2025');
    expect(isPlanInForce(PROFILES.find((p) => p.id === 'vn-2025')!, day('2025-06-30'))).toBe(false);
    expect(ids('2025-06-30')[0]).toBe('dong-thap-2021');
  });

  it('in 2020 the Bắc Ninh plan 2017–2020 is in force; every profile is still offered', () => {
    expect(ids('2020-11-02')[0]).toBe('bac-ninh-2017');
    expect(ids('2020-11-02').sort()).toEqual(PROFILES.map((p) => p.id).sort());
  });
});
