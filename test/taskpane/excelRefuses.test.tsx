/** @jest-environment ./test/support/jsdomEnvironment.js */
/** When Excel refuses, the clerk reads why and what to do, in the pane's language, and nothing
 *  is claimed done that was not: a settings save that failed, a request sent while a cell is
 *  still being typed in (Excel's `InvalidOperationInCellEditMode`). */
import { fireEvent, screen } from '@testing-library/react';
import { SETTINGS_KEY } from '../../src/excel/shell';
import { PANE_EXCELS, makeServices, onExcel, renderPane, sampleShell } from './helpers';

describe.each(PANE_EXCELS)('the pane when Excel refuses, on %s (ExcelApi %s)', (_excel, api) => {
  onExcel(api);

  it('says the settings were not saved when Excel could not save them, and keeps nothing half-saved', async () => {
    const workbook = await sampleShell(3);
    workbook.excel!.settings.failNextSave('Tệp đang mở ở chế độ chỉ đọc');
    renderPane(workbook, 'settings', makeServices().services);
    fireEvent.click(await screen.findByRole('radio', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText(/Excel (không lưu được cài đặt|could not save the settings)/)).toHaveTextContent('Tệp đang mở ở chế độ chỉ đọc');
    expect(workbook.excel!.settings.persisted(SETTINGS_KEY)).toBeNull();
  });

  it('asks the clerk to finish typing in the cell when Excel is in cell edit mode, then checks once it is not', async () => {
    const workbook = await sampleShell(5);
    renderPane(workbook, 'check');
    const check = await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' });
    workbook.excel!.editing = true;
    fireEvent.click(check);
    expect(await screen.findByText(/Excel đang ở chế độ sửa ô: hãy nhấn Enter \(hoặc Esc\)/)).toBeInTheDocument();
    workbook.excel!.editing = false;
    fireEvent.click(check);
    expect(await screen.findByText(/^Đã kiểm tra|Không có phát hiện nào/)).toBeInTheDocument();
  });
});
