/**
 * FMT: is this our template, is it intact, and is its text safe and readable (docs/rules.md).
 * FMT-01/02 are fatal: check.ts runs `templateFindings` first and stops when they fire.
 */
import { makeFinding, type Finding } from '../finding';
import type { ParsedWorkbook, RegistryRecord, SupportRecord, TableLayout } from '../model';
import { MetaSchema, TEMPLATE_ID, TEMPLATE_VERSION } from '../schema/meta';
import { planName } from '../planName';
import { REGISTRY_COLUMNS, SUPPORT_COLUMNS, type ColumnSpec } from '../schema/registry';
import { REPORT_HEADERS, type ReportSheetValues } from '../model';
import { SHEET, cellAddress, type CellValue } from '../sheet';
import { decodeLegacy, detectLegacyEncoding, isFormulaLike } from '../text';
import { textRowsOf } from '../textFlags';
import { EXCEL_CELL_LIMIT, unsafeText } from '../textSafety';
import type { Rule, RuleContext } from './types';
import { supersededText } from '../unitHistory';

/** Row (0-based) of each `_meta` key, when the parse stage recorded it. */
function metaRow(parsed: ParsedWorkbook, key: string): number | null {
  const cells = (parsed as ParsedWorkbook & { metaCells?: Record<string, number> }).metaCells;
  return cells && cells[key] !== undefined ? cells[key] : null;
}

function metaFinding(parsed: ParsedWorkbook, rule: string, key: string | null, vi: string, en: string): Finding {
  const row0 = key === null ? null : metaRow(parsed, key);
  const value = key === null ? null : (parsed.metaRaw[key] ?? null);
  return makeFinding(rule, rule === 'FMT-07' ? 'warning' : 'fatal', { sheet: SHEET.meta, row0, col0: row0 === null ? null : 1, field: key }, value, vi, en);
}

/** FMT-01 / FMT-02: the workbook is not one of our templates, or a newer one. Nothing else can
 *  be trusted then, so these are checked before any other rule. */
export function templateFindings(parsed: ParsedWorkbook): Finding[] {
  const raw = parsed.metaRaw;
  const redo = 'Hãy tạo một sổ theo dõi mới theo mẫu rồi chép dữ liệu sang.';
  const redoEn = 'Create a new register workbook from the template and copy the data over.';
  if (Object.keys(raw).length === 0) {
    return [metaFinding(parsed, 'FMT-01', null, `Tệp này không phải sổ theo dõi theo mẫu: thiếu trang tính ẩn "_meta". ${redo}`, `This is not a register template workbook: the hidden sheet "_meta" is missing. ${redoEn}`)];
  }
  const template = typeof raw.template === 'string' ? raw.template.trim() : raw.template;
  if (template !== TEMPLATE_ID) {
    return [metaFinding(parsed, 'FMT-01', 'template', `Tệp này không phải sổ theo dõi theo mẫu: trang tính ẩn "_meta" ghi một mẫu khác (${JSON.stringify(template ?? '')}). ${redo}`, `This is not a register template workbook: the hidden sheet "_meta" names another template (${JSON.stringify(template ?? '')}). ${redoEn}`)];
  }
  const version = Number(raw.template_version);
  if (Number.isFinite(version) && version > TEMPLATE_VERSION) {
    return [metaFinding(parsed, 'FMT-02', 'template_version', `Sổ dùng mẫu phiên bản ${version}, phần mềm này chỉ biết đến phiên bản ${TEMPLATE_VERSION}: hãy cập nhật phần mềm.`, `The workbook uses template version ${version}; this software knows up to version ${TEMPLATE_VERSION}: update the software.`)];
  }
  if (!parsed.meta) {
    const issues = MetaSchema.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])));
    const keys = issues.success ? [] : [...new Set(issues.error.issues.map((i) => String(i.path[0] ?? '?')))];
    const first = keys[0] ?? null;
    return [metaFinding(parsed, 'FMT-01', first, `Trang tính "_meta" bị hỏng: thiếu hoặc sai ${keys.join(', ')}. ${redo}`, `Sheet "_meta" is damaged: ${keys.join(', ')} missing or invalid. ${redoEn}`)];
  }
  if (!parsed.profile) {
    return [metaFinding(parsed, 'FMT-01', 'profile', `Kế hoạch "${parsed.meta.profile}" trong "_meta" không có trong phần mềm. ${redo}`, `Plan profile "${parsed.meta.profile}" in "_meta" is unknown to this software. ${redoEn}`)];
  }
  if (!parsed.unit) {
    return [metaFinding(parsed, 'FMT-01', 'unit_code', `Đơn vị "${parsed.meta.unit_code}" không thuộc kế hoạch ${planName(parsed.profile, 'vi')}. ${redo}`, `Unit "${parsed.meta.unit_code}" is not in plan ${planName(parsed.profile, 'en')}. ${redoEn}`)];
  }
  return [];
}

