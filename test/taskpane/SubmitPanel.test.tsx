/** @jest-environment ./test/support/jsdomEnvironment.js */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Finding } from '../../src/domain/finding';
import { memoryQueueStore } from '../../src/taskpane/lib/submitQueue';
import type { UploadOutcome } from '../../src/taskpane/lib/inboxClient';
import { NOW, PANE_EXCELS, makeServices, onExcel, renderPane, sampleShell, type PaneWorkbook } from './helpers';

const RECEIPT: UploadOutcome = {
  kind: 'receipt',
  receipt: {
    id: 'sub_42', sha256: 'ab'.repeat(32), received_at: '2020-11-02T03:00:00Z', on_time: true,
    unit_code: 'BN-TS', year: 2020, quarter: 3, version: 1, state: 'submitted',
    summary: { fatal: 0, error: 0, warning: 0, info: 0 },
  },
};

async function ready(rows = 10, errors = false): Promise<PaneWorkbook> {
  const workbook = await sampleShell(rows, errors);
  await workbook.shell.saveSettings({ inboxUrl: 'http://inbox.test' });
  // Excel hands over the real .xlsx; here the bytes only need to reach the uploader unchanged.
  workbook.shell.getCompressedFile = async () => new Uint8Array([80, 75, 3, 4, 1, 2, 3]);
  return workbook;
}

