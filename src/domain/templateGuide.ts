/**
 * The `Hướng dẫn` sheet: what a district or commune clerk needs to fill the workbook without
 * training. Vietnamese first, each step followed by an English line for non-Vietnamese staff.
 */
import type { Profile, Unit } from './schema/profile';
import { planName } from './planName';
import { SHEET, type CellValue } from './sheet';
import { LINE_HEIGHT, linesOf, type SheetDress } from './templatePrint';

/** The guide's one column, in characters: it fits an A4 portrait page at full size (LibreOffice
 *  draws characters wider than Excel, so 100 would run past the paper's edge there); lines wrap. */
export const GUIDE_WIDTH = 80;

export function guideRows(profile: Profile, unit: Unit, year: number, quarter: number): CellValue[][] {
  const lines: string[] = [
    'SỔ THEO DÕI NẠN NHÂN BỊ MUA BÁN VÀ BÁO CÁO QUÝ',
    'Human-trafficking victim registry and quarterly report',
    '',
    `Đơn vị: ${unit.name} (${unit.code}) - ${unit.province_name ?? profile.province}. Quý ${quarter}/${year}.`,
    `Unit: ${unit.name} (${unit.code}), ${unit.province_name ?? profile.province}. Quarter ${quarter}/${year}.`,
    `Kế hoạch: ${planName(profile, 'vi')} (${profile.title})`,
    `Plan: ${planName(profile, 'en')} (${profile.title_en})`,
    `Nơi nhận báo cáo: ${profile.department}`,
    `Report to: ${profile.department_en}`,
    '',
    `1. Mỗi người được tiếp nhận ghi một dòng trong trang tính "${SHEET.registry}". Không xóa người của các quý trước.`,
    `   One row per person received, in sheet "${SHEET.registry}". Keep people from earlier quarters.`,
    '2. Mã hồ sơ có dạng <mã đơn vị>-<năm>-<số thứ tự>, ví dụ ' + `${unit.code}-${year}-0001; không trùng nhau.`,
    `   Case ID is <unit code>-<year>-<number>, e.g. ${unit.code}-${year}-0001; never reuse one.`,
    '   Mã hồ sơ và Số CCCD/Hộ chiếu là chữ (ô định dạng Văn bản - Text): gõ đủ các số 0 ở đầu, ví dụ 001182579803.',
    '   Case IDs and ID numbers are text (cells formatted as Text): type their leading zeros, e.g. 001182579803.',
    '3. Ngày ghi theo dạng ngày/tháng/năm (dd/mm/yyyy). Nếu chỉ biết (hoặc ước đoán được) năm sinh, ghi 4 chữ số năm; nếu hoàn toàn không biết, ghi "Không rõ" (báo cáo tính vào cột Chưa rõ).',
    '   Dates are day/month/year (dd/mm/yyyy). If only the birth year is known (or can be estimated), type the 4-digit year; if it is not known at all, type "Không rõ" (the report counts it under Chưa rõ).',
    `4. Các cột có danh sách chọn (mũi tên): chọn giá trị từ danh sách; danh sách nằm ở trang tính "${SHEET.codes}".`,
    `   Columns with a dropdown: pick a value; the lists are in sheet "${SHEET.codes}".`,
    '5. Xã/Phường cư trú phải là xã/phường thuộc đơn vị.',
    '   Commune of residence must be one of the unit\'s communes.',
    '6. Khi đã xác định (là nạn nhân hoặc không), ghi Ngày xác định và Cơ quan xác định.',
    '   Once verified (victim or not), fill in the date identified and the identifying agency.',
    '7. Người dưới 18 tuổi: ghi việc kết nối dịch vụ bảo vệ trẻ em (Có/Không) và Ngày kết nối.',
    '   Persons under 18: record the referral to child-protection services (Có/Không) and its date.',
    '8. Nhu cầu hỗ trợ: ghi các loại hỗ trợ cần, cách nhau bằng dấu chấm phẩy (;).',
    '   Support needs: the support types needed, separated by semicolons (;).',
    `9. Mỗi lần hỗ trợ ghi một dòng trong trang tính "${SHEET.support}" với Mã hồ sơ của người được hỗ trợ.`,
    `   Each support given is one row in sheet "${SHEET.support}", with the person's case ID.`,
    '10. Chỉ ghi "Có" ở cột Đồng ý chia sẻ thông tin khi người đó đồng ý; nếu không, dữ liệu chỉ gửi dạng ẩn danh.',
    '    Write "Có" under consent only when the person agrees; otherwise data leaves the unit de-identified.',
    `11. Báo cáo quý: trong phần bổ trợ, mục "Báo cáo quý", bấm "Lập báo cáo từ sổ theo dõi" để tính từ sổ; chỉ tự ghi các dòng 6.4, 6.5 và 7.1-7.3.`,
    '    Quarterly report: in the add-in, under "Quarterly report", press "Fill the report from the register" to compute it; type only rows 6.4, 6.5 and 7.1-7.3.',
    '12. Trước khi gửi: bấm "Kiểm tra" (hoặc vr validate) và sửa mọi lỗi; cảnh báo không chặn việc gửi.',
    '    Before submitting: run "Check" (or vr validate) and fix every error; warnings do not block.',
    '13. Không đổi tên các trang tính, không sửa trang tính ẩn _meta. Không ghi công thức bắt đầu bằng =, +, -, @ vào ô chữ.',
    '    Do not rename sheets or edit the hidden _meta sheet. Do not start text with =, +, - or @.',
    '',
    'Dữ liệu về nạn nhân là dữ liệu cá nhân nhạy cảm (Nghị định 13/2023/NĐ-CP): không gửi qua email, Zalo.',
    'Victim data is sensitive personal data (Decree 13/2023/ND-CP): never send it by e-mail or chat.',
  ];
  return lines.map((line) => [line === '' ? null : line]);
}

/**
 * The guide prints like the other sheets: A4 portrait, one page wide, `Trang 1/2` at the foot,
 * its lines wrapped in the one column (unwrapped, a line longer than the page was cut off at the
 * paper's edge). Heights are set for the wrapped lines, as for the report's notes.
 */
export function guideDress(rows: readonly CellValue[][]): SheetDress {
  const rowHeights = rows.flatMap((row, row0) => {
    const lines = typeof row[0] === 'string' ? linesOf(row[0], GUIDE_WIDTH) : 1;
    return lines > 1 ? [{ row0, height: lines * LINE_HEIGHT }] : [];
  });
  return { merges: [], styles: [], borders: [], wrapColumns: [0], rowHeights, print: { orientation: 'portrait' } };
}
