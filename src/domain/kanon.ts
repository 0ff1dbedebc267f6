/**
 * k-anonymity by global recoding, then suppression (Sweeney's Datafly): every combination of
 * quasi-identifiers in the output is shared by at least k rows. While more rows than the
 * suppression budget sit in classes smaller than k, the quasi-identifier with the most distinct
 * values at its current level is generalised one level (e.g. age group → minor/adult, nationality
 * → Viet Nam/foreign); then the rows still in small classes are suppressed. Pure and
 * deterministic: the same rows give the same file.
 */
export interface QuasiIdentifier<R> {
  name: string;
  /** Level 0 is the most precise; each next level is coarser; the last should be one value for
   *  all rows (e.g. ''), so that generalisation always ends. */
  levels: readonly ((row: R) => string)[];
}

export interface KAnonResult<R> {
  /** Kept rows with their quasi-identifier values at the chosen levels. */
  rows: { row: R; qi: string[] }[];
  /** Chosen level per quasi-identifier (same order as given). */
  levels: number[];
  suppressed: number;
}

/** Default share of rows that may be suppressed instead of generalising further (CTDC-style). */
export const DEFAULT_SUPPRESSION_BUDGET = 0.05;

function classes<R>(rows: readonly R[], qis: readonly QuasiIdentifier<R>[], levels: readonly number[]): { keys: string[][]; sizes: Map<string, number> } {
  const keys = rows.map((r) => qis.map((q, i) => q.levels[levels[i]](r)));
  const sizes = new Map<string, number>();
  for (const k of keys) {
    const id = JSON.stringify(k);
    sizes.set(id, (sizes.get(id) ?? 0) + 1);
  }
  return { keys, sizes };
}

export function kAnonymise<R>(
  rows: readonly R[],
  qis: readonly QuasiIdentifier<R>[],
  k: number,
  budget = DEFAULT_SUPPRESSION_BUDGET,
): KAnonResult<R> {
  const levels = qis.map(() => 0);
  const allowed = Math.floor(rows.length * budget);
  for (;;) {
    const { keys, sizes } = classes(rows, qis, levels);
    const small = keys.filter((key) => (sizes.get(JSON.stringify(key)) ?? 0) < k).length;
    const open = qis.map((q, i) => (levels[i] < q.levels.length - 1 ? i : -1)).filter((i) => i >= 0);
    if (small <= allowed || open.length === 0) {
      const kept: { row: R; qi: string[] }[] = [];
      rows.forEach((row, i) => {
        if ((sizes.get(JSON.stringify(keys[i])) ?? 0) >= k) kept.push({ row, qi: keys[i] });
      });
      return { rows: kept, levels, suppressed: rows.length - kept.length };
    }
    // Generalise the quasi-identifier with the most distinct values (ties: the first listed).
    let best = open[0];
    let bestCount = -1;
    for (const i of open) {
      const distinct = new Set(keys.map((key) => key[i])).size;
      if (distinct > bestCount) {
        best = i;
        bestCount = distinct;
      }
    }
    levels[best] += 1;
  }
}
