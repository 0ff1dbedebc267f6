/**
 * REG finding messages (docs/rules.md), vi and en. Module-level functions of the place and the
 * values shown, called only when a finding is made: inline lambdas capturing row variables made
 * V8 allocate a context for every row checked (see reg.ts).
 */
import type { Code } from '../codes';
import { formatBirth, formatDate } from '../dates';
import type { DateValue, RegistryRecord } from '../model';
import type { Unit } from '../schema/profile';
import type { ColumnSpec, RegistryKey } from '../schema/registry';
import type { CellValue } from '../sheet';
import { cap, shown } from './types';

export type Place = { vi: string; en: string };


export const REG01_MESSAGE_1 = (p: Place, c: ColumnSpec): Place =>
  // An empty birth date: the clerk may not know it, and must learn the legal ways to say so.
  c.key === 'birth_date'
    ? {
        vi: `${cap(p.vi)} đang trống: hãy nhập ngày sinh, chỉ năm sinh (kể cả năm ước đoán), hoặc "Không rõ" nếu không biết.`,
        en: `${cap(p.en)} is empty: enter the date of birth, the birth year alone (an estimated year too), or "Không rõ" when it is unknown.`,
      }
    : {
        vi: `${cap(p.vi)} đang trống: hãy nhập ${c.header_vi.toLowerCase()}.`,
        en: `${cap(p.en)} is empty: enter the ${c.header_en.toLowerCase()}.`,
      };
export const REG02_MESSAGE_2 = (
  p: Place,
  raw: CellValue | undefined,
  suggestion: { vi: string; en: string } | null,
): Place =>
  suggestion
    ? {
        vi: `${cap(p.vi)}: ${shown(raw)} không có trong danh mục; có phải "${suggestion.vi}"? Hãy chọn từ danh sách.`,
        en: `${cap(p.en)}: ${shown(raw)} is not in the code list; did you mean "${suggestion.vi}" (${suggestion.en})? Pick a value from the list.`,
      }
    : {
        vi: `${cap(p.vi)}: ${shown(raw)} không có trong danh mục: hãy chọn từ danh sách (sheet "Danh mục").`,
        en: `${cap(p.en)}: ${shown(raw)} is not in the code list: pick a value from the list (sheet "Danh mục").`,
      };
export const REG02_MESSAGE_3 = (p: Place, part: string, suggestion: { vi: string; en: string } | null): Place =>
  suggestion
    ? {
        vi: `${cap(p.vi)}: "${part}" không phải loại hỗ trợ của luật áp dụng; có phải "${suggestion.vi}"? Các loại cách nhau bằng dấu ;`,
        en: `${cap(p.en)}: "${part}" is not a support type of the applicable law; did you mean "${suggestion.vi}" (${suggestion.en})? Separate types with ;`,
      }
    : {
        vi: `${cap(p.vi)}: "${part}" không phải loại hỗ trợ của luật áp dụng: chọn từ trang tính "Danh mục", cách nhau bằng dấu ;`,
        en: `${cap(p.en)}: "${part}" is not a support type of the applicable law: pick from sheet "Danh mục", separated by ;`,
      };
