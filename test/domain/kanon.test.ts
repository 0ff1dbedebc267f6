import fc from 'fast-check';
import { kAnonymise, suppressionAllowance, type QuasiIdentifier, type SensitiveAttribute } from '../../src/domain/kanon';

type Row = { age: string; nat: string; status?: string };
const qis: QuasiIdentifier<Row>[] = [
  { name: 'age', levels: [(r) => r.age, (r) => (r.age === 'Under16' || r.age === '16to17' ? 'Minor' : 'Adult'), () => ''] },
  { name: 'nat', levels: [(r) => r.nat, (r) => (r.nat === 'VN' ? 'VN' : 'Foreign'), () => ''] },
];
const rows = (spec: [string, string, number, string?][]): Row[] =>
  spec.flatMap(([age, nat, n, status]) => Array.from({ length: n }, () => ({ age, nat, status: status ?? 'identified' })));
const sensitive: SensitiveAttribute<Row> = { name: 'status', value: (r) => r.status ?? '', l: 2 };

const classSizes = (kept: { qi: string[] }[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of kept) m.set(r.qi.join('|'), (m.get(r.qi.join('|')) ?? 0) + 1);
  return m;
};

describe('k-anonymity: every kept class has at least k rows', () => {
  test('rows already in classes of k or more are kept as they are', () => {
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 3], ['Under16', 'VN', 3]]), qis, 3);
    expect(r).toMatchObject({ levels: [0, 0], suppressed: 0 });
    expect(r.rows.map((x) => x.qi)).toContainEqual(['Under16', 'VN']);
  });

  test('a class of exactly k − 1 rows is never kept, even when the budget lets it be suppressed', () => {
    // 40 + 2 rows, k = 3: the class of 2 (= k − 1) fits the budget (⌊42 × 5 %⌋ = 2) and must go.
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 40], ['Adult18Plus', 'CN', 2]]), qis, 3, 0.05);
    expect(r.suppressed).toBe(2);
    expect(r.levels).toEqual([0, 0]);
    expect([...classSizes(r.rows).values()]).toEqual([40]);
  });

  test('a class of exactly k rows is kept', () => {
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 40], ['Adult18Plus', 'CN', 3]]), qis, 3, 0);
    expect(r).toMatchObject({ suppressed: 0, levels: [0, 0] });
  });

  test('no more rows are suppressed than the budget allows, rounded down (39 rows × 5 % = 1)', () => {
    expect(suppressionAllowance(39, 0.05)).toBe(1);
    expect(suppressionAllowance(40, 0.05)).toBe(2);
    // Two lone foreigners among 37 Vietnamese adults: suppressing both would cost less than
    // coarsening, but 2 > ⌊39 × 5 %⌋, so nationality is coarsened (they share "Foreign").
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 37], ['Adult18Plus', 'CN', 1], ['Adult18Plus', 'LA', 1]]), qis, 2, 0.05);
    expect(r.suppressed).toBeLessThanOrEqual(1);
    expect(r.levels[1]).toBeGreaterThan(0);
    // With 40 rows the budget is 2 and suppressing them is the least loss.
    const r40 = kAnonymise(rows([['Adult18Plus', 'VN', 38], ['Adult18Plus', 'CN', 1], ['Adult18Plus', 'LA', 1]]), qis, 2, 0.05);
    expect(r40).toMatchObject({ suppressed: 2, levels: [0, 0] });
  });

  test('small classes are merged by generalising (16–17 and under-16 become minors) before anyone is suppressed', () => {
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 10], ['Under16', 'VN', 2], ['16to17', 'VN', 2]]), qis, 4, 0);
    expect(r.suppressed).toBe(0);
    expect(r.levels).toEqual([1, 0]);
    expect(new Set(r.rows.map((x) => x.qi.join('|')))).toEqual(new Set(['Adult|VN', 'Minor|VN']));
  });

  test('fewer rows than k: nothing is published', () => {
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 5]]), qis, 11);
    expect(r).toMatchObject({ rows: [], suppressed: 5 });
  });

  test('property: every kept class has at least k rows, and kept + suppressed = input', () => {
    const ages = ['Under16', '16to17', 'Adult18Plus', 'Unknown'];
    const nats = ['VN', 'CN', 'LA', 'KH', 'TH'];
    fc.assert(
      fc.property(fc.array(fc.record({ age: fc.constantFrom(...ages), nat: fc.constantFrom(...nats) }), { maxLength: 80 }), fc.integer({ min: 2, max: 12 }), (input, k) => {
        const r = kAnonymise(input, qis, k);
        for (const n of classSizes(r.rows).values()) expect(n).toBeGreaterThanOrEqual(k);
        expect(r.rows.length + r.suppressed).toBe(input.length);
        expect(r.suppressed).toBeLessThanOrEqual(input.length < k ? input.length : suppressionAllowance(input.length, 0.05));
      }),
      { numRuns: 300 },
    );
  });
});

