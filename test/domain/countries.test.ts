import enLocale from 'i18n-iso-countries/langs/en.json';
import { COUNTRIES, DESTINATION, ETHNICITY, matchCode } from '../../src/domain/codes';
import { SAME_IN_VIETNAMESE } from '../../src/domain/countries';

const match = (raw: string) => matchCode(COUNTRIES, raw);
const keyOf = (raw: string) => {
  const m = match(raw);
  return m.ok ? m.code.key : null;
};
const suggestionOf = (raw: string) => {
  const m = match(raw);
  return m.ok ? 'MATCH' : m.suggestion?.vi ?? null;
};

describe('country list (ISO 3166-1 from i18n-iso-countries, office spellings as aliases)', () => {
  it('holds every ISO 3166-1 country once, Việt Nam first, Khác last', () => {
    const iso = Object.keys(enLocale.countries);
    expect(iso.length).toBeGreaterThanOrEqual(249);
    const keys = COUNTRIES.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of iso) expect(keys).toContain(key);
    expect(COUNTRIES[0]).toMatchObject({ vi: 'Việt Nam', key: 'VN' });
    expect(COUNTRIES[COUNTRIES.length - 1]).toMatchObject({ vi: 'Khác', key: 'XX' });
    expect(DESTINATION.map((c) => c.key)).not.toContain('VN');
    expect(DESTINATION).toHaveLength(COUNTRIES.length);
  });

  it('names every country in Vietnamese: no label is an English name unless Vietnamese writes it so', () => {
    const english = enLocale.countries as Record<string, string | string[]>;
    const englishNames = (key: string): string[] => [english[key] ?? []].flat();
    const missing = COUNTRIES.filter((c) => c.key !== 'XX' && englishNames(c.key).includes(c.vi) && !SAME_IN_VIETNAMESE.has(c.key)).map((c) => `${c.key} ${c.vi}`);
    expect(missing).toEqual([]);
    // The list of same-spelled names stays honest: each is a country whose label is its English name.
    const stale = [...SAME_IN_VIETNAMESE].filter((key) => !englishNames(key).includes(COUNTRIES.find((c) => c.key === key)?.vi ?? ''));
    expect(stale).toEqual([]);
    const label = (key: string) => COUNTRIES.find((c) => c.key === key)?.vi;
    expect(['AS', 'AQ', 'AT', 'CV', 'CI', 'CY', 'GQ', 'PG', 'SH', 'RE'].map(label)).toEqual([
      'Samoa thuộc Mỹ', 'Châu Nam Cực', 'Áo', 'Cabo Verde', 'Bờ Biển Ngà', 'Síp', 'Guinea Xích Đạo', 'Papua Tân Guinea',
      'Saint Helena, Ascension và Tristan da Cunha', 'Réunion',
    ]);
    // The English and the library's spellings still match, as aliases.
    expect(['Austria', 'Cyprus', "Cote d'Ivoire", 'Reunion', 'Papua New Guinea'].map(keyOf)).toEqual(['AT', 'CY', 'CI', 'RE', 'PG']);
  });

  it('keeps the labels and keys earlier workbooks were written with', () => {
    const earlier: [string, string][] = [
      ['Trung Quốc', 'CN'], ['Campuchia', 'KH'], ['Lào', 'LA'], ['Malaysia', 'MY'], ['Hàn Quốc', 'KR'],
      ['Đài Loan (Trung Quốc)', 'TW'], ['Hồng Kông (Trung Quốc)', 'HK'], ['Anh', 'GB'], ['Séc', 'CZ'],
      ['Nga', 'RU'], ['Ukraina', 'UA'], ['Hoa Kỳ', 'US'], ['Úc', 'AU'], ['Ả Rập Xê Út', 'SA'],
    ];
    for (const [vi, key] of earlier) expect(COUNTRIES.find((c) => c.vi === vi)?.key).toBe(key);
  });

  it.each([
    ['Mông Cổ', 'MN'], ['Triều Tiên', 'KP'], ['Hy Lạp', 'GR'], ['Nhật Bản', 'JP'], ['Thái Lan', 'TH'],
    ['Đài Loan', 'TW'], ['Ma-lai-xi-a', 'MY'], ['Mỹ', 'US'], ['Hoa Kỳ', 'US'], ['Đức', 'DE'],
    ['Vương quốc Anh', 'GB'], ['Liên bang Nga', 'RU'], ['NZ', 'NZ'], ['New Zealand', 'NZ'], ['Greece', 'GR'],
    ['Cộng hòa Dân chủ nhân dân Lào', 'LA'], ['Bồ Đào Nha', 'PT'], ['Ý', 'IT'], ['cn', 'CN'], ['MY', 'MY'],
  ])('accepts %s as %s', (raw, key) => {
    expect(keyOf(raw)).toBe(key);
  });

  it.each([
    ['Trung Quoc', 'Trung Quốc'],
    ['Hy Lap', 'Hy Lạp'],
    ['Hi Lạp', 'Hy Lạp'],
    ['Mong Co', 'Mông Cổ'],
    ['Trieu Tien', 'Triều Tiên'],
    ['Campuchea', 'Campuchia'],
    ['Bồ Đào Nhaa', 'Bồ Đào Nha'],
    // Typed in lower case, `my`/`bi` are Mỹ/Bỉ without diacritics, not the ISO codes MY/BI.
    ['my', 'Hoa Kỳ'],
    ['Bi', 'Bỉ'],
  ])('suggests for the near miss %s: %s', (raw, expected) => {
    expect(suggestionOf(raw)).toBe(expected);
  });

  it('never suggests Hà Lan for Hy Lạp or a spelling of it', () => {
    for (const raw of ['Hy Lạp', 'Hy Lap', 'hylap', 'Hy Lạpp']) {
      const m = match(raw);
      expect(m.ok ? m.code.key : m.suggestion?.key).toBe('GR');
    }
  });

  it('does not accept a spelling shared by two countries (Congo) but still suggests one', () => {
    const m = match('Congo');
    expect(m.ok).toBe(false);
    expect(m.ok ? null : m.suggestion?.key).toBe('CG');
  });
});

describe('near misses in other lists keep working', () => {
  it('suggests an ethnic group typed without diacritics with a typo (keys equal to names)', () => {
    const m = matchCode(ETHNICITY, 'Muongg');
    expect(m.ok ? null : m.suggestion?.vi).toBe('Mường');
  });
});