function fatalRule(id: 'FMT-01' | 'FMT-02', vi: string, en: string): Rule {
  return { id, severity: 'fatal', fields: [], description_vi: vi, description_en: en, check: (ctx) => templateFindings(ctx.parsed).filter((f) => f.rule === id) };
}

/** FMT-03 for a registry/support table: sheet, header row or required headers missing. */
function tableHeaderFindings(layout: ParsedWorkbook['registry'] | ParsedWorkbook['support'], name: string, columns: readonly ColumnSpec[]): Finding[] {
  const sev = 'error';
  if (!layout.sheet) {
    return [makeFinding('FMT-03', sev, { sheet: name }, null, `Thiếu trang tính "${name}": hãy dùng sổ theo mẫu.`, `Sheet "${name}" is missing: use the template workbook.`)];
  }
  const sheet = layout.sheet.name;
  if (layout.headerRow0 === null) {
    return [makeFinding('FMT-03', sev, { sheet }, null, `Trang tính "${sheet}": không tìm thấy dòng tiêu đề cột trong 10 dòng đầu: hãy khôi phục tiêu đề theo mẫu.`, `Sheet "${sheet}": no header row in the first 10 rows: restore the template headers.`)];
  }
  const row0 = layout.headerRow0;
  return columns
    .filter((c) => c.required !== 'no' && (layout.missing as string[]).includes(c.key))
    .map((c) =>
      makeFinding('FMT-03', sev, { sheet, row0, field: c.key }, null, `Trang tính "${sheet}", dòng ${row0 + 1}: thiếu cột bắt buộc "${c.header_vi}": hãy thêm lại cột này với đúng tiêu đề.`, `Sheet "${sheet}", row ${row0 + 1}: the required column "${c.header_vi}" (${c.header_en}) is missing: add it back with this exact header.`),
    );
}

const REPORT_COLUMN_KEYS = ['code', 'label', 'total', 'male', 'female', 'under16', 'age16to18', 'adult', 'unknown_age', 'amount', 'notes'] as const;

/** FMT-03 for the report: sheet, table header row, or one of its columns missing (the header
 *  is read by R2's `readReportSheet`; missing row codes are RPT's business). */
function reportHeaderFindings(report: ReportSheetValues): Finding[] {
  const name = SHEET.report;
  if (!report.sheet) return [makeFinding('FMT-03', 'error', { sheet: name }, null, `Thiếu trang tính "${name}": hãy dùng sổ theo mẫu.`, `Sheet "${name}" is missing: use the template workbook.`)];
  const sheet = report.sheet.name;
  if (report.headerRow0 === null) {
    return [makeFinding('FMT-03', 'error', { sheet }, null, `Trang tính "${sheet}": không tìm thấy dòng tiêu đề bảng (${REPORT_HEADERS.join(' | ')}): hãy khôi phục theo mẫu.`, `Sheet "${sheet}": the table header row (${REPORT_HEADERS.join(' | ')}) was not found: restore it from the template.`)];
  }
  const row0 = report.headerRow0;
  const out: Finding[] = [];
  REPORT_COLUMN_KEYS.forEach((key, i) => {
    if (report.columns[key] === undefined) {
      out.push(makeFinding('FMT-03', 'error', { sheet, row0, field: key }, null, `Trang tính "${sheet}", dòng ${row0 + 1}: thiếu cột "${REPORT_HEADERS[i]}": hãy thêm lại theo mẫu.`, `Sheet "${sheet}", row ${row0 + 1}: column "${REPORT_HEADERS[i]}" is missing: add it back as in the template.`));
    }
  });
  return out;
}

