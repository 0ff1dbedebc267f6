/**
 * The rule catalog: every family of docs/rules.md, in catalog order. A rule is data (id,
 * severity, fields, description) plus its check; the pane, the CLI and the inbox run this list.
 */
import { CHD_RULES } from './chd';
import { CNS_RULES } from './cns';
import { FMT_RULES } from './fmt';
import { PRT_RULES } from './prt';
import { REG_RULES } from './reg';
import { RPT_RULES } from './rpt';
import { SUP_RULES } from './sup';
import type { Rule } from './types';
import { VER_RULES } from './ver';

export type { Rule, RuleContext } from './types';

export const RULES: readonly Rule[] = [
  ...FMT_RULES,
  ...REG_RULES,
  ...VER_RULES,
  ...SUP_RULES,
  ...CHD_RULES,
  ...PRT_RULES,
  ...CNS_RULES,
  ...RPT_RULES,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
