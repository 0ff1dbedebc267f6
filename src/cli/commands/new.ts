import type { Command } from 'commander';
import { inPlanYears, periodDue } from '../../domain/period';
import { planNameWithId } from '../../domain/planName';
import { buildTemplate } from '../../domain/template';
import { DEFAULT_PROFILE_ID } from '../../profiles';
import { writeTemplateFile } from '../../xlsx/write';
import { assertWritableTarget, defaultUnitCode, intArg, profileArg, todayUtcDay, unitArg } from '../args';
// The whole official list: a vn-2025 unit code is looked up among every province's units.
import '../../profiles/officialAll';

export interface NewOptions {
  profile?: string;
  unit?: string;
  year?: string | number;
  quarter?: string | number;
  output?: string;
  force?: boolean;
  /** Today (UTC-midnight day, Vietnam calendar) for the default period; tests fix it. */
  today?: Date;
}

/** `vr new`: a blank template for one unit and quarter (docs/cli.md). */
export async function runNew(opts: NewOptions, log: (line: string) => void = console.log): Promise<number> {
  const profile = profileArg(opts.profile ?? DEFAULT_PROFILE_ID);
  const unit = unitArg(profile, opts.unit ?? defaultUnitCode(profile));
  // Without --year/--quarter: the period due now under the plan's rule, as the pane opens on.
  const due = periodDue(profile, opts.today ?? todayUtcDay());
  const year = intArg('--year', opts.year ?? due.year, 2000, 2100);
  const quarter = intArg('--quarter', opts.quarter ?? due.quarter, 1, 4);
  const output = opts.output ?? `${unit.code}-${year}-Q${quarter}.xlsx`;
  await assertWritableTarget(output, Boolean(opts.force));
  const spec = buildTemplate(profile, unit, year, quarter, new Date().toISOString());
  await writeTemplateFile(spec, output);
  log(`Đã tạo ${output} (${unit.name}, quý ${quarter}/${year}). | Created ${output} (${unit.code}, Q${quarter} ${year}).`);
  if (!inPlanYears(profile, year)) {
    log(`Lưu ý: năm ${year} nằm ngoài kế hoạch ${planNameWithId(profile, 'vi')}; chọn kế hoạch khác bằng --profile nếu cần. | Note: ${year} is outside plan ${planNameWithId(profile, 'en')}; pick another with --profile if needed.`);
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command('new')
    .description('Tạo sổ mới từ mẫu / create a blank registry workbook from the template')
    .option('--profile <id>', `kế hoạch / plan profile (mặc định / default ${DEFAULT_PROFILE_ID})`)
    .option('--unit <code>', 'mã đơn vị / unit code (mặc định / default BN-TS, hoặc đơn vị đầu tiên của kế hoạch / or the plan\'s first unit)')
    .option('--year <yyyy>', 'năm / year (mặc định: kỳ đến hạn nộp / default: the period now due)')
    .option('--quarter <q>', 'quý 1-4 / quarter 1-4 (mặc định: kỳ đến hạn nộp / default: the period now due)')
    .option('-o, --output <file.xlsx>', 'tệp ra / output file (mặc định / default <đơn vị>-<năm>-Q<quý>.xlsx)')
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async (opts: NewOptions) => {
      process.exitCode = await runNew(opts);
    });
}
