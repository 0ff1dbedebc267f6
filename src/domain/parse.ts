/**
 * Parse stage: the sheet model -> typed records (model.ts), once, at the edge ("parse, don't
 * validate"). Tables are found by header text, so inserted or reordered columns still work
 * (docs/workbook.md); the rules then read typed fields and point back to cells.
 */
import { CODE_LISTS, COUNTRIES, supportTypes, type Code } from './codes';
import { FIRST_BIRTH_DAY_MS, ageAt, parseBirthCell, parseDateCell } from './dates';
import type { DateValue, ParsedWorkbook, RegistryRecord, SupportRecord, TableLayout } from './model';
import { readReportSheet } from './reportSheet';
import type { Profile, Unit } from './schema/profile';
import { REGISTRY_COLUMNS, REGISTRY_KEYS, SUPPORT_COLUMNS, SUPPORT_KEYS, type ColumnSpec, type RegistryKey, type SupportKey } from './schema/registry';
import { findSheet, isBlank, SHEET, type CellValue, type SheetModel, type WorkbookModel } from './sheet';
import { findUnit, knownProfile } from './units';
import { CodeMatcher, parseAmount, parseCount } from './parseValues';
import { readMeta } from './metaRead';
import { cleanText } from './text';
import { markTextRows, rowNeedsTextCheck } from './textFlags';

export { CodeMatcher, communeCodes, matchCommune, parseAmount, parseCount, splitNeeds } from './parseValues';
export { readMeta } from './metaRead';

/** Header text compared without case, spaces (incl. line breaks) and a trailing `*` or `:`. */
export function headerKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, '').replace(/[*:]+$/, '');
}

const HEADER_SEARCH_ROWS = 10;

/** Finds the header row (the row of the first 10 matching most headers) and each column. */
export function locateTable<K extends string>(sheet: SheetModel | undefined | null, columns: readonly ColumnSpec<K>[]): TableLayout<K> {
  const byHeader = new Map<string, K>();
  for (const spec of columns) {
    byHeader.set(headerKey(spec.header_vi), spec.key);
    if (!byHeader.has(headerKey(spec.header_en))) byHeader.set(headerKey(spec.header_en), spec.key);
  }
  const layout: TableLayout<K> = { sheet: sheet ?? null, headerRow0: null, columns: {}, unknownColumns: [], missing: [] };
  let bestCount = 0;
  if (sheet) {
    const last = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
    for (let r = 0; r < last; r++) {
      const seen = new Set<K>();
      for (const cell of sheet.rows[r] ?? []) {
        if (typeof cell !== 'string') continue;
        const key = byHeader.get(headerKey(cell));
        if (key !== undefined) seen.add(key);
      }
      if (seen.size > bestCount) {
        bestCount = seen.size;
        layout.headerRow0 = r;
      }
    }
  }
  if (sheet && layout.headerRow0 !== null) {
    const header = sheet.rows[layout.headerRow0] ?? [];
    header.forEach((cell, col0) => {
      if (isBlank(cell ?? null)) return;
      const text = cleanText(cell ?? null) ?? '';
      const key = byHeader.get(headerKey(text));
      // A second column with the same header is ignored like an unknown one.
      if (key === undefined || layout.columns[key] !== undefined) layout.unknownColumns.push({ col0, header: text });
      else layout.columns[key] = col0;
    });
  }
  layout.missing = columns.filter((spec) => layout.columns[spec.key] === undefined).map((spec) => spec.key);
  return layout;
}

const VIETNAM = COUNTRIES[0];

function dateOf(value: CellValue): Date | null {
  // A Date cell at UTC midnight (what exceljs gives) is kept as is: no allocation per cell.
  if (value instanceof Date && value.getTime() % 86_400_000 === 0) return value;
  const parsed = parseDateCell(value);
  return parsed && parsed.ok ? parsed.date : null;
}

function birthOf(value: CellValue): DateValue | null {
  // As dateOf: a Date cell at UTC midnight is kept as is (no result wrappers or copy per row).
  // A Date in 1905 may be a year typed alone into the date-formatted column.
  if (value instanceof Date && value.getTime() % 86_400_000 === 0 && value.getTime() >= FIRST_BIRTH_DAY_MS) {
    return { date: value, yearOnly: false };
  }
  const parsed = parseBirthCell(value);
  return parsed && parsed.ok ? parsed.value : null;
}

