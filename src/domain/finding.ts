import { SHEET, cellAddress, columnLetter } from './sheet';

/** Severity: `fatal` makes the workbook unusable, `error` blocks submission, `warning` and
 *  `info` do not (docs/rules.md). */
export type Severity = 'fatal' | 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['fatal', 'error', 'warning', 'info'];

/** One finding, in the exact shape of docs/rules.md. `row` is the 1-based Excel row;
 *  `cell`, `row` and `column` are null for workbook-level findings. */
export interface Finding {
  rule: string;
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  value: string | number | boolean | null;
  message_vi: string;
  message_en: string;
}

export interface FindingSummary {
  fatal: number;
  error: number;
  warning: number;
  info: number;
}

export function summarise(findings: readonly Finding[]): FindingSummary {
  const summary: FindingSummary = { fatal: 0, error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity] += 1;
  return summary;
}

/** True when nothing blocks submission (no fatal, no error). */
export function isSubmittable(findings: readonly Finding[]): boolean {
  return findings.every((f) => f.severity !== 'fatal' && f.severity !== 'error');
}

export interface FindingPlace {
  sheet: string | null;
  /** 0-based row and column in the sheet model, or null for a workbook-level finding. */
  row0?: number | null;
  col0?: number | null;
  field?: string | null;
}

/** Builds a finding at a cell given 0-based coordinates. */
export function makeFinding(
  rule: string,
  severity: Severity,
  place: FindingPlace,
  value: unknown,
  message_vi: string,
  message_en: string,
): Finding {
  const hasRow = place.row0 !== null && place.row0 !== undefined;
  const hasCol = place.col0 !== null && place.col0 !== undefined;
  return {
    rule,
    severity,
    sheet: place.sheet,
    cell: hasRow && hasCol ? cellAddress(place.row0 as number, place.col0 as number) : null,
    row: hasRow ? (place.row0 as number) + 1 : null,
    column: hasCol ? columnLetter(place.col0 as number) : null,
    field: place.field ?? null,
    value: findingValue(value),
    message_vi,
    message_en,
  };
}

/** Findings carry plain JSON values; dates are written dd/mm/yyyy. */
export function findingValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const dd = String(value.getUTCDate()).padStart(2, '0');
    const mm = String(value.getUTCMonth() + 1).padStart(2, '0');
    return `${dd}/${mm}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

const SEVERITY_ORDER: Record<Severity, number> = { fatal: 0, error: 1, warning: 2, info: 3 };
/** Sheets in the order a clerk fixes them: the data first, then what is computed from it. */
const SHEET_ORDER: Record<string, number> = { [SHEET.registry]: 0, [SHEET.support]: 1, [SHEET.report]: 2, [SHEET.meta]: 3 };
const sheetRank = (f: Finding): number => (f.sheet === null ? 4 : (SHEET_ORDER[f.sheet] ?? 4));

/** The group of docs/rules.md's order: fatal; errors on the registry and support log; other
 *  errors; warnings; info. */
function group(f: Finding): number {
  if (f.severity === 'error') return sheetRank(f) <= 1 ? 1 : 2;
  return f.severity === 'fatal' ? 0 : SEVERITY_ORDER[f.severity] + 1;
}

/** Stable order (docs/rules.md): errors on the registry and support log first, then other
 *  errors, then warnings, then info; within a group by sheet (registry, support log, report),
 *  row, column, rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      group(a) - group(b) ||
      sheetRank(a) - sheetRank(b) ||
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? '').length - (b.column ?? '').length ||
      (a.column ?? '').localeCompare(b.column ?? '') ||
      a.rule.localeCompare(b.rule),
  );
}
