/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { parseWorkbook } from '../../src/domain/parse';
import { buildReport } from '../../src/domain/report';
import { readReportSheet } from '../../src/domain/reportSheet';
import { SHEET, cellAddress, findSheet } from '../../src/domain/sheet';
import { getProfile } from '../../src/profiles';
import { PANE_EXCELS, onExcel, renderPane, sampleShell, tab, type PaneWorkbook } from './helpers';

const profile = getProfile('bac-ninh-2017')!;

async function computed(shell: PaneWorkbook) {
  const parsed = parseWorkbook(await shell.readWorkbook());
  return buildReport(parsed.registry.records, parsed.support.records, profile, 2020, 3);
}

async function totalCell(shell: PaneWorkbook, code: string): Promise<{ row0: number; col0: number }> {
  const values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
  return { row0: values.rows[code], col0: values.columns.total as number };
}

/** Blanks every figure of the report from `row0` down, as in a fresh quarter. */
function blankFigures(shell: PaneWorkbook, row0: number): void {
  for (let r = row0; r < shell.rowCount(SHEET.report); r++) for (let c = 2; c <= 9; c++) shell.put(SHEET.report, cellAddress(r, c), null);
}

describe.each(PANE_EXCELS)('Report panel on %s (ExcelApi %s)', (_excel, api) => {
  onExcel(api);
  it('takes the colour off report cells once the report is filled from the register', async () => {
    const shell = await sampleShell(60);
    const at = await totalCell(shell, '1');
    blankFigures(shell, at.row0);
    const address = cellAddress(at.row0, at.col0);
    renderPane(shell, 'check');
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    await screen.findByText(/^Đã kiểm tra/);
    fireEvent.click(screen.getByRole('button', { name: 'Tô màu các ô có lỗi' }));
    await screen.findByText(/^Đã tô màu/);
    expect(shell.fill(SHEET.report, address)).not.toBeNull();
    await tab(/^Báo cáo quý/);
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText(/^Đã ghi \d+ ô của báo cáo quý 3\/2020\.$/)).toBeInTheDocument();
    expect(shell.fill(SHEET.report, address)).toBeNull();
    // Colours elsewhere (registry findings) stay while the clerk has colouring on.
    await tab(/^Kiểm tra$/);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    await screen.findByText(/^(Đã kiểm tra|Không có phát hiện)/);
    expect(shell.fill(SHEET.report, address)).toBeNull();
  });

  it('fills an empty report from the register', async () => {
    const shell = await sampleShell(60);
    const at = await totalCell(shell, '1');
    blankFigures(shell, at.row0);
    renderPane(shell, 'report');
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText(/^Đã ghi \d+ ô của báo cáo quý 3\/2020\.$/)).toBeInTheDocument();
    const expected = await computed(shell);
    expect(shell.value(SHEET.report, cellAddress(at.row0, at.col0))).toBe(expected.counts['1'].total);
    expect(expected.counts['1'].total).toBeGreaterThan(0);
  });

  it('shows typed figures that differ side by side and overwrites only when asked', async () => {
    const shell = await sampleShell(60);
    const at = await totalCell(shell, '1');
    shell.put(SHEET.report, cellAddress(at.row0, at.col0), 999);
    renderPane(shell, 'report');
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText('Số liệu đã nhập khác số tính từ sổ:')).toBeInTheDocument();
    const table = screen.getByRole('table');
    const expected = (await computed(shell)).counts['1'].total;
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.startsWith('1Tổng số'))!;
    expect(row.textContent).toBe(`1Tổng số999${expected}`);
    expect(shell.value(SHEET.report, cellAddress(at.row0, at.col0))).toBe(999);
    fireEvent.click(screen.getByRole('button', { name: 'Ghi đè bằng số tính từ sổ' }));
    expect(await screen.findByText(/^Đã ghi \d+ ô/)).toBeInTheDocument();
    expect(shell.value(SHEET.report, cellAddress(at.row0, at.col0))).toBe(expected);
  });

  it('names the rows the report could not count, and writes them into Ghi chú of row 1', async () => {
    const shell = await sampleShell(60);
    const parsed = parseWorkbook(await shell.readWorkbook());
    const inPeriod = parsed.registry.records.find((r) => r.received_date !== null && r.received_date.getTime() >= Date.UTC(2020, 6, 1) && r.received_date.getTime() <= Date.UTC(2020, 8, 30))!;
    shell.put(SHEET.registry, cellAddress(inPeriod.row0, parsed.registry.columns.sex as number), 'nu');
    renderPane(shell, 'report');
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText('Có dòng không tính được vào báo cáo')).toBeInTheDocument();
    expect(screen.getByText(`Mục 1: 1 dòng bị loại (dòng ${inPeriod.row0 + 1}: REG-02)`)).toBeInTheDocument();
    // Row 1's typed total now differs (one person fewer): overwrite, as the clerk would.
    fireEvent.click(screen.getByRole('button', { name: 'Ghi đè bằng số tính từ sổ' }));
    expect(await screen.findByText(/^Đã ghi \d+ ô/)).toBeInTheDocument();
    const values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
    const notes = shell.value(SHEET.report, cellAddress(values.rows['1'], values.columns.notes as number));
    expect(String(notes)).toContain(`1 dòng bị loại (dòng ${inPeriod.row0 + 1}: REG-02)`);
  });
});
