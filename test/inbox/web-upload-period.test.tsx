/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import * as React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buildTemplate } from '../../src/domain/template';
import { Shell } from '../../src/inbox/web/Shell';
import { UploadCard } from '../../src/inbox/web/upload/UploadCard';
import { readWorkbookPeriod } from '../../src/inbox/web/upload/workbookPeriod';
import type { PeriodValue } from '../../src/inbox/web/PeriodPicker';
import { findUnit, getProfile } from '../../src/profiles';
import { templateToBuffer } from '../../src/xlsx/write';

const profile = getProfile('bac-ninh-2017')!;
const unit = findUnit(profile, 'BN-TS')!;
let q3of2020: Buffer;

beforeAll(async () => {
  q3of2020 = await templateToBuffer(buildTemplate(profile, unit, 2020, 3, '2020-10-01T00:00:00.000Z'));
});

test('the workbook period is read from _meta in the browser, before upload', async () => {
  expect(await readWorkbookPeriod(q3of2020)).toEqual({ year: 2020, quarter: 3, unit_code: 'BN-TS' });
  expect(await readWorkbookPeriod(Buffer.from('not a zip'))).toBeNull();
});

function Harness(props: { initial: PeriodValue; sent: File[] }) {
  const [period, setPeriod] = React.useState(props.initial);
  return (
    <Shell title={{ vi: 'Nộp', en: 'Submit' }} subtitle={{ vi: 'Đơn vị', en: 'Unit' }}>
      <p data-testid="selected">{`${period.quarter}/${period.year}`}</p>
      <UploadCard period={period} onPeriodChange={setPeriod} progress={null} onSend={(f) => props.sent.push(f)} />
    </Shell>
  );
}

const xlsx = () => new File([new Uint8Array(q3of2020)], 'BN-TS-2020-Q3.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

test('a Q3/2020 workbook while Q3/2026 is selected: said in words, not sent until the clerk decides', async () => {
  const user = userEvent.setup();
  const sent: File[] = [];
  render(<Harness initial={{ year: 2026, quarter: 3 }} sent={sent} />);
  await user.upload(screen.getByTestId('upload-file'), xlsx());
  const warning = await screen.findByTestId('period-mismatch');
  expect(warning).toHaveTextContent('Tệp này là sổ quý 3/2020, nhưng trang đang chọn quý 3/2026.');
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

test('the workbook of the selected quarter goes straight in', async () => {
  const user = userEvent.setup();
  const sent: File[] = [];
  render(<Harness initial={{ year: 2020, quarter: 3 }} sent={sent} />);
  await user.upload(screen.getByTestId('upload-file'), xlsx());
  await waitFor(() => expect(screen.getByTestId('upload-send')).toBeEnabled());
  expect(screen.queryByTestId('period-mismatch')).toBeNull();
  await user.click(screen.getByTestId('upload-send'));
  expect(sent).toHaveLength(1);
});
