import type { Profile } from '../domain/schema/profile';
import { ELIGIBILITY_2024, TARGETS_100 } from './law';

/** Two-level government from 1/7/2025: commune units report to the provincial Department of
 *  Health (Sở Y tế), support under Law 53/2024/QH15 and Decree 162/2025/NĐ-CP. Every
 *  commune-level unit of the official list reports (officialList.ts); `BN-P-TS` is kept as an
 *  alias of Phường Từ Sơn (Bắc Ninh, 09367) for workbooks and settings made before the list.
 *  The report period is the data cut-off of Decree 09/2019/NĐ-CP, Art. 12 (15th of the month
 *  before the quarter to the 14th of its last month). */
export const vn2025: Profile = {
  id: 'vn-2025',
  title: 'Báo cáo công tác tiếp nhận, xác định, bảo vệ và hỗ trợ nạn nhân (chính quyền hai cấp, Luật 53/2024/QH15)',
  title_en: 'Victim reception, identification, protection and support report (two-level government, Law 53/2024/QH15)',
  short_title: 'Chính quyền hai cấp',
  short_title_en: 'Two-level government',
  source: 'Luật 53/2024/QH15; Nghị định 162/2025/NĐ-CP',
  province: 'Toàn quốc',
  province_code: 'VN',
  law: 'law-2024',
  level: 'commune',
  department: 'Sở Y tế',
  department_en: 'Department of Health',
  years: { from: 2025, to: 2030 },
  units_sample: false,
  unit_list: 'vn-official',
  units: [{ code: 'BN-P-TS', name: 'Phường Từ Sơn', communes: ['Phường Từ Sơn'], alias_of: '09367' }],
  period: { kind: 'cutoff', start_day: 15, end_day: 14 },
  // Decree 09/2019/NĐ-CP fixes the cut-off (Art. 12: 15th to 14th) and leaves the sending day
  // to whoever issues the report (Art. 8(5)(b): at least one working day after the cut-off).
  // No seed sets it: the 20th of the quarter's last month, itself on time, is our assumption.
  deadline: {
    days_after_period_end: 6,
    note_vi: 'Gửi báo cáo chậm nhất ngày 20 tháng cuối quý (số liệu chốt ngày 14, Nghị định 09/2019/NĐ-CP Điều 12)',
    assumed: true,
    basis: 'Nghị định 09/2019/NĐ-CP: Điều 12 quy định thời gian chốt số liệu; Điều 8 khoản 5 điểm b để cơ quan ban hành chế độ báo cáo định thời hạn gửi. Ngày 20 là giả định.',
  },
  thresholds: { verification_pending_days: 20, child_age: 18, minor_age: 18, max_age: 100 },
  severity_overrides: {},
  support_caps: {},
  support_eligibility: ELIGIBILITY_2024,
  targets: TARGETS_100,
};
