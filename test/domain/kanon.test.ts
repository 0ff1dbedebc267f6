import fc from 'fast-check';
import {
  kAnonymise,
  suppressionAllowance,
  type QuasiIdentifier,
  type SensitiveAttribute,
} from '../../src/domain/kanon';

type Row = { age: string; nat: string; status?: string };
const qis: QuasiIdentifier<Row>[] = [
  {
    name: 'age',
    levels: [(r) => r.age, (r) => (r.age === 'Under16' || r.age === '16to17' ? 'Minor' : 'Adult'), () => ''],
  },
  { name: 'nat', levels: [(r) => r.nat, (r) => (r.nat === 'VN' ? 'VN' : 'Foreign'), () => ''] },
];
const rows = (spec: [string, string, number, string?][]): Row[] =>
  spec.flatMap(([age, nat, n, status]) =>
    Array.from({ length: n }, () => ({ age, nat, status: status ?? 'identified' })),
  );
const sensitive: SensitiveAttribute<Row> = { name: 'status', value: (r) => r.status ?? '', l: 2 };

const classSizes = (kept: { qi: string[] }[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of kept) m.set(r.qi.join('|'), (m.get(r.qi.join('|')) ?? 0) + 1);
  return m;
};

/** Six adults of two statuses and six children of one: the children's status must be withheld. */
const oneStatusChildren = (): Row[] =>
  rows([
    ['Adult18Plus', 'VN', 5, 'identified'],
    ['Adult18Plus', 'VN', 1, 'not_victim'],
    ['Under16', 'VN', 6, 'identified'],
  ]);

/** Two QIs of two levels each (exact, withheld), for the search-order cases. */
type AB = { a: string; b: string };
const twoQis: QuasiIdentifier<AB>[] = [
  { name: 'a', levels: [(r) => r.a, () => ''] },
  { name: 'b', levels: [(r) => r.b, () => ''] },
];
const ab = (spec: [string, string, number][]): AB[] => spec.flatMap(([a, b, n]) => Array.from({ length: n }, () => ({ a, b })));

describe('k-anonymity: every kept class has at least k rows', () => {
  test('rows already in classes of k or more are kept as they are', () => {
    const r = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 3],
        ['Under16', 'VN', 3],
      ]),
      qis,
      3,
    );
    expect(r).toMatchObject({ levels: [0, 0], suppressed: 0 });
    expect(r.rows.map((x) => x.qi)).toContainEqual(['Under16', 'VN']);
  });

  test('a class of exactly k − 1 rows is never kept, even when the budget lets it be suppressed', () => {
    // 40 + 2 rows, k = 3: the class of 2 (= k − 1) fits the budget (⌊42 × 5 %⌋ = 2) and must go.
    const r = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 40],
        ['Adult18Plus', 'CN', 2],
      ]),
      qis,
      3,
      0.05,
    );
    expect(r.suppressed).toBe(2);
    expect(r.levels).toEqual([0, 0]);
    expect([...classSizes(r.rows).values()]).toEqual([40]);
  });

  test('a class of exactly k rows is kept', () => {
    const r = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 40],
        ['Adult18Plus', 'CN', 3],
      ]),
      qis,
      3,
      0,
    );
    expect(r).toMatchObject({ suppressed: 0, levels: [0, 0] });
  });

  test('no more rows are suppressed than the budget allows, rounded down (39 rows × 5 % = 1)', () => {
    expect(suppressionAllowance(39, 0.05)).toBe(1);
    expect(suppressionAllowance(40, 0.05)).toBe(2);
    // Two lone foreigners among 37 Vietnamese adults: suppressing both would cost less than
    // coarsening, but 2 > ⌊39 × 5 %⌋, so nationality is coarsened (they share "Foreign").
    const r = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 37],
        ['Adult18Plus', 'CN', 1],
        ['Adult18Plus', 'LA', 1],
      ]),
      qis,
      2,
      0.05,
    );
    expect(r.suppressed).toBeLessThanOrEqual(1);
    expect(r.levels[1]).toBeGreaterThan(0);
    // With 40 rows the budget is 2 and suppressing them is the least loss.
    const r40 = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 38],
        ['Adult18Plus', 'CN', 1],
        ['Adult18Plus', 'LA', 1],
      ]),
      qis,
      2,
      0.05,
    );
    expect(r40).toMatchObject({ suppressed: 2, levels: [0, 0] });
  });

  test('small classes are merged by generalising (16–17 and under-16 become minors) before anyone is suppressed', () => {
    const r = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 10],
        ['Under16', 'VN', 2],
        ['16to17', 'VN', 2],
      ]),
      qis,
      4,
      0,
    );
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
      fc.property(
        fc.array(fc.record({ age: fc.constantFrom(...ages), nat: fc.constantFrom(...nats) }), {
          maxLength: 80,
          size: 'max',
        }),
        fc.integer({ min: 2, max: 12 }),
        (input, k) => {
          const r = kAnonymise(input, qis, k);
          for (const n of classSizes(r.rows).values()) expect(n).toBeGreaterThanOrEqual(k);
          expect(r.rows.length + r.suppressed).toBe(input.length);
          expect(r.suppressed).toBeLessThanOrEqual(
            input.length < k ? input.length : suppressionAllowance(input.length, 0.05),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('distinct 2-diversity of the sensitive attribute', () => {
  test('a class holding one status has it withheld, with the QIs that would tell it', () => {
    const input = oneStatusChildren();
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
    const input = rows([
      ['Under16', 'VN', 6, 'identified'],
      ['16to17', 'VN', 6, 'not_victim'],
    ]);
    const r = kAnonymise(input, [qis[0]], 3, 0, { sensitive: { ...sensitive, weight: 5 } });
    expect(r.levels).toEqual([1]);
    expect(r.rows.every((x) => !x.sensitiveWithheld)).toBe(true);
  });
});

/** The documented loss of one node, computed row by row (the reference the search must match). */
function referenceBest(
  input: Row[],
  k: number,
  budget: number,
  weights: number[],
  sWeight: number,
  withholdNat = false,
): number {
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
          // A withheld status takes nationality with it, losing what level b still showed.
          if (new Set(g.map((r) => r.status)).size < 2)
            loss += g.length * (sWeight + (withholdNat ? weights[1] * (1 - b / 2) : 0));
        }
      }
      if (small <= allowed) best = Math.min(best, loss);
    }
  }
  return best;
}

