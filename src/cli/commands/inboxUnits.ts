/**
 * A province's inbox in one command: `vr inbox init --profile vn-2025 --province NN` makes the
 * inbox expect every commune-level unit of the province; `vr inbox unit add --all -o FILE` issues
 * every expected unit's token at once into a file readable only by its owner (one line per
 * unit: code, name, token), never printed.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { UserError } from '../../domain/errors';
import { planNameWithId } from '../../domain/planName';
import { newToken, sha256Hex } from '../../inbox/auth';
import type { ExpectedUnit } from '../../inbox/storage/types';
import { listUnits } from '../../profiles';
import { OFFICIAL_LIST, provinceInfo } from '../../profiles/officialList';
import { officialProvince, scopeOf, setInboxProvince } from '../../inbox/province';
import { profileArg } from '../args';
import { configFor, withStore } from './inbox';

type Out = (line: string) => void;
const stdout: Out = (line) => process.stdout.write(line + '\n');

export function requireUnit(unit: string | undefined): string {
  if (unit) return unit;
  throw new UserError(
    'bad_argument',
    'Thiếu --unit <mã đơn vị>, hoặc dùng --all -o <tệp> để cấp mã cho mọi đơn vị.',
    'Missing --unit <code>; or use --all -o <file> to issue every unit a token.',
  );
}

/** Sets the units the inbox expects under the profile (a province of the official list, or the
 *  profile's list) and binds the inbox to that province (src/inbox/province.ts): the one given,
 *  or the one a district-era plan's area lies in today. */
export async function inboxExpect(opts: { data: string; profile?: string; province?: string }, out: Out = stdout): Promise<ExpectedUnit[]> {
  if (!opts.profile) throw new UserError('bad_argument', '--province cần đi cùng --profile, ví dụ --profile vn-2025 --province 24.', '--province needs --profile, e.g. --profile vn-2025 --province 24.');
  const profile = profileArg(opts.profile);
  let provinceCode: string | undefined;
  if (profile.unit_list === 'vn-official') {
    const province = opts.province ? provinceInfo(opts.province) : undefined;
    if (!province) {
      const known = OFFICIAL_LIST.provinces.map((p) => `${p.code} ${p.name}`).join(', ');
      throw new UserError(
        'bad_argument',
        `${opts.province ? `Không có tỉnh "${opts.province}"` : `Kế hoạch ${planNameWithId(profile, 'vi')} cần --province`}: ghi mã 2 chữ số hoặc tên tỉnh: ${known}.`,
        `${opts.province ? `No province "${opts.province}"` : `Plan ${planNameWithId(profile, 'en')} needs --province`}: give its 2-digit code or name: ${known}.`,
      );
    }
    provinceCode = province.code;
  } else if (opts.province) {
    scopeOf(profile, opts.province); // refuses a province the plan does not cover
  }
  const units = listUnits(profile, provinceCode).map((u) => ({ unit_code: u.unit_code, unit_name: u.unit_name, province_code: u.province_code }));
  const binding = provinceCode ?? profile.official_province_code;
  const config = configFor(opts);
  const foreign = await withStore(config, async (store) => {
    const bound = binding ? await setInboxProvince(store, config.profiles, binding) : null;
    await store.setExpectedUnits(profile.id, units);
    await store.appendAudit({ actor_role: 'system', actor: 'cli', action: 'expected_units_set', target: provinceCode ?? profile.province_code, ip: null, detail: { profile: profile.id, units: units.length } });
    return bound?.foreign ?? [];
  });
  const where = provinceCode ? `${provinceInfo(provinceCode)!.full_name} (${provinceCode})` : profile.province;
  out(`Hộp thư chờ báo cáo của ${units.length} đơn vị (${where}, kế hoạch ${planNameWithId(profile, 'vi')}); cấp mã cho tất cả: vr inbox unit add --data ${opts.data} --profile ${profile.id} --all -o ma-truy-cap.tsv`);
  out(`The inbox expects ${units.length} units (${where}, plan ${planNameWithId(profile, 'en')}); issue every token: vr inbox unit add --data ${opts.data} --profile ${profile.id} --all -o tokens.tsv`);
  if (binding) {
    const p = officialProvince(binding);
    out(`Hộp thư này phục vụ ${p?.full_name ?? binding} (${binding}); đơn vị của tỉnh khác sẽ bị từ chối. / This inbox serves ${p?.full_name ?? binding} (${binding}); units of other provinces are refused.`);
  }
  if (foreign.length > 0) {
    out(
      `Có ${foreign.length} đơn vị của tỉnh khác đã được cấp mã trước đây, không được tính: ${foreign.join('; ')}. Hãy vô hiệu hoá chúng ở trang quản trị. / ` +
        `${foreign.length} units of other provinces were registered earlier and are not counted: ${foreign.join('; ')}. Deactivate them on the admin page.`,
    );
  }
  return units;
}

