import { isUserError } from '../../domain/errors';
import type { Language, MessageKey } from '../i18n';

/** A UserError in the clerk's language; anything else as a short generic line (no stack). */
export function errorText(error: unknown, t: (key: MessageKey, params?: Record<string, string>) => string, lang: Language): string {
  if (isUserError(error)) return lang === 'vi' ? error.message_vi : error.message_en;
  const message = error instanceof Error ? error.message : String(error);
  return t('errorGeneric', { message });
}
