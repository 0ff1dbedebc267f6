import '../../src/profiles/officialAll';
import { checkWorkbook } from '../../src/domain/check';
import { judgeBytes } from '../../src/inbox/judge';
import { findUnit, getProfile } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { sampleWorkbook } from './helpers';

/** One name per plan in the messages a person reads: words (unit and plan names) first, codes after. */
const vn = getProfile('vn-2025')!;

test("another unit's workbook: the refusal names both units and the other plan by name, ids after", async () => {
  const body = await sampleWorkbook({ profile: 'bac-ninh-2017', unit: 'BN-TD', year: 2020, quarter: 1, rows: 3 });
  const out = await judgeBytes({ body, unitCode: '22366', profile: vn, receivedAt: '2026-12-05T03:00:00Z', maxBytes: 20e6, displayName: 'x.xlsx' });
  expect(out).toMatchObject({ ok: false, status: 403 });
  if (out.ok) return;
  expect(out.message_vi).toMatch(/^Sổ này là của Huyện Tiên Du \(BN-TD\), kế hoạch Bắc Ninh 2017–2020 \(bac-ninh-2017\), không phải của Phường Nha Trang \(22366\)/);
  expect(out.message_en).toMatch(/^This workbook belongs to Huyện Tiên Du \(BN-TD\), plan Bắc Ninh 2017–2020 \(bac-ninh-2017\), not to Phường Nha Trang \(22366\)/);
});

test('FMT-07 names the plan by its short name, not its id', async () => {
  const wb = await readWorkbookBuffer(await sampleWorkbook({ profile: 'vn-2025', unit: '22366', year: 2031, quarter: 1, rows: 2 }));
  const f = checkWorkbook(wb, { today: new Date('2031-06-01T00:00:00Z') }).findings.find((x) => x.rule === 'FMT-07');
  expect(f?.message_vi).toBe('Sổ năm 2031 nằm ngoài các năm của kế hoạch Chính quyền hai cấp 2025–2030: kiểm tra lại năm hoặc chọn kế hoạch khác.');
  expect(f?.message_en).toContain('plan Two-level government 2025–2030');
  expect(findUnit(vn, '22366')?.name).toBe('Phường Nha Trang');
});
