/**
 * The Human Trafficking Case Data Standard (HTCDS 2.0, IOM; CC BY 4.0) as our export writes it
 * (`vr export --format htcds`, docs/htcds.md). The case list follows IOM's Excel toolkit
 * (`Toolkit/Excel`, sheet `Case Sheet`): machine field names in a hidden first row, the toolkit's
 * labels in the second, a running number in column A, and in every column the toolkit validates,
 * a value of the toolkit's own list (htcdsLists.ts). Fields we never fill (names, contacts,
 * addresses, exact dates: direct identifiers) stay as empty columns so the layout matches the
 * toolkit's. Support received goes to a `Support Plan` sheet, one row per type of support as
 * HTCDS's Support Plan table has it. Columns after the toolkit's are our `vn_` extensions for
 * what HTCDS has no field for (age group instead of a birth date, why a field is empty).
 */
import type { LawVersion } from './schema/profile';
import type { RegistryRecord, SupportRecord } from './model';
import { ageGroup, quarterOfDate } from './period';
import type { Profile } from './schema/profile';
import { TOOLKIT_COUNTRIES } from './htcdsLists';

/** The toolkit's `Case Sheet` columns B…AM, in order: field name as in its hidden row 1, label as
 *  in its row 2. The toolkit spells `vic_TraffickinStatusDecisionMakingOrg` so, leaves AJ1 empty
 *  (we name it `cas_ReasonForOutgoingReferral`), and its rows 1 and 2 disagree in N…R (row 1:
 *  city, country, state, street, postal code; row 2: street, city, state, postal code, country):
 *  both rows are written exactly as the toolkit has them, and those columns are always empty. */
export const TOOLKIT_FIELDS: readonly (readonly [string, string])[] = [
  ['cas_CaseOwner', 'Case Owner'],
  ['prs_Salutation', 'Salutation'],
  ['prs_FirstName', 'First Name'],
  ['prs_SecondName', 'Second Name'],
  ['con_Consent', 'Consent'],
  ['prs_Birthdate', 'Birthdate'],
  ['prs_Gender', 'Gender'],
  ['prs_Citizenship', 'Citizenship'],
  ['prs_Title', 'Title'],
  ['prs_Email', 'Email'],
  ['prs_HomePhone', 'Home Phone'],
  ['prs_MobilePhone', 'Mobile Phone'],
  ['prs_MailingCity', 'Mailing Street'],
  ['prs_MailingCountry', 'Mailing City'],
  ['prs_MailingState', 'Mailing State/Province'],
  ['prs_MailingStreet', 'Mailing Zip/Postal Code'],
  ['prs_MailingPostalCode', 'Mailing Country'],
  ['vic_TraffickingStatus', 'Trafficking Status'],
  ['vic_TraffickinStatusDecisionMakingOrg', 'Trafficking Status Decision Making Organization'],
  ['vic_MethodOfRecruitment', 'Method of Recruitment'],
  ['vic_LocationOfRecruitment', 'Location of Recruitment'],
  ['vic_MethodsOfControl', 'Methods of Control'],
  ['vic_TypeOfExploitation', 'Type of Exploitation'],
  ['vic_ForcedLabourIndustry', 'Forced Labour Industry'],
  ['vic_TypeOfSexExploitation', 'Type of Sex Exploitation'],
  ['vic_LocationOfExploitation', 'Location of Exploitation'],
  ['cas_Status', 'Status'],
  ['cas_ReferringOrganisation', 'Referring Organisation'],
  ['cas_IncomingReferralDate', 'Incoming Referral Date'],
  ['cas_ReferringPrimaryCaseWorker', 'Referring Primary Case Worker'],
  ['cas_ReasonForIncomingReferral', 'Reason for Incoming Referral'],
  ['cas_IncomingReferralDetails', 'Incoming Referral Details'],
  ['cas_ReferredOrganisation', 'Referred Organisation'],
  ['cas_ReferredPrimaryCaseWorker', 'Referred Primary Case Worker'],
  ['cas_ReasonForOutgoingReferral', 'Reason for Outgoing Referral'],
  ['cas_OutgoingReferralDate', 'Outgoing Referral Date'],
  ['cas_OutgoingReferralDetails', 'Outgoing Referral Details'],
  ['cas_ReasonForCaseClosure', 'Reason for Case Closure'],
];

