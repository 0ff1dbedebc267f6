import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { PURPOSE, SUPPORT_TYPES_2011 } from '../../src/domain/codes';
import type { RegistryRecord, ReportFigures, SupportRecord } from '../../src/domain/model';
import { buildReport, percent, reportRowDefs } from '../../src/domain/report';
import { reportSheetGrid } from '../../src/domain/reportSheet';
import { RPT_RULES } from '../../src/domain/rules/rpt';
import type { Profile } from '../../src/domain/schema/profile';
import { getProfile } from '../../src/profiles';
import { contextFor, d, metaFor, person, support } from './reportFixtures';

const bacNinh = getProfile('bac-ninh-2017') as Profile;
const vn2025 = getProfile('vn-2025') as Profile;

/** [total, male, female, under16, 16-18, adult, unknown] */
type Row = [number, number, number, number, number, number, number];
const figures = (f: ReportFigures): Row => [f.total, f.male, f.female, f.under16, f.age16to18, f.adult, f.unknown_age];

// Q3 2020 under bac-ninh-2017 = 01/07/2020–30/09/2020. Each person's role in the hand count is
// written next to them.
const registry: RegistryRecord[] = [
  // P1: girl of 14, handed over, identified in the period (sexual exploitation), referred; needs 2.
  person({ case_id: 'P1', sex: 'female', age_at_receipt: 14, receipt_channel: 'handover', received_date: d('2020-07-10'), verification_date: d('2020-07-20'), purpose: 'sexual', child_referral: 'yes', support_needs: ['medical', 'psychological'] }),
  // P2: boy of 16, returned alone, still pending, not referred.
  person({ case_id: 'P2', sex: 'male', age_at_receipt: 16, receipt_channel: 'self_return', received_date: d('2020-08-01'), verification_status: 'pending', verification_date: null, child_referral: 'no', support_needs: ['essential_travel'] }),
  // P3: woman of 30, rescued on the period's last day, found not a victim the same day.
  person({ case_id: 'P3', age_at_receipt: 30, receipt_channel: 'rescued', received_date: d('2020-09-30'), verification_status: 'not_victim', verification_date: d('2020-09-30') }),
  // P4: unknown age, came forward on the first day, identified only after the period: pending at its end.
  person({ case_id: 'P4', age_at_receipt: null, receipt_channel: 'self_report', received_date: d('2020-07-01'), verification_date: d('2020-10-02'), purpose: 'labour' }),
  // P5: foreign woman of 40, identified in the period, purpose blank -> 3.7.
  person({ case_id: 'P5', age_at_receipt: 40, receipt_channel: 'foreign_victim', received_date: d('2020-09-15'), verification_date: d('2020-09-20'), purpose: null }),
  // P6: man of 20 received last quarter, identified in this one (forced labour); needs 2.
  person({ case_id: 'P6', sex: 'male', age_at_receipt: 20, received_date: d('2020-06-30'), verification_date: d('2020-07-05'), purpose: 'labour', support_needs: ['medical', 'legal_aid'] }),
  // P7: received after the period: nowhere.
  person({ case_id: 'P7', age_at_receipt: 17, received_date: d('2020-10-01'), verification_status: 'pending', verification_date: null }),
  // P8: man of 25 received in May, still pending: 2.3 only.
  person({ case_id: 'P8', sex: 'male', received_date: d('2020-05-01'), verification_status: 'pending', verification_date: null }),
  // P9: sex unknown (REG-01): counted nowhere.
  person({ case_id: 'P9', sex: null, age_at_receipt: 20, received_date: d('2020-08-01'), verification_date: d('2020-08-03') }),
  // P10: girl of 17, rescued, identified (unlawful marriage), referred.
  person({ case_id: 'P10', age_at_receipt: 17, receipt_channel: 'rescued', received_date: d('2020-08-10'), verification_date: d('2020-08-20'), purpose: 'marriage', child_referral: 'yes' }),
];