/** A code cell's list entry. A module function, not a closure per row: under tsx every named
 *  closure also costs a defineProperty call (keepNames), 100,000 times per parse. */
function codeOf(matcher: CodeMatcher, raw: Partial<Record<RegistryKey, CellValue>>, key: RegistryKey, list: keyof typeof CODE_LISTS): Code | null {
  return matcher.match(CODE_LISTS[list], list, raw[key] ?? null);
}

/** One registry row from its cell values by key; the pane's entry form uses it too. */
export function parseRegistryRow(
  raw: Partial<Record<RegistryKey, CellValue>>,
  row0: number,
  profile: Profile | null,
  unit: Unit | null,
  matcher: CodeMatcher = new CodeMatcher(),
): RegistryRecord {
  const birth = birthOf(raw.birth_date ?? null);
  const received = dateOf(raw.received_date ?? null);
  const communeText = cleanText(raw.commune ?? null);
  let commune: string | null = null;
  if (communeText !== null && unit) commune = matcher.commune(unit, communeText);
  const types = supportTypes(profile?.law ?? 'law-2011');
  const needs = matcher.needs(types, raw.support_needs ?? null);
  const nationalityBlank = isBlank(raw.nationality ?? null);
  return {
    row0,
    raw,
    case_id: cleanText(raw.case_id ?? null),
    full_name: cleanText(raw.full_name ?? null),
    sex: (codeOf(matcher, raw, 'sex', 'sex')?.key ?? null) as RegistryRecord['sex'],
    birth,
    // Quốc tịch defaults to Việt Nam (docs/workbook.md) when left blank.
    nationality: nationalityBlank ? VIETNAM : codeOf(matcher, raw, 'nationality', 'nationality'),
    ethnicity: codeOf(matcher, raw, 'ethnicity', 'ethnicity'),
    id_number: cleanText(raw.id_number ?? null),
    commune,
    address: cleanText(raw.address ?? null),
    received_date: received,
    receipt_channel: codeOf(matcher, raw, 'receipt_channel', 'receipt_channel')?.key ?? null,
    destination: codeOf(matcher, raw, 'destination', 'destination'),
    purpose: codeOf(matcher, raw, 'purpose', 'purpose')?.key ?? null,
    verification_status: (codeOf(matcher, raw, 'verification_status', 'verification_status')?.key ?? null) as RegistryRecord['verification_status'],
    verification_date: dateOf(raw.verification_date ?? null),
    verifying_agency: codeOf(matcher, raw, 'verifying_agency', 'verifying_agency')?.key ?? null,
    protection: (codeOf(matcher, raw, 'protection', 'protection')?.key ?? null) as RegistryRecord['protection'],
    child_referral: (codeOf(matcher, raw, 'child_referral', 'yes_no')?.key ?? null) as RegistryRecord['child_referral'],
    child_referral_date: dateOf(raw.child_referral_date ?? null),
    accompanying_minors: parseCount(raw.accompanying_minors ?? null),
    consent_share: (codeOf(matcher, raw, 'consent_share', 'yes_no')?.key ?? null) as RegistryRecord['consent_share'],
    support_needs: needs,
    notes: cleanText(raw.notes ?? null),
    age_at_receipt: birth && received ? ageAt(birth, received) : null,
  };
}

/** True when a cell is blank, without allocating (no trim). */
function blank(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 32 && value.charCodeAt(i) !== 0xa0) return false;
  return true;
}

/** Column index per key, -1 when the column is missing. */
function columnIndexes<K extends string>(layout: TableLayout<K>, keys: readonly K[]): Int32Array {
  return Int32Array.from(keys, (k) => layout.columns[k] ?? -1);
}

/** True when every known column of the row is blank: the row is skipped. */
function blankRow(row: CellValue[] | undefined, cols: Int32Array): boolean {
  if (!row) return true;
  for (let k = 0; k < cols.length; k++) if (cols[k] >= 0 && !blank(row[cols[k]])) return false;
  return true;
}

