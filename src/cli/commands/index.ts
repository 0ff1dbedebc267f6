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
// `require`, not `import()`: a dynamic import stays an ES import under a CommonJS loader hook
// (`node --require tsx/cjs`), which cannot resolve a path without its extension.
/* eslint-disable @typescript-eslint/no-require-imports */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'new', load: async () => (require('./new') as typeof import('./new')).register },
  { name: 'validate', load: async () => (require('./validate') as typeof import('./validate')).register },
  { name: 'fill', load: async () => (require('./fill') as typeof import('./fill')).register },
  { name: 'sample', load: async () => (require('./sample') as typeof import('./sample')).register },
  { name: 'inbox', load: async () => (require('./inbox') as typeof import('./inbox')).register },
  { name: 'submit', load: async () => (require('./submit') as typeof import('./submit')).register },
  { name: 'consolidate', load: async () => (require('./consolidate') as typeof import('./consolidate')).register },
  { name: 'units', load: async () => (require('./units') as typeof import('./units')).register },
  { name: 'export', load: async () => (require('./export') as typeof import('./export')).register },
];
