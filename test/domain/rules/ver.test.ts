import '../../../src/profiles/officialAll';
import { checkWorkbook } from '../../../src/domain/check';
import { buildWorkbook, findingsOf, utc } from '../helpers';

describe('VER-01 decision without date or agency', () => {
  it('fires at the empty verification date and at the empty agency', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'verification_date', null);
    wb.setRegistry(1, 'verification_status', 'Không phải nạn nhân');
    wb.setRegistry(1, 'verifying_agency', '');
    const f = findingsOf(wb, 'VER-01');
    expect(f.map((x) => [x.cell, x.field])).toEqual([
      [wb.registryAddress(0, 'verification_date'), 'verification_date'],
      [wb.registryAddress(1, 'verifying_agency'), 'verifying_agency'],
    ]);
    expect(f[1].message_vi).toContain('Không phải nạn nhân');
  });

  it('does not fire for a pending case without date or agency', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'verification_status', 'Chờ xác minh');
    wb.setRegistry(0, 'verification_date', null);
    wb.setRegistry(0, 'verifying_agency', null);
    expect(findingsOf(wb, 'VER-01')).toEqual([]);
  });
});

describe('VER-02 verification before receipt', () => {
  it('fires at the verification date', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'verification_date', '30/06/2020');
    const [f] = findingsOf(wb, 'VER-02');
    expect(f).toMatchObject({ cell: wb.registryAddress(0, 'verification_date'), value: '30/06/2020' });
    expect(f.message_vi).toContain('01/07/2020');
  });
  it('does not fire when verified on the day received', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'verification_date', wb.getRegistry(0, 'received_date'));
    expect(findingsOf(wb, 'VER-02')).toEqual([]);
  });
});

describe('VER-03 pending too long', () => {
  function pending(receivedDay: Date) {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'verification_status', 'Chờ xác minh');
    wb.setRegistry(0, 'verification_date', null);
    wb.setRegistry(0, 'verifying_agency', null);
    wb.setRegistry(0, 'received_date', receivedDay);
    return wb;
  }
  it('fires after 20 days pending at the check date', () => {
    const wb = pending(utc(2020, 9, 19)); // 21 days before 10/10/2020
    const [f] = findingsOf(wb, 'VER-03');
    expect(f).toMatchObject({ severity: 'warning', cell: wb.registryAddress(0, 'verification_status') });
    expect(f.message_vi).toContain('21 ngày');
  });
  it('does not fire at exactly 20 days, and follows the profile threshold', () => {
    const wb = pending(utc(2020, 9, 20));
    expect(findingsOf(wb, 'VER-03')).toEqual([]);
    const profile = { ...wb.profile, thresholds: { ...wb.profile.thresholds, verification_pending_days: 10 } };
    expect(checkWorkbook(wb.model, { today: wb.today, profile }).findings.filter((x) => x.rule === 'VER-03')).toHaveLength(1);
  });
});

describe('VER-04 received in the period, pending at its end', () => {
  it('fires (info) for a pending case received in the period and for one decided after the period end', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'verification_status', 'Chờ xác minh');
    wb.setRegistry(0, 'verification_date', null);
    wb.setRegistry(0, 'verifying_agency', null);
    wb.setRegistry(1, 'verification_date', utc(2020, 10, 2));
    const f = findingsOf(wb, 'VER-04');
    expect(f.map((x) => [x.cell, x.severity])).toEqual([
      [wb.registryAddress(0, 'verification_status'), 'info'],
      [wb.registryAddress(1, 'verification_status'), 'info'],
    ]);
    expect(f[0].message_vi).toContain('30/09/2020');
  });

  it('does not fire for a case received before the period, and uses the cut-off period of vn-2025', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'received_date', utc(2020, 6, 20));
    wb.setRegistry(0, 'verification_status', 'Chờ xác minh');
    wb.setRegistry(0, 'verification_date', null);
    wb.setRegistry(0, 'verifying_agency', null);
    expect(findingsOf(wb, 'VER-04')).toEqual([]);
    // vn-2025 Q3 2025 runs 15/06–14/09/2025: 10/09 is inside, 16/09 outside
    const cut = buildWorkbook({ rows: 2, profileId: 'vn-2025', year: 2025 });
    for (const i of [0, 1]) {
      cut.setRegistry(i, 'verification_status', 'Chờ xác minh');
      cut.setRegistry(i, 'verification_date', null);
      cut.setRegistry(i, 'verifying_agency', null);
    }
    cut.setRegistry(0, 'received_date', utc(2025, 9, 10));
    cut.setRegistry(1, 'received_date', utc(2025, 9, 16));
    expect(findingsOf(cut, 'VER-04').map((x) => x.row)).toEqual([cut.registryRow0(0) + 1]);
  });
});
