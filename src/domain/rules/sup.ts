/**
 * SUP: the support log (`Hỗ trợ`) against the registry and the profile's law (domain.md §2.2,
 * §3). Law 2011 + Decree 09/2013/NĐ-CP, or Law 53/2024/QH15 Art. 37 + Decree 162/2025/NĐ-CP,
 * through `profile.support_eligibility`.
 */
import { supportTypes, type Code } from '../codes';
import { formatDate } from '../dates';
import type { RegistryRecord, SupportRecord } from '../model';
import { caseKey } from '../report';
import type { Profile } from '../schema/profile';
import { hasValue, registryFinding, shown, supportFinding, type Rule, type RuleContext } from './types';

/** Registry records by case key (first row of a duplicated ID, REG-06 reports the others). */
function registryIndex(ctx: RuleContext): Map<string, RegistryRecord> {
  const index = new Map<string, RegistryRecord>();
  for (const rec of ctx.parsed.registry.records) {
    const key = caseKey(rec.case_id);
    if (key !== null && !index.has(key)) index.set(key, rec);
  }
  return index;
}

/** Each support row with its person (support rows of unknown cases are SUP-06's). */
function withPerson(ctx: RuleContext): { sup: SupportRecord; rec: RegistryRecord }[] {
  const index = registryIndex(ctx);
  const out: { sup: SupportRecord; rec: RegistryRecord }[] = [];
  for (const sup of ctx.parsed.support.records) {
    const key = caseKey(sup.case_id);
    const rec = key === null ? undefined : index.get(key);
    if (rec) out.push({ sup, rec });
  }
  return out;
}

function typeLabel(profile: Profile, key: string): Code {
  return supportTypes(profile.law).find((t) => t.key === key) ?? { vi: key, en: key, key };
}

const lawName = (profile: Profile) =>
  profile.law === 'law-2024'
    ? { vi: 'Luật Phòng, chống mua bán người 2024 (Điều 37)', en: 'the 2024 Law on Prevention and Combat of Human Trafficking (Art. 37)' }
    : { vi: 'Luật Phòng, chống mua bán người 2011 và Nghị định 09/2013/NĐ-CP', en: 'the 2011 Law on Prevention and Combat of Human Trafficking and Decree 09/2013/ND-CP' };

/** The types open to the person on the support's date (domain.md §2.2), and why. Identified
 *  victims: the `identified` list; persons awaiting verification: `pending`; a person found not
 *  to be a victim: `pending` up to and including the verification date, nothing after; foreign
 *  victims (receipt channel `Người nước ngoài…`): at most the `foreign` list. The `accompanying_minor`
 *  list has no registry row to apply to (accompanying minors are a count, not persons). */
export function eligibleTypes(profile: Profile, rec: RegistryRecord, date: Date | null): { types: Set<string>; vi: string; en: string } | null {
  const el = profile.support_eligibility;
  let list: string[];
  let vi: string;
  let en: string;
  switch (rec.verification_status) {
    case 'identified':
      [list, vi, en] = [el.identified, 'nạn nhân đã được xác định', 'an identified victim'];
      break;
    case 'pending':
      [list, vi, en] = [el.pending, 'người đang chờ xác minh', 'a person awaiting verification'];
      break;
    case 'not_victim':
      if (date && rec.verification_date && date.getTime() > rec.verification_date.getTime()) {
        const on = formatDate(rec.verification_date);
        [list, vi, en] = [[], `người đã được xác định không phải nạn nhân từ ngày ${on}`, `a person found not to be a victim on ${on}`];
      } else {
        [list, vi, en] = [el.pending, 'người đang chờ xác minh (trước khi có kết luận không phải nạn nhân)', 'a person awaiting verification (before being found not to be a victim)'];
      }
      break;
    default:
      return null; // status blank or invalid: REG-01/02
  }
  if (rec.receipt_channel === 'foreign_victim') {
    const foreign = new Set(el.foreign);
    list = list.filter((t) => foreign.has(t));
    vi += ' là người nước ngoài';
    en += ' who is a foreign national';
  }
  return { types: new Set(list), vi, en };
}

