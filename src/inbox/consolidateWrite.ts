/**
 * Writing the consolidated workbook (see consolidate.ts): the summary with SUM totals and cached
 * values, the de-identified case list, one report sheet per unit, every text cell guarded
 * against formula injection. Streaming exceljs writer; nothing here reads unit files.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportData } from '../domain/model';
import { reportRowDefs } from '../domain/report';
import type { Profile } from '../domain/schema/profile';
import { planName } from '../domain/planName';
import type { CellValue } from '../domain/sheet';
import { isFormulaLike } from '../domain/text';
import { EXCEL_CELL_LIMIT, maskPersonalData, safeCellText } from '../domain/textSafety';
import { AMOUNT_FORMAT, REPORT_COLUMN_WIDTHS, reportSheetDress } from '../domain/templateReport';
import {
  LINE_HEIGHT,
  OFFICIAL_HEADER_ROWS,
  type Blocks,
  linesOf,
  officialHeader,
  signatureBlock,
  type CellRange,
  type CellStyle,
  type SheetDress,
} from '../domain/templatePrint';
import { findUnit, provinceName } from '../profiles';
import { dressRow, dressSheet, sheetPrintOptions, stylesByRow } from '../xlsx/print';
import type { UnitExtract } from './consolidate';
import { CASE_COLUMNS, caseRowValues } from './deidentify';

export const SUMMARY_SHEET = 'Tổng hợp';
export const CASES_SHEET = 'Danh sách ca (ẩn danh)';
/** First data row of the summary (1-based): official header, title rows, then codes row and
 *  labels row. */
export const SUMMARY_FIRST_ROW = OFFICIAL_HEADER_ROWS + 6;
/** Summary column widths: unit code, unit name, state, then each indicator. */
const SUMMARY_WIDTHS = { code: 9, name: 20, state: 10, figure: 6, amount: 12 };
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
  label: string;
  amount: boolean;
  value: (r: ReportData) => number;
}

