/**
 * The pane's names for a plan: the one short name every part of the project uses
 * (src/domain/planName.ts). The full title stays available as a tooltip and in the Start panel's
 * description.
 */
import { planName, planTitle as fullTitle } from '../../domain/planName';
import type { Profile } from '../../domain/schema/profile';
import type { Language } from '../i18n';

export { planYears } from '../../domain/planName';

export function planLabel(profile: Profile, lang: Language): string {
  return planName(profile, lang);
}

export function planTitle(profile: Profile, lang: Language): string {
  return fullTitle(profile, lang);
}
