/**
 * One name per plan (docs/profiles.md): the pane, the inbox pages, the CLI's messages and the
 * printed subtitles all call a plan by the same short name, `Bắc Ninh 2017–2020` or
 * `Chính quyền hai cấp 2025–2030`. The profile's internal id (`vn-2025`) is what a command takes
 * after `--profile`; a person never reads it first.
 */
import type { Profile } from './schema/profile';

export type PlanLang = 'vi' | 'en';

type Named = Pick<Profile, 'province' | 'years'> & Partial<Pick<Profile, 'short_title' | 'short_title_en'>>;

/** The plan's years as people write them: `2017–2020`, or `2023` for a one-year plan. */
export function planYears(profile: Pick<Profile, 'years'>): string {
  const { from, to } = profile.years;
  return from === to ? String(from) : `${from}–${to}`;
}

/** A plan's short name: its short title (the province when it has none) and its years. */
export function planName(profile: Named, lang: PlanLang): string {
  const short = (lang === 'en' ? profile.short_title_en : profile.short_title) ?? profile.short_title ?? profile.province;
  return `${short} ${planYears(profile)}`;
}

/** The short name with the id a command takes after `--profile`, for the CLI's own messages:
 *  `Bắc Ninh 2017–2020 (bac-ninh-2017)`. */
export function planNameWithId(profile: Named & Pick<Profile, 'id'>, lang: PlanLang): string {
  return `${planName(profile, lang)} (${profile.id})`;
}

/** The plan's full title, for a tooltip or a description under its name. */
export function planTitle(profile: Pick<Profile, 'title' | 'title_en'>, lang: PlanLang): string {
  return lang === 'en' ? profile.title_en : profile.title;
}
