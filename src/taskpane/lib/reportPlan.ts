/**
 * What "Lập báo cáo" does to the report sheet: every computed cell follows the register, what
 * the clerk typed stays. The pane remembers, per workbook and quarter, the figures its last
 * fill wrote (document settings), so a figure still equal to what the pane wrote is the pane's
 * and is simply brought up to date, while a figure that differs from both the register and the
 * pane's last fill was typed by someone: it is kept, shown beside the computed one, and
 * overwritten only when the clerk says so. The hand-entered parts (6.4, 6.5, 7.x, the preparer)
 * are never written; the plan says which are filled and which are still empty.
 */
import type { ReportData, ReportSheetValues } from '../../domain/model';
import { reportRowDefs } from '../../domain/report';
import { reportCellWrites, reportDifferences, reportHeaderWrites, type CellWrite, type ReportDifference } from '../../domain/reportSheet';
import type { Profile } from '../../domain/schema/profile';
import { isBlank, type CellValue } from '../../domain/sheet';

/** The figures the pane's last fill wrote, by `<code>|<column key>` (`1|total`). */
export type StoredValue = string | number | boolean | null;

export interface ReportFillMemory {
  year: number;
  quarter: number;
  cells: Record<string, StoredValue>;
}

/** A written value as document settings keep it (JSON): the fill writes no dates. */
const stored = (value: CellValue): StoredValue => (value instanceof Date ? value.toISOString() : value);

export interface ChangedFigure {
  code: string;
  column: string;
  from: CellValue;
  to: CellValue;
}

export interface HandPart {
  code: string;
  label_vi: string;
  label_en: string;
  /** What the clerk wrote, or null when it is still to be written. */
  value: string | null;
}

export interface ReportFillPlan {
  /** Written now: figures that are empty or the pane's own, the notes of rows 1/4.x, the header. */
  writes: CellWrite[];
  /** Figures typed by someone that differ from the register: kept until the clerk decides. */
  typed: ReportDifference[];
  /** The computed values of `typed`, for "overwrite". */
  typedWrites: CellWrite[];
  /** The pane's own figures that the register has changed since its last fill. */
  changed: ChangedFigure[];
  /** Computed cells written now. */
  computedCount: number;
  /** The hand-entered parts, kept as typed. */
  hand: HandPart[];
  /** The memory to save once `writes` are applied. */
  memory: ReportFillMemory;
}

const keyOf = (code: string, column: string): string => `${code}|${column}`;

function same(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
}

function shortText(value: CellValue): string | null {
  if (value === null || value === undefined || isBlank(value)) return null;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function planReportFill(
  values: ReportSheetValues,
  report: ReportData,
  profile: Profile,
  period: { year: number; quarter: number },
  memory: ReportFillMemory | undefined,
  preparedOn: Date,
): ReportFillPlan {
  const remembered = memory && memory.year === period.year && memory.quarter === period.quarter ? memory.cells : {};
  // Sheet position -> code and column key, to name each write.
  const codeAt = new Map(Object.entries(values.rows).map(([code, row0]) => [row0, code]));
  const columnAt = new Map(Object.entries(values.columns).map(([key, col0]) => [col0, key]));
  const nameOf = (w: CellWrite): string | null => {
    const code = codeAt.get(w.row0);
    const column = columnAt.get(w.col0);
    return code !== undefined && column !== undefined && column !== 'notes' ? keyOf(code, column) : null;
  };

  const differences = reportDifferences(values, report).filter((d) => d.row0 !== null && d.col0 !== null && !isBlank(d.typed));
  const typed: ReportDifference[] = [];
  const changed: ChangedFigure[] = [];
  for (const d of differences) {
    const mine = remembered[keyOf(d.code, d.key)];
    if (mine !== undefined && same(mine, d.typed)) changed.push({ code: d.code, column: d.column, from: d.typed, to: d.computed ?? '—' });
    else typed.push(d);
  }
  const held = new Set(typed.map((d) => `${d.row0}:${d.col0}`));
  const all = reportCellWrites(values, report, profile);
  const figures = all.filter((w) => !held.has(`${w.row0}:${w.col0}`));
  const typedWrites = all.filter((w) => held.has(`${w.row0}:${w.col0}`));
  const cells: Record<string, StoredValue> = { ...remembered };
  for (const w of figures) {
    const name = nameOf(w);
    if (name) cells[name] = stored(w.value);
  }

  const sheet = values.sheet;
  const hand: HandPart[] = [];
  for (const def of reportRowDefs(profile)) {
    if (def.kind !== 'manual' && def.kind !== 'text') continue;
    const row0 = values.rows[def.code];
    const row = row0 === undefined ? [] : (sheet?.rows[row0] ?? []);
    // 6.4/6.5 are figures in `Tổng số`; 7.x are text in `Ghi chú` (or anywhere right of the label).
    const from = def.kind === 'text' ? (values.columns.label ?? 1) + 1 : (values.columns.total ?? 2);
    const to = def.kind === 'text' ? row.length : from + 1;
    const written = row.slice(from, to).map(shortText).find((v) => v !== null) ?? null;
    hand.push({ code: def.code, label_vi: def.label_vi, label_en: def.label_en, value: written });
  }
  hand.push({ code: '', label_vi: 'Người lập biểu', label_en: 'Prepared by', value: shortText(values.header.preparer ?? null) });

  return {
    writes: [...figures, ...reportHeaderWrites(values, report, preparedOn)],
    typed,
    typedWrites,
    changed,
    computedCount: figures.filter((w) => nameOf(w) !== null).length,
    hand,
    memory: { year: period.year, quarter: period.quarter, cells },
  };
}

/** The memory once the clerk has chosen to overwrite the typed figures too. */
export function rememberOverwrite(plan: ReportFillPlan, values: ReportSheetValues): ReportFillMemory {
  const cells = { ...plan.memory.cells };
  const codeAt = new Map(Object.entries(values.rows).map(([code, row0]) => [row0, code]));
  const columnAt = new Map(Object.entries(values.columns).map(([key, col0]) => [col0, key]));
  for (const w of plan.typedWrites) {
    const code = codeAt.get(w.row0);
    const column = columnAt.get(w.col0);
    if (code !== undefined && column !== undefined) cells[keyOf(code, column)] = stored(w.value);
  }
  return { ...plan.memory, cells };
}
