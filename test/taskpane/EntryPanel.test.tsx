/** @jest-environment ./test/support/jsdomEnvironment.js */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseWorkbook } from '../../src/domain/parse';
import { SHEET } from '../../src/domain/sheet';
import { newCaseId } from '../../src/domain/template';
import { PANE_EXCELS, PANE_PLANS, emptyWorkbook, makeServices, onExcel, renderPane, sampleShell, type PaneWorkbook } from './helpers';

/** 05/12/2026: quarter 3/2026 of the two-level plan (vn-2025) is the one due. */
const DEC_2026 = () => new Date(Date.UTC(2026, 11, 5, 3));

/** A register of Phường Nha Trang (Khánh Hoà, 22366), quarter 3/2026: today's plan. */
function nhaTrangShell(rows = 3): Promise<PaneWorkbook> {
  return sampleShell(rows, false, 5, { ...PANE_PLANS['vn-2025'], year: 2026, now: DEC_2026() });
}

function fill(label: RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** A girl of 15 at receipt, trafficked to China for marriage, identified, not referred to
 *  child protection: CHD-01 for the Bắc Ninh plan (child age 16). */
function fillChildCase(): void {
  fill(/^Họ và tên/, 'Lò Thị Mai');
  fill(/^Giới tính/, 'Nữ');
  fill(/^Ngày sinh/, '12/03/2005');
  fill(/^Xã\/Phường cư trú/, 'Phường Đông Ngàn');
  fill(/^Ngày tiếp nhận/, '10/08/2020');
  fill(/^Hình thức tiếp nhận/, 'Trao trả chính thức');
  fill(/^Nơi bị mua bán đến/, 'Trung Quốc');
  fill(/^Mục đích bị mua bán/, 'Kết hôn/làm vợ trái pháp luật');
  fill(/^Tình trạng xác minh/, 'Đã xác định là nạn nhân');
  fill(/^Ngày xác định/, '15/08/2020');
  fill(/^Cơ quan xác định/, 'Bộ đội Biên phòng');
  fill(/^Bảo vệ an toàn/, 'Không có nhu cầu');
  fill(/^Kết nối dịch vụ bảo vệ trẻ em/, 'Không');
  fill(/^Đồng ý chia sẻ thông tin/, 'Có');
}

describe.each(PANE_EXCELS)('Entry panel on %s (ExcelApi %s)', (_excel, api) => {
  onExcel(api);
  it('shows the row rules inline (CHD-01 under the referral field) and writes only when told to', async () => {
    const shell = await sampleShell(5);
    const ids = parseWorkbook(await shell.readWorkbook()).registry.records.map((r) => r.case_id);
    const id = newCaseId('BN-TS', 2020, ids);
    renderPane(shell, 'entry');
    await waitFor(() => expect(screen.getByTestId('case-id')).toHaveTextContent(id));
    fillChildCase();
    const before = (await shell.readWorkbook()).sheets.find((s) => s.name === SHEET.registry)!.rows.length;
    fireEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ' }));
    // The message under the field, words first and the rule's ID after; the focus on that field.
    expect(await screen.findByText(/^Là "Không" nhưng người này 15 tuổi khi tiếp nhận .* \(CHD-01\)$/)).toBeInTheDocument();
    expect(screen.getByText(/^Còn 1 lỗi, xem dưới từng ô/)).toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/^Kết nối dịch vụ bảo vệ trẻ em/)));
    expect((await shell.readWorkbook()).sheets.find((s) => s.name === SHEET.registry)!.rows.length).toBe(before);

    fireEvent.click(screen.getByRole('button', { name: 'Vẫn ghi (còn lỗi)' }));
    expect(await screen.findByText(`Đã ghi hồ sơ ${id} vào dòng ${before + 1}.`)).toBeInTheDocument();
    const parsed = parseWorkbook(await shell.readWorkbook());
    const record = parsed.registry.records.find((r) => r.case_id === id)!;
    expect(record).toMatchObject({ full_name: 'Lò Thị Mai', sex: 'female', age_at_receipt: 15, child_referral: 'no', commune: 'Phường Đông Ngàn' });
    expect(record.received_date?.toISOString().slice(0, 10)).toBe('2020-08-10');
    // The next case gets the next number.
    await waitFor(() => expect(screen.getByTestId('case-id')).toHaveTextContent(newCaseId('BN-TS', 2020, [...ids, id])));
    // The next case shows its own errors, not the last case's "written" line.
    fill(/^Họ và tên/, 'Nguyễn Văn B');
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra dòng' }));
    expect(await screen.findAllByText(/^Đang trống: hãy nhập .* \(REG-01\)$/)).not.toHaveLength(0);
    expect(screen.queryByText(/^Đã ghi hồ sơ/)).toBeNull();
  });

  it('writes a clean case straight away and names a near miss in a code list', async () => {
    const shell = await sampleShell(2);
    renderPane(shell, 'entry');
    await waitFor(() => expect(screen.getByTestId('case-id')).toHaveTextContent('BN-TS-2020-0003'));
    fillChildCase();
    fill(/^Kết nối dịch vụ bảo vệ trẻ em/, 'Có');
    fill(/^Ngày kết nối/, '20/08/2020');
    fill(/^Ngày sinh/, '1990');
    fill(/^Ngày tiếp nhận/, '31/02/2020');
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra dòng' }));
    expect(await screen.findByText(/\(REG-03\)$/)).toBeInTheDocument();
    fill(/^Ngày tiếp nhận/, '10/08/2020');
    fireEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ' }));
    expect(await screen.findByText(/Đã ghi hồ sơ BN-TS-2020-0003/)).toBeInTheDocument();
    const record = parseWorkbook(await shell.readWorkbook()).registry.records.find((r) => r.case_id === 'BN-TS-2020-0003')!;
    expect(record.birth).toEqual({ date: new Date(Date.UTC(1990, 6, 1)), yearOnly: true });
  });

  it('ticks only the need whose label is clicked, each checkbox with its own id, and saves those needs', async () => {
    const user = userEvent.setup();
    const shell = await sampleShell(2);
    renderPane(shell, 'entry');
    await waitFor(() => expect(screen.getByTestId('case-id')).toHaveTextContent('BN-TS-2020-0003'));
    const group = screen.getByRole('group', { name: 'Nhu cầu hỗ trợ' });
    const boxes = Array.from(group.querySelectorAll('input[type="checkbox"]'));
    expect(boxes.length).toBeGreaterThan(3);
    expect(new Set(boxes.map((b) => b.id)).size).toBe(boxes.length);
    await user.click(screen.getByText('Y tế', { selector: 'label' }));
    await user.click(screen.getByText('Tâm lý', { selector: 'label' }));
    expect(screen.getByRole('checkbox', { name: 'Y tế' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Tâm lý' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Nhu cầu thiết yếu và chi phí đi lại' })).not.toBeChecked();
    await user.click(screen.getByText('Y tế', { selector: 'label' }));
    expect(screen.getByRole('checkbox', { name: 'Y tế' })).not.toBeChecked();
    await user.click(screen.getByText('Y tế', { selector: 'label' }));
    fillChildCase();
    fill(/^Kết nối dịch vụ bảo vệ trẻ em/, 'Có');
    fill(/^Ngày kết nối/, '20/08/2020');
    fireEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ' }));
    expect(await screen.findByText(/Đã ghi hồ sơ BN-TS-2020-0003/)).toBeInTheDocument();
    const record = parseWorkbook(await shell.readWorkbook()).registry.records.find((r) => r.case_id === 'BN-TS-2020-0003')!;
    expect(record.support_needs).toEqual(['medical', 'psychological']);
  });

  it.each([
    ['vi', 'bac-ninh', /^Đang trống: hãy nhập họ và tên\. \(REG-01\)$/],
    ['en', 'nha-trang', /^Is empty: enter the full name\. \(REG-01\)$/],
  ] as const)('%s (%s): no browser bubble (noValidate); the pane’s own message under each empty field, focus on the first', async (lang, which, message) => {
    const shell = await (which === 'bac-ninh' ? sampleShell(2) : nhaTrangShell());
    renderPane(shell, 'entry', makeServices(undefined, undefined, which === 'bac-ninh' ? undefined : DEC_2026).services, lang);
    await screen.findByText(/-0003$/);
    const form = screen.getByRole('form');
    expect((form as HTMLFormElement).noValidate).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: lang === 'vi' ? 'Ghi vào sổ' : 'Write to register' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: lang === 'vi' ? /^Họ và tên/ : /^Full name/ })));
    // The actions stay at hand at the bottom of the pane, however long the form.
    expect(screen.getByTestId('entry-actions')).toContainElement(screen.getByRole('button', { name: lang === 'vi' ? 'Kiểm tra dòng' : 'Check row' }));
  });

  it('a message goes as soon as its field is edited, and the count in the bar follows (no stale "đang trống" under a typed name)', async () => {
    renderPane(await sampleShell(2), 'entry');
    await screen.findByText(/-0003$/);
    fireEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ' }));
    await screen.findByText(/^Đang trống: hãy nhập họ và tên\. \(REG-01\)$/);
    const count = (): number => Number(/^Còn (\d+) lỗi/.exec(screen.getByTestId('entry-count').textContent ?? '')?.[1]);
    const before = count();
    expect(before).toBeGreaterThan(1);
    fill(/^Họ và tên/, 'Lò Thị Mai');
    expect(screen.queryByText(/^Đang trống: hãy nhập họ và tên/)).not.toBeInTheDocument();
    expect(screen.getByText(/^Đang trống: hãy nhập giới tính\. \(REG-01\)$/)).toBeInTheDocument();
    expect(count()).toBe(before - 1);
    // The next check says again what still holds.
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra dòng' }));
    await waitFor(() => expect(count()).toBe(before - 1));
    expect(screen.queryByText(/^Không thấy lỗi/)).not.toBeInTheDocument();
  });

  it('Phường Nha Trang, 2026: an unknown birth is "Không rõ" (no error, counted Chưa rõ); a foreign victim is offered only a, b, c, d, đ, g and told where they live', async () => {
    const user = userEvent.setup();
    const shell = await nhaTrangShell();
    renderPane(shell, 'entry', makeServices(undefined, undefined, DEC_2026).services);
    await waitFor(() => expect(screen.getByTestId('case-id')).toHaveTextContent(/^22366-2026-\d{4}$/));
    const id = screen.getByTestId('case-id').textContent!;
    // Hints use this year and this province; a birth date's example is an adult's, not a newborn's.
    expect(screen.getByText(/^ngày\/tháng\/năm, ví dụ 28\/11\/1999; nếu chỉ biết .* năm sinh, ghi năm, ví dụ 1999\.$/)).toBeInTheDocument();
    expect(screen.getAllByText(/^ngày\/tháng\/năm, ví dụ 28\/11\/2026$/).length).toBeGreaterThan(0);
    expect(screen.getByText(/ví dụ: nha trang/)).toBeInTheDocument();
    fill(/^Họ và tên/, 'Somchai Phommachanh');
    fill(/^Giới tính/, 'Nam');
    await user.click(screen.getByRole('checkbox', { name: /^Không rõ ngày sinh/ }));
    expect(screen.getByRole('textbox', { name: /^Ngày sinh/ })).toHaveValue('Không rõ');
    fill(/^Quốc tịch/, 'Lào');
    expect(screen.getByText(/^Người nước ngoài: ghi xã, phường nơi người đó đang lưu trú/)).toBeInTheDocument();
    fill(/^Xã\/Phường cư trú/, 'Phường Nha Trang');
    fill(/^Ngày tiếp nhận/, '10/08/2026');
    fill(/^Hình thức tiếp nhận/, 'Người nước ngoài bị mua bán tại địa phương');
    fill(/^Nơi bị mua bán đến/, 'Trong nước');
    fill(/^Mục đích bị mua bán/, 'Cưỡng bức lao động');
    fill(/^Tình trạng xác minh/, 'Chờ xác minh');
    fill(/^Bảo vệ an toàn/, 'Không có nhu cầu');
    fill(/^Đồng ý chia sẻ thông tin/, 'Không');
    const needs = within(screen.getByRole('group', { name: 'Nhu cầu hỗ trợ' }))
      .getAllByRole('checkbox')
      .map((b) => b.getAttribute('id') && (b.closest('.fui-Checkbox')?.textContent ?? ''));
    expect(needs).toEqual(['Nhu cầu thiết yếu', 'Y tế', 'Phiên dịch', 'Hỗ trợ pháp luật', 'Trợ giúp pháp lý', 'Tâm lý']);
    await user.click(screen.getByText('Phiên dịch', { selector: 'label' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ' }));
    expect(await screen.findByText(new RegExp(`^Đã ghi hồ sơ ${id} vào dòng \\d+\\.$`))).toBeInTheDocument();
    const parsed = parseWorkbook(await shell.readWorkbook());
    const record = parsed.registry.records.find((r) => r.case_id === id)!;
    expect(record).toMatchObject({ birth: null, age_at_receipt: null, receipt_channel: 'foreign_victim', support_needs: ['c'] });
    expect(record.raw.birth_date).toBe('Không rõ');
  });

  it('a need ticked before the person became a foreign victim stays shown, marked to be unticked', async () => {
    const user = userEvent.setup();
    renderPane(await nhaTrangShell(), 'entry', makeServices(undefined, undefined, DEC_2026).services);
    await screen.findByText(/^22366-2026-\d{4}$/);
    await user.click(screen.getByText('Chi phí đi lại', { selector: 'label' }));
    fill(/^Hình thức tiếp nhận/, 'Người nước ngoài bị mua bán tại địa phương');
    expect(screen.getByRole('checkbox', { name: /^Chi phí đi lại — không dành cho trường hợp này/ })).toBeChecked();
    expect(screen.queryByRole('checkbox', { name: /^Học văn hóa/ })).toBeNull();
  });

  it('asks for a register first when the workbook is not one', async () => {
    renderPane(emptyWorkbook(), 'entry');
    expect(await screen.findByText('Hãy tạo hoặc mở sổ theo dõi trước (trang Bắt đầu).')).toBeInTheDocument();
  });
});
