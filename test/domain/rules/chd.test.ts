import { buildWorkbook, findingsOf, utc } from '../helpers';

/** Row 0 made a person of `age` at receipt (01/07/2020). */
function ofAge(profileId: string, age: number, referral: string | null = null) {
  const wb = buildWorkbook({ rows: 1, profileId, year: profileId === 'vn-2025' ? 2025 : undefined });
  const received = wb.getRegistry(0, 'received_date') as Date;
  wb.setRegistry(0, 'birth_date', utc(received.getUTCFullYear() - age, received.getUTCMonth() + 1, received.getUTCDate()));
  wb.setRegistry(0, 'child_referral', referral);
  if (referral === 'Có') wb.setRegistry(0, 'child_referral_date', received);
  return wb;
}

describe('CHD-01 child not referred to child protection', () => {
  it('fires at the referral cell for a 15-year-old under law 2011', () => {
    const wb = ofAge('bac-ninh-2017', 15);
    const [f] = findingsOf(wb, 'CHD-01');
    expect(f).toMatchObject({ severity: 'error', cell: wb.registryAddress(0, 'child_referral'), field: 'child_referral' });
    expect(f.message_vi).toContain('15 tuổi');
  });

  it('fires for a 17-year-old under law 2024 (child age 18), also when referral is "Không"', () => {
    const wb = ofAge('vn-2025', 17, 'Không');
    expect(findingsOf(wb, 'CHD-01')).toHaveLength(1);
  });

  it('does not fire when referred, at 16 under law 2011, or for adults', () => {
    expect(findingsOf(ofAge('bac-ninh-2017', 10, 'Có'), 'CHD-01')).toEqual([]);
    expect(findingsOf(ofAge('bac-ninh-2017', 16), 'CHD-01')).toEqual([]);
    expect(findingsOf(ofAge('vn-2025', 18), 'CHD-01')).toEqual([]);
  });

  it('takes a birth year alone as 1 July (16 on 01/07/2020 when born 2004)', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'birth_date', '2004');
    wb.setRegistry(0, 'received_date', utc(2020, 6, 30));
    wb.setRegistry(0, 'verification_date', utc(2020, 7, 2));
    expect(findingsOf(wb, 'CHD-01')).toHaveLength(1);
    wb.setRegistry(0, 'received_date', utc(2020, 7, 1));
    expect(findingsOf(wb, 'CHD-01')).toEqual([]);
  });
});

describe('CHD-02 minor 16–17 not referred (law 2011 only)', () => {
  it('warns for a 17-year-old under law 2011', () => {
    const wb = ofAge('dong-thap-2021', 17);
    expect(findingsOf(wb, 'CHD-02')).toEqual([expect.objectContaining({ severity: 'warning', cell: wb.registryAddress(0, 'child_referral') })]);
  });
  it('does not fire under law 2024, when referred, or at 18', () => {
    expect(findingsOf(ofAge('vn-2025', 17), 'CHD-02')).toEqual([]);
    expect(findingsOf(ofAge('bac-ninh-2017', 17, 'Có'), 'CHD-02')).toEqual([]);
    expect(findingsOf(ofAge('bac-ninh-2017', 18), 'CHD-02')).toEqual([]);
  });
});

describe('CHD-03 referral without a date, or dated before receipt', () => {
  it('fires at the referral date cell for both cases', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'child_referral', 'Có');
    wb.setRegistry(1, 'child_referral', 'Có');
    wb.setRegistry(1, 'child_referral_date', utc(2020, 6, 1));
    const f = findingsOf(wb, 'CHD-03');
    expect(f.map((x) => x.cell)).toEqual([wb.registryAddress(0, 'child_referral_date'), wb.registryAddress(1, 'child_referral_date')]);
    expect(f[1].message_vi).toContain('01/06/2020');
  });
  it('does not fire for a dated referral or for "Không"', () => {
    expect(findingsOf(ofAge('bac-ninh-2017', 12, 'Có'), 'CHD-03')).toEqual([]);
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'child_referral', 'Không');
    expect(findingsOf(wb, 'CHD-03')).toEqual([]);
  });
});

describe('CHD-01 negative-age guard', () => {
  // Rule: a birth date after the date received gives a negative age, which is a date error for
  // the date rules, not a child to refer: CHD-01 stays silent rather than calling them a child.
  it('does not fire when the birth date is after the date received (negative age)', () => {
    const wb = buildWorkbook({ rows: 1 });
    const received = wb.getRegistry(0, 'received_date') as Date;
    wb.setRegistry(0, 'birth_date', utc(received.getUTCFullYear() + 1, received.getUTCMonth() + 1, received.getUTCDate()));
    wb.setRegistry(0, 'child_referral', null);
    expect(findingsOf(wb, 'CHD-01')).toEqual([]);
    // The same row a year younger than the child age does fire: the guard is only for age < 0.
    wb.setRegistry(0, 'birth_date', utc(received.getUTCFullYear() - 1, received.getUTCMonth() + 1, received.getUTCDate()));
    expect(findingsOf(wb, 'CHD-01')).toHaveLength(1);
  });
});
