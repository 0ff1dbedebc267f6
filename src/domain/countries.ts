/**
 * The country list of `Quốc tịch` and `Nơi bị mua bán đến` (docs/workbook.md): every ISO 3166-1
 * country, with the Vietnamese and English names maintained by `i18n-iso-countries`, plus the
 * spellings offices write (`Đài Loan (Trung Quốc)`, `Mỹ`, `Ma-lai-xi-a`, …) as aliases.
 * Only the two locales used are imported, so the pane's bundle carries two small JSON files.
 *
 * The key is the ISO alpha-2 code (`VN`, `CN`, …) and is accepted as typed. The value written
 * in a workbook is the office spelling where there is one, else the library's Vietnamese name.
 * Where the library's Vietnamese locale only repeats the English name, `VIETNAMESE_NAMES` gives
 * the Vietnamese one (`Áo`, `Síp`, `Bờ Biển Ngà`, …), and `SAME_IN_VIETNAMESE` lists the names
 * Vietnamese writes as English does (`Angola`, `Kenya`): a country in neither list with an English
 * label fails test/domain/countries.test.ts, so a library update cannot bring English back.
 */
import viLocale from 'i18n-iso-countries/langs/vi.json';
import enLocale from 'i18n-iso-countries/langs/en.json';
import type { Code } from './codes';

type LocaleNames = Record<string, string | string[]>;

interface Preferred {
  vi: string;
  en?: string;
  aliases?: string[];
}

/**
 * The spellings offices use, keyed by ISO code. The dropdown offers these first, in this order
 * (Việt Nam, then the usual countries of origin and destination in the plans' reports).
 */
const USUAL: ReadonlyArray<[string, Preferred]> = [
  ['VN', { vi: 'Việt Nam', en: 'Viet Nam', aliases: ['Viet Nam', 'Vietnam'] }],
  ['CN', { vi: 'Trung Quốc', en: 'China', aliases: ['Trung Hoa', 'Cộng hòa Nhân dân Trung Hoa'] }],
  ['KH', { vi: 'Campuchia', en: 'Cambodia', aliases: ['Cam-pu-chia', 'Căm-pu-chia'] }],
  ['LA', { vi: 'Lào', en: 'Laos', aliases: ['Laos'] }],
  ['TH', { vi: 'Thái Lan', en: 'Thailand' }],
  ['MM', { vi: 'Myanmar', en: 'Myanmar', aliases: ['Mianma', 'Mi-an-ma', 'Miến Điện'] }],
  ['MY', { vi: 'Malaysia', en: 'Malaysia', aliases: ['Ma-lai-xi-a', 'Malaixia', 'Mã Lai'] }],
  ['SG', { vi: 'Singapore', en: 'Singapore', aliases: ['Xingapo', 'Xin-ga-po'] }],
  ['ID', { vi: 'Indonesia', en: 'Indonesia', aliases: ['Inđônêxia', 'In-đô-nê-xi-a'] }],
  ['PH', { vi: 'Philippines', en: 'Philippines', aliases: ['Philippin', 'Phi-líp-pin'] }],
  ['KR', { vi: 'Hàn Quốc', en: 'South Korea', aliases: ['Korea', 'Nam Hàn', 'Đại Hàn'] }],
  ['KP', { vi: 'Triều Tiên', en: 'North Korea', aliases: ['Bắc Triều Tiên', 'CHDCND Triều Tiên'] }],
  ['JP', { vi: 'Nhật Bản', en: 'Japan', aliases: ['Nhật'] }],
  ['TW', { vi: 'Đài Loan (Trung Quốc)', en: 'Taiwan (China)', aliases: ['Đài Loan'] }],
  ['HK', { vi: 'Hồng Kông (Trung Quốc)', en: 'Hong Kong (China)', aliases: ['Hồng Kông', 'Hongkong'] }],
  ['MO', { vi: 'Ma Cao (Trung Quốc)', en: 'Macao (China)', aliases: ['Ma Cao', 'Macau'] }],
  ['MN', { vi: 'Mông Cổ', en: 'Mongolia' }],
  ['SA', { vi: 'Ả Rập Xê Út', en: 'Saudi Arabia', aliases: ['Ả-rập Xê-út', 'A-rập Xê-út'] }],
  ['AE', { vi: 'Các Tiểu vương quốc Ả Rập Thống nhất', en: 'United Arab Emirates', aliases: ['UAE'] }],
  ['GB', { vi: 'Anh', en: 'United Kingdom', aliases: ['UK', 'Vương quốc Anh', 'Liên hiệp Anh'] }],
  ['FR', { vi: 'Pháp', en: 'France' }],
  ['DE', { vi: 'Đức', en: 'Germany', aliases: ['CHLB Đức', 'Cộng hòa Liên bang Đức'] }],
  ['NL', { vi: 'Hà Lan', en: 'Netherlands' }],
  ['BE', { vi: 'Bỉ', en: 'Belgium' }],
  ['PL', { vi: 'Ba Lan', en: 'Poland' }],
  ['CZ', { vi: 'Séc', en: 'Czechia', aliases: ['Cộng hòa Séc', 'Tiệp Khắc'] }],
  ['RU', { vi: 'Nga', en: 'Russia', aliases: ['Liên bang Nga'] }],
  ['UA', { vi: 'Ukraina', en: 'Ukraine', aliases: ['U-crai-na'] }],
  ['GR', { vi: 'Hy Lạp', en: 'Greece' }],
  ['US', { vi: 'Hoa Kỳ', en: 'United States', aliases: ['Mỹ', 'USA', 'Hợp chủng quốc Hoa Kỳ'] }],
  ['CA', { vi: 'Canada', en: 'Canada', aliases: ['Ca-na-đa'] }],
  ['AU', { vi: 'Úc', en: 'Australia', aliases: ['Ô-xtrây-li-a', 'Australia'] }],
  ['NZ', { vi: 'New Zealand', en: 'New Zealand', aliases: ['Niu Di-lân', 'Niu Dilân'] }],
  ['IN', { vi: 'Ấn Độ', en: 'India' }],
  ['AO', { vi: 'Angola', en: 'Angola', aliases: ['Ăng-gô-la'] }],
];

