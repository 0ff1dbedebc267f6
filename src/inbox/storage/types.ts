import type { FindingSummary } from '../../domain/finding';

/**
 * The inbox's storage contract (docs/inbox.md). Two real backends implement it: SQLite
 * (`better-sqlite3`, one file in the data dir, the default) and PostgreSQL (`pg`, when
 * DATABASE_URL is set). Every method is async so both backends share one shape; every time is
 * an ISO 8601 UTC string. File bytes are NOT in the rows: a version row names a `file_key`
 * that `FileStore` reads (decrypting when a key is configured): DATA/files on SQLite, the
 * `submission_files` table on PostgreSQL. The row is committed only after the bytes are
 * durable, so a row always has its file.
 */

/** Who acts: a reporting unit (bearer token) or a provincial staff account. */
export type Role = 'unit' | 'staff' | 'admin';
export type StaffRole = Exclude<Role, 'unit'>;

export interface UnitRecord {
  id: number;
  profile: string;
  unit_code: string;
  unit_name: string;
  province_code: string;
  /** SHA-256 (hex) of the unit's token; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  /** A deactivated unit's token no longer works; its submissions are kept. */
  active: boolean;
}

export interface NewUnit {
  profile: string;
  unit_code: string;
  unit_name: string;
  province_code: string;
  token_hash: string;
}

/** A unit an inbox expects to report, whether or not it has a token yet. */
export interface ExpectedUnit {
  unit_code: string;
  unit_name: string;
  province_code: string;
}

export interface StaffUser {
  id: number;
  username: string;
  role: StaffRole;
  /** argon2id PHC string. */
  password_hash: string;
  created_at: string;
  /** A deactivated account cannot sign in and has no sessions. */
  active: boolean;
}

/** A change an administrator makes to a staff account; any change ends its sessions. */
export interface StaffChange {
  password_hash?: string;
  role?: StaffRole;
  active?: boolean;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the cookie value: a leaked database does not yield live sessions. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export type VersionState = 'submitted' | 'returned' | 'accepted';

/** One stored upload. A unit's quarter has 1..n versions; `version` counts from 1. */
export interface SubmissionVersion {
  /** Receipt id (random UUID). */
  id: string;
  unit_id: number;
  profile: string;
  unit_code: string;
  year: number;
  quarter: number;
  version: number;
  sha256: string;
  size: number;
  file_key: string;
  /** Name the client sent in X-Filename (sanitised), informational only. */
  filename: string | null;
  received_at: string;
  on_time: boolean;
  summary: FindingSummary;
  state: VersionState;
  return_reason: string | null;
  /** Staff username who returned / accepted, and when. */
  decided_by: string | null;
  decided_at: string | null;
}

export type NewVersion = Omit<
  SubmissionVersion,
  'version' | 'state' | 'return_reason' | 'decided_by' | 'decided_at'
>;

/**
 * Result of inserting a version, decided atomically inside one transaction:
 * - `created`: a new row (the file named by `file_key` is now owned by the row);
 * - `existing`: the same bytes were already stored for this unit+quarter (idempotent receipt;
 *   the caller deletes its now-unneeded file);
 * - `locked`: the quarter has an accepted version, nothing stored (caller deletes its file);
 * - `full`: the quarter already holds `maxVersions` versions, nothing stored (caller deletes
 *   its file).
 */
export type InsertVersionResult =
  | { kind: 'created'; version: SubmissionVersion }
  | { kind: 'existing'; version: SubmissionVersion }
  | { kind: 'locked'; accepted: SubmissionVersion }
  | { kind: 'full'; versions: number };

/** Result of return/accept: `conflict` when the version is not the quarter's latest or the
 *  quarter is already accepted. */
export type DecideResult =
  | { kind: 'ok'; version: SubmissionVersion }
  | { kind: 'not_found' }
  | { kind: 'conflict'; reason: 'not_latest' | 'already_accepted' | 'already_returned' };

export type AuditAction =
  | 'submit'
  | 'submit_duplicate'
  | 'submit_refused'
  | 'download'
  /** A person looked at a stored version's findings and report in the browser (no file left the server). */
  | 'view'
  | 'return'
  | 'accept'
  | 'consolidate'
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'unit_token_issued'
  | 'expected_units_set'
  | 'inbox_province_set'
  | 'unit_deactivated'
  | 'unit_activated'
  | 'staff_created'
  | 'staff_password_reset'
  | 'staff_password_changed'
  | 'staff_role_changed'
  | 'staff_deactivated'
  | 'staff_activated'
  | 'outlier_confirmed'
  | 'export';

/**
 * Audit event (who, what, when). NEVER holds a victim's name, ID number or file contents:
 * `detail` is for ids, counts, hashes and rule ids only.
 */
export interface AuditEvent {
  id: number;
  at: string;
  actor_role: Role | 'system';
  /** unit_code for a unit, username for staff, 'cli' for the command line. */
  actor: string;
  action: AuditAction;
  /** Usually a submission id; null when not about one. */
  target: string | null;
  ip: string | null;
  detail: Record<string, string | number | boolean | null>;
}
export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'> & { at?: string };

export interface AuditQuery {
  limit?: number;
  /** Only events with id < before (paging newest first). */
  before?: number;
  target?: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Units -------------------------------------------------------------------------------
  /** Creates the unit, or replaces its token hash (and name) when (profile, unit_code) exists. */
  upsertUnit(unit: NewUnit): Promise<UnitRecord>;
  getUnitByTokenHash(tokenHash: string): Promise<UnitRecord | null>;
  getUnit(profile: string, unitCode: string): Promise<UnitRecord | null>;
  getUnitById(id: number): Promise<UnitRecord | null>;
  listUnits(profile?: string): Promise<UnitRecord[]>;
  /** Replaces the units this inbox expects each quarter under `profile` (`vr inbox init --province`). */
  setExpectedUnits(profile: string, units: ExpectedUnit[]): Promise<void>;
  /** The expected units, by code; empty when none were set (the profile's own list applies). */
  listExpectedUnits(profile: string): Promise<ExpectedUnit[]>;

