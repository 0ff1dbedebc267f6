/**
 * Test workbooks as plain `WorkbookModel` grids (the sheet model both shells produce), so rule
 * tests run on data, fast. `buildWorkbook` gives a clean, valid workbook for a profile with N
 * registry rows (one support row each, report filled from them); `set*` changes one cell by
 * header key, and `*Address` says where a finding must point.
 */
import '../../src/profiles/officialAll';
import { checkWorkbook } from '../../src/domain/check';
import type { Finding } from '../../src/domain/finding';
import { buildReport } from '../../src/domain/report';
import { readReportSheet, reportSheetGrid } from '../../src/domain/reportSheet';
import { parseWorkbook } from '../../src/domain/parse';
import { periodOf } from '../../src/domain/period';
import type { Meta } from '../../src/domain/schema/meta';
import type { Profile, Unit } from '../../src/domain/schema/profile';
import { REGISTRY_COLUMNS, SUPPORT_COLUMNS, type RegistryKey, type SupportKey } from '../../src/domain/schema/registry';
import { SHEET, cellAddress, type CellValue, type SheetModel, type WorkbookModel } from '../../src/domain/sheet';
import { getProfile, findUnit } from '../../src/profiles';

export const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
const DAY = 86_400_000;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE_F = ['Thị', 'Thị Thu', 'Thị Ngọc', 'Thị Minh'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quốc'];
const GIVEN_F = ['Hoa', 'Lan', 'Hằng', 'Trang', 'Nhung', 'Huyền', 'Thảo', 'Yến', 'Ngọc', 'Phương', 'Mai', 'Linh'];
const GIVEN_M = ['Hùng', 'Dũng', 'Tuấn', 'Sơn', 'Nam', 'Cường', 'Thắng', 'Quang', 'Long', 'Hải', 'Khoa', 'Phúc'];

export interface BuildOptions {
  profileId?: string;
  unitCode?: string;
  year?: number;
  quarter?: number;
  rows?: number;
  /** Title rows above the registry header (the header is found within the first 10 rows). */
  titleRows?: number;
}

export interface TestWorkbook {
  model: WorkbookModel;
  profile: Profile;
  unit: Unit;
  meta: Meta;
  /** A check date 10 days after the period's end. */
  today: Date;
  registry: SheetModel;
  support: SheetModel;
  /** 0-based sheet row of registry data row i (0-based). */
  registryRow0(i: number): number;
  supportRow0(i: number): number;
  /** "J12" of registry data row i, column `key` (from the header, so moved columns work). */
  registryAddress(i: number, key: RegistryKey): string;
  supportAddress(i: number, key: SupportKey): string;
  setRegistry(i: number, key: RegistryKey, value: CellValue): void;
  setSupport(i: number, key: SupportKey, value: CellValue): void;
  getRegistry(i: number, key: RegistryKey): CellValue;
  /** Appends a registry row (values by key; missing keys blank) and returns its index. */
  addRegistryRow(values: Partial<Record<RegistryKey, CellValue>>): number;
  addSupportRow(values: Partial<Record<SupportKey, CellValue>>): number;
  /** Rewrites the report sheet from the current registry and support log. */
  refillReport(): void;
  sheet(name: string): SheetModel;
}

/** A valid registry row i: adult, identified in the period, supported, consenting. */
export function validRegistryRow(i: number, profile: Profile, unit: Unit, year: number, quarter: number): Record<RegistryKey, CellValue> {
  const period = periodOf(profile, year, quarter);
  const female = i % 3 !== 2;
  const name = `${FAMILY[i % FAMILY.length]} ${(female ? MIDDLE_F : MIDDLE_M)[i % 4]} ${(female ? GIVEN_F : GIVEN_M)[(i * 7) % 12]}`;
  const received = new Date(period.start.getTime() + (i % 40) * DAY);
  const verified = new Date(received.getTime() + 5 * DAY);
  const birth = utc(1985 + (i % 15), 1 + (i % 12), 1 + (i % 27));
  return {
    case_id: `${unit.code}-${year}-${String(i + 1).padStart(4, '0')}`,
    full_name: name,
    sex: female ? 'Nữ' : 'Nam',
    birth_date: birth,
    nationality: 'Việt Nam',
    ethnicity: 'Kinh',
    id_number: `0${String(27_000_000_000 + i).padStart(11, '0')}`,
    commune: unit.communes[i % unit.communes.length],
    address: `Số ${i + 1}, đường Lý Thái Tổ`,
    received_date: received,
    receipt_channel: 'Trao trả chính thức',
    destination: 'Trung Quốc',
    purpose: 'Kết hôn/làm vợ trái pháp luật',
    verification_status: 'Đã xác định là nạn nhân',
    verification_date: verified,
    verifying_agency: 'Công an',
    protection: 'Không có nhu cầu',
    child_referral: null,
    child_referral_date: null,
    accompanying_minors: 0,
    consent_share: 'Có',
    support_needs: 'Y tế',
    notes: null,
  };
}

function metaRows(meta: Meta): CellValue[][] {
  return Object.entries(meta).map(([k, v]) => [k, v as CellValue]);
}

export function buildWorkbook(options: BuildOptions = {}): TestWorkbook {
  const profile = getProfile(options.profileId ?? 'bac-ninh-2017');
  if (!profile) throw new Error(`unknown profile ${options.profileId}`);
  const unit = findUnit(profile, options.unitCode ?? profile.units[0].code);
  if (!unit) throw new Error(`unknown unit ${options.unitCode}`);
  const year = options.year ?? Math.min(Math.max(2020, profile.years.from), profile.years.to);
  const quarter = options.quarter ?? 3;
  const n = options.rows ?? 3;
  const meta: Meta = {
    template: 'vn-ctt-registry',
    template_version: 1,
    profile: profile.id,
    unit_code: unit.code,
    unit_name: unit.name,
    province_code: profile.province_code,
    year,
    quarter,
    created_at: `${year}-01-05T08:00:00.000Z`,
  };
  const period = periodOf(profile, year, quarter);
  const titles: CellValue[][] = Array.from({ length: options.titleRows ?? 0 }, (_v, i) => (i === 0 ? ['SỔ THEO DÕI NẠN NHÂN'] : []));
  const registry: SheetModel = { name: SHEET.registry, rows: [...titles, REGISTRY_COLUMNS.map((c) => c.header_vi)] };
  const support: SheetModel = { name: SHEET.support, rows: [SUPPORT_COLUMNS.map((c) => c.header_vi)] };
  const report: SheetModel = { name: SHEET.report, rows: [] };
  const model: WorkbookModel = {
    sheets: [
      { name: SHEET.guide, rows: [['Hướng dẫn sử dụng sổ']] },
      registry,
      support,
      report,
      { name: SHEET.codes, rows: [['Giới tính'], ['Nam'], ['Nữ']] },
      { name: SHEET.meta, rows: metaRows(meta), visibility: 'veryHidden' },
    ],
  };
  const headerRow0 = (sheet: SheetModel): number => sheet.rows.findIndex((row) => row.includes(sheet === registry ? 'Mã hồ sơ' : 'Loại hỗ trợ'));
  const colOf = (sheet: SheetModel, header: string): number => {
    const col0 = (sheet.rows[headerRow0(sheet)] ?? []).indexOf(header);
    if (col0 < 0) throw new Error(`no column "${header}" in ${sheet.name}`);
    return col0;
  };
  const regHeader = (key: RegistryKey): string => REGISTRY_COLUMNS.find((c) => c.key === key)?.header_vi as string;
  const supHeader = (key: SupportKey): string => SUPPORT_COLUMNS.find((c) => c.key === key)?.header_vi as string;
  const setCell = (sheet: SheetModel, row0: number, col0: number, value: CellValue): void => {
    while (sheet.rows.length <= row0) sheet.rows.push([]);
    const row = sheet.rows[row0];
    while (row.length <= col0) row.push(null);
    row[col0] = value;
  };
  const addRow = (sheet: SheetModel, values: Record<string, CellValue>, header: (k: never) => string): number => {
    const row0 = sheet.rows.length;
    sheet.rows.push([]);
    for (const [key, value] of Object.entries(values)) setCell(sheet, row0, colOf(sheet, header(key as never)), value);
    return row0 - headerRow0(sheet) - 1;
  };
  const wb: TestWorkbook = {
    model,
    profile,
    unit,
    meta,
    today: new Date(period.end.getTime() + 10 * DAY),
    registry,
    support,
    registryRow0: (i) => headerRow0(registry) + 1 + i,
    supportRow0: (i) => headerRow0(support) + 1 + i,
    registryAddress: (i, key) => cellAddress(wb.registryRow0(i), colOf(registry, regHeader(key))),
    supportAddress: (i, key) => cellAddress(wb.supportRow0(i), colOf(support, supHeader(key))),
    setRegistry: (i, key, value) => setCell(registry, wb.registryRow0(i), colOf(registry, regHeader(key)), value),
    setSupport: (i, key, value) => setCell(support, wb.supportRow0(i), colOf(support, supHeader(key)), value),
    getRegistry: (i, key) => registry.rows[wb.registryRow0(i)]?.[colOf(registry, regHeader(key))] ?? null,
    addRegistryRow: (values) => addRow(registry, values, regHeader as (k: never) => string),
    addSupportRow: (values) => addRow(support, values, supHeader as (k: never) => string),
    refillReport: () => {
      const parsed = parseWorkbook(model);
      const data = buildReport(parsed.registry.records, parsed.support.records, profile, year, quarter);
      report.rows = reportSheetGrid(profile, meta, data);
      const values = readReportSheet(report);
      const notes = values.columns.notes;
      if (notes === undefined) return;
      for (const code of ['7.1', '7.2', '7.3']) {
        const row0 = values.rows[code];
        if (row0 !== undefined) setCell(report, row0, notes, `Nội dung mục ${code}`);
      }
    },
    sheet: (name) => {
      const found = model.sheets.find((s) => s.name === name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found;
    },
  };
  for (let i = 0; i < n; i++) {
    const row = validRegistryRow(i, profile, unit, year, quarter);
    wb.addRegistryRow(row);
    wb.addSupportRow({
      case_id: row.case_id,
      type: 'Y tế',
      date: new Date((row.received_date as Date).getTime() + DAY),
      amount: 500_000,
      provider: 'Trạm Y tế',
      notes: null,
    });
  }
  wb.refillReport();
  return wb;
}

/** Moves a registry column (header and data) to another position, as a clerk dragging it. */
export function moveRegistryColumn(wb: TestWorkbook, key: RegistryKey, toCol0: number): void {
  const header = REGISTRY_COLUMNS.find((c) => c.key === key)?.header_vi as string;
  const headerRow0 = wb.registry.rows.findIndex((row) => row.includes('Mã hồ sơ'));
  const from = wb.registry.rows[headerRow0].indexOf(header);
  for (let r = headerRow0; r < wb.registry.rows.length; r++) {
    const row = wb.registry.rows[r];
    while (row.length <= Math.max(from, toCol0)) row.push(null);
    const [value] = row.splice(from, 1);
    row.splice(toCol0, 0, value);
  }
}

/** Inserts a column (header + blank cells) at a position in the registry. */
export function insertRegistryColumn(wb: TestWorkbook, col0: number, header: string, value: CellValue = null): void {
  const headerRow0 = wb.registry.rows.findIndex((row) => row.includes('Mã hồ sơ'));
  for (let r = headerRow0; r < wb.registry.rows.length; r++) {
    const row = wb.registry.rows[r];
    while (row.length < col0) row.push(null);
    row.splice(col0, 0, r === headerRow0 ? header : value);
  }
}

/** Findings of a full check of the test workbook (check date `wb.today` unless given). */
export function checkTest(wb: TestWorkbook, today: Date = wb.today): Finding[] {
  return checkWorkbook(wb.model, { today }).findings;
}

/** Findings of one rule id. */
export function findingsOf(wb: TestWorkbook, rule: string, today?: Date): Finding[] {
  return checkTest(wb, today).filter((f) => f.rule === rule);
}
