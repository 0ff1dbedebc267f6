import { formatMoney, formatNumber, formatPercent } from '../../src/domain/format';

describe('Vietnamese number formatting', () => {
  it('groups thousands with dots and writes one-decimal percentages with a comma', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatPercent(50)).toBe('50,0%');
    expect(formatPercent(25)).toBe('25,0%');
    expect(formatMoney(1500000)).toBe('1.500.000 đồng');
  });

  it('writes English with en-GB conventions', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatPercent(66.66, 'en')).toBe('66.7%');
  });

  it('shows an empty value as a dash, never 0 % or 100 %', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});
