/**
 * Synthetic registers for tests, demos and benchmarks (`vr sample`): deterministic for a seed,
 * pure (no clock, no I/O), realistic enough that a clerk would recognise the data, and clean by
 * construction: every combination respects the rules (REG-10 channels, verification after
 * receipt, referrals for minors, support only of eligible types and for every stated need), so
 * a clean sample yields no finding at all. `--errors` plants known faults (sampleErrors.ts).
 */
import type { Period } from './model';
import { parseWorkbook } from './parse';
import { periodOf } from './period';
import { buildReport } from './report';
import { REGISTRY_KEYS, SUPPORT_KEYS } from './schema/registry';
import { SHEET, cellAddress, type CellValue, type WorkbookModel } from './sheet';
import { FAR_FUTURE, plantErrors } from './sampleErrors';
import { plantReportErrors, samplePlaces, severityOf, typeManualParts } from './sampleReport';
import { META_KEYS } from './schema/meta';
import { buildTemplate, type TemplateSheet, type TemplateSpec } from './template';
import { reportSheetDress } from './templateReport';
import {
  PersonFactory, Rng, addDays, type ExpectedFinding, type Person, type RegistryRow, type SampleData, type SampleOptions, type SupportRow,
} from './samplePeople';

export * from './samplePeople';

/**
 * The clean register: `rows` people received from two years before the quarter to its end
 * (about two thirds in the quarter), every one verified by the period end, and their support.
 */
export function generateData(opts: SampleOptions, factory = new PersonFactory(new Rng(opts.seed), opts, periodOf(opts.profile, opts.year, opts.quarter))): SampleData & { people: Person[] } {
  const people: Person[] = [];
  for (let i = 0; i < opts.rows; i++) people.push(factory.person(factory.randomSpec()));
  people.sort((a, b) => a.received.getTime() - b.received.getTime() || String(a.row.case_id).localeCompare(String(b.row.case_id)));
  const support = people.flatMap((p) => factory.supportFor(p));
  support.sort((a, b) => (a.date as Date).getTime() - (b.date as Date).getTime());
  return { registry: people.map((p) => p.row), support, period: factory.period, people };
}

export function registryGrid(rows: RegistryRow[]): CellValue[][] {
  return rows.map((row) => REGISTRY_KEYS.map((key) => row[key] ?? null));
}
export function supportGrid(rows: SupportRow[]): CellValue[][] {
  return rows.map((row) => SUPPORT_KEYS.map((key) => row[key] ?? null));
}

export function specToWorkbook(spec: TemplateSpec): WorkbookModel {
  return { sheets: spec.sheets.map((s) => ({ name: s.name, rows: s.rows, visibility: s.visibility })) };
}

export interface SampleResult {
  spec: TemplateSpec;
  /** Findings `vr validate` must report (empty for a clean sample, FMT-07 aside). */
  expected: ExpectedFinding[];
  period: Period;
  /** Check dates for which `expected` holds: the planted pending cases are over the VER-03
   *  limit and no clean date is in the future; the planted future date is still ahead. */
  validToday: { from: Date; to: Date };
}

/** The whole workbook: template, data, the report computed from the data (as `vr fill`) with
 *  its hand-typed parts, and with `errors` the planted faults and their expected findings. */
export function generateSample(opts: SampleOptions): SampleResult {
  const { profile, unit, year, quarter } = opts;
  const period = periodOf(profile, year, quarter);
  const factory = new PersonFactory(new Rng(opts.seed), opts, period);
  const data = generateData(opts, factory);
  let registry = data.registry;
  let support = data.support;
  let expected: ExpectedFinding[] = [];
  let extraHeaders: Record<number, string> = {};
  if (opts.errors) {
    const planted = plantErrors(factory, registry, support);
    ({ registry, support, extraHeaders } = planted);
    expected = planted.expected;
  }
  const createdAt = addDays(period.end, 1).toISOString();
  const content = { registryRows: registryGrid(registry), supportRows: supportGrid(support) };
  const withHeaders = (spec: TemplateSpec): TemplateSpec => {
    const header = spec.sheets.find((s) => s.name === SHEET.registry)?.rows[0];
    if (header) for (const [col0, text] of Object.entries(extraHeaders)) header[Number(col0)] = text;
    return spec;
  };
  const draft = withHeaders(buildTemplate(profile, unit, year, quarter, createdAt, content));
  const parsed = parseWorkbook(specToWorkbook(draft));
  const report = buildReport(parsed.registry.records, parsed.support.records, profile, year, quarter);
  const spec = withHeaders(buildTemplate(profile, unit, year, quarter, createdAt, { ...content, report }));
  const reportSheet = spec.sheets.find((s) => s.name === SHEET.report) as TemplateSheet;
  const reportRows = reportSheet.rows;
  typeManualParts(reportRows, samplePlaces(profile, unit, opts.seed));
  if (opts.errors) expected.push(...plantReportErrors(reportRows, profile));
  // The typed narrative is longer than the template's rows: measure the rows again for print.
  reportSheet.dress = reportSheetDress(reportRows);
  if (year < profile.years.from || year > profile.years.to) {
    const yearRow0 = META_KEYS.indexOf('year');
    expected.push({ rule: 'FMT-07', severity: severityOf(profile, 'FMT-07'), sheet: SHEET.meta, cell: cellAddress(yearRow0, 1), row: yearRow0 + 1, column: 'B', field: 'year' });
  }
  return { spec, expected, period, validToday: { from: addDays(period.end, 21), to: addDays(FAR_FUTURE, -1) } };
}
