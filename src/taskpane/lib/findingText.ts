/**
 * A finding as the clerk reads it: the words first, the rule's ID after in brackets for whoever
 * looks it up in docs/rules.md (`Ô R2: … (CHD-01)`), never an ID leading the sentence.
 */
import type { Finding } from '../../domain/finding';
import { RULES } from '../../domain/rules/index';
import type { Language } from '../i18n';

export function findingText(finding: Pick<Finding, 'rule' | 'message_vi' | 'message_en'>, lang: Language): string {
  const message = (lang === 'vi' ? finding.message_vi : finding.message_en).trim();
  return `${message} (${finding.rule})`;
}

const DESCRIPTIONS = new Map(RULES.map((rule) => [rule.id, rule]));

/** What a rule checks, in words (`Trẻ em chưa được kết nối …`), for a group of findings. */
export function ruleTitle(id: string, lang: Language): string {
  const rule = DESCRIPTIONS.get(id);
  if (!rule) return id;
  return lang === 'vi' ? rule.description_vi : rule.description_en;
}

/** `Ô R12 (Ngày sinh) của trang tính "Sổ theo dõi"` / `Cell R12 (Date of birth) of sheet "…"` (and
 *  the `dòng`/`row` form): the place every row message starts with. */
const PLACE = /^(?:Ô|Cell|Dòng|Row) (?:[A-Z]+)?\d+ \([^)]*\) (?:của trang tính|of sheet) "[^"]*"\s*:?\s*/u;

/**
 * A finding shown under its own form field: the field is the place, so the message loses its
 * `Ô R12 (…) của trang tính "…"` prefix (the row does not exist yet), then the rule's ID after.
 */
export function fieldMessage(finding: Pick<Finding, 'rule' | 'message_vi' | 'message_en'>, lang: Language): string {
  const message = (lang === 'vi' ? finding.message_vi : finding.message_en).trim();
  const rest = message.replace(PLACE, '');
  const text = rest === '' ? message : rest.charAt(0).toLocaleUpperCase(lang) + rest.slice(1);
  return `${text} (${finding.rule})`;
}
