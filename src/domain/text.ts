/**
 * Text cells: NFC cleaning, formula-injection check (FMT-06) and detection of text typed in the
 * legacy Vietnamese encodings TCVN3 (ABC) and VNI (FMT-05).
 *
 * Detection works per word: a word is legacy-encoded when, as written, it is not a Vietnamese
 * syllable, but decoded from TCVN3 (or VNI) it is one (`NguyÔn` -> `Nguyễn`, `Nguyeãn` ->
 * `Nguyễn`). Real Vietnamese in Unicode is made of valid syllables, so it never triggers; an
 * English or foreign word stays invalid after decoding, so it does not trigger either.
 */
import { formatDate } from './dayFormat';
import type { CellValue } from './sheet';

/** NFC, trimmed; null when blank. Numbers and dates become their display text. */
export function cleanText(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = (mayNeedNfc(value) ? value.normalize('NFC') : value).trim();
    return text === '' ? null : text;
  }
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? formatDate(value) : null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  return value ? 'TRUE' : 'FALSE';
}

/** False when the text is surely NFC already: only characters below U+0300 (no combining
 *  marks) or precomposed Vietnamese letters (U+1EA0–U+1EF9). Skips the costly normalisation for
 *  almost every cell. */
export function mayNeedNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1ea0 || c > 0x1ef9)) return true;
  }
  return false;
}

/** True when text would be read as a formula by a spreadsheet (CSV/formula injection, OWASP):
 *  it starts with `=`, `+`, `-`, `@`, a tab or a carriage return. */
export function isFormulaLike(text: string): boolean {
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
}

// TCVN3 (TCVN 5712:1993, VN3): byte -> letter, seen as Latin-1 when the font is lost.
const TCVN3_FROM = '¡¢£¤¥¦§¨©ª«¬\u00AD®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ';
const TCVN3_TO = 'ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ';
const TCVN3 = new Map<string, string>();
for (let i = 0; i < TCVN3_FROM.length; i++) TCVN3.set(TCVN3_FROM[i], TCVN3_TO[i]);

// VNI Windows: a base letter followed by a mark character; a few letters are single bytes.
const VNI_SINGLE = new Map<string, string>(
  [
    ['ô', 'ơ'], ['ö', 'ư'], ['ñ', 'đ'], ['ò', 'ị'], ['ó', 'ĩ'], ['æ', 'ỉ'], ['î', 'ỵ'],
    ['Ô', 'Ơ'], ['Ö', 'Ư'], ['Ñ', 'Đ'], ['Ò', 'Ị'], ['Ó', 'Ĩ'], ['Æ', 'Ỉ'], ['Î', 'Ỵ'],
  ],
);
const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRC = '\u0302';
const BREVE = '\u0306';
/** VNI mark character (lower case; upper case marks are their capitals) -> combining marks. */
const VNI_TONES: Record<string, string> = { ù: ACUTE, ø: GRAVE, û: HOOK, õ: TILDE, ï: DOT };
const VNI_CIRC: Record<string, string> = { â: CIRC, á: CIRC + ACUTE, à: CIRC + GRAVE, å: CIRC + HOOK, ã: CIRC + TILDE, ä: CIRC + DOT };
const VNI_BREVE: Record<string, string> = { ê: BREVE, é: BREVE + ACUTE, è: BREVE + GRAVE, ú: BREVE + HOOK, ü: BREVE + TILDE, ë: BREVE + DOT };

function vniMark(base: string, mark: string): string | undefined {
  const m = mark.toLowerCase();
  const b = base.toLowerCase();
  if (b === 'a') return VNI_TONES[m] ?? VNI_CIRC[m] ?? VNI_BREVE[m];
  if (b === 'e' || b === 'o') return VNI_TONES[m] ?? VNI_CIRC[m];
  if (b === 'u' || b === 'y' || b === 'ơ' || b === 'ư') return VNI_TONES[m];
  return undefined;
}

function decodeTcvn3(word: string): string {
  let out = '';
  for (const ch of word) out += TCVN3.get(ch) ?? ch;
  return out;
}

function decodeVni(word: string): string {
  let out = '';
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const base = VNI_SINGLE.get(chars[i]) ?? chars[i];
    const next = chars[i + 1];
    const mark = next === undefined ? undefined : vniMark(base, next);
    if (mark) {
      out += base + mark;
      i++;
    } else out += base;
  }
  return out.normalize('NFC');
}

