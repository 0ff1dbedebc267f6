import type { Profile } from '../domain/schema/profile';
import { ELIGIBILITY_2011, TARGETS_100 } from './law';

/** Seed 001: Kế hoạch hỗ trợ nạn nhân bị mua bán trở về thị xã Hương Trà năm 2023. Targets:
 *  100 % of communes implement the plan, 100 % of identified victims supported per need,
 *  100 % of support staff trained (report rows 6.4, 6.2, 6.5). The town itself reports to the
 *  province, so its unit list is complete (one unit). */
export const huongTra2023: Profile = {
  id: 'huong-tra-2023',
  title: 'Kế hoạch thực hiện công tác hỗ trợ nạn nhân bị mua bán trở về địa phương trên địa bàn thị xã Hương Trà năm 2023',
  title_en: 'Huong Tra town plan for supporting returned trafficking victims 2023',
  short_title: 'Hương Trà',
  short_title_en: 'Hương Trà',
  source: '001',
  province: 'Thừa Thiên Huế',
  province_code: 'HUE',
  // Its area is in the city of Huế (46) today: Resolution 1314/NQ-UBTVQH15.
  official_province_code: '46',
  law: 'law-2011',
  level: 'district',
  department: 'Sở Lao động - Thương binh và Xã hội (qua Chi cục Phòng, chống tệ nạn xã hội)',
  department_en: 'Department of Labour, Invalids and Social Affairs (Social Evils Prevention Sub-department)',
  years: { from: 2023, to: 2023 },
  units_sample: false,
  units: [
    {
      code: 'HUE-HT',
      name: 'Thị xã Hương Trà',
      communes: [
        'Phường Tứ Hạ',
        'Phường Hương Văn',
        'Phường Hương Vân',
        'Phường Hương Xuân',
        'Phường Hương Chữ',
        'Xã Hương Toàn',
        'Xã Bình Tiến',
        'Xã Bình Thành',
        'Xã Hương Bình',
        'Xã Hương Phong',
      ],
    },
  ],
  period: { kind: 'calendar-quarter' },
  deadline: {
    days_after_period_end: 10,
    note_vi: 'Báo cáo quý gửi trong 10 ngày sau khi hết quý',
    assumed: true,
    basis: 'Kế hoạch (001) chỉ yêu cầu báo cáo kết quả năm trước ngày 30/11/2023, không quy định ngày gửi báo cáo quý.',
  },
  thresholds: { verification_pending_days: 20, child_age: 16, minor_age: 18, max_age: 100 },
  severity_overrides: {},
  support_caps: {},
  support_eligibility: ELIGIBILITY_2011,
  targets: { ...TARGETS_100, communes_implementing_pct: 100, staff_trained_pct: 100 },
};
