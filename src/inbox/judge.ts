import '../profiles/officialAll';
import { checkParsed } from '../domain/check';
import { isUserError } from '../domain/errors';
import { isSubmittable, summarise, type Finding, type FindingSummary } from '../domain/finding';
import type { ParsedWithCells } from '../domain/parse';
import { startOfUtcDay, VIETNAM_UTC_OFFSET_MS } from '../domain/period';
import type { Profile } from '../domain/schema/profile';
import { readParsedWorkbookBuffer } from '../xlsx/read';

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
}

export type JudgeOutput =
  | { ok: true; findings: Finding[]; summary: FindingSummary; year: number; quarter: number }
  | { ok: false; status: number; code: string; message_vi: string; message_en: string; extra: Record<string, unknown> };

/** The check date: today in Vietnam, as the UTC midnight the rules expect. */
export function vietnamToday(at: Date): Date {
  return startOfUtcDay(new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS));
}

export async function judgeBytes(input: JudgeInput): Promise<JudgeOutput> {
  const receivedAt = new Date(input.receivedAt);
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  let parsed: ParsedWithCells;
  try {
    // Read and parsed with the unit's plan in one streaming pass (the tables' grid is never kept).
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
      message_vi: `Sổ này thuộc đơn vị ${meta.unit_code} (${meta.profile}); mã truy cập của bạn là của ${input.unitCode}. Mỗi đơn vị chỉ nộp sổ của mình.`,
      message_en: `This workbook belongs to unit ${meta.unit_code} (${meta.profile}); your token is for ${input.unitCode}. A unit submits only its own workbook.`,
      extra: {},
    };
  }
  // The upload page cannot fill a report: the unit does it in Excel (docs/rules.md).
  const fillHint = { vi: 'mở sổ bằng Excel và lập báo cáo', en: 'open the workbook in Excel and build the report' };
  const { findings } = checkParsed(parsed, { today: vietnamToday(receivedAt), receivedAt, fillHint });
  const summary = summarise(findings);
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