const supportLog: SupportRecord[] = [
  support('P1', 'medical', '2020-07-11', 500_000),
  support('P1', 'medical', '2020-08-11', 300_000), // same person and type: counted once, amounts add
  support('P1', 'essential_travel', '2020-07-10', 1_000_000),
  support('p2 ', 'essential_travel', '2020-08-02', 200_000), // case id matched trimmed, any case
  support('P6', 'medical', '2020-06-30', 100_000), // before the period: not in 4.2, but meets P6's need
  support('ZZ-9', 'medical', '2020-08-01', 900_000), // unknown case (SUP-06): left out
  support('P10', 'medical', '2020-10-05', 50_000), // after the period
  support('P9', 'medical', '2020-08-05', 70_000), // person without a sex: left out
  support('P5', 'legal_aid', '2020-09-16', null), // no amount: counted, 0 đồng
  support('P3', 'essential_travel', '2020-09-29', -5), // invalid amount (SUP-04): person counted, 0 đồng
];

describe('buildReport against a hand count (bac-ninh-2017, Q3 2020)', () => {
  const report = buildReport(registry, supportLog, bacNinh, 2020, 3);
  const row = (code: string): Row => figures(report.counts[code]);

  it('counts persons received in the period by channel, sex and age at receipt', () => {
    expect(row('1')).toEqual([6, 1, 5, 1, 2, 2, 1]);
    expect(row('1.1')).toEqual([2, 1, 1, 1, 1, 0, 0]);
    expect(row('1.1.1')).toEqual([1, 0, 1, 1, 0, 0, 0]);
    expect(row('1.1.2')).toEqual([1, 1, 0, 0, 1, 0, 0]);
    expect(row('1.2')).toEqual([3, 0, 3, 0, 1, 1, 1]);
    expect(row('1.2.1')).toEqual([2, 0, 2, 0, 1, 1, 0]);
    expect(row('1.2.2')).toEqual([1, 0, 1, 0, 0, 0, 1]);
    expect(row('1.3')).toEqual([1, 0, 1, 0, 0, 1, 0]);
  });

  it('counts verification decisions of the period and who is still pending at its end', () => {
    expect(row('2.1')).toEqual([4, 1, 3, 1, 1, 2, 0]);
    expect(row('2.2')).toEqual([1, 0, 1, 0, 0, 1, 0]);
    expect(row('2.3')).toEqual([3, 2, 1, 0, 1, 1, 1]);
  });

  it('splits the identified victims by purpose, blank purpose as Chưa xác định', () => {
    expect(PURPOSE.map((_p, i) => report.counts[`3.${i + 1}`].total)).toEqual([1, 1, 0, 0, 1, 0, 1]);
  });

  it('counts supported persons once per type and sums the valid amounts of the period', () => {
    expect(row('4.1')).toEqual([3, 1, 2, 1, 1, 1, 0]);
    expect(report.counts['4.1'].amount).toBe(1_200_000);
    expect(row('4.2')).toEqual([1, 0, 1, 1, 0, 0, 0]);
    expect(report.counts['4.2'].amount).toBe(800_000);
    expect(row('4.4')).toEqual([1, 0, 1, 0, 0, 1, 0]);
    expect(report.counts['4.4'].amount).toBe(0);
    expect(report.counts['4.3'].total).toBe(0);
    expect(report.counts['4.3'].amount).toBe(0);
    expect(report.counts['1'].amount).toBeNull();
  });

  it('counts persons under 18 received in the period and those referred', () => {
    expect(row('5.1')).toEqual([3, 1, 2, 1, 2, 0, 0]);
    expect(row('5.2')).toEqual([2, 0, 2, 1, 1, 0, 0]);
  });

  it('computes the percentages with one decimal', () => {
    // 6.1, year to date: of the 8 received since 01/01 (P1–P6, P8, P10; P9 has no sex), P1, P3,
    // P5, P6, P10 decided by 30/09 (P4 only in October).
    expect(report.percents['6.1']).toBe(62.5);
    // 6.2: victims identified by 30/09 and received this year with needs: P1 (medical met,
    // psychological not) and P6 (medical met before the period, legal aid not).
    expect(report.percents['6.2']).toBe(50);
    // 6.3, year to date: under 18 received since 01/01 = P1, P2, P10; referred P1, P10.
    expect(report.percents['6.3']).toBe(66.7);
  });

  it('gives — (null), not 0 % or 100 %, when a denominator is empty', () => {
    const empty = buildReport([], [], bacNinh, 2020, 3);
    expect(empty.percents).toEqual({ '6.1': null, '6.2': null, '6.3': null });
    expect(Object.values(empty.counts).every((f) => f.total === 0)).toBe(true);
    expect(percent(0, 4)).toBe(0);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
  });

  it('uses the cut-off period and Law 2024 support rows for vn-2025', () => {
    const rec = [
      person({ case_id: 'A', received_date: d('2025-06-15'), verification_date: d('2025-06-20') }),
      person({ case_id: 'B', received_date: d('2025-06-14'), verification_date: d('2025-06-20') }),
      person({ case_id: 'C', received_date: d('2025-09-15'), verification_date: d('2025-09-16') }),
    ];
    const r = buildReport(rec, [support('A', 'c', '2025-09-14', 100)], vn2025, 2025, 3);
    expect(r.period.start).toEqual(d('2025-06-15'));
    expect(r.counts['1'].total).toBe(1);
    expect(r.counts['2.1'].total).toBe(2);
    expect(r.counts['4.3'].total).toBe(1); // c = Phiên dịch, the third Law 2024 type
    expect(reportRowDefs(vn2025).filter((x) => x.code.startsWith('4.')).map((x) => x.code)).toEqual(
      ['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11'],
    );
  });
});

