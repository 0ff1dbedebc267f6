import { randomBytes } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { auditLimit, decisionConflict, toAudit, toSession, toStaff, toUnit, toVersion } from './rows';
import type {
  AuditEvent,
  StaffChange,
  AuditQuery,
  ExpectedUnit,
  DecideResult,
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

/** Versioned migrations: append, never edit a shipped one. Same schema as SQLite's. */
const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE units (
  id BIGSERIAL PRIMARY KEY,
  profile TEXT NOT NULL, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL, province_code TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (profile, unit_code));
CREATE TABLE staff_users (
  id BIGSERIAL PRIMARY KEY, username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('staff','admin')), password_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL);
CREATE TABLE submissions (
  id TEXT PRIMARY KEY, unit_id BIGINT NOT NULL REFERENCES units(id),
  profile TEXT NOT NULL, unit_code TEXT NOT NULL,
  year INTEGER NOT NULL, quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4), version INTEGER NOT NULL,
  sha256 TEXT NOT NULL, size BIGINT NOT NULL, file_key TEXT NOT NULL UNIQUE, filename TEXT,
  received_at TIMESTAMPTZ NOT NULL, on_time BOOLEAN NOT NULL, summary JSONB NOT NULL,
  state TEXT NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted','returned','accepted')),
  return_reason TEXT, decided_by TEXT, decided_at TIMESTAMPTZ,
  UNIQUE (unit_id, year, quarter, sha256), UNIQUE (unit_id, year, quarter, version));
CREATE INDEX submissions_period ON submissions (profile, year, quarter);
CREATE TABLE audit_events (
  id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL, actor_role TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT, ip TEXT, detail JSONB NOT NULL);
CREATE INDEX audit_target ON audit_events (target);`,
  },
  { version: 2, sql: 'CREATE INDEX submissions_unit_sha ON submissions (unit_id, sha256);' },
  {
    // Workbooks in the database (pgFiles.ts). xlsx is already deflated: stored as is, not
    // recompressed. NOT VALID: rows from before, whose files are on disk, are imported at
    // start; every new row must name bytes that exist.
    version: 3,
    sql: `
