/**
 * The Human Trafficking Case Data Standard (HTCDS 2.0, IOM; CC BY 4.0) as our export writes it
 * (`vr export --format htcds`, docs/htcds.md). Columns follow IOM's Excel toolkit
 * (`Toolkit/Excel`, sheet `Case Sheet`): machine field names in a hidden first row, labels in the
 * second, a running number in column A. Fields we never fill (names, contacts, addresses, exact
 * dates: direct identifiers) stay as empty columns so the layout matches the toolkit's.
 * Columns after the toolkit's are HTCDS fields the toolkit leaves out (`spl_Type`) and our own
 * `vn_` extensions for what HTCDS has no field for (age group instead of a birth date).
 */
import type { RegistryRecord, SupportRecord } from './model';
import { ageGroup } from './period';
import type { QuasiIdentifier } from './kanon';

/** The toolkit's `Case Sheet` columns B…AN, in order (field name as in its hidden row 1; the
 *  toolkit spells `vic_TraffickinStatusDecisionMakingOrg` so, and its files are matched by it). */
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
  ['prs_MailingCity', 'Mailing City'],
  ['prs_MailingCountry', 'Mailing Country'],
  ['prs_MailingState', 'Mailing State/Province'],
  ['prs_MailingStreet', 'Mailing Street'],
  ['prs_MailingPostalCode', 'Mailing Zip/Postal Code'],
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

/** Columns after the toolkit's. */
export const EXTRA_FIELDS: readonly (readonly [string, string])[] = [
  ['spl_Type', 'Support Plan Type (received)'],
  ['vn_AgeGroup', 'Age group at receipt (VN extension)'],
  ['vn_CitizenshipGroup', 'Citizenship group (VN extension)'],
  ['vn_Province', 'Province code (VN extension)'],
  ['vn_ReportYear', 'Report year (VN extension)'],
  ['vn_ReportQuarter', 'Report quarter (VN extension)'],
];

export const HTCDS_FIELDS = [...TOOLKIT_FIELDS, ...EXTRA_FIELDS];

/** Fields that hold the quasi-identifiers k-anonymity is computed over. */
export const QI_FIELDS = ['prs_Gender', 'vn_AgeGroup', 'prs_Citizenship', 'vn_CitizenshipGroup', 'vic_TypeOfExploitation', 'vn_Province'] as const;

/** Our sex → `prs_Gender` value names. */
export const GENDER: Record<string, string> = { male: 'Masculine', female: 'Feminine' };

/** Our purposes → `vic_TypeOfExploitation`. `Chưa xác định` has no HTCDS value: left empty. */
export const EXPLOITATION: Record<string, string> = {
  sexual: 'SexualExploitation',
  labour: 'ForcedLabour',
  organs: 'OrganRemoval',
  surrogacy: 'Surrogacy',
  marriage: 'ForcedMarriage',
  other: 'Other',
};

/** Our verification status → `vic_TraffickingStatus`. */
export const TRAFFICKING_STATUS: Record<string, string> = {
  pending: 'PossibleVictimOfTrafficking',
  identified: 'ActualVictimOfTrafficking',
  not_victim: 'NotAVictimOfTrafficking',
};

/** Our verifying agency → `vic_TraffickingStatusDecisionMakingOrg`. */
export const DECISION_ORG: Record<string, string> = {
  police: 'Police',
  border_guard: 'NonPoliceGovernmentalOrganization',
  labour_social: 'NonPoliceGovernmentalOrganization',
  mission_abroad: 'NonPoliceGovernmentalOrganization',
  other: 'Other',
};

/** Our support types (both laws) → `spl_Type`. `Hỗ trợ khác` has no HTCDS value. */
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

export const AGE_GROUP: Record<string, string> = {
  'Dưới 16': 'Under16',
  '16 - dưới 18': '16to17',
  'Từ 18 trở lên': 'Adult18Plus',
  'Chưa rõ': 'Unknown',
};

