import type { Profile } from '../domain/schema/profile';

/** Law 2011 + Decree 09/2013/NĐ-CP: identified victims get every type; persons awaiting
 *  verification, accompanying minors and foreign victims the immediate ones (Art. 19, 31);
 *  education/vocational training and the initial allowance (Art. 23) only identified victims. */
const IMMEDIATE_2011 = ['essential_travel', 'medical', 'psychological', 'legal_aid'];
export const ELIGIBILITY_2011: Profile['support_eligibility'] = {
  identified: [
    'essential_travel',
    'medical',
    'psychological',
    'legal_aid',
    'education_vocational',
    'initial_allowance',
    'loan',
    'other',
  ],
  pending: IMMEDIATE_2011,
  accompanying_minor: IMMEDIATE_2011,
  foreign: IMMEDIATE_2011,
};

/** Law 53/2024/QH15 Art. 37: identified Vietnamese victims a–k; persons being identified a–g;
 *  accompanying persons under 18 a–h; foreign victims a, b, c, d, đ, g. */
export const ELIGIBILITY_2024: Profile['support_eligibility'] = {
  identified: ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'k_loan'],
  pending: ['a', 'b', 'c', 'd', 'dd', 'e', 'g'],
  accompanying_minor: ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h'],
  foreign: ['a', 'b', 'c', 'd', 'dd', 'g'],
};

export const TARGETS_100 = {
  verified_pct: 100,
  protected_pct: 100,
  supported_pct: 100,
  child_referral_pct: 100,
};
