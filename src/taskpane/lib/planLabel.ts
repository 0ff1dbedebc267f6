/**
 * Short names for a plan profile, for a 320 px pane: the province (or "two-level government"
 * for the nationwide profile) and the plan years. The full title stays available as a tooltip
 * and in the Start panel's description.
 */
import type { Profile } from '../../domain/schema/profile';
import type { Language } from '../i18n';

export function planYears(profile: Profile): string {
  return profile.years.from === profile.years.to ? String(profile.years.from) : `${profile.years.from}–${profile.years.to}`;
}

export function planLabel(profile: Profile, lang: Language): string {
  const years = planYears(profile);
  if (profile.level === 'commune' && profile.law === 'law-2024') {
    return lang === 'vi' ? `Chính quyền hai cấp (Luật 53/2024), ${years}` : `Two-level government (Law 53/2024), ${years}`;
  }
  return lang === 'vi' ? `Kế hoạch ${profile.province}, ${years}` : `${profile.province} plan, ${years}`;
}

export function planTitle(profile: Profile, lang: Language): string {
  return lang === 'vi' ? profile.title : profile.title_en;
}