  /** The official 2-digit code of the province this inbox serves (`vr inbox init --province`),
   *  or null when none was recorded (an inbox made before it was kept: see src/inbox/province.ts). */
  getProvince(): Promise<string | null>;
  /** Records the inbox's province (one row; replaces an earlier one). */
  setProvince(provinceCode: string): Promise<void>;

  /** Activates or deactivates a unit; null when there is no such unit. */
  setUnitActive(profile: string, unitCode: string, active: boolean): Promise<UnitRecord | null>;

  // Staff and sessions ------------------------------------------------------------------
  /** Creates the user, or replaces role and password hash (and reactivates it) when the
   *  username exists, ending the existing account's sessions. */
  upsertStaffUser(user: { username: string; role: StaffRole; password_hash: string }): Promise<StaffUser>;
  listStaffUsers(): Promise<StaffUser[]>;
  /** Changes password, role or active flag and ends every session of the account, in one
   *  transaction; null when there is no such user. */
  updateStaffUser(username: string, change: StaffChange): Promise<StaffUser | null>;
  getStaffUser(username: string): Promise<StaffUser | null>;
  getStaffUserById(id: number): Promise<StaffUser | null>;
  createSession(session: SessionRecord): Promise<void>;
  /** The session and its (active) user when the session exists and has not expired at `now`. */
  getSession(idHash: string, now: string): Promise<{ session: SessionRecord; user: StaffUser } | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of one account; returns how many. */
  deleteUserSessions(userId: number): Promise<number>;
  deleteExpiredSessions(now: string): Promise<number>;

