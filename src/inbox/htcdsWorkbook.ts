/**
 * Writes the HTCDS case list as IOM's Excel toolkit lays it out (docs/htcds.md): `Case Sheet`
 * (field names in a hidden row 1, the toolkit's labels in row 2, a running number in column A,
 * the toolkit's data validation on the same columns), `Support Plan` (one row per type of
 * support a case received), `about` (the toolkit's two lines, then what the file is and how much
 * detail the anonymisation kept) and `validation` (the toolkit's lists, which the validation
 * refers to).
 */
import ExcelJS from 'exceljs';
import { formatPercent } from '../domain/format';
import { CASE_FIELDS, SUPPORT_PLAN_FIELDS, SUPPORT_PLAN_LABEL, UNKNOWN, WITHHELD } from '../domain/htcds';
import { TOOLKIT_COUNTRIES, TOOLKIT_LISTS, TOOLKIT_VALIDATED_COLUMNS } from '../domain/htcdsLists';
import { LOSS_WEIGHTS, type PublishedCase, type QuarterAnonymisation } from '../domain/htcdsRows';
import { DEFAULT_SUPPRESSION_BUDGET, type QuasiIdentifier } from '../domain/kanon';
import type { HtcdsCase } from '../domain/htcds';
import type { Profile } from '../domain/schema/profile';
import type { Letterhead } from '../domain/templatePrint';
import { pageSetupOf, PAGE_FOOTER, writeLetterhead } from '../xlsx/print';
import { planName } from '../domain/planName';

export const CASE_SHEET = 'Case Sheet';
export const SUPPORT_SHEET = 'Support Plan';
export const ABOUT_SHEET = 'about';
export const VALIDATION_SHEET = 'validation';

export interface WorkbookInfo {
  profile: Profile;
  year: number;
  quarter: number | null;
  k: number;
  now: Date;
  quarters: QuarterAnonymisation[];
  merged: number;
  qis: readonly QuasiIdentifier<HtcdsCase>[];
  /** The inbox's letterhead, printed above the `about` sheet (the inbox's download). */
  letterhead?: Letterhead & { place: string };
  /** The province the cases come from (`Tỉnh Khánh Hoà`), named as the source; default the plan's. */
  province?: string;
}

/** The toolkit validates rows 3–502; a longer list is validated to its end. */
const validatedRows = (rows: number): number => Math.max(502, rows + 2);

const SUPPORT_TYPE_HEADING = 'Support Plan Type';

/** The validation sheet's lists, in the toolkit's column order (B…P), then ours (Q). */
function validationLists(): [string, readonly (string | Date)[]][] {
  const L = TOOLKIT_LISTS;
  return [
    ['Gender', L.Gender],
    ['Date Start', [new Date(Date.UTC(1899, 11, 31)), 'Date Finish', new Date(Date.UTC(2100, 0, 1))]],
    ['Country Code', Object.keys(TOOLKIT_COUNTRIES)],
    ['Country', Object.values(TOOLKIT_COUNTRIES)],
    ['Method of Recruitment', L['Method of Recruitment']],
    ['Methods of Control', L['Methods of Control']],
    ['Type of Exploitation', L['Type of Exploitation']],
    ['Forced Labour Industry', L['Forced Labour Industry']],
    ['Type of Sex Exploitation', L['Type of Sex Exploitation']],
    ['Vulnerabilities', L.Vulnerabilities],
    ['Status', L.Status],
    ['Reason for Incoming Referral', L['Reason for Incoming Referral']],
    ['Reason for Outgoing Referral', L['Reason for Outgoing Referral']],
    ['Trafficking Status', L['Trafficking Status']],
    ['Trafficking Status Decision Making Organization', L['Trafficking Status Decision Making Organization']],
    [SUPPORT_TYPE_HEADING, Object.values(SUPPORT_PLAN_LABEL)],
  ];
}

const letter = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

function writeValidationSheet(wb: ExcelJS.Workbook): Map<string, string> {
  const ws = wb.addWorksheet(VALIDATION_SHEET);
  ws.getCell('A1').value = 'Validation Lookups';
  const ranges = new Map<string, string>();
  validationLists().forEach(([heading, values], i) => {
    const col = i + 2;
    ws.getCell(3, col).value = heading;
    values.forEach((v, r) => (ws.getCell(4 + r, col).value = v));
    ranges.set(heading, `${VALIDATION_SHEET}!$${letter(col)}$4:$${letter(col)}$${3 + values.length}`);
    ws.getColumn(col).width = 24;
  });
  return ranges;
}

/** exceljs has range validations (`dataValidations.add`) but its types do not declare them. */
const validationsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;

function listValidation(range: string): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, showInputMessage: true, showErrorMessage: true, formulae: [range] };
}

function headerRows(ws: ExcelJS.Worksheet, fields: readonly (readonly [string, string])[]): void {
  ws.addRow([null, ...fields.map(([name]) => name)]);
  ws.addRow([null, ...fields.map(([, label]) => label)]);
  ws.getRow(1).hidden = true;
  ws.getRow(2).font = { bold: true };
}