const SUP_01: Rule = {
  id: 'SUP-01',
  severity: 'error',
  fields: ['date', 'received_date'],
  description_vi: 'Ngày hỗ trợ trước ngày tiếp nhận người đó',
  description_en: 'Support dated before the person was received',
  check(ctx) {
    return withPerson(ctx)
      .filter(({ sup, rec }) => sup.date && rec.received_date && sup.date.getTime() < rec.received_date.getTime())
      .map(({ sup, rec }) =>
        supportFinding(ctx, 'SUP-01', 'error', sup, 'date', (p) => ({
          vi: `${p.vi}: ngày hỗ trợ ${formatDate(sup.date as Date)} trước ngày tiếp nhận ${formatDate(rec.received_date as Date)} của hồ sơ ${rec.case_id}: hãy sửa ngày hỗ trợ hoặc ngày tiếp nhận.`,
          en: `${p.en}: support dated ${formatDate(sup.date as Date)} is before case ${rec.case_id} was received on ${formatDate(rec.received_date as Date)}: correct either date.`,
        })),
      );
  },
};

const SUP_02: Rule = {
  id: 'SUP-02',
  severity: 'error',
  fields: ['type', 'verification_status', 'verification_date', 'receipt_channel'],
  description_vi: 'Loại hỗ trợ không dành cho tình trạng của người này theo luật của kế hoạch',
  description_en: "Support type not open to the person's status under the plan's law",
  check(ctx) {
    const law = lawName(ctx.profile);
    const out = [];
    for (const { sup, rec } of withPerson(ctx)) {
      if (sup.type === null) continue;
      const eligible = eligibleTypes(ctx.profile, rec, sup.date);
      if (!eligible || eligible.types.has(sup.type)) continue;
      const t = typeLabel(ctx.profile, sup.type);
      out.push(
        supportFinding(ctx, 'SUP-02', 'error', sup, 'type', (p) => ({
          vi: `${p.vi}: hồ sơ ${rec.case_id} là ${eligible.vi}; theo ${law.vi}, loại "${t.vi}" không dành cho trường hợp này: hãy kiểm tra lại loại hỗ trợ, tình trạng xác minh hoặc ngày.`,
          en: `${p.en}: case ${rec.case_id} is ${eligible.en}; under ${law.en} "${t.en}" is not open to them: check the support type, the verification status or the dates.`,
        })),
      );
    }
    return out;
  },
};

const SUP_03: Rule = {
  id: 'SUP-03',
  severity: 'warning',
  fields: ['support_needs', 'type'],
  description_vi: 'Nhu cầu hỗ trợ chưa có lần hỗ trợ nào cùng loại trong sổ hỗ trợ (chỉ tiêu: 100 % nhu cầu được đáp ứng)',
  description_en: 'A stated support need with no support of that type in the log (plan target: 100 % of needs met)',
  check(ctx) {
    const given = new Set<string>();
    for (const sup of ctx.parsed.support.records) {
      const key = caseKey(sup.case_id);
      if (key !== null && sup.type !== null) given.add(`${key}\u0000${sup.type}`);
    }
    const out = [];
    for (const rec of ctx.parsed.registry.records) {
      const key = caseKey(rec.case_id);
      // A person found not to be a victim has no needs left to meet under the plan.
      if (key === null || rec.verification_status === 'not_victim' || rec.support_needs.length === 0) continue;
      const unmet = rec.support_needs.filter((need) => !given.has(`${key}\u0000${need}`)).map((need) => typeLabel(ctx.profile, need));
      if (unmet.length === 0) continue;
      out.push(
        registryFinding(ctx, 'SUP-03', 'warning', rec, 'support_needs', (p) => ({
          vi: `${p.vi}: hồ sơ ${rec.case_id} có nhu cầu ${unmet.map((t) => `"${t.vi}"`).join(', ')} nhưng sheet "Hỗ trợ" chưa có lần hỗ trợ nào loại này: hãy ghi lần hỗ trợ, hoặc sửa nhu cầu.`,
          en: `${p.en}: case ${rec.case_id} needs ${unmet.map((t) => `"${t.en}"`).join(', ')} but the "Hỗ trợ" sheet has no support of that type: record the support or correct the needs.`,
        })),
      );
    }
    return out;
  },
};

