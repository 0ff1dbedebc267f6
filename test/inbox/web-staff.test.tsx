/**
 * @jest-environment ./test/support/jsdomEnvironment.js
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import '../../src/profiles/officialAll';
import { readReportSheet } from '../../src/domain/reportSheet';
import { reportView } from '../../src/domain/reportView';
import { generateSample } from '../../src/domain/sample';
import { SHEET, type WorkbookModel } from '../../src/domain/sheet';
import { Shell } from '../../src/inbox/web/Shell';
import { StaffApp } from '../../src/inbox/web/staff/StaffApp';
import type { SubmissionReview, Tracking } from '../../src/inbox/web/staff/api';
import { findUnit, getProfile } from '../../src/profiles';

/**
 * The staff page in jsdom over a stubbed inbox API: the plan in force and the inbox's own plans,
 * a decision's message that does not outlive its quarter, and the read-only view of a submission
 * (Khánh Hoà, Phường Nha Trang 22366, two-level plan).
 */
const NOW = new Date('2026-12-05T03:00:00Z');
const ID = '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
/** Phường Nha Trang's accepted submission of the quarter before (Q2/2026). */
const ID_Q2 = '6c2d3e4f-5061-4b7c-9d8e-0f1a2b3c4d5e';
const vn = getProfile('vn-2025')!;

function tracking(year: number, quarter: number, state: 'submitted' | 'accepted'): Tracking {
  const q3 = year === 2026 && quarter === 3;
  const q2 = year === 2026 && quarter === 2;
  const id = q3 ? ID : q2 ? ID_Q2 : null;
  return {
    period: { start: '2026-06-15', end: '2026-09-14', deadline: '2026-09-20', deadline_assumed: true },
    units: [
      {
        unit_code: '22366', unit_name: 'Phường Nha Trang', state: q3 ? state : q2 ? 'accepted' : 'missing',
        submission_id: id, received_at: q3 ? '2026-12-05T07:05:00Z' : q2 ? '2026-06-18T02:00:00Z' : null,
        on_time: !q3, return_reason: null, versions: id ? [{ id, version: 1 }] : [],
      },
    ],
    counts: { expected: 1 },
    completeness_pct: 100,
    timeliness_pct: 0,
  };
}

function review(quarter = 3): SubmissionReview {
  const spec = generateSample({ rows: 12, seed: 5, profile: vn, unit: findUnit(vn, '22366')!, year: 2026, quarter }).spec;
  const sheet = spec.sheets.find((s) => s.name === SHEET.report)!;
  const values = readReportSheet({ name: sheet.name, rows: sheet.rows } as WorkbookModel['sheets'][number]);
  const id = quarter === 3 ? ID : ID_Q2;
  const version = { id, version: 1, received_at: '2026-12-05T07:05:00Z', sha256: 'a'.repeat(64), size: 186_000, on_time: false, state: 'submitted' as const, return_reason: null, decided_by: null, decided_at: null, summary: { fatal: 0, error: 0, warning: 1, info: 0 } };
  return {
    id, unit_code: '22366', unit_name: 'Phường Nha Trang', profile: 'vn-2025', year: 2026, quarter, filename: `nha-trang-q${quarter}.xlsx`,
    deadline: '2026-09-20', deadline_assumed: true, version, versions: [version],
    findings: [{ rule: 'CNS-01', severity: 'warning', sheet: 'Sổ theo dõi', cell: 'U9', row: 9, column: 'U', field: 'consent_share', value: null, message_vi: 'Ô U9: Đồng ý chia sẻ thông tin đang trống.', message_en: 'Cell U9: consent to sharing is empty.' }],
    summary: version.summary,
    report: reportView(values, vn),
  };
}

let state: 'submitted' | 'accepted' = 'submitted';
const calls: string[] = [];

beforeAll(() => {
  // jsdom has no ResizeObserver; Fluent's dialogs and the map card ask for one.
  window.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
  jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'nextTick', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'hrtime'] });
  const answer = (status: number, body: unknown) => ({ status, ok: status === 200, headers: new Map(), json: async () => body });
  global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url === '/api/staff/me') return answer(200, { user: 'hoa', role: 'staff', csrf_token: 'csrf' });
    if (url === '/api/staff/plans') return answer(200, { plans: ['vn-2025', 'bac-ninh-2017'] });
    if (url.startsWith('/api/staff/tracking')) {
      const q = new URL(url, 'http://x').searchParams;
      return answer(200, tracking(Number(q.get('year')), Number(q.get('quarter')), state));
    }
    if (url === `/api/staff/submissions/${ID}/accept`) {
      state = 'accepted';
      return answer(200, {});
    }
    if (url === `/api/staff/submissions/${ID}/review`) return answer(200, review());
    if (url === `/api/staff/submissions/${ID_Q2}/review`) return answer(200, review(2));
    return answer(404, { error: 'not_found', message_vi: 'Không có.', message_en: 'None.' });
  }) as unknown as typeof fetch;
});
afterAll(() => jest.useRealTimers());
beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('vr_staff_signed_in', '1');
  window.location.hash = '';
  state = 'submitted';
});

const renderPage = () =>
  render(
    <Shell title={{ vi: 'Hộp thư', en: 'Inbox' }} subtitle={{ vi: 'Tỉnh', en: 'Province' }}>
      <StaffApp />
    </Shell>,
  );

