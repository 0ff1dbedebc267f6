import fc from 'fast-check';
import { EXCEL_CELL_LIMIT, findPersonalData, maskPersonalData, NameIndex, safeCellText, unsafeText } from '../../src/domain/textSafety';

describe('personal data in free text (RPT-09, the consolidation masks the same runs)', () => {
  it('masks the digits of ID numbers and dates of birth, keeping separators and the rest', () => {
    expect(maskPersonalData('CCCD 001234567890, SN: 12/03/2010, CMND 123.456 789')).toBe('CCCD xxxxxxxxxxxx, SN: xx/xx/xxxx, CMND xxx.xxx xxx');
    expect(maskPersonalData('năm sinh 1998')).toBe('năm sinh xxxx');
  });

  it('leaves other numbers alone: amounts with thousands separators, case IDs, plain dates, years, fractions', () => {
    const text = 'Kinh phí 150.000.000 đồng, hồ sơ 22366-2025-0001, ngày 15/09/2020, năm 2020, 8/10 xã, 12345678';
    expect(findPersonalData(text)).toEqual([]);
    expect(maskPersonalData(text)).toBe(text);
  });

  it('finds a run that is part of a word boundary only (no digits around it)', () => {
    expect(findPersonalData('A1234567890123').map((r) => r.kind)).toEqual(['digits']); // 13 digits
    expect(findPersonalData('(123456789)')).toEqual([{ start: 1, end: 10, kind: 'id_number' }]);
  });
});

describe('text Excel can store (FMT-08)', () => {
  it('says what is wrong and gives a safe version', () => {
    expect(unsafeText('ok\tline\n')).toBeNull();
    expect(unsafeText('a\u0000b')).toEqual({ kind: 'char', char: 'U+0000' });
    expect(unsafeText('x\uFFFE')).toEqual({ kind: 'char', char: 'U+FFFE' });
    expect(unsafeText('lone \uDC00')).toEqual({ kind: 'char', char: 'U+DC00' });
    expect(unsafeText('😀')).toBeNull();
    expect(unsafeText('a'.repeat(EXCEL_CELL_LIMIT + 1))).toEqual({ kind: 'length', length: EXCEL_CELL_LIMIT + 1 });
    expect(safeCellText('a\u0001b\uD800c')).toBe('abc');
    const clipped = safeCellText('a'.repeat(40_000));
    expect(clipped).toHaveLength(EXCEL_CELL_LIMIT);
    expect(unsafeText(clipped)).toBeNull();
  });
});

/**
 * Issue 20, red team 3: names of the registry, phone numbers in their usual Vietnamese forms,
 * full-width digits, a 13-digit run and a passport number all stayed in the consolidated
 * workbook. One detector (`findPersonalData`) serves RPT-09 and the masking.
 */