/** Issues a new token to every expected unit, into `output` (mode 0600, created new). */
export async function inboxUnitAddAll(opts: { data: string; profile: string; output?: string }, out: Out = stdout): Promise<number> {
  const profile = profileArg(opts.profile);
  if (!opts.output) {
    throw new UserError('bad_argument', '--all cần -o <tệp>: mã truy cập chỉ ghi vào tệp, không in ra màn hình.', '--all needs -o <file>: tokens go only into the file, never to the screen.');
  }
  const target = path.resolve(opts.output);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  return withStore(configFor(opts), async (store) => {
    let units = await store.listExpectedUnits(profile.id);
    if (units.length === 0 && profile.unit_list !== 'vn-official') {
      units = listUnits(profile).map((u) => ({ unit_code: u.unit_code, unit_name: u.unit_name, province_code: u.province_code }));
    }
    if (units.length === 0) {
      throw new UserError(
        'bad_argument',
        `Hộp thư chưa có danh sách đơn vị của kế hoạch ${planNameWithId(profile, 'vi')}: chạy trước vr inbox init --data ${opts.data} --profile ${profile.id} --province <mã tỉnh>.`,
        `The inbox has no unit list for plan ${planNameWithId(profile, 'en')} yet: first run vr inbox init --data ${opts.data} --profile ${profile.id} --province <code>.`,
      );
    }
    try {
      await fs.access(target);
      throw new UserError('output_exists', `Tệp ${opts.output} đã có: chọn tên khác (mã cũ trong tệp đó vẫn dùng được).`, `${opts.output} already exists: choose another name (the tokens in it still work).`);
    } catch (error) {
      if (error instanceof UserError) throw error;
    }
    const issued = units.map((u) => ({ ...u, token: newToken() }));
    const lines = issued.map((u) => `${u.unit_code}\t${u.unit_name}\t${u.token}`).join('\n') + '\n';
    // The file exists (owner-only) before any token is live, and appears under its name only once all are.
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(lines, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      for (const u of issued) {
        const existed = await store.getUnit(profile.id, u.unit_code);
        await store.upsertUnit({ profile: profile.id, unit_code: u.unit_code, unit_name: u.unit_name, province_code: u.province_code, token_hash: sha256Hex(u.token) });
        await store.appendAudit({ actor_role: 'system', actor: 'cli', action: 'unit_token_issued', target: u.unit_code, ip: null, detail: { profile: profile.id, replaced: existed !== null } });
      }
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    out(`Đã cấp mã truy cập cho ${issued.length} đơn vị vào ${opts.output} (chỉ chủ sở hữu đọc được; mã cũ của các đơn vị này không còn dùng được). Chuyển cho từng đơn vị qua kênh an toàn rồi xoá tệp.`);
    out(`Issued ${issued.length} unit tokens into ${opts.output} (owner-only; these units' old tokens no longer work). Hand each to its unit over a safe channel, then delete the file.`);
    return issued.length;
  });
}
