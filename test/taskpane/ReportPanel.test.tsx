/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { parseWorkbook } from '../../src/domain/parse';
import { buildReport } from '../../src/domain/report';
import { readReportSheet } from '../../src/domain/reportSheet';
import { SHEET, findSheet } from '../../src/domain/sheet';
import { getProfile } from '../../src/profiles';
import type { FakeWorkbookShell } from '../../src/preview/fakeShell';
import { renderPane, sampleShell, tab } from './helpers';

const profile = getProfile('bac-ninh-2017')!;

async function computed(shell: FakeWorkbookShell) {
  const parsed = parseWorkbook(await shell.readWorkbook());
  return buildReport(parsed.registry.records, parsed.support.records, profile, 2020, 3);
}

async function totalCell(shell: FakeWorkbookShell, code: string): Promise<{ row0: number; col0: number }> {
  const values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
  return { row0: values.rows[code], col0: values.columns.total as number };
}

describe('Report panel', () => {
  it('takes the colour off report cells once the report is filled from the register', async () => {
    const shell = sampleShell(60);
    const report = shell.sheets.find((s) => s.name === SHEET.report)!;
    const at = await totalCell(shell, '1');
    for (let r = at.row0; r < report.rows.length; r++) for (let c = 2; c <= 9; c++) if (report.rows[r]) report.rows[r][c] = null;
    const address = `${String.fromCharCode(65 + at.col0)}${at.row0 + 1}`;
    renderPane(shell, 'check');
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    await screen.findByText(/^Đã kiểm tra/);
    fireEvent.click(screen.getByRole('button', { name: 'Tô màu các ô có lỗi' }));
    await screen.findByText(/^Đã tô màu/);
    expect(report.fills.get(address)).toBeDefined();
    await tab(/^Báo cáo quý/);
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText(/^Đã ghi \d+ ô của báo cáo quý 3\/2020\.$/)).toBeInTheDocument();
    expect(report.fills.get(address)).toBeUndefined();
    // Colours elsewhere (registry findings) stay while the clerk has colouring on.
    await tab(/^Kiểm tra$/);
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    await screen.findByText(/^(Đã kiểm tra|Không có phát hiện)/);
    expect(report.fills.get(address)).toBeUndefined();
  });

  it('fills an empty report from the register', async () => {
    const shell = sampleShell(60);
    const report = shell.sheets.find((s) => s.name === SHEET.report)!;
    const at = await totalCell(shell, '1');
    // Blank every figure the report holds, as in a fresh quarter.
    for (let r = at.row0; r < report.rows.length; r++) for (let c = 2; c <= 9; c++) if (report.rows[r]) report.rows[r][c] = null;
    renderPane(shell, 'report');
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText(/^Đã ghi \d+ ô của báo cáo quý 3\/2020\.$/)).toBeInTheDocument();
    const expected = await computed(shell);
    expect(report.rows[at.row0][at.col0]).toBe(expected.counts['1'].total);
    expect(expected.counts['1'].total).toBeGreaterThan(0);
  });

  it('shows typed figures that differ side by side and overwrites only when asked', async () => {
    const shell = sampleShell(60);
    const report = shell.sheets.find((s) => s.name === SHEET.report)!;
    const at = await totalCell(shell, '1');
    report.rows[at.row0][at.col0] = 999;
    renderPane(shell, 'report');
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText('Số liệu đã nhập khác số tính từ sổ:')).toBeInTheDocument();
    const table = screen.getByRole('table');
    const expected = (await computed(shell)).counts['1'].total;
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.startsWith('1Tổng số'))!;
    expect(row.textContent).toBe(`1Tổng số999${expected}`);
    expect(report.rows[at.row0][at.col0]).toBe(999);
    fireEvent.click(screen.getByRole('button', { name: 'Ghi đè bằng số tính từ sổ' }));
    expect(await screen.findByText(/^Đã ghi \d+ ô/)).toBeInTheDocument();
    expect(report.rows[at.row0][at.col0]).toBe(expected);
  });

  it('names the rows the report could not count, and writes them into Ghi chú of row 1', async () => {
    const shell = sampleShell(60);
    const registry = shell.sheets.find((s) => s.name === SHEET.registry)!;
    const parsed = parseWorkbook(await shell.readWorkbook());
    const inPeriod = parsed.registry.records.find((r) => r.received_date !== null && r.received_date.getTime() >= Date.UTC(2020, 6, 1) && r.received_date.getTime() <= Date.UTC(2020, 8, 30))!;
    registry.rows[inPeriod.row0][parsed.registry.columns.sex as number] = 'nu';
    renderPane(shell, 'report');
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText('Có dòng không tính được vào báo cáo')).toBeInTheDocument();
    expect(screen.getByText(`Mục 1: 1 dòng bị loại (dòng ${inPeriod.row0 + 1}: REG-02)`)).toBeInTheDocument();
    // Row 1's typed total now differs (one person fewer): overwrite, as the clerk would.
    fireEvent.click(screen.getByRole('button', { name: 'Ghi đè bằng số tính từ sổ' }));
    expect(await screen.findByText(/^Đã ghi \d+ ô/)).toBeInTheDocument();
    const values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
    const notes = shell.sheets.find((s) => s.name === SHEET.report)!.rows[values.rows['1']][values.columns.notes as number];
    expect(String(notes)).toContain(`1 dòng bị loại (dòng ${inPeriod.row0 + 1}: REG-02)`);
  });
});
