/**
 * The `Báo cáo quý` sheet (docs/workbook.md): its layout for the template, reading it back
 * leniently (rows found by the code in column `Mã`, header values by their labels), the cells
 * "Fill report" writes, and the typed-versus-computed differences RPT-01 and the pane show.
 */
import { provinceFullName, provinceName } from './units';
import { notesWithExclusions } from './reportExcluded';
import { foldText } from './codes';
import { REPORT_FIGURE_KEYS, REPORT_HEADERS, type ReportData, type ReportFigureKey, type ReportSheetValues } from './model';
import { reportRowDefs } from './report';
import { figureKeysOf } from './reportCompare';
import type { Meta } from './schema/meta';
import type { Profile } from './schema/profile';
import { isBlank, type CellValue, type SheetModel } from './sheet';
import { OFFICIAL_HEADER_ROWS, officialHeader, placeOf, signatureBlock, unitLetterhead } from './templatePrint';

export { parseReportNumber } from './reportValues';
export { percentAgrees, reportDifferences, type ReportDifference } from './reportCompare';

export interface CellWrite {
  row0: number;
  col0: number;
  value: CellValue;
}

type HeaderKey = keyof ReportSheetValues['header'];
type ColumnKey = ReportFigureKey | 'code' | 'label' | 'notes';

/** Where reportSheetGrid puts things (0-based), below the official header. Readers never rely
 *  on it: they search. */
const H = OFFICIAL_HEADER_ROWS;
export const REPORT_LAYOUT = {
  titleRow0: H,
  labelCol0: 1,
  valueCol0: 2,
  headerRows0: { unit_name: H + 1, unit_code: H + 2, province: H + 3, quarter: H + 4, year: H + 5, preparer: H + 6, prepared_date: H + 7 } as Record<HeaderKey, number>,
  periodRow0: H + 8,
  tableHeaderRow0: H + 9,
  firstDataRow0: H + 10,
  columns: { code: 0, label: 1, total: 2, male: 3, female: 4, under16: 5, age16to18: 6, adult: 7, unknown_age: 8, amount: 9, notes: 10 } as Record<ColumnKey, number>,
} as const;

/** Excel number format the shells give percent cells (the value is 87.5, not 0.875). */
export const REPORT_PERCENT_FORMAT = '0.0"%"';

export const REPORT_TITLE = 'BÁO CÁO QUÝ CÔNG TÁC TIẾP NHẬN, XÁC MINH, BẢO VỆ VÀ HỖ TRỢ NẠN NHÂN BỊ MUA BÁN';

const HEADER_LABELS: Record<HeaderKey, string> = {
  unit_name: 'Đơn vị báo cáo:',
  unit_code: 'Mã đơn vị:',
  province: 'Tỉnh/Thành phố:',
  quarter: 'Quý:',
  year: 'Năm:',
  preparer: 'Người lập biểu:',
  prepared_date: 'Ngày lập:',
};

/** Labels accepted when reading (folded: no diacritics, spaces or punctuation), longest first so
 *  `Mã đơn vị` is not taken for `Đơn vị`. */
const LABEL_FORMS: [string, HeaderKey][] = (
  [
    ['Đơn vị báo cáo', 'unit_name'], ['Tên đơn vị', 'unit_name'], ['Đơn vị', 'unit_name'], ['Unit', 'unit_name'],
    ['Mã đơn vị', 'unit_code'], ['Unit code', 'unit_code'],
    ['Tỉnh/Thành phố', 'province'], ['Tỉnh', 'province'], ['Province', 'province'],
    ['Quý', 'quarter'], ['Quarter', 'quarter'],
    ['Năm', 'year'], ['Year', 'year'],
    ['Người lập biểu', 'preparer'], ['Người lập', 'preparer'], ['Prepared by', 'preparer'],
    ['Ngày lập biểu', 'prepared_date'], ['Ngày lập', 'prepared_date'], ['Date prepared', 'prepared_date'],
  ] as [string, HeaderKey][]
)
  .map(([label, key]): [string, HeaderKey] => [foldText(label), key])
  .sort((a, b) => b[0].length - a[0].length);

