/**
 * Writing the consolidated workbook (see consolidate.ts): the summary with SUM totals and cached
 * values, the de-identified case list, one report sheet per unit, every text cell guarded
 * against formula injection. Streaming exceljs writer; nothing here reads unit files.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { reportRowDefs } from '../domain/report';
import type { Profile } from '../domain/schema/profile';
import { planName } from '../domain/planName';
import type { CellValue } from '../domain/sheet';
import { isFormulaLike } from '../domain/text';
import { EXCEL_CELL_LIMIT, maskPersonalData, safeCellText } from '../domain/textSafety';
import { AMOUNT_FORMAT, REPORT_COLUMN_WIDTHS, reportSheetDress } from '../domain/templateReport';
import { REPORT_LAYOUT } from '../domain/reportSheet';
import {
  HEAD_TITLE,
  LINE_HEIGHT,
  MOTTO,
  OFFICIAL_HEADER_ROWS,
  SIGNATURE_ROWS,
  dateLine,
  departmentLetterhead,
  officialHeader,
  signatureBlock,
  type CellRange,
  type CellStyle,
  type Letterhead,
  type SheetDress,
} from '../domain/templatePrint';
import { PAGE_FOOTER, dressRow, dressSheet, pageSetupOf, setPrintRanges, sheetPrintOptions, stylesByRow } from '../xlsx/print';
import type { UnitExtract } from './consolidate';
import { CASE_COLUMNS, caseRowValues } from './deidentify';
import type { Scope } from './province';
import { SUMMARY_SCALE, columnLetter1, printRanges, signatureCut, summaryLayout, textUnits, wrappedLines, type SummaryLayout } from './summaryLayout';

export const SUMMARY_SHEET = 'Tổng hợp';
export const CASES_SHEET = 'Danh sách ca (ẩn danh)';
/** First data row of the summary (1-based): official header, title rows, then codes row and
 *  labels row. */
export const SUMMARY_FIRST_ROW = OFFICIAL_HEADER_ROWS + 6;
const DATE_FORMAT = 'dd/mm/yyyy';

/**
 * Formula-injection guard (FMT-06; OWASP "CSV injection"): a text starting with = + - @ tab or
 * CR gets a leading apostrophe. exceljs writes every string as a string cell, which Excel never
 * evaluates on open; the apostrophe keeps it inert when a user re-edits the cell (F2, Enter) or
 * saves the sheet as CSV, and shows the reader the text was neutralised.
 */
export function neutralise(value: CellValue): CellValue {
  if (typeof value === 'string' && isFormulaLike(value)) return `'${value}`;
  return value;
}

/**
 * Every text the consolidated workbook writes, whatever a unit typed: characters XML 1.0
 * forbids removed (one `U+FFFE` would make the sheet unreadable), ID-number-like digit runs and
 * dates of birth masked (`xxxxxxxxxxxx`; docs/data-protection.md: nothing identifying leaves the unit
 * through free text), clipped to Excel's 32,767 characters, then neutralised (FMT-06).
 */
export function safeCell(value: CellValue): CellValue {
  if (typeof value !== 'string') return value;
  const text = safeCellText(maskPersonalData(value));
  if (!isFormulaLike(text)) return text;
  // The apostrophe counts towards the limit too.
  return neutralise(text.length >= EXCEL_CELL_LIMIT ? `${text.slice(0, EXCEL_CELL_LIMIT - 2)}…` : text);
}

interface SummaryColumn {
  code: string;
  /** The label under the code, without the section's words (`Bóc lột tình dục` under 3.1). */
  label: string;
  /** count: a number of people; amount: đồng; ratio: `done/total` typed by hand (6.4, 6.5). */
  kind: 'count' | 'amount' | 'ratio';
  value: (e: UnitExtract) => number | string | null;
  /** The widest single text of the column: its code, the longest word of its label, or its
   *  largest figure as printed (the province total). */
  widest: string;
}

const LABEL_PREFIXES = [/^Nạn nhân theo mục đích:\s*/u, /^Được hỗ trợ:\s*/u];