function at(row: CellValue[], col0: number): CellValue {
  if (col0 < 0) return null;
  const v = row[col0];
  return v === undefined ? null : v;
}

/** A registry row's raw values as one fixed-shape object (fast property access in the rules). */
function registryRaw(row: CellValue[], c: Int32Array): Record<RegistryKey, CellValue> {
  return {
    case_id: at(row, c[0]), full_name: at(row, c[1]), sex: at(row, c[2]), birth_date: at(row, c[3]),
    nationality: at(row, c[4]), ethnicity: at(row, c[5]), id_number: at(row, c[6]), commune: at(row, c[7]),
    address: at(row, c[8]), received_date: at(row, c[9]), receipt_channel: at(row, c[10]), destination: at(row, c[11]),
    purpose: at(row, c[12]), verification_status: at(row, c[13]), verification_date: at(row, c[14]),
    verifying_agency: at(row, c[15]), protection: at(row, c[16]), child_referral: at(row, c[17]),
    child_referral_date: at(row, c[18]), accompanying_minors: at(row, c[19]), consent_share: at(row, c[20]),
    support_needs: at(row, c[21]), notes: at(row, c[22]),
  };
}

/** One support-log row from its cells (`c`: column index per SUPPORT_KEYS, -1 when missing). */
function parseSupportRow(row: CellValue[], c: Int32Array, r: number, matcher: CodeMatcher, types: readonly Code[]): SupportRecord {
  const raw: Record<SupportKey, CellValue> = { case_id: at(row, c[0]), type: at(row, c[1]), date: at(row, c[2]), amount: at(row, c[3]), provider: at(row, c[4]), notes: at(row, c[5]) };
  return {
    row0: r,
    raw,
    case_id: cleanText(raw.case_id ?? null),
    type: matcher.match(types, 'type', raw.type ?? null)?.key ?? null,
    date: dateOf(raw.date ?? null),
    amount: parseAmount(raw.amount ?? null),
    provider: cleanText(raw.provider ?? null),
    notes: cleanText(raw.notes ?? null),
  };
}

/**
 * A registry or support table parsed row by row, in ascending row order: from a sheet model's
 * grid (`parseRegistry`, `parseSupport`), or straight from a streaming reader, which then keeps
 * no grid of the table at all (src/xlsx/streamParse.ts). The rows of the header search (the
 * first 10) wait until the header is known; every later row becomes its record at once. Both
 * ways make the same records: the table is located by `locateTable` on the same first rows and
 * each row goes through the same functions.
 */
export class TableParser<K extends string, R> {
  readonly records: R[] = [];
  /** Indexes of the records whose row has a cell the text rules must look at (textFlags.ts). */
  private readonly textRows: number[] = [];
  private readonly head: CellValue[][] = [];
  private layout: TableLayout<K> | null = null;
  private cols: Int32Array = new Int32Array(0);

  constructor(
    private readonly sheet: SheetModel | undefined,
    private readonly columns: readonly ColumnSpec<K>[],
    private readonly keys: readonly K[],
    private readonly parseRow: (row: CellValue[], cols: Int32Array, row0: number) => R,
  ) {}

  /** The sheet's row `row0` (0-based); rows come in ascending order, blank ones may be left out. */
  add(row0: number, row: CellValue[] | undefined): void {
    if (this.layout === null) {
      if (row0 < HEADER_SEARCH_ROWS) {
        if (row) this.head[row0] = row;
        return;
      }
      this.settle();
    }
    this.take(row0, row);
  }

  end(): TableLayout<K> & { records: R[] } {
    if (this.layout === null) this.settle();
    markTextRows(this.records, this.textRows);
    return { ...(this.layout as TableLayout<K>), records: this.records };
  }

  private settle(): void {
    const layout = locateTable(this.sheet ? { ...this.sheet, rows: this.head } : this.sheet, this.columns);
    layout.sheet = this.sheet ?? null;
    this.layout = layout;
    if (layout.headerRow0 === null) return;
    this.cols = columnIndexes(layout, this.keys);
    for (let r = layout.headerRow0 + 1; r < this.head.length; r++) this.take(r, this.head[r]);
  }

