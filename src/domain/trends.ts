/**
 * Trends of the main indicators over the last quarters (docs/inbox.md, "Xu hướng"): received (1),
 * identified (2.1), under 18 (5.1), supported (4.x) and the plan percentages (6.x), for the
 * province and for each unit, from accepted submissions only. Pure: the inbox gathers each
 * quarter's accepted figures, this lines them up; `publishTrends` turns them into what may leave
 * the staff page (print, download), with small counts shown as `<5`.
 */
import { formatNumber, formatPercent, type NumberLocale } from './format';
import { percent, reportRowDefs } from './report';
import type { Profile } from './schema/profile';

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
}

/** One series set: the province (`unit_code` null) or one unit. */
export interface TrendSeries {
  unit_code: string | null;
  /** Per row code, one value per quarter (oldest first); null where nothing was accepted. */
  values: Record<string, (number | null)[]>;
  /** For percent rows: the denominator behind each value (people in the base). */
  bases: Record<string, (number | null)[]>;
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
  columns: { year: number; quarter: number; figures: AcceptedFigures[] }[],
  unitCodes: readonly string[] = [],
): Trends {
  const rows = trendRows(profile);
  const n = columns.length;
  const blank = (): TrendSeries => ({
    unit_code: null,
    values: Object.fromEntries(rows.map((r) => [r.code, new Array<number | null>(n).fill(null)])),
    bases: Object.fromEntries(rows.filter((r) => r.kind === 'percent').map((r) => [r.code, new Array<number | null>(n).fill(null)])),
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
    }
  });

  return {
    rows,
    quarters: columns.map((c) => ({ year: c.year, quarter: c.quarter, accepted: c.figures.length })),
    province,
    units: [...units.values()].sort((a, b) => (a.unit_code ?? '').localeCompare(b.unit_code ?? '')),
  };
}

// ---------------------------------------------------------------------------------------------
// Small counts (docs/inbox.md): figures of 1–4 people are shown as `<5` on anything that leaves
// the staff page, and a percentage over fewer than 5 people is not shown at all.

export const SMALL_COUNT_LIMIT = 5;

export const isSmall = (n: number | null | undefined): boolean => typeof n === 'number' && n > 0 && n < SMALL_COUNT_LIMIT;

/** What a published cell holds: the number, or why it is not shown. */
export type PublishedCell =
  | { kind: 'value'; value: number }
  | { kind: 'none' }
  /** 1–4 people. */
  | { kind: 'small' }
  /** A percentage over 1–4 people. */
  | { kind: 'small_base' }
  /** Hidden so that a `<5` next to it cannot be worked out from the province total. */
  | { kind: 'secondary' };

export interface PublishedTrends {
  rows: TrendRowDef[];
  quarters: TrendQuarter[];
  masked: boolean;
  province: Record<string, PublishedCell[]>;
  units: { unit_code: string; cells: Record<string, PublishedCell[]> }[];
}

function publishSeries(rows: TrendRowDef[], s: TrendSeries, mask: boolean): Record<string, PublishedCell[]> {
  const out: Record<string, PublishedCell[]> = {};
  for (const r of rows) {
    out[r.code] = s.values[r.code].map((v, i): PublishedCell => {
      if (v === null) return { kind: 'none' };
      if (mask && r.kind === 'count' && isSmall(v)) return { kind: 'small' };
      if (mask && r.kind === 'percent' && isSmall(s.bases[r.code]?.[i])) return { kind: 'small_base' };
      return { kind: 'value', value: v };
    });
  }
  return out;
}

/**
 * The trends as they may be printed or downloaded. With `mask` (the default for anything that
 * leaves the staff page), counts of 1–4 become `<5` and percentages over 1–4 people are left
 * out. Where a row's province total is shown and exactly one unit's count is `<5` in a quarter,
 * that count could be worked out by subtraction, so the unit's next smallest count is hidden too
 * (secondary suppression).
 */
export function publishTrends(t: Trends, opts: { mask: boolean; units?: boolean }): PublishedTrends {
  const province = publishSeries(t.rows, t.province, opts.mask);
  const units = opts.units === false ? [] : t.units.map((u) => ({ unit_code: u.unit_code ?? '', cells: publishSeries(t.rows, u, opts.mask) }));
  if (opts.mask && units.length > 0) {
    for (const r of t.rows) {
      if (r.kind !== 'count') continue;
      t.quarters.forEach((_q, i) => {
        if (province[r.code][i].kind !== 'value') return;
        const hidden = units.filter((u) => u.cells[r.code][i].kind === 'small');
        if (hidden.length !== 1) return;
        let next: { cells: Record<string, PublishedCell[]>; value: number } | null = null;
        for (const u of units) {
          const c = u.cells[r.code][i];
          if (c.kind === 'value' && c.value > 0 && (!next || c.value < next.value)) next = { cells: u.cells, value: c.value };
        }
        if (next) next.cells[r.code][i] = { kind: 'secondary' };
      });
    }
  }
  return { rows: t.rows, quarters: t.quarters, masked: opts.mask, province, units };
}

export const SMALL_TEXT = {
  small: { vi: '<5', en: '<5' },
  small_base: { vi: 'cơ sở <5', en: 'base <5' },
  secondary: { vi: 'x', en: 'x' },
  none: { vi: '—', en: '—' },
} as const;

export const SMALL_NOTE = {
  vi: '<5: từ 1 đến 4 người, không công bố số chính xác. "cơ sở <5": tỷ lệ trên dưới 5 người, không công bố. x: ẩn để không suy ra được một số <5 từ tổng của tỉnh. —: chưa có báo cáo được chấp nhận.',
  en: '<5: 1 to 4 people, the exact figure is not published. "base <5": a percentage over fewer than 5 people, not published. x: hidden so that a <5 cannot be worked out from the province total. —: no accepted report.',
} as const;

/** A published cell as text: `12`, `50,0%`, `<5`, `cơ sở <5`, `x`, `—`. */
export function cellText(c: PublishedCell, kind: TrendRowDef['kind'], locale: NumberLocale = 'vi'): string {
  if (c.kind === 'value') return kind === 'percent' ? formatPercent(c.value, locale) : formatNumber(c.value, locale);
  return SMALL_TEXT[c.kind][locale];
}

/** `Q3/2026` (vi) / `Q3 2026` (en). */
export const trendQuarterLabel = (q: { year: number; quarter: number }, locale: NumberLocale = 'vi'): string =>
  locale === 'vi' ? `Q${q.quarter}/${q.year}` : `Q${q.quarter} ${q.year}`;
