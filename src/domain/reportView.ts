/**
 * The quarterly report as a workbook holds it, as plain rows a read-only view can show (the staff
 * page's view of a submission): every row of the plan's report in order, with the figures exactly
 * as typed or filled in the sheet, never recomputed. Rows are found by their code and columns by
 * their header, as the rules read them (reportSheet.ts).
 */
import { REPORT_FIGURE_KEYS, type ReportFigureKey, type ReportRowDef, type ReportSheetValues } from './model';
import { reportRowDefs } from './report';
import type { Profile } from './schema/profile';
import { isBlank, type CellValue } from './sheet';

/** A figure as the sheet holds it: a number, a text (a typed `—`, `8/10`), or null when empty. */
export type ViewValue = number | string | null;

export interface ReportViewRow {
  code: string;
  label_vi: string;
  label_en: string;
  kind: ReportRowDef['kind'];
  /** False when the sheet has no row with this code. */
  present: boolean;
  figures: Record<ReportFigureKey, ViewValue>;
  notes: string | null;
}

export interface ReportView {
  /** The header values as found (`Người lập biểu`, `Ngày lập`, …), as text. */
  header: { unit_name: string | null; province: string | null; preparer: string | null; prepared_date: string | null };
  rows: ReportViewRow[];
  /** True when some figure of a count or percent row is filled in. */
  filled: boolean;
  /** False when the workbook has no readable report table (FMT-03 says why). */
  found: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function asText(value: CellValue | undefined): string | null {
  if (value === null || value === undefined || isBlank(value)) return null;
  if (value instanceof Date) return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  return String(value).trim();
}

function asValue(value: CellValue | undefined): ViewValue {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return asText(value);
}

export function reportView(values: ReportSheetValues, profile: Pick<Profile, 'law'>): ReportView {
  const sheet = values.sheet;
  const cell = (row0: number | undefined, col0: number | undefined): CellValue | undefined =>
    sheet && row0 !== undefined && col0 !== undefined ? sheet.rows[row0]?.[col0] : undefined;
  let filled = false;
  const rows = reportRowDefs(profile).map((def): ReportViewRow => {
    const row0 = values.rows[def.code];
    const figures = Object.fromEntries(REPORT_FIGURE_KEYS.map((key) => [key, asValue(cell(row0, values.columns[key]))])) as Record<ReportFigureKey, ViewValue>;
    if ((def.kind === 'count' || def.kind === 'percent') && Object.values(figures).some((v) => v !== null)) filled = true;
    return {
      code: def.code,
      label_vi: def.label_vi,
      label_en: def.label_en,
      kind: def.kind,
      present: row0 !== undefined,
      figures,
      notes: asText(cell(row0, values.columns.notes)),
    };
  });
  const h = values.header;
  return {
    header: { unit_name: asText(h.unit_name), province: asText(h.province), preparer: asText(h.preparer), prepared_date: asText(h.prepared_date) },
    rows,
    filled,
    found: values.headerRow0 !== null && values.columns.code !== undefined,
  };
}