function unknownColumnFindings(layout: ParsedWorkbook['registry'] | ParsedWorkbook['support']): Finding[] {
  if (!layout.sheet || layout.headerRow0 === null) return [];
  const sheet = layout.sheet.name;
  const row0 = layout.headerRow0;
  return layout.unknownColumns.map((u) =>
    makeFinding('FMT-04', 'info', { sheet, row0, col0: u.col0 }, u.header, `Cột "${u.header}" (ô ${cellAddress(row0, u.col0)}) không thuộc mẫu nên được bỏ qua khi kiểm tra và tổng hợp.`, `Column "${u.header}" (cell ${cellAddress(row0, u.col0)}) is not in the template and is ignored by checks and the report.`),
  );
}

/** Code columns whose typed value, when present, proves the cell is a clean code-list value
 *  (so neither legacy text nor a formula): those cells are skipped, the rest are scanned. */
const REGISTRY_TYPED: Partial<Record<string, (r: RegistryRecord) => unknown>> = {
  sex: (r) => r.sex,
  nationality: (r) => r.nationality,
  ethnicity: (r) => r.ethnicity,
  receipt_channel: (r) => r.receipt_channel,
  destination: (r) => r.destination,
  purpose: (r) => r.purpose,
  verification_status: (r) => r.verification_status,
  verifying_agency: (r) => r.verifying_agency,
  protection: (r) => r.protection,
  child_referral: (r) => r.child_referral,
  consent_share: (r) => r.consent_share,
  commune: (r) => r.commune,
};
const SUPPORT_TYPED: Partial<Record<string, (r: SupportRecord) => unknown>> = { type: (r) => r.type };

interface TextFindings {
  fmt05: Finding[];
  fmt06: Finding[];
  fmt08: Finding[];
}

/** FMT-08 for one text cell (too long for Excel, or XML-forbidden characters), or nothing. */
function unsafeCell(sheet: string, row0: number, col0: number, field: string | null, value: string, out: Finding[]): void {
  const bad = unsafeText(value);
  if (!bad) return;
  const address = cellAddress(row0, col0);
  const place = { sheet, row0, col0, field };
  // The finding's value is clipped: a 40,000-character cell must not travel in every list.
  const shownValue = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  out.push(
    bad.kind === 'length'
      ? makeFinding('FMT-08', 'error', place, shownValue, `Ô ${address} của trang tính "${sheet}" dài ${bad.length.toLocaleString('vi-VN')} ký tự, quá giới hạn ${EXCEL_CELL_LIMIT.toLocaleString('vi-VN')} ký tự của Excel: hãy rút ngắn nội dung (hoặc chia sang ô khác).`, `Cell ${address} of sheet "${sheet}" holds ${bad.length.toLocaleString('en-US')} characters, over Excel's limit of ${EXCEL_CELL_LIMIT.toLocaleString('en-US')}: shorten it (or split it over cells).`)
      : makeFinding('FMT-08', 'error', place, shownValue, `Ô ${address} của trang tính "${sheet}" chứa ký tự điều khiển ${bad.char} mà tệp Excel không lưu được (thường do chép từ phần mềm khác): hãy gõ lại nội dung ô này.`, `Cell ${address} of sheet "${sheet}" holds the control character ${bad.char}, which an Excel file cannot store (usually pasted from another program): type the cell's text again.`),
  );
}

/** One pass per check for both FMT-05 and FMT-06 (kept per rule context). */
const textCache = new WeakMap<RuleContext, TextFindings>();

