import { kAnonymise, type QuasiIdentifier } from '../../src/domain/kanon';

type Row = { age: string; nat: string };
const qis: QuasiIdentifier<Row>[] = [
  { name: 'age', levels: [(r) => r.age, (r) => (r.age === 'Under16' || r.age === '16to17' ? 'Minor' : 'Adult'), () => ''] },
  { name: 'nat', levels: [(r) => r.nat, (r) => (r.nat === 'VN' ? 'VN' : 'Foreign'), () => ''] },
];
const rows = (spec: [string, string, number][]): Row[] => spec.flatMap(([age, nat, n]) => Array.from({ length: n }, () => ({ age, nat })));

describe('k-anonymity: generalise first, suppress last', () => {
  test('rows already in classes of k or more are kept as they are', () => {
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 3], ['Under16', 'VN', 3]]), qis, 3);
    expect(r).toMatchObject({ levels: [0, 0], suppressed: 0 });
    expect(r.rows.map((x) => x.qi)).toContainEqual(['Under16', 'VN']);
  });

  test('small classes are merged by generalising (16–17 and under-16 become minors) before anyone is suppressed', () => {
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 10], ['Under16', 'VN', 2], ['16to17', 'VN', 2]]), qis, 4, 0);
    expect(r.suppressed).toBe(0);
    expect(r.levels).toEqual([1, 0]);
    expect(new Set(r.rows.map((x) => x.qi.join('|')))).toEqual(new Set(['Adult|VN', 'Minor|VN']));
  });

  test('within the suppression budget a lone outlier is suppressed rather than coarsening everyone', () => {
    const r = kAnonymise(rows([['Adult18Plus', 'VN', 30], ['Adult18Plus', 'CN', 30], ['Under16', 'LA', 1]]), qis, 5, 0.05);
    expect(r).toMatchObject({ levels: [0, 0], suppressed: 1 });
    expect(r.rows).toHaveLength(60);
  });

  test('every output class has at least k rows, whatever the input', () => {
    const input = rows([['Adult18Plus', 'VN', 7], ['Under16', 'CN', 3], ['16to17', 'LA', 2], ['Unknown', 'TH', 1], ['Adult18Plus', 'KH', 4]]);
    for (const k of [2, 3, 5, 11]) {
      const r = kAnonymise(input, qis, k);
      const counts = new Map<string, number>();
      for (const x of r.rows) counts.set(x.qi.join('|'), (counts.get(x.qi.join('|')) ?? 0) + 1);
      for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(k);
      expect(r.rows.length + r.suppressed).toBe(input.length);
    }
  });
});