CREATE TABLE submission_files (
  file_key TEXT PRIMARY KEY, data BYTEA NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
ALTER TABLE submission_files ALTER COLUMN data SET STORAGE EXTERNAL;
ALTER TABLE submissions ADD CONSTRAINT submissions_file_bytes
  FOREIGN KEY (file_key) REFERENCES submission_files (file_key) NOT VALID;`,
  },
  {
    version: 4,
    sql: `
ALTER TABLE units ADD COLUMN active BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE staff_users ADD COLUMN active BOOLEAN NOT NULL DEFAULT true;
CREATE INDEX sessions_user ON sessions (user_id);`,
  },
  {
    version: 5,
    sql: `
CREATE TABLE expected_units (
  profile TEXT NOT NULL, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL, province_code TEXT NOT NULL,
  PRIMARY KEY (profile, unit_code));`,
  },
  {
    // The report figures of a version (counts and ratios only): see sqlite.ts.
    version: 6,
    sql: `
CREATE TABLE version_figures (
  version_id TEXT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  schema INTEGER NOT NULL, figures TEXT NOT NULL, computed_at TIMESTAMPTZ NOT NULL DEFAULT now());`,
  },
  {
    // Server secrets and sign-in failure counters: see sqlite.ts (times in ms since the epoch).
    version: 7,
    sql: `
CREATE TABLE server_secrets (name TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE auth_failures (key TEXT PRIMARY KEY, count INTEGER NOT NULL, first_at BIGINT NOT NULL, blocked_until BIGINT NOT NULL);
CREATE INDEX auth_failures_first ON auth_failures (first_at);`,
  },
  {
    // The province the inbox serves: see sqlite.ts.
    version: 8,
    sql: `
CREATE TABLE inbox_province (
  id INTEGER PRIMARY KEY CHECK (id = 1), province_code TEXT NOT NULL, set_at TIMESTAMPTZ NOT NULL DEFAULT now());`,
  },
];

/** Any fixed number: serialises concurrent `migrate()` calls across processes. */
const MIGRATION_LOCK = 872_443_001;

/** PostgreSQL backend (DATABASE_URL). Writes that must be atomic run in one transaction on
 *  one pooled client; the unit's row is locked FOR UPDATE so concurrent uploads of one unit
 *  get consecutive version numbers and the (unit, year, quarter, sha256) check cannot race. */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  /** Shared with `PgFileStore`, which keeps the workbooks in the same database. */
  readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 10 });
    // An idle client losing its connection must not crash the server; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  private async tx<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const done = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async upsertUnit(u: NewUnit): Promise<UnitRecord> {
    const rows = await this.q(
      `INSERT INTO units (profile, unit_code, unit_name, province_code, token_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (profile, unit_code) DO UPDATE SET
         unit_name = EXCLUDED.unit_name, province_code = EXCLUDED.province_code, token_hash = EXCLUDED.token_hash
       RETURNING *`,
      [u.profile, u.unit_code, u.unit_name, u.province_code, u.token_hash],
    );
    return toUnit(rows[0]);
  }

  async getUnitByTokenHash(tokenHash: string): Promise<UnitRecord | null> {
    const rows = await this.q('SELECT * FROM units WHERE token_hash = $1 AND active', [tokenHash]);
    return rows[0] ? toUnit(rows[0]) : null;
  }

  async getUnit(profile: string, unitCode: string): Promise<UnitRecord | null> {
    const rows = await this.q('SELECT * FROM units WHERE profile = $1 AND unit_code = $2', [profile, unitCode]);
    return rows[0] ? toUnit(rows[0]) : null;
  }

  async getUnitById(id: number): Promise<UnitRecord | null> {
    const rows = await this.q('SELECT * FROM units WHERE id = $1', [id]);
    return rows[0] ? toUnit(rows[0]) : null;
  }

  async setExpectedUnits(profile: string, units: ExpectedUnit[]): Promise<void> {
    await this.tx(async (c) => {
      await c.query('DELETE FROM expected_units WHERE profile = $1', [profile]);
      if (units.length === 0) return;
      await c.query(
        `INSERT INTO expected_units (profile, unit_code, unit_name, province_code)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [profile, units.map((u) => u.unit_code), units.map((u) => u.unit_name), units.map((u) => u.province_code)],
      );
    });
  }

  async listExpectedUnits(profile: string): Promise<ExpectedUnit[]> {
    const rows = await this.q('SELECT unit_code, unit_name, province_code FROM expected_units WHERE profile = $1 ORDER BY unit_code', [profile]);
    return rows.map((r) => ({ unit_code: String(r.unit_code), unit_name: String(r.unit_name), province_code: String(r.province_code) }));
  }

  async getProvince(): Promise<string | null> {
    const rows = await this.q('SELECT province_code FROM inbox_province WHERE id = 1');
    return rows[0] ? String(rows[0].province_code) : null;
  }

  async setProvince(provinceCode: string): Promise<void> {
    await this.q(
      'INSERT INTO inbox_province (id, province_code) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET province_code = EXCLUDED.province_code, set_at = now()',
      [provinceCode],
    );
  }

  async getFigures(versionIds: readonly string[], schema: number): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (versionIds.length === 0) return out;
    const rows = await this.q('SELECT version_id, figures FROM version_figures WHERE schema = $1 AND version_id = ANY($2::text[])', [schema, [...versionIds]]);
    for (const r of rows) out.set(String(r.version_id), String(r.figures));
    return out;
  }

  async putFigures(versionId: string, schema: number, figures: string): Promise<void> {
    await this.q(
      'INSERT INTO version_figures (version_id, schema, figures) VALUES ($1, $2, $3) ON CONFLICT (version_id) DO UPDATE SET schema = EXCLUDED.schema, figures = EXCLUDED.figures, computed_at = now()',
      [versionId, schema, figures],
    );
  }

  async listUnits(profile?: string): Promise<UnitRecord[]> {
    const rows = profile
      ? await this.q('SELECT * FROM units WHERE profile = $1 ORDER BY unit_code', [profile])
      : await this.q('SELECT * FROM units ORDER BY profile, unit_code');
    return rows.map(toUnit);
  }

  async setUnitActive(profile: string, unitCode: string, active: boolean): Promise<UnitRecord | null> {
    const rows = await this.q('UPDATE units SET active = $3 WHERE profile = $1 AND unit_code = $2 RETURNING *', [profile, unitCode, active]);
    return rows[0] ? toUnit(rows[0]) : null;
  }

  async upsertStaffUser(user: { username: string; role: StaffRole; password_hash: string }): Promise<StaffUser> {
    return this.tx(async (c) => {
      await c.query('DELETE FROM sessions WHERE user_id IN (SELECT id FROM staff_users WHERE username = $1)', [user.username]);
      const { rows } = await c.query(
        `INSERT INTO staff_users (username, role, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, active = true
         RETURNING *`,
        [user.username, user.role, user.password_hash],
      );
      return toStaff(rows[0] as Row);
    });
  }

  async listStaffUsers(): Promise<StaffUser[]> {
    return (await this.q('SELECT * FROM staff_users ORDER BY username')).map(toStaff);
  }

  async updateStaffUser(username: string, change: StaffChange): Promise<StaffUser | null> {
    return this.tx(async (c) => {
      const { rows } = await c.query(
        `UPDATE staff_users SET password_hash = COALESCE($2, password_hash), role = COALESCE($3, role), active = COALESCE($4, active)
         WHERE username = $1 RETURNING *`,
        [username, change.password_hash ?? null, change.role ?? null, change.active ?? null],
      );
      if (!rows[0]) return null;
      await c.query('DELETE FROM sessions WHERE user_id = $1', [rows[0].id]);
      return toStaff(rows[0] as Row);
    });
  }

  async getStaffUser(username: string): Promise<StaffUser | null> {
    const rows = await this.q('SELECT * FROM staff_users WHERE username = $1', [username]);
    return rows[0] ? toStaff(rows[0]) : null;
  }

  async getStaffUserById(id: number): Promise<StaffUser | null> {
    const rows = await this.q('SELECT * FROM staff_users WHERE id = $1', [id]);
    return rows[0] ? toStaff(rows[0]) : null;
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.q(
      'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at],
    );
  }

  async getSession(idHash: string, at: string): Promise<{ session: SessionRecord; user: StaffUser } | null> {
    const rows = await this.q(
      `SELECT s.*, u.username, u.role, u.password_hash, u.active, u.created_at AS user_created_at
       FROM sessions s JOIN staff_users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.active`,
      [idHash, at],
    );
    const row = rows[0];
    if (!row) return null;
    const user = toStaff({ ...row, id: row.user_id, created_at: row.user_created_at });
    return { session: toSession(row), user };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.q('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteUserSessions(userId: number): Promise<number> {
    return (await this.pool.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount ?? 0;
  }

  async deleteExpiredSessions(at: string): Promise<number> {
    return (await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [at])).rowCount ?? 0;
  }

  async findVersionBySha(unitId: number, year: number, quarter: number, sha256: string): Promise<SubmissionVersion | null> {
    const rows = await this.q(
      'SELECT * FROM submissions WHERE unit_id = $1 AND year = $2 AND quarter = $3 AND sha256 = $4',
      [unitId, year, quarter, sha256],
    );
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async findVersionByUnitSha(unitId: number, sha256: string): Promise<SubmissionVersion | null> {
    const rows = await this.q('SELECT * FROM submissions WHERE unit_id = $1 AND sha256 = $2 ORDER BY received_at LIMIT 1', [unitId, sha256]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async insertVersion(v: NewVersion, maxVersions = Infinity): Promise<InsertVersionResult> {
    return this.tx(async (c) => {
      await c.query('SELECT id FROM units WHERE id = $1 FOR UPDATE', [v.unit_id]);
      const quarter = (
        await c.query('SELECT * FROM submissions WHERE unit_id = $1 AND year = $2 AND quarter = $3', [
          v.unit_id, v.year, v.quarter,
        ])
      ).rows.map((r) => toVersion(r));
      const same = quarter.find((x) => x.sha256 === v.sha256);
      if (same) return { kind: 'existing', version: same };
      const accepted = quarter.find((x) => x.state === 'accepted');
      if (accepted) return { kind: 'locked', accepted };
      if (quarter.length >= maxVersions) return { kind: 'full', versions: quarter.length };
      const version = quarter.reduce((n, x) => Math.max(n, x.version), 0) + 1;
      const rows = (
        await c.query(
          `INSERT INTO submissions (id, unit_id, profile, unit_code, year, quarter, version, sha256, size, file_key,
             filename, received_at, on_time, summary, state)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'submitted') RETURNING *`,
          [
            v.id, v.unit_id, v.profile, v.unit_code, v.year, v.quarter, version, v.sha256, v.size, v.file_key,
            v.filename, v.received_at, v.on_time, JSON.stringify(v.summary),
          ],
        )
      ).rows;
      return { kind: 'created', version: toVersion(rows[0]) };
    });
  }

  async getVersion(id: string): Promise<SubmissionVersion | null> {
    const rows = await this.q('SELECT * FROM submissions WHERE id = $1', [id]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async listUnitVersions(unitId: number, year: number, quarter: number): Promise<SubmissionVersion[]> {
    return (
      await this.q('SELECT * FROM submissions WHERE unit_id = $1 AND year = $2 AND quarter = $3 ORDER BY version', [
        unitId, year, quarter,
      ])
    ).map(toVersion);
  }

  async listPeriodVersions(profile: string, year: number, quarter: number): Promise<SubmissionVersion[]> {
    return (
      await this.q(
        'SELECT * FROM submissions WHERE profile = $1 AND year = $2 AND quarter = $3 ORDER BY unit_code, version',
        [profile, year, quarter],
      )
    ).map(toVersion);
  }

  async decideVersion(
    id: string,
    decision: { state: 'returned'; reason: string } | { state: 'accepted' },
    by: string,
    at: string,
  ): Promise<DecideResult> {
    return this.tx(async (c): Promise<DecideResult> => {
      const found = (await c.query('SELECT unit_id FROM submissions WHERE id = $1', [id])).rows[0];
      if (!found) return { kind: 'not_found' };
      await c.query('SELECT id FROM units WHERE id = $1 FOR UPDATE', [found.unit_id]);
      const target = toVersion((await c.query('SELECT * FROM submissions WHERE id = $1', [id])).rows[0]);
      const siblings = (
        await c.query('SELECT * FROM submissions WHERE unit_id = $1 AND year = $2 AND quarter = $3', [
          target.unit_id, target.year, target.quarter,
        ])
      ).rows.map((r) => toVersion(r));
      const conflict = decisionConflict(target, siblings);
      if (conflict) return { kind: 'conflict', reason: conflict };
      const reason = decision.state === 'returned' ? decision.reason : null;
      const rows = (
        await c.query(
          'UPDATE submissions SET state = $1, return_reason = $2, decided_by = $3, decided_at = $4 WHERE id = $5 RETURNING *',
          [decision.state, reason, by, at, id],
        )
      ).rows;
      return { kind: 'ok', version: toVersion(rows[0]) };
    });
  }

  async unitStoredBytes(unitId: number): Promise<number> {
    return Number((await this.q('SELECT COALESCE(SUM(size), 0) AS n FROM submissions WHERE unit_id = $1', [unitId]))[0].n);
  }

  async listFileKeys(): Promise<Set<string>> {
    return new Set((await this.q('SELECT file_key FROM submissions')).map((r) => String(r.file_key)));
  }

  async countVersions(): Promise<number> {
    return Number((await this.q('SELECT COUNT(*) AS n FROM submissions'))[0].n);
  }

  async serverSecret(name: string): Promise<Buffer> {
    await this.q('INSERT INTO server_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('hex')]);
    return Buffer.from(String((await this.q('SELECT secret FROM server_secrets WHERE name = $1', [name]))[0].secret), 'hex');
  }

  async authBlockedFor(keys: readonly string[], at: number): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await this.q('SELECT MAX(blocked_until) AS until FROM auth_failures WHERE key = ANY($1::text[])', [[...keys]]);
    return Math.max(0, Number(rows[0]?.until ?? 0) - at);
  }

  async recordAuthFailure(key: string, at: number, rule: FailureRule): Promise<number> {
    // One statement: two processes counting the same key at once both land (row lock of the upsert).
    const rows = await this.q(
      `INSERT INTO auth_failures AS f (key, count, first_at, blocked_until) VALUES ($1, 1, $2, 0)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN $2 - f.first_at > $3 THEN 1 ELSE f.count + 1 END,
         first_at = CASE WHEN $2 - f.first_at > $3 THEN $2 ELSE f.first_at END,
         blocked_until = CASE WHEN $2 - f.first_at > $3 THEN 0 ELSE f.blocked_until END
       RETURNING count`,
      [key, at, rule.windowMs],
    );
    const count = Number(rows[0].count);
    const block = blockAfter(count, rule);
    if (block > 0) await this.q('UPDATE auth_failures SET blocked_until = GREATEST(blocked_until, $2) WHERE key = $1', [key, at + block]);
    return count;
  }

  async clearAuthFailures(key: string): Promise<void> {
    await this.q('DELETE FROM auth_failures WHERE key = $1', [key]);
  }

  async pruneAuthFailures(at: number, windowMs: number): Promise<number> {
    return (await this.pool.query('DELETE FROM auth_failures WHERE first_at < $1 AND blocked_until <= $2', [at - windowMs, at])).rowCount ?? 0;
  }

  async appendAudit(e: NewAuditEvent): Promise<void> {
    await this.q('INSERT INTO audit_events (at, actor_role, actor, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      e.at ?? new Date().toISOString(), e.actor_role, e.actor, e.action, e.target, e.ip, JSON.stringify(e.detail),
    ]);
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.before !== undefined) {
      params.push(query.before);
      where.push(`id < $${params.length}`);
    }
    if (query.target !== undefined) {
      params.push(query.target);
      where.push(`target = $${params.length}`);
    }
    params.push(auditLimit(query.limit));
    const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`;
    return (await this.q(sql, params)).map(toAudit);
  }
}
