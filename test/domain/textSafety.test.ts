import { EXCEL_CELL_LIMIT, findPersonalData, maskPersonalData, safeCellText, unsafeText } from '../../src/domain/textSafety';

describe('personal data in free text (RPT-09, the consolidation masks the same runs)', () => {
  it('masks the digits of ID numbers and dates of birth, keeping separators and the rest', () => {
    expect(maskPersonalData('CCCD 001234567890, SN: 12/03/2010, CMND 123.456 789')).toBe('CCCD xxxxxxxxxxxx, SN: xx/xx/xxxx, CMND xxx.xxx xxx');
    expect(maskPersonalData('năm sinh 1998')).toBe('năm sinh xxxx');
  });

  it('leaves other numbers alone: amounts with thousands separators, 10/11-digit runs, plain dates, years', () => {
    const text = 'Kinh phí 150.000.000 đồng, SĐT 0912345678, mã 12345678901, ngày 15/09/2020, năm 2020, 8/10 xã';
    expect(findPersonalData(text)).toEqual([]);
    expect(maskPersonalData(text)).toBe(text);
  });

  it('finds a run that is part of a word boundary only (no digits around it)', () => {
    expect(findPersonalData('A1234567890123').map((r) => r.kind)).toEqual([]); // 13 digits
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