/** Folded table headers -> column key (`Kinh phí (đồng)` also as `Kinh phí`). */
const COLUMN_FORMS = new Map<string, ColumnKey>([
  ...REPORT_HEADERS.map((h, i): [string, ColumnKey] => [foldText(h), (['code', 'label', ...REPORT_FIGURE_KEYS, 'notes'] as ColumnKey[])[i]]),
  [foldText('Kinh phí'), 'amount'],
]);

const SECTION_HEADINGS: Record<string, string> = {
  '2.1': '2. Xác minh, xác định nạn nhân',
  '3.1': '3. Nạn nhân được xác định trong kỳ theo mục đích bị mua bán (cộng = mục 2.1)',
  '4.1': '4. Số người được hỗ trợ trong kỳ theo loại hỗ trợ (mỗi người tính một lần cho mỗi loại)',
  '5.1': '5. Người dưới 18 tuổi',
  '6.1': '6. Chỉ số kết quả',
  '7.1': '7. Đánh giá chung (ghi vào cột Ghi chú)',
};

/** Notes the template shows in `Ghi chú`: how each computed figure is counted (the clerk's
 *  answer to "why does the report say this?"). Rows 7.x stay empty for the narrative. */
const ROW_NOTES: Record<string, string> = {
  '1': 'Theo Ngày tiếp nhận; tính cả người sau đó xác định không phải nạn nhân. Tuổi tính tại ngày tiếp nhận.',
  '2.3': 'Tiếp nhận đến hết kỳ, chưa có kết quả xác minh vào ngày cuối kỳ',
  '5.1': 'Người dưới 18 tuổi tại ngày tiếp nhận, được tiếp nhận trong kỳ (kể cả đang chờ xác minh; trừ người đã xác định không phải nạn nhân đến cuối kỳ)',
  '6.1': 'Lũy kế từ đầu năm: số tiếp nhận đã có kết quả xác minh đến cuối kỳ / số tiếp nhận',
  '6.2': 'Lũy kế từ đầu năm: số nhu cầu đã được hỗ trợ đến cuối kỳ / tổng số nhu cầu của nạn nhân đã xác định',
  '6.3': 'Lũy kế từ đầu năm: số dưới 18 tuổi được kết nối / số dưới 18 tuổi được tiếp nhận (như mục 5.2 / 5.1)',
  '6.4': 'Nhập tay, ví dụ 8/10',
  '6.5': 'Nhập tay, ví dụ 12/15',
};

