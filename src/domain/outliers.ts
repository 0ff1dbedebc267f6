/**
 * OUT-01 (docs/rules.md): a count on report rows 1–5 far from the unit's own accepted history,
 * DHIS2-style. Pure: the inbox gathers the figures, this decides.
 *
 * A figure is an outlier when, against the median of the unit's last (up to) 4 accepted
 * quarters before it:
 * - spike: it is more than 3 × the median AND more than 5 people above it (the second test keeps
 *   small units, 0 → 2, from being flagged);
 * - drop to zero: it is 0 while every one of those quarters had ≥ 5 (a unit that stops
 *   receiving anyone is as suspicious as a spike; a missing register is the usual cause).
 * A unit with no accepted history gives no OUT-01.
 */
import type { Profile } from './schema/profile';
import { reportRowDefs } from './report';

export const OUTLIER_HISTORY_QUARTERS = 4;
export const OUTLIER_FACTOR = 3;
export const OUTLIER_MIN_EXCESS = 5;
export const OUTLIER_ZERO_FLOOR = 5;

/** One quarter's `Tổng số` per count row code (rows 1–5). */
export interface QuarterFigures {
  year: number;
  quarter: number;
  totals: Record<string, number>;
}

export interface Outlier {
  rule: 'OUT-01';
  severity: 'warning';
  /** Report row code, e.g. `1` or `4.2`. */
  row: string;
  label_vi: string;
  label_en: string;
  kind: 'spike' | 'zero';
  value: number;
  median: number;
  /** The accepted quarters the median is taken over, newest first. */
  history: { year: number; quarter: number; value: number }[];
  message_vi: string;
  message_en: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The count rows OUT-01 looks at: every count row whose code starts with 1–5. */
export function outlierRows(profile: Pick<Profile, 'law'>): { code: string; label_vi: string; label_en: string }[] {
  return reportRowDefs(profile).filter((d) => d.kind === 'count' && /^[1-5](\.|$)/.test(d.code));
}

const quarterLabel = (h: { year: number; quarter: number }): string => `Q${h.quarter}/${h.year}`;
const fmt = (n: number): string => n.toLocaleString('vi-VN');

/**
 * OUT-01 findings for one submission. `history` holds the unit's accepted quarters before the
 * submission's own, newest first; only the first 4 are used.
 */
export function findOutliers(profile: Pick<Profile, 'law'>, current: QuarterFigures, history: readonly QuarterFigures[]): Outlier[] {
  const recent = history.slice(0, OUTLIER_HISTORY_QUARTERS);
  if (recent.length === 0) return [];
  const out: Outlier[] = [];
  for (const def of outlierRows(profile)) {
    const value = current.totals[def.code];
    if (value === undefined) continue;
    const past = recent.map((h) => ({ year: h.year, quarter: h.quarter, value: h.totals[def.code] ?? 0 }));
    const m = median(past.map((p) => p.value));
    const spike = value > OUTLIER_FACTOR * m && value - m > OUTLIER_MIN_EXCESS;
    const zero = value === 0 && past.every((p) => p.value >= OUTLIER_ZERO_FLOOR);
    if (!spike && !zero) continue;
    const seen = past.map((p) => `${quarterLabel(p)}: ${fmt(p.value)}`).join(', ');
    out.push({
      rule: 'OUT-01',
      severity: 'warning',
      row: def.code,
      label_vi: def.label_vi,
      label_en: def.label_en,
      kind: spike ? 'spike' : 'zero',
      value,
      median: m,
      history: past,
      message_vi: spike
        ? `Dòng ${def.code}: ${fmt(value)} người, hơn 3 lần trung vị ${fmt(m)} của ${past.length} quý đã chấp nhận gần nhất (${seen}). Đề nghị đơn vị xác nhận.`
        : `Dòng ${def.code}: 0 người, trong khi ${past.length} quý đã chấp nhận gần nhất đều từ 5 trở lên (${seen}). Đề nghị đơn vị xác nhận.`,
      message_en: spike
        ? `Row ${def.code}: ${value} persons, more than 3 × the median ${m} of the last ${past.length} accepted quarters (${seen}). Ask the unit to confirm.`
        : `Row ${def.code}: 0 persons, while each of the last ${past.length} accepted quarters had 5 or more (${seen}). Ask the unit to confirm.`,
    });
  }
  return out;
}
