/**
 * The HTCDS case list (docs/cli.md `vr export --format htcds`, docs/data-protection.md): consented rows only, no
 * direct identifiers, k-anonymous over (sex, age group, nationality, purpose, province). Shared
 * by the command line (files on disk) and the staff page's download (the inbox's submissions).
 */
import ExcelJS from 'exceljs';
import { UserError } from '../domain/errors';
import { HTCDS_FIELDS, HTCDS_QUASI_IDENTIFIERS, htcdsCases, htcdsRow, type HtcdsCase } from '../domain/htcds';
import { kAnonymise } from '../domain/kanon';
import { parseWorkbook } from '../domain/parse';
import { inPeriod, periodOf } from '../domain/period';
import type { Profile } from '../domain/schema/profile';
import { findUnit } from '../profiles';
import type { Letterhead } from '../domain/templatePrint';
import { PAGE_FOOTER, pageSetupOf, writeLetterhead } from '../xlsx/print';
import type { UnitInput } from './consolidate';
import { textUnits, wrappedLines } from './summaryLayout';

export const CASE_SHEET = 'Case Sheet';
export const ABOUT_SHEET = 'about';
export const DEFAULT_K = 11;

export interface ExportOptions {
  year: number;
  /** Null: the whole year. */
  quarter: number | null;
  k: number;
  now?: Date;
  /** The inbox's letterhead for the `about` sheet when printed (the inbox's download). */
  letterhead?: Letterhead & { place: string };
  /** The province the cases come from (`Tỉnh Khánh Hoà`), named as the source; default the plan's. */
  province?: string;
}

export interface ExportResult {
  buffer: Buffer;
  rows: number;
  suppressed: number;
  consented: number;
  levels: Record<string, number>;
}

function range(profile: Profile, year: number, quarter: number | null): { start: Date; end: Date } {
  if (quarter !== null) return periodOf(profile, year, quarter);
  return { start: periodOf(profile, year, 1).start, end: periodOf(profile, year, 4).end };
}

/**
 * Reads each workbook once and keeps only codes of consented cases received in the period. A
 * unit's register is cumulative, so when several of its workbooks are given the case is taken
 * from the most recent quarter's.
 */
export async function collectCases(profile: Profile, opts: Pick<ExportOptions, 'year' | 'quarter'>, inputs: Iterable<UnitInput> | AsyncIterable<UnitInput>): Promise<HtcdsCase[]> {
  const span = range(profile, opts.year, opts.quarter);
  const byCase = new Map<string, { at: number; c: HtcdsCase }>();
  for await (const input of inputs) {
    const parsed = parseWorkbook(await input.load(), profile);
    const meta = parsed.meta;
    if (!meta) {
      throw new UserError('not_template', `${input.label}: không phải sổ theo mẫu (thiếu _meta); hãy dùng tệp tạo bằng "vr new".`, `${input.label}: not a registry template (no _meta); use a file created by "vr new".`);
    }
    if (meta.profile !== profile.id) {
      throw new UserError('bad_argument', `${input.label}: thuộc kế hoạch ${meta.profile}, không phải ${profile.id}.`, `${input.label}: belongs to plan ${meta.profile}, not ${profile.id}.`);
    }
    const unit = findUnit(profile, meta.unit_code);
    if (!unit) {
      throw new UserError('unknown_unit', `${input.label}: đơn vị ${meta.unit_code} không có trong kế hoạch ${profile.id}.`, `${input.label}: unit ${meta.unit_code} is not in plan ${profile.id}.`);
    }
    const province = unit.province_code ?? profile.province_code;
    const at = meta.year * 10 + meta.quarter;
    const cases = htcdsCases(parsed.registry.records, parsed.support.records, province, opts.year, opts.quarter ?? 0, (r) => inPeriod(r.received_date, span));
    cases.forEach((c, i) => {
      const key = `${unit.code}|${c.caseId ?? `${input.label}#${i}`}`;
      const prior = byCase.get(key);
      if (!prior || prior.at <= at) byCase.set(key, { at, c });
    });
  }
  return [...byCase.values()].map((v) => v.c);
}

function tooFew(consented: number, k: number): UserError {
  return new UserError(
    'bad_argument',
    `Chỉ có ${consented} trường hợp đồng ý chia sẻ trong kỳ: quá ít để bảo đảm mỗi nhóm (giới tính, nhóm tuổi, quốc tịch, mục đích, tỉnh) có ít nhất k = ${k} người. Không xuất tệp; hãy chọn cả năm hoặc gộp nhiều kỳ.`,
    `Only ${consented} consented cases in the period: too few for every group (sex, age group, nationality, purpose, province) to hold at least k = ${k} people. No file written; choose the whole year or a longer span.`,
  );
}

