/**
 * Names for a plan or a unit known only by the id a workbook's `_meta` holds (another plan's
 * workbook, another unit's): the plan's one short name (src/domain/planName.ts) and the unit's
 * name come first, the codes after.
 */
import { planNameWithId, type PlanLang } from '../domain/planName';
import { findUnit, getProfile } from './index';

/** `Bắc Ninh 2017–2020 (bac-ninh-2017)`, or the id in quotes when no plan has it. */
export function planNameOfId(id: string, lang: PlanLang): string {
  const profile = getProfile(id);
  return profile ? planNameWithId(profile, lang) : `"${id}"`;
}

/** `Huyện Tiên Du (BN-TD)`, or the code alone when the plan has no such unit. */
export function unitNameOfCode(profileId: string, code: string): string {
  const profile = getProfile(profileId);
  const unit = profile ? findUnit(profile, code) : undefined;
  return unit ? `${unit.name} (${unit.code})` : code;
}
