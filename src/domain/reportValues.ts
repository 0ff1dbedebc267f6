/**
 * Reading a figure typed into the report: clerks type `1.500.000` (Vietnamese thousands),
 * `87,5` or `87,5 %` (decimal comma), `—` for "no denominator", or leave the cell empty.
 */
import type { CellValue } from './sheet';

export type ParsedNumber =
  | { kind: 'blank' }
  | { kind: 'dash' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string };

const DASHES = new Set(['—', '–', '-', '--', 'n/a', 'na', 'x', 'không có', 'khong co']);

export function parseReportNumber(value: CellValue): ParsedNumber {
  if (value === null || value === undefined) return { kind: 'blank' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'text', text: String(value) };
  if (typeof value !== 'string') return { kind: 'text', text: String(value) };
  const trimmed = value.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (trimmed === '') return { kind: 'blank' };
  if (DASHES.has(trimmed.toLowerCase())) return { kind: 'dash' };
  const text = trimmed.replace(/\s*%$/, '').replace(/\s+/g, ' ');
  if (/^-?\d+$/.test(text)) return { kind: 'number', value: Number(text) };
  // One separator repeated before groups of three digits: thousands (`1.500.000`, `1,500`, `1 500`).
  const thousands = /^-?\d{1,3}([., ])\d{3}(?:\1\d{3})*$/.exec(text);
  if (thousands) return { kind: 'number', value: Number(text.split(thousands[1]).join('')) };
  // Thousands and a decimal part: `1.234,5` or `1,234.5`.
  const mixed = /^-?\d{1,3}(?:([.,])\d{3})+([.,])\d+$/.exec(text);
  if (mixed && mixed[1] !== mixed[2]) return { kind: 'number', value: Number(text.split(mixed[1]).join('').replace(',', '.')) };
  if (/^-?\d+[.,]\d+$/.test(text)) return { kind: 'number', value: Number(text.replace(',', '.')) };
  return { kind: 'text', text: trimmed };
}
