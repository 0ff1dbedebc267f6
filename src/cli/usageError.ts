import type { CommanderError } from 'commander';
import { UserError } from '../domain/errors';

/** What commander says (in English) about a mistyped command line, as the one bilingual line
 *  every other `vr` error is (docs/cli.md). `command` is the subcommand typed, if any. */
const RULES: { re: RegExp; vi: (m: RegExpExecArray) => string; en: (m: RegExpExecArray) => string }[] = [
  { re: /required option '([^']+)' not specified/, vi: (m) => `Thiếu tuỳ chọn bắt buộc ${m[1]}`, en: (m) => `Missing the required option ${m[1]}` },
  { re: /option '([^']+)' argument missing/, vi: (m) => `Tuỳ chọn ${m[1]} cần một giá trị`, en: (m) => `Option ${m[1]} needs a value` },
  {
    re: /unknown option '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/,
    vi: (m) => `Không có tuỳ chọn ${m[1]}${m[2] ? `; có phải ${m[2]}?` : ''}`,
    en: (m) => `Unknown option ${m[1]}${m[2] ? `; did you mean ${m[2]}?` : ''}`,
  },
  {
    re: /unknown command '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/,
    vi: (m) => `Không có lệnh "${m[1]}"${m[2] ? `; có phải ${m[2]}?` : ''}`,
    en: (m) => `Unknown command "${m[1]}"${m[2] ? `; did you mean ${m[2]}?` : ''}`,
  },
  { re: /missing required argument '([^']+)'/, vi: (m) => `Thiếu đối số ${m[1]}`, en: (m) => `Missing the argument ${m[1]}` },
  { re: /too many arguments/, vi: () => 'Thừa đối số (giá trị không thuộc tuỳ chọn nào)', en: () => 'Too many arguments (values that belong to no option)' },
  { re: /option '([^']+)' cannot be used with option '([^']+)'/, vi: (m) => `Không dùng ${m[1]} cùng ${m[2]}`, en: (m) => `${m[1]} cannot be used with ${m[2]}` },
];

export function usageError(error: Pick<CommanderError, 'message'>, command: string | null): UserError {
  const help = command ? `vr ${command} --help` : 'vr --help';
  const message = error.message.replace(/^error:\s*/, '').trim();
  for (const rule of RULES) {
    const m = rule.re.exec(message);
    if (m) return new UserError('bad_argument', `${rule.vi(m)}. Gõ "${help}" để xem cách dùng.`, `${rule.en(m)}. Run "${help}" for usage.`);
  }
  return new UserError('bad_argument', `Lệnh gõ chưa đúng (${message}). Gõ "${help}" để xem cách dùng.`, `Wrong command line (${message}). Run "${help}" for usage.`);
}
