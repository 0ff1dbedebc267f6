/**
 * SUP: the support log (`Hỗ trợ`) against the registry and the profile's law (docs/workbook.md,
 * docs/rules.md). Law 2011 + Decree 09/2013/NĐ-CP, or Law 53/2024/QH15 Art. 37 + Decree 162/2025/NĐ-CP,
 * through `profile.support_eligibility`.
 */
import { supportTypes, type Code } from '../codes';
import { formatDate } from '../dates';
import type { Finding } from '../finding';
import type { RegistryRecord, SupportRecord } from '../model';
import { caseKey, registryOwners, supportOwners } from '../caseIndex';
import type { Profile } from '../schema/profile';
import { cap, registryFinding, shown, supportFinding, type Rule, type RuleContext } from './types';

/** Each support row's person: the first registry row with its case ID (REG-06 reports the
 *  duplicates), or undefined (SUP-06). Computed once per parsed workbook for all SUP rules: one
 *  Map of 100,000 case IDs is the costly part. */
interface Links {
  registry: readonly RegistryRecord[];
  registryLength: number;
  supportLength: number;
  /** Per registry row: index of the first row with its case ID (itself unless duplicated), -1
   *  without an ID. */
  ownerOf: Int32Array;
  /** Per support row: the registry index of its person, -1 when unknown. */
  personIndex: Int32Array;
  persons: (RegistryRecord | undefined)[];
}
const linkCache = new WeakMap<readonly SupportRecord[], Links>();

function links(ctx: RuleContext): Links {
  const registry = ctx.parsed.registry.records;
  const support = ctx.parsed.support.records;
  const cached = linkCache.get(support);
  if (cached && cached.registry === registry && cached.registryLength === registry.length && cached.supportLength === support.length) return cached;
  // Shared with buildReport and REG-06 (built once per check).
  const ownerOf = registryOwners(registry);
  const personIndex = supportOwners(registry, support);
  const persons = new Array<RegistryRecord | undefined>(support.length);
  for (let s = 0; s < support.length; s++) persons[s] = personIndex[s] < 0 ? undefined : registry[personIndex[s]];
  const fresh: Links = { registry, registryLength: registry.length, supportLength: support.length, ownerOf, personIndex, persons };
  linkCache.set(support, fresh);
  return fresh;
}

/** Calls `fn` for each support row with its person (rows of unknown cases are SUP-06's). */
function eachWithPerson(ctx: RuleContext, fn: (sup: SupportRecord, rec: RegistryRecord) => void): void {
  const { persons } = links(ctx);
  const records = ctx.parsed.support.records;
  for (let i = 0; i < records.length; i++) {
    const rec = persons[i];
    if (rec) fn(records[i], rec);
  }
}


function typeLabel(profile: Profile, key: string): Code {
  return supportTypes(profile.law).find((t) => t.key === key) ?? { vi: key, en: key, key };
}

const lawName = (profile: Profile) =>
  profile.law === 'law-2024'
    ? { vi: 'Luật Phòng, chống mua bán người 2024 (Điều 37)', en: 'the 2024 Law on Prevention and Combat of Human Trafficking (Art. 37)' }
    : { vi: 'Luật Phòng, chống mua bán người 2011 và Nghị định 09/2013/NĐ-CP', en: 'the 2011 Law on Prevention and Combat of Human Trafficking and Decree 09/2013/ND-CP' };

/** The person's standing on a support's date for docs/workbook.md: an identified victim, a person awaiting
 *  verification, or one found not to be a victim before that date. */
type Standing = 'identified' | 'pending' | 'not_victim';

function standingAt(rec: RegistryRecord, date: Date | null): Standing | null {
  switch (rec.verification_status) {
    case 'identified':
      return 'identified';
    case 'pending':
      return 'pending';
    case 'not_victim':
      // Support while awaiting the decision, up to and including its date, was lawful (docs/workbook.md).
      return date && rec.verification_date && date.getTime() > rec.verification_date.getTime() ? 'not_victim' : 'pending';
    default:
      return null; // status blank or invalid: REG-01/02
  }
}

