/**
 * Code lists of docs/workbook.md (Vietnamese label first, English label, stable key) and the
 * matching every shell uses: NFC, case- and space-insensitive, with near-miss suggestions
 * (`nu` -> `Nữ`, missing diacritics, extra spaces, case).
 */
import { COUNTRIES } from './countries';
import { editDistance } from './editDistance';
import type { LawVersion } from './schema/profile';

export { COUNTRIES };

export interface Code {
  /** The value written in the workbook (Vietnamese). */
  vi: string;
  en: string;
  key: string;
  /** Other spellings accepted as exact matches (ISO codes, short forms). */
  aliases?: readonly string[];
}

export type CodeListId =
  | 'sex'
  | 'yes_no'
  | 'receipt_channel'
  | 'destination'
  | 'nationality'
  | 'ethnicity'
  | 'purpose'
  | 'verification_status'
  | 'verifying_agency'
  | 'protection'
  | 'support_type_2011'
  | 'support_type_2024';

const c = (vi: string, en: string, key: string, aliases?: string[]): Code => ({ vi, en, key, aliases });

export const SEX: readonly Code[] = [c('Nam', 'Male', 'male'), c('Nữ', 'Female', 'female')];

export const YES_NO: readonly Code[] = [c('Có', 'Yes', 'yes'), c('Không', 'No', 'no')];

export const RECEIPT_CHANNEL: readonly Code[] = [
  c('Trao trả chính thức', 'Officially handed over', 'handover'),
  c('Tự trở về', 'Returned on their own', 'self_return'),
  c('Được giải cứu', 'Rescued', 'rescued'),
  c('Tự đến trình báo', 'Came forward to report', 'self_report'),
  c('Người nước ngoài bị mua bán tại địa phương', 'Foreigner trafficked in the locality', 'foreign_victim'),
];

export const PURPOSE: readonly Code[] = [
  c('Bóc lột tình dục', 'Sexual exploitation', 'sexual'),
  c('Cưỡng bức lao động', 'Forced labour', 'labour'),
  c('Lấy bộ phận cơ thể', 'Removal of body parts', 'organs'),
  c('Mang thai hộ vì mục đích thương mại', 'Commercial surrogacy', 'surrogacy'),
  c('Kết hôn/làm vợ trái pháp luật', 'Unlawful marriage', 'marriage'),
  c('Mục đích vô nhân đạo khác', 'Other inhumane purposes', 'other'),
  c('Chưa xác định', 'Not determined', 'undetermined'),
];

export const VERIFICATION_STATUS: readonly Code[] = [
  c('Chờ xác minh', 'Awaiting verification', 'pending'),
  c('Đã xác định là nạn nhân', 'Identified as a victim', 'identified'),
  c('Không phải nạn nhân', 'Not a victim', 'not_victim'),
];

export const VERIFYING_AGENCY: readonly Code[] = [
  c('Công an', 'Police', 'police'),
  c('Bộ đội Biên phòng', 'Border Guard', 'border_guard'),
  c('Cơ quan lao động - xã hội', 'Labour and social affairs office', 'labour_social'),
  c('Cơ quan đại diện VN ở nước ngoài', 'Vietnamese mission abroad', 'mission_abroad'),
  c('Khác', 'Other', 'other'),
];

export const PROTECTION: readonly Code[] = [
  c('Không có nhu cầu', 'No need', 'no_need'),
  c('Có nhu cầu - đã bảo vệ', 'Needed - protected', 'protected'),
  c('Có nhu cầu - chưa bảo vệ', 'Needed - not yet protected', 'not_protected'),
];

export const DOMESTIC: Code = c('Trong nước', 'Within Viet Nam', 'domestic');

/** Destinations: `Trong nước` or a country other than Viet Nam. */
export const DESTINATION: readonly Code[] = [DOMESTIC, ...COUNTRIES.filter((x) => x.key !== 'VN')];

