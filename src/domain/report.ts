/**
 * The quarterly report (docs/workbook.md) computed from the registry and the support log. This is
 * the single source of truth: RPT-01 compares the typed report with it, `vr fill` and the pane's
 * "Fill report" write it. One pass over each list, Maps only (100,000 rows in milliseconds).
 *
 * Interpretations (a clerk's reading of docs/workbook.md; each is stated where it is applied):
 * - A record enters a count row only when the facts that row splits on are known: sex always
 *   (Tổng số = Nam + Nữ), the receipt channel for rows 1.x, the purpose is `Chưa xác định` (3.7)
 *   when blank or invalid. Records missing them carry REG-01/02/03 errors, which block submission,
 *   and `excluded` names each of them under the report row it would have entered, so nobody is
 *   dropped without a word. An unknown age goes to `Chưa rõ`.
 * - Ages are whole years at `received_date` for every row (2.x, 3.x, 4.x, 5.x too): one person,
 *   one age group throughout the report.
 * - Status "at period end": a person verified after the period's last day was still pending then.
 * - 6.1–6.3 are year to date (the plan's yearly targets); in a year's first quarter they agree
 *   with rows 1, 5.1 and 5.2 of the same report.
 */
import { registryOwners, supportOwners } from './caseIndex';
import { PURPOSE, RECEIPT_CHANNEL, supportTypes } from './codes';
import type { Period, RegistryRecord, ReportData, ReportExclusion, ReportFigures, ReportRowDef, SupportRecord } from './model';
import { registryExclusion, supportExclusion } from './reportExcluded';
import { inPeriod, onOrBeforeEnd, periodOf } from './period';
import type { Profile } from './schema/profile';

/** Codes of the rows that hold a percentage in `Tổng số`. */
export const PERCENT_CODES = ['6.1', '6.2', '6.3'] as const;
export const MANUAL_CODES = ['6.4', '6.5'] as const;
export const TEXT_CODES = ['7.1', '7.2', '7.3'] as const;

const CHANNEL_ROW: Record<string, string> = {
  handover: '1.1.1',
  self_return: '1.1.2',
  rescued: '1.2.1',
  self_report: '1.2.2',
  foreign_victim: '1.3',
};

function count(code: string, vi: string, en: string, children?: string[]): ReportRowDef {
  return children ? { code, label_vi: vi, label_en: en, kind: 'count', children } : { code, label_vi: vi, label_en: en, kind: 'count' };
}

// The receipt channels in the list's order (codes.ts): rows 1.1.1, 1.1.2, 1.2.1, 1.2.2 and 1.3.
const [HANDOVER, SELF_RETURN, RESCUED, SELF_REPORT, FOREIGN_VICTIM] = RECEIPT_CHANNEL;

/** Row 6.4 counts the places below the reporting unit that carry out the plan: a district's
 *  communes, a commune's villages and residential groups (thôn, tổ dân phố: Law 53/2024 and the
 *  two-level government leave the commune as the unit that reports). */
export function implementingLabel(level: Profile['level'] | undefined): { vi: string; en: string } {
  return level === 'commune'
    ? { vi: 'Số thôn, tổ dân phố triển khai kế hoạch / tổng số', en: 'Villages and residential groups implementing the plan / total' }
    : { vi: 'Số xã/phường triển khai kế hoạch / tổng số', en: 'Communes implementing the plan / total' };
}

/** Every row of docs/workbook.md in order, with its children for RPT-03. Rows 4.x follow the profile law's
 *  support types; rows 3.x the seven purposes; the label of 6.4 the reporting level. */