/** Our columns after the toolkit's (docs/htcds.md). */
export const EXTRA_FIELDS: readonly (readonly [string, string])[] = [
  ['vn_AgeGroup', 'Age group at receipt (VN extension)'],
  ['vn_CitizenshipGroup', 'Citizenship group (VN extension)'],
  ['vn_Province', 'Province code (VN extension)'],
  ['vn_ReportYear', 'Year received (VN extension)'],
  ['vn_ReportQuarter', 'Quarter received (VN extension)'],
  ['vn_Unknown', 'Fields not known in the register (VN extension)'],
  ['vn_Withheld', 'Fields withheld or coarsened for anonymity (VN extension)'],
];

export const CASE_FIELDS = [...TOOLKIT_FIELDS, ...EXTRA_FIELDS];

/** HTCDS's Support Plan table (`spl_`), one row per type of support a case received, linked to
 *  the case by its running number in `Case Sheet`. */
export const SUPPORT_PLAN_FIELDS: readonly (readonly [string, string])[] = [
  ['vn_CaseNumber', 'Case number in Case Sheet (VN extension)'],
  ['spl_Type', 'Type'],
  ['spl_Objectives', 'Objectives'],
  ['spl_ActionPlan', 'Action Plan'],
  ['spl_PlannedEndDate', 'Planned End Date'],
  ['spl_ActualEndDate', 'Actual End Date'],
];

/** Written where the register has no value and the toolkit's list has this value (Gender), and
 *  in our extension columns; HTCDS's own name for "not specified / unknown". */
export const UNKNOWN = 'NonSpecifiedUnknown';
/** Written in our extension columns where a value is withheld for anonymity. A toolkit column
 *  is left empty instead (the toolkit's lists have no such value) and named in `vn_Withheld`. */
export const WITHHELD = 'Withheld';

/** Our sex → `prs_Gender` (the toolkit's Gender list holds HTCDS's value names). */
export const GENDER: Record<string, string> = { male: 'Masculine', female: 'Feminine' };

/** Our purposes → `vic_TypeOfExploitation`, as the toolkit's list labels them. `Chưa xác định`
 *  has no HTCDS value: the cell is empty and the field named in `vn_Unknown`. */
export const EXPLOITATION: Record<string, string> = {
  sexual: 'Sexual exploitation',
  labour: 'Forced labour',
  organs: 'Organ removal',
  surrogacy: 'Surrogacy',
  marriage: 'Forced marriage',
  other: 'Other',
};

/** Our verification status → `vic_TraffickingStatus` (the toolkit's labels). */
export const TRAFFICKING_STATUS: Record<string, string> = {
  pending: 'Possible victim of trafficking',
  identified: 'Actual victim of trafficking',
  not_victim: 'Not a victim of trafficking',
};

/** Our verifying agency → `vic_TraffickingStatusDecisionMakingOrg` (the toolkit's labels). */
export const DECISION_ORG: Record<string, string> = {
  police: 'Police',
  border_guard: 'Non-police governmental organization',
  labour_social: 'Non-police governmental organization',
  mission_abroad: 'Non-police governmental organization',
  other: 'Other',
};

/** HTCDS `spl_Type` value names → labels (HTCDS Field Standards 2.0, Support Plan). */
export const SUPPORT_PLAN_LABEL: Record<string, string> = {
  Education: 'Education',
  Financial: 'Financial',
  Health: 'Health',
  LabourExploitationRehabilitation: 'Labour Exploitation Rehabilitation',
  Legal: 'Legal',
  Livelihood: 'Livelihood',
  RightsBasedTraining: 'Rights-based Training',
  SexualExploitationRehabilitation: 'Sexual Exploitation Rehabilitation',
  SocialCare: 'Social Care',
};