describe('buildReport: docs/workbook.md definitions', () => {
  it('5.1 leaves out a person under 18 found not to be a victim by the period end, keeps one found later', () => {
    const recs = [
      person({ case_id: 'A', age_at_receipt: 15, received_date: d('2020-07-02'), verification_status: 'not_victim', verification_date: d('2020-08-01') }),
      person({ case_id: 'B', age_at_receipt: 15, received_date: d('2020-07-02'), verification_status: 'not_victim', verification_date: d('2020-10-03') }),
      person({ case_id: 'C', age_at_receipt: 15, received_date: d('2020-07-02'), verification_status: 'pending', verification_date: null, child_referral: 'yes' }),
    ];
    const r = buildReport(recs, [], bacNinh, 2020, 3);
    expect(r.counts['1'].under16).toBe(3); // all three were received
    expect(r.counts['5.1'].total).toBe(2);
    expect(r.counts['5.2'].total).toBe(1);
  });

  it('6.1–6.3 are year to date: earlier quarters of the year count, last year does not', () => {
    const recs = [
      // Q1 2020: a child, referred, identified in March, needs medical (met in February).
      person({ case_id: 'Q1', age_at_receipt: 12, received_date: d('2020-02-01'), verification_date: d('2020-03-01'), child_referral: 'yes', support_needs: ['medical'] }),
      // Q3: a child not referred, still pending.
      person({ case_id: 'Q3', age_at_receipt: 16, received_date: d('2020-08-01'), verification_status: 'pending', verification_date: null, child_referral: 'no' }),
      // 2019: outside the year, whatever its status.
      person({ case_id: 'OLD', age_at_receipt: 10, received_date: d('2019-12-30'), verification_status: 'pending', verification_date: null, child_referral: 'no', support_needs: ['legal_aid'] }),
    ];
    const r = buildReport(recs, [support('Q1', 'medical', '2020-02-02', 100)], bacNinh, 2020, 3);
    expect(r.counts['1'].total).toBe(1);
    expect(r.percents['6.1']).toBe(50); // Q1 decided, Q3 not
    expect(r.percents['6.2']).toBe(100); // Q1's medical need, met; OLD is not this year's
    expect(r.percents['6.3']).toBe(50); // Q1 referred, Q3 not
    // In Q1 the same definitions agree with rows 1, 5.1 and 5.2 of that report.
    const q1 = buildReport(recs, [], bacNinh, 2020, 1);
    expect([q1.counts['1'].total, q1.percents['6.1'], q1.percents['6.3']]).toEqual([1, 100, 100]);
    expect(q1.percents['6.2']).toBe(0);
  });

  it('year to date under a cut-off profile starts at the first period (15/12 of the year before)', () => {
    const recs = [
      person({ case_id: 'A', received_date: d('2024-12-20'), verification_status: 'pending', verification_date: null }),
      person({ case_id: 'B', received_date: d('2024-12-10'), verification_status: 'pending', verification_date: null }),
      person({ case_id: 'C', received_date: d('2025-07-01'), verification_date: d('2025-07-02') }),
    ];
    expect(buildReport(recs, [], vn2025, 2025, 3).percents['6.1']).toBe(50); // A and C; B is last year's
  });

  it('names every row it leaves out, under row 1 or the 4.x row, with the rules that say why', () => {
    const recs = [
      person({ case_id: 'OK', row0: 3 }),
      person({ case_id: 'NOSEX', row0: 4, sex: null, raw: { sex: 'nu' } }),
      person({ case_id: 'NOCH', row0: 5, receipt_channel: null, raw: { receipt_channel: '' } }),
      person({ case_id: 'NODATE', row0: 6, received_date: null, raw: { received_date: '31/02/2020' } }),
      // Received long ago with no sex: this quarter does not need it.
      person({ case_id: 'OLD', row0: 7, sex: null, received_date: d('2018-01-01'), verification_date: d('2018-02-01') }),
    ];
    const sups = [
      { ...support('OK', null, '2020-08-02', 100), row0: 3, raw: { type: 'Y te' } },
      { ...support('OK', 'medical', null, 100), row0: 4, raw: { date: '31/02/2020' } },
      { ...support('ZZ', 'medical', '2020-08-02', 100), row0: 5 },
      { ...support('NOSEX', 'legal_aid', '2020-08-02', 100), row0: 6 },
      { ...support('OK', 'medical', '2020-08-02', -5), row0: 7 },
      { ...support('OK', 'medical', '2019-08-02', null), row0: 8, raw: { type: 'Y te' } }, // another year: not this report's
    ];
    const r = buildReport(recs, sups, bacNinh, 2020, 3);
    const brief = (code: string) => (r.excluded[code] ?? []).map((e) => [e.row, e.rules.join(','), e.part]);
    expect(brief('1')).toEqual([[5, 'REG-02', 'row'], [6, 'REG-01', 'row'], [7, 'REG-03', 'row']]);
    expect(brief('4.1')).toEqual([[4, 'REG-02', 'row']]);
    expect(brief('4.2')).toEqual([[5, 'REG-03', 'row'], [6, 'SUP-06', 'row'], [8, 'SUP-04', 'amount']]);
    expect(brief('4.4')).toEqual([[7, 'REG-02', 'row']]);
    expect(r.excluded['1'].every((e) => e.sheet === 'Sổ theo dõi')).toBe(true);
    expect(r.excluded['4.2'].every((e) => e.sheet === 'Hỗ trợ')).toBe(true);
    expect(buildReport(recs.slice(0, 1), [], bacNinh, 2020, 3).excluded).toEqual({});
  });
});

