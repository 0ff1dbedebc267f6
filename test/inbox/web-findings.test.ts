import { findingText } from '../../src/inbox/web/findingText';

const f = (cell: string | null, message_vi: string, message_en = message_vi) => ({ cell, message_vi, message_en });

test('the message drops the sheet and cell shown in their own columns, keeps the column name', () => {
  expect(findingText(f('C5', 'Ô C5 (Giới tính) của sheet "Sổ theo dõi": "nu" không có trong danh mục; có phải "Nữ"?'), 'vi')).toBe(
    'Giới tính: "nu" không có trong danh mục; có phải "Nữ"?',
  );
  expect(findingText(f('B2', 'Ô B2 (Họ và tên) của sheet "Sổ theo dõi" đang trống: hãy nhập họ và tên.'), 'vi')).toBe(
    'Họ và tên đang trống: hãy nhập họ và tên.',
  );
  expect(findingText(f('D109', 'Ô D109 (Số tiền (đồng)) của sheet "Hỗ trợ": số tiền -500000 phải là số nguyên'), 'vi')).toBe(
    'Số tiền (đồng): số tiền -500000 phải là số nguyên',
  );
  expect(findingText(f('C20', 'Ô C20 (mục 2.1): mục 2.1 phải bằng tổng'), 'vi')).toBe('Mục 2.1: mục 2.1 phải bằng tổng');
  expect(findingText(f('C3', 'Ô C3: Mã đơn vị trên báo cáo là "BN-TS-CU"'), 'vi')).toBe('Mã đơn vị trên báo cáo là "BN-TS-CU"');
  expect(findingText(f('W54', 'Ô W54 có chữ gõ bằng bảng mã cũ TCVN3'), 'vi')).toBe('Có chữ gõ bằng bảng mã cũ TCVN3');
  expect(findingText(f('C5', '', 'Cell C5 (Sex) of sheet "Sổ theo dõi": "nu" is not in the list'), 'en')).toBe('Sex: "nu" is not in the list');
});

test('a message about another cell, or none, is left whole; "sheet" reads "trang tính" in Vietnamese', () => {
  expect(findingText(f('A1', 'Ô C5 (Giới tính) của sheet "Sổ theo dõi": sai'), 'vi')).toBe('Ô C5 (Giới tính) của trang tính "Sổ theo dõi": sai');
  expect(findingText(f(null, 'Sheet "Báo cáo quý", dòng 10: thiếu cột'), 'vi')).toBe('Trang tính "Báo cáo quý", dòng 10: thiếu cột');
  expect(findingText(f('V60', 'Ô V60 (Nhu cầu hỗ trợ) của sheet "Sổ theo dõi": nhưng sheet "Hỗ trợ" chưa có'), 'vi')).toBe(
    'Nhu cầu hỗ trợ: nhưng trang tính "Hỗ trợ" chưa có',
  );
  expect(findingText(f(null, '', 'Sheet "_meta" is damaged'), 'en')).toBe('Sheet "_meta" is damaged');
});

test('the rules write "trang tính" in Vietnamese, and the page reads it like the older wording', () => {
  expect(findingText(f('C5', 'Ô C5 (Giới tính) của trang tính "Sổ theo dõi": "nu" không có trong danh mục; có phải "Nữ"?'), 'vi')).toBe(
    'Giới tính: "nu" không có trong danh mục; có phải "Nữ"?',
  );
});