/** Our support types (both laws) → `spl_Type` value names. `Hỗ trợ khác` has no HTCDS value. */
export const SUPPORT_PLAN: Record<string, string> = {
  essential_travel: 'SocialCare',
  medical: 'Health',
  psychological: 'Health',
  legal_aid: 'Legal',
  education_vocational: 'Education',
  initial_allowance: 'Financial',
  loan: 'Financial',
  a: 'SocialCare',
  b: 'Health',
  c: 'SocialCare',
  d: 'Legal',
  dd: 'Legal',
  e: 'Financial',
  g: 'Health',
  h: 'Education',
  i: 'Livelihood',
  k: 'Financial',
  k_loan: 'Financial',
};

/** The `spl_Type` values a law's support types reach, in a fixed order. */
export function supportPlanTypes(law: LawVersion): string[] {
  const keys = law === 'law-2024' ? ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'k_loan'] : ['essential_travel', 'medical', 'psychological', 'legal_aid', 'education_vocational', 'initial_allowance', 'loan'];
  return [...new Set(keys.map((k) => SUPPORT_PLAN[k]))].sort();
}

/** Age group at receipt (docs/workbook.md) → our extension's values. */
export const AGE_GROUP: Record<string, string> = {
  'Dưới 16': 'Under16',
  '16 - dưới 18': '16to17',
  'Từ 18 trở lên': 'Adult18Plus',
  'Chưa rõ': UNKNOWN,
};

/** The toolkit's country name for an ISO code, or null (`Khác`, or a code the list lacks). */
export const toolkitCountry = (iso: string | null): string | null => (iso ? (TOOLKIT_COUNTRIES[iso] ?? null) : null);

/** One exportable case before anonymisation: codes only, nothing that names or dates a person. */
export interface HtcdsCase {
  /** Used only to take one copy of a case from a unit's several workbooks; never written. */
  caseId: string | null;
  sex: 'male' | 'female' | null;
  /** `Under16`, `16to17`, `Adult18Plus` or `NonSpecifiedUnknown`. */
  ageGroup: string;
  /** ISO alpha-2, `XX` (`Khác`), or null when not recorded. */
  citizenship: string | null;
  /** Our purpose key; null for `Chưa xác định` or empty. */
  exploitation: string | null;
  province: string;
  status: 'pending' | 'identified' | 'not_victim' | null;
  /** HTCDS decision-making organisation label; null while no decision was made. */
  decisionOrg: string | null;
  /** HTCDS `spl_Type` value names of the support the case received. */
  support: string[];
  /** Year and quarter of receipt (the plan's report periods). */
  year: number;
  quarter: number;
}

/** Consented rows (`consent_share` = `Có`) that `include` keeps, reduced to codes. */
export function htcdsCases(
  registry: readonly RegistryRecord[],
  support: readonly SupportRecord[],
  profile: Pick<Profile, 'period'>,
  province: string,
  include: (rec: RegistryRecord) => boolean,
): HtcdsCase[] {
  // Keyed by case ID; a row without one (null) is never a key, so it finds no support.
  const supportOf = new Map<string | null, Set<string>>();
  for (const s of support) {
    const t = s.type ? SUPPORT_PLAN[s.type] : undefined;
    if (!s.case_id || !t) continue;
    const set = supportOf.get(s.case_id) ?? new Set<string>();
    set.add(t);
    supportOf.set(s.case_id, set);
  }
  const out: HtcdsCase[] = [];
  for (const r of registry) {
    if (r.consent_share !== 'yes' || !r.received_date || !include(r)) continue;
    const at = quarterOfDate(profile, r.received_date);
    out.push({
      caseId: r.case_id,
      sex: r.sex,
      ageGroup: AGE_GROUP[ageGroup(r.age_at_receipt)] ?? UNKNOWN,
      citizenship: r.nationality?.key ?? null,
      exploitation: r.purpose && EXPLOITATION[r.purpose] ? r.purpose : null,
      province,
      status: r.verification_status,
      decisionOrg: r.verification_status && r.verification_status !== 'pending' && r.verifying_agency ? (DECISION_ORG[r.verifying_agency] ?? null) : null,
      support: [...(supportOf.get(r.case_id) ?? [])].sort(),
      year: at.year,
      quarter: at.quarter,
    });
  }
  return out;
}
