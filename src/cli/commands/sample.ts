import '../../profiles/officialAll';
import { inflateRawSync } from 'zlib';
import type { Command } from 'commander';
import { formatDate } from '../../domain/dates';
import { summarise, type Finding } from '../../domain/finding';
import { generateSample } from '../../domain/sample';
import { inPlanYears, periodDue } from '../../domain/period';
import type { Profile } from '../../domain/schema/profile';
import { DEFAULT_PROFILE_ID } from '../../profiles';
import { writeFileAtomic, writeTemplateFile } from '../../xlsx/write';
import { SAMPLE_CREATOR, assertWritableTarget, defaultUnitCode, intArg, profileArg, todayUtcDay, unitArg } from '../args';

export interface SampleCliOptions {
  rows?: string | number;
  seed?: string | number;
  profile?: string;
  unit?: string;
  year?: string | number;
  quarter?: string | number;
  errors?: boolean;
  output?: string;
  force?: boolean;
}

/** Without --rows / --seed: a register big enough to try every screen, the same file each time. */
export const SAMPLE_DEFAULTS = { rows: 50, seed: 1 } as const;

/** The sample's quarter when none is given: Q3 2020 (docs/cli.md) where the plan covers 2020, as
 *  the default plan does; otherwise the quarter due today under the plan (Q3 2026 for `vn-2025`
 *  in December 2026), kept within the plan's years, so the sample is never outside its plan. */
export function defaultSamplePeriod(profile: Pick<Profile, 'years' | 'period'>, today: Date): { year: number; quarter: number } {
  if (inPlanYears(profile, 2020)) return { year: 2020, quarter: 3 };
  const due = periodDue(profile, today);
  if (due.year > profile.years.to) return { year: profile.years.to, quarter: 4 };
  if (due.year < profile.years.from) return { year: profile.years.from, quarter: 1 };
  return due;
}

/** An earlier `vr sample` output may be replaced (tests regenerate samples in place); any other
 *  existing file, perhaps a real registry, needs --force. docProps/core.xml is stored deflated,
 *  so its text is looked for after inflating the zip entry. */
function isEarlierSample(bytes: Buffer): boolean {
  try {
    const name = Buffer.from('docProps/core.xml');
    const at = bytes.indexOf(name);
    if (at < 30 || bytes.readUInt32LE(at - 30) !== 0x04034b50) return false;
    const method = bytes.readUInt16LE(at - 22);
    const size = bytes.readUInt32LE(at - 12);
    const start = at + name.length + bytes.readUInt16LE(at - 2);
    const raw = bytes.subarray(start, start + size);
    const xml = (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
    return xml.includes(SAMPLE_CREATOR);
  } catch {
    return false;
  }
}

/** `file.xlsx` -> `file.expected.json` (docs/cli.md). */
export function expectedPathOf(output: string): string {
  return output.replace(/\.xlsx$/i, '') + '.expected.json';
}

/** `vr sample`: a synthetic, deterministic register; with `--errors` also the findings the
 *  planted faults must produce, in the shape of `vr validate --json`. */
export async function runSample(opts: SampleCliOptions, log: (line: string) => void = console.log): Promise<number> {
  const profile = profileArg(opts.profile ?? DEFAULT_PROFILE_ID);
  const unit = unitArg(profile, opts.unit ?? defaultUnitCode(profile));
  const fallback = defaultSamplePeriod(profile, todayUtcDay());
  const year = intArg('--year', opts.year ?? fallback.year, 2000, 2100);
  const quarter = intArg('--quarter', opts.quarter ?? (opts.year === undefined ? fallback.quarter : 3), 1, 4);
  const rows = intArg('--rows', opts.rows ?? SAMPLE_DEFAULTS.rows, 0, 1_000_000);
  const seed = intArg('--seed', opts.seed ?? SAMPLE_DEFAULTS.seed, 0, 2 ** 31 - 1);
  const output = opts.output ?? `sample-${unit.code}-${year}-Q${quarter}.xlsx`;
  await assertWritableTarget(output, Boolean(opts.force), isEarlierSample);
  const result = generateSample({ rows, seed, profile, unit, year, quarter, errors: Boolean(opts.errors) });
  await writeTemplateFile(result.spec, output, { creator: SAMPLE_CREATOR });
  log(`Đã tạo ${output}: ${rows} người, ${unit.code}, quý ${quarter}/${year}. | Wrote ${output}: ${rows} people, ${unit.code}, Q${quarter} ${year}.`);
  if (result.validToday.from.getTime() > todayUtcDay().getTime()) {
    const from = result.validToday.from.toISOString().slice(0, 10);
    // The data runs to the end of the quarter: checked earlier, its later dates are "future".
    log(`Lưu ý: quý này chưa kết thúc; kiểm tra với --today từ ${from} trở đi. | Note: the quarter is not over; check with --today ${from} or later.`);
  }
  if (opts.errors) {
    const expectedPath = expectedPathOf(output);
    const findings = result.expected as unknown as Finding[];
    const json = {
      file: output,
      unit_code: unit.code,
      year,
      quarter,
      // The expected findings hold for `vr validate --today` in this range (default: today).
      valid_today: { from: formatDate(result.validToday.from), to: formatDate(result.validToday.to) },
      findings,
      summary: summarise(findings),
    };
    await writeFileAtomic(expectedPath, Buffer.from(JSON.stringify(json, null, 2) + '\n', 'utf8'));
    log(`Đã ghi ${findings.length} phát hiện dự kiến vào ${expectedPath}. | Wrote ${findings.length} expected findings to ${expectedPath}.`);
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command('sample')
    .description('Tạo sổ mẫu có dữ liệu giả lập / write a synthetic sample register')
    .option('--rows <n>', `số người / number of people (mặc định / default ${SAMPLE_DEFAULTS.rows})`)
    .option('--seed <s>', `hạt giống ngẫu nhiên / random seed, same seed same file (mặc định / default ${SAMPLE_DEFAULTS.seed})`)
    .option('--profile <id>', 'kế hoạch / plan profile (default bac-ninh-2017)')
    .option('--unit <code>', 'mã đơn vị / unit code (default BN-TS)')
    .option('--year <yyyy>', 'năm / year (mặc định 2020, hoặc quý đến hạn của kế hoạch / default 2020, or the plan\'s quarter due today)')
    .option('--quarter <q>', 'quý / quarter (default 3)')
    .option('--errors', 'cài lỗi mẫu cho mọi quy tắc, ghi kèm file.expected.json / plant one fault per rule and write file.expected.json')
    .option('-o, --output <file.xlsx>', 'tệp ra / output file (mặc định / default sample-<đơn vị>-<năm>-Q<quý>.xlsx)')
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async (opts: SampleCliOptions) => {
      process.exitCode = await runSample(opts);
    });
}
