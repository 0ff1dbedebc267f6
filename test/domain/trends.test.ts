import fc from 'fast-check';
import { buildTrends, cellText, isSmall, publishTrends, trendRows, type AcceptedFigures } from '../../src/domain/trends';
import { getProfile } from '../../src/profiles';

const profile = getProfile('bac-ninh-2017')!;
const figures = (unit_code: string, totals: Record<string, number>, ratios: Record<string, [number, number]> = {}): AcceptedFigures => ({ unit_code, totals, ratios });

describe('trend rows', () => {
  test('received, identified, under 18, every support type of the plan’s law, and 6.1–6.3', () => {
    const rows = trendRows(profile);
    expect(rows.filter((r) => r.group === 'people').map((r) => r.code)).toEqual(['1', '2.1', '5.1']);
    expect(rows.filter((r) => r.group === 'percent').map((r) => r.code)).toEqual(['6.1', '6.2', '6.3']);
    const support = rows.filter((r) => r.group === 'support');
    expect(support.length).toBeGreaterThanOrEqual(6);
    expect(support.every((r) => /^4\.\d+$/.test(r.code) && r.kind === 'count')).toBe(true);
  });
});

describe('buildTrends', () => {
  const trends = buildTrends(profile, [
    { year: 2020, quarter: 1, figures: [] },
    { year: 2020, quarter: 2, figures: [figures('A', { '1': 12, '2.1': 3 }, { '6.1': [1, 2] }), figures('B', { '1': 30, '2.1': 0 }, { '6.1': [18, 18] })] },
    { year: 2020, quarter: 3, figures: [figures('B', { '1': 7 }, { '6.1': [0, 0] })] },
  ]);

  test('a province count is the sum over the units accepted that quarter; nothing accepted is null, not 0', () => {
    expect(trends.province.values['1']).toEqual([null, 42, 7]);
    expect(trends.province.values['2.1']).toEqual([null, 3, 0]);
    expect(trends.quarters.map((q) => q.accepted)).toEqual([0, 2, 1]);
  });

  test('each unit keeps its own series, with null where it had no accepted report', () => {
    expect(trends.units.map((u) => u.unit_code)).toEqual(['A', 'B']);
    expect(trends.units[0].values['1']).toEqual([null, 12, null]);
    expect(trends.units[1].values['1']).toEqual([null, 30, 7]);
  });

  test('a province percentage pools the units’ people (19/20), not their percentages ((50 + 100)/2)', () => {
    expect(trends.province.values['6.1']).toEqual([null, 95, null]);
    expect(trends.province.bases['6.1']).toEqual([null, 20, 0]);
    expect(trends.units[0].values['6.1'][1]).toBe(50);
  });
});

describe('small counts when published (see also smallCounts.test.ts)', () => {
  const trends = buildTrends(profile, [
    {
      year: 2021,
      quarter: 1,
      closed: true,
      figures: [figures('A', { '1': 3, '2.1': 0 }, { '6.1': [2, 3] }), figures('B', { '1': 9 }, { '6.1': [9, 9] }), figures('C', { '1': 20 }, { '6.1': [5, 20] })],
    },
    { year: 2021, quarter: 2, figures: [figures('A', { '1': 7 }), figures('B', { '1': 12 })] },
  ]);

  test('1–4 become <5 and 0 stays 0; a percentage over 1–4 people is not shown', () => {
    const pub = publishTrends(trends, { mask: true });
    const a = pub.units.find((u) => u.unit_code === 'A')!.cells;
    expect(cellText(a['1'][0], 'count')).toBe('<5');
    expect(cellText(a['2.1'][0], 'count')).toBe('0');
    expect(cellText(a['6.1'][0], 'percent')).toBe('cơ sở <5');
    expect(cellText(a['6.1'][0], 'percent', 'en')).toBe('base <5');
    expect(cellText(pub.province['1'][0], 'count')).toBe('32');
  });

  test('one <5 beside a published total: a count of 5 or more is hidden too, large enough that subtraction gives nothing', () => {
    const pub = publishTrends(trends, { mask: true });
    const cell = (u: string) => pub.units.find((x) => x.unit_code === u)!.cells['1'][0];
    expect(cell('A').kind).toBe('small');
    // Hiding B (9) leaves A between 1 and 4: 3 + 9 = 12, B ≥ 5.
    expect(cell('B').kind).toBe('secondary');
    expect(cellText(cell('B'), 'count')).toBe('x');
    expect(cell('C')).toEqual({ kind: 'value', value: 20 });
  });

  test('a quarter that is not final (a unit still to be accepted) is not published: …', () => {
    const pub = publishTrends(trends, { mask: true });
    expect(pub.province['1'][1]).toEqual({ kind: 'open' });
    expect(cellText(pub.province['1'][1], 'count')).toBe('…');
    expect(pub.units.find((u) => u.unit_code === 'C')!.cells['1'][1]).toEqual({ kind: 'none' });
  });

  test('without masking (the staff page itself) every figure is shown', () => {
    const pub = publishTrends(trends, { mask: false });
    expect(pub.units.find((u) => u.unit_code === 'A')!.cells['1'][0]).toEqual({ kind: 'value', value: 3 });
    expect(pub.province['1'][1]).toEqual({ kind: 'value', value: 19 });
  });

  test('property: a masked table never shows 1–4, and no single hidden unit count can be worked out from the total', () => {
    const unitFigures = fc.array(fc.record({ total: fc.nat({ max: 12 }), accepted: fc.boolean() }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(unitFigures, fc.boolean()), { minLength: 1, maxLength: 8 }), (quarters) => {
        const t = buildTrends(
          profile,
          quarters.map(([units, closed], i) => ({
            year: 2020 + Math.floor(i / 4),
            quarter: (i % 4) + 1,
            closed,
            figures: units.flatMap((u, j) => (u.accepted ? [figures(`U${j}`, { '1': u.total })] : [])),
          })),
        );
        const pub = publishTrends(t, { mask: true });
        for (const series of [pub.province, ...pub.units.map((u) => u.cells)]) {
          for (const c of series['1']) if (c.kind === 'value') expect(isSmall(c.value)).toBe(false);
        }
        t.quarters.forEach((_q, i) => {
          if (pub.province['1'][i].kind !== 'value') return;
          const hidden = pub.units.filter((u) => ['small', 'secondary', 'withheld'].includes(u.cells['1'][i].kind));
          expect(hidden.length).not.toBe(1);
        });
      }),
      { numRuns: 300 },
    );
  });
});
