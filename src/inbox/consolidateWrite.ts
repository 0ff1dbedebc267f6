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
import type { CellValue } from '../domain/sheet';
import { isFormulaLike } from '../domain/text';
import type { UnitExtract } from './consolidate';
import { CASE_COLUMNS, caseRowValues } from './deidentify';

export const SUMMARY_SHEET = 'Tổng hợp';
export const CASES_SHEET = 'Danh sách ca (ẩn danh)';
/** First data row of the summary (1-based): title rows, then codes row and labels row. */
export const SUMMARY_FIRST_ROW = 6;
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

/** Columns of the summary: every count row's total, plus the amount of each support row. */
function summaryColumns(profile: Profile): { code: string; label: string; value: (r: ReportData) => number }[] {
  const cols: { code: string; label: string; value: (r: ReportData) => number }[] = [];
  for (const def of reportRowDefs(profile)) {
    if (def.kind !== 'count') continue;
    cols.push({ code: def.code, label: def.label_vi, value: (r) => r.counts[def.code]?.total ?? 0 });
    if (def.code.startsWith('4.')) {
      cols.push({ code: `${def.code} (đồng)`, label: `Kinh phí: ${def.label_vi}`, value: (r) => r.counts[def.code]?.amount ?? 0 });
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
  const row = ws.addRow(values.map(neutralise));
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
  const summary = wb.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: SUMMARY_FIRST_ROW - 1 }] });
  summary.columns = [{ width: 12 }, { width: 28 }, { width: 14 }, ...cols.map(() => ({ width: 12 }))];
  addRow(summary, [`TỔNG HỢP BÁO CÁO QUÝ ${quarter}/${year} — ${profile.province.toUpperCase()}`], STYLE.title);
  addRow(summary, [profile.title]);
  addRow(summary, [`Số liệu tính lại từ sổ theo dõi của từng đơn vị (hàm buildReport, cùng quy tắc RPT-01). Lập ngày ${formatDay(generatedAt)}.`]);
  addRow(summary, ['Mã đơn vị', 'Đơn vị', 'Trạng thái', ...cols.map((c) => c.code)], STYLE.bold);
  addRow(summary, ['', '', '', ...cols.map((c) => c.label)], STYLE.italic);
  const first = SUMMARY_FIRST_ROW;
  const totals = cols.map(() => 0);
  for (const unit of profile.units) {
    const e = byCode.get(unit.code);
    const values = e ? cols.map((c) => c.value(e.report)) : cols.map(() => null);
    values.forEach((v, i) => (totals[i] += v ?? 0));
    const raw = e ? (e.state ?? 'submitted') : (states[unit.code] ?? 'missing');
    const state = STATE_VI[raw] ?? raw;
    addRow(summary, [unit.code, unit.name, state, ...values]).commit();
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
  totalRow.commit();
  summary.commit();

  // De-identified case list.
  const casesWs = wb.addWorksheet(CASES_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  casesWs.columns = CASE_COLUMNS.map((c) => ({ width: c.width }));
  addRow(casesWs, CASE_COLUMNS.map((c) => c.header_vi), STYLE.bold);
  addRow(casesWs, CASE_COLUMNS.map((c) => c.header_en), STYLE.italic);
  for (const e of extracts) for (const c of e.cases) addRow(casesWs, caseRowValues(c)).commit();
  casesWs.commit();

  // One sheet per unit's report.
  const used = new Set([SUMMARY_SHEET.toLowerCase(), CASES_SHEET.toLowerCase()]);
  for (const e of extracts) {
    const ws = wb.addWorksheet(sheetNameFor(e.unit_code, used));
    ws.columns = [{ width: 8 }, { width: 48 }, ...Array.from({ length: 8 }, () => ({ width: 11 })), { width: 40 }];
    for (const row of e.grid) addRow(ws, row).commit();
    ws.commit();
  }
  await wb.commit();
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
