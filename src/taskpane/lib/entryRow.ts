/**
 * The entry form's values (text as typed, codes as their Vietnamese label) to registry cell
 * values: dates typed dd/mm/yyyy become real dates, a 4-digit birth year is written as the text
 * `1990` (a number would show as `12/06/1905` in a workbook whose birth column is formatted
 * `dd/mm/yyyy`; text shows as typed under any format and still reads as that year), counts
 * become numbers. Anything unreadable is written as typed, so Check names it (REG-03) rather
 * than the form silently dropping it.
 */
import { parseDateCell } from '../../domain/dates';
import { REGISTRY_COLUMNS, type RegistryKey } from '../../domain/schema/registry';
import type { CellValue } from '../../domain/sheet';

export type FormValues = Partial<Record<RegistryKey, string>>;

export function formToCells(values: FormValues): Partial<Record<RegistryKey, CellValue>> {
  const cells: Partial<Record<RegistryKey, CellValue>> = {};
  for (const column of REGISTRY_COLUMNS) {
    const text = (values[column.key] ?? '').trim();
    if (text === '') {
      cells[column.key] = null;
      continue;
    }
    if (column.kind === 'date' || (column.kind === 'birth' && !/^\d{4}$/.test(text))) {
      const parsed = parseDateCell(text);
      cells[column.key] = parsed && parsed.ok ? parsed.date : text;
    } else if (column.kind === 'int' && /^\d+$/.test(text)) {
      cells[column.key] = Number(text);
    } else {
      cells[column.key] = text;
    }
  }
  return cells;
}

export const NEEDS_SEPARATOR = '; ';

export function splitNeedsText(text: string | undefined): string[] {
  return (text ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
