/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseWorkbook } from '../../src/domain/parse';
import { SHEET } from '../../src/domain/sheet';
import { newCaseId } from '../../src/domain/template';
import { PANE_EXCELS, emptyWorkbook, onExcel, renderPane, sampleShell } from './helpers';

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
    expect(await screen.findByText(/^CHD-01:/)).toBeInTheDocument();
    expect(screen.getByText(/^Dòng có 1 lỗi/)).toBeInTheDocument();
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
    expect(await screen.findAllByText(/^REG-01:/)).not.toHaveLength(0);
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
    expect(await screen.findByText(/^REG-03:/)).toBeInTheDocument();
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

  it('asks for a register first when the workbook is not one', async () => {
    renderPane(emptyWorkbook(), 'entry');
    expect(await screen.findByText('Hãy tạo hoặc mở sổ theo dõi trước (trang Bắt đầu).')).toBeInTheDocument();
  });
});
