import fc from 'fast-check';
import { auditColumn, isProtected, isSmall, publishColumn, type ColumnPublication, type CountMark } from '../../src/domain/smallCounts';
import { buildTrends, publishTrends, type AcceptedFigures, type PublishedCell } from '../../src/domain/trends';
import { getProfile } from '../../src/profiles';

/**
 * Small counts in the trends (issue 21): no hidden count may be worked out, from one download
 * (province total, units' figures, zeros) or from two downloads made as units are accepted.
 * A hidden count of 1–4 is protected when it may still be anything from 1 to 4.
 */

/** The attacker: every integer assignment of the unit counts that agrees with every release,
 *  searched exhaustively (counts capped at `cap`); each hidden count's least and greatest value. */
interface Release {
  /** Units in the release, with their mark; a unit absent was not yet accepted. */
  units: Map<number, CountMark>;
  province: CountMark | 'none';
  total: number;
}
function attack(values: readonly number[], releases: readonly Release[], cap = 30): [number, number][] {
  const n = values.length;
  const lo = new Array(n).fill(Infinity);
  const hi = new Array(n).fill(-Infinity);
  const x = new Array(n).fill(0);
  const fits = (r: Release, u: number, v: number): boolean => {
    const m = r.units.get(u);
    if (m === undefined) return true;
    if (m === 'value') return v === values[u];
    if (m === 'small') return v >= 1 && v <= 4;
    if (m === 'secondary') return v >= 5;
    return r.province === 'small' ? v <= 4 : true;
  };
  const consistent = () =>
    releases.every((r) => {
      const sum = [...r.units.keys()].reduce((s, u) => s + x[u], 0);
      return r.province === 'value' ? sum === r.total : r.province === 'small' ? sum >= 1 && sum <= 4 : true;
    });
  const walk = (u: number) => {
    if (u === n) {
      if (!consistent()) return;
      x.forEach((v, i) => ((lo[i] = Math.min(lo[i], v)), (hi[i] = Math.max(hi[i], v))));
      return;
    }
    for (let v = 0; v <= cap; v++) {
      if (releases.every((r) => fits(r, u, v))) {
        x[u] = v;
        walk(u + 1);
      }
    }
  };
  walk(0);
  return lo.map((l, i) => [l, hi[i]]);
}

const release = (values: readonly number[], pub: ColumnPublication, accepted: readonly number[] = values.map((_, i) => i)): Release => ({
  units: new Map(accepted.map((u, k) => [u, pub.units[k]])),
  province: pub.province,
  total: accepted.reduce((s, u) => s + values[u], 0),
});

