/** @jest-environment ./test/support/jsdomEnvironment.js */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PeriodPicker, duePeriod, type PeriodValue } from '../../src/inbox/web/PeriodPicker';
import { Shell } from '../../src/inbox/web/Shell';
import { FindingsTable } from '../../src/inbox/web/Findings';
import { findingCounts, formatDateTime, versionName } from '../../src/inbox/web/i18n';
import { planName, plansOffered } from '../../src/inbox/web/plan';
import type { Finding } from '../../src/domain/finding';
import { getProfile } from '../../src/profiles';

const findings: Finding[] = [
  {
    rule: 'REG-02', severity: 'error', sheet: 'Sổ theo dõi', cell: 'C5', row: 5, column: 'C', field: 'sex', value: 'nu',
    message_vi: 'Ô C5: "nu" không có trong danh mục; có phải "Nữ"?', message_en: 'Cell C5: "nu" is not in the list; did you mean "Nữ"?',
  },
  {
    rule: 'CNS-01', severity: 'warning', sheet: 'Sổ theo dõi', cell: 'U9', row: 9, column: 'U', field: 'consent_share', value: null,
    message_vi: 'Ô U9: chưa ghi đồng ý chia sẻ.', message_en: 'Cell U9: consent to sharing is empty.',
  },
];

/** 05/12/2026 10:00 in Hà Nội. */
const NOW = new Date('2026-12-05T03:00:00Z');
const vn = getProfile('vn-2025')!;
const bacNinh = getProfile('bac-ninh-2017')!;

beforeEach(() => localStorage.clear());