type AllowedSets = Record<Standing, [Set<string>, Set<string>]>;
const allowedCache = new WeakMap<Profile['support_eligibility'], AllowedSets>();

/** Types open to a standing: identified victims the `identified` list, persons awaiting
 *  verification `pending`, nothing after a not-a-victim decision; foreign victims (receipt
 *  channel `Người nước ngoài…`) at most the `foreign` list. The `accompanying_minor` list has no
 *  registry row to apply to (accompanying minors are a count, not persons). */
function allowedTypes(profile: Profile, standing: Standing, foreign: boolean): Set<string> {
  const el = profile.support_eligibility;
  let sets = allowedCache.get(el);
  if (!sets) {
    const pair = (base: string[]): [Set<string>, Set<string>] => [new Set(base), new Set(base.filter((t) => el.foreign.includes(t)))];
    sets = { identified: pair(el.identified), pending: pair(el.pending), not_victim: pair([]) };
    allowedCache.set(el, sets);
  }
  return sets[standing][foreign ? 1 : 0];
}

function describeStanding(rec: RegistryRecord, standing: Standing, foreign: boolean): { vi: string; en: string } {
  const on = rec.verification_date ? formatDate(rec.verification_date) : '';
  const [vi, en] =
    standing === 'identified'
      ? ['nạn nhân đã được xác định', 'an identified victim']
      : standing === 'not_victim'
        ? [`người đã được xác định không phải nạn nhân từ ngày ${on}`, `a person found not to be a victim on ${on}`]
        : rec.verification_status === 'not_victim'
          ? ['người đang chờ xác minh (trước khi có kết luận không phải nạn nhân)', 'a person awaiting verification (before being found not to be a victim)']
          : ['người đang chờ xác minh', 'a person awaiting verification'];
  return foreign ? { vi: `${vi} là người nước ngoài`, en: `${en} who is a foreign national` } : { vi, en };
}

/** The support types open to the person on a date (docs/workbook.md), and why; null when the
 *  verification status is unknown. The pane's support form offers these. */
export function eligibleTypes(profile: Profile, rec: RegistryRecord, date: Date | null): { types: Set<string>; vi: string; en: string } | null {
  const standing = standingAt(rec, date);
  if (standing === null) return null;
  const foreign = rec.receipt_channel === 'foreign_victim';
  return { types: allowedTypes(profile, standing, foreign), ...describeStanding(rec, standing, foreign) };
}

/**
 * The support types a person can ever receive under the profile's law, in the law's order: what
 * an identified victim or a person awaiting verification may get (SUP-02's table), for a foreign
 * victim only the foreign list (Law 53/2024 Art. 37: a, b, c, d, đ, g). `Nhu cầu hỗ trợ` offers
 * these, so a need stated in the register can always be met in the support log.
 */
export function needTypes(profile: Profile, person: Pick<RegistryRecord, 'receipt_channel'>): Code[] {
  const foreign = person.receipt_channel === 'foreign_victim';
  const open = new Set([...allowedTypes(profile, 'identified', foreign), ...allowedTypes(profile, 'pending', foreign)]);
  return supportTypes(profile.law).filter((t) => open.has(t.key));
}

