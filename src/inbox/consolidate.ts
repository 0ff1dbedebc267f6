/**
 * The province's consolidated workbook for one profile and quarter (docs/inbox.md):
 * - `Tổng hợp`: units × report indicators, the province total row as SUM formulas with cached
 *   values (a reader without a calculation engine still sees the right numbers);
 * - `Danh sách ca (ẩn danh)`: the de-identified case list (see deidentify.ts for what a row holds
 *   with and without consent);
 * - one sheet per unit: its quarterly report.
 *
 * Figures are RECOMPUTED from each unit's registry and support log with `buildReport`, the same
 * function RPT-01 compares the typed report with: an inbox submission passed RPT-01, so both
 * agree there; for files given on the command line (which may never have been checked) the
 * registry is the source of truth. Hand-entered rows (6.4, 6.5) and the narrative (7.x) cannot
 * be computed and are copied from the unit's typed report.
 *
 * Memory: units are loaded one at a time and only their figures and de-identified rows kept,
 * so 700 workbooks fit in a small fraction of 2 GiB.
 */
import { once } from 'node:events';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { UserError } from '../domain/errors';
import type { ReportData } from '../domain/model';
import { periodOf } from '../domain/period';
import { parseWorkbook } from '../domain/parse';
import { buildReport, reportRowDefs } from '../domain/report';
import { readReportSheet, reportSheetGrid } from '../domain/reportSheet';
import type { Profile } from '../domain/schema/profile';
import type { CellValue, WorkbookModel } from '../domain/sheet';
import { maskPersonalData, NameIndex } from '../domain/textSafety';
import { findUnit } from '../profiles';
import { planNameOfId } from '../profiles/planNames';
import { planNameWithId } from '../domain/planName';
import { writeWorkbook } from './consolidateWrite';
import { deidentifyCases, type DeidentifiedCase } from './deidentify';
import { officialProvince, scopeOf, type Scope } from './province';

export { CASES_SHEET, SUMMARY_FIRST_ROW, SUMMARY_SHEET, neutralise, safeCell, sheetNameFor } from './consolidateWrite';

export interface UnitInput {
  /** Names the input in messages: a file path, or `submission <id>`. */
  label: string;
  load(): Promise<WorkbookModel>;
  /** Inbox state of the unit's quarter (`submitted`, `late`, `accepted`…), when known. */
  state?: string;
}

export interface UnitExtract {
  unit_code: string;
  unit_name: string;
  label: string;
  state: string | null;
  report: ReportData;
  /** The unit's `Báo cáo quý` grid: computed figures, hand-entered rows as typed. */
  grid: CellValue[][];
  cases: DeidentifiedCase[];
}

export interface ConsolidateResult {
  units: number;
  /** Expected units with no input, by code. */
  missing: string[];
  cases: number;
  /** The province consolidated (official 2-digit code, or a district-era plan's own). */
  province: string;
}

function mismatch(label: string, vi: string, en: string): UserError {
  return new UserError('bad_argument', `${label}: ${vi}`, `${label}: ${en}`);
}

/** Reads one unit's workbook down to what the consolidated workbook needs. */
export function extractUnit(wb: WorkbookModel, profile: Profile, year: number, quarter: number, label: string, state?: string): UnitExtract {
  const parsed = parseWorkbook(wb, profile);
  const meta = parsed.meta;
  if (!meta) {
    throw new UserError('not_template', `${label}: không phải sổ theo mẫu (thiếu _meta); hãy dùng tệp tạo bằng "vr new".`, `${label}: not a registry template (no _meta); use a file created by "vr new".`);
  }
  if (meta.profile !== profile.id) {
    throw mismatch(label, `thuộc kế hoạch ${planNameOfId(meta.profile, 'vi')}, không phải ${planNameWithId(profile, 'vi')}.`, `belongs to plan ${planNameOfId(meta.profile, 'en')}, not ${planNameWithId(profile, 'en')}.`);
  }
  if (meta.year !== year || meta.quarter !== quarter) {
    throw mismatch(label, `là báo cáo quý ${meta.quarter}/${meta.year}, không phải quý ${quarter}/${year}.`, `is the report for Q${meta.quarter} ${meta.year}, not Q${quarter} ${year}.`);
  }
  const unit = findUnit(profile, meta.unit_code);
  if (!unit) {
    throw mismatch(label, `đơn vị ${meta.unit_code} không có trong kế hoạch ${planNameWithId(profile, 'vi')}.`, `unit ${meta.unit_code} is not in plan ${planNameWithId(profile, 'en')}.`);
  }
  const registry = parsed.registry.records;
  const support = parsed.support.records;
  const report = buildReport(registry, support, profile, year, quarter);
  const grid = reportSheetGrid(profile, meta, report).map((row) => [...row]);
  // Free text typed into the report is masked here, where the unit's registry is known: the
  // names of its people, besides the numbers and dates `safeCell` masks in every cell.
  copyHandEntered(grid, parsed.report, profile, new NameIndex(registry.map((r) => r.full_name)));
  const cases = deidentifyCases({ code: unit.code, name: unit.name }, registry, support, profile, periodOf(profile, year, quarter));
  return { unit_code: unit.code, unit_name: unit.name, label, state: state ?? null, report, grid, cases };
}

