/**
 * Reading `_meta` alone: what the pane needs to recognise an open register, kept apart from the
 * parse stage so the pane's first screen does not load the parser, the code lists and the rules.
 */
import { MetaSchema, type Meta } from './schema/meta';
import { findSheet, SHEET, type CellValue, type WorkbookModel } from './sheet';
import { cleanText } from './text';

/** `_meta`: key in column A, value in column B (docs/workbook.md). */
export function readMeta(workbook: WorkbookModel): { meta: Meta | null; raw: Record<string, CellValue>; cells: Record<string, number> } {
  const raw: Record<string, CellValue> = {};
  const cells: Record<string, number> = {};
  const sheet = findSheet(workbook, SHEET.meta);
  if (!sheet) return { meta: null, raw, cells };
  sheet.rows.forEach((row, row0) => {
    const key = cleanText(row?.[0] ?? null);
    if (key === null) return;
    const k = key.toLowerCase();
    if (k in raw) return;
    raw[k] = row[1] ?? null;
    cells[k] = row0;
  });
  const candidate: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value instanceof Date) candidate[key] = value.toISOString();
    else if (typeof value === 'string') candidate[key] = value.normalize('NFC').trim();
    else candidate[key] = value;
  }
  const parsed = MetaSchema.safeParse(candidate);
  return { meta: parsed.success ? parsed.data : null, raw, cells };
}
