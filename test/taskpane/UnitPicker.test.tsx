/** @jest-environment ./test/support/jsdomEnvironment.js */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readMeta } from '../../src/domain/parse';
import { SHEET } from '../../src/domain/sheet';
import { PANE_EXCELS, emptyWorkbook, onExcel, renderPane } from './helpers';

describe.each(PANE_EXCELS)('Start panel on %s (ExcelApi %s): province, then commune (vn-2025)', (_excel, api) => {
  onExcel(api);
  it('finds Phường Từ Sơn by "tu son" in Bắc Ninh and creates its register under the official code', async () => {
    const shell = emptyWorkbook();
    renderPane(shell, 'start');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Kế hoạch (hồ sơ)'), 'vn-2025');
    // No commune is chosen for the clerk: creating now asks for one.
    await user.click(screen.getByRole('button', { name: 'Tạo sổ theo dõi' }));
    expect(await screen.findByText('Hãy chọn tỉnh, rồi chọn xã, phường.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Tỉnh, thành phố'), '24');
    const search = await screen.findByLabelText('Tìm xã, phường (gõ không dấu cũng được)');
    await waitFor(() => expect(search).toBeEnabled());
    await user.type(search, 'tu son');
    const unit = screen.getByLabelText('Xã, phường, đặc khu') as HTMLSelectElement;
    expect(unit.value).toBe('09367');
    expect([...unit.options].map((o) => o.textContent)).toContain('Phường Từ Sơn (09367)');
    expect(screen.getByText(/\/99 xã, phường/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tạo sổ theo dõi' }));
    await waitFor(() => expect(shell.sheetNames()).toContain(SHEET.registry));
    const meta = readMeta(await shell.readWorkbook()).meta;
    expect(meta).toMatchObject({ profile: 'vn-2025', unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24' });
  });

  it('says so when nothing matches the search', async () => {
    renderPane(emptyWorkbook(), 'start');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Kế hoạch (hồ sơ)'), 'vn-2025');
    await user.selectOptions(screen.getByLabelText('Tỉnh, thành phố'), '79');
    const search = await screen.findByLabelText('Tìm xã, phường (gõ không dấu cũng được)');
    await waitFor(() => expect(search).toBeEnabled());
    await user.type(search, 'khong co xa nay');
    expect(screen.getByText('Không có xã, phường nào khớp "khong co xa nay".')).toBeInTheDocument();
  });
});