/** The 54 ethnic groups of Viet Nam (General Statistics Office list). */
export const ETHNICITY: readonly Code[] = [
  'Kinh', 'Tày', 'Thái', 'Mường', 'Khmer', 'Hoa', 'Nùng', "H'Mông", 'Dao', 'Gia Rai', 'Ê Đê',
  'Ba Na', 'Sán Chay', 'Chăm', 'Cơ Ho', 'Xơ Đăng', 'Sán Dìu', 'Hrê', 'Ra Glai', 'Mnông', 'Thổ',
  'Xtiêng', 'Khơ Mú', 'Bru - Vân Kiều', 'Cơ Tu', 'Giáy', 'Tà Ôi', 'Mạ', 'Giẻ - Triêng', 'Co',
  'Chơ Ro', 'Xinh Mun', 'Hà Nhì', 'Chu Ru', 'Lào', 'La Chí', 'Kháng', 'Phù Lá', 'La Hủ', 'La Ha',
  'Pà Thẻn', 'Lự', 'Ngái', 'Chứt', 'Lô Lô', 'Mảng', 'Cơ Lao', 'Bố Y', 'Cống', 'Si La', 'Pu Péo',
  'Rơ Măm', 'Brâu', 'Ơ Đu',
].map((name) => c(name, name, name, name === "H'Mông" ? ['Mông', 'Hmông', 'HMông'] : undefined));

/** Support types by law version; the order is the order of report rows 4.1, 4.2, … */
export const SUPPORT_TYPES_2011: readonly Code[] = [
  c('Nhu cầu thiết yếu và chi phí đi lại', 'Essential needs and travel', 'essential_travel'),
  c('Y tế', 'Medical', 'medical'),
  c('Tâm lý', 'Psychological', 'psychological'),
  c('Trợ giúp pháp lý', 'Legal aid', 'legal_aid'),
  c('Học văn hóa, học nghề', 'Schooling and vocational training', 'education_vocational'),
  c('Trợ cấp khó khăn ban đầu', 'Initial-difficulty allowance', 'initial_allowance'),
  c('Vay vốn', 'Loans', 'loan'),
  c('Hỗ trợ khác', 'Other support', 'other'),
];

/** Law 53/2024/QH15 Art. 37 (letters a–k). */
export const SUPPORT_TYPES_2024: readonly Code[] = [
  c('Nhu cầu thiết yếu', 'Essential needs', 'a'),
  c('Y tế', 'Medical', 'b'),
  c('Phiên dịch', 'Interpretation', 'c'),
  c('Hỗ trợ pháp luật', 'Legal support', 'd'),
  c('Trợ giúp pháp lý', 'Legal aid', 'dd'),
  c('Chi phí đi lại', 'Travel costs', 'e'),
  c('Tâm lý', 'Psychological', 'g'),
  c('Học văn hóa', 'Schooling', 'h'),
  c('Học nghề, việc làm', 'Vocational training and employment', 'i'),
  c('Trợ cấp khó khăn ban đầu', 'Initial-difficulty allowance', 'k'),
  c('Vay vốn', 'Loans', 'k_loan'),
];

export function supportTypes(law: LawVersion): readonly Code[] {
  return law === 'law-2024' ? SUPPORT_TYPES_2024 : SUPPORT_TYPES_2011;
}

export const CODE_LISTS: Record<CodeListId, readonly Code[]> = {
  sex: SEX,
  yes_no: YES_NO,
  receipt_channel: RECEIPT_CHANNEL,
  destination: DESTINATION,
  nationality: COUNTRIES,
  ethnicity: ETHNICITY,
  purpose: PURPOSE,
  verification_status: VERIFICATION_STATUS,
  verifying_agency: VERIFYING_AGENCY,
  protection: PROTECTION,
  support_type_2011: SUPPORT_TYPES_2011,
  support_type_2024: SUPPORT_TYPES_2024,
};

/** NFC, lower case, single spaces, trimmed: the exact-match form. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/** Diacritics, spaces and punctuation removed, đ -> d: the near-miss form. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export type CodeMatch =
  | { ok: true; code: Code }
  | { ok: false; suggestion: Code | null };

interface ListIndex {
  exact: Map<string, Code>;
  /** Folded names first, then folded codes: a name wins over a code that folds the same. */
  folded: Map<string, Code>;
  /** Folded names only (no keys, no ISO-like codes). */
  foldedNames: Map<string, Code>;
  /** Exact forms that are codes (`MY`, `BI`, `USA`) rather than names. */
  codeForms: Set<string>;
  /** Per code, the folded names a near miss is measured against. */
  nearForms: { code: Code; forms: string[] }[];
  /** Verdicts of typed values met so far: a register repeats its code values thousands of times. */
  memo: Map<string, CodeMatch>;
}

