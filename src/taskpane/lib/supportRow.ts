/**
 * The support form's row: typed values to support-log cells, and the check of that one row by
 * the workbook check itself (REG-01..04 on the log's fields, SUP-01/02/04/05/06): the row is
 * placed where it will be written, the whole workbook is checked as Check would, and the
 * findings of that row are kept. No rule is re-implemented here.
 */
import '../../profiles/officialAll';
import { checkWorkbook } from '../../domain/check';
import { parseDateCell } from '../../domain/dates';
import type { Finding } from '../../domain/finding';
import type { ParsedWorkbook } from '../../domain/model';
import { SUPPORT_COLUMNS, type SupportKey } from '../../domain/schema/registry';
import { SHEET, type CellValue, type WorkbookModel } from '../../domain/sheet';
import type { CellWrite } from '../../excel/shell';

export type SupportFormValues = Partial<Record<SupportKey, string>>;

export function supportFormToCells(values: SupportFormValues): Record<SupportKey, CellValue> {
  const cells = {} as Record<SupportKey, CellValue>;
  for (const column of SUPPORT_COLUMNS) {
    const text = (values[column.key] ?? '').trim();
    if (text === '') cells[column.key] = null;
    else if (column.kind === 'date') {
      const parsed = parseDateCell(text);
      cells[column.key] = parsed && parsed.ok ? parsed.date : text;
    } else if (column.kind === 'int') {
      // 500000, 500.000 and 500 000 are the same amount in Vietnamese writing.
      const digits = text.replace(/[.\s]/g, '');
      cells[column.key] = /^-?\d+$/.test(digits) ? Number(digits) : text;
    } else cells[column.key] = text;
  }
  return cells;
}

/** Where the support log's columns are and the 0-based row a new entry goes to. */
export interface SupportPlace {
  columns: Partial<Record<SupportKey, number>>;
  row0: number;
}

export function supportPlace(parsed: ParsedWorkbook): SupportPlace | null {
  const log = parsed.support;
  if (!log.sheet || log.headerRow0 === null) return null;
  const last = log.records.reduce((max, r) => Math.max(max, r.row0), log.headerRow0);
  return { columns: log.columns, row0: last + 1 };
}

export function supportWrites(place: SupportPlace, cells: Record<SupportKey, CellValue>): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const [key, col0] of Object.entries(place.columns) as [SupportKey, number][]) writes.push({ row0: place.row0, col0, value: cells[key] ?? null });
  return writes;
}

/** The findings Check would give this row once written. */
export function checkSupportRow(workbook: WorkbookModel, place: SupportPlace, cells: Record<SupportKey, CellValue>, today: Date): Finding[] {
  const sheets = workbook.sheets.map((s) => {
    if (s.name !== SHEET.support) return s;
    const rows = s.rows.slice();
    while (rows.length <= place.row0) rows.push([]);
    const row = (rows[place.row0] ?? []).slice();
    for (const w of supportWrites(place, cells)) {
      while (row.length <= w.col0) row.push(null);
      row[w.col0] = w.value;
    }
    rows[place.row0] = row;
    return { ...s, rows };
  });
  const { findings } = checkWorkbook({ sheets }, { today });
  return findings.filter((f) => f.sheet === SHEET.support && f.row === place.row0 + 1);
}
