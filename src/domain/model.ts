/**
 * Typed records the parse stage produces from the sheet model, and the report shapes.
 * The rules, the report builder, the pane's forms and the inbox all work on these.
 */
import type { Code } from './codes';
import type { Finding } from './finding';
import type { Meta } from './schema/meta';
import type { Profile, Unit } from './schema/profile';
import type { RegistryKey, SupportKey } from './schema/registry';
import type { CellValue, SheetModel } from './sheet';

/** A date as the domain uses it: UTC midnight. A birth year alone is 1 July of that year. */
export interface DateValue {
  date: Date;
  yearOnly: boolean;
}

/** Where a table's header was found and which column holds which key. */
export interface TableLayout<K extends string> {
  sheet: SheetModel | null;
  /** 0-based row of the header, or null when no header row was found in the first 10 rows. */
  headerRow0: number | null;
  columns: Partial<Record<K, number>>;
  unknownColumns: { col0: number; header: string }[];
  missing: K[];
}

/** One registry row. `raw` keeps what the cell held (for messages and REG-02/REG-03); the typed
 *  fields are null when the cell is blank or invalid. Code fields hold the code's `key`. */
export interface RegistryRecord {
  /** 0-based row in the sheet model. */
  row0: number;
  raw: Partial<Record<RegistryKey, CellValue>>;
  case_id: string | null;
  full_name: string | null;
  sex: 'male' | 'female' | null;
  birth: DateValue | null;
  nationality: Code | null;
  ethnicity: Code | null;
  id_number: string | null;
  /** The commune as listed in the profile (canonical spelling), when it matched. */
  commune: string | null;
  address: string | null;
  received_date: Date | null;
  receipt_channel: string | null;
  destination: Code | null;
  purpose: string | null;
  verification_status: 'pending' | 'identified' | 'not_victim' | null;
  verification_date: Date | null;
  verifying_agency: string | null;
  protection: 'no_need' | 'protected' | 'not_protected' | null;
  child_referral: 'yes' | 'no' | null;
  child_referral_date: Date | null;
  accompanying_minors: number | null;
  consent_share: 'yes' | 'no' | null;
  /** Keys of the profile law's support types. */
  support_needs: string[];
  notes: string | null;
  /** Whole years at `received_date`, or null when either date is unknown. */
  age_at_receipt: number | null;
}

export interface SupportRecord {
  row0: number;
  raw: Partial<Record<SupportKey, CellValue>>;
  case_id: string | null;
  /** Key of the profile law's support type. */
  type: string | null;
  date: Date | null;
  amount: number | null;
  provider: string | null;
  notes: string | null;
}

/** Report columns after `Mã | Chỉ tiêu`. */
export const REPORT_FIGURE_KEYS = ['total', 'male', 'female', 'under16', 'age16to18', 'adult', 'unknown_age', 'amount'] as const;
export type ReportFigureKey = (typeof REPORT_FIGURE_KEYS)[number];

export const REPORT_HEADERS = [
  'Mã',
  'Chỉ tiêu',
  'Tổng số',
  'Nam',
  'Nữ',
  'Dưới 16',
  '16 - dưới 18',
  'Từ 18 trở lên',
  'Chưa rõ',
  'Kinh phí (đồng)',
  'Ghi chú',
] as const;

export const AGE_GROUPS = ['Dưới 16', '16 - dưới 18', 'Từ 18 trở lên', 'Chưa rõ'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export interface ReportFigures {
  total: number;
  male: number;
  female: number;
  under16: number;
  age16to18: number;
  adult: number;
  unknown_age: number;
  /** Sum of support amounts (rows 4.x only). */
  amount: number | null;
}

export interface ReportRowDef {
  code: string;
  label_vi: string;
  label_en: string;
  /** count: figures; percent: `Tổng số` holds a percentage; manual: typed by hand (6.4, 6.5);
   *  text: narrative in `Ghi chú` (7.x). */
  kind: 'count' | 'percent' | 'manual' | 'text';
  /** Child codes whose sum this row must equal (RPT-03). */
  children?: string[];
}

export interface Period {
  year: number;
  quarter: number;
  /** Inclusive, UTC midnight. */
  start: Date;
  end: Date;
}

/** A registry or support-log row the report could not count, and the rules that say why
 *  (docs/workbook.md: never dropped silently). `part`: the whole row, or only its amount (the
 *  person is counted, `Kinh phí` leaves the amount out). `row` is the 1-based sheet row. */
export interface ReportExclusion {
  sheet: string;
  row: number;
  rules: string[];
  part: 'row' | 'amount';
}

/** The computed quarterly report. Percent rows hold a number with one decimal, or null when
 *  the denominator is empty (shown as `—`). */
export interface ReportData {
  period: Period;
  counts: Record<string, ReportFigures>;
  percents: Record<string, number | null>;
  /** Rows left out, by the report row whose `Ghi chú` names them: `1` for the registry, `4.x`
   *  for the support log (`4.1` when the type itself is unreadable). Absent codes: none. */
  excluded: Record<string, ReportExclusion[]>;
  /** Numerator and denominator of each percent row, so several units' percentages can be
   *  pooled (a province's 6.x is not the mean of its units' 6.x). */
  ratios?: Record<string, [number, number]>;
}

/** What a report sheet holds, as read back (figures typed by hand or filled). */
export interface ReportSheetValues {
  sheet: SheetModel | null;
  headerRow0: number | null;
  /** Column index per figure key and for `Mã`, `Chỉ tiêu`, `Ghi chú`. */
  columns: Partial<Record<ReportFigureKey | 'code' | 'label' | 'notes', number>>;
  /** 0-based row of each code found in column `Mã`. */
  rows: Record<string, number>;
  /** Values of the header rows: unit, province, quarter, year, as found. */
  header: { unit_name?: CellValue; unit_code?: CellValue; province?: CellValue; quarter?: CellValue; year?: CellValue; preparer?: CellValue; prepared_date?: CellValue };
  /** Cell positions of those header values, for RPT-06 findings. */
  headerCells: Partial<Record<'unit_name' | 'unit_code' | 'province' | 'quarter' | 'year', { row0: number; col0: number }>>;
}

/** Everything the rules need, parsed once. */
export interface ParsedWorkbook {
  meta: Meta | null;
  /** Raw `_meta` key/values, as typed (for FMT-01/02 messages). */
  metaRaw: Record<string, CellValue>;
  profile: Profile | null;
  unit: Unit | null;
  registry: TableLayout<RegistryKey> & { records: RegistryRecord[] };
  support: TableLayout<SupportKey> & { records: SupportRecord[] };
  report: ReportSheetValues;
}

export interface CheckOptions {
  /** The check date ("today"), UTC midnight; REG-04 and VER-03 use it. */
  today: Date;
  /** When the inbox received the file (RPT-08). */
  receivedAt?: Date;
  /** Only these rule families/ids (the pane's inline entry checks); default all. */
  only?: string[];
  /** How this shell fills the report, as an instruction ("bấm nút …", "chạy lệnh vr fill …",
   *  "mở sổ bằng Excel và lập báo cáo"): RPT-01 and the never-filled-report finding say it.
   *  Default: a neutral "build the report from the register". */
  fillHint?: { vi: string; en: string };
}

export interface CheckResult {
  parsed: ParsedWorkbook;
  findings: Finding[];
}