describe('the least information lost (optimal over the lattice)', () => {
  test('property: the chosen node has the least loss of every node within the budget', () => {
    // `size: 'max'` lets inputs reach 60 rows: below 20 rows a 5 % budget suppresses nobody, and
    // the loss of suppression would go untested.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            age: fc.constantFrom('Under16', '16to17', 'Adult18Plus'),
            nat: fc.constantFrom('VN', 'CN', 'LA'),
            status: fc.constantFrom('identified', 'not_victim', 'pending'),
          }),
          {
            minLength: 1,
            maxLength: 60,
            size: 'max',
          },
        ),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(0, 0.05, 0.1, 0.25),
        fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 5 })),
        fc.boolean(),
        (input, k, budget, [w0, w1, sWeight], withholdNat) => {
          const weighted = qis.map((q, i) => ({ ...q, weight: [w0, w1][i] }));
          const r = kAnonymise(input, weighted, k, budget, {
            sensitive: { ...sensitive, weight: sWeight, alsoWithhold: withholdNat ? ['nat'] : [] },
          });
          const best = referenceBest(input, k, budget, [w0, w1], sWeight, withholdNat);
          if (Number.isFinite(best)) expect(r.loss.total).toBeCloseTo(best, 6);
          else expect(r.rows).toEqual([]);
          expect(r.rows.length + r.suppressed).toBe(input.length);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('the search skips most of a large lattice on a large input', () => {
    const many: QuasiIdentifier<{ v: number[] }>[] = Array.from({ length: 10 }, (_, i) => ({
      name: `q${i}`,
      levels: [(r) => String(r.v[i]), () => ''],
    }));
    const input = Array.from({ length: 2000 }, (_, j) => ({
      v: Array.from({ length: 10 }, (_, i) => (i < 2 ? j % 3 : (j * (i + 7)) % 5)),
    }));
    const r = kAnonymise(input, many, 11);
    expect(r.nodes).toBe(1024);
    expect(r.evaluated).toBeLessThan(r.nodes);
    for (const n of classSizes(r.rows).values()) expect(n).toBeGreaterThanOrEqual(11);
  });
});

/* Each figure below is worked out by hand from the documented loss (`Loss` in kanon.ts): per row
 * and attribute, weight × level ÷ last level; a suppressed row loses every attribute (QIs and the
 * sensitive one); a withheld sensitive value loses its weight and that of each `alsoWithhold` QI
 * still published. The search must report exactly that figure, the node it belongs to, and what
 * it kept. */
