/**
 * The de-identified case list of the consolidated workbook (docs/inbox.md, docs/data-protection.md; Decree
 * 13/2023/NĐ-CP). What leaves the unit for the province:
 *
 * - Never, for anyone: full name, citizen ID / passport number, address, exact birth date (an
 *   age group at receipt instead), notes (free text may name people).
 * - Every row: unit, sex, age group, nationality, month of receipt, channel, destination,
 *   purpose, verification status, protection, child referral, support needs and the support
 *   types received in the period.
 * - Rows with `consent_share` = `Có` add what lets the province follow up a case with the unit
 *   and place it: the case ID, the commune, the ethnicity and the exact date received. These
 *   are quasi-identifiers in a small commune, so they appear only with consent; rows without
 *   consent (`Không` or empty, CNS-01) stay de-identified only.
 */
import {
  PROTECTION,
  PURPOSE,
  RECEIPT_CHANNEL,
  SEX,
  VERIFICATION_STATUS,
  YES_NO,
  codeByKey,
  supportTypes,
  type Code,
} from '../domain/codes';
import type { AgeGroup, Period, RegistryRecord, SupportRecord } from '../domain/model';
import { ageGroup } from '../domain/period';
import type { Profile } from '../domain/schema/profile';
import type { CellValue } from '../domain/sheet';

export interface CaseColumn {
  key: keyof DeidentifiedCase;
  header_vi: string;
  header_en: string;
  width: number;
  /** Filled only for rows whose person consented to sharing. */
  consentOnly?: boolean;
}

/** One row of the case list. `null` = not shared (no consent) or not known. */
export interface DeidentifiedCase {
  unit_code: string;
  unit_name: string;
  sex: string | null;
  age_group: AgeGroup;
  nationality: string | null;
  received_month: string | null;
  receipt_channel: string | null;
  destination: string | null;
  purpose: string | null;
  verification_status: string | null;
  protection: string | null;
  child_referral: string | null;
  support_needs: string | null;
  support_received: string | null;
  in_period: string;
  consent: string;
  case_id: string | null;
  commune: string | null;
  ethnicity: string | null;
  received_date: Date | null;
}

export const CASE_COLUMNS: readonly CaseColumn[] = [
  { key: 'unit_code', header_vi: 'Mã đơn vị', header_en: 'Unit code', width: 12 },
  { key: 'unit_name', header_vi: 'Đơn vị', header_en: 'Unit', width: 22 },
  { key: 'sex', header_vi: 'Giới tính', header_en: 'Sex', width: 9 },
  { key: 'age_group', header_vi: 'Nhóm tuổi khi tiếp nhận', header_en: 'Age group at receipt', width: 14 },
  { key: 'nationality', header_vi: 'Quốc tịch', header_en: 'Nationality', width: 12 },
  { key: 'received_month', header_vi: 'Tháng tiếp nhận', header_en: 'Month received', width: 10 },
  { key: 'receipt_channel', header_vi: 'Hình thức tiếp nhận', header_en: 'How received', width: 22 },
  { key: 'destination', header_vi: 'Nơi bị mua bán đến', header_en: 'Trafficked to', width: 14 },
  { key: 'purpose', header_vi: 'Mục đích bị mua bán', header_en: 'Purpose', width: 22 },
  { key: 'verification_status', header_vi: 'Tình trạng xác minh', header_en: 'Verification status', width: 20 },
  { key: 'protection', header_vi: 'Bảo vệ an toàn', header_en: 'Safety protection', width: 20 },
  { key: 'child_referral', header_vi: 'Kết nối dịch vụ bảo vệ trẻ em', header_en: 'Child-protection referral', width: 12 },
  { key: 'support_needs', header_vi: 'Nhu cầu hỗ trợ', header_en: 'Support needs', width: 30 },
  { key: 'support_received', header_vi: 'Hỗ trợ đã nhận trong kỳ', header_en: 'Support received in the period', width: 30 },
  { key: 'in_period', header_vi: 'Tiếp nhận trong kỳ', header_en: 'Received in the period', width: 10 },
  { key: 'consent', header_vi: 'Đồng ý chia sẻ thông tin', header_en: 'Consents to sharing', width: 10 },
  { key: 'case_id', header_vi: 'Mã hồ sơ (nếu đồng ý)', header_en: 'Case ID (with consent)', width: 18, consentOnly: true },
  { key: 'commune', header_vi: 'Xã/Phường cư trú (nếu đồng ý)', header_en: 'Commune (with consent)', width: 20, consentOnly: true },
  { key: 'ethnicity', header_vi: 'Dân tộc (nếu đồng ý)', header_en: 'Ethnicity (with consent)', width: 12, consentOnly: true },
  { key: 'received_date', header_vi: 'Ngày tiếp nhận (nếu đồng ý)', header_en: 'Date received (with consent)', width: 12, consentOnly: true },
];

