/**
 * Helpers the RPT rules share: where the report sheet's cells are and how typed counts read.
 */
import { makeFinding, type Finding, type Severity } from '../finding';
import { REPORT_FIGURE_KEYS, REPORT_HEADERS, type ReportFigureKey, type ReportSheetValues } from '../model';
import { countValue } from '../reportCompare';
import { parseReportNumber } from '../reportValues';
import { SHEET, cellAddress, type CellValue } from '../sheet';
import type { RuleContext } from './types';

export const PERSON_KEYS: ReportFigureKey[] = ['total', 'male', 'female', 'under16', 'age16to18', 'adult', 'unknown_age'];
export const headerOf = (key: ReportFigureKey): string => REPORT_HEADERS[REPORT_FIGURE_KEYS.indexOf(key) + 2];
/** The shell's way to fill the report (CheckOptions.fillHint), or a neutral one. */
export function fillHint(ctx: RuleContext): { vi: string; en: string } {
  return ctx.options.fillHint ?? { vi: 'lập lại báo cáo từ sổ theo dõi', en: 'build the report again from the register' };
}

/** The report sheet when it can be checked (FMT-03 reports a missing sheet or table header). */
export function usable(ctx: RuleContext): ReportSheetValues | null {
  const values = ctx.parsed.report;
  return values.sheet && values.headerRow0 !== null ? values : null;
}

export function sheetName(values: ReportSheetValues): string {
  return values.sheet?.name ?? SHEET.report;
}

export function typedAt(values: ReportSheetValues, row0: number | undefined, col0: number | undefined): CellValue {
  if (!values.sheet || row0 === undefined || col0 === undefined) return null;
  return values.sheet.rows[row0]?.[col0] ?? null;
}

/** A typed count of a row (blank and `-` are 0), or null when unreadable or absent. */
export function countAt(values: ReportSheetValues, code: string, key: ReportFigureKey): number | null {
  const row0 = values.rows[code];
  if (row0 === undefined) return null;
  return countValue(parseReportNumber(typedAt(values, row0, values.columns[key])));
}

export function at(rule: string, severity: Severity, values: ReportSheetValues, code: string, key: ReportFigureKey | 'notes', value: CellValue, vi: string, en: string): Finding {
  const row0 = values.rows[code] ?? null;
  const col0 = values.columns[key] ?? null;
  const place = row0 !== null && col0 !== null ? cellAddress(row0, col0) : null;
  const where = place ? `Ô ${place} (mục ${code})` : `Mục ${code}`;
  const whereEn = place ? `Cell ${place} (item ${code})` : `Item ${code}`;
  return makeFinding(rule, severity, { sheet: sheetName(values), row0, col0, field: key }, value, `${where}: ${vi}`, `${whereEn}: ${en}`);
}