describe('distinct 2-diversity of the sensitive attribute', () => {
  test('a class holding one status has it withheld, with the QIs that would tell it', () => {
    const input = rows([['Adult18Plus', 'VN', 5, 'identified'], ['Adult18Plus', 'VN', 1, 'not_victim'], ['Under16', 'VN', 6, 'identified']]);
    const r = kAnonymise(input, qis, 3, 0, { sensitive: { ...sensitive, alsoWithhold: ['nat'] } });
    const adults = r.rows.filter((x) => x.row.age === 'Adult18Plus');
    const children = r.rows.filter((x) => x.row.age === 'Under16');
    expect(adults.every((x) => !x.sensitiveWithheld)).toBe(true);
    expect(children.every((x) => x.sensitiveWithheld)).toBe(true);
    // `nat` goes to its last level (withheld) in that class only.
    expect(children.map((x) => x.qi[1])).toEqual(Array(6).fill(''));
    expect(adults.map((x) => x.qi[1])).toEqual(Array(6).fill('VN'));
  });

  test('the search may coarsen a QI so that a class holds two statuses, when that loses less', () => {
    // Ages split identified from not-victims; merging ages keeps the (heavier) status.
    const input = rows([['Under16', 'VN', 6, 'identified'], ['16to17', 'VN', 6, 'not_victim']]);
    const r = kAnonymise(input, [qis[0]], 3, 0, { sensitive: { ...sensitive, weight: 5 } });
    expect(r.levels).toEqual([1]);
    expect(r.rows.every((x) => !x.sensitiveWithheld)).toBe(true);
  });
});

/** The documented loss of one node, computed row by row (the reference the search must match). */
function referenceBest(input: Row[], k: number, budget: number, weights: number[], sWeight: number): number {
  const allowed = Math.floor(input.length * budget + 1e-9);
  let best = Infinity;
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      const node = [a, b];
      const key = (r: Row) => qis.map((q, i) => q.levels[node[i]](r)).join('|');
      const groups = new Map<string, Row[]>();
      for (const r of input) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
      let small = 0;
      let loss = 0;
      const gen = weights[0] * (a / 2) + weights[1] * (b / 2);
      for (const g of groups.values()) {
        if (g.length < k) {
          small += g.length;
          loss += g.length * (weights[0] + weights[1] + sWeight);
        } else {
          loss += g.length * gen;
          if (new Set(g.map((r) => r.status)).size < 2) loss += g.length * sWeight;
        }
      }
      if (small <= allowed) best = Math.min(best, loss);
    }
  }
  return best;
}

describe('the least information lost (optimal over the lattice)', () => {
  test('property: the chosen node has the least loss of every node within the budget', () => {
    const weights = [2, 3];
    const weighted = qis.map((q, i) => ({ ...q, weight: weights[i] }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ age: fc.constantFrom('Under16', '16to17', 'Adult18Plus'), nat: fc.constantFrom('VN', 'CN', 'LA'), status: fc.constantFrom('identified', 'not_victim', 'pending') }), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 2, max: 6 }),
        (input, k) => {
          const r = kAnonymise(input, weighted, k, 0.05, { sensitive: { ...sensitive, weight: 4 } });
          const best = referenceBest(input, k, 0.05, weights, 4);
          if (Number.isFinite(best)) expect(r.loss.total).toBeCloseTo(best, 6);
          else expect(r.rows).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the search skips most of a large lattice on a large input', () => {
    const many: QuasiIdentifier<{ v: number[] }>[] = Array.from({ length: 10 }, (_, i) => ({ name: `q${i}`, levels: [(r) => String(r.v[i]), () => ''] }));
    const input = Array.from({ length: 2000 }, (_, j) => ({ v: Array.from({ length: 10 }, (_, i) => (i < 2 ? j % 3 : (j * (i + 7)) % 5)) }));
    const r = kAnonymise(input, many, 11);
    expect(r.nodes).toBe(1024);
    expect(r.evaluated).toBeLessThan(r.nodes);
    for (const n of classSizes(r.rows).values()) expect(n).toBeGreaterThanOrEqual(11);
  });
});
