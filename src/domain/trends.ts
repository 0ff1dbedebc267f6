/**
 * Trends of the main indicators over the last quarters (docs/inbox.md, "Xu hướng"): received (1),
 * identified (2.1), under 18 (5.1), supported (4.x) and the plan percentages (6.x), for the
 * province and for each unit, from accepted submissions only. Pure: the inbox gathers each
 * quarter's accepted figures, this lines them up; `publishTrends` turns them into what may leave
 * the staff page (print, download), with small counts protected (smallCounts.ts).
 */
import { formatNumber, formatPercent, type NumberLocale } from './format';
import { percent, reportRowDefs } from './report';
import type { Profile } from './schema/profile';
import { isSmall, publishColumn, SMALL_COUNT_LIMIT } from './smallCounts';

export { isSmall, SMALL_COUNT_LIMIT } from './smallCounts';

export const TREND_QUARTERS = 8;

export type TrendGroup = 'people' | 'support' | 'percent';

export interface TrendRowDef {
  code: string;
  label_vi: string;
  label_en: string;
  kind: 'count' | 'percent';
  group: TrendGroup;
}

export interface TrendQuarter {
  year: number;
  quarter: number;
  /** Units whose accepted submission is counted in this quarter. */
  accepted: number;
  /** Every unit the inbox expects has an accepted report for the quarter: its figures are final
   *  (accepted reports are locked) and may be printed and downloaded. */
  closed: boolean;
}

/** One series set: the province (`unit_code` null) or one unit. */
export interface TrendSeries {
  unit_code: string | null;
  /** Per row code, one value per quarter (oldest first); null where nothing was accepted. */
  values: Record<string, (number | null)[]>;
  /** For percent rows: the denominator behind each value (people in the base). */
  bases: Record<string, (number | null)[]>;
  /** For percent rows: the numerator behind each value. */
  nums: Record<string, (number | null)[]>;
}

export interface Trends {
  rows: TrendRowDef[];
  quarters: TrendQuarter[];
  province: TrendSeries;
  units: TrendSeries[];
}

/** One accepted submission's figures, as the inbox's digest keeps them. */
export interface AcceptedFigures {
  unit_code: string;
  totals: Record<string, number>;
  ratios: Record<string, [number, number]>;
}

/** The rows a trend shows, in report order: 1, 2.1, 4.x, 5.1, 6.1–6.3. */
export function trendRows(profile: Pick<Profile, 'law'>): TrendRowDef[] {
  const out: TrendRowDef[] = [];
  for (const d of reportRowDefs(profile)) {
    const group: TrendGroup | null =
      d.code === '1' || d.code === '2.1' || d.code === '5.1' ? 'people' : /^4\.\d+$/.test(d.code) ? 'support' : /^6\.[123]$/.test(d.code) ? 'percent' : null;
    if (group && (d.kind === 'count' || d.kind === 'percent')) out.push({ code: d.code, label_vi: d.label_vi, label_en: d.label_en, kind: d.kind, group });
  }
  return out;
}

/**
 * Lines up `columns` (oldest quarter first, each with that quarter's accepted figures) into the
 * province's series and one per unit. A province count is the sum over the units accepted that
 * quarter; a province percentage pools the units' numerators and denominators (a mean of
 * percentages would weigh a unit of 2 people like one of 200).
 */
export function buildTrends(
  profile: Pick<Profile, 'law'>,
  columns: { year: number; quarter: number; figures: AcceptedFigures[]; closed?: boolean }[],
  unitCodes: readonly string[] = [],
): Trends {
  const rows = trendRows(profile);
  const n = columns.length;
  const blank = (): TrendSeries => ({
    unit_code: null,
    values: Object.fromEntries(rows.map((r) => [r.code, new Array<number | null>(n).fill(null)])),
    bases: Object.fromEntries(rows.filter((r) => r.kind === 'percent').map((r) => [r.code, new Array<number | null>(n).fill(null)])),
    nums: Object.fromEntries(rows.filter((r) => r.kind === 'percent').map((r) => [r.code, new Array<number | null>(n).fill(null)])),
  });
  const province = blank();
  const units = new Map<string, TrendSeries>();
  for (const code of unitCodes) units.set(code, { ...blank(), unit_code: code });
  const pooled = rows.filter((r) => r.kind === 'percent').map((r) => r.code);

  columns.forEach((col, i) => {
    const sums: Record<string, [number, number]> = {};
    for (const f of col.figures) {
      let unit = units.get(f.unit_code);
      if (!unit) units.set(f.unit_code, (unit = { ...blank(), unit_code: f.unit_code }));
      for (const r of rows) {
        if (r.kind === 'count') {
          const v = f.totals[r.code] ?? 0;
          unit.values[r.code][i] = v;
          province.values[r.code][i] = (province.values[r.code][i] ?? 0) + v;
        } else {
          const [num, den] = f.ratios[r.code] ?? [0, 0];
          unit.values[r.code][i] = percent(num, den);
          unit.bases[r.code][i] = den;
          unit.nums[r.code][i] = num;
          const s = (sums[r.code] ??= [0, 0]);
          s[0] += num;
          s[1] += den;
        }
      }
    }
    for (const code of pooled) {
      const s = sums[code];
      if (!s) continue;
      province.values[code][i] = percent(s[0], s[1]);
      province.bases[code][i] = s[1];
      province.nums[code][i] = s[0];
    }
  });

  return {
    rows,
    quarters: columns.map((c) => ({ year: c.year, quarter: c.quarter, accepted: c.figures.length, closed: c.closed ?? false })),
    province,
    units: [...units.values()].sort((a, b) => (a.unit_code ?? '').localeCompare(b.unit_code ?? '')),
  };
}

