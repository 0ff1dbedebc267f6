/**
 * @jest-environment ./test/support/jsdomEnvironment.js
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import * as React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import '../../src/profiles/officialAll';
import { buildTemplate } from '../../src/domain/template';
import type { Profile } from '../../src/domain/schema/profile';
import { Shell } from '../../src/inbox/web/Shell';
import { UploadCard, type SignedUnit } from '../../src/inbox/web/upload/UploadCard';
import { ReceiptCard } from '../../src/inbox/web/upload/Receipt';
import type { Finding } from '../../src/domain/finding';
import { readWorkbookPeriod } from '../../src/inbox/web/upload/workbookPeriod';
import type { PeriodValue } from '../../src/inbox/web/PeriodPicker';
import { findUnit, getProfile } from '../../src/profiles';
import { templateToBuffer } from '../../src/xlsx/write';

/** 05/12/2026 in Hà Nội: the two-level plan offers Q3/2025 to Q4/2026. */
const NOW = new Date('2026-12-05T03:00:00Z');
const bacNinh = getProfile('bac-ninh-2017')!;
const vn = getProfile('vn-2025')!;
const tuSon: SignedUnit = { unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', profile: 'bac-ninh-2017' };
const nhaTrang: SignedUnit = { unit_code: '22366', unit_name: 'Phường Nha Trang', profile: 'vn-2025' };
const files: Record<string, Buffer> = {};

async function workbook(profile: Profile, unit: string, year: number, quarter: number): Promise<Buffer> {
  return templateToBuffer(buildTemplate(profile, findUnit(profile, unit)!, year, quarter, `${year}-01-01T00:00:00.000Z`));
}

beforeAll(async () => {
  files.tuSonQ3of2020 = await workbook(bacNinh, 'BN-TS', 2020, 3);
  files.tienDuQ1of2020 = await workbook(bacNinh, 'BN-TD', 2020, 1);
  files.nhaTrangQ4of2026 = await workbook(vn, '22366', 2026, 4);
  files.nhaTrangQ1of2020 = await workbook(vn, '22366', 2020, 1);
}, 60_000);

test("the workbook's unit, plan and period are read from _meta in the browser, before upload", async () => {
  expect(await readWorkbookPeriod(files.tuSonQ3of2020)).toEqual({ year: 2020, quarter: 3, unit_code: 'BN-TS', profile: 'bac-ninh-2017' });
  expect(await readWorkbookPeriod(Buffer.from('not a zip'))).toBeNull();
});

function Harness(props: { unit: SignedUnit; profile: Profile; initial: PeriodValue; sent: File[] }) {
  const [period, setPeriod] = React.useState(props.initial);
  return (
    <Shell title={{ vi: 'Nộp', en: 'Submit' }} subtitle={{ vi: 'Đơn vị', en: 'Unit' }}>
      <p data-testid="selected">{`${period.quarter}/${period.year}`}</p>
      <UploadCard unit={props.unit} profile={props.profile} period={period} onPeriodChange={setPeriod} progress={null} onSend={(f) => props.sent.push(f)} now={NOW} />
    </Shell>
  );
}

const xlsx = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

test('a workbook of another quarter of the plan: said in words, not sent until the clerk switches to it', async () => {
  const user = userEvent.setup();
  const sent: File[] = [];
  render(<Harness unit={tuSon} profile={bacNinh} initial={{ year: 2020, quarter: 4 }} sent={sent} />);
  await user.upload(screen.getByTestId('upload-file'), xlsx(files.tuSonQ3of2020, 'BN-TS-2020-Q3.xlsx'));
  const warning = await screen.findByTestId('period-mismatch');
  expect(warning).toHaveTextContent('Tệp này là sổ quý 3/2020, nhưng trang đang chọn quý 4/2020.');
  const send = screen.getByTestId('upload-send');
  expect(send).toBeDisabled();
  await user.click(send);
  expect(sent).toHaveLength(0);

  await user.click(screen.getByRole('button', { name: 'Chuyển sang quý 3/2020' }));
  expect(screen.getByTestId('selected')).toHaveTextContent('3/2020');
  expect(screen.queryByTestId('period-mismatch')).toBeNull();
  await waitFor(() => expect(screen.getByTestId('upload-send')).toBeEnabled());
  await user.click(screen.getByTestId('upload-send'));
  expect(sent).toHaveLength(1);
});

test("another unit's workbook (another plan too): said first, in names; no period offered, nothing sent", async () => {
  const user = userEvent.setup();
  const sent: File[] = [];
  render(<Harness unit={nhaTrang} profile={vn} initial={{ year: 2026, quarter: 3 }} sent={sent} />);
  await user.upload(screen.getByTestId('upload-file'), xlsx(files.tienDuQ1of2020, 'BN-TD-2020-Q1.xlsx'));
  const error = await screen.findByTestId('unit-mismatch');
  expect(error).toHaveTextContent(
    'Tệp này là sổ của Huyện Tiên Du (BN-TD), kế hoạch Bắc Ninh 2017–2020 (bac-ninh-2017), không phải của Phường Nha Trang (22366). Mỗi đơn vị chỉ nộp sổ của mình',
  );
  // The 2020 quarter of another plan is never offered as a switch.
  expect(screen.queryByTestId('period-mismatch')).toBeNull();
  expect(screen.queryByTestId('period-switch')).toBeNull();
  expect(screen.queryByText(/quý 1\/2020/)).toBeNull();
  expect(screen.getByTestId('upload-send')).toBeDisabled();
  expect(sent).toHaveLength(0);
});

test("the unit's own workbook for a quarter outside the plan: the plan's quarters are named, no switch to it", async () => {
  const user = userEvent.setup();
  const sent: File[] = [];
  render(<Harness unit={nhaTrang} profile={vn} initial={{ year: 2026, quarter: 3 }} sent={sent} />);
  await user.upload(screen.getByTestId('upload-file'), xlsx(files.nhaTrangQ1of2020, '22366-2020-Q1.xlsx'));
  const warning = await screen.findByTestId('period-mismatch');
  expect(warning).toHaveTextContent(
    'Tệp này là sổ quý 1/2020, ngoài các quý của kế hoạch Chính quyền hai cấp 2025–2030 (từ quý 3/2025 đến quý 4/2026). Hãy chọn sổ của quý 3/2026.',
  );
  expect(screen.queryByTestId('period-switch')).toBeNull();
  expect(screen.getByTestId('upload-send')).toBeDisabled();
});

test('a commune of the two-level plan: the quarter now under way can be followed, then sent', async () => {
  const user = userEvent.setup();
  const sent: File[] = [];
  render(<Harness unit={nhaTrang} profile={vn} initial={{ year: 2026, quarter: 3 }} sent={sent} />);
  await user.upload(screen.getByTestId('upload-file'), xlsx(files.nhaTrangQ4of2026, '22366-2026-Q4.xlsx'));
  await user.click(await screen.findByRole('button', { name: 'Chuyển sang quý 4/2026' }));
  expect(screen.getByTestId('selected')).toHaveTextContent('4/2026');
  await waitFor(() => expect(screen.getByTestId('upload-send')).toBeEnabled());
  await user.click(screen.getByTestId('upload-send'));
  expect(sent.map((f) => f.name)).toEqual(['22366-2026-Q4.xlsx']);
});

test('a receipt lists every warning and note, each with its cell and words, not only their count (Phường Nha Trang)', async () => {
  const id = '7d3e4f50-6172-4c8d-8e9f-0a1b2c3d4e5f';
  const findings: Finding[] = [
    { rule: 'CNS-01', severity: 'warning', sheet: 'Sổ theo dõi', cell: 'U4', row: 4, column: 'U', field: 'consent_share', value: null, message_vi: 'Đồng ý chia sẻ thông tin đang trống.', message_en: 'Consent to sharing is empty.' },
    { rule: 'CNS-01', severity: 'warning', sheet: 'Sổ theo dõi', cell: 'U7', row: 7, column: 'U', field: 'consent_share', value: null, message_vi: 'Đồng ý chia sẻ thông tin đang trống.', message_en: 'Consent to sharing is empty.' },
    { rule: 'RPT-08', severity: 'info', sheet: null, cell: null, row: null, column: null, field: null, value: '05/12/2026', message_vi: 'Báo cáo nhận sau hạn.', message_en: 'Received after the deadline.' },
  ] as Finding[];
  // jsdom has no ResizeObserver; Fluent's message bar asks for one.
  window.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
  const asked: string[] = [];
  global.fetch = jest.fn(async (url: RequestInfo | URL) => {
    asked.push(String(url));
    return { status: 200, ok: true, json: async () => ({ findings }) };
  }) as unknown as typeof fetch;
  const receipt = {
    id, sha256: 'a'.repeat(64), received_at: '2026-12-05T07:05:00Z', on_time: false, unit_code: '22366', year: 2026, quarter: 3, version: 2,
    state: 'submitted' as const, summary: { fatal: 0, error: 0, warning: 2, info: 1 },
  };
  render(
    <Shell title={{ vi: 'Nộp', en: 'Submit' }} subtitle={{ vi: 'Đơn vị', en: 'Unit' }}>
      <ReceiptCard outcome={{ kind: 'receipt', receipt }} profile={vn} token="tok" />
    </Shell>,
  );
  expect(screen.getByTestId('receipt-summary')).toHaveTextContent('0 lỗi, 2 cảnh báo, 1 ghi chú');
  const list = screen.getByTestId('receipt-findings');
  await waitFor(() => expect(within(list).getAllByText('Đồng ý chia sẻ thông tin đang trống.')).toHaveLength(2));
  expect(within(list).getByText('Báo cáo nhận sau hạn.')).toBeInTheDocument();
  expect(within(list).getByText('U4')).toBeInTheDocument();
  expect(within(list).getByText('U7')).toBeInTheDocument();
  expect(asked).toEqual([`/api/units/me/submissions/${id}/review`]);
});
