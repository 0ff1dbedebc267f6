import { periodOf } from '../../src/domain/period';
import type { RegistryRecord, SupportRecord } from '../../src/domain/model';
import { supportTypes } from '../../src/domain/codes';
import { deidentifyCases } from '../../src/inbox/deidentify';
import { getProfile } from '../../src/profiles';

/**
 * The de-identified case list (docs/data-protection.md, Decree 13/2023/NĐ-CP): what leaves the
 * unit depends on consent, and on the period. Each test names the rule it guards; two of them
 * kill mutants the suite once let live (issue 20): an empty consent treated as consent, and the
 * period-end filter dropped.
 */
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function person(over: Partial<RegistryRecord>): RegistryRecord {
  return {
    row0: 1, raw: {}, case_id: 'BN-TS-2020-0001', full_name: 'Nguyễn Thị Hoa', sex: 'female', birth: null,
    nationality: { key: 'VN', vi: 'Việt Nam', en: 'Viet Nam' } as RegistryRecord['nationality'], ethnicity: { key: 'kinh', vi: 'Kinh', en: 'Kinh' } as RegistryRecord['ethnicity'],
    id_number: '001234567890', commune: 'Phường Đông Ngàn', address: 'Số 1 ngõ 2', received_date: day('2020-08-01'),
    receipt_channel: null, destination: null, purpose: null, verification_status: 'pending', verification_date: null, verifying_agency: null,
    protection: null, child_referral: null, child_referral_date: null, accompanying_minors: null, consent_share: 'yes',
    support_needs: [], notes: 'Chị Hoa, 0912345678', age_at_receipt: 15, ...over,
  };
}

describe('de-identified case list', () => {
  const profile = getProfile('bac-ninh-2017')!;
  const q3 = periodOf(profile, 2020, 3);
  const unit = { code: 'BN-TS', name: 'Thị xã Từ Sơn' };
  const type = supportTypes(profile.law)[0];

  test('consent decides: only `Có` shares the case ID, commune, ethnicity and exact date; an EMPTY consent shares nothing (CNS-01)', () => {
    const [yes, no, empty] = deidentifyCases(unit, [person({ consent_share: 'yes' }), person({ consent_share: 'no', case_id: 'B' }), person({ consent_share: null, case_id: 'C' })], [], profile, q3);
    expect(yes).toMatchObject({ consent: 'Có', case_id: 'BN-TS-2020-0001', commune: 'Phường Đông Ngàn', ethnicity: 'Kinh', received_date: day('2020-08-01') });
    for (const row of [no, empty]) expect(row).toMatchObject({ case_id: null, commune: null, ethnicity: null, received_date: null });
    expect(no.consent).toBe('Không');
    expect(empty.consent).toBe('Chưa rõ');
  });

  test('never for anyone: name, ID number, address, birth date or notes', () => {
    const text = JSON.stringify(deidentifyCases(unit, [person({})], [], profile, q3));
    for (const secret of ['Nguyễn', 'Hoa', '001234567890', 'ngõ', '0912345678']) expect(text).not.toContain(secret);
    expect(deidentifyCases(unit, [person({})], [], profile, q3)[0].age_group).toBe('Dưới 16');
  });

  test('the period end bounds the list: a person received after the quarter is not in it, one received before it is (the registry is cumulative)', () => {
    const rows = deidentifyCases(unit, [
      person({ case_id: 'before', received_date: day('2019-05-01') }),
      person({ case_id: 'last-day', received_date: q3.end }),
      person({ case_id: 'after', received_date: day('2020-10-01') }),
      person({ case_id: 'undated', received_date: null }),
    ], [], profile, q3);
    expect(rows.map((r) => [r.case_id, r.in_period])).toEqual([['before', 'Không'], ['last-day', 'Có']]);
  });

  test('support received counts only support dated inside the period', () => {
    const support = (date: string): SupportRecord => ({ row0: 1, raw: {}, case_id: 'BN-TS-2020-0001', type: type.key, date: day(date), amount: 100, provider: null, notes: null });
    const received = (dates: string[]) => deidentifyCases(unit, [person({})], dates.map(support), profile, q3)[0].support_received;
    expect(received(['2020-08-15'])).toBe(type.vi);
    expect(received(['2020-06-30'])).toBeNull();
    expect(received(['2020-10-01'])).toBeNull();
  });
});
