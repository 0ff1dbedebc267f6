/**
 * What Excel stores when `Range.values` is set, by the cell's number format. Office.js passes
 * JSON values; Excel then parses a string as if it had been typed, in a locale-neutral way (the
 * Office.js reference for `Range.values`: "Locale-shaped strings … are stored as text instead
 * of as dates … use … ISO (YYYY-MM-DD)").
 *
 * Modelled, as Excel does:
 * - under the Text format `@`, a string is kept exactly as sent;
 * - otherwise a leading apostrophe is dropped and the rest kept as text; numeric-looking text
 *   becomes a number (`001182579803` -> 1182579803; thousands commas, exponent, `%`), with
 *   Excel's 15 significant digits (the rest become zeros); `TRUE`/`FALSE` become booleans;
 *   text starting with `=`, `@`, or a `+`/`-` that is not a number, becomes a formula;
 * - dates: only ISO `yyyy-mm-dd` and US `m/d/yyyy` (the invariant culture) become date serials.
 *   This part is deliberately conservative: Excel parses more (month names, two-digit years,
 *   times) and those stay text here, so no test relies on a parse Excel may not make.
 * - A string with a leading apostrophe under `@` keeps the apostrophe: whether Excel strips it
 *   in a Text cell is not documented, so the fake takes the reading that would hurt.
 * - A JavaScript number or boolean is stored as sent under any format (it is not text).
 */
import { FakeOfficeError } from './errors';

export type StoredValue = string | number | boolean;

export type Written =
  | { kind: 'clear' }
  | { kind: 'value'; value: StoredValue; numberFormat?: string }
  | { kind: 'formula'; formula: string };

export const GENERAL = 'General';
export const TEXT_FORMAT = '@';
/** What a formula reads as: the fake does not calculate, and Excel's result would not be the
 *  text the shell meant to store. */
export const FORMULA_RESULT = '#NAME?';

const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

function serialOf(year: number, month: number, day: number): number | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  const serial = (ms - EPOCH) / MS_PER_DAY;
  // Serials before 1/3/1900 are off by Excel's phantom 29/2/1900; the register has no such dates.
  return serial < 61 ? null : serial;
}

function dateOf(text: string): { serial: number; format: string } | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) {
    const serial = serialOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return serial === null ? null : { serial, format: 'yyyy-mm-dd' };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) {
    const serial = serialOf(Number(m[3]), Number(m[1]), Number(m[2]));
    return serial === null ? null : { serial, format: 'm/d/yyyy' };
  }
  return null;
}

/** Excel keeps 15 significant digits of a typed number and turns the rest into zeros. */
function fifteenDigits(digits: string, exponent: number): number {
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') return 0;
  const lead = digits.length - trimmed.length;
  const kept = trimmed.length > 15 ? trimmed.slice(0, 15) + '0'.repeat(trimmed.length - 15) : trimmed;
  return Number(`${'0'.repeat(lead)}${kept}e${exponent}`);
}

function numberOf(text: string): { value: number; numberFormat?: string } | null {
  let t = text;
  let percent = false;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trimEnd();
  }
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return null;
  const whole = m[2].replace(/,/g, '');
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return null;
  if (m[4] !== undefined && whole === '' ) return null;
  const exponent = Number(m[4] ?? 0) - fraction.length;
  let value = fifteenDigits(whole + fraction, exponent);
  if (!Number.isFinite(value)) return null;
  if (m[1] === '-') value = -value;
  if (percent) return { value: value / 100, numberFormat: '0%' };
  return { value };
}

function isGeneral(format: string): boolean {
  return format === '' || format === GENERAL;
}

/** The cell after `Range.values` sends `input` to a cell formatted `format`. */
export function coerceWrite(input: unknown, format: string): Written {
  if (input === '') return { kind: 'clear' };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new FakeOfficeError('InvalidArgument', `Not a finite number: ${input}.`);
    return { kind: 'value', value: input };
  }
  if (typeof input === 'boolean') return { kind: 'value', value: input };
  if (input instanceof Date) return coerceWrite(JSON.parse(JSON.stringify(input)) as string, format);
  if (typeof input !== 'string') throw new FakeOfficeError('InvalidArgument', `Values must be strings, numbers or booleans, not ${JSON.stringify(input)}.`);
  if (format === TEXT_FORMAT) return { kind: 'value', value: input };
  if (input.startsWith("'")) return input.length === 1 ? { kind: 'clear' } : { kind: 'value', value: input.slice(1) };
  if (input.startsWith('=') || input.startsWith('@')) return { kind: 'formula', formula: input };
  const text = input.trim();
  const number = numberOf(text);
  if (number) return { kind: 'value', value: number.value, ...(number.numberFormat && isGeneral(format) ? { numberFormat: number.numberFormat } : {}) };
  if (input.startsWith('+') || input.startsWith('-')) return { kind: 'formula', formula: `=${input}` };
  if (/^(true|false)$/i.test(text)) return { kind: 'value', value: text.toLowerCase() === 'true' };
  const date = dateOf(text);
  if (date) return { kind: 'value', value: date.serial, ...(isGeneral(format) ? { numberFormat: date.format } : {}) };
  return { kind: 'value', value: input };
}