describe.each(PANE_EXCELS)('Submit panel on %s (ExcelApi %s)', (_excel, api) => {
  onExcel(api);
  it('says exactly what is missing: the access code, the inbox address, or both', async () => {
    const noToken = makeServices(() => RECEIPT);
    renderPane(await ready(), 'submit', noToken.services);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra và gửi' }));
    expect(await screen.findByText('Chưa có mã truy cập của đơn vị trên máy này. Nhập ở trang Cài đặt (địa chỉ hộp thư đã có).')).toBeInTheDocument();
    cleanup();

    const noInbox = makeServices(() => RECEIPT);
    noInbox.services.tokens.set('BN-TS', 'tok');
    renderPane(await sampleShell(10), 'submit', noInbox.services);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra và gửi' }));
    expect(await screen.findByText('Chưa có địa chỉ hộp thư tỉnh. Nhập ở trang Cài đặt (mã truy cập đã có).')).toBeInTheDocument();
    cleanup();

    const neither = makeServices(() => RECEIPT);
    renderPane(await sampleShell(10), 'submit', neither.services);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra và gửi' }));
    expect(await screen.findByText('Chưa có địa chỉ hộp thư tỉnh và mã truy cập. Nhập cả hai ở trang Cài đặt.')).toBeInTheDocument();
    expect([...noToken.uploads, ...noInbox.uploads, ...neither.uploads]).toHaveLength(0);
  });

  it('blocks a register with errors before anything is uploaded', async () => {
    const harness = makeServices(() => RECEIPT);
    harness.services.tokens.set('BN-TS', 'tok');
    renderPane(await ready(30, true), 'submit', harness.services);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra và gửi' }));
    expect(await screen.findByText(/^Chưa gửi được: còn \d+ lỗi phải sửa trước khi gửi:$/)).toBeInTheDocument();
    expect(harness.uploads).toHaveLength(0);
    // What and where: the first errors in words with their cell, the rule's ID after, and the rest counted.
    const alert = screen.getByRole('alert');
    const items = [...alert.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(items.length).toBe(5);
    for (const item of items) expect(item).toMatch(/^(Ô|Trang|Sổ|Báo cáo|Dòng|\S).* \([A-Z]{3}-\d{2}\)$/);
    expect(items[0]).toMatch(/^Ô [A-Z]+\d+/);
    expect(alert).toHaveTextContent(/… và \d+ lỗi khác\./);
    // …and a way to the Check tab, which shows the same findings at once.
    fireEvent.click(screen.getByRole('button', { name: 'Xem và sửa ở trang Kiểm tra' }));
    expect(await screen.findByRole('tab', { name: 'Kiểm tra', selected: true })).toBeInTheDocument();
    expect(await screen.findByText(/^Đã kiểm tra [1-9]\d* dòng: \d+ lỗi/)).toBeInTheDocument();
  });

  it('uploads a clean register and shows the receipt', async () => {
    const harness = makeServices(() => RECEIPT);
    harness.services.tokens.set('BN-TS', 'tok');
    renderPane(await ready(), 'submit', harness.services);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra và gửi' }));
    // One status for the quarter, the version named by its number and time (Vietnam time).
    const status = await screen.findByTestId('quarter-status');
    // The state is the title; the latest version is a line of its own under it.
    await waitFor(() => expect(within(status).getByText('Bản mới nhất: Bản 1, nộp 10:00 02/11/2020, đúng hạn.').tagName).toBe('DIV'));
    expect(within(status).getByText('Quý 3/2020: đã nộp, chờ tỉnh xem')).toBeInTheDocument();
    expect(status).not.toHaveTextContent('sub_42');
    expect(harness.uploads).toHaveLength(1);
    expect(harness.uploads[0]).toMatchObject({ inboxUrl: 'http://inbox.test', token: 'tok', filename: 'BN-TS-2020-Q3.xlsx' });
    expect([...harness.uploads[0].bytes]).toEqual([80, 75, 3, 4, 1, 2, 3]);
  });

  it('shows the inbox’s findings when it refuses the file', async () => {
    const finding: Finding = { rule: 'RPT-08', severity: 'error', sheet: null, cell: null, row: null, column: null, field: null, value: null, message_vi: 'Quá hạn nộp', message_en: 'Late' };
    const harness = makeServices(() => ({ kind: 'refused', findings: [finding] }));
    harness.services.tokens.set('BN-TS', 'tok');
    renderPane(await ready(), 'submit', harness.services);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra và gửi' }));
    expect(await screen.findByText(/Hộp thư tỉnh từ chối: 1 lỗi/)).toBeInTheDocument();
    expect(screen.getByText('Quá hạn nộp (RPT-08)')).toBeInTheDocument();
  });

  it('another unit’s register (403) is named as such, not called a wrong access code', async () => {
    const harness = makeServices(() => ({ kind: 'rejected', status: 403, code: 'forbidden', message_vi: 'Sổ này thuộc đơn vị BN-TS (bac-ninh-2017)', message_en: 'x' }));
    harness.services.tokens.set('BN-TS', 'tok');
    renderPane(await ready(), 'submit', harness.services);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra và gửi' }));
    expect(await screen.findByText(/^Hộp thư tỉnh không nhận: sổ này là của Thị xã Từ Sơn \(mã BN-TS\), còn mã truy cập đã lưu là của đơn vị khác\./)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('bac-ninh-2017');
    expect(document.body).not.toHaveTextContent('không đúng hoặc đã bị thu hồi');
  });

  it('queues the file when the inbox is unreachable and sends it when the pane opens again', async () => {
    const store = memoryQueueStore();
    let reachable = false;
    let now = NOW.getTime();
    const answer = (): UploadOutcome => (reachable ? RECEIPT : { kind: 'unreachable', status: 0 });
    const first = makeServices(answer, store, () => new Date(now));
    first.services.tokens.set('BN-TS', 'tok');
    renderPane(await ready(), 'submit', first.services);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra và gửi' }));
    expect(await screen.findByText(/tự gửi lại \(lần tới sau 15 giây\)/)).toBeInTheDocument();
    expect(await store.list()).toHaveLength(1);
    cleanup(); // the clerk closes the pane

    reachable = true;
    now += 60_000;
    const second = makeServices(answer, store, () => new Date(now));
    second.services.tokens.set('BN-TS', 'tok');
    renderPane(await ready(), 'submit', second.services);
    expect(await screen.findByTestId('quarter-status')).toHaveTextContent('Bản mới nhất: Bản 1, nộp 10:00 02/11/2020, đúng hạn.');
    expect(second.uploads).toHaveLength(1);
    expect([...second.uploads[0].bytes]).toEqual([80, 75, 3, 4, 1, 2, 3]);
    await waitFor(async () => expect(await store.list()).toHaveLength(0));
  });

  it('shows why the province returned a submission', async () => {
    const harness = makeServices(() => RECEIPT);
    harness.services.tokens.set('BN-TS', 'tok');
    harness.services.fetchSubmissions = async () => ({
      state: 'returned',
      versions: [{ id: 'sub_7', received_at: '2020-10-10T00:00:00Z', sha256: 'x', on_time: true, state: 'returned', return_reason: 'Thiếu số liệu dòng 6.4' }],
    });
    renderPane(await ready(), 'submit', harness.services);
    expect(await screen.findByText('Bản 1, nộp 07:00 10/10/2020 bị trả lại. Lý do: Thiếu số liệu dòng 6.4. Sửa theo lý do rồi gửi lại.')).toBeInTheDocument();
    expect(screen.getByText('Quý 3/2020: bị trả lại')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('Bản gửi sub_7');
  });

  it('drops the return reason once the quarter has been resubmitted', async () => {
    const harness = makeServices(() => RECEIPT);
    harness.services.tokens.set('BN-TS', 'tok');
    harness.services.fetchSubmissions = async () => ({
      state: 'submitted',
      versions: [
        { id: 'sub_7', received_at: '2020-10-10T00:00:00Z', sha256: 'x', on_time: true, state: 'returned', return_reason: 'Thiếu số liệu dòng 6.4' },
        { id: 'sub_8', received_at: '2020-10-12T00:00:00Z', sha256: 'y', on_time: true, state: 'submitted', return_reason: null },
      ],
    });
    renderPane(await ready(), 'submit', harness.services);
    expect(await screen.findByText('Quý 3/2020: đã nộp, chờ tỉnh xem')).toBeInTheDocument();
    expect(screen.getByTestId('quarter-status')).toHaveTextContent('Bản mới nhất: Bản 2, nộp 07:00 12/10/2020, đúng hạn.');
    expect(screen.getByTestId('quarter-status')).not.toHaveTextContent('bị trả lại');
  });

  it('one status per quarter: a receipt newer than the inbox’s answer wins, never "đã nhận … quá hạn" beside "chưa nộp"', async () => {
    const late: UploadOutcome = { kind: 'receipt', receipt: { ...(RECEIPT as Extract<UploadOutcome, { kind: 'receipt' }>).receipt, on_time: false } };
    const harness = makeServices(() => late);
    harness.services.tokens.set('BN-TS', 'tok');
    // The inbox's list lags behind the upload it has just answered.
    harness.services.fetchSubmissions = async () => ({ state: 'missing', versions: [] });
    renderPane(await ready(), 'submit', harness.services);
    expect(await screen.findByText('Quý 3/2020: chưa nộp')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra và gửi' }));
    expect(await screen.findByText('Quý 3/2020: đã nộp muộn, chờ tỉnh xem')).toBeInTheDocument();
    expect(screen.getByTestId('quarter-status')).toHaveTextContent('Bản mới nhất: Bản 1, nộp 10:00 02/11/2020, sau hạn nộp.');
    expect(screen.getAllByTestId('quarter-status')).toHaveLength(1);
    expect(document.body).not.toHaveTextContent('chưa nộp');
  });
});
