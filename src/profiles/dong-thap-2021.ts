import type { Profile } from '../domain/schema/profile';
import { ELIGIBILITY_2011, TARGETS_100 } from './law';

/** Seed 003: Kế hoạch 209/KH-UBND thực hiện công tác hỗ trợ nạn nhân bị mua bán giai đoạn
 *  2021 - 2025, Đồng Tháp. Targets: 100 % of cases received verified, 100 % of victims with
 *  a need protected. */
export const dongThap2021: Profile = {
  id: 'dong-thap-2021',
  title: 'Kế hoạch 209/KH-UBND thực hiện công tác hỗ trợ nạn nhân bị mua bán giai đoạn 2021 - 2025 tỉnh Đồng Tháp',
  title_en: 'Dong Thap plan 209/KH-UBND for supporting trafficking victims 2021-2025',
  short_title: 'Đồng Tháp',
  short_title_en: 'Đồng Tháp',
  source: '003',
  province: 'Đồng Tháp',
  province_code: 'DT',
  // Its area is in Đồng Tháp (82) today: Tiền Giang and Đồng Tháp merged, Resolution 202/2025/QH15.
  official_province_code: '82',
  law: 'law-2011',
  level: 'district',
  department: 'Sở Lao động - Thương binh và Xã hội (qua Chi cục Phòng, chống tệ nạn xã hội)',
  department_en: 'Department of Labour, Invalids and Social Affairs (Social Evils Prevention Sub-department)',
  years: { from: 2021, to: 2025 },
  units_sample: true,
  units: [
    {
      code: 'DT-HN',
      name: 'Thành phố Hồng Ngự',
      communes: ['Phường An Thạnh', 'Phường An Lộc', 'Phường An Lạc', 'Phường An Bình A', 'Phường An Bình B', 'Xã Tân Hội', 'Xã Bình Thạnh'],
    },
    {
      code: 'DT-CL',
      name: 'Thành phố Cao Lãnh',
      communes: ['Phường 1', 'Phường 2', 'Phường 3', 'Phường 4', 'Phường 6', 'Phường 11', 'Phường Mỹ Phú', 'Phường Hòa Thuận', 'Xã Mỹ Tân', 'Xã Tân Thuận Đông'],
    },
    {
      code: 'DT-TH',
      name: 'Huyện Tân Hồng',
      communes: ['Thị trấn Sa Rài', 'Xã Tân Hộ Cơ', 'Xã Thông Bình', 'Xã Bình Phú', 'Xã Tân Thành A'],
    },
  ],
  period: { kind: 'calendar-quarter' },
  deadline: {
    days_after_period_end: 15,
    note_vi: 'Báo cáo quý gửi trong 15 ngày sau khi hết quý',
    assumed: true,
    basis: 'Kế hoạch 209/KH-UBND (003) không quy định chế độ báo cáo quý.',
  },
  thresholds: { verification_pending_days: 20, child_age: 16, minor_age: 18, max_age: 100 },
  severity_overrides: {},
  support_caps: {},
  support_eligibility: ELIGIBILITY_2011,
  targets: TARGETS_100,
};
