/**
 * Dates as the domain uses them: UTC midnight `Date`s, read from Excel serials, `Date` cells or
 * Vietnamese text (`dd/mm/yyyy`, never month first), written as `dd/mm/yyyy` (docs/workbook.md).
 */
import { UserError } from './errors';
import { formatDate } from './dayFormat';

export { formatDate } from './dayFormat';
import type { DateValue } from './model';
import type { CellValue } from './sheet';

const DAY_MS = 86_400_000;
/** Excel's 1900 date system counts 1900-02-29, a day that never existed (Lotus 1-2-3 bug):
 *  serial 60 is that phantom day, serials from 61 on are one day ahead of a true count. */
const EPOCH_AFTER_LEAP_BUG = Date.UTC(1899, 11, 30);
const EPOCH_BEFORE_LEAP_BUG = Date.UTC(1899, 11, 31);
const PHANTOM_LEAP_DAY = 60;
/** 31/12/9999, Excel's last date. */
const MAX_SERIAL = 2_958_465;

/** Excel serial (1900 system; a fraction is a time of day and is dropped) to UTC midnight.
 *  Serial 60 (the phantom 29/02/1900) maps to 28/02/1900. */
export function excelSerialToDate(serial: number): Date {
  const day = Math.floor(serial);
  if (day >= 61) return new Date(EPOCH_AFTER_LEAP_BUG + day * DAY_MS);
  if (day === PHANTOM_LEAP_DAY) return new Date(Date.UTC(1900, 1, 28));
  return new Date(EPOCH_BEFORE_LEAP_BUG + day * DAY_MS);
}

/** UTC day to Excel serial (1900 system), the inverse of `excelSerialToDate` for real days. */
export function dateToExcelSerial(date: Date): number {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (day >= Date.UTC(1900, 2, 1)) return Math.round((day - EPOCH_AFTER_LEAP_BUG) / DAY_MS);
  return Math.round((day - EPOCH_BEFORE_LEAP_BUG) / DAY_MS);
}

/** A real calendar day, or null (31/02/2020 is not a day). */
export function makeUtcDate(year: number, month: number, day: number): Date | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

// Day first always (Vietnamese usage); separators / - . ; an optional time of day is ignored.
const DMY = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
// ISO year-month-day is unambiguous (year first), so it is accepted too.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const YEAR = /^\d{4}$/;

export type DateParse = { ok: true; date: Date } | { ok: false } | null;
export type BirthParse = { ok: true; value: DateValue } | { ok: false } | null;

function parseDateText(text: string): Date | null {
  let m = DMY.exec(text);
  if (m) return makeUtcDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = ISO.exec(text);
  if (m) return makeUtcDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** A date cell: `Date` (exceljs, UTC midnight; a time of day is dropped), Excel serial
 *  (Office.js values), or text `dd/mm/yyyy` (also `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`).
 *  Null when blank, `{ok:false}` when not a real date. */
export function parseDateCell(value: CellValue): DateParse {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const t = value.getTime();
    if (!Number.isFinite(t)) return { ok: false };
    return { ok: true, date: new Date(t - (((t % DAY_MS) + DAY_MS) % DAY_MS)) };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value >= MAX_SERIAL + 1) return { ok: false };
    if (Math.floor(value) === PHANTOM_LEAP_DAY) return { ok: false };
    return { ok: true, date: excelSerialToDate(value) };
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    const date = parseDateText(text);
    return date ? { ok: true, date } : { ok: false };
  }
  return { ok: false };
}

/** The date format of cells that carry dates and dates only. */
export const DATE_FORMAT = 'dd/mm/yyyy';

/** The serials a date-formatted birth cell holds when a year of birth was typed alone: 1900–2100.
 *  As days they are 14/03/1905–30/09/1905, births no rule accepts (over the profiles' maximum
 *  age at any receipt date the plans cover), so reading them as years loses no real birth date. */
const YEAR_SERIAL_MIN = 1900;
const YEAR_SERIAL_MAX = 2100;

/**
 * The birth column's number format: a year typed alone shows as the year (`1990` would read
 * `12/06/1905` under `dd/mm/yyyy`); every other serial shows `dd/mm/yyyy`. `parseBirthCell`
 * reads the same band as a year, so what the clerk sees is what is counted.
 */
export const BIRTH_FORMAT = `[<${YEAR_SERIAL_MIN}]dd/mm/yyyy;[<=${YEAR_SERIAL_MAX}]0;dd/mm/yyyy`;

