/**
 * Examples in hints, from the pane's clock and the clerk's own province, so a clerk in 2026 in
 * Khánh Hoà reads "ví dụ 28/11/2026" and "ví dụ: nha trang", not a date of 2020 and a commune of
 * Bắc Ninh. The date's day is above 12, so it cannot be read month first.
 */
import { formatDate } from '../../domain/dates';

/** A past day of the current year (the 28th of last month; in January, today). */
export function exampleDate(today: Date): string {
  const month = today.getUTCMonth();
  return formatDate(month === 0 ? today : new Date(Date.UTC(today.getUTCFullYear(), month - 1, 28)));
}

/** A birth year a clerk might type: a young adult's. */
export function exampleBirthYear(today: Date): number {
  return today.getUTCFullYear() - 27;
}

/** A birth date a clerk might type: the example date's day and month in `exampleBirthYear`
 *  (a date of this year would read as a newborn's). */
export function exampleBirthDate(today: Date): string {
  const [day, month] = exampleDate(today).split('/');
  return `${day}/${month}/${exampleBirthYear(today)}`;
}

const LEVEL = /^(phường|xã|thị trấn|đặc khu|thị xã|thành phố|huyện|quận)\s+/iu;

/** A commune's name as a clerk types it in a search box: no level word, no diacritics. */
export function searchExample(name: string): string {
  return name
    .normalize('NFC')
    .replace(LEVEL, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
