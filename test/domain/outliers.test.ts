import { findOutliers, median, type QuarterFigures } from '../../src/domain/outliers';
import { getProfile } from '../../src/profiles';

const profile = getProfile('bac-ninh-2017')!;
const q = (year: number, quarter: number, totals: Record<string, number>): QuarterFigures => ({ year, quarter, totals });
const history = (values: number[], row = '1'): QuarterFigures[] => values.map((v, i) => q(2020, 4 - i, { [row]: v }));

describe('OUT-01: a count far from the unit’s own accepted history', () => {
  test('median of an even and an odd list', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });

  test('more than 3 × the median and more than 5 above it is a spike, with the history that makes it one', () => {
    const [o] = findOutliers(profile, q(2021, 1, { '1': 13 }), history([3, 4, 2, 4]));
    expect(o).toMatchObject({ rule: 'OUT-01', severity: 'warning', row: '1', kind: 'spike', value: 13, median: 3.5 });
    expect(o.history).toEqual([
      { year: 2020, quarter: 4, value: 3 },
      { year: 2020, quarter: 3, value: 4 },
      { year: 2020, quarter: 2, value: 2 },
      { year: 2020, quarter: 1, value: 4 },
    ]);
    expect(o.message_vi).toContain('Q4/2020: 3');
  });

  test('3 × the median but not more than 5 people above it is not flagged (small units)', () => {
    expect(findOutliers(profile, q(2021, 1, { '1': 6 }), history([1, 2, 2, 1]))).toEqual([]);
    expect(findOutliers(profile, q(2021, 1, { '1': 9 }), history([3, 3, 3, 3]))).toEqual([]);
    expect(findOutliers(profile, q(2021, 1, { '1': 10 }), history([3, 3, 3, 3]))).toHaveLength(1);
  });

  test('0 where every one of the last 4 accepted quarters had 5 or more', () => {
    expect(findOutliers(profile, q(2021, 1, { '2.1': 0 }), history([5, 8, 6, 9], '2.1'))).toMatchObject([{ row: '2.1', kind: 'zero', value: 0 }]);
    expect(findOutliers(profile, q(2021, 1, { '2.1': 0 }), history([5, 8, 4, 9], '2.1'))).toEqual([]);
  });

  test('only the last 4 accepted quarters count', () => {
    // A fifth, older quarter with a low figure would pull the median down; it is ignored.
    expect(findOutliers(profile, q(2021, 1, { '1': 0 }), history([6, 6, 6, 6, 0]))).toHaveLength(1);
  });

  test('a unit with no accepted history gives no OUT-01', () => {
    expect(findOutliers(profile, q(2021, 1, { '1': 500 }), [])).toEqual([]);
  });

  test('rows 6 and 7 are never looked at', () => {
    expect(findOutliers(profile, q(2021, 1, { '6.4': 100 }), history([1, 1, 1, 1], '6.4'))).toEqual([]);
  });
});