const SUP_01: Rule = {
  id: 'SUP-01',
  severity: 'error',
  fields: ['date', 'received_date'],
  description_vi: 'Ngày hỗ trợ trước ngày tiếp nhận người đó',
  description_en: 'Support dated before the person was received',
  check(ctx) {
    const out: Finding[] = [];
    eachWithPerson(ctx, (sup, rec) => {
      const date = sup.date;
      const received = rec.received_date;
      if (!date || !received || date.getTime() >= received.getTime()) return;
      out.push(
        supportFinding(ctx, 'SUP-01', 'error', sup, 'date', (p) => ({
          vi: `${cap(p.vi)}: ngày hỗ trợ ${formatDate(date)} trước ngày tiếp nhận ${formatDate(received)} của hồ sơ ${rec.case_id}: hãy sửa ngày hỗ trợ hoặc ngày tiếp nhận.`,
          en: `${cap(p.en)}: support dated ${formatDate(date)} is before case ${rec.case_id} was received on ${formatDate(received)}: correct either date.`,
        })),
      );
    });
    return out;
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
    const out: Finding[] = [];
    eachWithPerson(ctx, (sup, rec) => {
      if (sup.type === null) return;
      const standing = standingAt(rec, sup.date);
      const foreign = rec.receipt_channel === 'foreign_victim';
      if (standing === null || allowedTypes(ctx.profile, standing, foreign).has(sup.type)) return;
      const eligible = describeStanding(rec, standing, foreign);
      const t = typeLabel(ctx.profile, sup.type);
      out.push(
        supportFinding(ctx, 'SUP-02', 'error', sup, 'type', (p) => ({
          vi: `${cap(p.vi)}: hồ sơ ${rec.case_id} là ${eligible.vi}; theo ${law.vi}, loại "${t.vi}" không dành cho trường hợp này: hãy kiểm tra lại loại hỗ trợ, tình trạng xác minh hoặc ngày.`,
          en: `${cap(p.en)}: case ${rec.case_id} is ${eligible.en}; under ${law.en} "${t.en}" is not open to them: check the support type, the verification status or the dates.`,
        })),
      );
    });
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
    // Types given per person as bit masks; a duplicated case ID's rows share the first row's.
    const { ownerOf, personIndex } = links(ctx);
    const bit = new Map(supportTypes(ctx.profile.law).map((t, i) => [t.key, 1 << i]));
    const given = new Int32Array(ctx.parsed.registry.records.length);
    ctx.parsed.support.records.forEach((sup, s) => {
      if (personIndex[s] >= 0 && sup.type !== null) given[personIndex[s]] |= bit.get(sup.type) ?? 0;
    });
    const out = [];
    const records = ctx.parsed.registry.records;
    // Index loop, no per-row arrays or capturing lambdas: 100,000 rows would leave that much garbage.
    for (let i = 0; i < records.length; i++) {
      const rec = records[i];
      // A person found not to be a victim has no needs left to meet under the plan.
      if (rec.support_needs.length === 0 || rec.verification_status === 'not_victim' || ownerOf[i] < 0) continue;
      const mask = given[ownerOf[i]];
      if (allMet(rec.support_needs, mask, bit)) continue;
      const unmet = rec.support_needs.filter((need) => (mask & (bit.get(need) ?? 0)) === 0).map((need) => typeLabel(ctx.profile, need));
      out.push(sup03Finding(ctx, rec, unmet, needTypes(ctx.profile, rec)));
    }
    return out;
  },
};

/** True when every need's type bit is in the mask (the usual case: no list to build). */
function allMet(needs: readonly string[], mask: number, bit: ReadonlyMap<string, number>): boolean {
  for (let k = 0; k < needs.length; k++) if ((mask & (bit.get(needs[k]) ?? 0)) === 0) return false;
  return true;
}

/** The unmet needs; a need the law never opens to this person (a foreign victim's "Chi phí đi
 *  lại") cannot be met in the log, so the message says to take it out of the needs instead. */
