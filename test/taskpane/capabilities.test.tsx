/** @jest-environment ./test/support/jsdomEnvironment.js */
/** An Excel without ExcelApi 1.8 (e.g. Excel 2016 MSI): the pane still works, creating the
 *  register skips only the dropdowns, and the clerk is told what is off and why. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { SHEET } from '../../src/domain/sheet';
import { OfficeWorkbookShell } from '../../src/excel/office';
import { FakeExcel } from '../excel/fakeExcel';
import { renderPane } from './helpers';

describe('pane on an Excel without ExcelApi 1.8', () => {
  it('creates the register without dropdowns and says so', async () => {
    const excel = FakeExcel.blank({ api: '1.7' });
    const host = excel.host();
    const asked: string[] = [];
    const isSetSupported = host.isSetSupported;
    host.isSetSupported = (name, version) => {
      asked.push(`${name} ${version}`);
      return isSetSupported(name, version);
    };
    const shell = new OfficeWorkbookShell(host);
    expect(asked).toContain('ExcelApi 1.8');
    renderPane(shell, 'start');
    expect(await screen.findByText('Một số chức năng tắt vì phiên bản Excel này chưa hỗ trợ:')).toBeInTheDocument();
    expect(screen.getByText(/^Danh sách chọn \(cần ExcelApi 1\.8\)/)).toBeInTheDocument();
    expect(screen.queryByText(/Cố định dòng tiêu đề/)).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Tạo sổ theo dõi' }));
    await waitFor(() => expect(excel.sheets.map((s) => s.name)).toContain(SHEET.registry));
    const registry = excel.sheet(SHEET.registry);
    expect(excel.tables.filter((t) => t.sheetId === registry.id)).toHaveLength(1);
    expect([...registry.cells.values()].some((c) => c.validation !== undefined)).toBe(false);
    expect(excel.failedSyncs).toEqual([]);
    expect(registry.frozenRows).toBeGreaterThan(0);
    // The pane goes on to the entry form: the workbook is recognised through Office.js reads.
    expect(await screen.findByTestId('case-id')).toBeInTheDocument();
  });
});
