/** @jest-environment jsdom */
/** Codes stay text: a citizen ID typed into the entry form lands in Excel as the text typed, its
 *  province code's leading zeros kept, in a cell formatted as Text; the check then has nothing
 *  to say about it. On every Excel version offices run. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { checkWorkbook } from '../../src/domain/check';
import { parseWorkbook } from '../../src/domain/parse';
import { SHEET, cellAddress } from '../../src/domain/sheet';
import { NOW, PANE_EXCELS, onExcel, renderPane, sampleShell } from './helpers';

function fill(label: RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe.each(PANE_EXCELS)('entry form on %s (ExcelApi %s): codes stay text', (_excel, api) => {
  onExcel(api);

  it('writes a citizen ID starting with 001 as text, and the check finds nothing wrong with it', async () => {
    const workbook = await sampleShell(2);
    renderPane(workbook, 'entry');
    await waitFor(() => expect(screen.getByTestId('case-id')).toHaveTextContent('BN-TS-2020-0003'));
    fill(/^Họ và tên/, 'Trần Thị Lan');
    fill(/^Giới tính/, 'Nữ');
    fill(/^Ngày sinh/, '1990');
    fill(/^Số CCCD\/Hộ chiếu/, '001182579803');
    fill(/^Xã\/Phường cư trú/, 'Phường Đông Ngàn');
    fill(/^Ngày tiếp nhận/, '10/08/2020');
    fill(/^Hình thức tiếp nhận/, 'Trao trả chính thức');
    fill(/^Nơi bị mua bán đến/, 'Trung Quốc');
    fill(/^Mục đích bị mua bán/, 'Kết hôn/làm vợ trái pháp luật');
    fill(/^Tình trạng xác minh/, 'Đã xác định là nạn nhân');
    fill(/^Ngày xác định/, '15/08/2020');
    fill(/^Cơ quan xác định/, 'Bộ đội Biên phòng');
    fill(/^Bảo vệ an toàn/, 'Không có nhu cầu');
    fill(/^Đồng ý chia sẻ thông tin/, 'Có');
    fireEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ' }));
    expect(await screen.findByText(/Đã ghi hồ sơ BN-TS-2020-0003/)).toBeInTheDocument();

    const model = await workbook.readWorkbook();
    const parsed = parseWorkbook(model);
    const record = parsed.registry.records.find((r) => r.case_id === 'BN-TS-2020-0003')!;
    const idCell = cellAddress(record.row0, parsed.registry.columns.id_number as number);
    expect(workbook.value(SHEET.registry, idCell)).toBe('001182579803');
    expect(workbook.numberFormat(SHEET.registry, idCell)).toBe('@');
    expect(workbook.value(SHEET.registry, cellAddress(record.row0, parsed.registry.columns.case_id as number))).toBe('BN-TS-2020-0003');
    const findings = checkWorkbook(model, { today: NOW }).findings.filter((f) => f.row === record.row0 + 1);
    expect(findings.filter((f) => f.rule === 'REG-09' || f.rule === 'REG-11')).toEqual([]);
    expect(workbook.failedSyncs()).toEqual([]);
  });
});