describe('personal data in free text: names, phones, passports, long runs, full-width digits', () => {
  const names = new NameIndex(['Nguyễn Thị Hoa', 'Trần Văn Bình', 'Lò Thị Thu Hà', null]);
  const masked = (text: string) => maskPersonalData(text, names);

  it('the red team’s text comes out with nothing identifying left', () => {
    expect(masked('Chị Nguyễn Thị Hoa và anh Trần Văn Bình, SĐT 0912345678 / 0987 654 321 / +84 912 345 678, hộ chiếu C1234567, mã 1234567890123, ĐT ０９１２３４５６７８')).toBe(
      'Chị *** và anh ***, SĐT xxxxxxxxxx / xxxx xxx xxx / +xx xxx xxx xxx, hộ chiếu xxxxxxxx, mã xxxxxxxxxxxxx, ĐT xxxxxxxxxx',
    );
  });

  it('names are found without case or diacritics, family + given in either order, and the given name after a word of address', () => {
    expect(masked('NGUYEN THI HOA đã về; nguyễn hoa, Hoa Nguyễn; chị Hoa; cháu Thu Hà; em Bình.')).toBe('*** đã về; ***, ***; chị ***; cháu ***; em ***.');
    // A given name alone is a word too: `hoa` (flower), `Bình` (a place) stay.
    expect(masked('Tặng hoa tại Bình Dương; Hoa Kỳ')).toBe('Tặng hoa tại Bình Dương; Hoa Kỳ');
  });

  it('phone and ID numbers in their usual forms, with dots, dashes and brackets', () => {
    for (const phone of ['0912345678', '0912.345.678', '0912-345-678', '091 234 5678', '+84912345678', '(+84) 912 345 678', '84 912 345 678', '(024) 3825 1234', '024.3825.1234']) {
      expect({ phone, masked: masked(`gọi ${phone} nhé`) }).toEqual({ phone, masked: `gọi ${phone.replace(/\d/g, 'x')} nhé` });
    }
    expect(findPersonalData('0912345678')[0].kind).toBe('phone');
    expect(findPersonalData('001234567890')[0].kind).toBe('id_number');
  });

  it('passport numbers: a letter or two and 7–8 digits, any case, with or without a space', () => {
    for (const p of ['C1234567', 'c1234567', 'B 1234567', 'N12345678', 'PA1234567']) expect(findPersonalData(`hộ chiếu ${p}.`)[0]?.kind).toBe('passport');
    expect(findPersonalData('Quý 3 2020, mục 4.1, 1234567 đồng')).toEqual([]);
  });

  it('property: any registry name, in any case or with its diacritics dropped, in any sentence, is masked', () => {
    const syllable = fc.constantFrom('Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Thị', 'Văn', 'Đức', 'Hoa', 'Bình', 'Lan', 'Hương', 'Dũng', 'Ngọc');
    const filler = fc.constantFrom('Đã hỗ trợ', 'về địa phương', 'được tiếp nhận', 'ngày 5', ';', ',', 'và');
    const strip = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    fc.assert(
      fc.property(fc.array(syllable, { minLength: 2, maxLength: 4 }), filler, filler, fc.constantFrom<(t: string) => string>((t) => t, (t) => t.toUpperCase(), (t) => t.toLowerCase(), strip), (parts, before, after, form) => {
        const name = parts.join(' ');
        const out = maskPersonalData(`${before} ${form(name)} ${after}`, new NameIndex([name]));
        expect(out).toBe(`${before} *** ${after}`);
      }),
      { numRuns: 300 },
    );
  });

  it('property: an index told which texts it will see finds in them exactly what a whole index finds', () => {
    // RPT-09 builds the index of a 100,000-person register only from name forms whose words occur
    // in the report's notes; leaving out a form that could match would let a name through.
    const syllable = fc.constantFrom('Nguyễn', 'Trần', 'Lê', 'Thị', 'Văn', 'Hoa', 'Bình', 'Thu', 'Hà', 'Lan');
    const name = fc.array(syllable, { minLength: 1, maxLength: 4 }).map((p) => p.join(' '));
    const word = fc.oneof(syllable, fc.constantFrom('chị', 'cháu', 'nạn nhân', 'NN', 'bà', 'đã', 'về', ',', 'HOA', 'nguyen', '0912345678'));
    const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 6 }), fc.array(text, { minLength: 1, maxLength: 3 }), (people, texts) => {
        const whole = new NameIndex(people);
        const narrowed = new NameIndex(people, texts);
        for (const t of texts) expect(narrowed.find(t)).toEqual(whole.find(t));
      }),
      { numRuns: 500 },
    );
  });

  it('property: a run of 9 or more digits, in any grouping or in full-width digits, never survives the masking', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 16 }).filter((d) => d[0] !== 0 || d.length > 0);
    const sep = fc.constantFrom('', ' ', '.', '-');
    fc.assert(
      fc.property(digits, fc.array(sep, { minLength: 16, maxLength: 16 }), fc.boolean(), (ds, seps, wide) => {
        let text = ds.map((d, i) => (i === 0 ? '' : seps[i]) + String(d)).join('');
        if (/^[1-9]\d{0,2}(?:[.,]\d{3})+$/.test(text)) return; // an amount, kept on purpose
        if (wide) text = text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
        const out = maskPersonalData(`Số ${text} đã ghi`);
        expect(out.replace(/\D/g, '').length).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('masking is idempotent and leaves clean text as it is', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (t) => {
        const once = masked(t);
        expect(masked(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
    expect(masked('Không có gì đặc biệt trong quý.')).toBe('Không có gì đặc biệt trong quý.');
  });
});
