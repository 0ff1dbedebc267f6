import type { Command } from 'commander';
import { buildTemplate } from '../../domain/template';
import { writeTemplateFile } from '../../xlsx/write';
import { assertWritableTarget, intArg, profileArg, unitArg } from '../args';

export interface NewOptions {
  profile: string;
  unit: string;
  year: string | number;
  quarter: string | number;
  output: string;
  force?: boolean;
}

/** `vr new`: a blank template for one unit and quarter (domain.md §4). */
export async function runNew(opts: NewOptions, log: (line: string) => void = console.log): Promise<number> {
  const profile = profileArg(opts.profile);
  const unit = unitArg(profile, opts.unit);
  const year = intArg('--year', opts.year, 2000, 2100);
  const quarter = intArg('--quarter', opts.quarter, 1, 4);
  await assertWritableTarget(opts.output, Boolean(opts.force));
  const spec = buildTemplate(profile, unit, year, quarter, new Date().toISOString());
  await writeTemplateFile(spec, opts.output);
  log(`Đã tạo ${opts.output} (${unit.name}, quý ${quarter}/${year}). | Created ${opts.output} (${unit.code}, Q${quarter} ${year}).`);
  return 0;
}

export function register(program: Command): void {
  program
    .command('new')
    .description('Tạo sổ mới từ mẫu / create a blank registry workbook from the template')
    .requiredOption('--profile <id>', 'kế hoạch / plan profile, e.g. bac-ninh-2017')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code, e.g. BN-TS')
    .requiredOption('--year <yyyy>', 'năm / year')
    .requiredOption('--quarter <q>', 'quý 1-4 / quarter 1-4')
    .requiredOption('-o, --output <file.xlsx>', 'tệp ra / output file')
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async (opts: NewOptions) => {
      process.exitCode = await runNew(opts);
    });
}
