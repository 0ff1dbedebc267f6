import { deadlineOf, isOnTime, periodOf } from '../../src/domain/period';
import { PROFILES, getProfile } from '../../src/profiles';

describe('profile deadlines', () => {
  test('vn-2025: the note and the code agree: the 20th of the quarter\'s last month is the last day on time', () => {
    const vn = getProfile('vn-2025')!;
    expect(vn.deadline.note_vi).toMatch(/chậm nhất ngày 20 tháng cuối quý/);
    for (const [year, quarter, last] of [[2025, 3, '2025-09-20'], [2026, 1, '2026-03-20'], [2026, 4, '2026-12-20']] as const) {
      expect(deadlineOf(vn, year, quarter).toISOString().slice(0, 10)).toBe(last);
      // 23:59 in Hà Nội on the 20th is on time; 00:01 on the 21st is late.
      expect(isOnTime(vn, year, quarter, new Date(`${last}T16:59:00Z`))).toBe(true);
      expect(isOnTime(vn, year, quarter, new Date(`${last}T17:01:00Z`))).toBe(false);
    }
  });

  test('a note that names a day of the month names the day the code computes', () => {
    for (const p of PROFILES) {
      const day = /ngày (\d{1,2}) tháng cuối quý/.exec(p.deadline.note_vi ?? '');
      if (!day) continue;
      expect(deadlineOf(p, 2025, 2).getUTCDate()).toBe(Number(day[1]));
      expect(periodOf(p, 2025, 2).end.getUTCMonth()).toBe(deadlineOf(p, 2025, 2).getUTCMonth());
    }
  });

  test('a note of "N ngày sau khi hết quý" gives N days after the period', () => {
    for (const p of PROFILES) {
      const days = /trong (\d+) ngày sau khi hết quý/.exec(p.deadline.note_vi ?? '');
      if (days) expect(p.deadline.days_after_period_end).toBe(Number(days[1]));
    }
  });

  test('every deadline no seed sets is marked assumed, with its reason', () => {
    // Seeds 001, 002, 003 set no quarterly day; Decree 09/2019 leaves the day to the issuer.
    for (const id of ['bac-ninh-2017', 'dong-thap-2021', 'huong-tra-2023', 'vn-2025']) {
      const p = getProfile(id)!;
      expect(p.deadline.assumed).toBe(true);
      expect(p.deadline.basis).toBeTruthy();
    }
  });
});
