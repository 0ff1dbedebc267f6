import type { FindingSummary } from '../../domain/finding';
import type { AuditEvent, SessionRecord, StaffUser, SubmissionVersion, UnitRecord } from './types';

/** Row → record mapping shared by both backends (SQLite gives text/ints, PostgreSQL gives
 *  Date/boolean/jsonb), so both stores answer with exactly the same shapes. */
type Row = Record<string, unknown>;

export function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** SQLite 0/1, PostgreSQL boolean; a row from before the column existed is active. */
function flag(value: unknown): boolean {
  return value === undefined || value === null ? true : Boolean(Number(value));
}

export function toUnit(row: Row): UnitRecord {
  return {
    id: Number(row.id),
    profile: String(row.profile),
    unit_code: String(row.unit_code),
    unit_name: String(row.unit_name),
    province_code: String(row.province_code),
    token_hash: String(row.token_hash),
    created_at: iso(row.created_at),
    active: flag(row.active),
  };
}

export function toStaff(row: Row): StaffUser {
  return {
    id: Number(row.id),
    username: String(row.username),
    role: row.role === 'admin' ? 'admin' : 'staff',
    password_hash: String(row.password_hash),
    created_at: iso(row.created_at),
    active: flag(row.active),
  };
}

export function toSession(row: Row): SessionRecord {
  return {
    id_hash: String(row.id_hash),
    user_id: Number(row.user_id),
    csrf_token: String(row.csrf_token),
    created_at: iso(row.created_at),
    expires_at: iso(row.expires_at),
  };
}

export function toVersion(row: Row): SubmissionVersion {
  return {
    id: String(row.id),
    unit_id: Number(row.unit_id),
    profile: String(row.profile),
    unit_code: String(row.unit_code),
    year: Number(row.year),
    quarter: Number(row.quarter),
    version: Number(row.version),
    sha256: String(row.sha256),
    size: Number(row.size),
    file_key: String(row.file_key),
    filename: row.filename === null || row.filename === undefined ? null : String(row.filename),
    received_at: iso(row.received_at),
    on_time: row.on_time === true || row.on_time === 1,
    summary: json<FindingSummary>(row.summary),
    state: row.state as SubmissionVersion['state'],
    return_reason: row.return_reason === null || row.return_reason === undefined ? null : String(row.return_reason),
    decided_by: row.decided_by === null || row.decided_by === undefined ? null : String(row.decided_by),
    decided_at: isoOrNull(row.decided_at),
  };
}

export function toAudit(row: Row): AuditEvent {
  return {
    id: Number(row.id),
    at: iso(row.at),
    actor_role: row.actor_role as AuditEvent['actor_role'],
    actor: String(row.actor),
    action: row.action as AuditEvent['action'],
    target: row.target === null || row.target === undefined ? null : String(row.target),
    ip: row.ip === null || row.ip === undefined ? null : String(row.ip),
    detail: json<AuditEvent['detail']>(row.detail),
  };
}

/** Shared decision logic: only the quarter's latest version can be returned or accepted, and
 *  an accepted quarter is locked (docs/inbox.md). */
export function decisionConflict(
  target: SubmissionVersion,
  quarterVersions: SubmissionVersion[],
): 'not_latest' | 'already_accepted' | 'already_returned' | null {
  if (quarterVersions.some((v) => v.state === 'accepted')) return 'already_accepted';
  const latest = quarterVersions.reduce((a, b) => (b.version > a.version ? b : a), target);
  if (latest.id !== target.id) return 'not_latest';
  // A returned version waits for the unit's new version; it is neither returned again nor accepted.
  if (target.state === 'returned') return 'already_returned';
  return null;
}

export const AUDIT_DEFAULT_LIMIT = 200;
export const AUDIT_MAX_LIMIT = 1000;

export function auditLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return AUDIT_DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), AUDIT_MAX_LIMIT);
}