  private take(row0: number, row: CellValue[] | undefined): void {
    const header = (this.layout as TableLayout<K>).headerRow0;
    if (header === null || row0 <= header || blankRow(row, this.cols)) return;
    if (rowNeedsTextCheck(row as CellValue[], this.cols)) this.textRows.push(this.records.length);
    this.records.push(this.parseRow(row as CellValue[], this.cols, row0));
  }
}

export function registryParser(sheet: SheetModel | undefined, profile: Profile | null, unit: Unit | null): TableParser<RegistryKey, RegistryRecord> {
  const matcher = new CodeMatcher();
  return new TableParser(sheet, REGISTRY_COLUMNS, REGISTRY_KEYS, (row, cols, r) => parseRegistryRow(registryRaw(row, cols), r, profile, unit, matcher));
}

export function supportParser(sheet: SheetModel | undefined, profile: Profile | null): TableParser<SupportKey, SupportRecord> {
  const matcher = new CodeMatcher();
  const types = supportTypes(profile?.law ?? 'law-2011');
  return new TableParser(sheet, SUPPORT_COLUMNS, SUPPORT_KEYS, (row, c, r) => parseSupportRow(row, c, r, matcher, types));
}

/** Every row of a sheet model's grid, in order, into a table parser. */
function parseGrid<K extends string, R>(parser: TableParser<K, R>, sheet: SheetModel | undefined): TableLayout<K> & { records: R[] } {
  const rows = sheet?.rows ?? [];
  for (let r = 0; r < rows.length; r++) parser.add(r, rows[r]);
  return parser.end();
}

export function parseRegistry(
  sheet: SheetModel | undefined,
  profile: Profile | null,
  unit: Unit | null,
): ParsedWorkbook['registry'] {
  return parseGrid(registryParser(sheet, profile, unit), sheet);
}

export function parseSupport(sheet: SheetModel | undefined, profile: Profile | null): ParsedWorkbook['support'] {
  return parseGrid(supportParser(sheet, profile), sheet);
}

/** The parsed workbook plus where each `_meta` key sits (FMT-01/02/07 name the cell). */
export interface ParsedWithCells extends ParsedWorkbook {
  metaCells: Record<string, number>;
}

/** A workbook's parse begun from its small sheets (`_meta` and the report, read whole), its
 *  registry and support log then fed row by row to `registry` and `support`, and `finish`ed.
 *  `workbook` names the sheets; a streaming reader leaves the two tables' rows out of it. */
export interface WorkbookParse {
  /** The sheets the two parsers read (findSheet's choice), to be fed row by row. */
  registrySheet: SheetModel | undefined;
  supportSheet: SheetModel | undefined;
  registry: TableParser<RegistryKey, RegistryRecord>;
  support: TableParser<SupportKey, SupportRecord>;
  finish(): ParsedWithCells;
}

export function beginParse(workbook: WorkbookModel, profileOverride?: Profile): WorkbookParse {
  const { meta, raw, cells } = readMeta(workbook);
  const profile = profileOverride ?? (meta ? (knownProfile(meta.profile) ?? null) : null);
  const unit = profile && meta ? (findUnit(profile, meta.unit_code) ?? null) : null;
  const registrySheet = findSheet(workbook, SHEET.registry);
  const supportSheet = findSheet(workbook, SHEET.support);
  const registry = registryParser(registrySheet, profile, unit);
  const support = supportParser(supportSheet, profile);
  return {
    registrySheet,
    supportSheet,
    registry,
    support,
    finish: () => ({
      meta,
      metaRaw: raw,
      metaCells: cells,
      profile,
      unit,
      registry: registry.end(),
      support: support.end(),
      report: readReportSheet(findSheet(workbook, SHEET.report)),
    }),
  };
}

/** The whole workbook, parsed once. The profile comes from `_meta.profile` unless overridden. */
export function parseWorkbook(workbook: WorkbookModel, profileOverride?: Profile): ParsedWithCells {
  const parse = beginParse(workbook, profileOverride);
  parseGrid(parse.registry, parse.registrySheet);
  parseGrid(parse.support, parse.supportSheet);
  return parse.finish();
}
