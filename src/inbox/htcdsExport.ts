/**
 * The HTCDS case list (docs/cli.md `vr export --format htcds`, docs/htcds.md): consented rows
 * only, each person once, no direct identifiers, k-anonymous over every written column but the
 * trafficking status, which is withheld wherever a class holds fewer than two distinct statuses.
 * Shared by the command line (files on disk) and the staff page's download (accepted reports).
 */
import { UserError } from '../domain/errors';
import { htcdsCases, type HtcdsCase } from '../domain/htcds';
import { anonymiseByQuarter, htcdsQuasiIdentifiers, publishedCase, type PublishedCase, type QuarterAnonymisation } from '../domain/htcdsRows';
import { DEFAULT_SUPPRESSION_BUDGET } from '../domain/kanon';
import { parseWorkbook } from '../domain/parse';
import { inPeriod, periodOf } from '../domain/period';
import { matchPeople, personKeys, SAME_PERSON, type PersonEntry } from '../domain/personMatch';
import type { Profile } from '../domain/schema/profile';
import { findUnit } from '../profiles';
import { planNameOfId } from '../profiles/planNames';
import { planNameWithId } from '../domain/planName';
import type { UnitInput } from './consolidate';
import { writeHtcdsWorkbook } from './htcdsWorkbook';
import type { Letterhead } from '../domain/templatePrint';

export { ABOUT_SHEET, CASE_SHEET, SUPPORT_SHEET, VALIDATION_SHEET } from './htcdsWorkbook';

/** The least k any file is made with (CTDC publishes with k = 11); an inbox administrator may
 *  set a higher floor (`VR_INBOX_MIN_K`), never a lower one. */
export const K_FLOOR = 11;
export const DEFAULT_K = K_FLOOR;

export interface ExportOptions {
  year: number;
  /** Null: the whole year. */
  quarter: number | null;
  k: number;
  /** The least k allowed (K_FLOOR, or the inbox's higher floor). */
  floor?: number;
  now?: Date;
  /** The inbox's letterhead for the `about` sheet when printed (the inbox's download). */
  letterhead?: Letterhead & { place: string };
  /** The province the cases come from (`Tỉnh Khánh Hoà`), named as the source; default the plan's. */
  province?: string;
}

export interface ExportResult {
  buffer: Buffer;
  rows: number;
  suppressed: number;
  /** Consented cases received in the period, before people registered twice were merged. */
  consented: number;
  /** Cases dropped because another unit registered the same person (DUP-01, probable). */
  merged: number;
  quarters: QuarterAnonymisation[];
  /** Chosen level per quasi-identifier, per quarter (`2020-Q4` → name → level). */
  levels: Record<string, Record<string, number>>;
}

/** A consented case with what DUP-01 compares (kept in memory only, never written). */
export interface CollectedCase {
  c: HtcdsCase;
  person: PersonEntry;
  received: number;
}

function yearSpan(profile: Profile, year: number): { start: Date; end: Date } {
  return { start: periodOf(profile, year, 1).start, end: periodOf(profile, year, 4).end };
}

/** Refuses a k below the floor, with the floor in the message. */
export function checkK(k: number, floor = K_FLOOR): void {
  const least = Math.max(K_FLOOR, floor);
  if (!Number.isInteger(k) || k < least) {
    throw new UserError(
      'bad_argument',
      `k = ${k} quá nhỏ: tệp chia sẻ ra ngoài tỉnh cần mỗi nhóm có ít nhất ${least} người (k ≥ ${least}${least > K_FLOOR ? ', mức quản trị viên hộp thư đặt' : ', như CTDC công bố'}). Hãy dùng k từ ${least} trở lên.`,
      `k = ${k} is too small: a file shared beyond the province needs every group to hold at least ${least} people (k ≥ ${least}${least > K_FLOOR ? ", the inbox administrator's floor" : ', as CTDC publishes'}). Use k of ${least} or more.`,
    );
  }
}

/**
 * Reads each workbook once and keeps only codes of consented cases received in the year. A
 * unit's register is cumulative, so when several of its workbooks are given a case is taken
 * from the most recent quarter's.
 */
async function collect(profile: Profile, year: number, inputs: Iterable<UnitInput> | AsyncIterable<UnitInput>): Promise<CollectedCase[]> {
  const span = yearSpan(profile, year);
  const byCase = new Map<string, { at: number; value: CollectedCase }>();
  for await (const input of inputs) {
    const parsed = parseWorkbook(await input.load(), profile);
    const meta = parsed.meta;
    if (!meta) {
      throw new UserError('not_template', `${input.label}: không phải sổ theo mẫu (thiếu _meta); hãy dùng tệp tạo bằng "vr new".`, `${input.label}: not a registry template (no _meta); use a file created by "vr new".`);
    }
    if (meta.profile !== profile.id) {
      throw new UserError('bad_argument', `${input.label}: thuộc kế hoạch ${planNameOfId(meta.profile, 'vi')}, không phải ${planNameWithId(profile, 'vi')}.`, `${input.label}: belongs to plan ${planNameOfId(meta.profile, 'en')}, not ${planNameWithId(profile, 'en')}.`);
    }
    const unit = findUnit(profile, meta.unit_code);
    if (!unit) {
      throw new UserError('unknown_unit', `${input.label}: đơn vị ${meta.unit_code} không có trong kế hoạch ${planNameWithId(profile, 'vi')}.`, `${input.label}: unit ${meta.unit_code} is not in plan ${planNameWithId(profile, 'en')}.`);
    }
    const province = unit.province_code ?? profile.province_code;
    const at = meta.year * 10 + meta.quarter;
    const records = parsed.registry.records.filter((r) => r.consent_share === 'yes' && r.received_date && inPeriod(r.received_date, span));
    const cases = htcdsCases(records, parsed.support.records, profile, province, () => true);
    cases.forEach((c, i) => {
      const rec = records[i];
      const caseId = c.caseId ?? `${input.label}#${rec.row0}`;
      const key = `${unit.code}|${caseId}`;
      const prior = byCase.get(key);
      if (prior && prior.at > at) return;
      const p = personKeys(rec);
      byCase.set(key, { at, value: { c, received: rec.received_date!.getTime(), person: { unit_code: unit.code, case_id: caseId, id: p.id, keys: p.keys, plainOnly: p.plainOnly } } });
    });
  }
  return [...byCase.values()].map((v) => v.value);
}

