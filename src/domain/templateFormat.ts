/**
 * The template's cell format for text and its print set-up per sheet, apart from the template
 * builder (template.ts, which needs the report's rows): the Office.js shell, loaded with the pane's
 * first screen, needs these two only.
 */
import type { TemplateSheet } from './template';
import type { PrintSetup } from './templatePrint';

/** Page margins of every printed sheet, in inches (Decree 30/2020's A4 layout leaves room to
 *  bind on the left): the .xlsx writer and the Office.js shell both use them. */
export const PRINT_MARGINS_INCHES = { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } as const;

/** Excel's Text number format: a cell keeps what is typed, leading zeros included. */
export const TEXT_FORMAT = '@';

/** How a template sheet prints beyond A4 paper: its dress's set-up (the report), or landscape
 *  with the header row on every page for a list with a table (the register, the support log);
 *  null for the others. Both shells (exceljs and Office.js) apply this. */
export function printSetupOf(sheet: Pick<TemplateSheet, 'dress' | 'table'>): PrintSetup | null {
  if (sheet.dress) return sheet.dress.print;
  if (sheet.table) return { orientation: 'landscape', titleRows0: [sheet.table.headerRow0, sheet.table.headerRow0] };
  return null;
}
