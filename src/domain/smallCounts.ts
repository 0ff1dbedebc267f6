/**
 * Small counts in a published table of units and their province total (docs/inbox.md, "Số
 * nhỏ"): primary suppression of counts of 1–4 people, complementary suppression so that no
 * hidden count can be worked out from the province total, and an audit that computes what a
 * reader can derive.
 *
 * One column is one indicator in one quarter: the units' counts and the province total, which
 * is their sum. A reader knows the rules: `<5` is 1–4 people; a count hidden to protect a `<5`
 * beside it (`x`) is 5 or more, since every count of 1–4 is `<5` and 0 is always shown; a count
 * hidden because the column has no breakdown (`x` on every unit) may be anything from 0. From the
 * published total and cells the audit computes each hidden count's interval of possible values
 * (exact for one sum over bounded values). Protection holds when every count of 1–4 may still be
 * anything from 1 to 4: the table says no more about it than `<5`.
 */

export const SMALL_COUNT_LIMIT = 5;

export const isSmall = (n: number | null | undefined): boolean => typeof n === 'number' && n > 0 && n < SMALL_COUNT_LIMIT;

/** How one count of a column is published. */
export type CountMark =
  /** Shown as it is. */
  | 'value'
  /** `<5`: 1 to 4 people. */
  | 'small'
  /** `x`: 5 or more, hidden so that a `<5` beside it cannot be worked out from the total. */
  | 'secondary'
  /** `x`: not broken down by unit (the column's breakdown would tell a small count). */
  | 'withheld';

export interface ColumnPublication {
  province: CountMark;
  units: CountMark[];
}

/** A reader's bounds on a count from its mark alone (hi may be Infinity). */
export function markBounds(mark: CountMark, value: number, provinceSmall: boolean): [number, number] {
  switch (mark) {
    case 'value':
      return [value, value];
    case 'small':
      return [1, SMALL_COUNT_LIMIT - 1];
    case 'secondary':
      return [SMALL_COUNT_LIMIT, Infinity];
    case 'withheld':
      return [0, provinceSmall ? SMALL_COUNT_LIMIT - 1 : Infinity];
  }
}

/**
 * Each unit count's interval of possible values, given the column as published: each count within
 * its mark's bounds, and their sum equal to the province total (or, when that is `<5`, from 1 to
 * 4; when it is not shown, anything). Exact: for one sum constraint over boxes, a variable's
 * extremes put every other variable at an extreme.
 */
export function auditColumn(values: readonly number[], pub: ColumnPublication): [number, number][] {
  const total = values.reduce((a, b) => a + b, 0);
  const provinceSmall = pub.province === 'small';
  const boxes = values.map((v, i) => markBounds(pub.units[i], v, provinceSmall));
  const [L, H] = pub.province === 'value' ? [total, total] : provinceSmall ? [1, SMALL_COUNT_LIMIT - 1] : [0, Infinity];
  const sumLo = boxes.reduce((s, b) => s + b[0], 0);
  const finiteHi = boxes.reduce((s, b) => s + (b[1] === Infinity ? 0 : b[1]), 0);
  const unbounded = boxes.filter((b) => b[1] === Infinity).length;
  return boxes.map(([lo, hi]) => {
    const othersLo = sumLo - lo;
    const othersHi = unbounded - (hi === Infinity ? 1 : 0) > 0 ? Infinity : finiteHi - (hi === Infinity ? 0 : hi);
    const upper = Math.min(hi, H - othersLo);
    const lower = Math.max(lo, othersHi === Infinity ? -Infinity : L - othersHi);
    return [lower, upper];
  });
}

/** Whether every count of 1–4 may still be anything from 1 to 4 (see the module comment). */
export function isProtected(values: readonly number[], pub: ColumnPublication): boolean {
  const intervals = auditColumn(values, pub);
  return values.every((v, i) => {
    if (!isSmall(v)) return true;
    if (pub.units[i] === 'value') return false;
    return intervals[i][0] <= 1 && intervals[i][1] >= SMALL_COUNT_LIMIT - 1;
  });
}

/**
 * The publication of one column of unit counts:
 * - total 0: everything shown (0 is never hidden);
 * - total 1–4: the total `<5` and no breakdown by unit;
 * - otherwise the total shown, every count of 1–4 `<5`, and, when the total would tell them,
 *   counts of 5 or more hidden beside them: the smallest one that suffices, else the largest
 *   ones until they do; when nothing suffices, no breakdown by unit.
 * Deterministic (ties by position), and the result always passes `isProtected`.
 */
export function publishColumn(values: readonly number[]): ColumnPublication {
  const total = values.reduce((a, b) => a + b, 0);
  if (total === 0) return { province: 'value', units: values.map(() => 'value') };
  if (isSmall(total)) return { province: 'small', units: values.map(() => 'withheld') };
  const primary: CountMark[] = values.map((v) => (isSmall(v) ? 'small' : 'value'));
  const hiding = (chosen: readonly number[]): ColumnPublication => ({ province: 'value', units: primary.map((u, i) => (chosen.includes(i) ? 'secondary' : u)) });
  if (isProtected(values, hiding([]))) return hiding([]);
  const candidates = values
    .map((v, i) => ({ v, i }))
    .filter((c) => c.v >= SMALL_COUNT_LIMIT)
    .sort((a, b) => a.v - b.v || a.i - b.i);
  const single = candidates.find((c) => isProtected(values, hiding([c.i])));
  if (single) return hiding([single.i]);
  const chosen: number[] = [];
  for (const c of [...candidates].reverse()) {
    chosen.push(c.i);
    if (isProtected(values, hiding(chosen))) return hiding(chosen);
  }
  return { province: 'value', units: values.map(() => 'withheld') };
}
