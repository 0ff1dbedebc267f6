/**
 * Typed report figures versus computed ones: what RPT-01 reports and what the pane shows side by
 * side. An empty cell differs only from a non-zero figure, so a never-filled report is flagged
 * only where the registry has something to report.
 */
import { REPORT_FIGURE_KEYS, REPORT_HEADERS, type ReportData, type ReportFigureKey, type ReportSheetValues } from './model';
import { PERCENT_CODES } from './report';
import { parseReportNumber, type ParsedNumber } from './reportValues';
import type { CellValue } from './sheet';

/** A typed count: empty and a dash (`-`, `—`, the clerk's zero) are 0; text is not a count. */
export function countValue(parsed: ParsedNumber): number | null {
  if (parsed.kind === 'number') return parsed.value;
  return parsed.kind === 'text' ? null : 0;
}

/** Figure columns a count row fills: `Kinh phí` only for rows 4.x (support). */
export function figureKeysOf(code: string): ReportFigureKey[] {
  return REPORT_FIGURE_KEYS.filter((k) => k !== 'amount' || code.startsWith('4.'));
}

export interface ReportDifference {
  code: string;
  /** The column header as the sheet shows it, e.g. `Tổng số`. */
  column: string;
  key: ReportFigureKey;
  typed: CellValue;
  computed: number | null;
  /** False when the typed cell is not a number at all (RPT-05 reports it). */
  readable: boolean;
  /** Null when the row or column is missing from the sheet. */
  row0: number | null;
  col0: number | null;
}

/** True when a typed percent says the same as the computed one (one decimal). A blank cell
 *  agrees with 0 and with `—`; `—` agrees only with `—`. A value ≤ 1 typed into a cell Excel
 *  formats as % (0.875 for 87.5 %) also agrees. */
export function percentAgrees(typed: ParsedNumber, computed: number | null): boolean {
  if (typed.kind === 'blank') return computed === null || computed === 0;
  if (typed.kind === 'dash') return computed === null;
  if (typed.kind !== 'number' || computed === null) return false;
  const near = (x: number) => Math.abs(x - computed) < 0.051;
  return near(typed.value) || (typed.value <= 1 && near(typed.value * 100));
}

/** Every computed cell whose typed value differs. An empty cell differs only from a non-zero
 *  figure, so a fresh, never-filled report shows differences only where there is something to
 *  report. */
export function reportDifferences(values: ReportSheetValues, report: ReportData): ReportDifference[] {
  const diffs: ReportDifference[] = [];
  const headerOf = (key: ReportFigureKey) => REPORT_HEADERS[REPORT_FIGURE_KEYS.indexOf(key) + 2];
  const sheet = values.sheet;
  const typedAt = (row0: number | null, col0: number | null): CellValue =>
    sheet && row0 !== null && col0 !== null ? (sheet.rows[row0]?.[col0] ?? null) : null;
  for (const [code, fig] of Object.entries(report.counts)) {
    const row0 = values.rows[code] ?? null;
    for (const key of figureKeysOf(code)) {
      const col0 = values.columns[key] ?? null;
      const computed = fig[key] ?? 0;
      const typed = typedAt(row0, col0);
      const parsed = parseReportNumber(typed);
      const typedNumber = countValue(parsed);
      if (typedNumber === computed) continue;
      diffs.push({ code, column: headerOf(key), key, typed, computed, readable: typedNumber !== null, row0, col0 });
    }
  }
  for (const code of PERCENT_CODES) {
    const computed = report.percents[code] ?? null;
    const row0 = values.rows[code] ?? null;
    const col0 = values.columns.total ?? null;
    const typed = typedAt(row0, col0);
    const parsed = parseReportNumber(typed);
    if (percentAgrees(parsed, computed)) continue;
    diffs.push({ code, column: headerOf('total'), key: 'total', typed, computed, readable: parsed.kind !== 'text', row0, col0 });
  }
  return diffs;
}
