import fc from 'fast-check';
import { cleanText, decodeLegacy, detectLegacyEncoding, isFormulaLike, isVietnameseSyllable } from '../../src/domain/text';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Lò', 'Sùng', 'Giàng', 'Thạch', 'Quàng', 'Hà', 'Đinh', 'Trịnh', 'Lường'];
const MIDDLE = ['Thị', 'Văn', 'Đức', 'Ngọc', 'Minh', 'Thu', 'Thanh', 'Hữu', 'Quốc', 'Xuân', 'Kim', 'Thuý', 'Thúy', 'Mỹ', 'Bảo', 'A', 'Seo', 'Thị Mỹ', 'Hoài'];
const GIVEN = ['Hoa', 'Lan', 'Hằng', 'Trang', 'Nhung', 'Huyền', 'Thảo', 'Yến', 'Ngọc', 'Phương', 'Hùng', 'Dũng', 'Tuấn', 'Quỳnh', 'Khuê', 'Nguyệt', 'Tuyết', 'Hoà', 'Hòa', 'Khoa', 'Thuỷ', 'Thủy', 'Oanh', 'Ánh', 'Hiếu', 'Cường', 'Khánh', 'Huế', 'Quyên', 'Giang', 'Dịu', 'Mơ', 'Súa', 'Páo', 'Chư', 'Ưng', 'Ước', 'Loan', 'Ngoãn'];
const PLACES = ['Phường Đông Ngàn', 'Xã Tương Giang', 'Thị trấn Lim', 'Xã Tân Hộ Cơ', 'Phường Hương Vân', 'Thôn Đông Khê, xã Phù Khê', 'Số 12 ngõ 3, phố Nguyễn Văn Cừ'];
const ENGLISH = ['Hello world', 'John Smith', 'Bangkok, Thailand', 'See attached report (2020)', 'N/A', 'Passport C1234567', 'Phone +84 912 345 678', 'Ms. Jane O\'Neil'];
const FOREIGN = ['José Müller', 'Peña', 'Café au lait', 'Zoë Brontë', 'Ångström', 'François Ç', 'São Paulo', 'Łódź', '北京', 'Москва', 'Sihanoukville', 'Phnom Penh'];

describe('detectLegacyEncoding', () => {
  it.each([
    ['NguyÔn V¨n An', 'TCVN3', 'Nguyễn Văn An'],
    ['Hµ Néi', 'TCVN3', 'Hà Nội'],
    ['TrÇn ThÞ Thu H»ng', 'TCVN3', 'Trần Thị Thu Hằng'],
    ['§oµn ThÞ Hoa', 'TCVN3', 'Đoàn Thị Hoa'],
    ['Lª V¨n T¸m', 'TCVN3', 'Lê Văn Tám'],
    ['D\u00AD¬ng ThÞ Mai', 'TCVN3', 'Dương Thị Mai'],
    ['Nguyeãn Thò Hoa', 'VNI', 'Nguyễn Thị Hoa'],
    ['Ñoaøn Vaên Huøng', 'VNI', 'Đoàn Văn Hùng'],
    ['Döông Thò Lan', 'VNI', 'Dương Thị Lan'],
    ['NGUYEÃN VAÊN AN', 'VNI', 'NGUYỄN VĂN AN'],
    ['Phöôøng Ñoâng Ngaøn', 'VNI', 'Phường Đông Ngàn'],
  ])('detects %s as %s', (text, encoding, decoded) => {
    expect(detectLegacyEncoding(text)).toBe(encoding);
    expect(decodeLegacy(text, encoding as 'TCVN3' | 'VNI')).toBe(decoded);
  });

  it.each([...FAMILY, ...PLACES, ...ENGLISH, ...FOREIGN, 'Nguyễn Thị Hoà', "H'Mông", 'Ê Đê', 'Êban', 'Mlô', 'Ksor H\'Nhiên', ''])('leaves %s alone', (text) => {
    expect(detectLegacyEncoding(text)).toBeNull();
  });

  it('leaves NFD (decomposed) Vietnamese alone', () => {
    expect(detectLegacyEncoding('Nguyễn Thị Thuỷ Hằng'.normalize('NFD'))).toBeNull();
  });

  it('never flags valid NFC Vietnamese names, in any case (property)', () => {
    const name = fc.tuple(fc.constantFrom(...FAMILY), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN)).map((p) => p.join(' '));
    const cased = fc.tuple(name, fc.constantFrom('keep', 'upper', 'lower')).map(([n, c]) => (c === 'upper' ? n.toUpperCase() : c === 'lower' ? n.toLowerCase() : n));
    fc.assert(fc.property(cased, (n) => detectLegacyEncoding(n.normalize('NFC')) === null), { numRuns: 2000 });
  });

  it('never flags printable ASCII (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => detectLegacyEncoding(s) === null), { numRuns: 2000 });
  });

  it('recognises Vietnamese syllables, not foreign words', () => {
    for (const w of ['nguyễn', 'Thị', 'người', 'khuya', 'quỳnh', 'gì', 'giữa', 'Ước']) expect(isVietnameseSyllable(w)).toBe(true);
    for (const w of ['hello', 'müller', 'nguyôn', 'néi', 'strong']) expect(isVietnameseSyllable(w)).toBe(false);
  });
});

describe('isFormulaLike', () => {
  it.each(['=SUM(A1)', '+84912', '-1', '@cmd', '\tx', '\rx'])('flags %j', (s) => expect(isFormulaLike(s)).toBe(true));
  it.each(['Nguyễn', ' =x', '1+1', '', 'a-b'])('does not flag %j', (s) => expect(isFormulaLike(s)).toBe(false));
});

describe('cleanText', () => {
  it('normalises to NFC and trims; blank is null', () => {
    expect(cleanText('  Nguyễn '.normalize('NFD'))).toBe('Nguyễn');
    expect(cleanText('  ')).toBeNull();
    expect(cleanText(null)).toBeNull();
  });
  it('renders numbers and dates as text', () => {
    expect(cleanText(12)).toBe('12');
    expect(cleanText(new Date(Date.UTC(2020, 0, 2)))).toBe('02/01/2020');
  });
});
