/**
 * The check: parse once, build the report once, run every rule (never stopping at the first
 * failure), apply the plan's severity overrides, sort. The pane, `vr validate` and the inbox all
 * call this, so a workbook gets the same verdict everywhere.
 */
import { todayUtc } from './dates';
import { sortFindings, type Finding } from './finding';
import type { CheckOptions, CheckResult, ParsedWorkbook, RegistryRecord, TableLayout } from './model';
import { CodeMatcher, parseRegistryRow, parseWorkbook } from './parse';
import { buildReport } from './report';
import { readReportSheet } from './reportSheet';
import { templateFindings } from './rules/fmt';
import { RULES, type Rule, type RuleContext } from './rules/index';
import type { Meta } from './schema/meta';
import type { Profile, Unit } from './schema/profile';
import { REGISTRY_KEYS, type RegistryKey, type SupportKey } from './schema/registry';
import { SHEET, type CellValue, type WorkbookModel } from './sheet';
import { markTextRows } from './textFlags';

/** `only` entries are rule ids (`REG-01`) or families (`REG`). */
function selected(rule: Rule, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => rule.id === o || rule.id.startsWith(`${o}-`));
}

/** A plan may change a severity, never the meaning (docs/rules.md); FMT-01/02 stay fatal. */
function applyOverrides(findings: Finding[], profile: Profile): void {
  const overrides = profile.severity_overrides;
  if (Object.keys(overrides).length === 0) return;
  for (const f of findings) {
    const severity = overrides[f.rule];
    if (severity && f.severity !== 'fatal') f.severity = severity;
  }
}

function runRules(ctx: RuleContext, rules: readonly Rule[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.severity === 'fatal') continue; // checked up front by templateFindings
    // A loop, not push(...spread): a rule may return 100,000 findings.
    for (const f of rule.check(ctx)) findings.push(f);
  }
  applyOverrides(findings, ctx.profile);
  return sortFindings(findings);
}

/** Checks a parsed workbook. FMT-01/02 (not our template, or a newer one) stop everything else:
 *  nothing in such a workbook can be trusted. */
export function checkParsed(parsed: ParsedWorkbook, options: CheckOptions): CheckResult {
  const fatal = templateFindings(parsed);
  if (fatal.length > 0 || !parsed.meta || !parsed.profile) return { parsed, findings: sortFindings(fatal) };
  const meta = parsed.meta;
  const profile = parsed.profile;
  const report = buildReport(parsed.registry.records, parsed.support.records, profile, meta.year, meta.quarter);
  // A JavaScript caller may leave out the check date: today, as the clerk's calendar says.
  const opts: CheckOptions = options.today instanceof Date ? options : { ...options, today: todayUtc() };
  const ctx: RuleContext = { parsed, profile, unit: parsed.unit, options: opts, report };
  return { parsed, findings: runRules(ctx, RULES.filter((r) => selected(r, opts.only))) };
}

/** Parses and checks a workbook; `profile` overrides `_meta.profile` (e.g. the inbox's unit). */
export function checkWorkbook(workbook: WorkbookModel, options: CheckOptions & { profile?: Profile }): CheckResult {
  return checkParsed(parseWorkbook(workbook, options.profile), options);
}

/** Families that judge one registry row on its own (plus its duplicates among `others`). */
const ROW_RULES = RULES.filter((r) => /^(REG|VER|CHD|PRT|CNS)-/.test(r.id) || r.id === 'FMT-05' || r.id === 'FMT-06');

export interface RowCheckInput {
  profile: Profile;
  unit: Unit;
  today: Date;
  /** `_meta` of the workbook (VER-04 needs the period); optional. */
  meta?: Meta | null;
  /** 0-based sheet row the entry goes to (findings point there); default after `others`. */
  row0?: number;
  /** Columns of the registry sheet; default the template's order. */
  columns?: TableLayout<RegistryKey>['columns'];
  /** The rows already in the registry (REG-06/07 duplicates). */
  others?: readonly RegistryRecord[];
  sheetName?: string;
}

/** The entry form's check: the same rules as the workbook check, on one row, with the same
 *  parse. Returns the typed record and the findings for that row only. */
export function checkRegistryRow(
  values: Partial<Record<RegistryKey, CellValue>>,
  input: RowCheckInput,
): { record: RegistryRecord; findings: Finding[] } {
  const others = input.others ?? [];
  const row0 = input.row0 ?? others.reduce((max, r) => Math.max(max, r.row0 + 1), 1);
  const columns = input.columns ?? Object.fromEntries(REGISTRY_KEYS.map((k, i) => [k, i]));
  const raw: Partial<Record<RegistryKey, CellValue>> = {};
  for (const key of REGISTRY_KEYS) if (columns[key] !== undefined) raw[key] = values[key] ?? null;
  const record = parseRegistryRow(raw, row0, input.profile, input.unit, new CodeMatcher());
  const sheetName = input.sheetName ?? SHEET.registry;
  // The row as it will sit in the sheet.
  const rows: CellValue[][] = [];
  rows[row0] = [];
  for (const key of REGISTRY_KEYS) if (columns[key] !== undefined) rows[row0][columns[key] as number] = raw[key] ?? null;
  const sheet = { name: sheetName, rows };
  const records = [...others.filter((r) => r.row0 !== row0), record];
  // Only this row's findings are kept: FMT-05/06 look at its cells, not at every other row's.
  markTextRows(records, [records.length - 1]);
  const parsed: ParsedWorkbook = {
    meta: input.meta ?? null,
    metaRaw: {},
    profile: input.profile,
    unit: input.unit,
    registry: { sheet, headerRow0: 0, columns, unknownColumns: [], missing: [], records },
    support: { sheet: null, headerRow0: null, columns: {} as Partial<Record<SupportKey, number>>, unknownColumns: [], missing: [], records: [] },
    report: readReportSheet(null),
  };
  const ctx: RuleContext = { parsed, profile: input.profile, unit: input.unit, options: { today: input.today }, report: null };
  const findings = runRules(ctx, ROW_RULES).filter((f) => f.sheet === sheetName && f.row === row0 + 1);
  return { record, findings };
}
