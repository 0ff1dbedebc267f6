import '../../profiles/officialAll';
import type { Command } from 'commander';
import { checkParsed } from '../../domain/check';
import type { Finding } from '../../domain/finding';
import { readParsedWorkbookFile } from '../../xlsx/read';
import { isoDayArg, todayUtcDay } from '../args';
import { formatFindingsText, validateJson, type ValidateJson } from '../output';

export interface ValidateOptions {
  today?: string;
  json?: boolean;
}

export interface ValidateOutcome {
  exitCode: number;
  result: ValidateJson;
}

/** Exit codes of docs/cli.md: 2 unusable (FMT-01/02), 1 errors, 0 submittable. */
export function exitCodeFor(findings: readonly Finding[]): number {
  if (findings.some((f) => f.severity === 'fatal')) return 2;
  if (findings.some((f) => f.severity === 'error')) return 1;
  return 0;
}

export async function validateFile(file: string, opts: ValidateOptions = {}): Promise<ValidateOutcome> {
  const today = opts.today ? isoDayArg('--today', opts.today) : todayUtcDay();
  // Read and parsed in one streaming pass (the registry's grid is never kept).
  const parsed = await readParsedWorkbookFile(file);
  // The CLI's own way to fill the report (docs/rules.md: each shell names its own).
  const fillHint = { vi: `chạy lệnh vr fill ${file}`, en: `run vr fill ${file}` };
  const { findings } = checkParsed(parsed, { today, fillHint });
  return { exitCode: exitCodeFor(findings), result: validateJson(file, parsed.meta, findings) };
}

/** `vr validate`: every rule on a real .xlsx file. */
export async function runValidate(
  file: string,
  opts: ValidateOptions,
  out: (text: string) => void = (t) => process.stdout.write(t),
  err: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Promise<number> {
  const { exitCode, result } = await validateFile(file, opts);
  out(opts.json ? JSON.stringify(result, null, 2) + '\n' : formatFindingsText(file, result.findings));
  const fatal = result.findings.find((f) => f.severity === 'fatal');
  if (fatal) err(`${fatal.message_vi} | ${fatal.message_en}`);
  return exitCode;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('Kiểm tra sổ theo mọi quy tắc / check a workbook against every rule')
    .argument('<file.xlsx>', 'tệp sổ theo dõi / registry workbook')
    .option('--today <yyyy-mm-dd>', 'ngày kiểm tra (mặc định hôm nay) / check date (default today)')
    .option('--json', 'in kết quả dạng JSON / print JSON')
    .action(async (file: string, opts: ValidateOptions) => {
      process.exitCode = await runValidate(file, opts);
    });
}
