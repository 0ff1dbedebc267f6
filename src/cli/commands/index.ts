import type { Command } from 'commander';
import { register as registerConsolidate } from './consolidate';
import { register as registerExport } from './export';
import { register as registerFill } from './fill';
import { register as registerInbox } from './inbox';
import { register as registerNew } from './new';
import { register as registerSample } from './sample';
import { register as registerSubmit } from './submit';
import { register as registerUnits } from './units';
import { register as registerValidate } from './validate';

/**
 * Every `vr` sub-command registers itself here with a one-line edit, so `main.ts` never changes
 * when a command is added.
 */
export const COMMANDS: Array<(program: Command) => void> = [
  registerNew,
  registerValidate,
  registerFill,
  registerSample,
  registerInbox,
  registerSubmit,
  registerConsolidate,
  registerUnits,
  registerExport,
];