/** Office spellings of other countries; listed in alphabetical order with the rest. */
const OTHER_SPELLINGS: ReadonlyArray<[string, Preferred]> = [
  ['IT', { vi: 'Ý', en: 'Italy', aliases: ['Italia', 'I-ta-li-a'] }],
  ['BN', { vi: 'Brunei', en: 'Brunei', aliases: ['Bru-nây'] }],
  ['TL', { vi: 'Đông Timor', en: 'Timor-Leste', aliases: ['Timor-Leste', 'Đông Ti-mo'] }],
  ['MD', { vi: 'Moldova', en: 'Moldova' }],
  ['IR', { vi: 'Iran', en: 'Iran' }],
  ['SY', { vi: 'Syria', en: 'Syria', aliases: ['Xi-ri'] }],
  ['PS', { vi: 'Palestine', en: 'Palestine', aliases: ['Pa-le-xtin'] }],
  ['TZ', { vi: 'Tanzania', en: 'Tanzania' }],
  ['RO', { vi: 'Rumani', en: 'Romania', aliases: ['Romania', 'Ru-ma-ni'] }],
];

/** Vietnamese names the library's Vietnamese locale lacks (it repeats the English name). */
const VIETNAMESE_NAMES: ReadonlyArray<[string, Preferred]> = [
  ['AS', { vi: 'Samoa thuộc Mỹ' }],
  ['AQ', { vi: 'Châu Nam Cực', aliases: ['Nam Cực'] }],
  ['AT', { vi: 'Áo' }],
  ['BJ', { vi: 'Bénin', aliases: ['Bê-nanh'] }],
  ['BR', { vi: 'Brasil', aliases: ['Bra-xin'] }],
  ['CV', { vi: 'Cabo Verde', aliases: ['Cáp-ve', 'Cape Verde'] }],
  ['CI', { vi: 'Bờ Biển Ngà', aliases: ["Côte d'Ivoire", 'Cốt-đi-voa'] }],
  ['CY', { vi: 'Síp', aliases: ['Cộng hòa Síp'] }],
  ['DZ', { vi: 'Algérie', aliases: ['An-giê-ri'] }],
  ['GE', { vi: 'Gruzia', aliases: ['Gru-di-a'] }],
  ['GQ', { vi: 'Guinea Xích Đạo', aliases: ['Ghi-nê Xích Đạo'] }],
  ['LB', { vi: 'Liban', aliases: ['Li-băng'] }],
  ['LT', { vi: 'Litva', aliases: ['Lít-va'] }],
  ['MX', { vi: 'México', aliases: ['Mê-hi-cô'] }],
  ['NC', { vi: 'Nouvelle-Calédonie', aliases: ['Tân Caledonia'] }],
  ['PG', { vi: 'Papua Tân Guinea', aliases: ['Pa-pua Niu Ghi-nê'] }],
  ['PN', { vi: 'Quần đảo Pitcairn' }],
  ['RE', { vi: 'Réunion', aliases: ['Ri-uy-ni-ông'] }],
  ['SH', { vi: 'Saint Helena, Ascension và Tristan da Cunha', aliases: ['Xanh Hê-lê-na'] }],
  ['SN', { vi: 'Sénégal', aliases: ['Xê-nê-gan'] }],
  ['TD', { vi: 'Tchad' }],
];

