/** @jest-environment jsdom */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readMeta } from '../../src/domain/parse';
import { SHEET } from '../../src/domain/sheet';
import { FakeWorkbookShell } from '../../src/preview/fakeShell';
import { makeServices, renderPane, sampleShell } from './helpers';

describe('Start panel', () => {
  it('creates a register for the chosen profile, unit, year and quarter in the open workbook', async () => {
    const shell = new FakeWorkbookShell();
    renderPane(shell, 'start');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Kế hoạch (hồ sơ)'), 'dong-thap-2021');
    await user.selectOptions(screen.getByLabelText('Đơn vị báo cáo'), 'DT-HN');
    const year = screen.getByLabelText('Năm');
    await user.clear(year);
    await user.type(year, '2023');
    await user.selectOptions(screen.getByLabelText('Quý'), '2');
    await user.click(screen.getByRole('button', { name: 'Tạo sổ theo dõi' }));
    await waitFor(() => expect(shell.sheets.map((s) => s.name)).toContain(SHEET.registry));
    const meta = readMeta(await shell.readWorkbook()).meta;
    expect(meta).toMatchObject({ profile: 'dong-thap-2021', unit_code: 'DT-HN', year: 2023, quarter: 2 });
    expect(shell.sheets.find((s) => s.name === SHEET.meta)?.visibility).toBe('veryHidden');
    // The pane moves on to the entry form once the register exists.
    expect(await screen.findByText("DT-HN-2023-0001")).toBeInTheDocument();
  });

  it('recognises an open register from _meta and says nothing about the period when it is the one due', async () => {
    renderPane(sampleShell(3), 'start');
    expect(await screen.findByText(/Sổ theo dõi của Thị xã Từ Sơn \(BN-TS\), quý 3\/2020, kế hoạch: Bắc Ninh 2017–2020/)).toBeInTheDocument();
    expect(screen.queryByTestId('period-notice')).toBeNull();
  });

  it('opens on the period now due and says up front when the plan does not cover it', async () => {
    // 30/11/2026: quarter 3/2026 is due (its period ended on 30/09).
    const { services } = makeServices(undefined, undefined, () => new Date(Date.UTC(2026, 10, 30, 3)));
    renderPane(new FakeWorkbookShell(), 'start', services);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Kế hoạch (hồ sơ)'), 'bac-ninh-2017');
    expect(screen.getByLabelText('Năm')).toHaveValue(2026);
    expect(screen.getByLabelText('Quý')).toHaveValue('3');
    expect(screen.getByTestId('period-notice')).toHaveTextContent(
      'Bắc Ninh 2017–2020 chỉ áp dụng cho năm 2017–2020; năm 2026 nằm ngoài kế hoạch',
    );
    await user.selectOptions(screen.getByLabelText('Quý'), '4');
    expect(screen.getByTestId('period-notice')).toHaveTextContent('Kỳ đang đến hạn báo cáo là quý 3/2026; bạn đang chọn quý 4/2026.');
    await user.selectOptions(screen.getByLabelText('Kế hoạch (hồ sơ)'), 'vn-2025');
    expect(screen.getByLabelText('Quý')).toHaveValue('3');
    expect(screen.queryByTestId('period-notice')).toBeNull();
  });

  it('says when the open register is not for the period now due', async () => {
    const { services } = makeServices(undefined, undefined, () => new Date(Date.UTC(2026, 10, 30, 3)));
    renderPane(sampleShell(3), 'start', services);
    await screen.findByText(/Sổ theo dõi của Thị xã Từ Sơn/);
    expect(screen.getByTestId('period-notice')).toHaveTextContent('Sổ này là của quý 3/2020; kỳ đang đến hạn báo cáo là quý 3/2026.');
  });

  it('refuses, with a bilingual reason, to create over an existing register sheet', async () => {
    const shell = new FakeWorkbookShell();
    shell.load({ sheets: [{ name: SHEET.registry, rows: [['x']] }] });
    renderPane(shell, 'start');
    await userEvent.click(await screen.findByRole('button', { name: 'Tạo sổ theo dõi' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Sổ làm việc đã có trang "Sổ theo dõi"');
    expect(shell.sheets).toHaveLength(1);
  });
});