const STATUS_RANK: Record<string, number> = { identified: 0, not_victim: 0, pending: 1 };

/**
 * One case per person: cases of two units that DUP-01 matches on the same ID number, or on the same
 * name and full date of birth, are one (a name and a birth year alone are only shown to staff:
 * two people of one name born the same year are not rare). The case kept is the one with a decided
 * status, else the first received; it carries every type of support either unit gave.
 */
export function onePerPerson(cases: readonly CollectedCase[]): { cases: HtcdsCase[]; merged: number } {
  const parent = cases.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const index = new Map(cases.map((c, i) => [c.person, i]));
  for (const m of matchPeople(cases.map((c) => c.person))) {
    if (!m.reasons.some((r) => SAME_PERSON.includes(r))) continue;
    const a = find(index.get(m.a)!);
    const b = find(index.get(m.b)!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, CollectedCase[]>();
  cases.forEach((c, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), c]));
  const out: HtcdsCase[] = [];
  for (const group of groups.values()) {
    const [keep] = [...group].sort(
      (x, y) =>
        (STATUS_RANK[x.c.status ?? ''] ?? 2) - (STATUS_RANK[y.c.status ?? ''] ?? 2) ||
        x.received - y.received ||
        x.person.unit_code.localeCompare(y.person.unit_code) ||
        x.person.case_id.localeCompare(y.person.case_id),
    );
    out.push({ ...keep.c, support: [...new Set(group.flatMap((g) => g.c.support))].sort() });
  }
  return { cases: out, merged: cases.length - out.length };
}

function tooFew(consented: number, k: number, quarter: number | null): UserError {
  const span = quarter === null ? { vi: 'trong năm', en: 'in the year' } : { vi: `trong quý ${quarter}`, en: `in quarter ${quarter}` };
  return new UserError(
    'bad_argument',
    `Chỉ có ${consented} trường hợp đồng ý chia sẻ được tiếp nhận ${span.vi}: quá ít để mỗi nhóm (giới tính, nhóm tuổi, quốc tịch, mục đích, loại hỗ trợ, cơ quan xác định, tỉnh, quý) có ít nhất k = ${k} người. Không xuất tệp; hãy chọn cả năm hoặc chờ thêm báo cáo.`,
    `Only ${consented} consented cases received ${span.en}: too few for every group (sex, age group, citizenship, purpose, support, deciding body, province, quarter) to hold at least k = ${k} people. No file written; choose the whole year or wait for more reports.`,
  );
}

export async function exportHtcds(profile: Profile, opts: ExportOptions, inputs: Iterable<UnitInput> | AsyncIterable<UnitInput>): Promise<ExportResult> {
  checkK(opts.k, opts.floor);
  const collected = await collect(profile, opts.year, inputs);
  const { cases, merged } = onePerPerson(collected);
  const wanted = opts.quarter === null ? cases : cases.filter((c) => c.quarter === opts.quarter && c.year === opts.year);
  const consented = opts.quarter === null ? collected.length : collected.filter((c) => c.c.quarter === opts.quarter && c.c.year === opts.year).length;
  if (wanted.length < opts.k) throw tooFew(wanted.length, opts.k, opts.quarter);
  const quarters = anonymiseByQuarter(wanted, profile.law, opts.k, DEFAULT_SUPPRESSION_BUDGET);
  const qis = htcdsQuasiIdentifiers(profile.law);
  const published: PublishedCase[] = quarters.flatMap((q) => q.result.rows.map((r) => publishedCase(r, qis))).sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  if (published.length === 0) throw tooFew(wanted.length, opts.k, opts.quarter);
  const suppressed = quarters.reduce((s, q) => s + q.result.suppressed, 0);
  const buffer = await writeHtcdsWorkbook(published, { profile, year: opts.year, quarter: opts.quarter, k: opts.k, now: opts.now ?? new Date(), quarters, merged, qis, letterhead: opts.letterhead, province: opts.province });
  return {
    buffer,
    rows: published.length,
    suppressed,
    consented,
    merged,
    quarters,
    levels: Object.fromEntries(quarters.map((q) => [`${q.year}-Q${q.quarter}`, Object.fromEntries(qis.map((x, i) => [x.name, q.result.levels[i]]))])),
  };
}