/** One exportable case before anonymisation: codes only, nothing that names or dates a person. */
export interface HtcdsCase {
  /** Used only to take one copy of a case from a unit's several workbooks; never written. */
  caseId: string | null;
  gender: string;
  ageGroup: string;
  citizenship: string;
  exploitation: string;
  province: string;
  status: string;
  decisionOrg: string;
  supportTypes: string;
  year: number;
  quarter: number;
}

/** Consented rows only (`consent_share` = `Có`), reduced to codes. */
export function htcdsCases(
  registry: readonly RegistryRecord[],
  support: readonly SupportRecord[],
  province: string,
  year: number,
  quarter: number,
  include: (rec: RegistryRecord) => boolean,
): HtcdsCase[] {
  const supportOf = new Map<string, Set<string>>();
  for (const s of support) {
    const t = s.type ? SUPPORT_PLAN[s.type] : undefined;
    if (!s.case_id || !t) continue;
    const set = supportOf.get(s.case_id) ?? new Set<string>();
    set.add(t);
    supportOf.set(s.case_id, set);
  }
  const out: HtcdsCase[] = [];
  for (const r of registry) {
    if (r.consent_share !== 'yes' || !include(r)) continue;
    out.push({
      caseId: r.case_id,
      gender: r.sex ? GENDER[r.sex] : '',
      ageGroup: AGE_GROUP[ageGroup(r.age_at_receipt)] ?? 'Unknown',
      citizenship: r.nationality?.key && r.nationality.key !== 'XX' ? r.nationality.key : '',
      exploitation: r.purpose ? (EXPLOITATION[r.purpose] ?? '') : '',
      province,
      status: r.verification_status ? TRAFFICKING_STATUS[r.verification_status] : '',
      decisionOrg: r.verifying_agency ? (DECISION_ORG[r.verifying_agency] ?? '') : '',
      supportTypes: [...(supportOf.get(r.case_id ?? '') ?? [])].sort().join(';'),
      year,
      quarter,
    });
  }
  return out;
}

const citizenshipGroup = (c: HtcdsCase): string => (c.citizenship === 'VN' ? 'VN' : c.citizenship ? 'Foreign' : 'Unknown');
const minorAdult = (c: HtcdsCase): string =>
  c.ageGroup === 'Under16' || c.ageGroup === '16to17' ? 'Minor' : c.ageGroup === 'Adult18Plus' ? 'Adult' : 'Unknown';

/**
 * The quasi-identifiers of docs/cli.md (sex, age group, nationality, purpose, province) with their
 * generalisation levels; the last level of each is '' (the field left empty).
 */
export const HTCDS_QUASI_IDENTIFIERS: readonly QuasiIdentifier<HtcdsCase>[] = [
  { name: 'age', levels: [(c) => c.ageGroup, minorAdult, () => ''] },
  { name: 'nationality', levels: [(c) => `${c.citizenship}|${citizenshipGroup(c)}`, (c) => `|${citizenshipGroup(c)}`, () => '|'] },
  { name: 'purpose', levels: [(c) => c.exploitation, () => ''] },
  { name: 'sex', levels: [(c) => c.gender, () => ''] },
  { name: 'province', levels: [(c) => c.province, () => ''] },
];

/** One output row (field name → value) from a case and its generalised quasi-identifiers. */
export function htcdsRow(c: HtcdsCase, qi: readonly string[]): Record<string, string | number | boolean> {
  const [age, nationality, purpose, sex, province] = qi;
  const [citizenship, group] = nationality.split('|');
  return {
    con_Consent: true,
    prs_Gender: sex,
    prs_Citizenship: citizenship,
    vic_TraffickingStatus: c.status,
    vic_TraffickinStatusDecisionMakingOrg: c.decisionOrg,
    vic_TypeOfExploitation: purpose,
    spl_Type: c.supportTypes,
    vn_AgeGroup: age,
    vn_CitizenshipGroup: group,
    vn_Province: province,
    vn_ReportYear: c.year,
    vn_ReportQuarter: c.quarter || '',
  };
}
