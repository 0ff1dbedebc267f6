/**
 * One inbox, one province (docs/inbox.md). The inbox records the official 2-digit code of the
 * province it serves (`vr inbox init --profile vn-2025 --province NN`). Under a province-wide
 * plan (`vn-2025`, the official list) that province decides everything "which units": the units
 * expected each quarter are its official list, units of another province are refused, and the
 * tracking grid, the consolidated workbook, the trends, the map and the HTCDS export count only
 * its units. A plan of the district era names its own province: its units are its own list, and
 * a bound inbox takes it only when that province lies in the inbox's province today
 * (`official_province_code`, e.g. Bắc Ninh 2017–2020 in 24 Bắc Ninh).
 *
 * An inbox made before the province was kept has none recorded: it is taken from what the inbox
 * already holds when that names one province only (the units `vr inbox init --province` set, the
 * registered units), and recorded at start; otherwise staff are told how to set it.
 */
import { UserError } from '../domain/errors';
import type { Profile } from '../domain/schema/profile';
import { findUnit, listUnits } from '../profiles';
import { OFFICIAL_LIST, provinceInfo } from '../profiles/officialList';
import type { ExpectedUnit, InboxContext, Store } from './storage/types';

export interface ProvinceRef {
  /** Official 2-digit code; a district-era plan's own code (`BN`) for its scope. */
  code: string;
  /** `Khánh Hoà` */
  name: string;
  /** `Tỉnh Khánh Hoà`, `Thành phố Huế`: what the letterhead's `UBND …` line names. */
  full_name: string;
}

export function officialProvince(code: string): ProvinceRef | undefined {
  const p = /^\d{1,2}$/.test(code.trim()) ? provinceInfo(code) : undefined;
  return p ? { code: p.code, name: p.name, full_name: p.full_name } : undefined;
}

/** The province a plan of the district era names, as it was then (`Tỉnh Bắc Ninh`). */
export function planProvince(profile: Profile): ProvinceRef {
  const full = /^(tỉnh|thành phố)\s/iu.test(profile.province) ? profile.province : `Tỉnh ${profile.province}`;
  return { code: profile.province_code, name: profile.province, full_name: full };
}

const isOfficial = (profile: Profile): boolean => profile.unit_list === 'vn-official';

/** The official province (today's 2-digit code) a unit of `profile` belongs to; null when the
 *  plan does not say (a district-era plan without `official_province_code`). */
export function unitProvinceCode(profile: Profile, unitCode: string): string | null {
  if (!isOfficial(profile)) return profile.official_province_code ?? null;
  return findUnit(profile, unitCode)?.province_code ?? null;
}

/** Which units a consolidation, a tracking grid or an export of `profile` covers. */
export interface Scope {
  profile: Profile;
  province: ProvinceRef;
  /** Every expected unit, by code. */
  units: ExpectedUnit[];
  /** Whether a unit (by its code or alias) belongs to this scope. */
  belongs(unitCode: string): boolean;
}

/** The scope of `profile` for a province: the official list of that province for a
 *  province-wide plan (`provinceCode` required), else the plan's own units (a `provinceCode`
 *  given must then be the plan's own code or today's code of its province). */
export function scopeOf(profile: Profile, provinceCode?: string | null, expected?: readonly ExpectedUnit[]): Scope {
  if (isOfficial(profile)) {
    if (!provinceCode) throw needsProvince(profile);
    const province = officialProvince(provinceCode);
    if (!province) throw unknownProvince(provinceCode);
    const units = listUnits(profile, province.code).map((u) => ({ unit_code: u.unit_code, unit_name: u.unit_name, province_code: u.province_code }));
    return { profile, province, units, belongs: (code) => findUnit(profile, code)?.province_code === province.code };
  }
  if (provinceCode) {
    const wanted = provinceCode.trim().toUpperCase();
    const today = profile.official_province_code;
    if (wanted !== profile.province_code.toUpperCase() && !(today && /^\d{1,2}$/.test(wanted) && wanted.padStart(2, '0') === today)) {
      throw otherPlanProvince(profile, provinceCode);
    }
  }
  const units =
    expected && expected.length > 0
      ? [...expected]
      : profile.units.map((u) => ({ unit_code: u.code, unit_name: u.name, province_code: profile.province_code }));
  const codes = new Set(units.map((u) => u.unit_code.toUpperCase()));
  const order = new Map(profile.units.map((u, i) => [u.code, i]));
  const rank = (code: string) => order.get(code) ?? profile.units.length;
  return {
    profile,
    province: planProvince(profile),
    // The plan's own order (its list is ordered by the plan, not by code).
    units: units.sort((a, b) => rank(a.unit_code) - rank(b.unit_code) || a.unit_code.localeCompare(b.unit_code)),
    belongs: (code) => {
      const unit = findUnit(profile, code);
      return unit !== undefined && codes.has(unit.code.toUpperCase());
    },
  };
}

