import type { Profile } from '../domain/schema/profile';
import { ELIGIBILITY_2011, TARGETS_100 } from './law';

/** Seed 002: Kế hoạch tiếp nhận, xác minh, bảo vệ và hỗ trợ nạn nhân bị mua bán, Bắc Ninh
 *  2017–2020. Units report quarterly to Sở LĐTBXH (qua Chi cục PCTNXH). The plan sets no
 *  day for the quarterly report; 15 days after the quarter is our assumption. */
export const bacNinh2017: Profile = {
  id: 'bac-ninh-2017',
  title: 'Kế hoạch tiếp nhận, xác minh, bảo vệ và hỗ trợ nạn nhân bị mua bán tỉnh Bắc Ninh giai đoạn 2017 - 2020',
  title_en: 'Bac Ninh plan for receiving, verifying, protecting and supporting trafficking victims 2017-2020',
  short_title: 'Bắc Ninh',
  short_title_en: 'Bắc Ninh',
  source: '002',
  province: 'Bắc Ninh',
  province_code: 'BN',
  // Its area is in Bắc Ninh (24) today: Bắc Giang and Bắc Ninh merged, Resolution 202/2025/QH15.
  official_province_code: '24',
  law: 'law-2011',
  level: 'district',
  department: 'Sở Lao động - Thương binh và Xã hội (qua Chi cục Phòng, chống tệ nạn xã hội)',
  department_en: 'Department of Labour, Invalids and Social Affairs (Social Evils Prevention Sub-department)',
  years: { from: 2017, to: 2020 },
  units_sample: true,
  units: [
    {
      code: 'BN-TS',
      name: 'Thị xã Từ Sơn',
      communes: [
        'Phường Đông Ngàn',
        'Phường Đồng Kỵ',
        'Phường Trang Hạ',
        'Phường Đình Bảng',
        'Phường Tân Hồng',
        'Phường Châu Khê',
        'Phường Đồng Nguyên',
        'Xã Tương Giang',
        'Xã Phù Khê',
        'Xã Hương Mạc',
        'Xã Tam Sơn',
        'Xã Phù Chẩn',
      ],
    },
    {
      code: 'BN-TP',
      name: 'Thành phố Bắc Ninh',
      communes: ['Phường Vũ Ninh', 'Phường Đáp Cầu', 'Phường Thị Cầu', 'Phường Suối Hoa', 'Phường Tiền An', 'Phường Ninh Xá', 'Phường Vệ An', 'Phường Kinh Bắc', 'Phường Đại Phúc', 'Phường Võ Cường'],
    },
    {
      code: 'BN-TD',
      name: 'Huyện Tiên Du',
      communes: ['Thị trấn Lim', 'Xã Phú Lâm', 'Xã Nội Duệ', 'Xã Liên Bão', 'Xã Hiên Vân', 'Xã Việt Đoàn'],
    },
    {
      code: 'BN-YP',
      name: 'Huyện Yên Phong',
      communes: ['Thị trấn Chờ', 'Xã Dũng Liệt', 'Xã Tam Đa', 'Xã Yên Trung', 'Xã Đông Phong', 'Xã Văn Môn'],
    },
  ],
  period: { kind: 'calendar-quarter' },
  deadline: {
    days_after_period_end: 15,
    note_vi: 'Báo cáo quý gửi trong 15 ngày sau khi hết quý',
    assumed: true,
    basis: 'Kế hoạch 002 yêu cầu báo cáo hằng quý nhưng không quy định ngày gửi.',
  },
  thresholds: { verification_pending_days: 20, child_age: 16, minor_age: 18, max_age: 100 },
  severity_overrides: {},
  support_caps: {},
  support_eligibility: ELIGIBILITY_2011,
  targets: TARGETS_100,
};