export function reportRowDefs(profile: Pick<Profile, 'law'> & Partial<Pick<Profile, 'level'>>): ReportRowDef[] {
  const implementing = implementingLabel(profile.level);
  const purposes = PURPOSE.map((_p, i) => `3.${i + 1}`);
  const rows: ReportRowDef[] = [
    count('1', 'Số người được tiếp nhận trong kỳ', 'Persons received in the period', ['1.1', '1.2', '1.3']),
    count('1.1', 'Từ nước ngoài trở về', 'Returned from abroad', ['1.1.1', '1.1.2']),
    count('1.1.1', HANDOVER.vi, HANDOVER.en),
    count('1.1.2', SELF_RETURN.vi, SELF_RETURN.en),
    count('1.2', 'Bị mua bán trong nước', 'Trafficked within Viet Nam', ['1.2.1', '1.2.2']),
    count('1.2.1', RESCUED.vi, RESCUED.en),
    count('1.2.2', SELF_REPORT.vi, SELF_REPORT.en),
    count('1.3', FOREIGN_VICTIM.vi, FOREIGN_VICTIM.en),
    // 2.1's children are 3.1–3.7: the victims identified in the period, split by purpose.
    count('2.1', 'Được xác định là nạn nhân trong kỳ', 'Identified as victims in the period', purposes),
    count('2.2', 'Xác định không phải nạn nhân trong kỳ', 'Found not to be victims in the period'),
    count('2.3', 'Đang chờ xác minh cuối kỳ', 'Awaiting verification at the end of the period'),
    ...PURPOSE.map((p, i) => count(`3.${i + 1}`, `Nạn nhân theo mục đích: ${p.vi}`, `Victims by purpose: ${p.en}`)),
    ...supportTypes(profile.law).map((t, i) => count(`4.${i + 1}`, `Được hỗ trợ: ${t.vi}`, `Supported: ${t.en}`)),
    count('5.1', 'Người dưới 18 tuổi được tiếp nhận trong kỳ', 'Persons under 18 received in the period'),
    count('5.2', 'Trong đó được kết nối dịch vụ bảo vệ trẻ em', 'Of whom referred to child-protection services'),
    { code: '6.1', label_vi: '% trường hợp tiếp nhận từ đầu năm đã được xác minh (lũy kế)', label_en: '% of persons received this year who were verified (year to date)', kind: 'percent' },
    { code: '6.2', label_vi: '% nhu cầu hỗ trợ của nạn nhân đã được đáp ứng (lũy kế)', label_en: '% of victims’ support needs that were met (year to date)', kind: 'percent' },
    { code: '6.3', label_vi: '% người dưới 18 được kết nối bảo vệ trẻ em (lũy kế)', label_en: '% of persons under 18 referred to child protection (year to date)', kind: 'percent' },
    { code: '6.4', label_vi: implementing.vi, label_en: implementing.en, kind: 'manual' },
    { code: '6.5', label_vi: 'Số cán bộ được tập huấn / tổng số', label_en: 'Staff trained / total', kind: 'manual' },
    { code: '7.1', label_vi: 'Kết quả nổi bật', label_en: 'Main results', kind: 'text' },
    { code: '7.2', label_vi: 'Khó khăn, vướng mắc', label_en: 'Difficulties', kind: 'text' },
    { code: '7.3', label_vi: 'Đề xuất, kiến nghị', label_en: 'Proposals', kind: 'text' },
  ];
  return rows;
}

export function emptyFigures(withAmount: boolean): ReportFigures {
  return { total: 0, male: 0, female: 0, under16: 0, age16to18: 0, adult: 0, unknown_age: 0, amount: withAmount ? 0 : null };
}

/** Adds one person to a row: sex and age group at receipt (ageGroup of period.ts, inlined). */
function addPerson(fig: ReportFigures, rec: RegistryRecord): void {
  fig.total += 1;
  if (rec.sex === 'male') fig.male += 1;
  else fig.female += 1;
  const age = rec.age_at_receipt;
  if (age === null || age < 0) fig.unknown_age += 1;
  else if (age < 16) fig.under16 += 1;
  else if (age < 18) fig.age16to18 += 1;
  else fig.adult += 1;
}

/** Percentage with one decimal; null when the denominator is 0 (shown as `—`, not 0 % or 100 %). */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}

// caseKey lives with the shared case index; re-exported for existing importers.
export { caseKey } from './caseIndex';

/** True when the person counts as verified at the period's end: a decision (identified or not a
 *  victim) dated on or before the last day. A decision without a date (VER-01) counts as made. */
function verifiedAtEnd(rec: RegistryRecord, period: Period): boolean {
  if (rec.verification_status === 'identified' || rec.verification_status === 'not_victim') {
    return rec.verification_date === null || onOrBeforeEnd(rec.verification_date, period);
  }
  return false;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n += 1;
  return n;
}

/** A valid amount: an integer ≥ 0 (SUP-04 flags the others, which the sum leaves out). */
function validAmount(amount: number | null): number {
  return amount !== null && Number.isInteger(amount) && amount >= 0 ? amount : 0;
}

/** True when a registry row would matter to this report (received in the period or the year to
 *  date, decided in the period, or not yet decided at its end: row 2.3): only then is leaving it
 *  out worth a note. A row without a date received cannot be placed, so it always matters. */
