import type { Finding, FindingSummary } from '../domain/finding';
import { deadlineOf } from '../domain/period';
import type { ReportView } from '../domain/reportView';
import { HttpError, sha256Hex } from './auth';
import { profileOf } from './config';
import { judge } from './judgePool';
import { officialUnit } from '../profiles/officialList';
import type { InboxContext, SubmissionVersion } from './storage/types';
import { versionView, type VersionView } from './tracking';

/**
 * A stored version as a person reads it in the browser (docs/inbox.md, "Xem bản nộp"): the
 * findings of every rule and the quarterly report as its sheet holds it. The file is checked
 * again, on the checking threads, as of the day it was received (REG-04, VER-03 and RPT-08 judge
 * that day), so the findings are those of its receipt under the rules in force now.
 */
export interface SubmissionReview {
  id: string;
  unit_code: string;
  unit_name: string;
  profile: string;
  year: number;
  quarter: number;
  filename: string | null;
  /** The last day on time (ISO date) and whether the plan sets it or it is assumed. */
  deadline: string;
  deadline_assumed: boolean;
  version: VersionView;
  /** Every version of the unit's quarter, oldest first. */
  versions: VersionView[];
  findings: Finding[];
  summary: FindingSummary;
  report: ReportView | null;
}

/** The stored bytes of a version, refused when they no longer match the SHA-256 of the receipt. */
export async function versionBytes(ctx: InboxContext, v: SubmissionVersion): Promise<Buffer> {
  const bytes = await ctx.files.read(v.file_key);
  if (sha256Hex(bytes) !== v.sha256) {
    ctx.log.error({ submission: v.id }, 'stored file does not match its SHA-256');
    throw new HttpError(500, 'integrity', 'Tệp lưu trữ không khớp mã SHA-256 khi nhận.', 'The stored file does not match its SHA-256 at receipt.');
  }
  return bytes;
}

export async function reviewVersion(ctx: InboxContext, v: SubmissionVersion): Promise<SubmissionReview> {
  const profile = profileOf(ctx.config, v.profile);
  if (!profile) throw new HttpError(409, 'unknown_profile', `Máy chủ không còn kế hoạch "${v.profile}" của bản nộp này.`, `The server no longer has plan "${v.profile}" of this submission.`);
  const bytes = await versionBytes(ctx, v);
  const out = await judge(ctx.judges ?? null, {
    body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    unitCode: v.unit_code,
    profile,
    receivedAt: v.received_at,
    // Accepted once under the limit of its day: a lower limit since then must not hide it.
    maxBytes: Math.max(ctx.config.maxUploadBytes, bytes.length),
    displayName: v.filename ?? `${v.unit_code}-${v.year}-Q${v.quarter}.xlsx`,
    review: true,
  });
  if (!out.ok) throw new HttpError(out.status, out.code, out.message_vi, out.message_en, out.extra);
  const unit = await ctx.store.getUnitById(v.unit_id);
  const versions = (await ctx.store.listUnitVersions(v.unit_id, v.year, v.quarter)).sort((a, b) => a.version - b.version);
  return {
    id: v.id,
    unit_code: v.unit_code,
    // A unit of the official list shows its name now, as the quarter's table does.
    unit_name: (profile.unit_list === 'vn-official' ? officialUnit(v.unit_code)?.unit_name : undefined) ?? unit?.unit_name ?? v.unit_code,
    profile: v.profile,
    year: v.year,
    quarter: v.quarter,
    filename: v.filename,
    deadline: deadlineOf(profile, v.year, v.quarter).toISOString().slice(0, 10),
    deadline_assumed: profile.deadline.assumed === true,
    version: versionView(v),
    versions: versions.map(versionView),
    findings: out.findings,
    summary: out.summary,
    report: out.report ?? null,
  };
}