// Vietnamese syllable: initial consonant, vowel nucleus (with glides), final consonant.
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$/;
const NUCLEI = new Set(
  (
    'a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ' +
    'ưa ưi ưu ươ yê iêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu yêu'
  ).split(' '),
);
const NEED_FINAL = new Set(['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'uâ', 'oă', 'uyê']);
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** True when the word (any case) is one well-formed Vietnamese syllable with at most one tone. */
export function isVietnameseSyllable(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARKS);
  if (tones && tones.length > 1) return false;
  const bare = decomposed.replace(TONE_MARKS, '').normalize('NFC');
  const m = SYLLABLE.exec(bare);
  if (m === null || !NUCLEI.has(m[2])) return false;
  // ă, â and the diphthongs iê/yê/uô/ươ never end a syllable (tân, tiên, muôn, but no "tâ").
  if (m[3] === undefined && NEED_FINAL.has(m[2])) return false;
  // `oo` only before -ng/-c (xoong, boong, soóc).
  return m[2] !== 'oo' || m[3] === 'ng' || m[3] === 'c';
}

// Words are split on spaces, punctuation and digits, never on the TCVN3 symbols (¨ © « …).
const WORD_SPLIT = /[\s,.;:!?()[\]{}"'`“”‘’/\\|_*&%#<>=+~^0-9\u2010-\u2015-]+/;
const WORD_SPLIT_KEEP = new RegExp(`(${WORD_SPLIT.source})`);
const VNI_MARKS = [...Object.keys(VNI_TONES), ...Object.keys(VNI_CIRC), ...Object.keys(VNI_BREVE)];
const LEGACY_CHARS = new Set<string>([
  ...TCVN3.keys(),
  ...VNI_SINGLE.keys(),
  ...VNI_MARKS,
  ...VNI_MARKS.map((m) => m.toUpperCase()),
]);

type WordVerdict = 'TCVN3' | 'VNI' | 'both' | null;
const wordCache = new Map<string, WordVerdict>();
const WORD_CACHE_LIMIT = 50_000;

function classifyWord(word: string): WordVerdict {
  // A lone character (`Ç`, `ë`) says too little: other words of the cell decide.
  if (word.length < 2) return null;
  let hasLegacy = false;
  for (const ch of word) {
    if (LEGACY_CHARS.has(ch)) {
      hasLegacy = true;
      break;
    }
  }
  if (!hasLegacy || isVietnameseSyllable(word)) return null;
  const tcvn3 = isVietnameseSyllable(decodeTcvn3(word));
  const vni = isVietnameseSyllable(decodeVni(word));
  if (tcvn3 && vni) return 'both';
  return tcvn3 ? 'TCVN3' : vni ? 'VNI' : null;
}

function wordVerdict(word: string): WordVerdict {
  let verdict = wordCache.get(word);
  if (verdict === undefined) {
    verdict = classifyWord(word);
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(word, verdict);
  }
  return verdict;
}

/** 'TCVN3' or 'VNI' when the text reads as Vietnamese typed in that legacy encoding, else null.
 *  Plain ASCII and valid Unicode Vietnamese return null. */
export function detectLegacyEncoding(text: string): 'TCVN3' | 'VNI' | null {
  // Only a text holding one of the Latin-1 characters the legacy encodings use can be legacy:
  // most Vietnamese text (ễ, ị, ư, đ…) and all ASCII leave here. A decomposed (NFD) text
  // is normalised first, as it may compose into such characters.
  let candidate = false;
  for (let i = 0; i < text.length; i++) {
    if (legacyCandidateChar(text.charCodeAt(i))) {
      candidate = true;
      break;
    }
  }
  if (!candidate) return null;
  // Texts repeat across rows (code values, names, providers); a full cache is simply emptied.
  const cached = textCache.get(text);
  if (cached !== undefined) return cached;
  const verdict = detectUncached(text);
  if (textCache.size >= TEXT_CACHE_LIMIT) textCache.clear();
  textCache.set(text, verdict);
  return verdict;
}

// Code-list values and common names repeat across thousands of rows.
const textCache = new Map<string, 'TCVN3' | 'VNI' | null>();
const TEXT_CACHE_LIMIT = 200_000;

// The separators of WORD_SPLIT as a lookup, for the allocation-free scan below.
const SEPARATOR_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (WORD_SPLIT.test(String.fromCharCode(c))) SEPARATOR_ASCII[c] = 1;
const LEGACY_CODE = new Uint8Array(256);
for (const ch of LEGACY_CHARS) LEGACY_CODE[ch.charCodeAt(0)] = 1;

/** True when the character (a UTF-16 code unit) could start a legacy-encoding verdict: one of
 *  the Latin-1 characters TCVN3 and VNI use, or a combining mark (a decomposed text). */
export function legacyCandidateChar(c: number): boolean {
  return (c < 256 && LEGACY_CODE[c] === 1) || (c >= 0x300 && c <= 0x36f);
}

function isSeparator(c: number): boolean {
  if (c < 128) return SEPARATOR_ASCII[c] === 1;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || (c >= 0x2010 && c <= 0x2015) || (c >= 0x2018 && c <= 0x201d) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Scans words without splitting the string: only words holding a legacy character are cut out
 *  and judged (through the word cache). */
function detectUncached(input: string): 'TCVN3' | 'VNI' | null {
  const text = mayNeedNfc(input) ? input.normalize('NFC') : input;
  let tcvn3 = 0;
  let vni = 0;
  let start = -1;
  let legacy = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (isSeparator(c)) {
      if (legacy && i - start >= 2) {
        const verdict = wordVerdict(text.slice(start, i));
        if (verdict === 'TCVN3' || verdict === 'both') tcvn3++;
        if (verdict === 'VNI' || verdict === 'both') vni++;
      }
      start = -1;
      legacy = false;
    } else {
      if (start < 0) start = i;
      if (c < 256 && LEGACY_CODE[c] === 1) legacy = true;
    }
  }
  if (tcvn3 === 0 && vni === 0) return null;
  return tcvn3 >= vni ? 'TCVN3' : 'VNI';
}

/** The text decoded from the detected legacy encoding (the message's suggestion). */
export function decodeLegacy(text: string, encoding: 'TCVN3' | 'VNI'): string {
  return text
    .normalize('NFC')
    .split(WORD_SPLIT_KEEP)
    .map((part, i) => {
      if (i % 2 === 1 || part === '') return part;
      return encoding === 'TCVN3' ? decodeTcvn3(part) : decodeVni(part);
    })
    .join('');
}