describe('the loss of hand-computed nodes', () => {
  // 20 rows, k = 6, budget 5 % (1 row). [0,0]: classes 5, 5, 9, 1 (11 rows small): too fine.
  // [0,1]: the lone Chinese adult becomes "Foreign", still alone: 11 small, too fine.
  // [1,0]: minors 10, adult Vietnamese 9, the Chinese adult (1) suppressed:
  //   19 kept rows × age ½ + 1 suppressed row × (1 + 1) = 9.5 + 2 = 11.5.
  // Every other node generalises 20 rows by at least 1 (bound 20 ≥ 11.5): not counted.
  const c = rows([
    ['Under16', 'VN', 5],
    ['16to17', 'VN', 5],
    ['Adult18Plus', 'VN', 9],
    ['Adult18Plus', 'CN', 1],
  ]);

  test('generalising and suppressing together: 19 rows × ½ + 1 row × 2 = 11.5', () => {
    const r = kAnonymise(c, qis, 6, 0.05);
    expect(r.levels).toEqual([1, 0]);
    expect(r.loss.total).toBeCloseTo(11.5, 9);
    expect(r.suppressed).toBe(1);
    expect(r.loss.suppressed).toBe(1);
    expect(r.rows).toHaveLength(19);
    expect(r.loss).toMatchObject({ smallestClass: 9, classes: 2 });
    expect(r.loss.attributes).toEqual([
      { name: 'age', level: 1, levels: 3, exact: 0 },
      { name: 'nat', level: 0, levels: 3, exact: 19 },
    ]);
    expect(r.rows.every((x) => !x.sensitiveWithheld)).toBe(true);
    expect(r.evaluated).toBe(3);
    expect(r.nodes).toBe(9);
  });

  test('a suppressed row loses the sensitive attribute too: 9.5 + 1 × (1 + 1 + 3) = 14.5', () => {
    const mixed = rows([
      ['Under16', 'VN', 3, 'identified'],
      ['Under16', 'VN', 2, 'not_victim'],
      ['16to17', 'VN', 3, 'identified'],
      ['16to17', 'VN', 2, 'not_victim'],
      ['Adult18Plus', 'VN', 5, 'identified'],
      ['Adult18Plus', 'VN', 4, 'not_victim'],
      ['Adult18Plus', 'CN', 1, 'identified'],
    ]);
    const r = kAnonymise(mixed, qis, 6, 0.05, { sensitive: { ...sensitive, weight: 3 } });
    expect(r.levels).toEqual([1, 0]);
    expect(r.loss.total).toBeCloseTo(14.5, 9);
    expect(r.loss.attributes[2]).toEqual({ name: 'status', level: null, levels: null, exact: 19 });
  });

  test('a withheld status takes its alsoWithhold QI with it, at what that QI still showed: 8 × ½ × 2 + 4 × (1 + 2 × ½) = 16', () => {
    // One QI (nationality, weight 2). [0]: two classes of 2 (k = 3), too fine. [1]: Vietnamese 4
    // (two statuses), foreigners 4 (one status): the foreigners' status is withheld, and with it
    // the half of nationality that level 1 still published.
    const nat: QuasiIdentifier<Row> = { ...qis[1], weight: 2 };
    const input = rows([
      ['Adult18Plus', 'CN', 2, 'identified'],
      ['Adult18Plus', 'LA', 2, 'identified'],
      ['Adult18Plus', 'VN', 2, 'identified'],
      ['Adult18Plus', 'VN', 2, 'not_victim'],
    ]);
    const r = kAnonymise(input, [nat], 3, 0, { sensitive: { ...sensitive, weight: 1, alsoWithhold: ['nat'] } });
    expect(r.levels).toEqual([1]);
    expect(r.loss.total).toBeCloseTo(16, 9);
    const foreign = r.rows.filter((x) => x.row.nat !== 'VN');
    expect(foreign.map((x) => [x.qi[0], x.sensitiveWithheld])).toEqual(Array(4).fill(['', true]));
    expect(r.rows.filter((x) => x.row.nat === 'VN').map((x) => [x.qi[0], x.sensitiveWithheld])).toEqual(
      Array(4).fill(['VN', false]),
    );
    expect(r.loss.attributes).toEqual([
      { name: 'nat', level: 1, levels: 3, exact: 0 },
      { name: 'status', level: null, levels: null, exact: 4 },
    ]);
  });

  test('rows published exact are counted per attribute, less those withheld with the status', () => {
    const input = oneStatusChildren();
    const r = kAnonymise(input, qis, 3, 0, { sensitive: { ...sensitive, alsoWithhold: ['nat'] } });
    // [0,0]: the children's class holds one status: 6 × (1 + 1) = 12.
    expect(r.levels).toEqual([0, 0]);
    expect(r.loss.total).toBeCloseTo(12, 9);
    expect(r.loss.attributes).toEqual([
      { name: 'age', level: 0, levels: 3, exact: 12 },
      { name: 'nat', level: 0, levels: 3, exact: 6 },
      { name: 'status', level: null, levels: null, exact: 6 },
    ]);
  });

  test('the first QI can be withheld with the status too', () => {
    const input = oneStatusChildren();
    const r = kAnonymise(input, qis, 3, 0, { sensitive: { ...sensitive, alsoWithhold: ['age'] } });
    const children = r.rows.filter((x) => x.row.age === 'Under16');
    expect(children.map((x) => x.qi)).toEqual(Array(6).fill(['', 'VN']));
    expect(r.loss.attributes[0]).toEqual({ name: 'age', level: 0, levels: 3, exact: 6 });
  });

  test('classes of different sizes: the smallest kept one is reported, suppressed ones are not', () => {
    const r = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 7],
        ['Under16', 'VN', 4],
        ['16to17', 'VN', 3],
        ['Adult18Plus', 'CN', 1],
      ]),
      qis,
      3,
      0.1,
    );
    expect(r.levels).toEqual([0, 0]);
    expect(r.loss).toMatchObject({ smallestClass: 3, classes: 3, suppressed: 1, total: 2 });
  });

  test('nothing publishable: every row lost, at the highest levels allowed', () => {
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 5]]), [{ ...qis[0], maxLevel: 1 }, qis[1]], 11);
    expect(r.levels).toEqual([1, 2]);
    expect(r.loss).toMatchObject({ total: 10, suppressed: 5, smallestClass: 0, classes: 0 });
    expect(r.loss.attributes.map((a) => a.exact)).toEqual([0, 0]);
    expect(
      kAnonymise(rows([['Adult18Plus', 'VN', 5]]), qis, 11, 0.05, { sensitive: { ...sensitive, weight: 3 } }).loss
        .total,
    ).toBe(25);
  });

  test('maxLevel caps a QI: the search never withholds it', () => {
    // Two lone nationalities; with nationality capped at "VN / Foreign" and no budget, age must go.
    const input = rows([
      ['Adult18Plus', 'VN', 4],
      ['Under16', 'CN', 1],
      ['16to17', 'LA', 1],
    ]);
    const capped = [qis[0], { ...qis[1], maxLevel: 1 }];
    const r = kAnonymise(input, capped, 2, 0);
    expect(r.nodes).toBe(6);
    expect(r.levels[1]).toBeLessThanOrEqual(1);
    expect(r.levels).toEqual([1, 1]);
  });

  test('k = 1 publishes every row as it is', () => {
    const r = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 1],
        ['Under16', 'CN', 1],
      ]),
      qis,
      1,
      0,
    );
    expect(r).toMatchObject({ levels: [0, 0], suppressed: 0, evaluated: 1 });
    expect(r.loss.total).toBe(0);
  });
});

