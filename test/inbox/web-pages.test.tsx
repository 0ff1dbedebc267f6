/** @jest-environment jsdom */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PeriodPicker, duePeriod, type PeriodValue } from '../../src/inbox/web/PeriodPicker';
import { Shell } from '../../src/inbox/web/Shell';
import { FindingsTable } from '../../src/inbox/web/upload/Findings';
import type { Finding } from '../../src/domain/finding';

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

beforeEach(() => localStorage.clear());

test('findings table: sheet, cell, rule and the Vietnamese message first; English on the toggle, remembered', async () => {
  const user = userEvent.setup();
  const { unmount } = render(
    <Shell title={{ vi: 'Nộp báo cáo', en: 'Submit' }} subtitle={{ vi: 'Đơn vị', en: 'Units' }}>
      <FindingsTable findings={findings} />
    </Shell>,
  );
  const table = screen.getByRole('table', { name: 'Kết quả kiểm tra' });
  const rows = within(table).getAllByRole('row');
  expect(rows).toHaveLength(3);
  expect(within(rows[1]).getByText('C5')).toBeInTheDocument();
  expect(within(rows[1]).getByText('REG-02')).toBeInTheDocument();
  expect(within(rows[1]).getByText('Lỗi')).toBeInTheDocument();
  expect(within(rows[1]).getByText(/có phải "Nữ"/)).toBeInTheDocument();
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

test('period picker: a year can be typed digit by digit; only a valid year reaches the page', async () => {
  const user = userEvent.setup();
  const seen: PeriodValue[] = [];
  function Harness() {
    const [value, setValue] = React.useState<PeriodValue>({ year: 2024, quarter: 1 });
    return (
      <PeriodPicker
        value={value}
        labels={{ year: 'Năm', quarter: 'Quý' }}
        onChange={(v) => {
          seen.push(v);
          setValue(v);
        }}
      />
    );
  }
  render(<Harness />);
  const year = screen.getByLabelText('Năm');
  await user.clear(year);
  await user.type(year, '2020');
  expect(year).toHaveValue(2020);
  await user.selectOptions(screen.getByLabelText('Quý'), '3');
  expect(seen[seen.length - 1]).toEqual({ year: 2020, quarter: 3 });
  expect(seen.every((v) => v.year >= 2000)).toBe(true);
});

test("the pages open on the period due under the plan's rule, on the Vietnamese calendar day", () => {
  // Calendar quarters (bac-ninh-2017): on 30/11/2026 the report due is Q3/2026.
  expect(duePeriod('bac-ninh-2017', new Date('2026-11-30T03:00:00Z'))).toEqual({ year: 2026, quarter: 3 });
  // 31/12/2026 19:00 in Hà Nội is still Q4's last day; 01/01/2027 03:00 there is past it.
  expect(duePeriod('bac-ninh-2017', new Date('2026-12-31T12:00:00Z'))).toEqual({ year: 2026, quarter: 3 });
  expect(duePeriod('bac-ninh-2017', new Date('2026-12-31T20:00:00Z'))).toEqual({ year: 2026, quarter: 4 });
  // Data cut-off of Decree 09/2019 (vn-2025): Q4/2026 ends on 14/12, so it is due from the 15th.
  expect(duePeriod('vn-2025', new Date('2026-12-16T03:00:00Z'))).toEqual({ year: 2026, quarter: 4 });
  expect(duePeriod('vn-2025', new Date('2026-12-14T03:00:00Z'))).toEqual({ year: 2026, quarter: 3 });
  // An unknown plan falls back to the default one rather than failing.
  expect(duePeriod('no-such-plan', new Date('2026-11-30T03:00:00Z'))).toEqual({ year: 2026, quarter: 3 });
});