  // Submissions -------------------------------------------------------------------------
  findVersionBySha(unitId: number, year: number, quarter: number, sha256: string): Promise<SubmissionVersion | null>;
  /** The unit's version with these bytes in any quarter (an upload's bytes fix its quarter):
   *  a retried upload is answered without reading the workbook again. */
  findVersionByUnitSha(unitId: number, sha256: string): Promise<SubmissionVersion | null>;
  /** Atomic: lock check, idempotency on (unit, year, quarter, sha256), the cap on versions per
   *  unit and quarter (when given), next version number. */
  insertVersion(version: NewVersion, maxVersions?: number): Promise<InsertVersionResult>;
  getVersion(id: string): Promise<SubmissionVersion | null>;
  /** One unit's versions for a quarter, oldest first. */
  listUnitVersions(unitId: number, year: number, quarter: number): Promise<SubmissionVersion[]>;
  /** Every version of every unit of a profile for a quarter, by unit_code then version. */
  listPeriodVersions(profile: string, year: number, quarter: number): Promise<SubmissionVersion[]>;
  /** Return (with reason) or accept the quarter's latest version; accepted locks the quarter. */
  decideVersion(
    id: string,
    decision: { state: 'returned'; reason: string } | { state: 'accepted' },
    by: string,
    at: string,
  ): Promise<DecideResult>;
  /** Bytes of every version the unit has stored (its storage quota counts these). */
  unitStoredBytes(unitId: number): Promise<number>;
  /** Every file_key referenced by a row (orphan cleanup at start). */
  listFileKeys(): Promise<Set<string>>;
  countVersions(): Promise<number>;

  // Figures of a version (the staff page's trends and OUT-01) ---------------------------
  /** Stored report figures (JSON) of these versions, computed under `schema`; a version
   *  without them, or with figures of another schema, is absent from the map. */
  getFigures(versionIds: readonly string[], schema: number): Promise<Map<string, string>>;
  /** Keeps a version's figures (replacing those of an older schema). */
  putFigures(versionId: string, schema: number, figures: string): Promise<void>;

  // Server secrets and sign-in throttling (shared by every process of the inbox) ---------
  /** A random 32-byte secret called `name`, created on first use; every process of the inbox
   *  gets the same one (it lives in the database, never in an answer). */
  serverSecret(name: string): Promise<Buffer>;
  /** How long (ms after `now`) the most blocked of these keys stays blocked; 0 when none is. */
  authBlockedFor(keys: readonly string[], now: number): Promise<number>;
  /** Counts one failure of `key` (a keyed hash, never a typed name) in its window, atomically
   *  across processes; past `free` failures the key is blocked for 1 s, 2 s, 4 s … up to
   *  `maxBlockMs`. Returns the failures counted in the window. */
  recordAuthFailure(key: string, now: number, rule: FailureRule): Promise<number>;
  clearAuthFailures(key: string): Promise<void>;
  /** Forgets counters whose window ended and whose block is over; returns how many. */
  pruneAuthFailures(now: number, windowMs: number): Promise<number>;

  // Audit -------------------------------------------------------------------------------
  appendAudit(event: NewAuditEvent): Promise<void>;
  /** Newest first. */
  listAudit(query?: AuditQuery): Promise<AuditEvent[]>;
}

/** How failures of one kind are counted: `free` failures in `windowMs`, then blocks that
 *  double from 1 s up to `maxBlockMs`. */
export interface FailureRule {
  free: number;
  windowMs: number;
  maxBlockMs: number;
}

/** The block after the `count`-th failure in a window (0 while free). */
export function blockAfter(count: number, rule: FailureRule): number {
  return count > rule.free ? Math.min(1000 * 2 ** Math.min(count - rule.free - 1, 30), rule.maxBlockMs) : 0;
}

/** Durable file storage for submitted workbooks (src/inbox/files.ts). */
export interface FileStore {
  /** Writes temp → fsync → rename → fsync dir; encrypts when a key is configured.
   *  Returns the new file's key. Call BEFORE inserting the row that names it. */
  put(bytes: Buffer): Promise<string>;
  /** The original bytes (decrypted, auth tag verified). */
  read(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
  /** Deletes files no row references and leftover temp files; returns how many. */
  removeOrphans(referenced: Set<string>): Promise<number>;
}

/** What every route gets (`registerWebRoutes(app, ctx)` too). `log` is fastify's pino
 *  logger: never log names, ID numbers or file contents. */
export interface InboxContext {
  config: import('../config').InboxConfig;
  store: Store;
  files: FileStore;
  log: import('fastify').FastifyBaseLogger;
  /** Worker threads that read and check uploads; absent → checked on the event loop. */
  judges?: import('../judgePool').JudgePool | null;
  /** Worker threads that read stored workbooks for consolidation and exports; absent → on the event loop. */
  readers?: import('../readPool').ReadPool | null;
  /** Memory held by uploads in progress (limits.ts); absent in contexts that take no uploads. */
  uploads?: import('../limits').UploadBudget;
}