describe('the search order and its ties', () => {
  test('the search stops at a node whose bound equals the best loss found', () => {
    // [0,0]: two lone foreigners, too fine (no budget). [0,1] ("Foreign" 2, VN 3): loss 5 × ½ = 2.5.
    // [1,0] has the same bound, 2.5, and cannot do better: it is not counted.
    const r = kAnonymise(
      rows([
        ['Adult18Plus', 'VN', 3],
        ['Adult18Plus', 'CN', 1],
        ['Adult18Plus', 'LA', 1],
      ]),
      qis,
      2,
      0,
    );
    expect(r.levels).toEqual([0, 1]);
    expect(r.loss.total).toBeCloseTo(2.5, 9);
    expect(r.evaluated).toBe(2);
  });

  test('of two nodes of equal loss the first visited (the less generalised) is kept', () => {
    // Two QIs of two levels, k = 2, budget 60 % (6 of 10 rows). [0,0]: six lone rows suppressed,
    // loss 6 × 2 = 12. [0,1]: bound 10, two rows suppressed: 10 − 2 + 2 × 2 = 12, equal: [0,0] stays.
    const input = [
      ['a', 'x'],
      ['a', 'x'],
      ['b', 'x'],
      ['b', 'x'],
      ['c', '1'],
      ['c', '2'],
      ['d', '3'],
      ['d', '4'],
      ['e', '5'],
      ['f', '6'],
    ].map(([a, b]) => ({ a, b }));
    const r = kAnonymise(input, twoQis, 2, 0.6);
    expect(r.levels).toEqual([0, 0]);
    expect(r.loss.total).toBeCloseTo(12, 9);
    expect(r.suppressed).toBe(6);
    expect(r.evaluated).toBe(3);
  });

  test('of two nodes of equal bound, fewer generalisation steps first, then the first QI kept precise', () => {
    // a: 2 levels; b: 3 levels whose middle level tells as much as the first. [1,0] and [0,2] both
    // lose 6 (one whole attribute of 6 rows) and are both 3-anonymous: [1,0] takes one step, [0,2] two.
    const steps: QuasiIdentifier<AB>[] = [twoQis[0], { name: 'b', levels: [(r) => r.b, (r) => r.b.toUpperCase(), () => ''] }];
    const input = ab([
      ['a', 'x1', 2],
      ['a', 'x2', 1],
      ['b', 'x2', 2],
      ['b', 'x1', 1],
    ]);
    expect(kAnonymise(input, steps, 3, 0).levels).toEqual([1, 0]);
    // Equal bound and steps: [0,1] keeps the first QI, a, exact.
    const r = kAnonymise(
      ab([
        ['a', 'x', 2],
        ['a', 'y', 1],
        ['b', 'x', 1],
        ['b', 'y', 2],
      ]),
      twoQis,
      2,
      0,
    );
    expect(r.levels).toEqual([0, 1]);
    expect(r.rows.map((x) => x.qi[0]).sort()).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
  });
});

