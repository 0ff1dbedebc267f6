/**
 * UI strings of the inbox pages, Vietnamese first, English available. One table per page; `t(key)` picks the active language.
 */
import * as React from 'react';

export type Lang = 'vi' | 'en';

export type Strings<K extends string> = Record<K, { vi: string; en: string }>;

export const LangContext = React.createContext<Lang>('vi');

export function useT<K extends string>(strings: Strings<K>): (key: K, vars?: Record<string, string | number>) => string {
  const lang = React.useContext(LangContext);
  return React.useCallback(
    (key: K, vars?: Record<string, string | number>) => {
      let text = strings[key][lang];
      for (const [name, value] of Object.entries(vars ?? {})) text = text.split(`{${name}}`).join(String(value));
      return text;
    },
    [lang, strings],
  );
}

/** The language last chosen on this device (a preference, not personal data). */
export function initialLang(): Lang {
  try {
    return localStorage.getItem('vr_lang') === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem('vr_lang', lang);
  } catch {
    // storage may be disabled; the toggle still works for this page view
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** dd/mm/yyyy HH:mm in the browser's time zone (the offices are in Vietnam). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}


/** The message of a JSON error body `{error, message_vi, message_en}` in the active language. */
export function errorText(body: unknown, lang: Lang, fallback: { vi: string; en: string }): string {
  const b = (body ?? {}) as { message_vi?: string; message_en?: string };
  return (lang === 'en' ? b.message_en : b.message_vi) ?? fallback[lang];
}