function scanTable<R extends { row0: number; raw: Partial<Record<string, CellValue>> }>(table: TableLayout<string> & { records: R[] }, typed: Partial<Record<string, (r: R) => unknown>>, out: TextFindings): void {
  if (!table.sheet) return;
  const sheet = table.sheet.name;
  const entries = Object.entries(table.columns) as [string, number][];
  const keys = entries.map((e) => e[0]);
  const cols = Int32Array.from(entries, (e) => e[1]);
  const typedOf = keys.map((k) => typed[k]);
  // Each record's raw values are its row's cells in these columns (parse.ts), so a streaming
  // reader need not keep the sheet's grid for this scan. Only the rows the parse marked as
  // holding a cell one of the three rules objects to (textFlags.ts) are visited; records made
  // otherwise (unmarked) are all visited.
  const records = table.records;
  const marked = textRowsOf(records);
  const count = marked ? marked.length : records.length;
  for (let m = 0; m < count; m++) {
    const record = records[marked ? marked[m] : m];
    const raw = record.raw;
    for (let k = 0; k < cols.length; k++) {
      const value = raw[keys[k]];
      if (typeof value !== 'string' || value === '') continue;
      // Before the code-list shortcut: a matched code may still carry a control character.
      unsafeCell(sheet, record.row0, cols[k], keys[k], value, out.fmt08);
      const proven = typedOf[k];
      if (proven !== undefined && proven(record) !== null) continue;
      const col0 = cols[k];
      if (isFormulaLike(value)) {
        const place = { sheet, row0: record.row0, col0, field: keys[k] };
        const address = cellAddress(record.row0, col0);
        const first = JSON.stringify(value[0]).slice(1, -1);
        out.fmt06.push(makeFinding('FMT-06', 'warning', place, value, `Ô ${address} bắt đầu bằng "${first}" nên có thể bị Excel hiểu là công thức: hãy bỏ ký tự đó hoặc thêm dấu ' ở đầu.`, `Cell ${address} starts with "${first}" and could run as a formula: remove that character or prefix the text with '.`));
      }
      const encoding = detectLegacyEncoding(value);
      if (encoding) {
        const place = { sheet, row0: record.row0, col0, field: keys[k] };
        const address = cellAddress(record.row0, col0);
        const fixed = decodeLegacy(value, encoding);
        out.fmt05.push(makeFinding('FMT-05', 'warning', place, value, `Ô ${address} có chữ gõ bằng bảng mã cũ ${encoding} ("${value}", có lẽ là "${fixed}"): hãy chuyển sang Unicode (Unikey: Chuyển mã) rồi nhập lại.`, `Cell ${address} holds text typed in the legacy ${encoding} encoding ("${value}", probably "${fixed}"): convert it to Unicode (Unikey's converter) and enter it again.`));
      }
    }
  }
}

/** Every text cell of the report sheet (header values, labels, notes, narrative, hand-typed
 *  6.4/6.5): FMT-08, and FMT-05 (a narrative typed with a TCVN3 font is as unreadable there). */
function scanReport(report: ReportSheetValues, out: TextFindings): void {
  if (!report.sheet) return;
  const { name, rows } = report.sheet;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value !== 'string' || value === '') continue;
      const field = c === report.columns.notes ? 'notes' : null;
      unsafeCell(name, r, c, field, value, out.fmt08);
      const encoding = detectLegacyEncoding(value);
      if (encoding) {
        const address = cellAddress(r, c);
        const fixed = decodeLegacy(value, encoding);
        out.fmt05.push(makeFinding('FMT-05', 'warning', { sheet: name, row0: r, col0: c, field }, value, `Ô ${address} có chữ gõ bằng bảng mã cũ ${encoding} ("${value}", có lẽ là "${fixed}"): hãy chuyển sang Unicode (Unikey: Chuyển mã) rồi nhập lại.`, `Cell ${address} holds text typed in the legacy ${encoding} encoding ("${value}", probably "${fixed}"): convert it to Unicode (Unikey's converter) and enter it again.`));
      }
    }
  }
}

function textCellFindings(ctx: RuleContext): TextFindings {
  let found = textCache.get(ctx);
  if (!found) {
    found = { fmt05: [], fmt06: [], fmt08: [] };
    scanTable(ctx.parsed.registry, REGISTRY_TYPED, found);
    scanTable(ctx.parsed.support, SUPPORT_TYPED, found);
    scanReport(ctx.parsed.report, found);
    textCache.set(ctx, found);
  }
  return found;
}