export interface InboxProvince {
  province: ProvinceRef | null;
  /** True when the store holds it; false when taken from the inbox's content (or none). */
  recorded: boolean;
  /** Provinces the inbox's content names when none is recorded (several: it cannot choose). */
  seen: string[];
}

/** The inbox's province: the one recorded; else the one `vr inbox init --province` chose before
 *  the province was kept (its expected units name one province); else the only province its
 *  registered units name. */
export async function inboxProvince(store: Store, profiles: readonly Profile[]): Promise<InboxProvince> {
  const recorded = await store.getProvince();
  if (recorded) return { province: officialProvince(recorded) ?? null, recorded: true, seen: [recorded] };
  const expected = new Set<string>();
  for (const profile of profiles) {
    if (!isOfficial(profile)) continue;
    for (const u of await store.listExpectedUnits(profile.id)) if (/^\d{2}$/.test(u.province_code)) expected.add(u.province_code);
  }
  const registered = new Set<string>();
  for (const u of await store.listUnits()) {
    const profile = profiles.find((p) => p.id === u.profile);
    const code = profile ? unitProvinceCode(profile, u.unit_code) : null;
    if (code) registered.add(code);
  }
  const seen = [...new Set([...expected, ...registered])].sort();
  const only = expected.size === 1 ? [...expected][0] : expected.size === 0 && registered.size === 1 ? [...registered][0] : null;
  return { province: only ? (officialProvince(only) ?? null) : null, recorded: false, seen };
}

/** Records the province an older inbox's content names, when it names exactly one (at start and
 *  on `vr inbox init`); returns it. */
export async function adoptProvince(store: Store, profiles: readonly Profile[]): Promise<ProvinceRef | null> {
  const found = await inboxProvince(store, profiles);
  if (found.recorded || !found.province) return found.province;
  await store.setProvince(found.province.code);
  await store.appendAudit({ actor_role: 'system', actor: 'system', action: 'inbox_province_set', target: found.province.code, ip: null, detail: { from: 'existing_units' } });
  return found.province;
}

/** The scope of `profile` in this inbox: its province's official list, or the plan's own units. */
export async function inboxScope(ctx: InboxContext, profile: Profile): Promise<Scope> {
  if (!isOfficial(profile)) return scopeOf(profile, null, await ctx.store.listExpectedUnits(profile.id));
  const found = await inboxProvince(ctx.store, ctx.config.profiles);
  if (!found.province) throw found.seen.length > 1 ? severalProvinces(found.seen, ctx.config.dataDir) : noProvince(profile, ctx.config.dataDir);
  return scopeOf(profile, found.province.code);
}

/**
 * Whether the inbox may take a unit of `profile` (`vr inbox unit add`, the admin page). Under a
 * province-wide plan the inbox must have a province and the unit must be in it; a district-era
 * unit is refused only when its plan's province lies, today, in another province than the one
 * recorded.
 */
export async function checkUnitProvince(store: Store, profiles: readonly Profile[], profile: Profile, unitCode: string, dataDir: string): Promise<void> {
  const found = await inboxProvince(store, profiles);
  const unitProvince = unitProvinceCode(profile, unitCode);
  const unit = findUnit(profile, unitCode);
  const unitLabel = unit ? `${unit.code} ${unit.name}` : unitCode;
  if (isOfficial(profile) && !found.province) {
    throw found.seen.length > 1 ? severalProvinces(found.seen, dataDir) : noProvince(profile, dataDir);
  }
  if (!found.province || !unitProvince || unitProvince === found.province.code) return;
  const theirs = officialProvince(unitProvince);
  const theirsName = theirs ? `${theirs.full_name} (${theirs.code})` : unitProvince;
  const ours = `${found.province.full_name} (${found.province.code})`;
  throw new UserError(
    'other_province',
    `Đơn vị ${unitLabel} thuộc ${theirsName}, không thuộc ${ours} mà hộp thư này phục vụ: mỗi tỉnh một hộp thư. Kiểm tra lại mã đơn vị.`,
    `Unit ${unitLabel} is in ${theirsName}, not in ${ours}, which this inbox serves: one inbox per province. Check the unit code.`,
  );
}

