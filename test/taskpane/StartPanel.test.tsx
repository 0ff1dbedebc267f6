/** @jest-environment ./test/support/jsdomEnvironment.js */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readMeta } from '../../src/domain/parse';
import { SHEET } from '../../src/domain/sheet';
import { PANE_EXCELS, emptyWorkbook, makeServices, onExcel, renderPane, sampleShell } from './helpers';

describe.each(PANE_EXCELS)('Start panel on %s (ExcelApi %s)', (_excel, api) => {
  onExcel(api);
  it('creates a register for the chosen profile, unit, year and quarter in the open workbook', async () => {
    const shell = emptyWorkbook();
    renderPane(shell, 'start');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Kế hoạch (hồ sơ)'), 'dong-thap-2021');
    await user.selectOptions(screen.getByLabelText('Đơn vị báo cáo'), 'DT-HN');
    const year = screen.getByLabelText('Năm');
    await user.clear(year);
    await user.type(year, '2023');
    await user.selectOptions(screen.getByLabelText('Quý'), '2');
    await user.click(screen.getByRole('button', { name: 'Tạo sổ theo dõi' }));
    await waitFor(() => expect(shell.sheetNames()).toContain(SHEET.registry));
    const meta = readMeta(await shell.readWorkbook()).meta;
    expect(meta).toMatchObject({ profile: 'dong-thap-2021', unit_code: 'DT-HN', year: 2023, quarter: 2 });
    // Hiding a sheet needs ExcelApi 1.2: Excel 2016 keeps _meta visible.
    expect(shell.visibility(SHEET.meta)).toBe(shell.shell.capabilities.formatting ? 'veryHidden' : 'visible');
    // The pane moves on to the entry form once the register exists.
    expect(await screen.findByText("DT-HN-2023-0001")).toBeInTheDocument();
  });

  it('recognises an open register from _meta and says nothing about the period when it is the one due', async () => {
    renderPane(await sampleShell(3), 'start');
    expect(await screen.findByText(/Sổ theo dõi của Thị xã Từ Sơn \(BN-TS\), quý 3\/2020, kế hoạch: Bắc Ninh 2017–2020/)).toBeInTheDocument();
    expect(screen.queryByTestId('period-notice')).toBeNull();
  });

  it('opens on the period now due and says up front when the plan does not cover it', async () => {
    // 30/11/2026: quarter 3/2026 is due (its period ended on 30/09).
    const { services } = makeServices(undefined, undefined, () => new Date(Date.UTC(2026, 10, 30, 3)));
    renderPane(emptyWorkbook(), 'start', services);
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

  it('in December 2026 offers the plan in force today first (vn-2025), chosen, with no out-of-plan warning', async () => {
    const { services } = makeServices(undefined, undefined, () => new Date(Date.UTC(2026, 11, 5, 3)));
    renderPane(emptyWorkbook(), 'start', services);
    const plan = (await screen.findByLabelText('Kế hoạch (hồ sơ)')) as HTMLSelectElement;
    expect(plan.value).toBe('vn-2025');
    expect([...plan.options].map((o) => o.value)[0]).toBe('vn-2025');
    expect(screen.getByLabelText('Năm')).toHaveValue(2026);
    expect(screen.queryByTestId('period-notice')).toBeNull();
    // The commune search's example comes from the chosen province, not Bắc Ninh's "tu son".
    const user = userEvent.setup();
    await user.selectOptions(screen.getByTestId('unit-picker-province'), '56');
    await waitFor(() => expect(screen.getByTestId('unit-picker-search')).toBeEnabled());
    expect(screen.getByTestId('unit-picker-search').getAttribute('placeholder')).not.toMatch(/tu son/);
    expect(screen.getByTestId('unit-picker-search').getAttribute('placeholder')).toMatch(/^ví dụ: [a-z ]+$/);
  });

  it('in 2020 the Bắc Ninh plan 2017–2020 is the one in force and comes first', async () => {
    renderPane(emptyWorkbook(), 'start');
    expect(((await screen.findByLabelText('Kế hoạch (hồ sơ)')) as HTMLSelectElement).value).toBe('bac-ninh-2017');
  });

  it('says when the open register is not for the period now due', async () => {
    const { services } = makeServices(undefined, undefined, () => new Date(Date.UTC(2026, 10, 30, 3)));
    renderPane(await sampleShell(3), 'start', services);
    await screen.findByText(/Sổ theo dõi của Thị xã Từ Sơn/);
    expect(screen.getByTestId('period-notice')).toHaveTextContent('Sổ này là của quý 3/2020; kỳ đang đến hạn báo cáo là quý 3/2026.');
  });

  it('refuses, with a bilingual reason, to create over an existing register sheet', async () => {
    const shell = emptyWorkbook();
    shell.addSheet(SHEET.registry, [['x']]);
    const before = shell.sheetNames();
    renderPane(shell, 'start');
    await userEvent.click(await screen.findByRole('button', { name: 'Tạo sổ theo dõi' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Sổ làm việc đã có trang "Sổ theo dõi"');
    expect(shell.sheetNames()).toEqual(before);
  });
});