export async function writeHtcdsWorkbook(cases: readonly PublishedCase[], info: WorkbookInfo): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'vn-ctt-registry';
  wb.created = info.now;

  const ws = wb.addWorksheet(CASE_SHEET, { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  headerRows(ws, CASE_FIELDS);
  const support = wb.addWorksheet(SUPPORT_SHEET, { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  headerRows(support, SUPPORT_PLAN_FIELDS);
  let plan = 0;
  cases.forEach((c, i) => {
    ws.addRow([i + 1, ...CASE_FIELDS.map(([name]) => (c.fields[name] === undefined || c.fields[name] === '' ? null : c.fields[name]))]);
    for (const type of c.support) support.addRow([++plan, i + 1, type]);
  });
  ws.getColumn(1).width = 6;
  CASE_FIELDS.forEach((_f, i) => (ws.getColumn(i + 2).width = 18));
  support.getColumn(1).width = 6;
  SUPPORT_PLAN_FIELDS.forEach((_f, i) => (support.getColumn(i + 2).width = 22));

  writeAbout(wb, cases, info);

  // The toolkit's own validation, on the same columns, against the same lists.
  const ranges = writeValidationSheet(wb);
  const last = validatedRows(cases.length);
  for (const [col, heading] of Object.entries(TOOLKIT_VALIDATED_COLUMNS)) {
    const range = ranges.get(heading);
    if (range) validationsOf(ws).add(`${col}3:${col}${last}`, listValidation(range));
  }
  validationsOf(support).add(`C3:C${validatedRows(plan)}`, listValidation(ranges.get(SUPPORT_TYPE_HEADING)!));
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Attribute names on the cover, by QI name. */
const ATTRIBUTE_WORDS: Record<string, { vi: string; en: string; field: string }> = {
  exploitation: { vi: 'Loại bóc lột (mục đích)', en: 'Type of exploitation', field: 'vic_TypeOfExploitation' },
  citizenship: { vi: 'Quốc tịch', en: 'Citizenship', field: 'prs_Citizenship' },
  status: { vi: 'Tình trạng xác minh', en: 'Trafficking status', field: 'vic_TraffickingStatus' },
  age: { vi: 'Nhóm tuổi', en: 'Age group', field: 'vn_AgeGroup' },
  sex: { vi: 'Giới tính', en: 'Gender', field: 'prs_Gender' },
  province: { vi: 'Tỉnh', en: 'Province', field: 'vn_Province' },
  decisionOrg: { vi: 'Cơ quan xác định', en: 'Deciding body', field: 'vic_TraffickinStatusDecisionMakingOrg' },
};

/** HTCDS support plan types in Vietnamese, for the cover sheet. */
const SUPPORT_WORDS_VI: Record<string, string> = {
  Education: 'Giáo dục',
  Financial: 'Tài chính',
  Health: 'Y tế, tâm lý',
  Legal: 'Pháp lý',
  Livelihood: 'Sinh kế, việc làm',
  SocialCare: 'Chăm sóc xã hội',
};

function attributeWords(name: string): { vi: string; en: string; field: string } {
  if (ATTRIBUTE_WORDS[name]) return ATTRIBUTE_WORDS[name];
  const type = name.replace(/^support:/, '');
  const label = SUPPORT_PLAN_LABEL[type] ?? type;
  return { vi: `Hỗ trợ: ${SUPPORT_WORDS_VI[type] ?? label}`, en: `Support: ${label}`, field: `spl_Type ${label}` };
}

const dmy = (d: Date): string => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

function writeAbout(wb: ExcelJS.Workbook, cases: readonly PublishedCase[], info: WorkbookInfo): void {
  const ws = wb.addWorksheet(ABOUT_SHEET, { pageSetup: pageSetupOf({ orientation: 'portrait' }), headerFooter: PAGE_FOOTER });
  const q = info.quarters;
  const width = 2 + q.length + (q.length > 1 ? 1 : 0);
  ws.columns = [{ width: 40 }, ...Array.from({ length: width - 1 }, () => ({ width: 16 }))];
  if (info.letterhead) {
    writeLetterhead(ws, info.letterhead, info.letterhead.place, width, { left: [0, 0], right: [1, width - 1] });
    ws.addRow([]);
  }
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  // Spreadsheet programs do not re-measure wrapped rows when printing: each row is given the
  // height its longest cell needs (about one character per width unit, 15 points per line).
  const lines = (text: string, chars: number) => Math.max(1, Math.ceil(text.length / Math.max(1, chars - 2)));
  const fit = (row: ExcelJS.Row, cells: [string, number][]) => (row.height = 15 * Math.max(...cells.map(([text, chars]) => lines(text, chars))));
  const line = (a: string, b?: string | number, bold = false) => {
    const row = ws.addRow(b === undefined ? [a] : [a, b]);
    if (b !== undefined && width > 2) ws.mergeCells(row.number, 2, row.number, width);
    row.getCell(1).alignment = wrap;
    row.getCell(2).alignment = wrap;
    if (bold) row.font = { bold: true };
    if (b !== undefined) fit(row, [[a, 40], [String(b), 16 * (width - 1)]]);
    return row;
  };
  // The toolkit's own first two lines.
  line('Microsoft Excel HTCDS 2.0');
  line('https://github.com/UNMigration/HTCDS');
  ws.addRow([]);
  const period = info.quarter === null ? `${info.year}` : `Q${info.quarter}/${info.year}`;
  const total = q.reduce((s, x) => s + x.cases, 0);
  const kept = cases.length;
  line('Nguồn / Source', `${planName(info.profile, 'vi')} / ${planName(info.profile, 'en')} (${info.profile.id}), ${info.province ?? info.profile.province}`);
  line('Kỳ / Period', `${period} — theo quý tiếp nhận / by quarter received`);
  line('Tạo ngày / Generated', dmy(info.now));
  line('Chỉ gồm / Only', 'Trường hợp đồng ý chia sẻ; không họ tên, số giấy tờ, địa chỉ hay ngày chính xác / consented cases; no names, ID numbers, addresses or exact dates');
  line('Mỗi người một dòng / One row per person', `${info.merged} hồ sơ trùng người giữa các đơn vị đã gộp (cùng số CCCD/hộ chiếu, hoặc cùng họ tên và ngày sinh) / ${info.merged} cases registered by two units merged (same ID number, or same name and date of birth)`);
  line(
    'k-ẩn danh / k-anonymity',
    `k = ${info.k}: mỗi tổ hợp các cột đã ghi (trừ tình trạng xác minh) có ít nhất ${info.k} dòng / every combination of the written columns but the trafficking status is shared by at least ${info.k} rows`,
  );
  line(
    'l-đa dạng / l-diversity',
    'l = 2: nhóm nào chỉ có một tình trạng xác minh thì tình trạng (và cơ quan xác định) được ẩn / a group holding one trafficking status only has its status (and deciding body) withheld',
  );
  line(
    'Quý và năm / Quarter and year',
    'Ẩn danh riêng từng quý tiếp nhận: tệp một quý đúng bằng các dòng của quý đó trong tệp cả năm / each quarter received is anonymised on its own: a quarter’s file is exactly that quarter’s rows of the year’s file',
  );
  line('Dòng bị loại / Suppressed rows', `${total - kept} / ${total} (tối đa / at most ${formatPercent(DEFAULT_SUPPRESSION_BUDGET * 100, 'en')} mỗi quý / per quarter)`);
  line(
    'Ký hiệu / Markers',
    `${UNKNOWN}: sổ không ghi / not recorded. ${WITHHELD}: ẩn để bảo vệ danh tính / withheld for anonymity. Ô trống ở cột của bộ công cụ: xem vn_Unknown (sổ không ghi) và vn_Withheld (đã ẩn hoặc gộp nhóm) / an empty toolkit cell: see vn_Unknown (not recorded) and vn_Withheld (withheld or coarsened).`,
  );
  ws.addRow([]);

  // How much detail each attribute kept, per quarter: the share of the quarter's cases whose
  // value is written at full detail (not coarsened, withheld or suppressed).
  const head = ws.addRow(['Mức chi tiết giữ lại / Detail kept', ...q.map((x) => `Q${x.quarter}/${x.year}`), ...(q.length > 1 ? ['Cả kỳ / All'] : [])]);
  head.font = { bold: true };
  const all = (f: (x: QuarterAnonymisation) => number) => q.reduce((s, x) => s + f(x), 0);
  const figures = (label: string, f: (x: QuarterAnonymisation) => number, whole: number) => ws.addRow([label, ...q.map(f), ...(q.length > 1 ? [whole] : [])]);
  figures('Số trường hợp / Cases', (x) => x.cases, all((x) => x.cases));
  figures('Dòng bị loại / Suppressed rows', (x) => x.result.suppressed, all((x) => x.result.suppressed));
  const smallest = q.map((x) => x.result.loss.smallestClass).filter((n) => n > 0);
  figures('Nhóm nhỏ nhất / Smallest class', (x) => x.result.loss.smallestClass, smallest.length ? Math.min(...smallest) : 0);
  const names = [...info.qis.map((x) => x.name), 'status'].sort((a, b) => weightOf(b) - weightOf(a));
  for (const name of names) {
    const words = attributeWords(name);
    const exact = (x: QuarterAnonymisation) => x.result.loss.attributes.find((a) => a.name === name)?.exact ?? 0;
    const share = (n: number, d: number) => (d === 0 ? '—' : formatPercent((100 * n) / d, 'en'));
    const label = `${words.vi} / ${words.en} (${words.field})`;
    fit(ws.addRow([label, ...q.map((x) => share(exact(x), x.cases)), ...(q.length > 1 ? [share(all(exact), total)] : [])]), [[label, 40]]);
  }
  for (let r = head.number; r <= ws.rowCount; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      if (c > 1) cell.alignment = { horizontal: 'right' };
      else cell.alignment = wrap;
    }
  }
}

function weightOf(name: string): number {
  if (name === 'status') return LOSS_WEIGHTS.status + 0.1;
  if (name.startsWith('support:')) return LOSS_WEIGHTS.support;
  return (LOSS_WEIGHTS as Record<string, number>)[name] ?? 0;
}