describe('inputs the search refuses', () => {
  test('k must be a positive integer', () => {
    for (const k of [0, -1, 1.5, Number.NaN])
      expect(() => kAnonymise(rows([['Adult18Plus', 'VN', 3]]), qis, k)).toThrow(
        `k must be a positive integer (got ${k})`,
      );
  });

  test('a QI without levels, or with a negative weight', () => {
    expect(() => kAnonymise(rows([['Adult18Plus', 'VN', 3]]), [{ name: 'empty', levels: [] }], 2)).toThrow(
      'quasi-identifier empty has no levels',
    );
    expect(() => kAnonymise(rows([['Adult18Plus', 'VN', 3]]), [{ ...qis[0], weight: -1 }], 2)).toThrow(
      'quasi-identifier age has weight -1',
    );
    expect(() => kAnonymise(rows([['Adult18Plus', 'VN', 3]]), [{ ...qis[0], weight: Infinity }], 2)).toThrow(
      'quasi-identifier age has weight Infinity',
    );
    expect(kAnonymise(rows([['Adult18Plus', 'VN', 3]]), [{ ...qis[0], weight: 0 }], 2).levels).toEqual([0]);
    expect(() =>
      kAnonymise(rows([['Adult18Plus', 'VN', 3]]), qis, 2, 0, { sensitive: { ...sensitive, weight: -2 } }),
    ).toThrow('sensitive attribute status has weight -2');
  });

  test('alsoWithhold naming no QI is an error, not a silent no-op', () => {
    expect(() =>
      kAnonymise(rows([['Adult18Plus', 'VN', 3]]), qis, 2, 0, {
        sensitive: { ...sensitive, alsoWithhold: ['nationality'] },
      }),
    ).toThrow('alsoWithhold names nationality, which is not a quasi-identifier');
  });

  test('a sensitive attribute of more than 30 values (its values are bits of a 32-bit mask)', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ age: 'Adult18Plus', nat: 'VN', status: `s${i}` }));
    expect(() => kAnonymise(many(31), qis, 2, 0, { sensitive })).toThrow(
      'sensitive attribute status has more than 30 values',
    );
    expect(kAnonymise(many(30), qis, 2, 0, { sensitive }).rows).toHaveLength(30);
  });

  test('more combinations of QI values than a double counts exactly', () => {
    const wide: QuasiIdentifier<number>[] = Array.from({ length: 4 }, (_, q) => ({
      name: `q${q}`,
      levels: [(r) => `${q}:${r}`, () => ''],
    }));
    const input = Array.from({ length: 20000 }, (_, i) => i);
    expect(() => kAnonymise(input, wide, 2)).toThrow('too many distinct quasi-identifier combinations');
  });

  test('QI values are told apart whatever their digits (codes 1 and 11 never run together)', () => {
    // Twelve pairs (a_i, b_i) × 2 give codes 0–11 to both QIs; (a1, b11) and (a11, b1) are then two
    // lone rows, which must not be counted as one class of two.
    const pairs = Array.from({ length: 12 }, (_, i) => [
      { a: `a${i}`, b: `b${i}` },
      { a: `a${i}`, b: `b${i}` },
    ]).flat();
    const input = [...pairs, { a: 'a1', b: 'b11' }, { a: 'a11', b: 'b1' }];
    const r = kAnonymise(input, twoQis, 2, 0.1);
    expect(r.levels).toEqual([0, 0]);
    expect(r.suppressed).toBe(2);
    for (const n of classSizes(r.rows).values()) expect(n).toBeGreaterThanOrEqual(2);
  });
});
