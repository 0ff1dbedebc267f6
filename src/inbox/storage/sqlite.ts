import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { auditLimit, decisionConflict, toAudit, toSession, toStaff, toUnit, toVersion } from './rows';
import type {
  AuditEvent,
  StaffChange,
  AuditQuery,
  DecideResult,
  ExpectedUnit,
  InsertVersionResult,
  NewAuditEvent,
  NewUnit,
  NewVersion,
  SessionRecord,
  FailureRule,
  StaffRole,
  StaffUser,
  Store,
  SubmissionVersion,
  UnitRecord,
} from './types';
import { blockAfter } from './types';

type Row = Record<string, unknown>;

/** Versioned migrations: append, never edit a shipped one. */
const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE units (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  profile TEXT NOT NULL, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL, province_code TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
  UNIQUE (profile, unit_code));
CREATE TABLE staff_users (
  id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('staff','admin')), password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE submissions (
  id TEXT PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES units(id),
  profile TEXT NOT NULL, unit_code TEXT NOT NULL,
  year INTEGER NOT NULL, quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4), version INTEGER NOT NULL,
  sha256 TEXT NOT NULL, size INTEGER NOT NULL, file_key TEXT NOT NULL UNIQUE, filename TEXT,
  received_at TEXT NOT NULL, on_time INTEGER NOT NULL, summary TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted','returned','accepted')),
  return_reason TEXT, decided_by TEXT, decided_at TEXT,
  UNIQUE (unit_id, year, quarter, sha256), UNIQUE (unit_id, year, quarter, version));
CREATE INDEX submissions_period ON submissions (profile, year, quarter);
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor_role TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT, ip TEXT, detail TEXT NOT NULL);
CREATE INDEX audit_target ON audit_events (target);`,
  },
  { version: 2, sql: 'CREATE INDEX submissions_unit_sha ON submissions (unit_id, sha256);' },
  {
    version: 3,
    sql: `
ALTER TABLE units ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE staff_users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
CREATE INDEX sessions_user ON sessions (user_id);`,
  },
  {
    version: 4,
    sql: `
CREATE TABLE expected_units (
  profile TEXT NOT NULL, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL, province_code TEXT NOT NULL,
  PRIMARY KEY (profile, unit_code));`,
  },
  {
    // The report figures of a version (counts and ratios only, nothing about a person), so
    // the trends and OUT-01 do not re-read every workbook after a restart.
    version: 5,
    sql: `
CREATE TABLE version_figures (
  version_id TEXT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  schema INTEGER NOT NULL, figures TEXT NOT NULL, computed_at TEXT NOT NULL);`,
  },
  {
    // Secrets the server keys its hashes with, and sign-in failure counters (keyed hashes of
    // name and address, never what was typed), so every process of an inbox counts together.
    version: 6,
    sql: `
