import type { Finding } from '../../domain/finding';
import type { Lang } from './i18n';

/** `Ô C5 (Giới tính) của trang tính "Sổ theo dõi": …`, `Cell C5 (Sex) of sheet "Registry": …`,
 *  `Ô C20 (mục 2.1): …`: the place a rule message starts with. The label may hold parentheses
 *  (`Số tiền (đồng)`), hence the lazy match up to what follows it. */
const PLACE: Record<Lang, RegExp> = {
  vi: /^Ô ([A-Z]{1,3}\d+)(?: \((.*?)\)(?= của (?:trang tính|sheet)|:| ))?(?: của (?:trang tính|sheet) "[^"]*")?(:\s*|\s+)/,
  en: /^Cell ([A-Z]{1,3}\d+)(?: \((.*?)\)(?= of sheet|:| ))?(?: of sheet "[^"]*")?(:\s*|\s+)/,
};

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/**
 * A finding's message as the findings table shows it: the sheet and cell are in their own
 * columns, so the leading "Ô C5 … của trang tính …" is dropped and only the column's name is kept
 * (`Giới tính: "nu" không có trong danh mục…`). In Vietnamese, a worksheet is a "trang tính".
 */
export function findingText(f: Pick<Finding, 'cell' | 'message_vi' | 'message_en'>, lang: Lang): string {
  let text = lang === 'en' ? f.message_en : f.message_vi;
  const m = PLACE[lang].exec(text);
  if (m && m[1] === f.cell) {
    const rest = text.slice(m[0].length);
    text = m[2] ? `${capitalise(m[2])}${m[3].startsWith(':') ? ': ' : ' '}${rest}` : capitalise(rest);
  }
  return lang === 'vi' ? text.replace(/\bSheet "/g, 'Trang tính "').replace(/\bsheet "/g, 'trang tính "') : text;
}
