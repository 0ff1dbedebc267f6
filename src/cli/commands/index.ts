import type { Command } from 'commander';

/** One `vr` sub-command: its name and how to load the module that registers it. */
export interface CommandEntry {
  name: string;
  load(): Promise<(program: Command) => void>;
}

/**
 * Every `vr` sub-command registers itself here with a one-line edit, so `main.ts` never changes
 * when a command is added. Each module is loaded only when its command runs (or for the whole
 * help): `vr units` must not pay for exceljs, fastify and the rule engine it does not use.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'new', load: async () => (await import('./new')).register },
  { name: 'validate', load: async () => (await import('./validate')).register },
  { name: 'fill', load: async () => (await import('./fill')).register },
  { name: 'sample', load: async () => (await import('./sample')).register },
  { name: 'inbox', load: async () => (await import('./inbox')).register },
  { name: 'submit', load: async () => (await import('./submit')).register },
  { name: 'consolidate', load: async () => (await import('./consolidate')).register },
  { name: 'units', load: async () => (await import('./units')).register },
  { name: 'export', load: async () => (await import('./export')).register },
];
