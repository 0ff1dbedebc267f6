import { Command, CommanderError } from 'commander';
import { isUserError } from '../domain/errors';
import { COMMANDS } from './commands';
import { usageError } from './usageError';

/**
 * The `vr` entry point. Every failure ends as one bilingual line on stderr and an exit code
 * (docs/cli.md): a clerk must never see a stack trace, only what went wrong and what to do.
 * `VR_DEBUG=1` prints the stack for developers.
 */

/** Exit codes of docs/cli.md. */
export const EXIT = { ok: 0, findings: 1, unusable: 2, unreachable: 3 } as const;

/** An error may carry the exit code its command wants (e.g. `vr submit` uses 3 when the inbox is down). */
function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown }).exitCode;
  if (typeof code === 'number' && Number.isInteger(code) && code > 0) return code;
  if (isUserError(error) && (error.code === 'inbox_unreachable' || error.code === 'auth_failed')) {
    return EXIT.unreachable;
  }
  return EXIT.unusable;
}

/** The program with the command typed in `argv` (`vr units …`: only `units` is loaded), or with
 *  every command when none is typed or the word is no command (the help lists them all and a
 *  mistyped command gets commander's "did you mean"). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name('vr')
    .description(
      'Sổ theo dõi nạn nhân bị mua bán và báo cáo quý: tạo mẫu, kiểm tra, lập báo cáo, nộp.\n' +
        'Human-trafficking victim registry and quarterly report: create, check, fill, submit.',
    )
    .helpOption('-h, --help', 'Trợ giúp / show help')
    .helpCommand('help [command]', 'Trợ giúp cho một lệnh / help for a command')
    // Commander's own English error line is replaced by one bilingual line (usageError).
    .configureOutput({ outputError: () => undefined })
    .exitOverride();
  const typed = argv[2];
  const only = COMMANDS.find((c) => c.name === typed);
  for (const entry of only ? [only] : COMMANDS) (await entry.load())(program);
  return program;
}

export function reportError(error: unknown, stderr: (line: string) => void): number {
  if (process.env.VR_DEBUG === '1' && error instanceof Error && error.stack) stderr(error.stack);
  if (isUserError(error)) {
    stderr(error.toLine());
    return exitCodeOf(error);
  }
  stderr(
    'Lỗi không mong đợi; hãy thử lại hoặc chạy với VR_DEBUG=1 và gửi kết quả cho bộ phận kỹ thuật. | ' +
      'Unexpected error; try again or run with VR_DEBUG=1 and send the output to technical support.',
  );
  return exitCodeOf(error);
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = await buildProgram(argv);
  // Commands report their exit code through process.exitCode; a run must not inherit the code of
  // an earlier run in the same process (the tests call main() many times in one worker).
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (usage error, --help, --version).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') {
        return EXIT.ok;
      }
      const typed = argv.slice(2).find((a) => !a.startsWith('-'));
      const command = program.commands.find((c) => c.name() === typed);
      // `vr` alone shows the help (commander's "help" path above); a usage error is one line.
      return reportError(usageError(error, command ? command.name() : null), (line) => process.stderr.write(line + '\n'));
    }
    return reportError(error, (line) => process.stderr.write(line + '\n'));
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error, (line) => process.stderr.write(line + '\n'));
    },
  );
}
