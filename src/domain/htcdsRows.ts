/**
 * What the HTCDS case list publishes about each case, and how it is anonymised (docs/htcds.md):
 * every written column except the trafficking status is a quasi-identifier, each with a hierarchy
 * of levels; the trafficking status is the sensitive attribute (distinct 2-diversity); the
 * optimal levels are searched per quarter of receipt (kanon.ts), so a quarter's file is exactly
 * the rows of that quarter in the year's file.
 */
import { kAnonymise, type KAnonResult, type KeptRow, type QuasiIdentifier, type SensitiveAttribute } from './kanon';
import { EXPLOITATION, GENDER, SUPPORT_PLAN_LABEL, supportPlanTypes, toolkitCountry, TRAFFICKING_STATUS, UNKNOWN, WITHHELD, type HtcdsCase } from './htcds';
import type { LawVersion } from './schema/profile';

/** Information-loss weights (kanon.ts `Loss`): the status, the type of exploitation and the
 *  citizenship are what international statistics read first; one support type weighs least. */
export const LOSS_WEIGHTS = { status: 2, exploitation: 6, citizenship: 6, age: 2, sex: 2, province: 2, decisionOrg: 1, support: 0.5 } as const;

const minorAdult = (age: string): string => (age === 'Under16' || age === '16to17' ? 'Minor' : age === 'Adult18Plus' ? 'Adult' : UNKNOWN);
const citizenshipGroup = (c: HtcdsCase): string => (c.citizenship === 'VN' ? 'VN' : c.citizenship ? 'Foreign' : UNKNOWN);
/** Level 0 of citizenship as the file can write it: a country of the toolkit's list, else
 *  `?` (a country the list lacks, or `Khác`: foreign, country unknown), else empty (unknown). */
const citizenshipExact = (c: HtcdsCase): string => (toolkitCountry(c.citizenship) ? c.citizenship! : c.citizenship ? '?' : '');
const supportQi = (type: string): string => `support:${type}`;

/**
 * The quasi-identifiers of a case list under `law`, with their levels. Values are tokens
 * (`c:VN`, `g:Foreign`, …) that `publishedCase` turns into the file's words; the last level of
 * each is `*` (withheld).
 */
export function htcdsQuasiIdentifiers(law: LawVersion): QuasiIdentifier<HtcdsCase>[] {
  const W = LOSS_WEIGHTS;
  return [
    { name: 'exploitation', weight: W.exploitation, levels: [(c) => c.exploitation ?? '', () => '*'] },
    { name: 'citizenship', weight: W.citizenship, levels: [(c) => `c:${citizenshipExact(c)}`, (c) => `g:${citizenshipGroup(c)}`, () => '*'] },
    { name: 'age', weight: W.age, levels: [(c) => c.ageGroup, (c) => minorAdult(c.ageGroup), () => '*'] },
    { name: 'sex', weight: W.sex, levels: [(c) => c.sex ?? '', () => '*'] },
    { name: 'province', weight: W.province, levels: [(c) => c.province, () => '*'] },
    { name: 'decisionOrg', weight: W.decisionOrg, levels: [(c) => c.decisionOrg ?? '', () => '*'] },
    ...supportPlanTypes(law).map(
      (type): QuasiIdentifier<HtcdsCase> => ({ name: supportQi(type), weight: W.support, levels: [(c) => (c.support.includes(type) ? 'yes' : 'no'), () => '*'] }),
    ),
  ];
}

/** The trafficking status: withheld in a class holding fewer than two distinct statuses, with the
 *  deciding body (a case without one is awaiting verification). */
export const HTCDS_SENSITIVE: SensitiveAttribute<HtcdsCase> = {
  name: 'status',
  value: (c) => c.status ?? '',
  l: 2,
  weight: LOSS_WEIGHTS.status,
  alsoWithhold: ['decisionOrg'],
};

export interface QuarterAnonymisation {
  year: number;
  quarter: number;
  result: KAnonResult<HtcdsCase>;
  /** Cases of the quarter before anonymisation. */
  cases: number;
}

/**
 * Anonymises each quarter of receipt on its own: the quarter is written on every row, so classes
 * never span two quarters, and a quarter's rows are the same whether the file holds that quarter
 * or the whole year. Subtracting a quarter's file from the year's leaves whole other quarters,
 * each k-anonymous and 2-diverse on its own.
 */
