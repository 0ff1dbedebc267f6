/**
 * Hand-made registry and support records for the report tests: typed records, no parser, so the
 * report is checked against a count done by hand, independently of the parse stage.
 */
import type { ParsedWorkbook, RegistryRecord, ReportData, SupportRecord } from '../../src/domain/model';
import { readReportSheet, reportSheetGrid } from '../../src/domain/reportSheet';
import type { RuleContext } from '../../src/domain/rules/types';
import type { Meta } from '../../src/domain/schema/meta';
import type { Profile } from '../../src/domain/schema/profile';
import { SHEET, type CellValue, type SheetModel } from '../../src/domain/sheet';
import { findUnit } from '../../src/profiles';

export const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export function person(over: Partial<RegistryRecord>): RegistryRecord {
  return {
    row0: 0,
    raw: {},
    case_id: 'X',
    full_name: 'Nguyễn Thị A',
    sex: 'female',
    birth: null,
    nationality: null,
    ethnicity: null,
    id_number: null,
    commune: null,
    address: null,
    received_date: d('2020-08-01'),
    receipt_channel: 'handover',
    destination: null,
    purpose: 'sexual',
    verification_status: 'identified',
    verification_date: d('2020-08-05'),
    verifying_agency: 'police',
    protection: 'no_need',
    child_referral: null,
    child_referral_date: null,
    accompanying_minors: 0,
    consent_share: 'yes',
    support_needs: [],
    notes: null,
    age_at_receipt: 25,
    ...over,
  };
}

export function support(case_id: string | null, type: string | null, date: string | null, amount: number | null): SupportRecord {
  return { row0: 0, raw: {}, case_id, type, date: date ? d(date) : null, amount, provider: null, notes: null };
}

export function metaFor(profile: Profile, year: number, quarter: number): Meta {
  const unit = profile.units[0];
  return {
    template: 'vn-ctt-registry',
    template_version: 1,
    profile: profile.id,
    unit_code: unit.code,
    unit_name: unit.name,
    province_code: profile.province_code,
    year,
    quarter,
    created_at: `${year}-01-01T00:00:00.000Z`,
  };
}

/** A rule context over typed records and a report sheet grid (no workbook parse). */
export function contextFor(
  profile: Profile,
  meta: Meta,
  registry: RegistryRecord[],
  supportRows: SupportRecord[],
  report: ReportData,
  reportRows: CellValue[][],
  options: RuleContext['options'] = { today: d('2030-01-01') },
): RuleContext {
  const sheet: SheetModel = { name: SHEET.report, rows: reportRows };
  const parsed: ParsedWorkbook = {
    meta,
    metaRaw: {},
    profile,
    unit: findUnit(profile, meta.unit_code) ?? null,
    registry: { sheet: null, headerRow0: 0, columns: {}, unknownColumns: [], missing: [], records: registry },
    support: { sheet: null, headerRow0: 0, columns: {}, unknownColumns: [], missing: [], records: supportRows },
    report: readReportSheet(sheet),
  };
  return { parsed, profile, unit: parsed.unit, options, report };
}

export function filledGrid(profile: Profile, meta: Meta, report: ReportData): CellValue[][] {
  return reportSheetGrid(profile, meta, report);
}
