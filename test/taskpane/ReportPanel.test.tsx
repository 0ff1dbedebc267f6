/** @jest-environment ./test/support/jsdomEnvironment.js */
import { fireEvent, screen } from '@testing-library/react';
import { parseWorkbook } from '../../src/domain/parse';
import { buildReport } from '../../src/domain/report';
import { readReportSheet } from '../../src/domain/reportSheet';
import { SHEET, cellAddress, findSheet } from '../../src/domain/sheet';
import { getProfile } from '../../src/profiles';
import { generateSample } from '../../src/domain/sample';
import { findUnit } from '../../src/profiles';
import '../../src/profiles/officialAll';
import { FakeWorkbookShell } from '../../src/preview/fakeShell';
import { PANE_EXCELS, makeServices, onExcel, renderPane, sampleShell, tab, type PaneWorkbook } from './helpers';

const profile = getProfile('bac-ninh-2017')!;

async function computed(shell: PaneWorkbook | FakeWorkbookShell, plan = profile, year = 2020) {
  const parsed = parseWorkbook(await shell.readWorkbook());
  return buildReport(parsed.registry.records, parsed.support.records, plan, year, 3);
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
    expect(await screen.findByText(/^Đã lập báo cáo quý 3\/2020: ghi \d+ ô tính từ sổ theo dõi/)).toBeInTheDocument();
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
    expect(await screen.findByText(/^Đã lập báo cáo quý 3\/2020: ghi \d+ ô tính từ sổ theo dõi/)).toBeInTheDocument();
    const expected = await computed(shell);
    expect(shell.value(SHEET.report, cellAddress(at.row0, at.col0))).toBe(expected.counts['1'].total);
    expect(expected.counts['1'].total).toBeGreaterThan(0);
  });

  it('keeps a typed figure that differs (not written by the pane), shows it beside the computed one, and overwrites only when asked', async () => {
    const shell = await sampleShell(60);
    const at = await totalCell(shell, '1');
    shell.put(SHEET.report, cellAddress(at.row0, at.col0), 999);
    renderPane(shell, 'report');
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    expect(await screen.findByText(/^1 ô có số khác số tính từ sổ, không phải số do lần lập báo cáo trước ghi/)).toBeInTheDocument();
    const table = screen.getByRole('table');
    const expected = (await computed(shell)).counts['1'].total;
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.startsWith('1Tổng số'))!;
    expect(row.textContent).toBe(`1Tổng số999${expected}`);
    expect(shell.value(SHEET.report, cellAddress(at.row0, at.col0))).toBe(999);
    fireEvent.click(screen.getByRole('button', { name: 'Ghi số tính từ sổ vào các ô này' }));
    expect(await screen.findByText('Đã ghi số tính từ sổ vào 1 ô.')).toBeInTheDocument();
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
    fireEvent.click(screen.getByRole('button', { name: 'Ghi số tính từ sổ vào các ô này' }));
    expect(await screen.findByText(/^Đã ghi số tính từ sổ vào \d+ ô\.$/)).toBeInTheDocument();
    const values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
    const notes = shell.value(SHEET.report, cellAddress(values.rows['1'], values.columns.notes as number));
    expect(String(notes)).toContain(`1 dòng bị loại (dòng ${inPeriod.row0 + 1}: REG-02)`);
  });

  it.each([
    ['Thị xã Từ Sơn, quarter 3/2020', 'bac-ninh-2017', 'BN-TS', 2020, '01/07/2020 - 30/09/2020', () => new Date(Date.UTC(2020, 10, 2, 3))],
    ['Phường Nha Trang, quarter 3/2026', 'vn-2025', '22366', 2026, '15/06/2026 - 14/09/2026', () => new Date(Date.UTC(2026, 11, 5, 3))],
  ])('%s: a second fill follows the register, keeps what the clerk typed, and says which is which', async (_name, profileId, unitCode, year, periodText, now) => {
    const plan = getProfile(profileId)!;
    const { spec } = generateSample({ rows: 40, seed: 3, profile: plan, unit: findUnit(plan, unitCode)!, year, quarter: 3 });
    const shell = new FakeWorkbookShell();
    await shell.createTemplate(spec);
    const sheet = shell.sheets.find((s) => s.name === SHEET.report)!;
    let values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
    // A fresh quarter: no figure, the clerk has typed 6.4 and 7.1 only.
    for (const row0 of Object.values(values.rows)) for (let c = 2; c <= 9; c++) if (sheet.rows[row0]) sheet.rows[row0][c] = null;
    sheet.rows[values.rows['6.4']][values.columns.total as number] = '3/5';
    sheet.rows[values.rows['7.1']][values.columns.notes as number] = 'Phối hợp tốt với công an';
    sheet.rows[values.rows['7.2']][values.columns.notes as number] = null;
    renderPane(shell, 'report', makeServices(undefined, undefined, now).services);
    fireEvent.click(await screen.findByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    await screen.findByText(new RegExp(`^Đã lập báo cáo quý 3/${year}:`));
    // The header's period and date are filled; the hand-typed parts are named, kept or still empty.
    const header = (label: string) => sheet.rows.find((row) => row[1] === label)?.[2];
    expect(header('Kỳ báo cáo:')).toBe(periodText);
    expect(header('Ngày lập:')).toBe(`${String(now().getUTCDate()).padStart(2, '0')}/${String(now().getUTCMonth() + 1).padStart(2, '0')}/${now().getUTCFullYear()}`);
    const hand = screen.getByTestId('report-hand');
    expect(hand).toHaveTextContent('6.4');
    expect(hand).toHaveTextContent('giữ nguyên "3/5"');
    expect(hand).toHaveTextContent('giữ nguyên "Phối hợp tốt với công an"');
    expect(hand).toHaveTextContent(/7\.2 Khó khăn, vướng mắc: còn trống/);
    expect(hand).toHaveTextContent(/Người lập biểu: giữ nguyên "/);

    // The register changes (a woman received in the period was entered as a man), and the clerk
    // types over one computed figure.
    const parsed = parseWorkbook(await shell.readWorkbook());
    const start = Date.UTC(year, 5, 15);
    const woman = parsed.registry.records.find((r) => r.sex === 'female' && r.received_date && r.received_date.getTime() >= start && r.received_date.getTime() <= Date.UTC(year, 8, 14))!;
    shell.sheets.find((s) => s.name === SHEET.registry)!.rows[woman.row0][parsed.registry.columns.sex as number] = 'Nam';
    values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
    sheet.rows[values.rows['2.3']][values.columns.total as number] = 77;
    const before = await computed(shell, plan, year);
    fireEvent.click(screen.getByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }));
    // The pane's own figures follow the register without a question…
    expect(await screen.findByText(/^Số liệu thay đổi so với lần lập trước/)).toBeInTheDocument();
    expect(sheet.rows[values.rows['1']][values.columns.male as number]).toBe(before.counts['1'].male);
    expect(sheet.rows[values.rows['1']][values.columns.female as number]).toBe(before.counts['1'].female);
    // …the figure someone typed is kept and shown beside the computed one…
    const table = screen.getByRole('table');
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual([`2.3Tổng số77${before.counts['2.3'].total}`]);
    expect(sheet.rows[values.rows['2.3']][values.columns.total as number]).toBe(77);
    // …and what the clerk typed by hand is never touched.
    expect(sheet.rows[values.rows['6.4']][values.columns.total as number]).toBe('3/5');
    expect(sheet.rows[values.rows['7.1']][values.columns.notes as number]).toBe('Phối hợp tốt với công an');
    fireEvent.click(screen.getByRole('button', { name: 'Giữ số đang có' }));
    expect(await screen.findByText(/^Đã giữ nguyên các số này/)).toBeInTheDocument();
  });
});