const indexCache = new WeakMap<readonly Code[], ListIndex>();

/** A code rather than a name: the key itself, or an all-capitals abbreviation (`UK`, `USA`). */
const isCodeForm = (code: Code, form: string): boolean =>
  form !== code.vi && (form === code.key || /^[A-Z]{2,3}$/.test(form));

function indexOf(codes: readonly Code[]): ListIndex {
  let index = indexCache.get(codes);
  if (!index) {
    const exact = new Map<string, Code>();
    const foldedNames = new Map<string, Code>();
    const foldedCodes = new Map<string, Code>();
    const codeForms = new Set<string>();
    const nearForms: ListIndex['nearForms'] = [];
    for (const code of codes) {
      const forms: string[] = [];
      for (const form of [code.vi, code.en, code.key, ...(code.aliases ?? [])]) {
        const norm = normaliseText(form);
        const fold = foldText(form);
        if (!exact.has(norm)) exact.set(norm, code);
        if (isCodeForm(code, form)) {
          codeForms.add(norm);
          if (!foldedCodes.has(fold)) foldedCodes.set(fold, code);
        } else {
          if (!foldedNames.has(fold)) foldedNames.set(fold, code);
          if (form === code.vi || code.aliases?.includes(form)) forms.push(fold);
        }
      }
      nearForms.push({ code, forms: [...new Set(forms)] });
    }
    const folded = new Map(foldedNames);
    for (const [fold, code] of foldedCodes) if (!folded.has(fold)) folded.set(fold, code);
    index = { exact, folded, foldedNames, codeForms, nearForms, memo: new Map() };
    indexCache.set(codes, index);
  }
  return index;
}


/**
 * Matches a typed value against a code list. Exact (NFC, case- and space-insensitive) or an
 * alias is a match; a value equal once diacritics are dropped, or within a small edit
 * distance of the folded form, is a near miss that names the suggestion.
 */
export function matchCode(codes: readonly Code[], raw: string): CodeMatch {
  const index = indexOf(codes);
  let verdict = index.memo.get(raw);
  if (verdict === undefined) {
    verdict = matchUncached(index, raw);
    // A full memo is simply emptied (a hostile file of unique values cannot grow it).
    if (index.memo.size >= 2_000) index.memo.clear();
    index.memo.set(raw, verdict);
  }
  return verdict;
}

function matchUncached(index: ListIndex, raw: string): CodeMatch {
  const norm = normaliseText(raw);
  const exact = index.exact.get(norm);
  if (exact) {
    // `My` or `bi` typed in lower case is more likely `Mỹ`/`Bỉ` without diacritics than the
    // ISO code of Malaysia/Burundi: a code counts as typed only in capitals.
    if (index.codeForms.has(norm)) {
      const trimmed = raw.trim();
      const named = index.foldedNames.get(foldText(raw));
      if (trimmed !== trimmed.toUpperCase() && named && named !== exact) return { ok: false, suggestion: named };
    }
    return { ok: true, code: exact };
  }
  const folded = foldText(raw);
  if (folded === '') return { ok: false, suggestion: null };
  const near = index.folded.get(folded);
  if (near) return { ok: false, suggestion: near };
  const max = folded.length <= 4 ? 1 : 2;
  let best: Code | null = null;
  let bestDistance = max + 1;
  for (const { code, forms } of index.nearForms) {
    for (const form of forms) {
      const d = editDistance(folded, form, max);
      if (d < bestDistance) {
        best = code;
        bestDistance = d;
      }
    }
  }
  return { ok: false, suggestion: best };
}

export function codeByKey(codes: readonly Code[], key: string): Code | undefined {
  return codes.find((x) => x.key === key);
}
