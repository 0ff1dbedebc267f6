import {
  ageAt,
  dateToExcelSerial,
  excelSerialToDate,
  formatDate,
  isUnknownBirth,
  parseBirthCell,
  parseDateCell,
  parseIsoDay,
  todayUtc,
} from '../../src/domain/dates';
import { UserError } from '../../src/domain/errors';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('Excel serials', () => {
  it('maps serial 1 to 01/01/1900 and 59 to 28/02/1900', () => {
    expect(excelSerialToDate(1)).toEqual(utc(1900, 1, 1));
    expect(excelSerialToDate(59)).toEqual(utc(1900, 2, 28));
  });

  it('skips the phantom 29/02/1900 (Lotus leap-year bug): serial 61 is 01/03/1900', () => {
    expect(excelSerialToDate(61)).toEqual(utc(1900, 3, 1));
    expect(dateToExcelSerial(utc(1900, 3, 1))).toBe(61);
    expect(dateToExcelSerial(utc(1900, 2, 28))).toBe(59);
  });

  it('maps modern serials both ways and drops the time of day', () => {
    expect(excelSerialToDate(43831)).toEqual(utc(2020, 1, 1));
    expect(excelSerialToDate(43831.75)).toEqual(utc(2020, 1, 1));
    expect(dateToExcelSerial(utc(2020, 9, 30))).toBe(44104);
  });

  it('round-trips every day of a decade', () => {
    for (let s = 36526; s < 40179; s += 7) expect(dateToExcelSerial(excelSerialToDate(s))).toBe(s);
  });

  it('rejects the phantom serial 60, zero, negatives and NaN as cell values', () => {
    expect(parseDateCell(60)).toEqual({ ok: false });
    expect(parseDateCell(0)).toEqual({ ok: false });
    expect(parseDateCell(-5)).toEqual({ ok: false });
    expect(parseDateCell(Number.NaN)).toEqual({ ok: false });
    expect(parseDateCell(44104)).toEqual({ ok: true, date: utc(2020, 9, 30) });
  });
});

describe('parseDateCell', () => {
  it('reads dd/mm/yyyy day first, never month first', () => {
    expect(parseDateCell('03/04/2020')).toEqual({ ok: true, date: utc(2020, 4, 3) });
    expect(parseDateCell('13/04/2020')).toEqual({ ok: true, date: utc(2020, 4, 13) });
    expect(parseDateCell('04/13/2020')).toEqual({ ok: false });
  });

  it('accepts d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy and spaces around', () => {
    expect(parseDateCell('3/4/2020')).toEqual({ ok: true, date: utc(2020, 4, 3) });
    expect(parseDateCell('03-04-2020')).toEqual({ ok: true, date: utc(2020, 4, 3) });
    expect(parseDateCell(' 03.04.2020 ')).toEqual({ ok: true, date: utc(2020, 4, 3) });
  });

  it('rejects days that do not exist', () => {
    expect(parseDateCell('31/02/2020')).toEqual({ ok: false });
    expect(parseDateCell('29/02/2019')).toEqual({ ok: false });
    expect(parseDateCell('29/02/2020')).toEqual({ ok: true, date: utc(2020, 2, 29) });
    expect(parseDateCell('00/01/2020')).toEqual({ ok: false });
  });

  it('rejects words, a year alone and booleans', () => {
    expect(parseDateCell('hôm qua')).toEqual({ ok: false });
    expect(parseDateCell('2020')).toEqual({ ok: false });
    expect(parseDateCell(true)).toEqual({ ok: false });
  });

  it('returns null for blank cells', () => {
    expect(parseDateCell(null)).toBeNull();
    expect(parseDateCell('   ')).toBeNull();
  });

  it('keeps Date cells at UTC midnight', () => {
    expect(parseDateCell(new Date(Date.UTC(2020, 8, 30, 13, 5)))).toEqual({ ok: true, date: utc(2020, 9, 30) });
    expect(parseDateCell(new Date(Number.NaN))).toEqual({ ok: false });
  });
});

describe('parseBirthCell', () => {
  it('takes a 4-digit year alone as 1 July of that year', () => {
    expect(parseBirthCell('1998')).toEqual({ ok: true, value: { date: utc(1998, 7, 1), yearOnly: true } });
    expect(parseBirthCell(1998)).toEqual({ ok: true, value: { date: utc(1998, 7, 1), yearOnly: true } });
  });

  it('reads full dates as exact', () => {
    expect(parseBirthCell('15/08/2004')).toEqual({ ok: true, value: { date: utc(2004, 8, 15), yearOnly: false } });
    expect(parseBirthCell(38214)).toEqual({ ok: true, value: { date: utc(2004, 8, 15), yearOnly: false } });
  });

  it('rejects invalid dates and returns null when blank', () => {
    expect(parseBirthCell('31/02/2004')).toEqual({ ok: false });
    expect(parseBirthCell('98')).toEqual({ ok: false });
    expect(parseBirthCell(null)).toBeNull();
  });
});

describe('formatting and ages', () => {
  it('formats dd/mm/yyyy', () => {
    expect(formatDate(utc(2020, 4, 3))).toBe('03/04/2020');
  });

  it('parses --today yyyy-mm-dd and refuses anything else with a bilingual UserError', () => {
    expect(parseIsoDay('2020-10-10')).toEqual(utc(2020, 10, 10));
    expect(() => parseIsoDay('10/10/2020')).toThrow(UserError);
    expect(() => parseIsoDay('2020-02-30')).toThrow(/yyyy-mm-dd/);
  });

  it('gives today as the local calendar day at UTC midnight', () => {
    const now = new Date(2020, 5, 15, 23, 30);
    expect(todayUtc(now)).toEqual(utc(2020, 6, 15));
  });

  it('counts whole years, a birthday on the day counts', () => {
    const birth = { date: utc(2004, 8, 15), yearOnly: false };
    expect(ageAt(birth, utc(2020, 8, 14))).toBe(15);
    expect(ageAt(birth, utc(2020, 8, 15))).toBe(16);
    expect(ageAt({ date: utc(2004, 7, 1), yearOnly: true }, utc(2020, 6, 30))).toBe(15);
  });
});

describe('isUnknownBirth: "Không rõ" is how an unknown date of birth is written (docs/workbook.md)', () => {
  it('accepts the spellings a clerk types, without case or diacritics', () => {
    for (const text of ['Không rõ', 'không rõ', 'KHONG RO', 'Chưa rõ', 'Không rõ ngày sinh', 'Unknown', 'Không rõ'.normalize('NFD')]) {
      expect([text, isUnknownBirth(text)]).toEqual([text, true]);
    }
  });

  it('is not a date, a year, a blank or another sentence', () => {
    for (const value of ['', null, 1990, '1990', '12/03/2005', 'khoảng 1995', 'không rõ lắm, khoảng 30 tuổi']) {
      expect([value, isUnknownBirth(value)]).toEqual([value, false]);
    }
  });
});