/** Rows 6.4, 6.5 (typed by hand) and 7.x (narrative) come from the unit's own report sheet. */
function copyHandEntered(grid: CellValue[][], typed: ReturnType<typeof readReportSheet>, profile: Profile, names: NameIndex): void {
  if (!typed.sheet) return;
  const target = readReportSheet({ name: 'Báo cáo quý', rows: grid });
  const keys = ['total', 'male', 'female', 'under16', 'age16to18', 'adult', 'unknown_age', 'amount', 'notes'] as const;
  for (const def of reportRowDefs(profile)) {
    if (def.kind !== 'manual' && def.kind !== 'text') continue;
    const from = typed.rows[def.code];
    const to = target.rows[def.code];
    if (from === undefined || to === undefined) continue;
    for (const key of keys) {
      const fc = typed.columns[key];
      const tc = target.columns[key];
      if (fc === undefined || tc === undefined) continue;
      const value = typed.sheet.rows[from]?.[fc] ?? null;
      if (value === null) continue;
      while (grid[to].length <= tc) grid[to].push(null);
      grid[to][tc] = typeof value === 'string' ? maskPersonalData(value, names) : value;
    }
  }
}

/** Loads every input one at a time and keeps only its extract. Two inputs for one unit are
 *  refused: the province must decide which one counts. */
export async function extractAll(
  profile: Profile,
  year: number,
  quarter: number,
  inputs: Iterable<UnitInput> | AsyncIterable<UnitInput>,
  onProgress?: (done: number) => void,
): Promise<UnitExtract[]> {
  const extracts: UnitExtract[] = [];
  const seen = new Map<string, string>();
  for await (const input of inputs) {
    const e = extractUnit(await input.load(), profile, year, quarter, input.label, input.state);
    const prior = seen.get(e.unit_code);
    if (prior) {
      throw mismatch(input.label, `đơn vị ${e.unit_code} đã có trong ${prior}; mỗi đơn vị chỉ một tệp.`, `unit ${e.unit_code} is already in ${prior}; one file per unit.`);
    }
    seen.set(e.unit_code, input.label);
    extracts.push(e);
    onProgress?.(extracts.length);
  }
  const order = new Map(profile.units.map((u, i) => [u.code, i]));
  return extracts.sort((a, b) => (order.get(a.unit_code) ?? 0) - (order.get(b.unit_code) ?? 0));
}

function resultOf(extracts: UnitExtract[], scope: Scope): ConsolidateResult {
  const have = new Set(extracts.map((e) => e.unit_code));
  return {
    units: extracts.length,
    missing: scope.units.filter((u) => !have.has(u.unit_code)).map((u) => u.unit_code),
    cases: extracts.reduce((n, e) => n + e.cases.length, 0),
    province: scope.province.code,
  };
}

/**
 * Which units the workbook covers (province.ts): the scope given (the inbox's), else the
 * official list of `province`, else, under a province-wide plan, the one province every input
 * belongs to. An input of another province is refused, naming the file and both provinces; the
 * extracts come back in the scope's order.
 */