export const FMT_RULES: Rule[] = [
  fatalRule('FMT-01', 'Không phải sổ theo mẫu: thiếu "_meta" hoặc template khác "vn-ctt-registry"', 'Not a template workbook: "_meta" missing or template is not "vn-ctt-registry"'),
  fatalRule('FMT-02', 'Mẫu sổ mới hơn phiên bản phần mềm biết', 'Template version newer than this software knows'),
  {
    id: 'FMT-03',
    severity: 'error',
    fields: [],
    description_vi: 'Thiếu tiêu đề cột bắt buộc của sổ theo dõi, sổ hỗ trợ hoặc báo cáo',
    description_en: 'A required registry, support or report header is missing',
    check: (ctx) => [
      ...tableHeaderFindings(ctx.parsed.registry, SHEET.registry, REGISTRY_COLUMNS),
      ...tableHeaderFindings(ctx.parsed.support, SHEET.support, SUPPORT_COLUMNS),
      ...reportHeaderFindings(ctx.parsed.report),
    ],
  },
  {
    id: 'FMT-04',
    severity: 'info',
    fields: [],
    description_vi: 'Cột không thuộc mẫu (bỏ qua)',
    description_en: 'Unknown column header (ignored)',
    check: (ctx) => [...unknownColumnFindings(ctx.parsed.registry), ...unknownColumnFindings(ctx.parsed.support)],
  },
  {
    id: 'FMT-05',
    severity: 'warning',
    fields: [],
    description_vi: 'Chữ gõ bằng bảng mã cũ TCVN3/VNI (sổ theo dõi, sổ hỗ trợ, báo cáo)',
    description_en: 'Text in the legacy TCVN3/VNI encoding (registry, support log, report)',
    check: (ctx) => textCellFindings(ctx).fmt05,
  },
  {
    id: 'FMT-06',
    severity: 'warning',
    fields: [],
    description_vi: 'Ô chữ bắt đầu bằng =, +, -, @, tab hoặc xuống dòng (nguy cơ chèn công thức)',
    description_en: 'Text cell starting with =, +, -, @, tab or CR (formula injection risk)',
    check: (ctx) => textCellFindings(ctx).fmt06,
  },
  {
    id: 'FMT-07',
    severity: 'warning',
    fields: ['year', 'unit_code'],
    description_vi: 'Năm của sổ nằm ngoài giai đoạn của kế hoạch, hoặc mã đơn vị trong _meta đã được văn bản thay thế (sổ được đọc theo đơn vị kế thừa)',
    description_en: "Workbook year outside the plan's years, or a _meta unit code superseded by a legal act (the workbook is read as its successor)",
    check: (ctx) => {
      const meta = ctx.parsed.meta;
      if (!meta) return [];
      const out: Finding[] = [];
      const years = ctx.profile.years;
      if (meta.year < years.from || meta.year > years.to) {
        out.push(metaFinding(ctx.parsed, 'FMT-07', 'year', `Sổ năm ${meta.year} nằm ngoài các năm của kế hoạch ${planName(ctx.profile, 'vi')}: kiểm tra lại năm hoặc chọn kế hoạch khác.`, `Workbook year ${meta.year} is outside the years of plan ${planName(ctx.profile, 'en')}: check the year or use another plan.`));
      }
      const gone = ctx.unit?.superseded;
      if (gone) {
        const text = supersededText(gone);
        const next =
          gone.successors.length === 1
            ? { vi: `Sổ được kiểm tra theo ${gone.successors[0].name}; từ kỳ sau hãy lập sổ với mã ${gone.successors[0].code}.`, en: `The workbook is checked as ${gone.successors[0].name}; from the next period make the workbook with code ${gone.successors[0].code}.` }
            : { vi: 'Sổ vẫn được kiểm tra theo đơn vị cũ; hỏi Sở đơn vị nào báo cáo từ kỳ sau.', en: 'The workbook is still checked as the former unit; ask the department which unit reports from the next period.' };
        out.push(metaFinding(ctx.parsed, 'FMT-07', 'unit_code', `Mã đơn vị "${meta.unit_code}" trong _meta: ${text.vi}. ${next.vi}`, `Unit code "${meta.unit_code}" in _meta: ${text.en}. ${next.en}`));
      }
      return out;
    },
  },
  {
    id: 'FMT-08',
    severity: 'error',
    fields: [],
    description_vi: 'Ô chữ dài quá 32.767 ký tự (giới hạn của Excel) hoặc chứa ký tự điều khiển mà XML 1.0 không cho phép',
    description_en: "Text cell longer than 32,767 characters (Excel's limit) or holding characters XML 1.0 forbids",
    check: (ctx) => textCellFindings(ctx).fmt08,
  },
];
