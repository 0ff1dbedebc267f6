/** The workbook state shared by every proxy of one fake Excel. */
import type { Box } from './address';
import type { SheetState, TableState } from './state';

export interface Book {
  sheets: SheetState[];
  tables: TableState[];
  activeId: string | null;
  selection: { sheetId: string; box: Box } | null;
  newId(): string;
}

/** Excel compares sheet (and table) names without regard to case. */
export function sameName(a: string, b: string): boolean {
  return a.normalize('NFC').toLocaleLowerCase() === b.normalize('NFC').toLocaleLowerCase();
}