test("opens on the plan in force and the quarter due, the inbox's own plans first, each by its one name", async () => {
  renderPage();
  const plan = await screen.findByTestId('period-profile');
  await waitFor(() => expect(within(plan).getAllByRole('group').map((g) => g.getAttribute('label'))).toEqual(['Kế hoạch có đơn vị trong hộp thư này', 'Kế hoạch khác']));
  const [own, other] = within(plan).getAllByRole('group');
  expect(within(own).getAllByRole('option').map((o) => o.textContent)).toEqual(['Chính quyền hai cấp 2025–2030', 'Bắc Ninh 2017–2020']);
  expect(within(other).getAllByRole('option').map((o) => o.textContent)).toEqual(['Đồng Tháp 2021–2025', 'Hương Trà 2023']);
  expect(plan).toHaveValue('vn-2025');
  expect(screen.getByTestId('period-year')).toHaveValue(2026);
  expect(screen.getByTestId('period-quarter')).toHaveValue('3');
  // Choosing the ended plan opens on its last quarter, not on 2026.
  await userEvent.setup().selectOptions(plan, 'bac-ninh-2017');
  expect(screen.getByTestId('period-year')).toHaveValue(2020);
  expect(screen.getByTestId('period-quarter')).toHaveValue('4');
});

test('a decision says so, and the message goes when another quarter is chosen', async () => {
  const user = userEvent.setup();
  renderPage();
  const row = await screen.findByTestId('unit-row-22366');
  await user.click(within(row).getByTestId('accept'));
  await user.click(await screen.findByTestId('accept-confirm'));
  expect(await screen.findByTestId('staff-message')).toHaveTextContent('Đã chấp nhận bài nộp của Phường Nha Trang, quý 3/2026.');
  await user.selectOptions(screen.getByTestId('period-quarter'), '2');
  expect(screen.queryByTestId('staff-message')).toBeNull();
  await waitFor(() => expect(screen.getByText('Tình hình nộp báo cáo quý 2/2026')).toBeInTheDocument());
});

test('the read-only view of a submission: reached from the table, its facts, findings words first, its report; Back returns to the link', async () => {
  const user = userEvent.setup();
  renderPage();
  const row = await screen.findByTestId('unit-row-22366');
  const link = within(row).getByRole('link', { name: 'Xem bản nộp của Phường Nha Trang' });
  expect(link).toHaveAttribute('href', `#ban-nop/${ID}`);
  // jsdom does not follow fragment links on click: set the address as the browser would.
  act(() => {
    window.location.hash = `#ban-nop/${ID}`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  const title = await screen.findByTestId('view-title');
  expect(title).toHaveTextContent('Phường Nha Trang (22366) · báo cáo quý 3/2026');
  await waitFor(() => expect(title).toHaveFocus());
  expect(screen.getByTestId('fact-version')).toHaveTextContent('Bản 1, nộp 14:05 05/12/2026');
  expect(screen.getByTestId('fact-deadline')).toHaveTextContent('20/09/2026');
  expect(screen.getByTestId('fact-timeliness')).toHaveTextContent('Nộp muộn');
  expect(screen.getByTestId('view-findings')).toHaveTextContent('0 lỗi, 1 cảnh báo, 0 ghi chú');
  const finding = within(screen.getByTestId('view-findings')).getAllByRole('row')[1];
  expect(within(finding).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Cảnh báo', 'Đồng ý chia sẻ thông tin đang trống.', 'Sổ theo dõi', 'U9', '', 'CNS-01']);
  const first = within(screen.getByTestId('report-table')).getByTestId('report-row-1');
  const total = review().report!.rows[0].figures.total;
  expect(within(first).getAllByRole('cell')[1]).toHaveTextContent(String(total));
  // The rest of the page is hidden by CSS (checked in Chromium, test/e2e/inbox.e2e.test.ts).
  expect(document.documentElement.dataset.viewing).toBe('submission');
  expect(calls).toContain(`GET /api/staff/submissions/${ID}/review`);

  await user.click(screen.getByTestId('view-back'));
  await waitFor(() => expect(screen.queryByTestId('submission-view')).toBeNull());
  expect(document.documentElement.dataset.viewing).toBeUndefined();
  await waitFor(() => expect(within(screen.getByTestId('unit-row-22366')).getByTestId('view-version')).toHaveFocus());
});

test("a submission opened from its address (a reload, a colleague's link) brings its own quarter: Back lands on that quarter's table", async () => {
  const user = userEvent.setup();
  window.location.hash = `#ban-nop/${ID_Q2}`;
  renderPage();
  expect(await screen.findByTestId('view-title')).toHaveTextContent('Phường Nha Trang (22366) · báo cáo quý 2/2026');
  // The page opened on the quarter due (3/2026); the view's own quarter replaces it.
  await waitFor(() => expect(screen.getByTestId('period-quarter')).toHaveValue('2'));
  expect(screen.getByTestId('view-back')).toHaveTextContent('Về danh sách quý 2/2026');
  await user.click(screen.getByTestId('view-back'));
  await waitFor(() => expect(screen.queryByTestId('submission-view')).toBeNull());
  expect(window.location.hash).toBe('');
  expect(await screen.findByText('Tình hình nộp báo cáo quý 2/2026')).toBeInTheDocument();
  expect(within(screen.getByTestId('unit-row-22366')).getByRole('link', { name: 'Xem bản nộp của Phường Nha Trang' })).toHaveAttribute('href', `#ban-nop/${ID_Q2}`);
});
