/**
 * k-anonymity with distinct l-diversity, by the optimal full-domain generalisation (as ARX,
 * OLA and Flash compute it) under a suppression budget.
 *
 * Every quasi-identifier (QI) has a hierarchy of levels, from its exact value (level 0) to one
 * value for all rows (its last level: withheld). A node of the lattice picks one level per QI for
 * every row. A node is *k-anonymous within the budget* when the rows in classes (same value of
 * every QI) smaller than k are at most ⌊budget × rows⌋: they are suppressed, the others kept.
 * In every kept class with fewer than l distinct values of the sensitive attribute, that
 * attribute is withheld (and with it the QIs named in `alsoWithhold`, which would tell it).
 *
 * The search returns the node of least information loss (see `Loss`) among all nodes that are
 * k-anonymous within the budget. It is exact: nodes are visited in increasing order of a lower
 * bound of their loss (the loss of generalisation alone, which only grows up the lattice), and
 * the search stops once that bound reaches the best loss found. Among nodes of equal bound the
 * one with fewer generalisation steps comes first, then the one keeping the first-listed QI more
 * precise; of nodes of equal loss the first visited is kept. Pure and deterministic: the same rows
 * give the same result.
 *
 * (No node is skipped for lying below a node found too fine: with weights ≥ 0 every node below
 * another has a bound no larger and fewer steps, so the order above has already visited it.)
 */
export interface QuasiIdentifier<R> {
  name: string;
  /** Level 0 is the most precise; each next level is coarser; the last must be one value for
   *  all rows (withheld), so that the top of the lattice always groups every row together. */
  levels: readonly ((row: R) => string)[];
  /** Weight of this attribute in the information loss (default 1). */
  weight?: number;
  /** The level may not go above this one (e.g. the quarter of a quarterly file); default: the last. */
  maxLevel?: number;
}

export interface SensitiveAttribute<R> {
  name: string;
  value: (row: R) => string;
  /** Distinct values every class must hold, else the attribute is withheld in that class. */
  l: number;
  weight?: number;
  /** QIs withheld together with the sensitive attribute (by name): values that would tell it. */
  alsoWithhold?: readonly string[];
}

export interface AnonymiseOptions<R> {
  k: number;
  /** Share of rows that may be suppressed instead of generalising further. */
  budget?: number;
  sensitive?: SensitiveAttribute<R>;
}

export interface KeptRow<R> {
  row: R;
  /** The row's QI values at the chosen levels (a QI withheld with the sensitive attribute holds
   *  its last level's value). */
  qi: string[];
  /** The sensitive attribute is withheld in this row's class (fewer than l distinct values). */
  sensitiveWithheld: boolean;
}

export interface AttributeLoss {
  name: string;
  /** Rows (of all input rows) published at full detail: level 0, not suppressed, not withheld. */
  exact: number;
  /** Chosen level (QIs only; the sensitive attribute has none). */
  level: number | null;
  levels: number | null;
}

export interface Loss {
  /** Weighted loss: per row and attribute, level ÷ last level; a suppressed row loses every
   *  attribute; a withheld sensitive value (and its `alsoWithhold` QIs) loses that attribute. */
  total: number;
  attributes: AttributeLoss[];
  suppressed: number;
  /** Smallest kept class (0 when nothing is kept). */
  smallestClass: number;
  classes: number;
}

export interface KAnonResult<R> {
  rows: KeptRow<R>[];
  /** Chosen level per quasi-identifier (same order as given). */
  levels: number[];
  suppressed: number;
  loss: Loss;
  /** Lattice nodes whose classes were counted (the rest were pruned). */
  evaluated: number;
  /** Nodes in the lattice. */
  nodes: number;
}

/** Default share of rows that may be suppressed instead of generalising further (CTDC-style). */
export const DEFAULT_SUPPRESSION_BUDGET = 0.05;

/** Rows that may be suppressed: never more than the budget allows, so rounded down. */
export function suppressionAllowance(rows: number, budget: number): number {
  return Math.floor(rows * budget + 1e-9);
}

interface Prepared {
  /** codes[q][level][row]: the row's value at that level as a small integer. */
  codes: Int32Array[][];
  /** domain[q][level]: distinct values at that level. */
  domain: number[][];
  values: string[][][];
  /** Rows with the same level-0 value of every QI, grouped once: a node's classes are unions of
   *  these, so each node is counted over them rather than over every row. */
  micro: { row: number; count: number; sensitive: number }[];
  /** The row's micro-class. */
  microOf: Int32Array;
  top: number[];
  weights: number[];
}