export async function exportHtcds(profile: Profile, opts: ExportOptions, inputs: Iterable<UnitInput> | AsyncIterable<UnitInput>): Promise<ExportResult> {
  const cases = await collectCases(profile, opts, inputs);
  if (cases.length < opts.k) throw tooFew(cases.length, opts.k);
  const anon = kAnonymise(cases, HTCDS_QUASI_IDENTIFIERS, opts.k);
  if (anon.rows.length < opts.k) throw tooFew(cases.length, opts.k);
  const buffer = await writeHtcdsWorkbook(anon.rows.map((r) => htcdsRow(r.row, r.qi)), profile, opts, anon.suppressed);
  return {
    buffer,
    rows: anon.rows.length,
    suppressed: anon.suppressed,
    consented: cases.length,
    levels: Object.fromEntries(HTCDS_QUASI_IDENTIFIERS.map((q, i) => [q.name, anon.levels[i]])),
  };
}

/** IOM's toolkit layout: `Case Sheet` with field names in a hidden row 1, labels in row 2, a
 *  running number in column A; an `about` sheet saying what the file is. */
export async function writeHtcdsWorkbook(
  rows: Record<string, string | number | boolean>[],
  profile: Profile,
  opts: ExportOptions,
  suppressed: number,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'vn-ctt-registry';
  wb.created = opts.now ?? new Date();
  const ws = wb.addWorksheet(CASE_SHEET, { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  ws.addRow([null, ...HTCDS_FIELDS.map(([name]) => name)]);
  ws.addRow([null, ...HTCDS_FIELDS.map(([, label]) => label)]);
  ws.getRow(1).hidden = true;
  ws.getRow(2).font = { bold: true };
  rows.forEach((row, i) => {
    ws.addRow([i + 1, ...HTCDS_FIELDS.map(([name]) => (row[name] === undefined || row[name] === '' ? null : row[name]))]);
  });
  ws.getColumn(1).width = 6;
  HTCDS_FIELDS.forEach((_f, i) => (ws.getColumn(i + 2).width = 18));
  writeAbout(wb, profile, opts, suppressed);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Characters a landscape A4 line holds at 100 % (column units; see summaryLayout.columnPoints). */
const ABOUT_LINE_UNITS = 104;

/**
 * The `about` sheet: what the file is, under the inbox's letterhead when it has one. It prints at
 * 100 % on landscape A4 (every text at 11 pt, never shrunk to fit): the label column as wide as
 * the letterhead's left block needs, the values wrapped in the rest of the line.
 */
function writeAbout(wb: ExcelJS.Workbook, profile: Profile, opts: ExportOptions, suppressed: number): void {
  const about = wb.addWorksheet(ABOUT_SHEET, { pageSetup: pageSetupOf({ orientation: 'landscape', scale: 100 }), headerFooter: PAGE_FOOTER });
  const head = opts.letterhead;
  const labelWidth = Math.max(32, head ? textUnits(head.issuer, true) : 0, head ? textUnits(head.parent, true) : 0);
  const valueWidth = ABOUT_LINE_UNITS - labelWidth;
  about.getColumn(1).width = labelWidth;
  about.getColumn(2).width = valueWidth;
  if (head) {
    writeLetterhead(about, head, head.place, 2, { left: [0, 0], right: [1, 1] });
    about.addRow([]);
  }
  const period = opts.quarter === null ? `${opts.year}` : `Q${opts.quarter}/${opts.year}`;
  const lines: (string | number)[][] = [
    ['Microsoft Excel HTCDS 2.0'],
    ['https://github.com/UNMigration/HTCDS'],
    [],
    ['Nguồn / Source', `${profile.title} (${profile.id}), ${opts.province ?? profile.province}`],
    ['Kỳ / Period', period],
    ['k-anonymity', `k = ${opts.k}: every combination of sex, age group, nationality, purpose and province is shared by at least ${opts.k} rows`],
    ['Dòng bị loại / Suppressed rows', suppressed],
    ['Chỉ gồm / Only', 'Trường hợp đồng ý chia sẻ; không họ tên, số giấy tờ, địa chỉ hay ngày chính xác / consented cases; no names, ID numbers, addresses or exact dates'],
    ['Tạo lúc / Generated', (opts.now ?? new Date()).toISOString().slice(0, 10).split('-').reverse().join('/')],
  ];
  for (const values of lines) {
    const row = about.addRow(values);
    if (values.length < 2) continue;
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
    row.height = wrappedLines(String(values[1]), valueWidth) * 15;
  }
}
