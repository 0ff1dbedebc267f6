import { VI_MESSAGES, isLanguageLoaded, loadLanguage, translate } from '../../src/taskpane/i18n';
import { en } from '../../src/taskpane/i18n.en';

const MESSAGES = { vi: VI_MESSAGES, en };

// English is a chunk of its own, loaded when chosen; until then the pane speaks Vietnamese.
test('English loads on demand; before it has, messages show in Vietnamese', async () => {
  if (!isLanguageLoaded('en')) expect(translate('en', 'navStart')).toBe(VI_MESSAGES.navStart);
  await loadLanguage('en');
  expect(translate('en', 'navStart')).toBe(en.navStart);
});

beforeAll(() => loadLanguage('en'));

describe('pane messages', () => {
  it('write counts the Vietnamese way and leave years, quarters and row numbers alone', () => {
    expect(translate('vi', 'checkDone', { rows: 10000, error: 1234, warning: 0, info: 5 })).toBe('Đã kiểm tra 10.000 dòng: 1.234 lỗi, 0 cảnh báo, 5 thông tin.');
    expect(translate('en', 'checkDone', { rows: 10000, error: 1234, warning: 0, info: 5 })).toBe('Checked 10,000 rows: 1,234 errors, 0 warnings, 5 notes.');
    expect(translate('vi', 'reportFilled', { count: 1500, quarter: 3, year: 2020 })).toBe('Đã lập báo cáo quý 3/2020: ghi 1.500 ô tính từ sổ theo dõi, kỳ báo cáo và ngày lập.');
    expect(translate('vi', 'entrySaved', { id: 'BN-TS-2020-0001', row: 1234 })).toBe('Đã ghi hồ sơ BN-TS-2020-0001 vào dòng 1234.');
  });

  it('say "1 cell", "1 error" in English, not "1 cells" (Vietnamese nouns do not change)', () => {
    expect(translate('en', 'reportDiffTitle', { count: 1 })).toBe('1 cell holds a figure that differs from the register and was not written by the last fill, so it was kept.');
    expect(translate('en', 'reportDiffTitle', { count: 3 })).toMatch(/^3 cells hold figures that differ .* were not written .* so they were kept\.$/);
    expect(translate('en', 'checkDone', { rows: 1, error: 1, warning: 2, info: 1 })).toBe('Checked 1 row: 1 error, 2 warnings, 1 note.');
    expect(translate('en', 'submitBlocked', { count: 1 })).toBe('Not submitted: 1 error must be fixed first:');
    expect(translate('vi', 'reportDiffTitle', { count: 1 })).toMatch(/^1 ô có số khác/);
    // No English message leaves a plural form unresolved, and no Vietnamese one uses them.
    for (const [key, text] of Object.entries(MESSAGES.en)) {
      const params = Object.fromEntries([...text.matchAll(/\{(\w+)/g)].map((m) => [m[1], 2]));
      expect([key, translate('en', key as keyof typeof MESSAGES.en, params)]).not.toEqual([key, expect.stringMatching(/[{}|]/)]);
    }
    for (const [key, text] of Object.entries(MESSAGES.vi)) expect([key, /\{\w+:/.test(text)]).toEqual([key, false]);
  });

  it('use one word for each thing in Vietnamese: "mã truy cập" is the secret, never "mã đơn vị"; no English words', () => {
    for (const [key, text] of Object.entries(MESSAGES.vi)) {
      expect([key, /\b(sheet|token|workbook|check|submit|report|inbox)\b/i.test(text)]).toEqual([key, false]);
      if (/truy cập|đã bị thu hồi/.test(text)) expect([key, text]).not.toEqual([key, expect.stringMatching(/mã đơn vị/i)]);
    }
    expect(MESSAGES.vi.settingsToken).toMatch(/^Mã truy cập/);
  });
});
