/** @jest-environment ./test/support/jsdomEnvironment.js */
import '../../src/profiles/officialAll';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { checkWorkbook } from '../../src/domain/check';
import { readReportSheet } from '../../src/domain/reportSheet';
import { SHEET, cellAddress, findSheet } from '../../src/domain/sheet';
import { HIGHLIGHT_FILL } from '../../src/excel/shell';
import { PANE_EXCELS, onExcel, renderPane, sampleShell } from './helpers';

describe.each(PANE_EXCELS)('Check panel on %s (ExcelApi %s)', (_excel, api) => {
  onExcel(api);
  it('lists rules in the order the check sorts findings (register errors first) and names its own button for a never-filled report', async () => {
    const shell = await sampleShell(40, true);
    const values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
    for (const row0 of Object.values(values.rows)) for (let c = 2; c <= 9; c++) shell.put(SHEET.report, cellAddress(row0 as number, c), null);
    const expected = checkWorkbook(await shell.readWorkbook(), { today: new Date(Date.UTC(2020, 10, 2)) }).findings;
    renderPane(shell, 'check');
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    await screen.findByText(/^Đã kiểm tra/);
    const shown = [...document.querySelectorAll('details[data-rule]')].map((d) => d.getAttribute('data-rule'));
    const firstSeen = [...new Set(expected.map((f) => `${f.severity}:${f.rule}`))].map((k) => k.split(':')[1]);
    expect(shown).toEqual(firstSeen);
    const firstError = expected.find((f) => f.severity === 'error')!;
    expect([SHEET.registry, SHEET.support]).toContain(firstError.sheet);
    const rpt01 = screen.getAllByText(/Lập báo cáo từ sổ theo dõi/);
    expect(rpt01).toHaveLength(1);
    // Words first, then the count, the rule's ID last.
    const summary = document.querySelector('details[data-rule="RPT-01"] summary') as HTMLElement;
    expect(summary.textContent).toBe('Số liệu báo cáo khác số liệu tính từ sổ theo dõi: 1 (RPT-01)');
    // The message names its cell ("Ô C15 …"): the link does not say the address twice.
    const collapsed = expected.find((f) => f.rule === 'RPT-01')!;
    const link = document.querySelector('details[data-rule="RPT-01"] li button') as HTMLElement;
    expect(link.textContent!.split(collapsed.cell!).length - 1).toBe(1);
  });

  it('lists the same findings as checkWorkbook, grouped by severity and rule with counts', async () => {
    const shell = await sampleShell(40, true);
    const expected = checkWorkbook(await shell.readWorkbook(), { today: new Date(Date.UTC(2020, 10, 2)) }).findings;
    expect(expected.length).toBeGreaterThan(5);
    renderPane(shell, 'check');
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    const errors = expected.filter((f) => f.severity === 'error').length;
    expect(await screen.findByText(new RegExp(`Đã kiểm tra \\d+ dòng: ${errors} lỗi`))).toBeInTheDocument();
    const rules = [...new Set(expected.map((f) => f.rule))];
    for (const rule of rules) {
      const count = expected.filter((f) => f.rule === rule).length;
      const summaries = [...document.querySelectorAll(`details[data-rule="${rule}"] summary`)].map((x) => x.textContent ?? '');
      expect(summaries.length).toBeGreaterThan(0);
      // Each group reads "<what the rule checks>: <count> (<ID>)", never starting with the ID.
      for (const text of summaries) expect([rule, text.startsWith(rule), text.endsWith(` (${rule})`)]).toEqual([rule, false, true]);
      expect(summaries.reduce((n, text) => n + Number(/: (\d+) \(/.exec(text)?.[1] ?? 0), 0)).toBe(count);
    }
  });

  it('filters by severity and search, and a click selects the cell', async () => {
    const shell = await sampleShell(40, true);
    const findings = checkWorkbook(await shell.readWorkbook(), { today: new Date(Date.UTC(2020, 10, 2)) }).findings;
    const target = findings.find((f) => f.cell && f.severity === 'error')!;
    renderPane(shell, 'check');
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    await screen.findByText(/Đã kiểm tra/);
    fireEvent.change(screen.getByLabelText('Tìm trong kết quả'), { target: { value: `${target.rule}` } });
    const groups = document.querySelectorAll('details[data-rule]');
    expect([...groups].every((g) => g.getAttribute('data-rule') === target.rule)).toBe(true);
    const button = screen.getAllByRole('button', { name: new RegExp(`^Đi tới ô ${target.cell}:`) })[0];
    fireEvent.click(button);
    await waitFor(() => expect(shell.selection()).toEqual({ sheet: target.sheet, address: target.cell }));

    fireEvent.change(screen.getByLabelText('Tìm trong kết quả'), { target: { value: '' } });
    const warningBox = screen.getByRole('checkbox', { name: /^Cảnh báo/ });
    fireEvent.click(warningBox);
    expect(document.querySelectorAll('details[data-rule]').length).toBe(new Set(findings.filter((f) => f.severity !== 'warning').map((f) => `${f.severity}${f.rule}`)).size);
  });

  it('highlights the cells, then clears only its own colouring', async () => {
    const shell = await sampleShell(40, true);
    const findings = checkWorkbook(await shell.readWorkbook(), { today: new Date(Date.UTC(2020, 10, 2)) }).findings;
    const cell = findings.find((f) => f.cell && f.severity === 'error')!;
    shell.paint(cell.sheet!, cell.cell!, '#00B050');
    renderPane(shell, 'check');
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    await screen.findByText(/Đã kiểm tra/);
    fireEvent.click(screen.getByRole('button', { name: 'Tô màu các ô có lỗi' }));
    expect(await screen.findByText(/^Đã tô màu \d+ ô\.$/)).toBeInTheDocument();
    expect(shell.fill(cell.sheet!, cell.cell!)).toBe(HIGHLIGHT_FILL.error);
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ tô màu' }));
    expect(await screen.findByText(/Đã bỏ tô màu/)).toBeInTheDocument();
    expect(shell.fill(cell.sheet!, cell.cell!)).toBe('#00B050');
    expect([...shell.fills(cell.sheet!).values()].filter((f) => f !== '#00B050')).toEqual([]);
  });

  it('says the register is clean when it is', async () => {
    renderPane(await sampleShell(20, false), 'check');
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra toàn bộ sổ' }));
    const status = await screen.findByText(/Không có phát hiện nào|Đã kiểm tra 20 dòng: 0 lỗi/);
    expect(within(status.closest('[role="status"]') as HTMLElement).queryByText(/lỗi nghiêm trọng/)).toBeNull();
  });
});
