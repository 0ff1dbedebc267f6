/**
 * The fake workbook saved as a real .xlsx (exceljs): what `Document.getFileAsync` hands the pane
 * and what a print test converts to PDF. Values, number formats, fonts, alignment, fills,
 * borders, merges, column widths, row heights, frozen rows, visibility and the page set-up are
 * written as the shell left them. Tables and dropdowns are left out: neither changes how the
 * workbook prints or reads.
 */
import ExcelJS from 'exceljs';
import type { Book } from './book';
import { DEFAULT_COLUMN_POINTS, colOf, rowOf, type CellState, type SheetState } from './state';

/** ECMA-376 paper codes of the sizes the fake accepts. */
const PAPER: Record<string, number> = { Letter: 1, Tabloid: 3, Legal: 5, Executive: 7, A3: 8, A4: 9, A5: 11, B4: 12, B5: 13 };

/** Excel column width in characters from points (Calibri 11: 7 px per digit plus 5 px padding). */
export function pointsToChars(points: number): number {
  const px = points / 0.75;
  return Math.max(0, Math.round(((px - 5) / 7) * 100) / 100);
}

const ALIGN: Record<string, ExcelJS.Alignment['horizontal']> = { Left: 'left', Center: 'center', Right: 'right', Fill: 'fill', Justify: 'justify', CenterAcrossSelection: 'centerContinuous', Distributed: 'distributed' };
const V_ALIGN: Record<string, ExcelJS.Alignment['vertical']> = { Top: 'top', Center: 'middle', Bottom: 'bottom', Justify: 'justify', Distributed: 'distributed' };
const BORDER: Record<string, ExcelJS.BorderStyle> = { Continuous: 'thin', Dash: 'dashed', DashDot: 'dashDot', DashDotDot: 'dashDotDot', Dot: 'dotted', Double: 'double', SlantDashDot: 'slantDashDot' };

function styleCell(target: ExcelJS.Cell, cell: CellState): void {
  if (cell.formula !== undefined) target.value = { formula: cell.formula.replace(/^=/, ''), result: { error: '#NAME?' } } as ExcelJS.CellFormulaValue;
  else if (cell.value !== undefined) target.value = cell.value;
  if (cell.numberFormat) target.numFmt = cell.numberFormat;
  const font: Partial<ExcelJS.Font> = {};
  if (cell.bold) font.bold = true;
  if (cell.italic) font.italic = true;
  if (cell.underline && cell.underline !== 'None') font.underline = cell.underline === 'Double' ? 'double' : 'single';
  if (cell.size) font.size = cell.size;
  if (cell.fontName) font.name = cell.fontName;
  if (Object.keys(font).length > 0) target.font = font;
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (cell.horizontalAlignment && ALIGN[cell.horizontalAlignment]) alignment.horizontal = ALIGN[cell.horizontalAlignment];
  if (cell.verticalAlignment && V_ALIGN[cell.verticalAlignment]) alignment.vertical = V_ALIGN[cell.verticalAlignment];
  if (cell.wrapText) alignment.wrapText = true;
  if (Object.keys(alignment).length > 0) target.alignment = alignment;
  if (cell.fill) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${cell.fill.replace('#', '')}` } };
  if (cell.borders) {
    const border: Partial<ExcelJS.Borders> = {};
    const side = (style: string | undefined): Partial<ExcelJS.Border> | undefined => (style && BORDER[style] ? { style: BORDER[style] } : undefined);
    const top = side(cell.borders.EdgeTop);
    const bottom = side(cell.borders.EdgeBottom);
    const left = side(cell.borders.EdgeLeft);
    const right = side(cell.borders.EdgeRight);
    if (top) border.top = top;
    if (bottom) border.bottom = bottom;
    if (left) border.left = left;
    if (right) border.right = right;
    if (Object.keys(border).length > 0) target.border = border;
  }
}

function pageSetup(sheet: SheetState): Partial<ExcelJS.PageSetup> {
  const page = sheet.page;
  const setup: Partial<ExcelJS.PageSetup> = {};
  if (page.paperSize) setup.paperSize = PAPER[page.paperSize] as ExcelJS.PaperSize;
  if (page.orientation) setup.orientation = page.orientation === 'Landscape' ? 'landscape' : 'portrait';
  if (page.zoom?.horizontalFitToPages !== undefined || page.zoom?.verticalFitToPages !== undefined) {
    setup.fitToPage = true;
    setup.fitToWidth = page.zoom.horizontalFitToPages ?? 0;
    // Excel's own default for "fit to" is 1 page tall: a shell that sets only the width would
    // squeeze a whole register onto one page, so the fake saves it that way.
    setup.fitToHeight = page.zoom.verticalFitToPages ?? 1;
  } else if (page.zoom?.scale) setup.scale = page.zoom.scale;
  if (page.centerHorizontally) setup.horizontalCentered = true;
  if (page.centerVertically) setup.verticalCentered = true;
  const inches = (pt: number | undefined, fallback: number): number => (pt === undefined ? fallback : pt / 72);
  // Excel's default ("Normal") margins, in inches, where the shell set none.
  setup.margins = {
    left: inches(page.leftMargin, 0.7),
    right: inches(page.rightMargin, 0.7),
    top: inches(page.topMargin, 0.75),
    bottom: inches(page.bottomMargin, 0.75),
    header: inches(page.headerMargin, 0.3),
    footer: inches(page.footerMargin, 0.3),
  };
  if (page.printTitleRows) setup.printTitlesRow = page.printTitleRows;
  return setup;
}

export async function bookToXlsx(book: Book): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of book.sheets) {
    const state = sheet.visibility === 'VeryHidden' ? 'veryHidden' : sheet.visibility === 'Hidden' ? 'hidden' : 'visible';
    const ws = workbook.addWorksheet(sheet.name, {
      state,
      views: sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: 0 }] : [],
      pageSetup: pageSetup(sheet),
      ...(sheet.page.centerFooter || sheet.page.centerHeader
        ? { headerFooter: { ...(sheet.page.centerFooter ? { oddFooter: `&C${sheet.page.centerFooter}` } : {}), ...(sheet.page.centerHeader ? { oddHeader: `&C${sheet.page.centerHeader}` } : {}) } }
        : {}),
    });
    for (const [c0, points] of sheet.columnWidths) if (points !== DEFAULT_COLUMN_POINTS) ws.getColumn(c0 + 1).width = pointsToChars(points);
    for (const [key, cell] of sheet.cells) styleCell(ws.getCell(rowOf(key) + 1, colOf(key) + 1), cell);
    for (const [r0, points] of sheet.rowHeights) ws.getRow(r0 + 1).height = points;
    for (const m of sheet.merges) ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
  }
  const active = book.sheets.findIndex((s) => s.id === book.activeId);
  if (active >= 0) workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: active, visibility: 'visible' }];
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