function fmtDate(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** `Kỳ báo cáo` as the report header shows it: `15/06/2026 - 14/09/2026`. */
export function periodText(period: { start: Date; end: Date }): string {
  return `${fmtDate(period.start)} - ${fmtDate(period.end)}`;
}

/** The official header's date line filled in: `Nha Trang, ngày 05 tháng 12 năm 2026`. */
export function filledDateLine(place: string, day: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${place}, ngày ${two(day.getUTCDate())} tháng ${two(day.getUTCMonth() + 1)} năm ${day.getUTCFullYear()}`;
}

/** The whole `Báo cáo quý` sheet: header rows, the table header and every row code of docs/workbook.md,
 *  with the figures of `report` when given (a fresh template leaves them empty). */
export function reportSheetGrid(profile: Profile, meta: Meta, report?: ReportData): CellValue[][] {
  const L = REPORT_LAYOUT;
  const width = REPORT_HEADERS.length;
  const blankRow = (): CellValue[] => new Array<CellValue>(width).fill(null);
  const letterhead = unitLetterhead(meta.unit_name, provinceFullName(profile, meta.province_code));
  const rows: CellValue[][] = officialHeader(letterhead, placeOf(meta.unit_name), width).rows;
  const title = blankRow();
  title[0] = REPORT_TITLE;
  rows.push(title);
  const headerValues: Record<HeaderKey, CellValue> = {
    unit_name: meta.unit_name,
    unit_code: meta.unit_code,
    province: provinceName(profile, meta.province_code),
    quarter: meta.quarter,
    year: meta.year,
    preparer: null,
    prepared_date: null,
  };
  for (const key of Object.keys(L.headerRows0) as HeaderKey[]) {
    const row = blankRow();
    row[L.labelCol0] = HEADER_LABELS[key];
    row[L.valueCol0] = headerValues[key];
    rows[L.headerRows0[key]] = row;
  }
  const periodRow = blankRow();
  periodRow[L.labelCol0] = 'Kỳ báo cáo:';
  if (report) periodRow[L.valueCol0] = periodText(report.period);
  rows[L.periodRow0] = periodRow;
  rows[L.tableHeaderRow0] = [...REPORT_HEADERS];

  for (const def of reportRowDefs(profile)) {
    if (SECTION_HEADINGS[def.code]) {
      const heading = blankRow();
      heading[L.columns.label] = SECTION_HEADINGS[def.code];
      rows.push(heading);
    }
    const row = blankRow();
    // Codes are text: as numbers, `4.10` would become 4.1.
    row[L.columns.code] = def.code;
    row[L.columns.label] = def.label_vi;
    row[L.columns.notes] = report ? notesWithExclusions(ROW_NOTES[def.code] ?? null, report.excluded[def.code]) : (ROW_NOTES[def.code] ?? null);
    if (report) {
      const fig = report.counts[def.code];
      if (def.kind === 'count' && fig) {
        for (const key of REPORT_FIGURE_KEYS) {
          if (key === 'amount') row[L.columns.amount] = fig.amount;
          else row[L.columns[key]] = fig[key];
        }
      } else if (def.kind === 'percent') {
        row[L.columns.total] = percentCellValue(report.percents[def.code] ?? null);
      }
    }
    rows.push(row);
  }
  rows.push(...signatureBlock(width, rows.length).rows);
  return rows;
}

/** A percent row's `Tổng số`: the number (shells format it), or `—` when the denominator is 0. */
export function percentCellValue(value: number | null): CellValue {
  return value === null ? '—' : value;
}

/** `87,5%` (vi) / `87.5%` (en); `—` when there is no denominator. */
export function formatPercent(value: number | null, lang: 'vi' | 'en' = 'vi'): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const text = value.toFixed(1);
  return `${lang === 'vi' ? text.replace('.', ',') : text}%`;
}

/** A code as typed in `Mã`: text `1.1.1`, a number 1.1 (Excel turned it into one), `2.1.`. */
export function normaliseRowCode(value: CellValue): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return String(value);
  if (typeof value !== 'string') return null;
  const code = value.replace(/\s+/g, '').replace(/\.$/, '');
  return /^\d+(\.\d+)*$/.test(code) ? code : null;
}

const OFFICIAL_DATE_LINE = /,\s*ngày\s/u;

function textOf(value: CellValue): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return null;
}

/** `3`, `III`, `Quý 3/2020`, `3 năm 2020`, `III/2020` -> quarter (and year when present). */
export function parseQuarterText(text: string): { quarter: number | null; year: number | null } {
  const folded = text.normalize('NFC').trim().replace(/^(quý|quy|quarter|q)\s*[:.]?\s*/i, '');
  const match = /^(IV|I{1,3}|[1-4])(?![0-9])\s*(?:[/\-.,]|năm|nam|year)?\s*(\d{4})?/i.exec(folded);
  if (!match) return { quarter: null, year: null };
  const roman: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
  const q = match[1].toUpperCase();
  return { quarter: roman[q] ?? Number(q), year: match[2] ? Number(match[2]) : null };
}

function readHeaderValue(key: HeaderKey, value: CellValue, out: ReportSheetValues, row0: number, col0: number): void {
  if (out.header[key] !== undefined) return;
  if (key === 'quarter' && (typeof value === 'string' || typeof value === 'number')) {
    const parsed = typeof value === 'number' ? { quarter: value, year: null } : parseQuarterText(value);
    out.header.quarter = parsed.quarter ?? value;
    out.headerCells.quarter = { row0, col0 };
    if (parsed.year !== null && out.header.year === undefined) {
      out.header.year = parsed.year;
      out.headerCells.year = { row0, col0 };
    }
    return;
  }
  if (key === 'year' && typeof value === 'string' && /^\s*\d{4}\s*$/.test(value)) value = Number(value);
  out.header[key] = typeof value === 'string' ? value.trim() : value;
  if (key !== 'preparer' && key !== 'prepared_date') out.headerCells[key] = { row0, col0 };
}

/** Finds a header label in a cell: the whole cell (value to its right) or `Label: value`. */
function matchLabel(text: string): { key: HeaderKey; rest: string } | null {
  const trimmed = text.trim();
  for (const [form, key] of LABEL_FORMS) {
    const folded = foldText(trimmed);
    if (!folded.startsWith(form)) continue;
    if (folded === form) return { key, rest: '' };
    // `Quý 3/2020`, `Năm 2020`, `Đơn vị: Thị xã Từ Sơn`: the label, then a separator or a digit.
    const colon = trimmed.indexOf(':');
    if (colon >= 0 && foldText(trimmed.slice(0, colon)) === form) return { key, rest: trimmed.slice(colon + 1).trim() };
    if ((key === 'quarter' || key === 'year') && /\s*[:.]?\s*[0-9IV]/i.test(trimmed.replace(/^\S+\s*/, ''))) {
      const words = trimmed.split(/\s+/);
      if (foldText(words[0]) === form) return { key, rest: words.slice(1).join(' ').replace(/^[:.]\s*/, '') };
    }
  }
  return null;
}

/** Reads the report sheet leniently; an absent sheet gives empty values (FMT-03 reports it). */
export function readReportSheet(sheet?: SheetModel | null): ReportSheetValues {
  const out: ReportSheetValues = { sheet: sheet ?? null, headerRow0: null, columns: {}, rows: {}, header: {}, headerCells: {} };
  if (!sheet) return out;
  const scan = Math.min(sheet.rows.length, 60);
  for (let r = 0; r < scan && out.headerRow0 === null; r++) {
    const folded = (sheet.rows[r] ?? []).map((v) => (typeof v === 'string' ? foldText(v) : ''));
    if (folded.includes('ma') && (folded.includes('chitieu') || folded.includes('tongso'))) out.headerRow0 = r;
  }
  const headerEnd = out.headerRow0 ?? Math.min(sheet.rows.length, 20);
  for (let r = 0; r < headerEnd; r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const text = textOf(row[c]);
      // `Năm Căn, ngày … tháng … năm …` (the official header's date line) is no `Năm:` label.
      if (text === null || OFFICIAL_DATE_LINE.test(text)) continue;
      const hit = matchLabel(text);
      if (!hit) continue;
      if (hit.rest !== '') {
        readHeaderValue(hit.key, hit.rest, out, r, c);
        continue;
      }
      let v = c + 1;
      while (v < row.length && isBlank(row[v])) v++;
      if (v < row.length && (typeof row[v] !== 'string' || !matchLabel(row[v] as string))) {
        readHeaderValue(hit.key, row[v], out, r, v);
        c = v; // the value cell is not a label (a unit called `Năm Căn` or `Tịnh Biên`)
      }
    }
  }
  if (out.headerRow0 === null) return out;
  const headerRow = sheet.rows[out.headerRow0] ?? [];
  headerRow.forEach((v, c) => {
    if (typeof v !== 'string') return;
    const folded = foldText(v);
    const key = COLUMN_FORMS.get(folded) ?? (folded.startsWith('kinhphi') ? 'amount' : undefined);
    if (key !== undefined && out.columns[key] === undefined) out.columns[key] = c;
  });
  const codeCol = out.columns.code;
  if (codeCol === undefined) return out;
  for (let r = out.headerRow0 + 1; r < sheet.rows.length; r++) {
    const code = normaliseRowCode(sheet.rows[r]?.[codeCol] ?? null);
    if (code !== null && out.rows[code] === undefined) out.rows[code] = r;
  }
  return out;
}


/** The cells "Fill report" writes: every computed figure of the rows present (counts, 4.x
 *  amounts, percents), and on rows 1 and 4.x the note of the rows left out (`Ghi chú` keeps
 *  what was typed there; an earlier fill's note is replaced). Hand-entered 6.4/6.5 and the
 *  narrative 7.x are left alone. */
export function reportCellWrites(values: ReportSheetValues, report: ReportData, profile: Pick<Profile, 'law'>): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const def of reportRowDefs(profile)) {
    const row0 = values.rows[def.code];
    if (row0 === undefined) continue;
    if (def.kind === 'count') {
      const fig = report.counts[def.code];
      for (const key of figureKeysOf(def.code)) {
        const col0 = values.columns[key];
        if (col0 !== undefined && fig) writes.push({ row0, col0, value: fig[key] ?? 0 });
      }
      const notesCol0 = values.columns.notes;
      if (notesCol0 !== undefined && (def.code === '1' || def.code.startsWith('4.'))) {
        const existing = values.sheet?.rows[row0]?.[notesCol0] ?? null;
        const notes = notesWithExclusions(existing, report.excluded[def.code]);
        if (notes !== existing && !(notes === null && (existing === '' || existing === null))) writes.push({ row0, col0: notesCol0, value: notes });
      }
    } else if (def.kind === 'percent') {
      const col0 = values.columns.total;
      if (col0 !== undefined) writes.push({ row0, col0, value: percentCellValue(report.percents[def.code] ?? null) });
    }
  }
  return writes;
}

const PERIOD_LABEL = foldText('Kỳ báo cáo');
const PREPARED_LABELS = ['Ngày lập biểu', 'Ngày lập', 'Date prepared'].map(foldText);
/** The date line as the template leaves it (`…, ngày …… tháng …… năm ……`) or as a fill wrote it. */
const DATE_LINE = /^(.+?),\s*ngày\s+(?:…+|\.+|\d{1,2})\s+tháng\s+(?:…+|\.+|\d{1,2})\s+năm\s+(?:…+|\.+|\d{4})\s*$/u;

/**
 * The header cells a fill writes besides the figures: `Kỳ báo cáo` (the period the figures
 * count, the same text the template and the consolidated workbook show), and, given the day the
 * report is prepared, `Ngày lập` and the official date line (`<place>, ngày 05 tháng 12 năm 2026`).
 * A label's value is the cell to its right, or the rest of the label's own cell after `:`.
 * Only a date line still in the template's form (dots) or in a fill's own form is rewritten: a
 * line the clerk wrote differently is theirs.
 */
export function reportHeaderWrites(values: ReportSheetValues, report: Pick<ReportData, 'period'>, preparedOn?: Date): CellWrite[] {
  const sheet = values.sheet;
  if (!sheet) return [];
  const writes: CellWrite[] = [];
  const end = values.headerRow0 ?? Math.min(sheet.rows.length, 20);
  const done = new Set<string>();
  const labelled = (row0: number, col0: number, text: string, label: string, value: string): void => {
    if (done.has(label)) return;
    done.add(label);
    const colon = text.indexOf(':');
    if (colon >= 0 && text.slice(colon + 1).trim() !== '') writes.push({ row0, col0, value: `${text.slice(0, colon + 1)} ${value}` });
    else writes.push({ row0, col0: col0 + 1, value });
  };
  for (let r = 0; r < end; r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const text = textOf(row[c]);
      if (text === null) continue;
      const dateLine = DATE_LINE.exec(text);
      if (dateLine) {
        if (preparedOn && !done.has('date-line')) {
          done.add('date-line');
          const line = filledDateLine(dateLine[1].trim(), preparedOn);
          if (line !== text) writes.push({ row0: r, col0: c, value: line });
        }
        continue;
      }
      const label = foldText(text.split(':')[0]);
      if (label === PERIOD_LABEL) labelled(r, c, text, 'period', periodText(report.period));
      else if (preparedOn && PREPARED_LABELS.includes(label)) labelled(r, c, text, 'prepared', fmtDate(preparedOn));
    }
  }
  return writes.filter((w) => sheet.rows[w.row0]?.[w.col0] !== w.value);
}

/** Report codes of the profile missing from the sheet (a deleted row cannot be filled). */
export function missingReportRows(values: ReportSheetValues, profile: Pick<Profile, 'law'>): string[] {
  return reportRowDefs(profile)
    .map((d) => d.code)
    .filter((code) => values.rows[code] === undefined);
}