// ---------------------------------------------------------------------------------------------
// What may leave the staff page (docs/inbox.md, "Số nhỏ"): only quarters whose figures are final,
// each column protected by primary and complementary suppression (smallCounts.ts), and a
// percentage only where neither it nor its base can tell a small count.

/** What a published cell holds: the number, or why it is not shown. */
export type PublishedCell =
  | { kind: 'value'; value: number }
  | { kind: 'none' }
  /** 1–4 people. */
  | { kind: 'small' }
  /** A percentage over 1–4 people. */
  | { kind: 'small_base' }
  /** Hidden so that a `<5` cannot be worked out (from the province total, or a percentage). */
  | { kind: 'secondary' }
  /** Not broken down by unit: the province's figure is under 5, or a breakdown would tell one. */
  | { kind: 'withheld' }
  /** The quarter is not final: not every unit's report is accepted yet. */
  | { kind: 'open' };

export interface PublishedTrends {
  rows: TrendRowDef[];
  quarters: TrendQuarter[];
  masked: boolean;
  province: Record<string, PublishedCell[]>;
  units: { unit_code: string; cells: Record<string, PublishedCell[]> }[];
}

const valueCell = (v: number | null): PublishedCell => (v === null ? { kind: 'none' } : { kind: 'value', value: v });

function exactSeries(rows: TrendRowDef[], s: TrendSeries): Record<string, PublishedCell[]> {
  return Object.fromEntries(rows.map((r) => [r.code, s.values[r.code].map(valueCell)]));
}

/** A percentage may be shown when its base is 5 or more, neither the people it counts nor the
 *  rest are 1–4, and no count of the same series in the same year is hidden (a year-to-date base
 *  is a sum of those counts, so the percentage would tell a hidden one). */
function percentCell(s: TrendSeries, counts: Record<string, PublishedCell[]>, t: Trends, code: string, i: number): PublishedCell {
  const v = s.values[code][i];
  if (v === null) return { kind: 'none' };
  const base = s.bases[code]?.[i] ?? 0;
  const num = s.nums[code]?.[i] ?? 0;
  if (base < SMALL_COUNT_LIMIT) return { kind: 'small_base' };
  if (isSmall(num) || isSmall(base - num)) return { kind: 'secondary' };
  const year = t.quarters[i].year;
  for (const cells of Object.values(counts)) {
    for (let j = 0; j <= i; j++) {
      if (t.quarters[j].year !== year) continue;
      const kind = cells[j].kind;
      if (kind === 'small' || kind === 'secondary' || kind === 'withheld') return { kind: 'secondary' };
    }
  }
  return { kind: 'value', value: v };
}

/**
 * The trends as they may be printed or downloaded. Without `mask` (the staff page's own view, or
 * an internal copy staff ask for) every figure is shown. With it:
 * - a quarter that is not final (`closed`) shows nothing: figures that change as reports are
 *   accepted could be subtracted from one another between two downloads;
 * - in a final quarter, each indicator's column of units and province total is published by
 *   `publishColumn`: counts of 1–4 `<5`, and counts hidden beside them (`x`) or the breakdown left
 *   out so that the total tells nothing more (the audit of smallCounts.ts);
 * - percentages as `percentCell` allows.
 * A final quarter's reports are locked, so every download shows it the same way.
 */
