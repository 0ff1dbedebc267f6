/**
 * Name and place material for synthetic registers (`vr sample`). Common Vietnamese family
 * names in rough order of frequency, middle names and given names by sex, and a few names from
 * neighbouring countries for foreign victims. Synthetic only: no real person.
 */
export const FAMILY_NAMES = [
  'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ',
  'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đào', 'Đinh', 'Mai', 'Trịnh', 'Lương', 'Tạ', 'Chu', 'Lục',
];

export const MIDDLE_FEMALE = ['Thị', 'Thị', 'Thị', 'Thị Thu', 'Thị Ngọc', 'Thị Hồng', 'Thị Thanh', 'Ngọc', 'Thu', 'Thị Kim', 'Thị Minh', 'Phương', 'Thị Bích', 'Hải'];
export const MIDDLE_MALE = ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Trọng', 'Duy', 'Anh'];

export const GIVEN_FEMALE = [
  'Lan', 'Hoa', 'Hương', 'Mai', 'Linh', 'Trang', 'Thảo', 'Hà', 'Nhung', 'Phương', 'Huyền', 'Ngân', 'Yến', 'Dung',
  'Hạnh', 'Loan', 'Vân', 'Nga', 'Thủy', 'Hằng', 'Tuyết', 'Oanh', 'Quỳnh', 'Trâm', 'Giang', 'Ly', 'My', 'Nhi',
  'Anh', 'Chi', 'Diệp', 'Hiền', 'Hồng', 'Khánh', 'Liên', 'Ngọc', 'Nhàn', 'Sen', 'Thơm', 'Thu', 'Tâm', 'Uyên',
];
export const GIVEN_MALE = [
  'Hùng', 'Dũng', 'Nam', 'Tuấn', 'Minh', 'Long', 'Sơn', 'Hải', 'Cường', 'Thắng', 'Hiếu', 'Trung', 'Phong', 'Quân',
  'Huy', 'Khoa', 'Lâm', 'Tùng', 'Đạt', 'Bình', 'Thành', 'Tài', 'Việt', 'Hưng', 'Kiên', 'Lợi', 'Phúc', 'Tiến',
];

/** Foreign victims (`Người nước ngoài bị mua bán tại địa phương`), by nationality key. */
export const FOREIGN_NAMES: Record<string, { female: string[]; male: string[] }> = {
  LA: { female: ['Khamla Phommavong', 'Noy Sisouphan', 'Vanh Keomany', 'Phet Sengdara'], male: ['Somchai Vongsa', 'Bounmy Inthavong'] },
  KH: { female: ['Sok Dara', 'Chann Sreyleak', 'Keo Srey Mom', 'Lim Sophea'], male: ['Chea Vannak', 'Heng Sokha'] },
  CN: { female: ['Wang Li', 'Zhang Mei', 'Liu Fang', 'Chen Jing'], male: ['Li Wei', 'Zhao Gang'] },
  MM: { female: ['Aye Aye Mon', 'Thiri Win', 'Su Su Hlaing'], male: ['Kyaw Zin', 'Min Thu'] },
};

export const ETHNICITIES_WEIGHTED = ['Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Tày', 'Thái', 'Mường', "H'Mông", 'Nùng', 'Dao', 'Khmer', 'Hoa'];

export const PROVIDERS = [
  'Phòng Lao động - Thương binh và Xã hội',
  'Trung tâm Y tế',
  'Trung tâm Công tác xã hội tỉnh',
  'Trung tâm Trợ giúp pháp lý nhà nước tỉnh',
  'Hội Liên hiệp Phụ nữ',
  'Ngân hàng Chính sách xã hội',
  'UBND xã/phường',
];

/** First three digits of the 12-digit citizen ID (Circular 59/2021/TT-BCA) by province code. */
export const CCCD_PROVINCE: Record<string, string> = { BN: '027', DT: '087', HUE: '046' };
