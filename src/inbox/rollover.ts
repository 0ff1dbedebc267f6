/**
 * "Next quarter" (docs/workbook.md): the registry and the support log are cumulative, so the next
 * quarter's workbook keeps every registry and support row of the last accepted one, clears the
 * report (it is computed again for the new period) and advances `_meta`'s year and quarter.
 *
 * Pure: WorkbookModel in, TemplateSpec out (the same spec `vr new` renders), so the inbox, the
 * CLI and tests share it. Columns are found by header (R1's `locateTable`), so a workbook whose
 * clerk reordered columns rolls over into the template's order; a column the template does not
 * know (FMT-04) is carried over after the template's columns rather than silently dropped:
 * nothing a clerk typed is lost.
 */
import { UserError } from '../domain/errors';
import { locateTable, readMeta } from '../domain/parse';
import { nextQuarter } from '../domain/period';
import type { Profile, Unit } from '../domain/schema/profile';
import { REGISTRY_COLUMNS, SUPPORT_COLUMNS, type ColumnSpec } from '../domain/schema/registry';
import { SHEET, findSheet, isBlank, type CellValue, type WorkbookModel } from '../domain/sheet';
import { buildTemplate, type TemplateSheet, type TemplateSpec } from '../domain/template';
import { planNameOfId, unitNameOfCode } from '../profiles/planNames';

interface CarriedTable {
  rows: CellValue[][];
  extraHeaders: string[];
}

/** Data rows of a table sheet in template column order, plus any unknown columns after them. */
function carryTable(wb: WorkbookModel, sheetName: string, columns: readonly ColumnSpec[]): CarriedTable {
  const sheet = findSheet(wb, sheetName);
  if (!sheet) return { rows: [], extraHeaders: [] };
  const layout = locateTable(sheet, columns);
  if (layout.headerRow0 === null) return { rows: [], extraHeaders: [] };
  const known = columns.map((c) => (layout.columns as Record<string, number | undefined>)[c.key]);
  const extras = layout.unknownColumns;
  const rows: CellValue[][] = [];
  for (let r = layout.headerRow0 + 1; r < sheet.rows.length; r++) {
    const source = sheet.rows[r] ?? [];
    const row: CellValue[] = [
      ...known.map((col0) => (col0 === undefined ? null : (source[col0] ?? null))),
      ...extras.map((x) => source[x.col0] ?? null),
    ];
    if (row.every(isBlank)) continue;
    rows.push(row);
  }
  return { rows, extraHeaders: extras.map((x) => x.header) };
}

/** Appends carried-over unknown columns to a table sheet of the spec. */
function addExtraColumns(sheet: TemplateSheet, headers: string[]): void {
  if (headers.length === 0) return;
  const width = sheet.rows[0].length;
  sheet.rows[0] = [...sheet.rows[0].slice(0, width), ...headers];
  sheet.columnWidths = [...(sheet.columnWidths ?? []), ...headers.map(() => 16)];
  if (sheet.table) sheet.table = { ...sheet.table, lastCol0: sheet.table.lastCol0 + headers.length };
}

export interface RolloverResult {
  spec: TemplateSpec;
  year: number;
  quarter: number;
  registryRows: number;
  supportRows: number;
}

/**
 * The next quarter's workbook (or `target`, a later quarter: a unit may have skipped one) rolled
 * over from `wb`, normally the unit's last accepted submission. `unit` is the inbox's unit: a
 * workbook of another unit is refused.
 */
export function rolloverWorkbook(
  wb: WorkbookModel,
  profile: Profile,
  unit: Unit,
  createdAt: string,
  target?: { year: number; quarter: number },
): RolloverResult {
  const { meta } = readMeta(wb);
  if (!meta) {
    throw new UserError('not_template', 'Tệp không phải sổ theo mẫu (thiếu _meta), không thể chuyển sang quý sau.', 'Not a registry template (no _meta); cannot roll over to the next quarter.');
  }
  if (meta.profile !== profile.id || meta.unit_code.toUpperCase() !== unit.code.toUpperCase()) {
    throw new UserError('forbidden', `Sổ là của ${unitNameOfCode(meta.profile, meta.unit_code)}, kế hoạch ${planNameOfId(meta.profile, 'vi')}, không phải của ${unit.name} (${unit.code}).`, `The workbook belongs to ${unitNameOfCode(meta.profile, meta.unit_code)}, plan ${planNameOfId(meta.profile, 'en')}, not to ${unit.name} (${unit.code}).`);
  }
  const next = target ?? nextQuarter(meta.year, meta.quarter);
  if (next.year * 4 + next.quarter <= meta.year * 4 + meta.quarter) {
    throw new UserError('bad_argument', `Sổ là của quý ${meta.quarter}/${meta.year}; chỉ chuyển tiếp sang quý sau đó, không sang quý ${next.quarter}/${next.year}.`, `The workbook is for Q${meta.quarter} ${meta.year}; it rolls over only to a later quarter, not Q${next.quarter} ${next.year}.`);
  }
  const registry = carryTable(wb, SHEET.registry, REGISTRY_COLUMNS);
  const support = carryTable(wb, SHEET.support, SUPPORT_COLUMNS);
  const spec = buildTemplate(profile, unit, next.year, next.quarter, createdAt, {
    registryRows: registry.rows,
    supportRows: support.rows,
  });
  for (const sheet of spec.sheets) {
    if (sheet.name === SHEET.registry) addExtraColumns(sheet, registry.extraHeaders);
    if (sheet.name === SHEET.support) addExtraColumns(sheet, support.extraHeaders);
  }
  return { spec, year: next.year, quarter: next.quarter, registryRows: registry.rows.length, supportRows: support.rows.length };
}
