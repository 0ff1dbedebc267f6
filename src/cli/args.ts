/**
 * Argument parsing shared by `vr` commands: a bad flag is a one-line bilingual `UserError`
 * (exit 2) that says which flag and what is allowed.
 */
import { promises as fs } from 'fs';
import { UserError } from '../domain/errors';
import { planName, planNameWithId } from '../domain/planName';
import { VIETNAM_UTC_OFFSET_MS } from '../domain/period';
import type { Profile, Unit } from '../domain/schema/profile';
import { supersededText } from '../domain/unitHistory';
import { PROFILES, findUnit, getProfile } from '../profiles';
import { OFFICIAL_LIST, allLoadedUnits, provinceInfo } from '../profiles/officialList';
import { closeUnits } from '../profiles/unitSearch';

export function profileArg(id: string): Profile {
  const profile = getProfile(id.trim());
  if (!profile) {
    const known = (lang: 'vi' | 'en') => PROFILES.map((p) => `${p.id} (${planName(p, lang)})`).join(', ');
    throw new UserError('unknown_profile', `Không có kế hoạch "${id}"; chọn một trong: ${known('vi')}.`, `Unknown profile "${id}"; use one of: ${known('en')}.`);
  }
  return profile;
}

export function unitArg(profile: Profile, code: string): Unit {
  const unit = findUnit(profile, code);
  if (unit && !unit.superseded) return unit;
  if (unit?.superseded) {
    // A retired code still reads in an old workbook, but nothing new is made for it.
    const text = supersededText(unit.superseded);
    const use = unit.superseded.successors.map((s) => s.code).join(', ');
    throw new UserError(
      'unknown_unit',
      `Mã đơn vị "${code}" không còn dùng: ${text.vi}${use ? `; dùng mã ${use}` : ''}.`,
      `Unit code "${code}" is retired: ${text.en}${use ? `; use ${use}` : ''}.`,
    );
  }
  if (profile.unit_list !== 'vn-official') {
    const known = profile.units.map((u) => u.code).join(', ');
    throw new UserError(
      'unknown_unit',
      `Kế hoạch ${planNameWithId(profile, 'vi')} không có đơn vị "${code}"; chọn một trong: ${known}.`,
      `Plan ${planNameWithId(profile, 'en')} has no unit "${code}"; use one of: ${known}.`,
    );
  }
  const province = provinceInfo(code);
  if (province) {
    throw new UserError(
      'unknown_unit',
      `"${code}" là ${province.full_name}, không phải đơn vị cấp xã; xem ${province.units} xã, phường của tỉnh: vr units --profile ${profile.id} --province ${province.code}.`,
      `"${code}" is the province ${province.name}, not a commune-level unit; list its ${province.units} units: vr units --profile ${profile.id} --province ${province.code}.`,
    );
  }
  const close = closeUnits([...allLoadedUnits()].map((u) => ({ code: u.unit_code, name: u.unit_name, province: u.province_name })), code, 5);
  const list = close.map((u) => `${u.code} ${u.name} (${u.province})`).join('; ');
  throw new UserError(
    'unknown_unit',
    `Không có đơn vị cấp xã mã "${code}" trong danh mục ${OFFICIAL_LIST.in_force_from.split('-').reverse().join('/')}${list ? `; gần giống: ${list}` : ''}. Xem danh sách: vr units --profile ${profile.id} --province <mã tỉnh>.`,
    `No commune-level unit "${code}" in the official list${list ? `; close matches: ${list}` : ''}. List them: vr units --profile ${profile.id} --province <code>.`,
  );
}

/** The unit a command uses without --unit: the fixed test unit of the profile when it has one
 *  (BN-TS for bac-ninh-2017, docs/profiles.md), else the profile's first unit. */
export function defaultUnitCode(profile: Profile): string {
  const fixed: Record<string, string> = { 'bac-ninh-2017': 'BN-TS', 'dong-thap-2021': 'DT-HN', 'huong-tra-2023': 'HUE-HT', 'vn-2025': 'BN-P-TS' };
  const code = fixed[profile.id];
  return code && findUnit(profile, code) ? code : profile.units[0].code;
}

export function intArg(flag: string, raw: string | number, min: number, max: number): number {
  const text = String(raw).trim();
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max) {
    throw new UserError(
      'bad_argument',
      `Giá trị ${flag} "${raw}" không hợp lệ: cần số nguyên từ ${min} đến ${max}.`,
      `Invalid ${flag} "${raw}": expected a whole number from ${min} to ${max}.`,
    );
  }
  return n;
}

/** `--today yyyy-mm-dd` as a UTC-midnight date. */
export function isoDayArg(flag: string, raw: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
    throw new UserError(
      'bad_argument',
      `Ngày ${flag} "${raw}" không hợp lệ: ghi dạng năm-tháng-ngày, ví dụ 2020-10-15.`,
      `Invalid ${flag} date "${raw}": use yyyy-mm-dd, e.g. 2020-10-15.`,
    );
  }
  return date;
}

/** Today as a UTC-midnight day of the Vietnamese calendar (the offices' day, whatever the
 *  machine's zone). */
export function todayUtcDay(): Date {
  const now = new Date(Date.now() + VIETNAM_UTC_OFFSET_MS);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The creator `vr sample` writes into a workbook's properties (docProps/core.xml). */
export const SAMPLE_CREATOR = 'vr sample (dữ liệu giả lập / synthetic data)';

/** Refuses to replace an existing file unless `--force`: a registry overwritten by a blank
 *  template is victim data lost. `replaceable` may allow a file known to be disposable (an
 *  earlier synthetic sample). */
export async function assertWritableTarget(target: string, force: boolean, replaceable?: (bytes: Buffer) => boolean): Promise<void> {
  if (force) return;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(target);
  } catch {
    return;
  }
  if (replaceable?.(bytes)) return;
  throw new UserError(
    'output_exists',
    `Tệp ${target} đã có: chọn tên khác, hoặc thêm --force để ghi đè.`,
    `${target} already exists: choose another name, or add --force to overwrite it.`,
  );
}