/** Countries whose Vietnamese name is written as in English (Vietnamese usage, not a gap). */
export const SAME_IN_VIETNAMESE: ReadonlySet<string> = new Set(
  ('AF AL AD AO AI AR AM AW AZ BS BH BD BB BY BZ BM BT BO BW BG BF BI CM CA CL CO KM CR HR CU DJ DM EC SV ER EE ET FJ GA ' +
    'GM GH GI GL GD GP GU GT GN GW GY HT HN HU IS ID IQ IE IL JM JO KZ KE KI KG LV LS LR LY LI LU MG MW MV ML MT MQ MR MU YT ' +
    'MC MS MZ MM NA NR NP NZ NI NE NG NU OM PK PW PA PY PE PH PR QA RW LC WS SM SC SL SG SK SI SO LK SD SR SZ TJ TG TK TO TN ' +
    'TM TV UG UY UZ VU VE YE ZM ZW CW GG JE ME BL RS XK MY IR PS TZ').split(' '),
);

const names = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const exactForm = (text: string): string => text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

function buildCountries(vi: LocaleNames, en: LocaleNames): Code[] {
  const preferred = new Map([...VIETNAMESE_NAMES, ...USUAL, ...OTHER_SPELLINGS]);
  const all = Object.keys(vi).map((key): Code => {
    const own = preferred.get(key);
    const viNames = names(vi[key]);
    const enNames = names(en[key]);
    const label = own?.vi ?? viNames[0];
    const aliases = [key, ...(own?.aliases ?? []), ...viNames, ...enNames].filter((x) => x !== label);
    return { vi: label, en: own?.en ?? enNames[0] ?? label, key, aliases: [...new Set(aliases)] };
  });
  // A spelling that names two countries (`Congo`) is no match for either: it gets a suggestion.
  const owners = new Map<string, Set<string>>();
  for (const code of all) {
    for (const form of [code.vi, ...(code.aliases ?? [])]) {
      const set = owners.get(exactForm(form)) ?? new Set<string>();
      set.add(code.key);
      owners.set(exactForm(form), set);
    }
  }
  for (const code of all) code.aliases = code.aliases?.filter((a) => (owners.get(exactForm(a))?.size ?? 0) < 2);
  const byKey = new Map(all.map((code) => [code.key, code]));
  const usual = new Set(USUAL.map(([key]) => key));
  const first = USUAL.map(([key]) => byKey.get(key) as Code);
  const rest = all.filter((code) => !usual.has(code.key)).sort((a, b) => a.vi.localeCompare(b.vi, 'vi'));
  return [...first, ...rest, { vi: 'Khác', en: 'Other', key: 'XX', aliases: ['XX'] }];
}

/** Countries, Vietnamese name with ISO 3166 alpha-2 as key and alias. Việt Nam first. */
export const COUNTRIES: readonly Code[] = buildCountries(
  viLocale.countries as LocaleNames,
  enLocale.countries as LocaleNames,
);