/** `vr inbox init --province NN`: records the province, or confirms the one recorded; an inbox
 *  never moves to another province (its units, submissions and staff belong to the first).
 *  Returns the registered units of other provinces, which are not counted (the caller names them). */
export async function setInboxProvince(store: Store, profiles: readonly Profile[], provinceCode: string): Promise<{ province: ProvinceRef; changed: boolean; foreign: string[] }> {
  const province = officialProvince(provinceCode);
  if (!province) throw unknownProvince(provinceCode);
  const recorded = await store.getProvince();
  if (recorded && recorded !== province.code) {
    const was = officialProvince(recorded)?.full_name ?? recorded;
    throw new UserError(
      'other_province',
      `Hộp thư này phục vụ ${was} (${recorded}); không chuyển sang ${province.full_name} (${province.code}). Mỗi tỉnh một hộp thư: tạo hộp thư mới với --data <thư mục khác>.`,
      `This inbox serves ${was} (${recorded}); it does not move to ${province.full_name} (${province.code}). One inbox per province: create a new one with --data <another folder>.`,
    );
  }
  if (!recorded) {
    await store.setProvince(province.code);
    await store.appendAudit({ actor_role: 'system', actor: 'cli', action: 'inbox_province_set', target: province.code, ip: null, detail: { from: 'init' } });
  }
  const foreign: string[] = [];
  for (const u of await store.listUnits()) {
    const profile = profiles.find((p) => p.id === u.profile);
    const code = profile ? unitProvinceCode(profile, u.unit_code) : null;
    if (code && code !== province.code) foreign.push(`${u.unit_code} ${u.unit_name}`);
  }
  return { province, changed: !recorded, foreign };
}

const provinceList = (): string => OFFICIAL_LIST.provinces.map((p) => `${p.code} ${p.name}`).join(', ');

function needsProvince(profile: Profile): UserError {
  return new UserError(
    'bad_argument',
    `Kế hoạch ${profile.id} gồm mọi tỉnh: cần --province <mã tỉnh 2 chữ số hoặc tên>, ví dụ --province 56 (Khánh Hoà). Các tỉnh: ${provinceList()}.`,
    `Plan ${profile.id} covers every province: give --province <2-digit code or name>, e.g. --province 56 (Khánh Hoà). Provinces: ${provinceList()}.`,
  );
}

function unknownProvince(code: string): UserError {
  return new UserError(
    'bad_argument',
    `Không có tỉnh "${code}" trong danh mục: ghi mã 2 chữ số hoặc tên tỉnh: ${provinceList()}.`,
    `No province "${code}" in the official list: give its 2-digit code or name: ${provinceList()}.`,
  );
}

function otherPlanProvince(profile: Profile, code: string): UserError {
  return new UserError(
    'bad_argument',
    `Kế hoạch ${profile.id} chỉ có đơn vị của ${profile.province} (${profile.province_code}), không có tỉnh "${code}".`,
    `Plan ${profile.id} only has units of ${profile.province} (${profile.province_code}), not of province "${code}".`,
  );
}

function noProvince(profile: Profile, dataDir: string): UserError {
  return new UserError(
    'no_province',
    `Hộp thư chưa gắn với tỉnh nào: trên máy chủ chạy vr inbox init --data ${dataDir} --profile ${profile.id} --province <mã tỉnh>, ví dụ --province 56.`,
    `The inbox serves no province yet: on the server run vr inbox init --data ${dataDir} --profile ${profile.id} --province <code>, e.g. --province 56.`,
  );
}

function severalProvinces(seen: string[], dataDir: string): UserError {
  const names = seen.map((c) => `${officialProvince(c)?.name ?? c} (${c})`).join(', ');
  return new UserError(
    'no_province',
    `Hộp thư có đơn vị của nhiều tỉnh (${names}) mà chưa ghi tỉnh nào nó phục vụ: chạy vr inbox init --data ${dataDir} --profile vn-2025 --province <mã tỉnh>.`,
    `The inbox holds units of several provinces (${names}) and records none as its own: run vr inbox init --data ${dataDir} --profile vn-2025 --province <code>.`,
  );
}