function codesOf<R>(rows: readonly R[], value: (row: R) => string): { codes: Int32Array; names: string[] } {
  const ids = new Map<string, number>();
  const codes = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    const v = value(row);
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = ids.size));
    codes[i] = id;
  });
  return { codes, names: [...ids.keys()] };
}

/** The search order (module comment) holds only for losses that never fall up the lattice. */
function checkWeight(what: string, weight: number | undefined): void {
  if (weight === undefined || (Number.isFinite(weight) && weight >= 0)) return;
  throw new Error(`${what} has weight ${weight}; weights are finite and ≥ 0`);
}

function prepare<R>(
  rows: readonly R[],
  qis: readonly QuasiIdentifier<R>[],
  sensitive: SensitiveAttribute<R> | undefined,
): Prepared {
  const codes: Int32Array[][] = [];
  const domain: number[][] = [];
  const values: string[][][] = [];
  for (const q of qis) {
    if (q.levels.length === 0) throw new Error(`quasi-identifier ${q.name} has no levels`);
    checkWeight(`quasi-identifier ${q.name}`, q.weight);
    const perLevel = q.levels.map((level) => codesOf(rows, level));
    codes.push(perLevel.map((x) => x.codes));
    domain.push(perLevel.map((x) => Math.max(1, x.names.length)));
    values.push(perLevel.map((x) => x.names));
  }
  if (sensitive) checkWeight(`sensitive attribute ${sensitive.name}`, sensitive.weight);
  const sens = sensitive ? codesOf(rows, sensitive.value) : null;
  if (sens && sens.names.length > 30) throw new Error(`sensitive attribute ${sensitive!.name} has more than 30 values`);
  const micro: Prepared['micro'] = [];
  const microOf = new Int32Array(rows.length);
  const byKey = new Map<string, number>();
  rows.forEach((_row, i) => {
    const key = codes.map((c) => c[0][i]).join(',');
    let m = byKey.get(key);
    if (m === undefined) {
      byKey.set(key, (m = micro.length));
      micro.push({ row: i, count: 0, sensitive: 0 });
    }
    micro[m].count++;
    if (sens) micro[m].sensitive |= 1 << sens.codes[i];
    microOf[i] = m;
  });
  return {
    codes,
    domain,
    values,
    micro,
    microOf,
    top: qis.map((q) => Math.min(q.levels.length - 1, q.maxLevel ?? q.levels.length - 1)),
    weights: qis.map((q) => q.weight ?? 1),
  };
}

interface Classes {
  /** Class key of each micro-class. */
  keys: Float64Array;
  /** Rows per class, and the sensitive values present (bit mask). */
  sizes: Map<number, { size: number; sensitive: number }>;
}

/** The node's classes (mixed-radix keys over the QIs' domains at their levels). */
function classesAt(p: Prepared, node: readonly number[]): Classes {
  const m = p.micro.length;
  const keys = new Float64Array(m);
  let radix = 1;
  for (let q = 0; q < node.length; q++) {
    const codes = p.codes[q][node[q]];
    for (let i = 0; i < m; i++) keys[i] += codes[p.micro[i].row] * radix;
    radix *= p.domain[q][node[q]];
  }
  if (radix > Number.MAX_SAFE_INTEGER) throw new Error('too many distinct quasi-identifier combinations');
  const sizes = new Map<number, { size: number; sensitive: number }>();
  for (let i = 0; i < m; i++) {
    const c = sizes.get(keys[i]);
    if (c) {
      c.size += p.micro[i].count;
      c.sensitive |= p.micro[i].sensitive;
    } else sizes.set(keys[i], { size: p.micro[i].count, sensitive: p.micro[i].sensitive });
  }
  return { keys, sizes };
}

/** Rows in classes of fewer than k: a class of exactly k rows is kept. */
function rowsInSmallClasses(sizes: Classes['sizes'], k: number): number {
  let small = 0;
  for (const c of sizes.values()) if (c.size < k) small += c.size;
  return small;
}

const bits = (mask: number): number => {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
};

/** Share of a QI's detail lost at `level`: 0 at level 0, 1 when withheld (its last level). */
const levelLoss = (p: Prepared, q: number, level: number): number => level / Math.max(1, p.codes[q].length - 1);

/** Loss per row of generalising to `node`, before any suppression or withholding. */
const generalisationLoss = (p: Prepared, node: readonly number[]): number =>
  node.reduce((total, level, q) => total + p.weights[q] * levelLoss(p, q, level), 0);

/** The lattice: every level vector, with its index in mixed radix (first QI most significant). */
function allNodes(top: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const max of top) {
    const next: number[][] = [];
    for (const prefix of out) for (let l = 0; l <= max; l++) next.push([...prefix, l]);
    out = next;
  }
  return out;
}

