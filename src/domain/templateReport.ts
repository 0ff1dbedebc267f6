/**
 * The print dress of a `Báo cáo quý` grid made by `reportSheetGrid` (the template, `vr fill`'s
 * workbook and each unit's sheet of the consolidated workbook): official header and signature
 * blocks, the title across the table, the table bordered with its header bold and wrapped,
 * section headings across the row, amounts with thousands separators, A4 landscape one page
 * wide with the table header repeated on every page.
 */
import { PERCENT_CODES } from './report';
import { REPORT_LAYOUT, REPORT_PERCENT_FORMAT } from './reportSheet';
import type { CellValue } from './sheet';
import { LINE_HEIGHT, SIGNATURE_ROWS, linesOf, officialHeader, signatureBlock, type CellRange, type CellStyle, type SheetDress } from './templatePrint';

/** Column widths (characters). Eleven columns do not fit A4 portrait at a legible size: one
 * page wide on A4 landscape they print at 8 pt or more (the fit scale is 74 % when LibreOffice
 * measures with a fallback font whose digits are 7 pt, 97 % with Calibri). */
export const REPORT_COLUMN_WIDTHS = [7, 40, 9, 7, 7, 8, 9, 9, 8, 14, 26];

export const AMOUNT_FORMAT = '#,##0';

/** Excel's tallest row, in points. */
const MAX_ROW_HEIGHT = 409;

export function reportSheetDress(grid: CellValue[][]): SheetDress {
  const L = REPORT_LAYOUT;
  const C = L.columns;
  const widths = REPORT_COLUMN_WIDTHS;
  const width = widths.length;
  const header = officialHeader({ parent: '', issuer: '' }, '', width).dress;
  const signatureTop = grid.length - SIGNATURE_ROWS;
  const signature = signatureBlock(width, signatureTop).dress;
  const tableHeader0 = grid.findIndex((row) => row[C.code] === 'Mã');
  const merges: CellRange[] = [...header.merges, { row0: L.titleRow0, col0: 0, row1: L.titleRow0, col1: width - 1 }, ...signature.merges];
  const styles: CellStyle[] = [
    ...header.styles,
    { row0: L.titleRow0, col0: 0, bold: true, size: 13, align: 'center' },
    ...Object.values(L.headerRows0).map((row0) => ({ row0, col0: L.valueCol0, align: 'left' as const })),
    { row0: L.periodRow0, col0: L.valueCol0, align: 'left' },
    ...signature.styles,
  ];
  const rowHeights: SheetDress['rowHeights'] = [];
  const borders: CellRange[] = [];
  if (tableHeader0 >= 0) {
    borders.push({ row0: tableHeader0, col0: 0, row1: signatureTop - 1, col1: width - 1 });
    for (let c = 0; c < width; c++) styles.push({ row0: tableHeader0, col0: c, bold: true, align: 'center', wrap: true });
    rowHeights.push({ row0: tableHeader0, height: 3 * LINE_HEIGHT });
    for (let r = tableHeader0 + 1; r < signatureTop; r++) {
      const row = grid[r] ?? [];
      const label = row[C.label];
      if (row[C.code] === null && typeof label === 'string') {
        // A section heading reads across the row instead of wrapping in `Chỉ tiêu`.
        merges.push({ row0: r, col0: C.label, row1: r, col1: width - 1 });
        styles.push({ row0: r, col0: C.label, bold: true });
        continue;
      }
      styles.push({ row0: r, col0: C.amount, numFmt: AMOUNT_FORMAT });
      if ((PERCENT_CODES as readonly CellValue[]).includes(row[C.code])) styles.push({ row0: r, col0: C.total, numFmt: REPORT_PERCENT_FORMAT });
      const lines = Math.max(
        typeof label === 'string' ? linesOf(label, widths[C.label]) : 1,
        typeof row[C.notes] === 'string' ? linesOf(row[C.notes] as string, widths[C.notes]) : 1,
      );
      if (lines > 1) rowHeights.push({ row0: r, height: Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT) });
    }
  }
  return {
    merges,
    styles,
    wrapColumns: [C.label, C.notes],
    borders,
    rowHeights,
    print: { orientation: 'landscape', titleRows0: tableHeader0 >= 0 ? [tableHeader0, tableHeader0] : undefined },
  };
}