test('findings: words first (severity, message), then sheet, cell and value, the rule ID last; English on the toggle, remembered', async () => {
  const user = userEvent.setup();
  const { unmount } = render(
    <Shell title={{ vi: 'Nộp báo cáo', en: 'Submit' }} subtitle={{ vi: 'Đơn vị', en: 'Units' }}>
      <FindingsTable findings={findings} />
    </Shell>,
  );
  const table = screen.getByRole('table', { name: 'Kết quả kiểm tra' });
  const rows = within(table).getAllByRole('row');
  expect(rows).toHaveLength(3);
  expect(within(rows[0]).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Mức độ', 'Nội dung', 'Trang tính', 'Ô', 'Giá trị', 'Quy tắc']);
  expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Lỗi', '"nu" không có trong danh mục; có phải "Nữ"?', 'Sổ theo dõi', 'C5', 'nu', 'REG-02']);
  expect(document.documentElement.lang).toBe('vi');

  await user.click(screen.getByRole('button', { name: 'Switch to English' }));
  expect(screen.getByRole('table', { name: 'Check results' })).toBeInTheDocument();
  expect(within(rows[1]).getByText(/did you mean "Nữ"/)).toBeInTheDocument();
  expect(within(rows[2]).getByText('Warning')).toBeInTheDocument();
  expect(document.documentElement.lang).toBe('en');
  unmount();

  render(
    <Shell title={{ vi: 'Nộp báo cáo', en: 'Submit' }} subtitle={{ vi: 'Đơn vị', en: 'Units' }}>
      <FindingsTable findings={findings} />
    </Shell>,
  );
  expect(screen.getByRole('table', { name: 'Check results' })).toBeInTheDocument();
});

function Picker(props: { profile: typeof vn; initial: PeriodValue; seen: PeriodValue[] }) {
  const [value, setValue] = React.useState<PeriodValue>(props.initial);
  return (
    <Shell title={{ vi: 'Hộp thư', en: 'Inbox' }} subtitle={{ vi: 'Tỉnh', en: 'Province' }}>
      <PeriodPicker
        profile={props.profile}
        value={value}
        now={NOW}
        labels={{ year: 'Năm', quarter: 'Quý' }}
        onChange={(v) => {
          props.seen.push(v);
          setValue(v);
        }}
      />
    </Shell>
  );
}

test('period picker: only the quarters of the plan, up to the one under way; a year outside it is said in words and never applied', async () => {
  const user = userEvent.setup();
  const seen: PeriodValue[] = [];
  render(<Picker profile={vn} initial={{ year: 2026, quarter: 3 }} seen={seen} />);
  const year = screen.getByLabelText('Năm');
  const quarter = screen.getByLabelText('Quý');
  // 05/12/2026 lies in Q4/2026 (15/09–14/12): it is offered, nothing later.
  expect(within(quarter).getAllByRole('option').map((o) => o.textContent)).toEqual(['1', '2', '3', '4']);
  await user.clear(year);
  await user.type(year, '2020');
  expect(seen.every((v) => v.year >= 2025)).toBe(true);
  expect(screen.getByText('Kế hoạch Chính quyền hai cấp 2025–2030 gồm từ quý 3/2025 đến quý 4/2026.')).toBeInTheDocument();
  await user.clear(year);
  await user.type(year, '2025');
  // The two-level plan begins with Q3/2025: quarter 3 is kept, 1 and 2 are not offered.
  expect(seen[seen.length - 1]).toEqual({ year: 2025, quarter: 3 });
  expect(within(quarter).getAllByRole('option').map((o) => o.textContent)).toEqual(['3', '4']);
  expect(screen.queryByText(/gồm từ quý/)).toBeNull();
  await user.selectOptions(quarter, '4');
  expect(seen[seen.length - 1]).toEqual({ year: 2025, quarter: 4 });
});

test('period picker on a plan that has ended: its own years only (Bắc Ninh 2017–2020)', async () => {
  const user = userEvent.setup();
  const seen: PeriodValue[] = [];
  render(<Picker profile={bacNinh} initial={{ year: 2020, quarter: 4 }} seen={seen} />);
  const year = screen.getByLabelText('Năm');
  expect(year).toHaveAttribute('min', '2017');
  expect(year).toHaveAttribute('max', '2020');
  await user.clear(year);
  await user.type(year, '2026');
  expect(seen).toEqual([]);
  expect(screen.getByText('Kế hoạch Bắc Ninh 2017–2020 gồm từ quý 1/2017 đến quý 4/2020.')).toBeInTheDocument();
});

test("the pages open on the period due under the plan in force, on the Vietnamese calendar day; a closed plan on its last quarter", () => {
  // Data cut-off of Decree 09/2019 (vn-2025): Q4/2026 ends on 14/12, so it is due from the 15th.
  expect(duePeriod('vn-2025', new Date('2026-12-16T03:00:00Z'))).toEqual({ year: 2026, quarter: 4 });
  expect(duePeriod('vn-2025', new Date('2026-12-14T03:00:00Z'))).toEqual({ year: 2026, quarter: 3 });
  // 14/12/2026 20:00 UTC is already the 15th in Hà Nội.
  expect(duePeriod('vn-2025', new Date('2026-12-14T20:00:00Z'))).toEqual({ year: 2026, quarter: 4 });
  // Bắc Ninh 2017–2020 ended: its pages open on its last quarter, not on a 2026 quarter outside it.
  expect(duePeriod('bac-ninh-2017', NOW)).toEqual({ year: 2020, quarter: 4 });
  // An unknown plan falls back to the default one rather than failing.
  expect(duePeriod('no-such-plan', NOW)).toEqual({ year: 2020, quarter: 4 });
});

test("the plans offered: the inbox's own plans first, the plan in force first in each group", () => {
  const ids = (g: { id: string }[]) => g.map((p) => p.id);
  expect(plansOffered(null, NOW).all.map((p) => planName(p, 'vi'))).toEqual(['Chính quyền hai cấp 2025–2030', 'Đồng Tháp 2021–2025', 'Hương Trà 2023', 'Bắc Ninh 2017–2020']);
  const offered = plansOffered(['bac-ninh-2017', 'vn-2025'], NOW);
  expect(ids(offered.own)).toEqual(['vn-2025', 'bac-ninh-2017']);
  expect(ids(offered.other)).toEqual(['dong-thap-2021', 'huong-tra-2023']);
  // An inbox of a district plan still opens on its own plan, the two-level plan offered after it.
  expect(ids(plansOffered(['bac-ninh-2017'], NOW).all)).toEqual(['bac-ninh-2017', 'vn-2025', 'dong-thap-2021', 'huong-tra-2023']);
});

test('a version is named by its number and its time in Vietnam, never by an id or a hash', () => {
  const v = { version: 2, received_at: '2026-12-05T07:05:00.000Z', id: '0e50ec79-0000-4000-8000-000000000000' };
  expect(versionName(v, 'vi')).toBe('Bản 2, nộp 14:05 05/12/2026');
  expect(versionName(v, 'en')).toBe('Version 2, submitted 14:05 05/12/2026');
  // Past midnight in Hà Nội is the next day, whatever the browser's zone.
  expect(formatDateTime('2026-12-31T17:30:00Z')).toBe('00:30 01/01/2027');
});

test('counts read as sentences: one warning is "1 warning" in English; Vietnamese nouns do not change', () => {
  expect(findingCounts({ error: 0, warning: 1, info: 0 }, 'en')).toBe('0 errors, 1 warning, 0 notes');
  expect(findingCounts({ error: 1, warning: 3, info: 1 }, 'en')).toBe('1 error, 3 warnings, 1 note');
  expect(findingCounts({ error: 0, warning: 1, info: 2 }, 'vi')).toBe('0 lỗi, 1 cảnh báo, 2 ghi chú');
});