export const REG03_MESSAGE_4 = (p: Place, r: RegistryRecord): Place => ({
  vi: `${cap(p.vi)}: ${shown(r.raw.birth_date)} không phải ngày hợp lệ: nhập dd/mm/yyyy, chỉ năm sinh (yyyy, kể cả năm ước đoán), hoặc "Không rõ" nếu không biết.`,
  en: `${cap(p.en)}: ${shown(r.raw.birth_date)} is not a valid date: enter dd/mm/yyyy, the birth year alone (yyyy, an estimated year too), or "Không rõ" when it is unknown.`,
});
export const REG03_MESSAGE_5 = (p: Place, r: RegistryRecord, key: RegistryKey): Place => ({
  vi: `${cap(p.vi)}: ${shown(r.raw[key])} không phải ngày hợp lệ: nhập theo dạng dd/mm/yyyy (ngày trước, tháng sau).`,
  en: `${cap(p.en)}: ${shown(r.raw[key])} is not a valid date: enter dd/mm/yyyy (day first).`,
});
export const REG03_MESSAGE_6 = (p: Place, minors: CellValue | undefined): Place => ({
  vi: `${cap(p.vi)}: ${shown(minors)} không phải số nguyên ≥ 0: nhập số người, ví dụ 0 hoặc 2.`,
  en: `${cap(p.en)}: ${shown(minors)} is not a whole number ≥ 0: enter a count such as 0 or 2.`,
});
export const REG04_MESSAGE_7 = (p: Place, b: DateValue, todayText: string): Place => ({
  vi: `${cap(p.vi)}: ${formatBirth(b)} sau ngày kiểm tra ${todayText}: sửa lại ngày sinh.`,
  en: `${cap(p.en)}: ${formatBirth(b)} is after the check date ${todayText}: correct the date of birth.`,
});
export const REG04_MESSAGE_8 = (p: Place, d: Date, todayText: string): Place => ({
  vi: `${cap(p.vi)}: ${formatDate(d)} sau ngày kiểm tra ${todayText}: không nhập ngày trong tương lai.`,
  en: `${cap(p.en)}: ${formatDate(d)} is after the check date ${todayText}: do not enter future dates.`,
});
export const REG05_MESSAGE_9 = (p: Place, b: DateValue, received: Date): Place => ({
  vi: `${cap(p.vi)}: ${formatBirth(b)} sau ngày tiếp nhận ${formatDate(received)}: kiểm tra lại hai ngày này.`,
  en: `${cap(p.en)}: ${formatBirth(b)} is after the date received ${formatDate(received)}: check both dates.`,
});
export const REG05_MESSAGE_10 = (p: Place, b: DateValue, r: RegistryRecord, maxAge: number): Place => ({
  vi: `${cap(p.vi)}: ${formatBirth(b)} cho tuổi khi tiếp nhận là ${r.age_at_receipt}, trên ${maxAge}: kiểm tra lại năm sinh.`,
  en: `${cap(p.en)}: ${formatBirth(b)} gives an age of ${r.age_at_receipt} at receipt, over ${maxAge}: check the year of birth.`,
});
export const REG06_MESSAGE_11 = (p: Place, r: RegistryRecord, earlier: RegistryRecord): Place => ({
  vi: `${cap(p.vi)}: mã hồ sơ "${r.case_id}" đã dùng ở dòng ${earlier.row0 + 1}: mỗi người một mã riêng.`,
  en: `${cap(p.en)}: case ID "${r.case_id}" is already used on row ${earlier.row0 + 1}: give each person their own ID.`,
});
export const REG07_MESSAGE_12 = (p: Place, r: RegistryRecord, b: DateValue, twin: RegistryRecord): Place => ({
  vi: `${cap(p.vi)}: "${r.full_name}" (sinh ${formatBirth(b)}) có thể trùng với người ở dòng ${twin.row0 + 1} (mã ${twin.case_id ?? '?'}): nếu là một người, hãy gộp thành một dòng.`,
  en: `${cap(p.en)}: "${r.full_name}" (born ${formatBirth(b)}) may be the same person as row ${twin.row0 + 1} (case ${twin.case_id ?? '?'}): if so, merge them into one row.`,
});
export const REG08_MESSAGE_13 = (p: Place, raw: CellValue | undefined, hint: string | null, unit: Unit): Place =>
  hint
    ? {
        vi: `${cap(p.vi)}: ${shown(raw)} không thuộc ${unit.name}; có phải "${hint}"? Hãy chọn từ danh sách.`,
        en: `${cap(p.en)}: ${shown(raw)} is not a commune of ${unit.name}; did you mean "${hint}"? Pick it from the list.`,
      }
    : {
        vi: `${cap(p.vi)}: ${shown(raw)} không thuộc danh sách xã/phường của ${unit.name}: hãy chọn từ danh sách.`,
        en: `${cap(p.en)}: ${shown(raw)} is not in the commune list of ${unit.name}: pick one from the list.`,
      };
