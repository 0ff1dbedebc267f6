import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Finding, FindingSummary } from '../domain/finding';
import { isOnTime } from '../domain/period';
import { audit } from './audit';
import { HttpError, sha256Hex } from './auth';
import { profileOf } from './config';
import { judge } from './judgePool';
import { sizeOf } from './sizes';
import type { InboxContext, SubmissionVersion, UnitRecord } from './storage/types';

/** What the inbox answers for a stored version (POST /api/submissions 200): the shared wire schema. */
import type { Receipt } from '../domain/schema/inbox';
export type { Receipt };

export function receiptOf(v: SubmissionVersion): Receipt {
  return {
    id: v.id,
    sha256: v.sha256,
    received_at: v.received_at,
    on_time: v.on_time,
    unit_code: v.unit_code,
    year: v.year,
    quarter: v.quarter,
    version: v.version,
    state: v.state,
    summary: v.summary,
  };
}

/** Direction overrides and isolates (U+202E shows "xslx.exe" as "exe.xlsx"), invisible marks,
 *  C0/C1 controls. */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** The longest file name kept (the staff page shows it). */
export const FILENAME_MAX = 120;

/**
 * X-Filename is informational, chosen by the client: keep a short, printable base name only.
 * A run of 9 or more digits (a CMND/CCCD number typed into a file name) is masked: the name is
 * shown to staff and must not carry an ID number (docs/data-protection.md).
 */
export function cleanFilename(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // not percent-encoded: keep as sent
  }
  name = name
    .normalize('NFC')
    .replace(HIDDEN, '')
    .replace(/^.*[\\/]/, '')
    .replace(/\d{9,}/g, (digits) => '*'.repeat(digits.length))
    .replace(/\s+/g, ' ')
    .trim();
  if (!name) return null;
  return [...name].length > FILENAME_MAX ? `${[...name].slice(0, FILENAME_MAX - 1).join('')}…` : name;
}

export interface Verdict {
  findings: Finding[];
  summary: FindingSummary;
  year: number;
  quarter: number;
}

/**
 * Reads and re-checks the uploaded bytes (on a worker thread when the pool is on). Throws 400
 * for unusable bytes, 403 for another unit's workbook, 422 (with findings) when an error or
 * fatal finding blocks it.
 */
export async function judgeWorkbook(
  ctx: InboxContext,
  unit: UnitRecord,
  body: Buffer,
  displayName: string,
  receivedAt: Date,
): Promise<Verdict> {
  const profile = profileOf(ctx.config, unit.profile);
  if (!profile) {
    throw new HttpError(500, 'unknown_profile', `Máy chủ không biết kế hoạch ${unit.profile}.`, `The server does not know plan ${unit.profile}.`);
  }
  const out = await judge(ctx.judges ?? null, {
    body,
    unitCode: unit.unit_code,
    profile,
    receivedAt: receivedAt.toISOString(),
    maxBytes: ctx.config.maxUploadBytes,
    displayName,
  });
  if (!out.ok) throw new HttpError(out.status, out.code, out.message_vi, out.message_en, out.extra);
  return { findings: out.findings, summary: out.summary, year: out.year, quarter: out.quarter };
}

const LOCKED = (v: SubmissionVersion): HttpError =>
  new HttpError(
    409,
    'locked',
    `Báo cáo quý ${v.quarter}/${v.year} đã được Sở chấp nhận và khoá; không nộp lại được. Liên hệ Sở nếu cần sửa.`,
    `The report for Q${v.quarter} ${v.year} was accepted and is locked; it cannot be resubmitted. Contact the province to change it.`,
    { submission_id: v.id },
  );

const TOO_MANY_VERSIONS = (year: number, quarter: number, cap: number): HttpError =>
  new HttpError(
    429,
    'too_many_versions',
    `Đơn vị đã nộp ${cap} bản cho quý ${quarter}/${year}, mức tối đa của hộp thư; bản này chưa được nhận. Hãy liên hệ Sở: cán bộ Sở xem các bản đã nộp và hướng dẫn nộp lại.`,
    `The unit has already submitted ${cap} versions for Q${quarter} ${year}, the inbox's maximum; this one was not received. Contact the province: its staff will review the versions and tell you how to resubmit.`,
    { limit: cap },
  );

const QUOTA_FULL = (used: number, quota: number): HttpError =>
  new HttpError(
    507,
    'quota',
    `Đơn vị đã dùng ${sizeOf(used)} trong ${sizeOf(quota)} dung lượng hộp thư dành cho mỗi đơn vị; bản này chưa được nhận. Hãy liên hệ Sở: cán bộ Sở xem các bản đã nộp và nới giới hạn nếu cần.`,
    `The unit has used ${sizeOf(used)} of the ${sizeOf(quota)} the inbox keeps for each unit; this one was not received. Contact the province: its staff will review the stored versions and raise the limit if needed.`,
    { used, limit: quota },
  );

