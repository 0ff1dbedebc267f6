import '../profiles/officialAll';
import { checkParsed } from '../domain/check';
import { isUserError } from '../domain/errors';
import { isSubmittable, summarise, type Finding, type FindingSummary } from '../domain/finding';
import type { ParsedWithCells } from '../domain/parse';
import { periodOf, startOfUtcDay, VIETNAM_UTC_OFFSET_MS } from '../domain/period';
import { reportView, type ReportView } from '../domain/reportView';
import type { Profile } from '../domain/schema/profile';
import { guardXlsxBuffer } from '../xlsx/guard';
import { assertNoPadding } from '../xlsx/partsGuard';
import { readParsedWorkbookBuffer } from '../xlsx/read';
import { planNameOfId, unitNameOfCode } from '../profiles/planNames';

/**
 * The verdict on uploaded bytes, as plain data so it can cross a worker-thread boundary:
 * read (with the reader's zip/size guards), check the unit owns the workbook, re-run every rule.
 * The inbox never trusts the client's verdict (docs/inbox.md).
 */
export interface JudgeInput {
  body: Uint8Array;
  unitCode: string;
  profile: Profile;
  receivedAt: string;
  maxBytes: number;
  displayName: string;
  /** Re-reading a stored version for a person to look at (the staff page's view of a submission):
   *  every finding and the report as the sheet holds it, whatever the findings. */
  review?: boolean;
}

export type JudgeOutput =
  | { ok: true; findings: Finding[]; summary: FindingSummary; year: number; quarter: number; report?: ReportView }
  | { ok: false; status: number; code: string; message_vi: string; message_en: string; extra: Record<string, unknown> };

/** Who a workbook belongs to, words first: `Huyện Tiên Du (BN-TD), kế hoạch Bắc Ninh 2017–2020 (bac-ninh-2017)`;
 *  the plan only when it is not the token's. */
function owner(meta: { unit_code: string; profile: string }, profile: Profile, lang: 'vi' | 'en'): string {
  const unit = unitNameOfCode(meta.profile, meta.unit_code.trim());
  if (meta.profile === profile.id) return unit;
  return `${unit}${lang === 'vi' ? ', kế hoạch ' : ', plan '}${planNameOfId(meta.profile, lang)}`;
}

/** The check date: today in Vietnam, as the UTC midnight the rules expect. */
export function vietnamToday(at: Date): Date {
  return startOfUtcDay(new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS));
}

/** dd/mm/yyyy of a UTC-midnight date. */
function shown(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * A quarter the inbox does not take: outside the plan's years (2001 Q1 or 2016 Q4 on the
 * 2017–2020 plan), or not yet begun (its report period starts after today in Vietnam). The
 * checking rules only warn (FMT-07) so that a clerk can work on such a file; the province's
 * record holds only the plan's quarters that have begun. Decided before the rules run: the
 * findings of a wrong quarter are not worth a clerk's time.
 */
export function periodRefusal(profile: Profile, year: number, quarter: number, receivedAt: Date): JudgeOutput | null {
  const { from, to } = profile.years;
  if (year < from || year > to) {
    return {
      ok: false,
      status: 422,
      code: 'period_outside_plan',
      message_vi: `Sổ là báo cáo quý ${quarter}/${year}, ngoài thời gian của kế hoạch ${profile.id} (${from}–${to}); hộp thư không nhận. Hãy kiểm tra năm và quý của sổ (sheet _meta), hoặc tạo sổ mới đúng quý.`,
      message_en: `The workbook is the report for Q${quarter} ${year}, outside plan ${profile.id} (${from}–${to}); the inbox does not take it. Check the workbook's year and quarter (the _meta sheet), or create a new workbook for the right quarter.`,
      extra: { year, quarter, plan_years: `${from}-${to}` },
    };
  }
  const start = periodOf(profile, year, quarter).start;
  if (start.getTime() > vietnamToday(receivedAt).getTime()) {
    return {
      ok: false,
      status: 422,
      code: 'period_not_begun',
      message_vi: `Kỳ báo cáo quý ${quarter}/${year} bắt đầu từ ${shown(start)}, chưa tới; hộp thư chưa nhận báo cáo của quý này. Hãy kiểm tra năm và quý của sổ (sheet _meta).`,
      message_en: `The report period of Q${quarter} ${year} starts on ${shown(start)}, which has not come yet; the inbox does not take that quarter's report yet. Check the workbook's year and quarter (the _meta sheet).`,
      extra: { year, quarter, starts: start.toISOString().slice(0, 10) },
    };
  }
  return null;
}

export async function judgeBytes(input: JudgeInput): Promise<JudgeOutput> {
  const receivedAt = new Date(input.receivedAt);
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  let parsed: ParsedWithCells;
  try {
    // The zip guards first (a bomb is named as such), then bytes that are not the workbook
    // (junk parts, padding), both before anything is read; then read and parsed with the unit's
    // plan in one streaming pass (the tables' grid is never kept).
    await guardXlsxBuffer(body, { maxBytes: input.maxBytes, displayName: input.displayName });
    await assertNoPadding(body, input.displayName);
    parsed = await readParsedWorkbookBuffer(body, { maxBytes: input.maxBytes, displayName: input.displayName, profile: input.profile });
  } catch (error) {
    if (isUserError(error)) {
      return { ok: false, status: error.code === 'too_large' ? 413 : 400, code: error.code, message_vi: error.message_vi, message_en: error.message_en, extra: {} };
    }
    throw error;
  }
  const { meta } = parsed;
  if (meta && (meta.unit_code.trim().toUpperCase() !== input.unitCode.toUpperCase() || meta.profile !== input.profile.id)) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message_vi: `Sổ này là của ${owner(meta, input.profile, 'vi')}, không phải của ${unitNameOfCode(input.profile.id, input.unitCode)}, đơn vị của mã truy cập này. Mỗi đơn vị chỉ nộp sổ của mình: hãy chọn đúng sổ của đơn vị.`,
      message_en: `This workbook belongs to ${owner(meta, input.profile, 'en')}, not to ${unitNameOfCode(input.profile.id, input.unitCode)}, the unit of this token. A unit submits only its own workbook: choose your unit's workbook.`,
      extra: {},
    };
  }
  if (meta) {
    const outside = periodRefusal(input.profile, meta.year, meta.quarter, receivedAt);
    if (outside) return outside;
  }
  // The upload page cannot fill a report: the unit does it in Excel (docs/rules.md).
  const fillHint = { vi: 'mở sổ bằng Excel và lập báo cáo', en: 'open the workbook in Excel and build the report' };
  const { findings } = checkParsed(parsed, { today: vietnamToday(receivedAt), receivedAt, fillHint });
  const summary = summarise(findings);
  if (input.review) {
    return { ok: true, findings, summary, year: meta?.year ?? 0, quarter: meta?.quarter ?? 0, report: reportView(parsed.report, input.profile) };
  }
  if (!meta || !isSubmittable(findings)) {
    return {
      ok: false,
      status: 422,
      code: 'findings',
      message_vi: `Sổ chưa nộp được: ${summary.fatal + summary.error} lỗi cần sửa. Hãy sửa các ô được nêu rồi nộp lại.`,
      message_en: `The workbook was not accepted: ${summary.fatal + summary.error} errors to fix. Fix the listed cells and submit again.`,
      extra: { findings, summary },
    };
  }
  return { ok: true, findings, summary, year: meta.year, quarter: meta.quarter };
}
