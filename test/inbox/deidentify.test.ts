import { periodOf } from '../../src/domain/period';
import type { RegistryRecord, SupportRecord } from '../../src/domain/model';
import { supportTypes } from '../../src/domain/codes';
import * as fs from 'fs';
import * as path from 'path';
import { CASE_COLUMNS, caseRowValues, deidentifyCases } from '../../src/inbox/deidentify';
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

  /** A person with every field the case list can carry filled in. */
  const full = (over: Partial<RegistryRecord> = {}) =>
    person({
      receipt_channel: 'rescued', destination: { key: 'CN', vi: 'Trung Quốc', en: 'China' } as RegistryRecord['destination'], purpose: 'labour',
      verification_status: 'identified', protection: 'protected', child_referral: 'yes', support_needs: ['medical', 'essential_travel'], ...over,
    });

  test('every shared field is the code list’s Vietnamese label, the month as mm/yyyy, the support needs in the law’s order', () => {
    const [row] = deidentifyCases(unit, [full()], [], profile, q3);
    expect(row).toEqual({
      unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', sex: 'Nữ', age_group: 'Dưới 16', nationality: 'Việt Nam', received_month: '08/2020',
      receipt_channel: 'Được giải cứu', destination: 'Trung Quốc', purpose: 'Cưỡng bức lao động', verification_status: 'Đã xác định là nạn nhân',
      protection: 'Có nhu cầu - đã bảo vệ', child_referral: 'Có',
      // The law's list order (essential needs first), not the order typed.
      support_needs: 'Nhu cầu thiết yếu và chi phí đi lại; Y tế',
      support_received: null, in_period: 'Có', consent: 'Có', case_id: 'BN-TS-2020-0001', commune: 'Phường Đông Ngàn', ethnicity: 'Kinh', received_date: day('2020-08-01'),
    });
    // Two-digit months stay as they are; one-digit months get their zero.
    const month = (iso: string) => deidentifyCases(unit, [full({ received_date: day(iso) })], [], profile, q3)[0].received_month;
    expect([month('2019-10-05'), month('2019-09-30'), month('2019-12-01'), month('2020-01-31')]).toEqual(['10/2019', '09/2019', '12/2019', '01/2020']);
    // Unknown or unfilled codes are left empty, never guessed; a person with no need has none listed.
    const [bare] = deidentifyCases(unit, [person({ sex: null, nationality: null, purpose: 'unknown-key', support_needs: [] })], [], profile, q3);
    expect(bare).toMatchObject({ sex: null, nationality: null, purpose: null, receipt_channel: null, destination: null, protection: null, child_referral: null, support_needs: null });
  });

  test('the first day of the period counts as received in it, the day before does not', () => {
    const rows = deidentifyCases(unit, [person({ case_id: 'first', received_date: q3.start }), person({ case_id: 'eve', received_date: new Date(q3.start.getTime() - 86_400_000) })], [], profile, q3);
    expect(rows.map((r) => [r.case_id, r.in_period])).toEqual([['first', 'Có'], ['eve', 'Không']]);
  });

  test('the columns marked "with consent only" are exactly those a row without consent leaves empty, and the row cells follow the columns', () => {
    const given: SupportRecord = { row0: 1, raw: {}, case_id: 'BN-TS-2020-0001', type: type.key, date: day('2020-08-02'), amount: null, provider: null, notes: null };
    const [yes, no] = deidentifyCases(unit, [full(), full({ consent_share: 'no' })], [given], profile, q3);
    const consentOnly = CASE_COLUMNS.filter((c) => c.consentOnly).map((c) => c.key);
    expect(CASE_COLUMNS.filter((c) => no[c.key] === null).map((c) => c.key)).toEqual(consentOnly);
    expect(CASE_COLUMNS.filter((c) => yes[c.key] === null).map((c) => c.key)).toEqual([]);
    expect(caseRowValues(yes)).toEqual(CASE_COLUMNS.map((c) => yes[c.key]));
    expect(caseRowValues(no).slice(-4)).toEqual([null, null, null, null]);
  });

  test('the case list’s columns are the ones docs/data-protection.md lists for provincial staff, in order', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'data-protection.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Danh sách ca của sổ tổng hợp'));
    const rows = [...section.matchAll(/^\| ([^|]+?) \| ([^|]+?) \| (mọi dòng · every row|chỉ khi đồng ý · with consent only) \|$/gm)].map((m) => [m[1], m[2], m[3].startsWith('chỉ')]);
    expect(rows).toEqual(CASE_COLUMNS.map((c) => [c.header_vi, c.header_en, Boolean(c.consentOnly)]));
  });

  test('support received counts only support dated inside the period', () => {
    const support = (date: string): SupportRecord => ({ row0: 1, raw: {}, case_id: 'BN-TS-2020-0001', type: type.key, date: day(date), amount: 100, provider: null, notes: null });
    const received = (dates: string[]) => deidentifyCases(unit, [person({})], dates.map(support), profile, q3)[0].support_received;
    expect(received(['2020-08-15'])).toBe(type.vi);
    expect(received(['2020-06-30'])).toBeNull();
    expect(received(['2020-10-01'])).toBeNull();
    // Both ends of the period count.
    expect(received([q3.start.toISOString().slice(0, 10)])).toBe(type.vi);
    expect(received([q3.end.toISOString().slice(0, 10)])).toBe(type.vi);
    // Several types in the law's order, each once; another person's support is not theirs.
    const types = supportTypes(profile.law);
    const rows: SupportRecord[] = [
      { row0: 1, raw: {}, case_id: 'BN-TS-2020-0001', type: types[2].key, date: day('2020-08-02'), amount: null, provider: null, notes: null },
      { row0: 2, raw: {}, case_id: 'BN-TS-2020-0001', type: types[0].key, date: day('2020-08-03'), amount: null, provider: null, notes: null },
      { row0: 3, raw: {}, case_id: 'BN-TS-2020-0001', type: types[2].key, date: day('2020-09-03'), amount: null, provider: null, notes: null },
      { row0: 4, raw: {}, case_id: 'other', type: types[1].key, date: day('2020-08-03'), amount: null, provider: null, notes: null },
    ];
    expect(deidentifyCases(unit, [person({})], rows, profile, q3)[0].support_received).toBe(`${types[0].vi}; ${types[2].vi}`);
    // A support row without a case ID, a type or a date counts for no one.
    const broken: SupportRecord[] = [
      { row0: 1, raw: {}, case_id: null, type: types[1].key, date: day('2020-08-02'), amount: null, provider: null, notes: null },
      { row0: 2, raw: {}, case_id: 'BN-TS-2020-0001', type: null, date: day('2020-08-02'), amount: null, provider: null, notes: null },
      { row0: 3, raw: {}, case_id: 'BN-TS-2020-0001', type: types[3].key, date: null, amount: null, provider: null, notes: null },
    ];
    expect(deidentifyCases(unit, [person({})], broken, profile, q3)[0].support_received).toBeNull();
    // A person without a case ID cannot be matched to support at all.
    expect(deidentifyCases(unit, [person({ case_id: null })], rows, profile, q3)[0].support_received).toBeNull();
  });
});
