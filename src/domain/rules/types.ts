/**
 * The rule framework: a rule is data a non-programmer can read (id, severity, fields,
 * description) plus one `check` over the parsed workbook (DHIS2 validation rules style).
 */
import { formatDate } from '../dates';
import { makeFinding, type Finding, type Severity } from '../finding';
import type { CheckOptions, ParsedWorkbook, RegistryRecord, ReportData, SupportRecord } from '../model';
import type { Profile, Unit } from '../schema/profile';
import { REGISTRY_COLUMNS, SUPPORT_COLUMNS, type RegistryKey, type SupportKey } from '../schema/registry';
import { SHEET, cellAddress, type CellValue } from '../sheet';

export interface RuleContext {
  parsed: ParsedWorkbook;
  profile: Profile;
  /** The unit of `_meta.unit_code` in the profile (null only for a damaged workbook). */
  unit: Unit | null;
  options: CheckOptions;
  /** The report computed once from the registry by `buildReport`; null without `_meta`. */
  report: ReportData | null;
}

export interface Rule {
  id: string;
  /** Default severity; `profile.severity_overrides` may change it (check.ts applies it). */
  severity: Severity;
  /** Registry/support/report field keys the rule reads (the pane's inline checks use them). */
  fields: string[];
  description_vi: string;
  description_en: string;
  check(ctx: RuleContext): Finding[];
}

const REGISTRY_HEADER = new Map(REGISTRY_COLUMNS.map((c) => [c.key, c]));
const SUPPORT_HEADER = new Map(SUPPORT_COLUMNS.map((c) => [c.key, c]));

/** Header of a registry field, vi and en (for messages). */
export function registryHeader(key: RegistryKey): { vi: string; en: string } {
  const spec = REGISTRY_HEADER.get(key);
  return { vi: spec?.header_vi ?? key, en: spec?.header_en ?? key };
}

export function supportHeader(key: SupportKey): { vi: string; en: string } {
  const spec = SUPPORT_HEADER.get(key);
  return { vi: spec?.header_vi ?? key, en: spec?.header_en ?? key };
}

/** "ô J12 (Ngày tiếp nhận)" / "cell J12 (Date received)"; the row alone when the column is
 *  missing. */
export function placeText(sheet: string, row0: number, col0: number | undefined, header: { vi: string; en: string }): { vi: string; en: string } {
  if (col0 === undefined) return { vi: `dòng ${row0 + 1} (${header.vi}) của trang tính "${sheet}"`, en: `row ${row0 + 1} (${header.en}) of sheet "${sheet}"` };
  const address = cellAddress(row0, col0);
  return { vi: `ô ${address} (${header.vi}) của trang tính "${sheet}"`, en: `cell ${address} (${header.en}) of sheet "${sheet}"` };
}

/** Shown value: dates dd/mm/yyyy, text quoted. */
export function shown(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '""';
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'string') return `"${value.trim()}"`;
  return String(value);
}

/** A finding at a registry record's cell; the message builder gets the cell's place text. */
export function registryFinding(
  ctx: RuleContext,
  rule: string,
  severity: Severity,
  record: RegistryRecord,
  key: RegistryKey,
  message: (place: { vi: string; en: string }) => { vi: string; en: string },
  value: unknown = record.raw[key] ?? null,
): Finding {
  const col0 = ctx.parsed.registry.columns[key];
  const sheet = ctx.parsed.registry.sheet?.name ?? SHEET.registry;
  const text = message(placeText(sheet, record.row0, col0, registryHeader(key)));
  return makeFinding(rule, severity, { sheet, row0: record.row0, col0: col0 ?? null, field: key }, value, text.vi, text.en);
}

export function supportFinding(
  ctx: RuleContext,
  rule: string,
  severity: Severity,
  record: SupportRecord,
  key: SupportKey,
  message: (place: { vi: string; en: string }) => { vi: string; en: string },
  value: unknown = record.raw[key] ?? null,
): Finding {
  const col0 = ctx.parsed.support.columns[key];
  const sheet = ctx.parsed.support.sheet?.name ?? SHEET.support;
  const text = message(placeText(sheet, record.row0, col0, supportHeader(key)));
  return makeFinding(rule, severity, { sheet, row0: record.row0, col0: col0 ?? null, field: key }, value, text.vi, text.en);
}

/** True when a raw cell holds something (blank cells are REG-01's business, not REG-02/03). */
export function hasValue(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'string') return true;
  // Called millions of times per check: a printable ASCII first character cannot be trimmed
  // away, so only other texts pay for trim().
  const first = value.length > 0 ? value.charCodeAt(0) : 0;
  if (first > 32 && first < 127) return true;
  return value.trim() !== '';
}

/** Runs `fn` over every registry record, collecting findings. An index loop, not for-of: in these
 *  per-row callbacks the array iterator allocated per row (~100 MB of garbage per 100,000-row
 *  check in the profile). */
export function eachRecord(ctx: RuleContext, fn: (r: RegistryRecord, out: Finding[]) => void): Finding[] {
  const out: Finding[] = [];
  const records = ctx.parsed.registry.records;
  for (let i = 0; i < records.length; i++) fn(records[i], out);
  return out;
}

/** Capitalises a message that starts with a cell reference ("ô J12" -> "Ô J12"). */
export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
