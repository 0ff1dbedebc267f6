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

  it('never flags names built from Vietnamese syllables, any tone, in NFC or NFD (property)', () => {
    const initial = fc.constantFrom('', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x');
    const nucleus = fc.constantFrom('a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oe', 'oi', 'ôi', 'ơi', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uy', 'ưa', 'ưi', 'ưu', 'ươ', 'yê', 'iêu', 'oai', 'uôi', 'uyê', 'ươi', 'ươu', 'yêu');
    const final = fc.constantFrom('', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't');
    const tone = fc.constantFrom('', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323');
    const syllable = fc.tuple(initial, nucleus, final, tone, fc.boolean()).map(([i, n, f0, t, upper]) => {
      // ă, â, iê, yê, uô, ươ, uâ, uyê always take a final consonant (tân, tiên, muôn).
      const f = f0 === '' && /^(ă|â|iê|yê|uô|ươ|uâ|uyê)$/.test(n) ? 'n' : f0;
      const s = (i + n[0] + t + n.slice(1) + f).normalize('NFC');
      return upper ? s.charAt(0).toUpperCase() + s.slice(1) : s;
    });
    const name = fc.array(syllable, { minLength: 2, maxLength: 4 }).map((p) => p.join(' '));
    fc.assert(fc.property(name, fc.boolean(), (n, nfd) => detectLegacyEncoding(nfd ? n.normalize('NFD') : n) === null), { numRuns: 3000 });
  });

  it('detects every real name typed in TCVN3 (property, recall)', () => {
    // The TCVN3 encoder is the inverse of the decoder, one Latin-1 character at a time.
    const encode = new Map<string, string>();
    for (let code = 0xa1; code <= 0xfe; code++) {
      const ch = String.fromCharCode(code);
      const decoded = decodeLegacy(ch, 'TCVN3');
      if (decoded !== ch) encode.set(decoded, ch);
    }
    const toTcvn3 = (text: string) => [...text].map((ch) => encode.get(ch) ?? encode.get(ch.toLowerCase()) ?? ch).join('');
    const name = fc.tuple(fc.constantFrom(...FAMILY), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN)).map((p) => p.join(' '));
    fc.assert(
      fc.property(name, (n) => {
        const legacy = toTcvn3(n);
        // A changed word that still reads as Vietnamese (`Vũ` -> `Vò`) is ambiguous on its own;
        // every name with one decisive word must be detected.
        fc.pre(legacy.split(' ').some((w, i) => w !== n.split(' ')[i] && !isVietnameseSyllable(w)));
        return detectLegacyEncoding(legacy) === 'TCVN3' && decodeLegacy(legacy, 'TCVN3').toLowerCase() === n.toLowerCase();
      }),
      { numRuns: 1000 },
    );
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