describe('reportRowDefs', () => {
  it('lists every row of docs/workbook.md in order with RPT-03 children', () => {
    const codes = reportRowDefs(bacNinh).map((r) => r.code);
    expect(codes).toEqual([
      '1', '1.1', '1.1.1', '1.1.2', '1.2', '1.2.1', '1.2.2', '1.3', '2.1', '2.2', '2.3',
      '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7',
      ...SUPPORT_TYPES_2011.map((_t, i) => `4.${i + 1}`),
      '5.1', '5.2', '6.1', '6.2', '6.3', '6.4', '6.5', '7.1', '7.2', '7.3',
    ]);
    const byCode = new Map(reportRowDefs(bacNinh).map((r) => [r.code, r]));
    expect(byCode.get('1')?.children).toEqual(['1.1', '1.2', '1.3']);
    expect(byCode.get('2.1')?.children).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7']);
    expect(byCode.get('4.1')?.label_vi).toContain(SUPPORT_TYPES_2011[0].vi);
    expect(byCode.get('6.1')?.kind).toBe('percent');
    expect(byCode.get('6.4')?.kind).toBe('manual');
    expect(byCode.get('7.2')?.kind).toBe('text');
  });
});

// Random registries: every invariant of docs/workbook.md holds by construction.
// Days from 01/12/2019 to 31/01/2021: around every quarter of 2020, both period ends included.
const day = fc.integer({ min: 0, max: 427 }).map((n) => new Date(Date.UTC(2019, 11, 1) + n * 86_400_000));
const caseIds = fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'c1', 'ZZ', null);
const typeKeys = SUPPORT_TYPES_2011.map((t) => t.key);
const recordArb = fc.record({
  case_id: caseIds,
  sex: fc.constantFrom('male' as const, 'female' as const, null),
  age_at_receipt: fc.option(fc.integer({ min: -1, max: 90 })),
  received_date: fc.option(day),
  receipt_channel: fc.constantFrom('handover', 'self_return', 'rescued', 'self_report', 'foreign_victim', null),
  purpose: fc.constantFrom(...PURPOSE.map((p) => p.key), null),
  verification_status: fc.constantFrom('pending' as const, 'identified' as const, 'not_victim' as const, null),
  verification_date: fc.option(day),
  child_referral: fc.constantFrom('yes' as const, 'no' as const, null),
  support_needs: fc.subarray(typeKeys),
});
const supportArb = fc.record({
  case_id: caseIds,
  type: fc.constantFrom(...typeKeys, null),
  date: fc.option(day.map((x) => x.toISOString().slice(0, 10))),
  amount: fc.option(fc.oneof(fc.integer({ min: -10, max: 5_000_000 }), fc.double({ min: 0, max: 10, noNaN: true }))),
});