/** Columns of the summary: every count row's total, plus the amount of each support row. */
function summaryColumns(profile: Profile): SummaryColumn[] {
  const cols: SummaryColumn[] = [];
  for (const def of reportRowDefs(profile)) {
    if (def.kind !== 'count') continue;
    cols.push({ code: def.code, label: def.label_vi, amount: false, value: (r) => r.counts[def.code]?.total ?? 0 });
    if (def.code.startsWith('4.')) {
      cols.push({ code: `${def.code} (đồng)`, label: `Kinh phí: ${def.label_vi}`, amount: true, value: (r) => r.counts[def.code]?.amount ?? 0 });
    }
  }
  return cols;
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
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'vr consolidate';
  wb.created = generatedAt;

  // Summary: every unit of the profile, missing ones as "Chưa nộp" with empty figures.
  const cols = summaryColumns(profile);
  const byCode = new Map(extracts.map((e) => [e.unit_code, e]));
  const width = 3 + cols.length;
  const dress = summaryDress(profile, cols, width);
  const byRow = stylesByRow(dress);
  const summary = wb.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: SUMMARY_FIRST_ROW - 1 }], ...sheetPrintOptions(dress.print) });
  summary.columns = [
    { width: SUMMARY_WIDTHS.code },
    { width: SUMMARY_WIDTHS.name },
    { width: SUMMARY_WIDTHS.state },
    ...cols.map((c) => ({ width: c.amount ? SUMMARY_WIDTHS.amount : SUMMARY_WIDTHS.figure })),
  ];
  dressSheet(summary, dress);
  const put = (values: CellValue[], style: Partial<ExcelJS.Style> = STYLE.plain): ExcelJS.Row => {
    const row = addRow(summary, values, style);
    dressRow(row, dress, byRow);
    return row;
  };
  const provinceCode = extracts.length > 0 ? findUnit(profile, extracts[0].unit_code)?.province_code : undefined;
  const province = provinceName(profile, provinceCode ?? profile.province_code);
  for (const row of officialHeader(issuerOf(profile.department), province, width, 0, summaryBlocks(width)).rows) put(row).commit();
  put([`TỔNG HỢP BÁO CÁO QUÝ ${quarter}/${year} — ${province.toLocaleUpperCase('vi')}`], STYLE.title).commit();
  put([`Kế hoạch: ${planName(profile, 'vi')}`]).commit();
  put([`Số liệu tính lại từ sổ theo dõi của từng đơn vị. Lập ngày ${formatDay(generatedAt)}.`], STYLE.italic).commit();
  put(['Mã đơn vị', 'Đơn vị', 'Trạng thái', ...cols.map((c) => c.code)], STYLE.bold).commit();
  put(['', '', '', ...cols.map((c) => c.label)], STYLE.italic).commit();
  const first = SUMMARY_FIRST_ROW;
  const totals = cols.map(() => 0);
  for (const unit of profile.units) {
    const e = byCode.get(unit.code);
    const values = e ? cols.map((c) => c.value(e.report)) : cols.map(() => null);
    values.forEach((v, i) => (totals[i] += v ?? 0));
    const raw = e ? (e.state ?? 'submitted') : (states[unit.code] ?? 'missing');
    const state = STATE_VI[raw] ?? raw;
    put([unit.code, unit.name, state, ...values]).commit();
  }
  const last = first + profile.units.length - 1;
  const totalRow = summary.addRow(['TỔNG', 'Toàn tỉnh', `${extracts.length}/${profile.units.length} đơn vị`]);
  cols.forEach((_, i) => {
    const letter = columnLetter1(i + 4);
    totalRow.getCell(i + 4).value = { formula: `SUM(${letter}${first}:${letter}${last})`, result: totals[i] } as ExcelJS.CellFormulaValue;
  });
  totalRow.eachCell({ includeEmpty: true }, (cell) => {
    cell.style = STYLE.bold;
  });
  dressRow(totalRow, dress, byRow);
  totalRow.commit();
  for (const row of signatureBlock(width, last + 1, summaryBlocks(width)).rows) put(row).commit();
  summary.commit();

  // De-identified case list.
  const casesWs = wb.addWorksheet(CASES_SHEET, { views: [{ state: 'frozen', ySplit: 2 }], ...sheetPrintOptions({ orientation: 'landscape', titleRows0: [0, 1] }) });
  casesWs.columns = CASE_COLUMNS.map((c) => ({ width: c.width }));
  addRow(casesWs, CASE_COLUMNS.map((c) => c.header_vi), STYLE.bold);
  addRow(casesWs, CASE_COLUMNS.map((c) => c.header_en), STYLE.italic);
  for (const e of extracts) for (const c of e.cases) addRow(casesWs, caseRowValues(c)).commit();
  casesWs.commit();

  // One sheet per unit's report.
  const used = new Set([SUMMARY_SHEET.toLowerCase(), CASES_SHEET.toLowerCase()]);
  for (const e of extracts) {
    const unitDress = reportSheetDress(e.grid);
    const ws = wb.addWorksheet(sheetNameFor(e.unit_code, used), sheetPrintOptions(unitDress.print));
    ws.columns = REPORT_COLUMN_WIDTHS.map((width) => ({ width }));
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

/** `Sở Lao động - Thương binh và Xã hội (qua Chi cục …)` -> `SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI`. */
function issuerOf(department: string): string {
  return department.replace(/\s*\(.*\)\s*$/u, '').trim();
}

/** The summary's print dress: landscape A4 one page wide, codes and labels rows repeated on
 *  every page, the table bordered, labels wrapped, amounts with thousands separators. */
/** The summary's header and signature blocks: unit columns on the left, the last indicators on
 *  the right (the report's layout would centre the motto over the whole wide table). */
function summaryBlocks(width: number): Blocks {
  return { left: [0, 2], right: [Math.max(3, width - 10), width - 1] };
}

function summaryDress(profile: Profile, cols: SummaryColumn[], width: number): SheetDress {
  const at = summaryBlocks(width);
  const header = officialHeader('', '', width, 0, at).dress;
  const codes0 = SUMMARY_FIRST_ROW - 3;
  const labels0 = SUMMARY_FIRST_ROW - 2;
  const total0 = SUMMARY_FIRST_ROW - 1 + profile.units.length;
  const signature = signatureBlock(width, total0 + 1, at).dress;
  const styles: CellStyle[] = [...header.styles, ...signature.styles];
  const labelLines = Math.max(1, ...cols.map((c) => linesOf(c.label, c.amount ? SUMMARY_WIDTHS.amount : SUMMARY_WIDTHS.figure)));
  cols.forEach((c, i) => {
    styles.push({ row0: codes0, col0: 3 + i, bold: true, align: 'center' });
    styles.push({ row0: labels0, col0: 3 + i, italic: true, wrap: true, align: 'center' });
    if (c.amount) for (let r = SUMMARY_FIRST_ROW - 1; r <= total0; r++) styles.push({ row0: r, col0: 3 + i, numFmt: AMOUNT_FORMAT });
  });
  const titleMerges: CellRange[] = [0, 1, 2].map((k) => ({ row0: OFFICIAL_HEADER_ROWS + k, col0: 0, row1: OFFICIAL_HEADER_ROWS + k, col1: Math.min(width - 1, 12) }));
  return {
    merges: [...header.merges, ...titleMerges, ...signature.merges],
    styles,
    wrapColumns: [],
    borders: [{ row0: codes0, col0: 0, row1: total0, col1: width - 1 }],
    rowHeights: [{ row0: labels0, height: Math.min(labelLines, 8) * LINE_HEIGHT }],
    print: { orientation: 'landscape', titleRows0: [codes0, labels0] },
  };
}

function formatDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** 1-based column number → letters. */
function columnLetter1(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