/** The optimal node and what it publishes (see the module comment). */
export function kAnonymise<R>(
  rows: readonly R[],
  qis: readonly QuasiIdentifier<R>[],
  k: number,
  budget = DEFAULT_SUPPRESSION_BUDGET,
  options: Omit<AnonymiseOptions<R>, 'k' | 'budget'> = {},
): KAnonResult<R> {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer (got ${k})`);
  const sensitive = options.sensitive;
  const l = sensitive?.l ?? 1;
  const p = prepare(rows, qis, sensitive);
  const n = rows.length;
  const allowed = suppressionAllowance(n, budget);
  const withheldWith = new Set(
    (sensitive?.alsoWithhold ?? []).map((name) => {
      const q = qis.findIndex((x) => x.name === name);
      // A misspelt name would silently publish the QI that tells the withheld value.
      if (q < 0) throw new Error(`alsoWithhold names ${name}, which is not a quasi-identifier`);
      return q;
    }),
  );
  const sensitiveWeight = sensitive?.weight ?? 1;
  const allWeights = p.weights.reduce((a, b) => a + b, 0) + (sensitive ? sensitiveWeight : 0);

  const nodes = allNodes(p.top);
  const bound = nodes.map((node) => n * generalisationLoss(p, node));
  const order = nodes.map((_, i) => i).sort((a, b) => bound[a] - bound[b] || sum(nodes[a]) - sum(nodes[b]) || a - b);

  let best: { node: number[]; loss: number; classes: Classes } | null = null;
  let evaluated = 0;
  for (const idx of order) {
    const node = nodes[idx];
    if (best && bound[idx] >= best.loss) break;
    evaluated++;
    const classes = classesAt(p, node);
    const small = rowsInSmallClasses(classes.sizes, k);
    if (small > allowed) continue;
    let loss = bound[idx] - (small * bound[idx]) / Math.max(1, n) + small * allWeights;
    if (sensitive) {
      const perRow =
        sensitiveWeight +
        [...withheldWith].reduce((total, q) => total + p.weights[q] * (1 - levelLoss(p, q, node[q])), 0);
      for (const c of classes.sizes.values()) if (c.size >= k && bits(c.sensitive) < l) loss += perRow * c.size;
    }
    if (!best || loss < best.loss - 1e-9) best = { node, loss, classes };
  }

  if (!best) {
    // Fewer rows than k (or no node within the budget): nothing can be published.
    return {
      rows: [],
      levels: p.top,
      suppressed: n,
      loss: {
        total: n * allWeights,
        attributes: attributeLoss(qis, sensitive, p.top, []),
        suppressed: n,
        smallestClass: 0,
        classes: 0,
      },
      evaluated,
      nodes: nodes.length,
    };
  }

  const { node, classes } = best;
  const kept: KeptRow<R>[] = [];
  rows.forEach((row, i) => {
    const c = classes.sizes.get(classes.keys[p.microOf[i]])!;
    if (c.size < k) return;
    const sensitiveWithheld = sensitive ? bits(c.sensitive) < l : false;
    const qi = qis.map((q, j) => {
      const level = sensitiveWithheld && withheldWith.has(j) ? q.levels.length - 1 : node[j];
      return p.values[j][level][p.codes[j][level][i]];
    });
    kept.push({ row, qi, sensitiveWithheld });
  });
  const keptSizes = [...classes.sizes.values()].map((c) => c.size).filter((s) => s >= k);
  return {
    rows: kept,
    levels: node,
    suppressed: n - kept.length,
    loss: {
      total: best.loss,
      attributes: attributeLoss(qis, sensitive, node, kept, withheldWith),
      suppressed: n - kept.length,
      smallestClass: keptSizes.length ? Math.min(...keptSizes) : 0,
      classes: keptSizes.length,
    },
    evaluated,
    nodes: nodes.length,
  };
}

function attributeLoss<R>(
  qis: readonly QuasiIdentifier<R>[],
  sensitive: SensitiveAttribute<R> | undefined,
  node: readonly number[],
  kept: readonly KeptRow<R>[],
  withheldWith: ReadonlySet<number> = new Set(),
): AttributeLoss[] {
  const out: AttributeLoss[] = qis.map((q, j) => ({
    name: q.name,
    level: node[j],
    levels: q.levels.length,
    exact: node[j] === 0 ? kept.filter((r) => !(r.sensitiveWithheld && withheldWith.has(j))).length : 0,
  }));
  if (sensitive)
    out.push({
      name: sensitive.name,
      level: null,
      levels: null,
      exact: kept.filter((r) => !r.sensitiveWithheld).length,
    });
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