const RATIO = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** A hand-typed `done / total` of the unit's report sheet (rows 6.4, 6.5), as typed. */
function typedRatio(e: UnitExtract, code: string): string | null {
  const row = e.grid.find((r) => r[REPORT_LAYOUT.columns.code] === code);
  const value = row?.[REPORT_LAYOUT.columns.total];
  if (value === null || value === undefined || value === '') return null;
  const text = String(value).trim();
  const m = RATIO.exec(text);
  return m ? `${Number(m[1])}/${Number(m[2])}` : text;
}

/** The province's `done / total`: the sums over the units whose figure reads as one. */
export function ratioTotal(values: readonly (number | string | null)[]): string | null {
  let done = 0;
  let total = 0;
  let any = false;
  for (const v of values) {
    const m = typeof v === 'string' ? RATIO.exec(v) : null;
    if (!m) continue;
    any = true;
    done += Number(m[1]);
    total += Number(m[2]);
  }
  return any ? `${done}/${total}` : null;
}

/** Columns of the summary: every count row's total, the amount of each support row, and the
 *  hand-entered 6.4 and 6.5 (their labels follow the reporting level). */
function summaryColumns(profile: Profile, extracts: UnitExtract[]): SummaryColumn[] {
  const cols: Omit<SummaryColumn, 'widest'>[] = [];
  for (const def of reportRowDefs(profile)) {
    if (def.kind === 'manual') {
      cols.push({ code: def.code, label: def.label_vi, kind: 'ratio', value: (e) => typedRatio(e, def.code) });
      continue;
    }
    if (def.kind !== 'count') continue;
    const short = LABEL_PREFIXES.reduce((text, re) => text.replace(re, ''), def.label_vi);
    cols.push({ code: def.code, label: short, kind: 'count', value: (e) => e.report.counts[def.code]?.total ?? 0 });
    if (def.code.startsWith('4.')) {
      cols.push({ code: `${def.code} (đồng)`, label: `Kinh phí (đồng): ${short}`, kind: 'amount', value: (e) => e.report.counts[def.code]?.amount ?? 0 });
    }
  }
  return cols.map((c) => {
    const values = extracts.map((e) => c.value(e));
    const total = c.kind === 'ratio' ? (ratioTotal(values) ?? '') : values.reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
    const words = c.label.split(/\s+/).reduce((a, w) => (w.length > a.length ? w : a), '');
    const figure = c.kind === 'amount' ? total.toLocaleString('en-US') : String(total);
    return { ...c, widest: [c.code, words, figure].reduce((a, w) => (w.length > a.length ? w : a), '') };
  });
}

const STATE_VI: Record<string, string> = {
  missing: 'Chưa nộp',
  submitted: 'Đã nộp',
  late: 'Nộp muộn',
  returned: 'Trả lại',
  accepted: 'Đã chấp nhận',
};

/** Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique (case-insensitive). */
export function sheetNameFor(code: string, used: Set<string>): string {
  const base = code.replace(/[:\\/?*[\]']/g, '_').slice(0, 28) || 'Unit';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)}~${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** Shared, never-mutated style objects: exceljs caches a style's id by object identity, so a
 *  million cells share five objects instead of each rendering its own style XML (the writer's
 *  main cost otherwise). */
const STYLE = {
  plain: {} as Partial<ExcelJS.Style>,
  date: { numFmt: DATE_FORMAT } as Partial<ExcelJS.Style>,
  bold: { font: { bold: true } } as Partial<ExcelJS.Style>,
  italic: { font: { italic: true } } as Partial<ExcelJS.Style>,
  title: { font: { bold: true, size: 13 } } as Partial<ExcelJS.Style>,
  boldWrap: { font: { bold: true }, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } } as Partial<ExcelJS.Style>,
  italicWrap: { font: { italic: true }, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } } as Partial<ExcelJS.Style>,
};

function addRow(ws: ExcelJS.Worksheet, values: CellValue[], style: Partial<ExcelJS.Style> = STYLE.plain): ExcelJS.Row {
  const row = ws.addRow(values.map(safeCell));
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.style = values[col - 1] instanceof Date ? STYLE.date : style;
  });
  return row;
}

