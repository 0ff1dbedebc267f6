import type { Finding } from '../../../src/domain/finding';
import { parseWorkbook } from '../../../src/domain/parse';
import { buildReport } from '../../../src/domain/report';
import { SUP_RULES, needTypes } from '../../../src/domain/rules/sup';
import type { Profile } from '../../../src/domain/schema/profile';
import { buildWorkbook, checkTest, findingsOf, type TestWorkbook } from '../helpers';

const DAY = 86_400_000;

/** Runs the SUP rules on a test workbook (optionally under a changed profile). */
function sup(wb: TestWorkbook, profile?: Profile): Finding[] {
  const parsed = parseWorkbook(wb.model, profile);
  const p = profile ?? wb.profile;
  const meta = parsed.meta!;
  const report = buildReport(parsed.registry.records, parsed.support.records, p, meta.year, meta.quarter);
  return SUP_RULES.flatMap((rule) => rule.check({ parsed, profile: p, unit: parsed.unit, options: { today: wb.today }, report }));
}

const of = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
const cells = (findings: Finding[], rule: string) => of(findings, rule).map((f) => f.cell);
const received = (wb: TestWorkbook, i: number) => wb.getRegistry(i, 'received_date') as Date;
const verified = (wb: TestWorkbook, i: number) => wb.getRegistry(i, 'verification_date') as Date;

