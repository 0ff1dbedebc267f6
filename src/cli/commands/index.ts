import type { Command } from 'commander';

/**
 * Every `vr` sub-command registers itself here with a one-line edit, so `main.ts` never changes
 * when a helper adds a command (brief: "CLI: commands register through src/cli/commands/index.ts").
 */
export const COMMANDS: Array<(program: Command) => void> = [];