export async function writeWorkbook(
  extracts: UnitExtract[],
  profile: Profile,
  year: number,
  quarter: number,
  stream: Writable,
  generatedAt: Date,
  states: Record<string, string>,
  scope: Scope,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'vr consolidate';
  wb.created = generatedAt;

  // Summary: every expected unit of the scope, a missing one as "Chưa nộp" with empty figures.
  const byCode = new Map(extracts.map((e) => [e.unit_code, e]));
  const cols = summaryColumns(profile, extracts);
  const width = 3 + cols.length;
  const letterhead = departmentLetterhead(profile.department, scope.province.full_name);
  const layout = layoutFor(scope, cols, letterhead);
  const planLine = `Kế hoạch: ${planName(profile, 'vi')}`;
  const dress = summaryDress(scope.units.length, cols, layout, [planLine]);
  const byRow = stylesByRow(dress);
  const summary = wb.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: SUMMARY_FIRST_ROW - 1 }], ...sheetPrintOptions(dress.print) });
  summary.columns = layout.widths.map((w) => ({ width: w }));
  dressSheet(summary, dress);
  const put = (values: CellValue[], style: Partial<ExcelJS.Style> = STYLE.plain): ExcelJS.Row => {
    const row = addRow(summary, values, style);
    dressRow(row, dress, byRow);
    return row;
  };
  const province = scope.province;
  for (const row of officialHeader(letterhead, province.name, width, 0, layout.header).rows) put(row).commit();
  const titles = [
    `TỔNG HỢP BÁO CÁO QUÝ ${quarter}/${year} — ${province.full_name.toLocaleUpperCase('vi')}`,
    planLine,
    `Số liệu tính lại từ sổ theo dõi của từng đơn vị; đã nộp ${extracts.length}/${scope.units.length} đơn vị. Lập ngày ${formatDay(generatedAt)}.`,
  ];
  titles.forEach((text, k) => put([text], k === 0 ? STYLE.title : k === 2 ? STYLE.italic : STYLE.plain).commit());
  put(['Mã đơn vị', 'Đơn vị', 'Trạng thái', ...cols.map((c) => c.code)], STYLE.bold).commit();
  put(['', '', '', ...cols.map((c) => c.label)], STYLE.italic).commit();
  const first = SUMMARY_FIRST_ROW;
  const columnValues: (number | string | null)[][] = cols.map(() => []);
  for (const unit of scope.units) {
    const e = byCode.get(unit.unit_code);
    const values = e ? cols.map((c) => c.value(e)) : cols.map(() => null);
    values.forEach((v, i) => columnValues[i].push(v));
    const raw = e ? (e.state ?? 'submitted') : (states[unit.unit_code] ?? 'missing');
    const state = STATE_VI[raw] ?? raw;
    const row = put([unit.unit_code, e?.unit_name ?? unit.unit_name, state, ...values]);
    row.height = LINE_HEIGHT;
    row.commit();
  }
  const last = first + scope.units.length - 1;
  const whole = /^thành phố\s/iu.test(province.full_name) ? 'Toàn thành phố' : 'Toàn tỉnh';
  const totalRow = summary.addRow(['TỔNG', whole, `${extracts.length}/${scope.units.length} đơn vị`]);
  cols.forEach((c, i) => {
    const letter = columnLetter1(i + 4);
    const cell = totalRow.getCell(i + 4);
    if (c.kind === 'ratio') {
      // A fraction is no sum: the province's is written out, numerators over denominators.
      cell.value = ratioTotal(columnValues[i]);
      return;
    }
    const sum = columnValues[i].reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
    // An empty unit list has no rows to add: the total is then a plain 0, not SUM(D10:D9).
    cell.value = last >= first ? ({ formula: `SUM(${letter}${first}:${letter}${last})`, result: sum } as ExcelJS.CellFormulaValue) : 0;
  });
  totalRow.eachCell({ includeEmpty: true }, (cell) => {
    cell.style = STYLE.bold;
  });
  dressRow(totalRow, dress, byRow);
  totalRow.height = LINE_HEIGHT;
  // The signatures stay together on the last page: when the rows would push part of them onto
  // a page of their own, they start a new page (after the total).
  const aboveHeight = layout.groups.length === 1 ? dress.rowHeights.filter((h) => h.row0 < SUMMARY_FIRST_ROW - 3).reduce((n, h) => n + h.height, 0) : 0;
  const titleHeight = dress.rowHeights.filter((h) => h.row0 === SUMMARY_FIRST_ROW - 3 || h.row0 === SUMMARY_FIRST_ROW - 2).reduce((n, h) => n + h.height, 0);
  if (signatureCut({ aboveHeight, titleHeight, dataRows: scope.units.length + 1, rowHeight: LINE_HEIGHT, signatureRows: SIGNATURE_ROWS })) totalRow.addPageBreak();
  totalRow.commit();
  for (const values of signatureBlock(width, last + 1, layout.signature).rows) {
    const row = put(values);
    row.height = LINE_HEIGHT;
    row.commit();
  }
  summary.commit();
  setPrintRanges(wb, 0, SUMMARY_SHEET, printRanges(layout, SUMMARY_FIRST_ROW - 2, last + 1, last + 1 + SIGNATURE_ROWS));

  // De-identified case list: an annex, named in each page's header.
  const casesWs = wb.addWorksheet(CASES_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }],
    pageSetup: { ...pageSetupOf({ orientation: 'landscape', titleRows0: [0, 1], titleColumns0: [0, 1], scale: SUMMARY_SCALE }), pageOrder: 'overThenDown' } as Partial<ExcelJS.PageSetup>,
    headerFooter: { ...PAGE_FOOTER, oddHeader: `&L&"-,Bold"Phụ lục: danh sách ca đã ẩn danh, quý ${quarter}/${year}, ${pageHeaderText(province.full_name)}` } as Partial<ExcelJS.HeaderFooter>,
  });
  // Wider than on screen: a printout in a fallback font must not clip the codes' words.
  casesWs.columns = CASE_COLUMNS.map((c) => ({ width: Math.ceil(c.width * 1.25) }));
  const caseHeaders = addRow(casesWs, CASE_COLUMNS.map((c) => c.header_vi), STYLE.boldWrap);
  caseHeaders.height = 3 * LINE_HEIGHT;
  addRow(casesWs, CASE_COLUMNS.map((c) => c.header_en), STYLE.italicWrap).height = 3 * LINE_HEIGHT;
  caseHeaders.commit();
  for (const e of extracts) for (const c of e.cases) addRow(casesWs, caseRowValues(c)).commit();
  casesWs.commit();

  // One sheet per unit's report.
  const used = new Set([SUMMARY_SHEET.toLowerCase(), CASES_SHEET.toLowerCase()]);
  for (const e of extracts) {
    const unitDress = reportSheetDress(e.grid);
    const ws = wb.addWorksheet(sheetNameFor(e.unit_code, used), sheetPrintOptions(unitDress.print));
    ws.columns = REPORT_COLUMN_WIDTHS.map((w) => ({ width: w }));
    const unitStyles = stylesByRow(unitDress);
    dressSheet(ws, unitDress);
    for (const row of e.grid) {
      const written = addRow(ws, row);
      dressRow(written, unitDress, unitStyles);
      written.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/** `&` starts a code in a page header: written twice it is a plain ampersand. */
function pageHeaderText(text: string): string {
  return text.replace(/&/g, '&&');
}

/** Widths of the summary: the unit columns fit the longest name and `Đã chấp nhận`; a figure
 *  column fits its largest value (the province total) and a few words of its label. */
function layoutFor(scope: Scope, cols: SummaryColumn[], letterhead: Letterhead): SummaryLayout {
  const longestName = Math.max(8, ...scope.units.map((u) => u.unit_name.length));
  const unitWidths: [number, number, number] = [7, Math.min(36, textUnits('x'.repeat(longestName))), textUnits('Đã chấp nhận')];
  const figures = cols.map((c) => ({ code: c.code, width: Math.max(c.kind === 'amount' ? 12 : c.kind === 'ratio' ? 10 : 8, textUnits(c.widest)) }));
  const left = Math.max(textUnits(letterhead.parent, true), textUnits(letterhead.issuer, true));
  const right = Math.max(textUnits(MOTTO, true), textUnits(dateLine('x'.repeat(16))));
  return summaryLayout(unitWidths, figures, { left, right }, textUnits(HEAD_TITLE, true));
}

/** The summary's print dress: letterhead and signatures placed on the first and last pages,
 *  the header rows bold and wrapped, the table bordered, amounts with thousands separators, A4
 *  landscape at a legible fixed scale with the unit columns and header rows on every page. */
function summaryDress(unitCount: number, cols: SummaryColumn[], layout: SummaryLayout, wrapped: string[]): SheetDress {
  const width = layout.widths.length;
  const header = officialHeader({ parent: '', issuer: '' }, '', width, 0, layout.header).dress;
  const codes0 = SUMMARY_FIRST_ROW - 3;
  const labels0 = SUMMARY_FIRST_ROW - 2;
  const total0 = SUMMARY_FIRST_ROW - 1 + unitCount;
  const signature = signatureBlock(width, total0 + 1, layout.signature).dress;
  const styles: CellStyle[] = [...header.styles, ...signature.styles];
  for (let c = 0; c < 3; c++) styles.push({ row0: codes0, col0: c, bold: true, align: 'center', wrap: true });
  cols.forEach((c, i) => {
    styles.push({ row0: codes0, col0: 3 + i, bold: true, align: 'center' });
    styles.push({ row0: labels0, col0: 3 + i, italic: true, wrap: true, align: 'center' });
    if (c.kind === 'amount') for (let r = SUMMARY_FIRST_ROW - 1; r <= total0; r++) styles.push({ row0: r, col0: 3 + i, numFmt: AMOUNT_FORMAT });
    if (c.kind === 'ratio') for (let r = SUMMARY_FIRST_ROW - 1; r <= total0; r++) styles.push({ row0: r, col0: 3 + i, align: 'right' });
  });
  const labelLines = Math.max(1, ...cols.map((c, i) => wrappedLines(c.label, layout.widths[3 + i])));
  const titleWidth = layout.widths.slice(0, layout.firstPageEnd + 1).reduce((n, w) => n + w, 0);
  const titleMerges: CellRange[] = [0, 1, 2].map((k) => ({ row0: OFFICIAL_HEADER_ROWS + k, col0: 0, row1: OFFICIAL_HEADER_ROWS + k, col1: layout.firstPageEnd }));
  const titleStyles: CellStyle[] = [0, 1, 2].map((k) => ({ row0: OFFICIAL_HEADER_ROWS + k, col0: 0, align: 'center', wrap: true, ...(k === 0 ? { bold: true, size: 13 } : k === 2 ? { italic: true } : {}) }));
  // Every row above the table has a set height, so the pages can be counted (signatureCut).
  const rowHeights: SheetDress['rowHeights'] = [
    ...[0, 1, 2, 3].map((row0) => ({ row0, height: LINE_HEIGHT })),
    { row0: OFFICIAL_HEADER_ROWS, height: 20 },
    { row0: OFFICIAL_HEADER_ROWS + 1, height: Math.max(1, ...wrapped.map((t) => wrappedLines(t, titleWidth))) * LINE_HEIGHT },
    { row0: OFFICIAL_HEADER_ROWS + 2, height: LINE_HEIGHT },
    { row0: codes0, height: 2 * LINE_HEIGHT },
    { row0: labels0, height: labelLines * LINE_HEIGHT + 4 },
  ];
  return {
    merges: [...header.merges, ...titleMerges, ...signature.merges],
    styles: [...styles, ...titleStyles],
    wrapColumns: [],
    borders: [{ row0: codes0, col0: 0, row1: total0, col1: width - 1 }],
    rowHeights,
    print: { orientation: 'landscape', titleRows0: [codes0, labels0], titleColumns0: [0, 2], scale: SUMMARY_SCALE },
  };
}

function formatDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