/** An ID Excel stored as a number: the zeros it dropped and the ID as typed (`restored`). */
export interface LostZeros {
  kind: 'cccd' | 'cmnd';
  zeros: number;
  restored: string;
}

export const REG09_MESSAGE_14 = (p: Place, id: string, lost: LostZeros | null, cmnd = false): Place =>
  lost
    ? {
        vi: `${cap(p.vi)}: Excel đã lưu ${lost.kind === 'cccd' ? 'số CCCD' : 'số CMND'} thành con số ${id} nên mất ${lost.zeros} số 0 ở đầu (${lost.kind === 'cccd' ? 'số CCCD có 12 chữ số, bắt đầu bằng mã tỉnh' : 'số CMND có 9 chữ số'}; có lẽ là ${lost.restored}). Cách sửa: định dạng cột "Số CCCD/Hộ chiếu" là Văn bản (Text) rồi gõ lại đủ ${lost.restored.length} số, hoặc gõ dấu nháy ' trước số (ví dụ '${lost.restored}).`,
        en: `${cap(p.en)}: Excel stored the ${lost.kind === 'cccd' ? 'citizen ID (CCCD)' : 'ID card number (CMND)'} as the number ${id}, dropping ${lost.zeros} leading zero${lost.zeros > 1 ? 's' : ''} (${lost.kind === 'cccd' ? 'a CCCD has 12 digits and starts with its province code' : 'a CMND has 9 digits'}; probably ${lost.restored}). To fix: format the column "Số CCCD/Hộ chiếu" as Text and type all ${lost.restored.length} digits again, or type an apostrophe before the number (e.g. '${lost.restored}).`,
      }
    : cmnd
      ? {
          vi: `${cap(p.vi)}: "${id}" là số CMND 9 chữ số, chỉ còn giá trị đến 31/12/2024; người tiếp nhận từ 01/01/2025 (hoặc chưa có ngày tiếp nhận) cần số CCCD 12 chữ số: hãy ghi số CCCD.`,
          en: `${cap(p.en)}: "${id}" is a 9-digit CMND, valid only until 31/12/2024; a person received from 01/01/2025 (or without a date received) needs the 12-digit CCCD: enter the CCCD number.`,
        }
      : {
          vi: `${cap(p.vi)}: "${id}" không phải số CCCD 12 chữ số hay số hộ chiếu: kiểm tra lại.`,
          en: `${cap(p.en)}: "${id}" is neither a 12-digit citizen ID nor a passport number: check it.`,
        };
export const REG10_MESSAGE_15 = (p: Place, channelText: string): Place => ({
  vi: `${cap(p.vi)}: "${channelText}" là trở về từ nước ngoài nhưng nơi bị mua bán đến là "Trong nước": sửa hình thức tiếp nhận hoặc ghi nước bị mua bán đến.`,
  en: `${cap(p.en)}: "${channelText}" means returned from abroad, but the destination is "Trong nước" (within Viet Nam): correct the channel or enter the destination country.`,
});
export const REG10_MESSAGE_16 = (p: Place, channelText: string, dest: Code): Place => ({
  vi: `${cap(p.vi)}: "${channelText}" là bị mua bán trong nước nhưng nơi bị mua bán đến là "${dest.vi}": ghi "Trong nước" hoặc sửa hình thức tiếp nhận.`,
  en: `${cap(p.en)}: "${channelText}" means trafficked within Viet Nam, but the destination is "${dest.vi}": enter "Trong nước" or correct the channel.`,
});
export const REG10_MESSAGE_17 = (p: Place, channelText: string): Place => ({
  vi: `${cap(p.vi)}: "${channelText}" cần quốc tịch nước ngoài nhưng quốc tịch là "Việt Nam": sửa quốc tịch hoặc hình thức tiếp nhận.`,
  en: `${cap(p.en)}: "${channelText}" needs a foreign nationality, but the nationality is Viet Nam: correct the nationality or the channel.`,
});
