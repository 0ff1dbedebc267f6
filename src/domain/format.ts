/**
 * Numbers as a Vietnamese reader expects them (`vi-VN`): `1.234.567`, `50,0%`. The pane, the
 * staff page, the upload page and the messages all format through here, so a figure reads the
 * same everywhere. English text uses `en-GB` (`1,234,567`, `50.0%`).
 */
export type NumberLocale = 'vi' | 'en';

const INTEGER = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };
const PERCENT = {
  vi: new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** `1.234.567` (vi) / `1,234,567` (en); `—` for null or not a number. */
export function formatNumber(value: number | null | undefined, locale: NumberLocale = 'vi'): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : INTEGER[locale].format(value);
}

/** A percentage given as 0–100 with one decimal: `50,0%` (vi) / `50.0%` (en); `—` when empty
 *  (an empty denominator is neither 0 % nor 100 %, docs/workbook.md). */
export function formatPercent(value: number | null | undefined, locale: NumberLocale = 'vi'): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : PERCENT[locale].format(value / 100);
}

/** An amount in đồng: `1.234.567 đồng` / `1,234,567 dong`. */
export function formatMoney(value: number | null | undefined, locale: NumberLocale = 'vi'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${INTEGER[locale].format(value)} ${locale === 'vi' ? 'đồng' : 'dong'}`;
}