/**
 * One upload, end to end. Order matters for durability: the file is made durable first, then
 * the row is committed in one transaction, then the receipt is answered. Same bytes again →
 * the stored receipt, nothing new written (also under concurrency: the store decides).
 */
export async function receiveSubmission(
  ctx: InboxContext,
  req: FastifyRequest,
  unit: UnitRecord,
  body: Buffer,
  filename: string | null,
): Promise<{ receipt: Receipt; duplicate: boolean }> {
  const actor = { role: 'unit' as const, name: unit.unit_code };
  const receivedAt = new Date();
  const sha256 = sha256Hex(body);
  // A retry of bytes already stored: the same receipt, without reading the workbook again.
  const known = await ctx.store.findVersionByUnitSha(unit.id, sha256);
  if (known) {
    await audit(ctx, req, actor, 'submit_duplicate', known.id, { sha256 });
    return { receipt: receiptOf(known), duplicate: true };
  }
  // A unit's storage is bounded: checked before the workbook is read (cheap), and the
  // per-unit upload limit keeps concurrent uploads from overshooting it by more than one.
  const used = await ctx.store.unitStoredBytes(unit.id);
  if (used + body.length > ctx.config.unitQuotaBytes) {
    await audit(ctx, req, actor, 'submit_refused', null, { status: 507, reason: 'quota', sha256, size: body.length, used });
    throw QUOTA_FULL(used, ctx.config.unitQuotaBytes);
  }
  let verdict: Verdict;
  try {
    verdict = await judgeWorkbook(ctx, unit, body, filename ?? 'tệp nộp / uploaded file', receivedAt);
  } catch (error) {
    if (error instanceof HttpError) {
      const summary = (error.extra.summary ?? {}) as Partial<FindingSummary>;
      await audit(ctx, req, actor, 'submit_refused', null, {
        status: error.status, reason: error.code, sha256, size: body.length,
        fatal: summary.fatal ?? null, error: summary.error ?? null,
      });
    }
    throw error;
  }
  const { year, quarter } = verdict;
  const same = await ctx.store.findVersionBySha(unit.id, year, quarter, sha256);
  if (same) {
    await audit(ctx, req, actor, 'submit_duplicate', same.id, { sha256 });
    return { receipt: receiptOf(same), duplicate: true };
  }
  const versions = await ctx.store.listUnitVersions(unit.id, year, quarter);
  const accepted = versions.find((v) => v.state === 'accepted');
  if (accepted) {
    await audit(ctx, req, actor, 'submit_refused', accepted.id, { status: 409, reason: 'locked', sha256, size: body.length });
    throw LOCKED(accepted);
  }
  // Checked here to spare the file write, and again atomically by the store.
  const cap = ctx.config.maxVersionsPerQuarter;
  if (versions.length >= cap) {
    await audit(ctx, req, actor, 'submit_refused', null, { status: 429, reason: 'too_many_versions', sha256, size: body.length, versions: versions.length });
    throw TOO_MANY_VERSIONS(year, quarter, cap);
  }

  const profile = profileOf(ctx.config, unit.profile)!;
  const fileKey = await ctx.files.put(body);
  let result;
  try {
    result = await ctx.store.insertVersion({
      id: randomUUID(),
      unit_id: unit.id,
      profile: unit.profile,
      unit_code: unit.unit_code,
      year,
      quarter,
      sha256,
      size: body.length,
      file_key: fileKey,
      filename,
      received_at: receivedAt.toISOString(),
      on_time: isOnTime(profile, year, quarter, receivedAt),
      summary: verdict.summary,
    }, cap);
  } catch (error) {
    await ctx.files.remove(fileKey).catch(() => undefined);
    throw error;
  }
  if (result.kind !== 'created') await ctx.files.remove(fileKey).catch(() => undefined);
  if (result.kind === 'locked') {
    await audit(ctx, req, actor, 'submit_refused', result.accepted.id, { status: 409, reason: 'locked', sha256, size: body.length });
    throw LOCKED(result.accepted);
  }
  if (result.kind === 'full') {
    // Concurrent uploads all past the early check: the store's count decides.
    await audit(ctx, req, actor, 'submit_refused', null, { status: 429, reason: 'too_many_versions', sha256, size: body.length, versions: result.versions });
    throw TOO_MANY_VERSIONS(year, quarter, cap);
  }
  const version = result.version;
  await audit(ctx, req, actor, result.kind === 'created' ? 'submit' : 'submit_duplicate', version.id, {
    sha256, size: body.length, version: version.version, on_time: version.on_time,
    error: verdict.summary.error, warning: verdict.summary.warning,
  });
  return { receipt: receiptOf(version), duplicate: result.kind !== 'created' };
}
