import type { CodeListId } from '../codes';

/** Registry column keys (docs/workbook.md), in template order. */
export const REGISTRY_KEYS = [
  'case_id',
  'full_name',
  'sex',
  'birth_date',
  'nationality',
  'ethnicity',
  'id_number',
  'commune',
  'address',
  'received_date',
  'receipt_channel',
  'destination',
  'purpose',
  'verification_status',
  'verification_date',
  'verifying_agency',
  'protection',
  'child_referral',
  'child_referral_date',
  'accompanying_minors',
  'consent_share',
  'support_needs',
  'notes',
] as const;
export type RegistryKey = (typeof REGISTRY_KEYS)[number];

export type ColumnKind = 'text' | 'code' | 'date' | 'birth' | 'int' | 'multi' | 'commune';

/** `yes`: always required (REG-01); `conditional`: required under a rule (VER-01, CHD-01/03);
 *  `no`: optional. */
export type Requirement = 'yes' | 'conditional' | 'no';

export interface ColumnSpec<K extends string = string> {
  key: K;
  header_vi: string;
  header_en: string;
  kind: ColumnKind;
  /** For `code` columns; `multi` uses the profile's support types. */
  codeList?: CodeListId;
  required: Requirement;
  /** Entry form group (task pane). */
  group: 'person' | 'receipt' | 'verification' | 'child' | 'support';
  /** Column width in characters for the template. */
  width: number;
  /** Formatted as Text (`@`) in the template: a code whose leading zeros matter (a citizen ID
   *  starts with its province code, 001–096), which Excel would otherwise turn into a number. */
  keepsText?: boolean;
}

export const REGISTRY_COLUMNS: readonly ColumnSpec<RegistryKey>[] = [
  { key: 'case_id', header_vi: 'Mã hồ sơ', header_en: 'Case ID', kind: 'text', required: 'yes', group: 'person', width: 18, keepsText: true },
  { key: 'full_name', header_vi: 'Họ và tên', header_en: 'Full name', kind: 'text', required: 'yes', group: 'person', width: 24 },
  { key: 'sex', header_vi: 'Giới tính', header_en: 'Sex', kind: 'code', codeList: 'sex', required: 'yes', group: 'person', width: 10 },
  { key: 'birth_date', header_vi: 'Ngày sinh', header_en: 'Date of birth', kind: 'birth', required: 'yes', group: 'person', width: 12 },
  { key: 'nationality', header_vi: 'Quốc tịch', header_en: 'Nationality', kind: 'code', codeList: 'nationality', required: 'yes', group: 'person', width: 14 },
  { key: 'ethnicity', header_vi: 'Dân tộc', header_en: 'Ethnicity', kind: 'code', codeList: 'ethnicity', required: 'no', group: 'person', width: 12 },
  { key: 'id_number', header_vi: 'Số CCCD/Hộ chiếu', header_en: 'Citizen ID / passport no.', kind: 'text', required: 'no', group: 'person', width: 16, keepsText: true },
  { key: 'commune', header_vi: 'Xã/Phường cư trú', header_en: 'Commune of residence', kind: 'commune', required: 'yes', group: 'person', width: 20 },
  { key: 'address', header_vi: 'Địa chỉ', header_en: 'Address', kind: 'text', required: 'no', group: 'person', width: 24 },
  { key: 'received_date', header_vi: 'Ngày tiếp nhận', header_en: 'Date received', kind: 'date', required: 'yes', group: 'receipt', width: 12 },
  { key: 'receipt_channel', header_vi: 'Hình thức tiếp nhận', header_en: 'How received', kind: 'code', codeList: 'receipt_channel', required: 'yes', group: 'receipt', width: 22 },
  { key: 'destination', header_vi: 'Nơi bị mua bán đến', header_en: 'Trafficked to', kind: 'code', codeList: 'destination', required: 'yes', group: 'receipt', width: 16 },
  { key: 'purpose', header_vi: 'Mục đích bị mua bán', header_en: 'Purpose of trafficking', kind: 'code', codeList: 'purpose', required: 'yes', group: 'receipt', width: 22 },
  { key: 'verification_status', header_vi: 'Tình trạng xác minh', header_en: 'Verification status', kind: 'code', codeList: 'verification_status', required: 'yes', group: 'verification', width: 22 },
  { key: 'verification_date', header_vi: 'Ngày xác định', header_en: 'Date identified', kind: 'date', required: 'conditional', group: 'verification', width: 12 },
  { key: 'verifying_agency', header_vi: 'Cơ quan xác định', header_en: 'Identifying agency', kind: 'code', codeList: 'verifying_agency', required: 'conditional', group: 'verification', width: 20 },
  { key: 'protection', header_vi: 'Bảo vệ an toàn', header_en: 'Safety protection', kind: 'code', codeList: 'protection', required: 'yes', group: 'verification', width: 20 },
  { key: 'child_referral', header_vi: 'Kết nối dịch vụ bảo vệ trẻ em', header_en: 'Referred to child protection', kind: 'code', codeList: 'yes_no', required: 'conditional', group: 'child', width: 14 },
  { key: 'child_referral_date', header_vi: 'Ngày kết nối', header_en: 'Referral date', kind: 'date', required: 'conditional', group: 'child', width: 12 },
  { key: 'accompanying_minors', header_vi: 'Số người chưa thành niên đi cùng', header_en: 'Accompanying minors', kind: 'int', required: 'no', group: 'child', width: 12 },
  { key: 'consent_share', header_vi: 'Đồng ý chia sẻ thông tin', header_en: 'Consents to sharing', kind: 'code', codeList: 'yes_no', required: 'yes', group: 'support', width: 12 },
  { key: 'support_needs', header_vi: 'Nhu cầu hỗ trợ', header_en: 'Support needs', kind: 'multi', required: 'no', group: 'support', width: 30 },
  { key: 'notes', header_vi: 'Ghi chú', header_en: 'Notes', kind: 'text', required: 'no', group: 'support', width: 24 },
];

/** Support log (`Hỗ trợ`) columns (docs/workbook.md). */
export const SUPPORT_KEYS = ['case_id', 'type', 'date', 'amount', 'provider', 'notes'] as const;
export type SupportKey = (typeof SUPPORT_KEYS)[number];

export const SUPPORT_COLUMNS: readonly ColumnSpec<SupportKey>[] = [
  { key: 'case_id', header_vi: 'Mã hồ sơ', header_en: 'Case ID', kind: 'text', required: 'yes', group: 'support', width: 18, keepsText: true },
  { key: 'type', header_vi: 'Loại hỗ trợ', header_en: 'Support type', kind: 'multi', required: 'yes', group: 'support', width: 32 },
  { key: 'date', header_vi: 'Ngày hỗ trợ', header_en: 'Date of support', kind: 'date', required: 'yes', group: 'support', width: 12 },
  { key: 'amount', header_vi: 'Số tiền (đồng)', header_en: 'Amount (VND)', kind: 'int', required: 'no', group: 'support', width: 14 },
  { key: 'provider', header_vi: 'Đơn vị thực hiện', header_en: 'Provided by', kind: 'text', required: 'no', group: 'support', width: 24 },
  { key: 'notes', header_vi: 'Ghi chú', header_en: 'Notes', kind: 'text', required: 'no', group: 'support', width: 24 },
];

/** Case ID pattern `<unit_code>-<yyyy>-<nnnn>`. */
export const CASE_ID_PATTERN = /^([A-Z0-9]+(?:-[A-Z0-9]+)*)-(\d{4})-(\d{4,})$/;
