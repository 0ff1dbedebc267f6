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
/** Vietnam time (UTC+7, no daylight saving): a time shown to a unit or to the province is the
 *  one their deadline is judged in, whatever the browser's zone. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function vietnam(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : new Date(d.getTime() + VIETNAM_OFFSET_MS);
}

/** `14:05 05/12/2026`, Vietnam time. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = vietnam(iso);
  if (!d) return '—';
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** `2026-09-20` (a day, as the API sends it) → `20/09/2026`. */
export function formatDay(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '—';
}

/** A version as a person names it: `Bản 2, nộp 14:05 05/12/2026`, never its id or SHA-256. */
export function versionName(v: { version: number; received_at: string }, lang: Lang): string {
  return lang === 'en' ? `Version ${v.version}, submitted ${formatDateTime(v.received_at)}` : `Bản ${v.version}, nộp ${formatDateTime(v.received_at)}`;
}

/** A count and its noun: `3 lỗi` in Vietnamese (its nouns do not change), `1 error` or
 *  `3 errors` in English. */
export function countOf(n: number, noun: { vi: string; en: string; enMany?: string }, lang: Lang): string {
  if (lang === 'vi') return `${n} ${noun.vi}`;
  return `${n} ${n === 1 ? noun.en : (noun.enMany ?? `${noun.en}s`)}`;
}

/** A check's counts as a person reads them: `0 lỗi, 1 cảnh báo, 0 ghi chú`, `0 errors, 1 warning, 0 notes`. */
export function findingCounts(c: { error: number; warning: number; info: number }, lang: Lang): string {
  return [
    countOf(c.error, { vi: 'lỗi', en: 'error' }, lang),
    countOf(c.warning, { vi: 'cảnh báo', en: 'warning' }, lang),
    countOf(c.info, { vi: 'ghi chú', en: 'note' }, lang),
  ].join(', ');
}

/** The message of a JSON error body `{error, message_vi, message_en}` in the active language. */
export function errorText(body: unknown, lang: Lang, fallback: { vi: string; en: string }): string {
  const b = (body ?? {}) as { message_vi?: string; message_en?: string };
  return (lang === 'en' ? b.message_en : b.message_vi) ?? fallback[lang];
}