export function placeExtracts(profile: Profile, extracts: UnitExtract[], opts: Pick<WriteOptions, 'scope' | 'province'>): { scope: Scope; extracts: UnitExtract[] } {
  let scope = opts.scope;
  if (!scope) {
    let province = opts.province ?? null;
    if (!province && profile.unit_list === 'vn-official') {
      const seen = [...new Set(extracts.map((e) => findUnit(profile, e.unit_code)?.province_code).filter((c): c is string => Boolean(c)))];
      if (seen.length > 1) {
        const names = seen.map((c) => `${officialProvince(c)?.name ?? c} (${c})`).join(', ');
        throw new UserError(
          'bad_argument',
          `Các tệp thuộc nhiều tỉnh (${names}): ghi --province <mã tỉnh> để chọn tỉnh tổng hợp.`,
          `The files belong to several provinces (${names}): give --province <code> to choose the province.`,
        );
      }
      province = seen[0] ?? null;
    }
    scope = scopeOf(profile, province);
  }
  for (const e of extracts) {
    if (scope.belongs(e.unit_code)) continue;
    const unit = findUnit(profile, e.unit_code);
    const theirs = unit?.province_code ? officialProvince(unit.province_code) : undefined;
    const where = theirs ? `thuộc ${theirs.full_name} (${theirs.code})` : 'không có trong danh sách đơn vị';
    const whereEn = theirs ? `is in ${theirs.full_name} (${theirs.code})` : 'is not in the unit list';
    throw new UserError(
      'other_province',
      `${e.label}: đơn vị ${e.unit_code} ${e.unit_name} ${where}, không thuộc ${scope.province.full_name}; bỏ tệp này ra hoặc chọn đúng tỉnh.`,
      `${e.label}: unit ${e.unit_code} ${e.unit_name} ${whereEn}, not in ${scope.province.full_name}; leave the file out or choose the right province.`,
    );
  }
  const order = new Map(scope.units.map((u, i) => [u.unit_code, i]));
  return { scope, extracts: [...extracts].sort((a, b) => (order.get(a.unit_code) ?? 0) - (order.get(b.unit_code) ?? 0)) };
}

/** The consolidated workbook as bytes (the inbox's download). */
export interface WriteOptions {
  /** Generation time shown in the summary (default now). */
  now?: Date;
  /** State of units that have no input (e.g. `returned`), shown in the summary; default `missing`. */
  states?: Record<string, string>;
  onProgress?: (done: number) => void;
  /** The units covered (the inbox's scope, province.ts); default: `province`'s official list,
   *  or the plan's own units. */
  scope?: Scope;
  /** Official province code (province-wide plans): `vr consolidate --province`. */
  province?: string | null;
}

export async function consolidateToBuffer(
  profile: Profile,
  year: number,
  quarter: number,
  inputs: Iterable<UnitInput> | AsyncIterable<UnitInput>,
  opts: WriteOptions = {},
): Promise<{ buffer: Buffer } & ConsolidateResult> {
  const { scope, extracts } = placeExtracts(profile, await extractAll(profile, year, quarter, inputs, opts.onProgress), opts);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(sink, 'end');
  await writeWorkbook(extracts, profile, year, quarter, sink, opts.now ?? new Date(), opts.states ?? {}, scope);
  await ended;
  return { buffer: Buffer.concat(chunks), ...resultOf(extracts, scope) };
}

/** Writes the consolidated workbook to `outPath` atomically (temp file in the same folder,
 *  then rename): a failure never leaves a half-written workbook. */
export async function consolidateToFile(
  profile: Profile,
  year: number,
  quarter: number,
  inputs: Iterable<UnitInput> | AsyncIterable<UnitInput>,
  outPath: string,
  opts: WriteOptions = {},
): Promise<ConsolidateResult> {
  const { scope, extracts } = placeExtracts(profile, await extractAll(profile, year, quarter, inputs, opts.onProgress), opts);
  const tmp = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${process.pid}.${Date.now()}.tmp`);
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(tmp);
  try {
    const closed = once(out, 'close');
    await writeWorkbook(extracts, profile, year, quarter, out, opts.now ?? new Date(), opts.states ?? {}, scope);
    await closed;
    await fsp.rename(tmp, outPath);
  } catch (error) {
    await fsp.rm(tmp, { force: true });
    throw error;
  }
  return resultOf(extracts, scope);
}
