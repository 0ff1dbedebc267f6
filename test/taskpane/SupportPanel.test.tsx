/** @jest-environment ./test/support/jsdomEnvironment.js */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { formatDate } from '../../src/domain/dates';
import { parseWorkbook } from '../../src/domain/parse';
import { SHEET, cellAddress } from '../../src/domain/sheet';
import { PANE_EXCELS, onExcel, renderPane, sampleShell, type PaneWorkbook } from './helpers';

async function people(shell: PaneWorkbook) {
  const parsed = parseWorkbook(await shell.readWorkbook());
  return { parsed, records: parsed.registry.records };
}

/** Turns an identified victim of the sample back into a person awaiting verification. */
async function makePending(shell: PaneWorkbook, caseId: string): Promise<void> {
  const { parsed } = await people(shell);
  const rec = parsed.registry.records.find((r) => r.case_id === caseId)!;
  const c = parsed.registry.columns;
  shell.put(SHEET.registry, cellAddress(rec.row0, c.verification_status as number), 'Chờ xác minh');
  shell.put(SHEET.registry, cellAddress(rec.row0, c.verification_date as number), null);
  shell.put(SHEET.registry, cellAddress(rec.row0, c.verifying_agency as number), null);
}

async function pick(user: ReturnType<typeof userEvent.setup>, text: string, optionName: RegExp): Promise<void> {
  const box = await screen.findByRole('combobox', { name: /^Người được hỗ trợ/ });
  await user.click(box);
  fireEvent.change(box, { target: { value: text } });
  await user.click(await screen.findByRole('option', { name: optionName }));
}

describe.each(PANE_EXCELS)('Support panel on %s (ExcelApi %s)', (_excel, api) => {
  onExcel(api);
  it('finds the person by name, offers only the types open to their status, and writes a clean row', async () => {
    const shell = await sampleShell(30);
    const candidate = (await people(shell)).records.find((r) => r.verification_status === 'identified' && r.received_date && r.full_name)!;
    await makePending(shell, candidate.case_id!);
    const { parsed, records } = await people(shell);
    const pending = records.find((r) => r.case_id === candidate.case_id)!;
    expect(pending.verification_status).toBe('pending');
    const before = parsed.support.records.length;
    const user = userEvent.setup();
    renderPane(shell, 'support');
    await pick(user, pending.full_name!.split(' ').slice(-2).join(' '), new RegExp(`^${pending.case_id} — `));

    // Law 2011: a person awaiting verification may get essential needs, medical, psychological
    // and legal aid, not schooling or the initial allowance (Decree 09/2013 Art. 19, 23).
    const type = screen.getByRole('combobox', { name: /^Loại hỗ trợ/ });
    const offered = within(type).getAllByRole('option').map((o) => o.textContent);
    expect(offered).toContain('Y tế');
    expect(offered).not.toContain('Học văn hóa, học nghề');
    expect(offered).not.toContain('Trợ cấp khó khăn ban đầu');
    expect(screen.getByText(/^Chỉ các loại dành cho người đang chờ xác minh/)).toBeInTheDocument();

    await user.selectOptions(type, 'Y tế');
    const date = new Date(Math.min(pending.received_date!.getTime() + 2 * 86_400_000, Date.UTC(2020, 10, 1)));
    fireEvent.change(screen.getByRole('textbox', { name: /^Ngày hỗ trợ/ }), { target: { value: formatDate(date) } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Số tiền/ }), { target: { value: '500.000' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Đơn vị thực hiện/ }), { target: { value: 'Trạm y tế phường' } });
    await user.click(screen.getByRole('button', { name: 'Ghi vào trang Hỗ trợ' }));
    expect(await screen.findByText(new RegExp(`^Đã ghi hỗ trợ "Y tế" cho hồ sơ ${pending.case_id}`))).toBeInTheDocument();

    const after = parseWorkbook(await shell.readWorkbook()).support.records;
    expect(after).toHaveLength(before + 1);
    const row = after[after.length - 1];
    expect(row).toMatchObject({ case_id: pending.case_id, type: 'medical', amount: 500000, provider: 'Trạm y tế phường' });
    expect(row.date?.getTime()).toBe(date.getTime());
  });

  it('shows the row rules inline (SUP-01: support before receipt) and writes nothing', async () => {
    const shell = await sampleShell(30);
    const { parsed, records } = await people(shell);
    const person = records.find((r) => r.verification_status === 'identified' && r.received_date && r.full_name)!;
    const user = userEvent.setup();
    renderPane(shell, 'support');
    await pick(user, person.case_id!, new RegExp(`^${person.case_id} — `));
    // Identified victims may get every type of the 2011 law.
    expect(within(screen.getByRole('combobox', { name: /^Loại hỗ trợ/ })).getAllByRole('option')).toHaveLength(9);
    await user.selectOptions(screen.getByRole('combobox', { name: /^Loại hỗ trợ/ }), 'Tâm lý');
    fireEvent.change(screen.getByRole('textbox', { name: /^Ngày hỗ trợ/ }), { target: { value: formatDate(new Date(person.received_date!.getTime() - 86_400_000)) } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Số tiền/ }), { target: { value: 'năm trăm' } });
    await user.click(screen.getByRole('button', { name: 'Ghi vào trang Hỗ trợ' }));
    // Words first, the rule's ID after: "Ngày hỗ trợ … trước ngày tiếp nhận … (SUP-01)".
    expect(await screen.findByText(/^Ngày hỗ trợ .* \(SUP-01\)$/)).toBeInTheDocument();
    expect(screen.getByText(/\(REG-03\)$/)).toBeInTheDocument();
    expect(screen.getByText(/^Dòng có 2 lỗi nên chưa ghi/)).toBeInTheDocument();
    await waitFor(async () => expect(parseWorkbook(await shell.readWorkbook()).support.records).toHaveLength(parsed.support.records.length));
    expect(shell.rowCount(SHEET.support)).toBe(parsed.support.sheet!.rows.length);
  });
});