function label(codes: readonly Code[], key: string | null): string | null {
  if (key === null) return null;
  return codeByKey(codes, key)?.vi ?? null;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Registry rows received up to the period end (the registry is cumulative), de-identified.
 *  Rows without a received date are left out: they cannot be placed in any period and REG-01
 *  refuses such a workbook anyway. */
export function deidentifyCases(
  unit: { code: string; name: string },
  registry: readonly RegistryRecord[],
  support: readonly SupportRecord[],
  profile: Profile,
  period: Period,
): DeidentifiedCase[] {
  const types = supportTypes(profile.law);
  const receivedInPeriod = new Map<string, Set<string>>();
  for (const s of support) {
    if (!s.case_id || !s.type || !s.date) continue;
    if (s.date < period.start || s.date > period.end) continue;
    const set = receivedInPeriod.get(s.case_id) ?? new Set<string>();
    set.add(s.type);
    receivedInPeriod.set(s.case_id, set);
  }
  const typeList = (keys: Iterable<string>): string | null => {
    const wanted = new Set(keys);
    const labels = types.filter((t) => wanted.has(t.key)).map((t) => t.vi);
    return labels.length ? labels.join('; ') : null;
  };
  const out: DeidentifiedCase[] = [];
  for (const r of registry) {
    if (!r.received_date || r.received_date > period.end) continue;
    const consent = r.consent_share === 'yes';
    const received = r.received_date;
    out.push({
      unit_code: unit.code,
      unit_name: unit.name,
      sex: label(SEX, r.sex),
      age_group: ageGroup(r.age_at_receipt),
      nationality: r.nationality?.vi ?? null,
      received_month: `${two(received.getUTCMonth() + 1)}/${received.getUTCFullYear()}`,
      receipt_channel: label(RECEIPT_CHANNEL, r.receipt_channel),
      destination: r.destination?.vi ?? null,
      purpose: label(PURPOSE, r.purpose),
      verification_status: label(VERIFICATION_STATUS, r.verification_status),
      protection: label(PROTECTION, r.protection),
      child_referral: label(YES_NO, r.child_referral),
      support_needs: typeList(r.support_needs),
      support_received: r.case_id ? typeList(receivedInPeriod.get(r.case_id) ?? []) : null,
      in_period: received >= period.start ? 'Có' : 'Không',
      consent: consent ? 'Có' : r.consent_share === 'no' ? 'Không' : 'Chưa rõ',
      case_id: consent ? r.case_id : null,
      commune: consent ? r.commune : null,
      ethnicity: consent ? (r.ethnicity?.vi ?? null) : null,
      received_date: consent ? received : null,
    });
  }
  return out;
}

/** The cells of one case row, in CASE_COLUMNS order. */
export function caseRowValues(c: DeidentifiedCase): CellValue[] {
  return CASE_COLUMNS.map((col) => c[col.key]);
}