export function publishTrends(t: Trends, opts: { mask: boolean; units?: boolean }): PublishedTrends {
  const unitSeries = opts.units === false ? [] : t.units;
  if (!opts.mask) {
    return {
      rows: t.rows,
      quarters: t.quarters,
      masked: false,
      province: exactSeries(t.rows, t.province),
      units: unitSeries.map((u) => ({ unit_code: u.unit_code ?? '', cells: exactSeries(t.rows, u) })),
    };
  }
  const n = t.quarters.length;
  const blank = (): Record<string, PublishedCell[]> => Object.fromEntries(t.rows.map((r) => [r.code, new Array<PublishedCell>(n).fill({ kind: 'none' })]));
  const province = blank();
  const units = t.units.map(() => blank());
  const counts = t.rows.filter((r) => r.kind === 'count');
  for (let i = 0; i < n; i++) {
    if (!t.quarters[i].closed) {
      for (const r of t.rows) {
        province[r.code][i] = t.province.values[r.code][i] === null ? { kind: 'none' } : { kind: 'open' };
        t.units.forEach((u, j) => (units[j][r.code][i] = u.values[r.code][i] === null ? { kind: 'none' } : { kind: 'open' }));
      }
      continue;
    }
    for (const r of counts) {
      const reporting = t.units.map((u, j) => ({ j, v: u.values[r.code][i] })).filter((x): x is { j: number; v: number } => x.v !== null);
      const pub = publishColumn(reporting.map((x) => x.v));
      const total = t.province.values[r.code][i];
      province[r.code][i] = total === null ? { kind: 'none' } : pub.province === 'small' ? { kind: 'small' } : { kind: 'value', value: total };
      reporting.forEach((x, k) => {
        const mark = pub.units[k];
        units[x.j][r.code][i] = mark === 'value' ? { kind: 'value', value: x.v } : { kind: mark };
      });
    }
  }
  const countCells = (cells: Record<string, PublishedCell[]>) => Object.fromEntries(counts.map((r) => [r.code, cells[r.code]]));
  for (let i = 0; i < n; i++) {
    if (!t.quarters[i].closed) continue;
    for (const r of t.rows) {
      if (r.kind !== 'percent') continue;
      province[r.code][i] = percentCell(t.province, countCells(province), t, r.code, i);
      t.units.forEach((u, j) => (units[j][r.code][i] = percentCell(u, countCells(units[j]), t, r.code, i)));
    }
  }
  return {
    rows: t.rows,
    quarters: t.quarters,
    masked: true,
    province,
    units: opts.units === false ? [] : t.units.map((u, j) => ({ unit_code: u.unit_code ?? '', cells: units[j] })),
  };
}

export const SMALL_TEXT = {
  small: { vi: '<5', en: '<5' },
  small_base: { vi: 'cơ sở <5', en: 'base <5' },
  secondary: { vi: 'x', en: 'x' },
  withheld: { vi: 'x', en: 'x' },
  open: { vi: '…', en: '…' },
  none: { vi: '—', en: '—' },
} as const;

export const SMALL_NOTE = {
  vi: '<5: từ 1 đến 4 người, không công bố số chính xác. "cơ sở <5": tỷ lệ trên dưới 5 người, không công bố. x: ẩn để không suy ra được một số <5 (từ tổng của tỉnh hoặc từ một tỷ lệ); khi tổng của tỉnh dưới 5, không tách theo đơn vị. …: quý chưa chốt (chưa đủ báo cáo của mọi đơn vị được chấp nhận), chưa công bố. —: chưa có báo cáo được chấp nhận.',
  en: '<5: 1 to 4 people, the exact figure is not published. "base <5": a percentage over fewer than 5 people, not published. x: hidden so that a <5 cannot be worked out (from the province total or a percentage); where the province total is under 5 it is not broken down by unit. …: quarter not final (not every unit’s report accepted yet), not published. —: no accepted report.',
} as const;

/** A published cell as text: `12`, `50,0%`, `<5`, `cơ sở <5`, `x`, `—`. */
export function cellText(c: PublishedCell, kind: TrendRowDef['kind'], locale: NumberLocale = 'vi'): string {
  if (c.kind === 'value') return kind === 'percent' ? formatPercent(c.value, locale) : formatNumber(c.value, locale);
  return SMALL_TEXT[c.kind][locale];
}

/** `Q3/2026` (vi) / `Q3 2026` (en). */
export const trendQuarterLabel = (q: { year: number; quarter: number }, locale: NumberLocale = 'vi'): string =>
  locale === 'vi' ? `Q${q.quarter}/${q.year}` : `Q${q.quarter} ${q.year}`;