CREATE TABLE server_secrets (name TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE auth_failures (key TEXT PRIMARY KEY, count INTEGER NOT NULL, first_at INTEGER NOT NULL, blocked_until INTEGER NOT NULL);
CREATE INDEX auth_failures_first ON auth_failures (first_at);`,
  },
  {
    // The province the inbox serves: one row at most (docs/inbox.md, "One inbox, one province").
    version: 7,
    sql: `
CREATE TABLE inbox_province (
  id INTEGER PRIMARY KEY CHECK (id = 1), province_code TEXT NOT NULL, set_at TEXT NOT NULL);`,
  },
];

export const SQLITE_FILE = 'inbox.sqlite';

/** SQLite backend: one file, WAL, synchronous=FULL so a commit is on disk before the receipt. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;

  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, now());
      }).immediate();
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Statements prepared once per SQL text: each upload runs the same dozen statements, and
   *  preparing them anew every time was a tenth of the inbox's main-thread CPU under load. The
   *  texts are the fixed ones of this file (listAudit builds a few variants), so the map stays
   *  small; it is emptied if it ever grows past a bound. */
  private readonly statements = new Map<string, Database.Statement>();

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.statements.size >= 200) this.statements.clear();
      this.statements.set(sql, s);
    }
    return s;
  }

  private one(sql: string, ...params: unknown[]): Row | undefined {
    return this.stmt(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.stmt(sql).all(...params) as Row[];
  }

  async upsertUnit(unit: NewUnit): Promise<UnitRecord> {
    this
      .stmt(
        `INSERT INTO units (profile, unit_code, unit_name, province_code, token_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (profile, unit_code) DO UPDATE SET
           unit_name = excluded.unit_name, province_code = excluded.province_code, token_hash = excluded.token_hash`,
      )
      .run(unit.profile, unit.unit_code, unit.unit_name, unit.province_code, unit.token_hash, now());
    return toUnit(this.one('SELECT * FROM units WHERE profile = ? AND unit_code = ?', unit.profile, unit.unit_code)!);
  }

  async getUnitByTokenHash(tokenHash: string): Promise<UnitRecord | null> {
    const row = this.one('SELECT * FROM units WHERE token_hash = ? AND active = 1', tokenHash);
    return row ? toUnit(row) : null;
  }

  async getUnit(profile: string, unitCode: string): Promise<UnitRecord | null> {
    const row = this.one('SELECT * FROM units WHERE profile = ? AND unit_code = ?', profile, unitCode);
    return row ? toUnit(row) : null;
  }

  async getUnitById(id: number): Promise<UnitRecord | null> {
    const row = this.one('SELECT * FROM units WHERE id = ?', id);
    return row ? toUnit(row) : null;
  }

  async setExpectedUnits(profile: string, units: ExpectedUnit[]): Promise<void> {
    const insert = this.stmt('INSERT INTO expected_units (profile, unit_code, unit_name, province_code) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.stmt('DELETE FROM expected_units WHERE profile = ?').run(profile);
      for (const u of units) insert.run(profile, u.unit_code, u.unit_name, u.province_code);
    }).immediate();
  }

  async listExpectedUnits(profile: string): Promise<ExpectedUnit[]> {
    return this.all('SELECT unit_code, unit_name, province_code FROM expected_units WHERE profile = ? ORDER BY unit_code', profile).map((r) => ({
      unit_code: String(r.unit_code),
      unit_name: String(r.unit_name),
      province_code: String(r.province_code),
    }));
  }

  async getProvince(): Promise<string | null> {
    const row = this.one('SELECT province_code FROM inbox_province WHERE id = 1');
    return row ? String(row.province_code) : null;
  }

  async setProvince(provinceCode: string): Promise<void> {
    this
      .stmt('INSERT INTO inbox_province (id, province_code, set_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET province_code = excluded.province_code, set_at = excluded.set_at')
      .run(provinceCode, now());
  }

  async getFigures(versionIds: readonly string[], schema: number): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    // SQLite's default limit on bound parameters is 32,766; stay well under it.
    for (let i = 0; i < versionIds.length; i += 500) {
      const ids = versionIds.slice(i, i + 500);
      const rows = this.all(`SELECT version_id, figures FROM version_figures WHERE schema = ? AND version_id IN (${ids.map(() => '?').join(',')})`, schema, ...ids);
      for (const r of rows) out.set(String(r.version_id), String(r.figures));
    }
    return out;
  }

  async putFigures(versionId: string, schema: number, figures: string): Promise<void> {
    this
      .stmt(
        'INSERT INTO version_figures (version_id, schema, figures, computed_at) VALUES (?, ?, ?, ?) ON CONFLICT (version_id) DO UPDATE SET schema = excluded.schema, figures = excluded.figures, computed_at = excluded.computed_at',
      )
      .run(versionId, schema, figures, now());
  }

  async listUnits(profile?: string): Promise<UnitRecord[]> {
    const rows = profile
      ? this.all('SELECT * FROM units WHERE profile = ? ORDER BY unit_code', profile)
      : this.all('SELECT * FROM units ORDER BY profile, unit_code');
    return rows.map(toUnit);
  }

  async setUnitActive(profile: string, unitCode: string, active: boolean): Promise<UnitRecord | null> {
    this.stmt('UPDATE units SET active = ? WHERE profile = ? AND unit_code = ?').run(active ? 1 : 0, profile, unitCode);
    return this.getUnit(profile, unitCode);
  }

  async upsertStaffUser(user: { username: string; role: StaffRole; password_hash: string }): Promise<StaffUser> {
    return this.db.transaction((): StaffUser => {
      this.stmt('DELETE FROM sessions WHERE user_id IN (SELECT id FROM staff_users WHERE username = ?)').run(user.username);
      this
        .stmt(
          `INSERT INTO staff_users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (username) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, active = 1`,
        )
        .run(user.username, user.role, user.password_hash, now());
      return toStaff(this.one('SELECT * FROM staff_users WHERE username = ?', user.username)!);
    }).immediate();
  }

  async listStaffUsers(): Promise<StaffUser[]> {
    return this.all('SELECT * FROM staff_users ORDER BY username').map(toStaff);
  }

  async updateStaffUser(username: string, change: StaffChange): Promise<StaffUser | null> {
    return this.db.transaction((): StaffUser | null => {
      const row = this.one('SELECT * FROM staff_users WHERE username = ?', username);
      if (!row) return null;
      const user = toStaff(row);
      this
        .stmt('UPDATE staff_users SET password_hash = ?, role = ?, active = ? WHERE id = ?')
        .run(change.password_hash ?? user.password_hash, change.role ?? user.role, (change.active ?? user.active) ? 1 : 0, user.id);
      this.stmt('DELETE FROM sessions WHERE user_id = ?').run(user.id);
      return toStaff(this.one('SELECT * FROM staff_users WHERE id = ?', user.id)!);
    }).immediate();
  }

  async getStaffUser(username: string): Promise<StaffUser | null> {
    const row = this.one('SELECT * FROM staff_users WHERE username = ?', username);
    return row ? toStaff(row) : null;
  }

  async getStaffUserById(id: number): Promise<StaffUser | null> {
    const row = this.one('SELECT * FROM staff_users WHERE id = ?', id);
    return row ? toStaff(row) : null;
  }

  async createSession(s: SessionRecord): Promise<void> {
    this
      .stmt('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at);
  }

  async getSession(idHash: string, at: string): Promise<{ session: SessionRecord; user: StaffUser } | null> {
    const row = this.one('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?', idHash, at);
    if (!row) return null;
    const user = await this.getStaffUserById(Number(row.user_id));
    return user?.active ? { session: toSession(row), user } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.stmt('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async deleteUserSessions(userId: number): Promise<number> {
    return this.stmt('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  async deleteExpiredSessions(at: string): Promise<number> {
    return this.stmt('DELETE FROM sessions WHERE expires_at <= ?').run(at).changes;
  }

  async findVersionBySha(unitId: number, year: number, quarter: number, sha256: string): Promise<SubmissionVersion | null> {
    const row = this.one(
      'SELECT * FROM submissions WHERE unit_id = ? AND year = ? AND quarter = ? AND sha256 = ?',
      unitId, year, quarter, sha256,
    );
    return row ? toVersion(row) : null;
  }

  async findVersionByUnitSha(unitId: number, sha256: string): Promise<SubmissionVersion | null> {
    const row = this.one('SELECT * FROM submissions WHERE unit_id = ? AND sha256 = ? ORDER BY received_at LIMIT 1', unitId, sha256);
    return row ? toVersion(row) : null;
  }

  async insertVersion(v: NewVersion, maxVersions = Infinity): Promise<InsertVersionResult> {
    // BEGIN IMMEDIATE: one writer at a time, so the checks and the insert are atomic.
    return this.db.transaction((): InsertVersionResult => {
      const same = this.one(
        'SELECT * FROM submissions WHERE unit_id = ? AND year = ? AND quarter = ? AND sha256 = ?',
        v.unit_id, v.year, v.quarter, v.sha256,
      );
      if (same) return { kind: 'existing', version: toVersion(same) };
      const accepted = this.one(
        "SELECT * FROM submissions WHERE unit_id = ? AND year = ? AND quarter = ? AND state = 'accepted'",
        v.unit_id, v.year, v.quarter,
      );
      if (accepted) return { kind: 'locked', accepted: toVersion(accepted) };
      const max = this.one(
        'SELECT COALESCE(MAX(version), 0) AS n FROM submissions WHERE unit_id = ? AND year = ? AND quarter = ?',
        v.unit_id, v.year, v.quarter,
      );
      const count = Number(this.one('SELECT COUNT(*) AS n FROM submissions WHERE unit_id = ? AND year = ? AND quarter = ?', v.unit_id, v.year, v.quarter)?.n ?? 0);
      if (count >= maxVersions) return { kind: 'full', versions: count };
      const version = Number(max?.n ?? 0) + 1;
      this
        .stmt(
          `INSERT INTO submissions (id, unit_id, profile, unit_code, year, quarter, version, sha256, size, file_key,
             filename, received_at, on_time, summary, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted')`,
        )
        .run(
          v.id, v.unit_id, v.profile, v.unit_code, v.year, v.quarter, version, v.sha256, v.size, v.file_key,
          v.filename, v.received_at, v.on_time ? 1 : 0, JSON.stringify(v.summary),
        );
      return { kind: 'created', version: toVersion(this.one('SELECT * FROM submissions WHERE id = ?', v.id)!) };
    }).immediate();
  }

  async getVersion(id: string): Promise<SubmissionVersion | null> {
    const row = this.one('SELECT * FROM submissions WHERE id = ?', id);
    return row ? toVersion(row) : null;
  }

  async listUnitVersions(unitId: number, year: number, quarter: number): Promise<SubmissionVersion[]> {
    return this.all(
      'SELECT * FROM submissions WHERE unit_id = ? AND year = ? AND quarter = ? ORDER BY version',
      unitId, year, quarter,
    ).map(toVersion);
  }

  async listPeriodVersions(profile: string, year: number, quarter: number): Promise<SubmissionVersion[]> {
    return this.all(
      'SELECT * FROM submissions WHERE profile = ? AND year = ? AND quarter = ? ORDER BY unit_code, version',
      profile, year, quarter,
    ).map(toVersion);
  }

  async decideVersion(
    id: string,
    decision: { state: 'returned'; reason: string } | { state: 'accepted' },
    by: string,
    at: string,
  ): Promise<DecideResult> {
    return this.db.transaction((): DecideResult => {
      const row = this.one('SELECT * FROM submissions WHERE id = ?', id);
      if (!row) return { kind: 'not_found' };
      const target = toVersion(row);
      const siblings = this.all(
        'SELECT * FROM submissions WHERE unit_id = ? AND year = ? AND quarter = ?',
        target.unit_id, target.year, target.quarter,
      ).map(toVersion);
      const conflict = decisionConflict(target, siblings);
      if (conflict) return { kind: 'conflict', reason: conflict };
      const reason = decision.state === 'returned' ? decision.reason : null;
      this
        .stmt('UPDATE submissions SET state = ?, return_reason = ?, decided_by = ?, decided_at = ? WHERE id = ?')
        .run(decision.state, reason, by, at, id);
      return { kind: 'ok', version: toVersion(this.one('SELECT * FROM submissions WHERE id = ?', id)!) };
    }).immediate();
  }

  async unitStoredBytes(unitId: number): Promise<number> {
    return Number(this.one('SELECT COALESCE(SUM(size), 0) AS n FROM submissions WHERE unit_id = ?', unitId)?.n ?? 0);
  }

  async listFileKeys(): Promise<Set<string>> {
    return new Set(this.all('SELECT file_key FROM submissions').map((r) => String(r.file_key)));
  }

  async countVersions(): Promise<number> {
    return Number(this.one('SELECT COUNT(*) AS n FROM submissions')?.n ?? 0);
  }

  async serverSecret(name: string): Promise<Buffer> {
    this
      .stmt('INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING')
      .run(name, randomBytes(32).toString('hex'), now());
    return Buffer.from(String(this.one('SELECT secret FROM server_secrets WHERE name = ?', name)!.secret), 'hex');
  }

  async authBlockedFor(keys: readonly string[], at: number): Promise<number> {
    if (keys.length === 0) return 0;
    const row = this.one(`SELECT MAX(blocked_until) AS until FROM auth_failures WHERE key IN (${keys.map(() => '?').join(',')})`, ...keys);
    return Math.max(0, Number(row?.until ?? 0) - at);
  }

  async recordAuthFailure(key: string, at: number, rule: FailureRule): Promise<number> {
    return this.db.transaction((): number => {
      const row = this.one('SELECT count, first_at, blocked_until FROM auth_failures WHERE key = ?', key);
      const fresh = !row || at - Number(row.first_at) > rule.windowMs;
      const count = fresh ? 1 : Number(row.count) + 1;
      const first = fresh ? at : Number(row.first_at);
      const block = blockAfter(count, rule);
      const until = Math.max(fresh ? 0 : Number(row.blocked_until), block ? at + block : 0);
      this
        .stmt('INSERT INTO auth_failures (key, count, first_at, blocked_until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, first_at = excluded.first_at, blocked_until = excluded.blocked_until')
        .run(key, count, first, until);
      return count;
    }).immediate();
  }

  async clearAuthFailures(key: string): Promise<void> {
    this.stmt('DELETE FROM auth_failures WHERE key = ?').run(key);
  }

  async pruneAuthFailures(at: number, windowMs: number): Promise<number> {
    return this.stmt('DELETE FROM auth_failures WHERE first_at < ? AND blocked_until <= ?').run(at - windowMs, at).changes;
  }

  async appendAudit(e: NewAuditEvent): Promise<void> {
    this
      .stmt('INSERT INTO audit_events (at, actor_role, actor, action, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.at ?? now(), e.actor_role, e.actor, e.action, e.target, e.ip, JSON.stringify(e.detail));
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.before !== undefined) {
      where.push('id < ?');
      params.push(query.before);
    }
    if (query.target !== undefined) {
      where.push('target = ?');
      params.push(query.target);
    }
    const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.all(sql, ...params, auditLimit(query.limit)).map(toAudit);
  }
}

function now(): string {
  return new Date().toISOString();
}
