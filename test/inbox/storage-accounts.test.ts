import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/inbox/storage';
import { PostgresStore } from '../../src/inbox/storage/postgres';
import { randomUUID } from 'node:crypto';
import type { SessionRecord, Store } from '../../src/inbox/storage/types';
import { startPostgres, type TestPostgres } from '../support/postgres';

/** Account administration in the store, on both real backends: a change ends the account's
 *  sessions in the same transaction; a deactivated unit or account stops authenticating. */
let pg: TestPostgres | undefined;
afterAll(() => pg?.stop());

const backends: [string, () => Promise<{ store: Store; cleanup: () => void }>][] = [
  [
    'sqlite',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-acct-'));
      return { store: await openStore({ dataDir: dir, databaseUrl: null }), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'postgres',
    async () => {
      pg = pg ?? (await startPostgres());
      const url = pg.createDatabase(`acct_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
      return { store: await openStore({ dataDir: '/nonexistent', databaseUrl: url }), cleanup: () => undefined };
    },
  ],
];

const FUTURE = '2999-01-01T00:00:00.000Z';
const NOW = '2026-01-01T00:00:00.000Z';

function session(id: string, userId: number): SessionRecord {
  return { id_hash: id.padEnd(64, '0'), user_id: userId, csrf_token: 'c', created_at: NOW, expires_at: FUTURE };
}

describe.each(backends)('accounts on %s', (_name, open) => {
  let store: Store;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
  }, 120_000);
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  test('password, role and deactivation each end every session of that account only', async () => {
    const lan = await store.upsertStaffUser({ username: 'lan', role: 'staff', password_hash: 'h1' });
    const minh = await store.upsertStaffUser({ username: 'minh', role: 'staff', password_hash: 'h1' });
    expect(lan.active).toBe(true);
    for (const [i, change] of [{ password_hash: 'h2' }, { role: 'admin' as const }, { active: false }].entries()) {
      await store.createSession(session(`a${i}`, lan.id));
      await store.createSession(session(`b${i}`, lan.id));
      await store.createSession(session(`m${i}`, minh.id));
      const updated = await store.updateStaffUser('lan', change);
      expect(updated).toMatchObject(change);
      expect(await store.getSession(`a${i}`.padEnd(64, '0'), NOW)).toBeNull();
      expect(await store.getSession(`m${i}`.padEnd(64, '0'), NOW)).not.toBeNull();
    }
    expect(await store.getStaffUser('lan')).toMatchObject({ password_hash: 'h2', role: 'admin', active: false });
    expect(await store.updateStaffUser('nobody', { active: false })).toBeNull();
    // A deactivated account's leftover session is no session; re-adding reactivates.
    await store.createSession(session('late', lan.id));
    expect(await store.getSession('late'.padEnd(64, '0'), NOW)).toBeNull();
    expect((await store.upsertStaffUser({ username: 'lan', role: 'staff', password_hash: 'h3' })).active).toBe(true);
    expect(await store.getSession('late'.padEnd(64, '0'), NOW)).toBeNull();
    expect((await store.listStaffUsers()).map((u) => u.username)).toEqual(['lan', 'minh']);
    expect(await store.deleteUserSessions(minh.id)).toBe(3);
  });

  test("a deactivated unit's token stops working; reactivated, it works again", async () => {
    await store.upsertUnit({ profile: 'bac-ninh-2017', unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', province_code: 'BN', token_hash: 'f'.repeat(64) });
    expect((await store.getUnitByTokenHash('f'.repeat(64)))?.active).toBe(true);
    expect((await store.setUnitActive('bac-ninh-2017', 'BN-TS', false))?.active).toBe(false);
    expect(await store.getUnitByTokenHash('f'.repeat(64))).toBeNull();
    expect((await store.setUnitActive('bac-ninh-2017', 'BN-TS', true))?.active).toBe(true);
    expect(await store.getUnitByTokenHash('f'.repeat(64))).not.toBeNull();
    expect(await store.setUnitActive('bac-ninh-2017', 'NOPE', false)).toBeNull();
  });

  test('the cap on versions per unit and quarter holds under concurrent inserts', async () => {
    const unit = await store.upsertUnit({ profile: 'bac-ninh-2017', unit_code: 'BN-TP', unit_name: 'Thành phố Bắc Ninh', province_code: 'BN', token_hash: 'e'.repeat(64) });
    const keys = Array.from({ length: 10 }, () => `ca/${randomUUID()}.bin`);
    // On PostgreSQL a row must name bytes already in `submission_files` (foreign key).
    if (store instanceof PostgresStore) {
      for (const key of keys) await store.pool.query('INSERT INTO submission_files (file_key, data) VALUES ($1, $2)', [key, Buffer.from('x')]);
    }
    const results = await Promise.all(
      keys.map((file_key, i) =>
        store.insertVersion(
          {
            id: randomUUID(), unit_id: unit.id, profile: unit.profile, unit_code: unit.unit_code, year: 2020, quarter: 2,
            sha256: String(i).padEnd(64, 'a'), size: 1, file_key, filename: null,
            received_at: NOW, on_time: true, summary: { fatal: 0, error: 0, warning: 0, info: 0 },
          },
          3,
        ),
      ),
    );
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(3);
    expect(results.filter((r) => r.kind === 'full')).toHaveLength(7);
    expect((await store.listUnitVersions(unit.id, 2020, 2)).map((v) => v.version)).toEqual([1, 2, 3]);
  });
});
