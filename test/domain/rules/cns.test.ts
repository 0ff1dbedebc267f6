import { buildWorkbook, findingsOf } from '../helpers';

describe('CNS-01 consent empty', () => {
  it('warns at the empty consent cell (the row leaves de-identified only)', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'consent_share', ' ');
    const [f] = findingsOf(wb, 'CNS-01');
    expect(f).toMatchObject({ severity: 'warning', cell: wb.registryAddress(0, 'consent_share'), field: 'consent_share' });
    expect(f.message_vi).toContain('ẩn danh');
  });
  it('does not fire for "Có" or "Không"', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(1, 'consent_share', 'Không');
    expect(findingsOf(wb, 'CNS-01')).toEqual([]);
  });
});