const SUP_04: Rule = {
  id: 'SUP-04',
  severity: 'error',
  fields: ['amount'],
  description_vi: 'Số tiền âm hoặc không phải số nguyên đồng',
  description_en: 'Amount negative or not a whole number of đồng',
  check(ctx) {
    // Text that is no number at all (`năm trăm nghìn`) is not an integer either.
    return ctx.parsed.support.records
      .filter((sup) => (sup.amount !== null ? sup.amount < 0 || !Number.isInteger(sup.amount) : hasValue(sup.raw.amount)))
      .map((sup) =>
        supportFinding(ctx, 'SUP-04', 'error', sup, 'amount', (p) => ({
          vi: `${p.vi}: số tiền ${shown(sup.raw.amount)} phải là số nguyên đồng không âm (ví dụ 500000): hãy sửa lại.`,
          en: `${p.en}: the amount ${shown(sup.raw.amount)} must be a whole, non-negative number of đồng (e.g. 500000): correct it.`,
        })),
      );
  },
};

const SUP_05: Rule = {
  id: 'SUP-05',
  severity: 'warning',
  fields: ['amount', 'type'],
  description_vi: 'Số tiền vượt mức tối đa của kế hoạch cho loại hỗ trợ này',
  description_en: "Amount above the plan's cap for the support type",
  check(ctx) {
    const caps = ctx.profile.support_caps;
    const out = [];
    for (const sup of ctx.parsed.support.records) {
      if (sup.type === null || sup.amount === null) continue;
      const cap = caps[sup.type];
      if (cap === undefined || sup.amount <= cap) continue;
      const t = typeLabel(ctx.profile, sup.type);
      out.push(
        supportFinding(ctx, 'SUP-05', 'warning', sup, 'amount', (p) => ({
          vi: `${p.vi}: ${sup.amount!.toLocaleString('vi-VN')} đồng cho "${t.vi}" vượt mức tối đa ${cap.toLocaleString('vi-VN')} đồng của kế hoạch: hãy kiểm tra lại số tiền.`,
          en: `${p.en}: ${sup.amount} đồng for "${t.en}" is above the plan's cap of ${cap} đồng: check the amount.`,
        })),
      );
    }
    return out;
  },
};

const SUP_06: Rule = {
  id: 'SUP-06',
  severity: 'error',
  fields: ['case_id'],
  description_vi: 'Mã hồ sơ trong sổ hỗ trợ không có trong sổ theo dõi',
  description_en: 'Support log case ID not in the registry',
  check(ctx) {
    const index = registryIndex(ctx);
    return ctx.parsed.support.records
      .filter((sup) => {
        const key = caseKey(sup.case_id);
        return key !== null && !index.has(key);
      })
      .map((sup) =>
        supportFinding(ctx, 'SUP-06', 'error', sup, 'case_id', (p) => ({
          vi: `${p.vi}: mã hồ sơ "${sup.case_id}" không có trong sheet "Sổ theo dõi": hãy sửa mã cho đúng, hoặc nhập người này vào sổ theo dõi trước.`,
          en: `${p.en}: case ID "${sup.case_id}" is not in the "Sổ theo dõi" registry: correct the ID or enter the person in the registry first.`,
        })),
      );
  },
};

export const SUP_RULES: readonly Rule[] = [SUP_01, SUP_02, SUP_03, SUP_04, SUP_05, SUP_06];