describe('the audit of one column', () => {
  test('the recovered case of issue 21: province 7, BN-TD 5, BN-TS and BN-TP <5 → both are 1', () => {
    // The former publication: the total shown, only the small counts hidden.
    const values = [5, 1, 1];
    const former: ColumnPublication = { province: 'value', units: ['value', 'small', 'small'] };
    expect(auditColumn(values, former).slice(1)).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(isProtected(values, former)).toBe(false);
    // Now: no complement of 5 or more suffices, so the column is not broken down by unit.
    const now = publishColumn(values);
    expect(now).toEqual({ province: 'value', units: ['withheld', 'withheld', 'withheld'] });
    expect(isProtected(values, now)).toBe(true);
  });

  test('one <5 beside larger counts: the smallest count that suffices is hidden with it', () => {
    // BN-TS 1 beside 6, 9 and 20: hiding 6 leaves TS in [1, 2]; 9 gives [1, 4].
    expect(auditColumn([1, 6, 9, 20], { province: 'value', units: ['small', 'secondary', 'value', 'value'] })[0]).toEqual([1, 2]);
    const pub = publishColumn([1, 6, 9, 20]);
    expect(pub.units).toEqual(['small', 'value', 'secondary', 'value']);
    expect(auditColumn([1, 6, 9, 20], pub)[0]).toEqual([1, 4]);
  });

  test('a province total under 5 is <5 and the units are not broken down', () => {
    expect(publishColumn([1, 1, 1, 1, 0])).toEqual({ province: 'small', units: Array(5).fill('withheld') });
    expect(publishColumn([0, 0, 0])).toEqual({ province: 'value', units: ['value', 'value', 'value'] });
  });

  test('property: the audit is exact (it agrees with an exhaustive search of every assignment)', () => {
    const marks = fc.constantFrom<CountMark>('value', 'small', 'secondary', 'withheld');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 9 }), marks), { minLength: 1, maxLength: 4 }), fc.constantFrom<CountMark>('value', 'small', 'withheld'), (cells, province) => {
        // Marks consistent with the values (as a publication would be).
        const values = cells.map(([v, m]) => (m === 'small' ? Math.max(1, Math.min(4, v)) : m === 'secondary' ? 5 + v : v));
        const total = values.reduce((a, b) => a + b, 0);
        if (province === 'small' && !isSmall(total)) return;
        if (province === 'small' && cells.some(([, m]) => m === 'secondary')) return;
        const pub: ColumnPublication = { province, units: cells.map(([, m]) => m) };
        const cap = 25;
        const brute = attack(values, [release(values, pub)], cap);
        const audit = auditColumn(values, pub).map(([l, h]) => [l, Math.min(h, cap)]);
        expect(audit).toEqual(brute);
      }),
      { numRuns: 400 },
    );
  });

  test('property: a published column never shows 1–4, shows the total (or <5), and no hidden count of 1–4 can be narrowed', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 40 })), { minLength: 1, maxLength: 10 }), (values) => {
        const pub = publishColumn(values);
        values.forEach((v, i) => {
          if (pub.units[i] === 'value') expect(isSmall(v)).toBe(false);
        });
        const total = values.reduce((a, b) => a + b, 0);
        expect(pub.province).toBe(isSmall(total) ? 'small' : 'value');
        expect(isProtected(values, pub)).toBe(true);
        if (values.length <= 4) {
          const brute = attack(values, [release(values, pub)], Math.max(12, total + 2));
          values.forEach((v, i) => {
            if (isSmall(v)) expect(brute[i][0] <= 1 && brute[i][1] >= 4).toBe(true);
          });
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe.each([
  ['bac-ninh-2017', ['BN-TD', 'BN-TP', 'BN-TS', 'BN-YP']],
  ['vn-2025', ['22333', '22366', '22390', '22402']],
])('trends of %s published as units are accepted (two downloads)', (profileId, UNITS) => {
  const profile = getProfile(profileId)!;
  const figures = (unit_code: string, total: number): AcceptedFigures => ({ unit_code, totals: { '1': total }, ratios: {} });

  /** Every download one could make: after each acceptance, with the quarter closed once all are in. */
  function downloads(values: readonly number[], order: readonly number[]) {
    const out: { accepted: number[]; cells: (PublishedCell | undefined)[]; province: PublishedCell }[] = [];
    for (let step = 1; step <= order.length; step++) {
      const accepted = order.slice(0, step);
      const t = buildTrends(profile, [{ year: 2021, quarter: 1, closed: step === order.length, figures: accepted.map((u) => figures(UNITS[u], values[u])) }], UNITS);
      const pub = publishTrends(t, { mask: true });
      out.push({ accepted, province: pub.province['1'][0], cells: UNITS.map((code) => pub.units.find((u) => u.unit_code === code)?.cells['1'][0]) });
    }
    return out;
  }

  const asRelease = (values: readonly number[], d: ReturnType<typeof downloads>[number]): Release => {
    const units = new Map<number, CountMark>();
    d.accepted.forEach((u) => {
      const c = d.cells[u]!;
      if (c.kind === 'value' || c.kind === 'small' || c.kind === 'secondary' || c.kind === 'withheld') units.set(u, c.kind);
      else units.set(u, 'withheld'); // `open`: nothing said about it, as a count of any size
    });
    const province: Release['province'] = d.province.kind === 'value' ? 'value' : d.province.kind === 'small' ? 'small' : 'none';
    return { units, province, total: d.accepted.reduce((s, u) => s + values[u], 0) };
  };

  test("the day-before attack of issue 21 (province 6 with BN-TD x and BN-TS <5; then 7) recovers nothing: a quarter is published only once it is final", () => {
    const values = [5, 1, 1, 9]; // BN-TD, BN-TP, BN-TS, BN-YP
    const all = downloads(values, [2, 0, 1, 3]);
    // Before the quarter is final, nothing of it is published.
    for (const d of all.slice(0, -1)) {
      expect(d.province.kind).toBe('open');
      expect(d.accepted.every((u) => d.cells[u]!.kind === 'open')).toBe(true);
    }
    const brute = attack(values, all.map((d) => asRelease(values, d)), 30);
    values.forEach((v, i) => {
      if (isSmall(v)) expect({ unit: UNITS[i], interval: brute[i], protected: brute[i][0] <= 1 && brute[i][1] >= 4 }).toMatchObject({ protected: true });
    });
    // The checker itself finds the leak in the former way of publishing (the total every day).
    const naive: Release[] = all.map((d) => ({
      units: new Map(d.accepted.map((u) => [u, isSmall(values[u]) ? ('small' as const) : ('value' as const)])),
      province: 'value',
      total: d.accepted.reduce((s, u) => s + values[u], 0),
    }));
    expect(attack(values, naive, 30)[2]).toEqual([1, 1]);
  });

  test('property: whatever the counts and the order units are accepted in, all downloads together narrow no <5', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 12 })), { minLength: 4, maxLength: 4 }), fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }), (values, order) => {
        const all = downloads(values, order);
        const brute = attack(values, all.map((d) => asRelease(values, d)), 20);
        values.forEach((v, i) => {
          if (isSmall(v)) expect(brute[i][0] <= 1 && brute[i][1] >= 4).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('percentages that could tell a hidden count', () => {
  const profile = getProfile('bac-ninh-2017')!;
  const f = (unit_code: string, totals: Record<string, number>, ratios: Record<string, [number, number]>): AcceptedFigures => ({ unit_code, totals, ratios });
  const trends = buildTrends(profile, [
    { year: 2021, quarter: 1, closed: true, figures: [f('A', { '1': 6 }, { '6.1': [6, 6] }), f('B', { '1': 30 }, { '6.1': [29, 30] }), f('C', { '1': 9 }, { '6.1': [4, 9] })] },
    { year: 2021, quarter: 2, closed: true, figures: [f('A', { '1': 3 }, { '6.1': [9, 9] }), f('B', { '1': 20 }, { '6.1': [40, 50] }), f('C', { '1': 12 }, { '6.1': [15, 21] })] },
  ]);
  const pub = publishTrends(trends, { mask: true });
  const unit = (code: string) => pub.units.find((u) => u.unit_code === code)!.cells;

  test('a percentage whose counted people or the rest are 1–4 is hidden (29 of 30 leaves 1 out)', () => {
    expect(unit('B')['6.1'][0].kind).toBe('secondary');
    expect(unit('C')['6.1'][0].kind).toBe('secondary');
    expect(unit('A')['6.1'][0]).toEqual({ kind: 'value', value: 100 });
  });

  test('a year-to-date percentage is hidden once a count of the same year is hidden (its base would tell it)', () => {
    expect(unit('A')['1'][1].kind).toBe('small');
    expect(unit('A')['6.1'][1].kind).toBe('secondary');
    expect(unit('B')['6.1'][1]).toEqual({ kind: 'value', value: 80 });
  });
});
