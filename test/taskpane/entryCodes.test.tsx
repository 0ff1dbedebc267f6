/** @jest-environment ./test/support/jsdomEnvironment.js */
/** Codes stay text: a citizen ID typed into the entry form lands in Excel as the text typed, its
 *  province code's leading zeros kept, in a cell formatted as Text, and so does the case ID (under
 *  vn-2025 all digits: `22366-2025-0003`); the check then has nothing to say about either. On
 *  every Excel version offices run, for a seed plan's district and today's commune. */
import '../../src/profiles/officialAll';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { checkWorkbook } from '../../src/domain/check';
import { parseWorkbook, readMeta } from '../../src/domain/parse';
import { SHEET, cellAddress } from '../../src/domain/sheet';
import { PANE_EXCELS, PANE_PLANS, makeServices, onExcel, renderPane, sampleShell } from './helpers';

function fill(label: RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

const CASES = PANE_EXCELS.flatMap(([excel, api]) => Object.values(PANE_PLANS).map((plan) => [excel, api, plan.plan, plan] as const));

describe.each(CASES)('entry form on %s (ExcelApi %s), plan %s: codes stay text', (_excel, api, _plan, plan) => {
  onExcel(api);

  it('writes a citizen ID starting with 001 and the case ID as text, and the check finds nothing wrong with them', async () => {
    const workbook = await sampleShell(2, false, 7, plan);
    const caseId = `${readMeta(await workbook.readWorkbook()).meta!.unit_code}-${plan.year}-0003`;
    renderPane(workbook, 'entry', makeServices(undefined, undefined, () => plan.now).services);
    await waitFor(() => expect(screen.getByTestId('case-id')).toHaveTextContent(caseId));
    fill(/^Họ và tên/, 'Trần Thị Lan');
    fill(/^Giới tính/, 'Nữ');
    fill(/^Ngày sinh/, '1990');
    fill(/^Số CCCD\/Hộ chiếu/, '001182579803');
    fill(/^Xã\/Phường cư trú/, plan.commune);
    fill(/^Ngày tiếp nhận/, `10/08/${plan.year}`);
    fill(/^Hình thức tiếp nhận/, 'Trao trả chính thức');
    fill(/^Nơi bị mua bán đến/, 'Trung Quốc');
    fill(/^Mục đích bị mua bán/, 'Kết hôn/làm vợ trái pháp luật');
    fill(/^Tình trạng xác minh/, 'Đã xác định là nạn nhân');
    fill(/^Ngày xác định/, `15/08/${plan.year}`);
    fill(/^Cơ quan xác định/, 'Bộ đội Biên phòng');
    fill(/^Bảo vệ an toàn/, 'Không có nhu cầu');
    fill(/^Đồng ý chia sẻ thông tin/, 'Có');
    fireEvent.click(screen.getByRole('button', { name: 'Ghi vào sổ' }));
    expect(await screen.findByText(new RegExp(`Đã ghi hồ sơ ${caseId}`))).toBeInTheDocument();

    const model = await workbook.readWorkbook();
    const parsed = parseWorkbook(model);
    const record = parsed.registry.records.find((r) => r.case_id === caseId)!;
    const idCell = cellAddress(record.row0, parsed.registry.columns.id_number as number);
    expect(workbook.value(SHEET.registry, idCell)).toBe('001182579803');
    expect(workbook.numberFormat(SHEET.registry, idCell)).toBe('@');
    const caseCell = cellAddress(record.row0, parsed.registry.columns.case_id as number);
    expect([workbook.value(SHEET.registry, caseCell), workbook.numberFormat(SHEET.registry, caseCell)]).toEqual([caseId, '@']);
    const findings = checkWorkbook(model, { today: plan.now }).findings.filter((f) => f.row === record.row0 + 1);
    expect(findings.filter((f) => f.rule === 'REG-09' || f.rule === 'REG-11')).toEqual([]);
    expect(workbook.failedSyncs()).toEqual([]);
  });
});