export function anonymiseByQuarter(cases: readonly HtcdsCase[], law: LawVersion, k: number, budget?: number): QuarterAnonymisation[] {
  const qis = htcdsQuasiIdentifiers(law);
  const byQuarter = new Map<string, HtcdsCase[]>();
  for (const c of cases) {
    const key = `${c.year}-${c.quarter}`;
    byQuarter.set(key, [...(byQuarter.get(key) ?? []), c]);
  }
  return [...byQuarter.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([, list]) => ({
      year: list[0].year,
      quarter: list[0].quarter,
      cases: list.length,
      result: kAnonymise(list, qis, k, budget, { sensitive: HTCDS_SENSITIVE }),
    }));
}

/** One published case: the `Case Sheet` values by field name, and the support types (labels). */
export interface PublishedCase {
  fields: Record<string, string | number | boolean>;
  support: string[];
  /** Sort key: the published values only, so row order tells nothing withheld. */
  order: string;
}

/** The file's words for a kept case (docs/htcds.md, "Unknown and withheld"). */
export function publishedCase(kept: KeptRow<HtcdsCase>, qis: readonly QuasiIdentifier<HtcdsCase>[]): PublishedCase {
  const c = kept.row;
  const v = Object.fromEntries(qis.map((q, i) => [q.name, kept.qi[i]]));
  const unknown: string[] = [];
  const withheld: string[] = [];
  const fields: Record<string, string | number | boolean> = { con_Consent: true, vn_ReportYear: c.year, vn_ReportQuarter: c.quarter };

  // Gender: the toolkit's list has NonSpecifiedUnknown.
  if (v.sex === '*') withheld.push('prs_Gender');
  else fields.prs_Gender = v.sex ? GENDER[v.sex] : UNKNOWN;

  // Citizenship: the country as the toolkit names it; its group in our column.
  const [level, code] = [v.citizenship.slice(0, 2), v.citizenship.slice(2)];
  if (level === 'c:') {
    const country = toolkitCountry(code === '?' ? null : code || null);
    if (country) fields.prs_Citizenship = country;
    else unknown.push('prs_Citizenship');
    fields.vn_CitizenshipGroup = code === 'VN' ? 'Viet Nam' : code ? 'Foreign' : UNKNOWN;
  } else if (level === 'g:') {
    fields.vn_CitizenshipGroup = code === 'VN' ? 'Viet Nam' : code === 'Foreign' ? 'Foreign' : UNKNOWN;
    (code === UNKNOWN ? unknown : withheld).push('prs_Citizenship');
  } else {
    fields.vn_CitizenshipGroup = WITHHELD;
    withheld.push('prs_Citizenship', 'vn_CitizenshipGroup');
  }

  if (v.age === '*') {
    fields.vn_AgeGroup = WITHHELD;
    withheld.push('vn_AgeGroup');
  } else {
    fields.vn_AgeGroup = v.age;
    if (v.age === 'Minor' || v.age === 'Adult') withheld.push('vn_AgeGroup');
  }

  if (v.exploitation === '*') withheld.push('vic_TypeOfExploitation');
  else if (v.exploitation) fields.vic_TypeOfExploitation = EXPLOITATION[v.exploitation];
  else unknown.push('vic_TypeOfExploitation');

  if (v.province === '*') {
    fields.vn_Province = WITHHELD;
    withheld.push('vn_Province');
  } else fields.vn_Province = v.province;

  if (kept.sensitiveWithheld) withheld.push('vic_TraffickingStatus');
  else if (c.status) fields.vic_TraffickingStatus = TRAFFICKING_STATUS[c.status];
  else unknown.push('vic_TraffickingStatus');

  if (v.decisionOrg === '*') withheld.push('vic_TraffickinStatusDecisionMakingOrg');
  else if (v.decisionOrg) fields.vic_TraffickinStatusDecisionMakingOrg = v.decisionOrg;
  else unknown.push('vic_TraffickinStatusDecisionMakingOrg');

  const support: string[] = [];
  for (const q of qis) {
    if (!q.name.startsWith('support:')) continue;
    const type = q.name.slice('support:'.length);
    if (v[q.name] === '*') withheld.push(`spl_Type:${SUPPORT_PLAN_LABEL[type]}`);
    else if (v[q.name] === 'yes') support.push(SUPPORT_PLAN_LABEL[type]);
  }

  if (unknown.length) fields.vn_Unknown = unknown.join('; ');
  if (withheld.length) fields.vn_Withheld = withheld.join('; ');
  const order = JSON.stringify([c.year, c.quarter, ...kept.qi, kept.sensitiveWithheld ? '' : (c.status ?? '')]);
  return { fields, support, order };
}
