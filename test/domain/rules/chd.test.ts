import { checkWorkbook } from '../../../src/domain/check';
import { getProfile } from '../../../src/profiles';
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

describe('CHD messages and age boundaries (what the clerk reads, and who counts as a child)', () => {
  const SHEET = 'của trang tính "Sổ theo dõi"';

  it('CHD-01 says what the cell holds (empty, or the value typed, trimmed), the age and the limit, and what to do', () => {
    const wb = buildWorkbook({ rows: 2 });
    const received = wb.getRegistry(0, 'received_date') as Date;
    const born = (age: number) => utc(received.getUTCFullYear() - age, received.getUTCMonth() + 1, received.getUTCDate());
    wb.setRegistry(0, 'birth_date', born(15));
    wb.setRegistry(0, 'child_referral', null);
    wb.setRegistry(1, 'birth_date', born(12));
    wb.setRegistry(1, 'child_referral', '  Không ');
    const [empty, no] = findingsOf(wb, 'CHD-01');
    expect([empty.message_vi, empty.message_en]).toEqual([
      `Ô R2 (Kết nối dịch vụ bảo vệ trẻ em) ${SHEET} đang trống nhưng người này 15 tuổi khi tiếp nhận (dưới 16 tuổi): kết nối dịch vụ bảo vệ trẻ em rồi ghi "Có" và ngày kết nối.`,
      'Cell R2 (Referred to child protection) of sheet "Sổ theo dõi" is empty but this person was 15 at receipt (under 16): refer them to child-protection services, then enter "Có" and the referral date.',
    ]);
    expect([no.message_vi, no.message_en]).toEqual([
      `Ô R3 (Kết nối dịch vụ bảo vệ trẻ em) ${SHEET} là "Không" nhưng người này 12 tuổi khi tiếp nhận (dưới 16 tuổi): kết nối dịch vụ bảo vệ trẻ em rồi ghi "Có" và ngày kết nối.`,
      'Cell R3 (Referred to child protection) of sheet "Sổ theo dõi" is "Không" but this person was 12 at receipt (under 16): refer them to child-protection services, then enter "Có" and the referral date.',
    ]);
  });

  it('CHD-01: a baby received before their first birthday (age 0) is a child; no birth date means no age, so no finding', () => {
    expect(findingsOf(ofAge('bac-ninh-2017', 0), 'CHD-01')).toHaveLength(1);
    expect(findingsOf(ofAge('vn-2025', 0), 'CHD-01')).toHaveLength(1);
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'birth_date', null);
    wb.setRegistry(0, 'child_referral', null);
    expect(findingsOf(wb, 'CHD-01')).toEqual([]);
  });

  it('CHD-02 starts on the 16th birthday (a 15-year-old is CHD-01\'s) and names the 16–17 band as a minor', () => {
    const at16 = ofAge('bac-ninh-2017', 16, 'Không');
    const [f] = findingsOf(at16, 'CHD-02');
    expect([f.message_vi, f.message_en]).toEqual([
      `Ô R2 (Kết nối dịch vụ bảo vệ trẻ em) ${SHEET} là "Không" nhưng người này 16 tuổi khi tiếp nhận (16–17 tuổi, người chưa thành niên): kết nối dịch vụ bảo vệ trẻ em rồi ghi "Có" và ngày kết nối.`,
      'Cell R2 (Referred to child protection) of sheet "Sổ theo dõi" is "Không" but this person was 16 at receipt (16–17, a minor): refer them to child-protection services, then enter "Có" and the referral date.',
    ]);
    expect(findingsOf(ofAge('bac-ninh-2017', 15), 'CHD-02')).toEqual([]);
    const undated = buildWorkbook({ rows: 1 });
    undated.setRegistry(0, 'birth_date', null);
    undated.setRegistry(0, 'child_referral', null);
    expect(findingsOf(undated, 'CHD-02')).toEqual([]);
  });

  it('CHD-03: a referral on the day of receipt is fine, the day before is not; the messages name both dates', () => {
    const wb = buildWorkbook({ rows: 3 });
    const received = wb.getRegistry(0, 'received_date') as Date;
    wb.setRegistry(0, 'child_referral', 'Có');
    wb.setRegistry(0, 'child_referral_date', received);
    wb.setRegistry(1, 'child_referral', 'Có');
    const r1 = wb.getRegistry(1, 'received_date') as Date;
    wb.setRegistry(1, 'child_referral_date', new Date(r1.getTime() - 86_400_000));
    wb.setRegistry(2, 'child_referral', 'Có');
    wb.setRegistry(2, 'child_referral_date', null);
    const f = findingsOf(wb, 'CHD-03');
    expect(f.map((x) => x.cell)).toEqual([wb.registryAddress(1, 'child_referral_date'), wb.registryAddress(2, 'child_referral_date')]);
    const day = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    const before = new Date(r1.getTime() - 86_400_000);
    expect([f[0].message_vi, f[0].message_en]).toEqual([
      `Ô S3 (Ngày kết nối) ${SHEET}: ${day(before)} trước ngày tiếp nhận ${day(r1)}: kiểm tra lại ngày kết nối.`,
      `Cell S3 (Referral date) of sheet "Sổ theo dõi": ${day(before)} is before the date received ${day(r1)}: check the referral date.`,
    ]);
    expect([f[1].message_vi, f[1].message_en]).toEqual([
      `Ô S4 (Ngày kết nối) ${SHEET} đang trống nhưng đã ghi "Có" kết nối dịch vụ bảo vệ trẻ em: nhập ngày kết nối (dd/mm/yyyy).`,
      'Cell S4 (Referral date) of sheet "Sổ theo dõi" is empty although the referral is "Có" (yes): enter the referral date (dd/mm/yyyy).',
    ]);
  });

  it('CHD-03 without a date received has nothing to compare: only the missing referral date is its business', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'child_referral', 'Có');
    wb.setRegistry(0, 'child_referral_date', utc(2000, 1, 1));
    wb.setRegistry(0, 'received_date', null);
    expect(findingsOf(wb, 'CHD-03')).toEqual([]);
  });
});

describe('CHD-02 belongs to law 2011 alone', () => {
  // Law 53/2024 protects everyone under 18 (CHD-01 with child age 18), so its plans have no
  // 16–17 band; CHD-02 stays silent on a law-2024 plan even if its thresholds left one.
  it('is silent on a law-2024 plan whose child age is 16 and minor age 18', () => {
    const wb = ofAge('vn-2025', 17, 'Không');
    const base = getProfile('vn-2025')!;
    const odd = { ...base, thresholds: { ...base.thresholds, child_age: 16, minor_age: 18 } };
    const findings = checkWorkbook(wb.model, { today: wb.today, profile: odd }).findings;
    expect(findings.filter((f) => f.rule === 'CHD-02')).toEqual([]);
    // The same thresholds on a law-2011 plan do give the warning.
    const law2011 = { ...odd, law: 'law-2011' as const };
    expect(checkWorkbook(wb.model, { today: wb.today, profile: law2011 }).findings.filter((f) => f.rule === 'CHD-02')).toHaveLength(1);
  });
});
