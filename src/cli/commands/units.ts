import type { Command } from 'commander';
import { UserError } from '../../domain/errors';
import { planNameWithId } from '../../domain/planName';
import { listUnits } from '../../profiles';
import { OFFICIAL_LIST, addProvinces, isProvinceLoaded, provinceInfo, type ProvinceUnits } from '../../profiles/officialList';
import { profileArg } from '../args';
import { registerUpdate } from './unitsUpdateCommand';

/** Registers the provinces the listing needs: one province's file for `--province` (a command
 *  that answers in a blink must not parse the 34 files), else the whole list. `code` is a code
 *  of the list's index (provinceInfo), never a typed path. */
function loadListed(code: string | undefined): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (code === undefined) require('../../profiles/officialAll');
  else if (!isProvinceLoaded(code)) addProvinces([require(`../../profiles/data/vn-units/${code}.json`) as ProvinceUnits]);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export interface UnitsOptions {
  profile?: string;
  province?: string;
  json?: boolean;
}

/** `vr units`: the profile's reporting units, one line each, or the JSON of docs/cli.md. */
export function runUnits(opts: UnitsOptions, write: (text: string) => void = (t) => process.stdout.write(t)): number {
  if (!opts.profile) {
    throw new UserError(
      'bad_argument',
      'Thiếu tuỳ chọn bắt buộc --profile <id>. Gõ "vr units --help" để xem cách dùng.',
      'Missing the required option --profile <id>. Run "vr units --help" for usage.',
    );
  }
  const profile = profileArg(opts.profile);
  let province: string | undefined;
  if (opts.province !== undefined) {
    if (profile.unit_list === 'vn-official') {
      const found = provinceInfo(opts.province);
      if (!found) {
        const known = OFFICIAL_LIST.provinces.map((p) => `${p.code} ${p.name}`).join(', ');
        throw new UserError(
          'bad_argument',
          `Không có tỉnh "${opts.province}" trong danh mục; dùng mã 2 chữ số hoặc tên: ${known}.`,
          `No province "${opts.province}" in the official list; use its 2-digit code or name: ${known}.`,
        );
      }
      province = found.code;
    } else {
      province = opts.province.trim();
      if (province.toUpperCase() !== profile.province_code.toUpperCase()) {
        throw new UserError(
          'bad_argument',
          `Kế hoạch ${planNameWithId(profile, 'vi')} chỉ có đơn vị của tỉnh ${profile.province} (${profile.province_code}).`,
          `Plan ${planNameWithId(profile, 'en')} only has units of ${profile.province} (${profile.province_code}).`,
        );
      }
    }
  }
  if (profile.unit_list === 'vn-official') loadListed(province);
  const units = listUnits(profile, province);
  if (opts.json) {
    write(JSON.stringify(units) + '\n');
    return 0;
  }
  const lines = units.map((u) => `${u.unit_code}\t${u.unit_name}\t${u.province_code}\t${u.province_name}`);
  const sample = profile.units_sample ? ' (danh sách mẫu / sample list)' : '';
  lines.push(`${units.length} đơn vị${sample} / ${units.length} units${profile.unit_list === 'vn-official' ? ` — danh mục / official list ${OFFICIAL_LIST.in_force_from}` : ''}`);
  write(lines.join('\n') + '\n');
  return 0;
}

export function register(program: Command): void {
  const units = program
    .command('units')
    .description('Danh sách đơn vị báo cáo của kế hoạch / list the reporting units of a profile')
    // Not a required option: commander would then demand it of `vr units update` too.
    .option('--profile <id>', 'kế hoạch (bắt buộc) / plan profile (required), e.g. vn-2025')
    .option('--province <NN>', 'mã tỉnh 2 chữ số hoặc tên / 2-digit province code or name')
    .option('--json', 'JSON: [{unit_code, unit_name, province_code, province_name}]')
    .action((opts: UnitsOptions) => {
      process.exitCode = runUnits(opts);
    });
  registerUpdate(units);
}