/** UTC midnight of the first serial after the year band (01/10/1905): a `Date` birth from here
 *  on is a day, not a year. */
export const FIRST_BIRTH_DAY_MS = Date.UTC(1905, 9, 1);

function yearAlone(year: number): BirthParse {
  return { ok: true, value: { date: new Date(Date.UTC(year, 6, 1)), yearOnly: true } };
}

/** What a clerk writes in `Ngày sinh` when the date of birth is not known at all, not even the
 *  year (docs/workbook.md): the person is counted under the report's `Chưa rõ` age group. */
export const UNKNOWN_BIRTH = 'Không rõ';

/** The spellings of "unknown" a birth cell accepts, compared without case, diacritics or spaces:
 *  `Không rõ`, `không rõ`, `khong ro`, `Chưa rõ`, `Không rõ ngày sinh`, `Unknown`. */
const UNKNOWN_BIRTH_FORMS = new Set(['khongro', 'chuaro', 'khongrongaysinh', 'chuarongaysinh', 'unknown']);

function foldWords(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z]/g, '');
}

/** True when a birth cell says the date of birth is unknown (`Không rõ`). Such a cell is filled
 *  (REG-01 is satisfied) and valid (no REG-03); the age is unknown, so the report counts the
 *  person under `Chưa rõ` and no age rule (REG-05, CHD-01) can judge it. */
export function isUnknownBirth(value: CellValue): boolean {
  return typeof value === 'string' && value.length <= 40 && UNKNOWN_BIRTH_FORMS.has(foldWords(value));
}

/** A birth cell: a date as `parseDateCell`, or a 4-digit year alone (text or number), which
 *  stands for 1 July of that year (docs/workbook.md: a year alone is not "unknown"). A `Date`
 *  read from a date-formatted cell that holds a year (serial 1900–2100, shown by
 *  `BIRTH_FORMAT` as the year) is that year too. */
export function parseBirthCell(value: CellValue): BirthParse {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999) {
    return yearAlone(value);
  }
  if (value instanceof Date && Number.isFinite(value.getTime()) && value.getTime() < FIRST_BIRTH_DAY_MS) {
    const serial = dateToExcelSerial(value);
    if (serial >= YEAR_SERIAL_MIN && serial <= YEAR_SERIAL_MAX) return yearAlone(serial);
  }
  if (typeof value === 'string' && YEAR.test(value.trim())) {
    const year = Number(value.trim());
    if (year < 1000) return { ok: false };
    return { ok: true, value: { date: new Date(Date.UTC(year, 6, 1)), yearOnly: true } };
  }
  const parsed = parseDateCell(value);
  if (parsed === null || !parsed.ok) return parsed;
  return { ok: true, value: { date: parsed.date, yearOnly: false } };
}


/** A date cell's serial as Excel shows it under the cell's format (the preview grid). */
export function formatSerial(serial: number, numFmt: string = DATE_FORMAT): string {
  if (numFmt === BIRTH_FORMAT && Number.isInteger(serial) && serial >= YEAR_SERIAL_MIN && serial <= YEAR_SERIAL_MAX) {
    return String(serial);
  }
  return formatDate(excelSerialToDate(serial));
}

/** Birth as written back: the year alone when only the year is known. */
export function formatBirth(birth: DateValue): string {
  return birth.yearOnly ? String(birth.date.getUTCFullYear()) : formatDate(birth.date);
}

/** `yyyy-mm-dd` (the CLI's `--today`) to UTC midnight; a bad value is a `UserError`. */
export function parseIsoDay(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = m ? makeUtcDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!date) {
    throw new UserError(
      'bad_argument',
      `Ngày "${text}" không hợp lệ: nhập theo dạng yyyy-mm-dd, ví dụ 2020-09-30.`,
      `Date "${text}" is not valid: use yyyy-mm-dd, e.g. 2020-09-30.`,
    );
  }
  return date;
}

/** Today as a UTC-midnight date. The calendar day is the local one of the machine running the
 *  check (a clerk in Hà Nội at 06:00 means today, not yesterday's UTC date). */
export function todayUtc(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

/** Whole years from birth to `at` (a birthday on `at` counts). */
export function ageAt(birth: DateValue, at: Date): number {
  const b = birth.date;
  let years = at.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < b.getUTCMonth() || (at.getUTCMonth() === b.getUTCMonth() && at.getUTCDate() < b.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}

/** Whole days from `from` to `to` (both UTC midnight). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}