describe('buildReport properties', () => {
  it('every count row adds up, parents equal their children, 5.2 ≤ 5.1, and the filled sheet passes RPT', () => {
    const rules = RPT_RULES.filter((r) => r.id !== 'RPT-07');
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 5, maxLength: 60, size: 'max' }), fc.array(supportArb, { maxLength: 60, size: 'max' }), fc.integer({ min: 1, max: 4 }), (recs, sups, quarter) => {
        const registryRecs = recs.map((r, i) => person({ ...r, row0: i + 1 }));
        const supportRecs = sups.map((s, i) => ({ ...support(s.case_id, s.type, s.date, s.amount), row0: i + 1 }));
        const report = buildReport(registryRecs, supportRecs, bacNinh, 2020, quarter);
        // Nobody dropped silently: each person received in the period is in row 1 or named.
        const period = report.period;
        const inQuarter = registryRecs.filter((r) => r.received_date && r.received_date >= period.start && r.received_date <= period.end);
        const named = new Set((report.excluded['1'] ?? []).map((e) => e.row));
        expect(report.counts['1'].total + inQuarter.filter((r) => named.has(r.row0 + 1)).length).toBe(inQuarter.length);
        const supNamed = new Set(Object.keys(report.excluded).filter((c) => c.startsWith('4.')).flatMap((c) => report.excluded[c].filter((e) => e.part === 'row').map((e) => e.row)));
        for (const sup of supportRecs) {
          if (sup.date !== null && (sup.date < period.start || sup.date > period.end)) continue;
          const known = sup.case_id !== null && registryRecs.some((r) => r.case_id?.trim().toLowerCase() === sup.case_id?.trim().toLowerCase());
          if (sup.date === null || sup.type === null || !known) expect(supNamed.has(sup.row0 + 1)).toBe(true);
        }
        for (const [code, f] of Object.entries(report.counts)) {
          expect([code, f.male + f.female]).toEqual([code, f.total]);
          expect([code, f.under16 + f.age16to18 + f.adult + f.unknown_age]).toEqual([code, f.total]);
        }
        for (const def of reportRowDefs(bacNinh)) {
          if (!def.children) continue;
          const parent = figures(report.counts[def.code]);
          const sum = def.children.map((c) => figures(report.counts[c])).reduce((a, b) => a.map((x, i) => x + b[i]) as Row);
          expect([def.code, sum]).toEqual([def.code, parent]);
        }
        const [all, referred] = [figures(report.counts['5.1']), figures(report.counts['5.2'])];
        referred.forEach((x, i) => expect(x).toBeLessThanOrEqual(all[i]));
        // Year to date contains the period; in Q1 they are the same span.
        if (report.counts['5.1'].total > 0) expect(report.percents['6.3']).not.toBeNull();
        if (report.counts['1'].total > 0) expect(report.percents['6.1']).not.toBeNull();
        if (quarter === 1) {
          expect(report.percents['6.3'] === null).toBe(report.counts['5.1'].total === 0);
          expect(report.percents['6.1'] === null).toBe(report.counts['1'].total === 0);
        }
        for (const p of Object.values(report.percents)) if (p !== null) expect(p >= 0 && p <= 100).toBe(true);

        const meta = metaFor(bacNinh, 2020, quarter);
        const ctx = contextFor(bacNinh, meta, registryRecs, supportRecs, report, reportSheetGrid(bacNinh, meta, report));
        const findings = rules.flatMap((r) => r.check(ctx));
        expect(findings).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('6.1 verified year to date: an undated decision counts as made (VER-01 flags the missing date)', () => {
  // Rule: a person identified or found not a victim counts as verified at the period's end even
  // when the decision date is blank; only a decision dated after the period's last day is pending.
  it('counts an identified and a not-victim decision without a date as verified, a pending one not', () => {
    const people = [
      person({ case_id: 'U1', received_date: d('2020-07-10'), verification_status: 'identified', verification_date: null }),
      person({ case_id: 'U2', received_date: d('2020-08-10'), verification_status: 'not_victim', verification_date: null }),
      person({ case_id: 'U3', received_date: d('2020-08-11'), verification_status: 'pending', verification_date: null }),
      person({ case_id: 'U4', received_date: d('2020-08-12'), verification_status: 'identified', verification_date: d('2020-10-01') }),
    ];
    const report = buildReport(people, [], bacNinh, 2020, 3);
    expect(report.ratios?.['6.1']).toEqual([2, 4]);
    expect(report.percents['6.1']).toBe(percent(2, 4));
  });
});

describe('report row labels: the words docs/workbook.md gives (Vietnamese on the sheet, English in the pane)', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/workbook.md'), 'utf8').split('\n');
  /** [code, vi, en] of the table whose header row starts with `header`. */
  const table = (header: string): string[][] => {
    const at = doc.findIndex((l) => l.startsWith(header));
    expect(at).toBeGreaterThanOrEqual(0);
    const rows: string[][] = [];
    for (let i = at + 2; i < doc.length && doc[i].startsWith('|'); i++) rows.push(doc[i].split('|').slice(1, -1).map((c) => c.trim()));
    return rows;
  };
  const labels = (profile: Profile) => reportRowDefs(profile).map((r) => [r.code, r.label_vi, r.label_en]);

  it('a district on Law 2011 (bac-ninh-2017): every row, in order', () => {
    expect(bacNinh.level).toBe('district');
    expect(labels(bacNinh)).toEqual(table('| Mã | Chỉ tiêu | English |'));
  });

  it('a commune on Law 53/2024 (vn-2025): Law 2024 support rows and 6.4 counting villages, the rest as a district', () => {
    expect(vn2025.level).toBe('commune');
    const district = table('| Mã | Chỉ tiêu | English |');
    const commune = table('| Mã (`vn-2025`) | Chỉ tiêu | English |');
    const expected = [
      ...district.filter(([code]) => code < '4' && !code.startsWith('4.')),
      ...commune.filter(([code]) => code.startsWith('4.')),
      ...district.filter(([code]) => code >= '5' && code !== '6.4'),
    ];
    expected.splice(expected.findIndex(([code]) => code === '6.5'), 0, commune.find(([code]) => code === '6.4')!);
    expect(labels(vn2025)).toEqual(expected);
  });
});

describe('buildReport: boundaries a one-character slip would move', () => {
  const q3 = (over: Partial<RegistryRecord>) => person({ received_date: d('2020-08-01'), verification_date: d('2020-08-02'), ...over });

  it('age groups at receipt: 0 and 15 under 16, 16 and 17 in 16–18, 18 adult, a negative age unknown; 5.1 takes 0 to 17 only', () => {
    const ages = [-1, 0, 15, 16, 17, 18];
    const r = buildReport(ages.map((age, i) => q3({ case_id: `A${i}`, age_at_receipt: age })), [], bacNinh, 2020, 3);
    expect(figures(r.counts['1'])).toEqual([6, 0, 6, 2, 2, 1, 1]);
    expect(figures(r.counts['5.1'])).toEqual([4, 0, 4, 2, 2, 0, 0]);
  });

  it('5.1 leaves out a minor found not to be a victim without a decision date (VER-01: counts as decided)', () => {
    const r = buildReport([q3({ age_at_receipt: 12, verification_status: 'not_victim', verification_date: null })], [], bacNinh, 2020, 3);
    expect(r.counts['1'].total).toBe(1);
    expect(r.counts['5.1'].total).toBe(0);
  });

  it('2.1 and 2.2 count decisions only: a pending status with a date in the period is in neither', () => {
    const r = buildReport([q3({ verification_status: 'pending' }), q3({ case_id: 'N', verification_status: 'not_victim' })], [], bacNinh, 2020, 3);
    expect([r.counts['2.1'].total, r.counts['2.2'].total]).toEqual([0, 1]);
  });

  it('2.3 pending at the end: pending, or identified or not a victim after the end; not undated decisions, not a blank status', () => {
    const after = d('2020-10-01');
    const r = buildReport(
      [
        q3({ case_id: 'P', verification_status: 'pending', verification_date: null }),
        q3({ case_id: 'I', verification_status: 'identified', verification_date: after }),
        q3({ case_id: 'N', verification_status: 'not_victim', verification_date: after }),
        q3({ case_id: 'U', verification_status: 'identified', verification_date: null }),
        q3({ case_id: 'B', verification_status: null, verification_date: after }),
        q3({ case_id: 'D', verification_status: 'identified', verification_date: d('2020-09-30') }),
      ],
      [],
      bacNinh,
      2020,
      3,
    );
    expect(r.counts['2.3'].total).toBe(3);
  });

  it('6.2 counts the needs of identified victims only, met by support dated by the period’s end', () => {
    const people = [
      q3({ case_id: 'V', support_needs: ['medical', 'legal_aid'] }),
      q3({ case_id: 'P', verification_status: 'pending', verification_date: null, support_needs: ['medical'] }),
      q3({ case_id: 'N', verification_status: 'not_victim', support_needs: ['medical'] }),
      q3({ case_id: 'L', verification_date: d('2020-10-03'), support_needs: ['medical'] }),
    ];
    const log = [support('V', 'medical', '2020-09-30', null), support('V', 'legal_aid', '2020-10-01', null), support('P', 'medical', '2020-08-03', null), support('N', 'medical', '2020-08-03', null)];
    const r = buildReport(people, log, bacNinh, 2020, 3);
    expect(r.ratios?.['6.2']).toEqual([1, 2]);
  });

  it('names a row without a sex whenever this report would have counted it, and only then', () => {
    const noSex = (case_id: string, over: Partial<RegistryRecord>) => person({ case_id, sex: null, raw: { sex: '' }, ...over });
    const recs = [
      noSex('YTD', { row0: 1, received_date: d('2020-02-01'), verification_date: d('2020-02-10') }), // 6.1's year to date
      noSex('DECIDED', { row0: 2, received_date: d('2019-05-01'), verification_date: d('2020-08-10') }), // 2.1
      noSex('PENDING', { row0: 3, received_date: d('2019-05-01'), verification_status: 'pending', verification_date: null }), // 2.3
      noSex('LATE', { row0: 4, received_date: d('2019-05-01'), verification_date: d('2020-10-05') }), // 2.3: decided after the end
      noSex('UNDATED', { row0: 5, received_date: null, raw: { sex: '', received_date: '' }, verification_status: 'pending', verification_date: null }),
      noSex('DONE', { row0: 6, received_date: d('2019-05-01'), verification_date: d('2019-06-01') }), // nothing this quarter
      noSex('FUTURE', { row0: 7, received_date: d('2020-10-02'), verification_status: 'pending', verification_date: null }), // next quarter
    ];
    const r = buildReport(recs, [], bacNinh, 2020, 3);
    expect((r.excluded['1'] ?? []).map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
  });
});