function sup03Finding(ctx: RuleContext, rec: RegistryRecord, unmet: Code[], open: readonly Code[]): Finding {
  const openKeys = new Set(open.map((t) => t.key));
  const canMeet = unmet.filter((t) => openKeys.has(t.key));
  const closed = unmet.filter((t) => !openKeys.has(t.key));
  const law = lawName(ctx.profile);
  const list = (types: Code[], lang: 'vi' | 'en'): string => types.map((t) => `"${t[lang]}"`).join(', ');
  return registryFinding(ctx, 'SUP-03', 'warning', rec, 'support_needs', (p) => {
    const vi: string[] = [];
    const en: string[] = [];
    if (canMeet.length > 0) {
      vi.push(`hồ sơ ${rec.case_id} có nhu cầu ${list(canMeet, 'vi')} nhưng trang tính "Hỗ trợ" chưa có lần hỗ trợ nào loại này: hãy ghi lần hỗ trợ, hoặc sửa nhu cầu`);
      en.push(`case ${rec.case_id} needs ${list(canMeet, 'en')} but the "Hỗ trợ" sheet has no support of that type: record the support or correct the needs`);
    }
    if (closed.length > 0) {
      vi.push(`theo ${law.vi}, ${list(closed, 'vi')} không dành cho người nước ngoài bị mua bán nên không thể ghi hỗ trợ loại này: hãy bỏ khỏi "Nhu cầu hỗ trợ"`);
      en.push(`under ${law.en}, ${list(closed, 'en')} is not open to a foreign victim, so no such support can be recorded: remove it from the support needs`);
    }
    return { vi: `${cap(p.vi)}: ${vi.join('; ')}.`, en: `${cap(p.en)}: ${en.join('; ')}.` };
  });
}

const SUP_04: Rule = {
  id: 'SUP-04',
  severity: 'error',
  fields: ['amount'],
  description_vi: 'Số tiền âm hoặc không phải số nguyên đồng',
  description_en: 'Amount negative or not a whole number of đồng',
  check(ctx) {
    // Text that is no number at all (`năm trăm nghìn`) is REG-03's (not a valid number).
    return ctx.parsed.support.records
      .filter((sup) => sup.amount !== null && (sup.amount < 0 || !Number.isInteger(sup.amount)))
      .map((sup) =>
        supportFinding(ctx, 'SUP-04', 'error', sup, 'amount', (p) => ({
          vi: `${cap(p.vi)}: số tiền ${shown(sup.raw.amount)} phải là số nguyên đồng không âm (ví dụ 500000): hãy sửa lại.`,
          en: `${cap(p.en)}: the amount ${shown(sup.raw.amount)} must be a whole, non-negative number of đồng (e.g. 500000): correct it.`,
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
      const limit = caps[sup.type];
      if (limit === undefined || sup.amount <= limit) continue;
      const t = typeLabel(ctx.profile, sup.type);
      out.push(
        supportFinding(ctx, 'SUP-05', 'warning', sup, 'amount', (p) => ({
          vi: `${cap(p.vi)}: ${sup.amount!.toLocaleString('vi-VN')} đồng cho "${t.vi}" vượt mức tối đa ${limit.toLocaleString('vi-VN')} đồng của kế hoạch: hãy kiểm tra lại số tiền.`,
          en: `${cap(p.en)}: ${sup.amount} đồng for "${t.en}" is above the plan's cap of ${limit} đồng: check the amount.`,
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
    const { persons } = links(ctx);
    return ctx.parsed.support.records
      .filter((sup, i) => persons[i] === undefined && caseKey(sup.case_id) !== null)
      .map((sup) =>
        supportFinding(ctx, 'SUP-06', 'error', sup, 'case_id', (p) => ({
          vi: `${cap(p.vi)}: mã hồ sơ "${sup.case_id}" không có trong trang tính "Sổ theo dõi": hãy sửa mã cho đúng, hoặc nhập người này vào sổ theo dõi trước.`,
          en: `${cap(p.en)}: case ID "${sup.case_id}" is not in the "Sổ theo dõi" registry: correct the ID or enter the person in the registry first.`,
        })),
      );
  },
};

export const SUP_RULES: readonly Rule[] = [SUP_01, SUP_02, SUP_03, SUP_04, SUP_05, SUP_06];