function inReach(rec: RegistryRecord, period: Period, ytd: Period, receivedIn: boolean): boolean {
  const received = rec.received_date;
  if (received === null || receivedIn || inPeriod(received, ytd) || inPeriod(rec.verification_date, period)) return true;
  return onOrBeforeEnd(received, period) && !verifiedAtEnd(rec, period);
}

/** True when a support row may be left out of rows 4.x or `Kinh phí` (supportExclusion says). */
function doubtfulSupport(sup: SupportRecord, supIn: boolean, owner: number, typeKnown: boolean, rec: RegistryRecord | null): boolean {
  if (sup.date === null) return true;
  if (!supIn) return false;
  if (owner < 0 || !typeKnown || (rec !== null && rec.sex === null)) return true;
  const amount = sup.amount;
  return amount === null ? sup.raw.amount !== null && sup.raw.amount !== undefined : amount < 0 || !Number.isInteger(amount);
}

export function buildReport(
  registry: readonly RegistryRecord[],
  support: readonly SupportRecord[],
  profile: Pick<Profile, 'law' | 'period'>,
  year: number,
  quarter: number,
): ReportData {
  const period = periodOf(profile, year, quarter);
  // 6.1–6.3 measure the plan's yearly targets: year to date, from the first day of the year's
  // first period (1 January, or the profile's cut-off start) to this period's last day (docs/workbook.md).
  const ytd: Period = { year, quarter, start: periodOf(profile, year, 1).start, end: period.end };
  const defs = reportRowDefs(profile);
  const counts: Record<string, ReportFigures> = {};
  for (const def of defs) if (def.kind === 'count') counts[def.code] = emptyFigures(def.code.startsWith('4.'));
  const excluded: Record<string, ReportExclusion[]> = {};
  const exclude = (code: string, e: ReportExclusion | null): void => {
    if (e) (excluded[code] ??= []).push(e);
  };

  // Support types by key -> index (row 4.(i+1)); per person a bit mask of types (≤ 31 types), so
  // "once per type" and "need met" are integer operations, not string keys.
  const types = supportTypes(profile.law);
  const typeIndex = new Map<string, number>();
  types.forEach((t, i) => typeIndex.set(t.key, i));
  const typeRows = types.map((_t, i) => counts[`4.${i + 1}`]);
  const purposeRow = new Map<string, string>();
  PURPOSE.forEach((p, i) => purposeRow.set(p.key, `3.${i + 1}`));
  const undeterminedRow = purposeRow.get('undetermined') as string;

  // First registry row per case ID (a duplicate ID is REG-06): the person a support row refers to.
  const ownerOf = registryOwners(registry);
  // Year to date: received (6.1's denominator), decided by the period's end (its numerator),
  // under 18 (6.3's denominator, as 5.1), of whom referred (as 5.2).
  let receivedYtd = 0;
  let verifiedYtd = 0;
  let minorsYtd = 0;
  let referredYtd = 0;
  // Per person (index of the first registry row of a case ID), bit masks of support types: the
  // needs of victims identified by the period's end and received this year (6.2).
  const needsOf = new Int32Array(registry.length);

  for (let index = 0; index < registry.length; index++) {
    const rec = registry[index];
    const receivedIn = inPeriod(rec.received_date, period);
    if ((rec.sex === null || rec.received_date === null || rec.receipt_channel === null) && inReach(rec, period, ytd, receivedIn)) {
      exclude('1', registryExclusion(rec, receivedIn));
    }
    if (rec.sex === null) continue; // REG-01/02: cannot be split Nam/Nữ

    // 5.1 leaves out people found not to be victims by the period's end (docs/workbook.md).
    const notVictimByEnd = rec.verification_status === 'not_victim' && (rec.verification_date === null || onOrBeforeEnd(rec.verification_date, period));
    const age = rec.age_at_receipt;
    const minor = age !== null && age >= 0 && age < 18 && !notVictimByEnd;
    // Rows 1.x, 5.x: received in the period. `Không phải nạn nhân` still counts as received.
    const channelRow = rec.receipt_channel ? CHANNEL_ROW[rec.receipt_channel] : undefined;
    if (channelRow && receivedIn) {
      addPerson(counts['1'], rec);
      addPerson(counts[channelRow], rec);
      if (channelRow !== '1.3') addPerson(counts[channelRow.slice(0, 3)], rec);
      // 5.1: under 18 at receipt (awaiting verification or identified); 5.2: those with
      // `Kết nối … = Có`.
      if (minor) {
        addPerson(counts['5.1'], rec);
        if (rec.child_referral === 'yes') addPerson(counts['5.2'], rec);
      }
    }
    if (channelRow && inPeriod(rec.received_date, ytd)) {
      receivedYtd += 1;
      if (verifiedAtEnd(rec, period)) verifiedYtd += 1;
      if (minor) {
        minorsYtd += 1;
        if (rec.child_referral === 'yes') referredYtd += 1;
      }
    }

    // Rows 2.1/2.2/3.x: decisions dated in the period, whenever the person was received.
    if (inPeriod(rec.verification_date, period)) {
      if (rec.verification_status === 'identified') {
        addPerson(counts['2.1'], rec);
        addPerson(counts[(rec.purpose && purposeRow.get(rec.purpose)) || undeterminedRow], rec);
      } else if (rec.verification_status === 'not_victim') {
        addPerson(counts['2.2'], rec);
      }
    }
    // 6.2: the needs of victims identified by the period's end and received this year.
    const owner = rec.support_needs.length > 0 ? ownerOf[index] : -1;
    if (owner >= 0 && rec.verification_status === 'identified' && verifiedAtEnd(rec, period) && inPeriod(rec.received_date, ytd)) {
      let mask = needsOf[owner];
      for (let k = 0; k < rec.support_needs.length; k++) {
        const i = typeIndex.get(rec.support_needs[k]);
        if (i !== undefined) mask |= 1 << i;
      }
      needsOf[owner] = mask;
    }

    // Row 2.3: received by the period's end and still awaiting a decision on its last day.
    if (onOrBeforeEnd(rec.received_date, period)) {
      const pendingAtEnd =
        rec.verification_status === 'pending' ||
        ((rec.verification_status === 'identified' || rec.verification_status === 'not_victim') &&
          rec.verification_date !== null &&
          !onOrBeforeEnd(rec.verification_date, period));
      if (pendingAtEnd) addPerson(counts['2.3'], rec);
    }
  }

  // Rows 4.x: persons supported in the period, once per type; Kinh phí sums the valid amounts of
  // the same rows. Support rows whose case is not in the registry (SUP-06) or whose person lacks
  // a sex are left out of both, so 4.x counts and amounts describe one population; each is named
  // in `excluded`.
  const seen = new Int32Array(registry.length);
  // 6.2: person -> mask of types with any support dated on or before the period's end.
  const metBy = new Int32Array(registry.length);
  // The support rows' persons, shared with the SUP rules (one case-ID lookup per row per check).
  const supportOwner = supportOwners(registry, support);
  for (let s = 0; s < support.length; s++) {
    const sup = support[s];
    const owner = supportOwner[s];
    const i = sup.type === null ? undefined : typeIndex.get(sup.type);
    const rec = owner < 0 ? null : registry[owner];
    const supIn = inPeriod(sup.date, period);
    if (doubtfulSupport(sup, supIn, owner, i !== undefined, rec)) {
      exclude(i === undefined ? '4.1' : `4.${i + 1}`, supportExclusion(sup, supIn, owner >= 0, rec));
    }
    if (rec === null || i === undefined) continue;
    const bit = 1 << i;
    if (needsOf[owner] !== 0 && onOrBeforeEnd(sup.date, period)) metBy[owner] |= bit;
    if (rec.sex === null || !supIn) continue;
    const fig = typeRows[i];
    fig.amount = (fig.amount ?? 0) + validAmount(sup.amount);
    if ((seen[owner] & bit) === 0) {
      seen[owner] |= bit;
      addPerson(fig, rec);
    }
  }

  // 6.2 (Hương Trà plan, target "100 % of victims supported per need"): per need, across all
  // types: needs met / needs; a need is met by a support of that type for that person dated by
  // the period's end.
  let needs = 0;
  let met = 0;
  for (let owner = 0; owner < needsOf.length; owner++) {
    if (needsOf[owner] === 0) continue;
    needs += bitCount(needsOf[owner]);
    met += bitCount(needsOf[owner] & metBy[owner]);
  }

  return {
    period,
    counts,
    ratios: { '6.1': [verifiedYtd, receivedYtd], '6.2': [met, needs], '6.3': [referredYtd, minorsYtd] },
    percents: {
      // 6.1 (plan 003: 100 % of cases received verified): of those received this year, those
      // with a decision by the period's end.
      '6.1': percent(verifiedYtd, receivedYtd),
      '6.2': percent(met, needs),
      // 6.3 (plan 002: child victims connected to child protection) = 5.2 / 5.1, year to date.
      '6.3': percent(referredYtd, minorsYtd),
    },
    excluded,
  };
}
