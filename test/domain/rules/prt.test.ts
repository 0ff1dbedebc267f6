import { buildWorkbook, findingsOf } from '../helpers';

describe('PRT-01 needs protection, not protected', () => {
  it('warns at the protection cell', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(1, 'protection', 'Có nhu cầu - chưa bảo vệ');
    const [f] = findingsOf(wb, 'PRT-01');
    expect(f).toMatchObject({ severity: 'warning', cell: wb.registryAddress(1, 'protection'), value: 'Có nhu cầu - chưa bảo vệ' });
    expect(f.message_en).toContain('needs safety protection');
  });
  it('does not fire when protected or without need', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'protection', 'Có nhu cầu - đã bảo vệ');
    expect(findingsOf(wb, 'PRT-01')).toEqual([]);
  });
});