describe('SUP rules', () => {
  it('find nothing in a clean workbook', () => {
    expect(sup(buildWorkbook({ rows: 5 }))).toEqual([]);
  });

  it('SUP-01: support dated before the person was received, at the support date', () => {
    const wb = buildWorkbook();
    wb.setSupport(1, 'date', new Date(received(wb, 1).getTime() - DAY));
    wb.setSupport(2, 'date', received(wb, 2)); // the same day is fine
    const f = sup(wb);
    expect(cells(f, 'SUP-01')).toEqual([wb.supportAddress(1, 'date')]);
    expect(of(f, 'SUP-01')[0]).toMatchObject({ severity: 'error', sheet: 'Hỗ trợ', field: 'date' });
    expect(of(f, 'SUP-01')[0].message_vi).toContain('trước ngày tiếp nhận');
  });

  it('SUP-02: education for a person still awaiting verification (Law 2011, Decree 09/2013 Art. 23)', () => {
    const wb = buildWorkbook();
    wb.setRegistry(0, 'verification_status', 'Chờ xác minh');
    wb.setRegistry(0, 'verification_date', null);
    wb.setRegistry(0, 'verifying_agency', null);
    wb.setSupport(0, 'type', 'Học văn hóa, học nghề');
    expect(cells(sup(wb), 'SUP-02')).toEqual([wb.supportAddress(0, 'type')]);
    wb.setSupport(0, 'type', 'Y tế'); // medical care is open to them
    expect(of(sup(wb), 'SUP-02')).toEqual([]);
    wb.setSupport(0, 'type', 'Học văn hóa, học nghề');
    wb.setRegistry(0, 'verification_status', 'Đã xác định là nạn nhân');
    wb.setRegistry(0, 'verification_date', new Date(received(wb, 0).getTime() + 5 * DAY));
    wb.setRegistry(0, 'verifying_agency', 'Công an');
    expect(of(sup(wb), 'SUP-02')).toEqual([]); // identified victims may have every type
  });

  it('SUP-02: a person found not to be a victim may be supported up to the verification date only', () => {
    const wb = buildWorkbook();
    wb.setRegistry(0, 'verification_status', 'Không phải nạn nhân');
    const onDecision = wb.addSupportRow({ case_id: wb.getRegistry(0, 'case_id'), type: 'Y tế', date: verified(wb, 0), amount: 0 });
    const after = wb.addSupportRow({ case_id: wb.getRegistry(0, 'case_id'), type: 'Y tế', date: new Date(verified(wb, 0).getTime() + DAY), amount: 0 });
    const f = sup(wb);
    expect(cells(f, 'SUP-02')).toEqual([wb.supportAddress(after, 'type')]);
    expect(cells(f, 'SUP-02')).not.toContain(wb.supportAddress(onDecision, 'type'));
    expect(of(f, 'SUP-02')[0].message_vi).toContain('không phải nạn nhân');
  });

  it('SUP-02: foreign victims under Law 2024 Art. 37 get a, b, c, d, đ, g only', () => {
    const wb = buildWorkbook({ profileId: 'vn-2025' });
    wb.setRegistry(0, 'receipt_channel', 'Người nước ngoài bị mua bán tại địa phương');
    wb.setRegistry(0, 'nationality', 'Trung Quốc');
    wb.setRegistry(0, 'destination', 'Trong nước');
    wb.setSupport(0, 'type', 'Học văn hóa'); // h
    expect(cells(sup(wb), 'SUP-02')).toEqual([wb.supportAddress(0, 'type')]);
    wb.setSupport(0, 'type', 'Phiên dịch'); // c
    expect(of(sup(wb), 'SUP-02')).toEqual([]);
    wb.setSupport(1, 'type', 'Học văn hóa'); // a Vietnamese identified victim: open
    expect(of(sup(wb), 'SUP-02')).toEqual([]);
  });

  it('SUP-03: a stated need with no support of that type, at the needs cell', () => {
    const wb = buildWorkbook();
    wb.setRegistry(1, 'support_needs', 'Y tế; Tâm lý');
    const f = sup(wb);
    expect(cells(f, 'SUP-03')).toEqual([wb.registryAddress(1, 'support_needs')]);
    expect(of(f, 'SUP-03')[0]).toMatchObject({ severity: 'warning', sheet: 'Sổ theo dõi' });
    expect(of(f, 'SUP-03')[0].message_vi).toContain('Tâm lý');
    expect(of(f, 'SUP-03')[0].message_vi).not.toContain('"Y tế"');
    wb.addSupportRow({ case_id: wb.getRegistry(1, 'case_id'), type: 'Tâm lý', date: received(wb, 1), amount: 0 });
    expect(of(sup(wb), 'SUP-03')).toEqual([]);
  });

  it('needTypes: the register offers a foreign victim under Law 2024 Art. 37 only a, b, c, d, đ, g; SUP-03 says to drop any other need', () => {
    const wb = buildWorkbook({ profileId: 'vn-2025', unitCode: '22366', year: 2026, quarter: 3 });
    expect(needTypes(wb.profile, { receipt_channel: 'foreign_victim' }).map((t) => t.key)).toEqual(['a', 'b', 'c', 'd', 'dd', 'g']);
    expect(needTypes(wb.profile, { receipt_channel: 'handover' }).map((t) => t.key)).toEqual(['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'k_loan']);
    wb.setRegistry(0, 'receipt_channel', 'Người nước ngoài bị mua bán tại địa phương');
    wb.setRegistry(0, 'nationality', 'Lào');
    wb.setRegistry(0, 'destination', 'Trong nước');
    wb.setRegistry(0, 'support_needs', 'Y tế; Chi phí đi lại');
    const [f] = of(sup(wb), 'SUP-03');
    expect(f.cell).toBe(wb.registryAddress(0, 'support_needs'));
    expect(f.message_vi).toContain('"Chi phí đi lại" không dành cho người nước ngoài');
    expect(f.message_vi).toContain('hãy bỏ khỏi "Nhu cầu hỗ trợ"');
    expect(f.message_vi).not.toContain('"Y tế"');
  });

  it('SUP-04: negative or fractional amounts, at the amount cell (text that is no number is REG-03)', () => {
    const wb = buildWorkbook({ rows: 5 });
    wb.setSupport(0, 'amount', -5);
    wb.setSupport(1, 'amount', 1.5);
    wb.setSupport(2, 'amount', 'năm trăm nghìn');
    wb.setSupport(3, 'amount', '1.500.000'); // Vietnamese thousands: fine
    wb.setSupport(4, 'amount', null); // optional
    expect(cells(sup(wb), 'SUP-04')).toEqual([0, 1].map((i) => wb.supportAddress(i, 'amount')));
    expect(findingsOf(wb, 'REG-03').map((f) => f.cell)).toEqual([wb.supportAddress(2, 'amount')]);
  });

  it("SUP-05: amounts above the profile's cap for the type, none without caps", () => {
    const wb = buildWorkbook();
    expect(of(sup(wb), 'SUP-05')).toEqual([]);
    const capped: Profile = { ...wb.profile, support_caps: { medical: 400_000 } };
    wb.setSupport(1, 'amount', 400_000);
    const f = sup(wb, capped);
    expect(cells(f, 'SUP-05')).toEqual([wb.supportAddress(0, 'amount'), wb.supportAddress(2, 'amount')]);
    expect(of(f, 'SUP-05')[0].severity).toBe('warning');
  });

  it('SUP-06: a support row whose case ID is not in the registry', () => {
    const wb = buildWorkbook();
    wb.setSupport(0, 'case_id', 'BN-TS-2020-9999');
    wb.setSupport(1, 'case_id', ` ${String(wb.getRegistry(1, 'case_id')).toLowerCase()} `); // same case
    const f = sup(wb);
    expect(cells(f, 'SUP-06')).toEqual([wb.supportAddress(0, 'case_id')]);
    expect(of(f, 'SUP-06')[0].value).toBe('BN-TS-2020-9999');
    // An unknown case is SUP-06's alone: no SUP-01/02 guesses about a person who is not there.
    expect(f.filter((x) => x.sheet === 'Hỗ trợ' && x.row === of(f, 'SUP-06')[0].row).map((x) => x.rule)).toEqual(['SUP-06']);
    // The registry person it was meant for now has an unmet need.
    expect(cells(f, 'SUP-03')).toEqual([wb.registryAddress(0, 'support_needs')]);
  });
});

describe('support log fields (REG-01..04 on sheet Hỗ trợ, through checkWorkbook)', () => {
  const fields = (wb: TestWorkbook, rule: 'REG-01' | 'REG-02' | 'REG-03' | 'REG-04') => findingsOf(wb, rule).filter((f) => f.sheet === 'Hỗ trợ');

  it('find nothing in a clean support log', () => {
    const wb = buildWorkbook({ rows: 4 });
    for (const rule of ['REG-01', 'REG-02', 'REG-03', 'REG-04'] as const) expect(fields(wb, rule)).toEqual([]);
  });

  it('flag an empty required cell, an unknown type with its suggestion, a bad date and a future date', () => {
    const wb = buildWorkbook({ rows: 4 });
    wb.setSupport(0, 'case_id', null);
    wb.setSupport(1, 'type', 'Y te');
    wb.setSupport(2, 'date', '31/02/2020');
    wb.setSupport(3, 'date', new Date(wb.today.getTime() + DAY));
    expect(fields(wb, 'REG-01').map((f) => f.cell)).toEqual([wb.supportAddress(0, 'case_id')]);
    const reg02 = fields(wb, 'REG-02');
    expect(reg02.map((f) => [f.cell, f.sheet])).toEqual([[wb.supportAddress(1, 'type'), 'Hỗ trợ']]);
    expect(reg02[0].message_vi).toContain('"Y tế"');
    expect(fields(wb, 'REG-03').map((f) => f.cell)).toEqual([wb.supportAddress(2, 'date')]);
    expect(fields(wb, 'REG-04').map((f) => f.cell)).toEqual([wb.supportAddress(3, 'date')]);
  });

  it('every field at its own cell: an empty type and an empty date on one row give two REG-01s', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setSupport(1, 'type', null);
    wb.setSupport(1, 'date', '  ');
    expect(fields(wb, 'REG-01').map((f) => f.cell)).toEqual([wb.supportAddress(1, 'type'), wb.supportAddress(1, 'date')]);
  });

  it('a bad date, a bad amount and a future date are errors that block submission, and name the cell', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setSupport(0, 'date', '13/13/2020');
    wb.setSupport(1, 'amount', 'một triệu');
    wb.setSupport(2, 'date', new Date(wb.today.getTime() + 2 * DAY));
    const f = checkTest(wb).filter((x) => x.sheet === 'Hỗ trợ' && x.rule.startsWith('REG-'));
    expect(f.map((x) => [x.rule, x.cell, x.severity])).toEqual([
      ['REG-03', wb.supportAddress(0, 'date'), 'error'],
      ['REG-03', wb.supportAddress(1, 'amount'), 'error'],
      ['REG-04', wb.supportAddress(2, 'date'), 'error'],
    ]);
    expect(f[1].message_vi).toContain(`Ô ${wb.supportAddress(1, 'amount')}`);
  });

  it('valid support values give no support-log REG finding (Vietnamese thousands with đ, a date on the check date)', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setSupport(0, 'amount', '1.500.000 đ');
    wb.setSupport(1, 'date', wb.today);
    expect(checkTest(wb).filter((x) => x.sheet === 'Hỗ trợ')).toEqual([]);
  });
});
