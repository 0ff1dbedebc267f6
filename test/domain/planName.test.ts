import { planName, planNameWithId, planTitle, planYears } from '../../src/domain/planName';
import { PROFILES, getProfile } from '../../src/profiles';

describe('one name per plan', () => {
  test('each shipped plan has one short name per language: what it is called and its years, never its id', () => {
    expect(PROFILES.map((p) => planName(p, 'vi'))).toEqual(['Bắc Ninh 2017–2020', 'Đồng Tháp 2021–2025', 'Hương Trà 2023', 'Chính quyền hai cấp 2025–2030']);
    expect(PROFILES.map((p) => planName(p, 'en'))).toEqual(['Bắc Ninh 2017–2020', 'Đồng Tháp 2021–2025', 'Hương Trà 2023', 'Two-level government 2025–2030']);
    for (const p of PROFILES) {
      for (const lang of ['vi', 'en'] as const) {
        expect(planName(p, lang)).not.toContain(p.id);
        // The nationwide plan is not "Toàn quốc", and a town's plan is not named after its province.
        expect(planName(p, lang)).not.toMatch(/Toàn quốc|Thừa Thiên Huế|2023–2023/);
      }
    }
  });

  test('a one-year plan shows its year once; a profile without a short title falls back to its province', () => {
    expect(planYears({ years: { from: 2023, to: 2023 } })).toBe('2023');
    expect(planYears({ years: { from: 2017, to: 2020 } })).toBe('2017–2020');
    expect(planName({ province: 'Sơn La', years: { from: 2022, to: 2025 } }, 'en')).toBe('Sơn La 2022–2025');
    expect(planName({ province: 'Sơn La', short_title: 'Sơn La (thử)', years: { from: 2022, to: 2022 } }, 'en')).toBe('Sơn La (thử) 2022');
  });

  test('the CLI names a plan by its name first, the id it takes after --profile second', () => {
    expect(planNameWithId(getProfile('vn-2025')!, 'vi')).toBe('Chính quyền hai cấp 2025–2030 (vn-2025)');
    expect(planTitle(getProfile('bac-ninh-2017')!, 'en')).toMatch(/^Bac Ninh plan/);
  });
});
