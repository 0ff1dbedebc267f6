import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/inbox/storage';
import { PostgresStore } from '../../src/inbox/storage/postgres';
import type { NewVersion, Store, UnitRecord } from '../../src/inbox/storage/types';
import { startPostgres, type TestPostgres } from '../support/postgres';

/** The same contract, run against both real backends. */
const backends: [string, () => Promise<{ store: Store; cleanup: () => void }>][] = [
  [
    'sqlite',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-store-'));
      return { store: await openStore({ dataDir: dir, databaseUrl: null }), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'postgres',
    async () => {
      pg = pg ?? (await startPostgres());
      const url = pg.createDatabase(`store_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
      return { store: await openStore({ dataDir: '/nonexistent', databaseUrl: url }), cleanup: () => undefined };
    },
  ],
];
let pg: TestPostgres | undefined;
afterAll(() => pg?.stop());

const summary = { fatal: 0, error: 0, warning: 1, info: 2 };

function newVersion(unit: UnitRecord, sha: string, over: Partial<NewVersion> = {}): NewVersion {
  return {
    id: randomUUID(),
    unit_id: unit.id,
    profile: unit.profile,
    unit_code: unit.unit_code,
    year: 2020,
    quarter: 3,
    sha256: sha.padEnd(64, '0'),
    size: 1234,
    file_key: `${randomUUID().slice(0, 2)}/${randomUUID()}.bin`,
    filename: 'bao-cao.xlsx',
    received_at: '2020-10-10T03:00:00.000Z',
    on_time: true,
    summary,
    ...over,
  };
}

describe.each(backends)('Store on %s', (_name, open) => {
  let store: Store;
  let cleanup: () => void;
  let unit: UnitRecord;
  let other: UnitRecord;

  /** On PostgreSQL a row must name bytes already in `submission_files` (foreign key). */
  async function insert(v: NewVersion): ReturnType<Store['insertVersion']> {
    if (store instanceof PostgresStore) {
      await store.pool.query('INSERT INTO submission_files (file_key, data) VALUES ($1, $2)', [v.file_key, Buffer.from('bytes')]);
    }
    return store.insertVersion(v);
  }

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    unit = await store.upsertUnit({ profile: 'bac-ninh-2017', unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', province_code: 'BN', token_hash: 'a'.repeat(64) });
    other = await store.upsertUnit({ profile: 'bac-ninh-2017', unit_code: 'BN-X', unit_name: "Robert'); DROP TABLE units;--", province_code: 'BN', token_hash: 'b'.repeat(64) });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    cleanup?.();
  });

  test('migrations are idempotent', async () => {
    await store.migrate();
    await store.migrate();
    expect((await store.listUnits('bac-ninh-2017')).map((u) => u.unit_code)).toEqual(['BN-TS', 'BN-X']);
  });

  test('units are found by token hash; re-adding a unit replaces its token', async () => {
    expect((await store.getUnitByTokenHash('a'.repeat(64)))?.unit_code).toBe('BN-TS');
    expect(await store.getUnitByTokenHash('c'.repeat(64))).toBeNull();
    const again = await store.upsertUnit({ ...other, token_hash: 'd'.repeat(64) });
    expect(again.id).toBe(other.id);
    expect(await store.getUnitByTokenHash('b'.repeat(64))).toBeNull();
    expect((await store.getUnitByTokenHash('d'.repeat(64)))?.unit_name).toBe("Robert'); DROP TABLE units;--");
    expect((await store.getUnitById(unit.id))?.unit_code).toBe('BN-TS');
    expect(await store.getUnit('bac-ninh-2017', 'NOPE')).toBeNull();
  });

  test('staff users and sessions (expired sessions are not returned)', async () => {
    const user = await store.upsertStaffUser({ username: 'lan', role: 'staff', password_hash: 'h1' });
    const admin = await store.upsertStaffUser({ username: 'lan', role: 'admin', password_hash: 'h2' });
    expect(admin.id).toBe(user.id);
    expect((await store.getStaffUser('lan'))?.role).toBe('admin');
    await store.createSession({ id_hash: 's1', user_id: user.id, csrf_token: 'c1', created_at: '2026-01-01T00:00:00.000Z', expires_at: '2026-01-01T08:00:00.000Z' });
    const found = await store.getSession('s1', '2026-01-01T01:00:00.000Z');
    expect(found?.user.username).toBe('lan');
    expect(found?.session.csrf_token).toBe('c1');
    expect(await store.getSession('s1', '2026-01-01T09:00:00.000Z')).toBeNull();
    expect(await store.deleteExpiredSessions('2026-01-01T09:00:00.000Z')).toBe(1);
    expect(await store.getSession('s1', '2026-01-01T01:00:00.000Z')).toBeNull();
  });

  test('versions: numbered, idempotent on the same bytes, listed per unit and per period', async () => {
    const first = await insert(newVersion(unit, 'aa'));
    expect(first.kind).toBe('created');
    const same = await insert(newVersion(unit, 'aa'));
    expect(same.kind).toBe('existing');
    if (first.kind !== 'created' || same.kind !== 'existing') throw new Error('unreachable');
    expect(same.version.id).toBe(first.version.id);
    const second = await insert(newVersion(unit, 'bb', { on_time: false }));
    expect(second.kind === 'created' && second.version.version).toBe(2);
    const mine = await store.listUnitVersions(unit.id, 2020, 3);
    expect(mine.map((v) => [v.version, v.on_time, v.state])).toEqual([[1, true, 'submitted'], [2, false, 'submitted']]);
    expect(mine[0].summary).toEqual(summary);
    expect(mine[0].received_at).toBe('2020-10-10T03:00:00.000Z');
    expect(await store.findVersionBySha(unit.id, 2020, 3, 'bb'.padEnd(64, '0'))).toMatchObject({ version: 2 });
    expect(await store.findVersionByUnitSha(unit.id, 'bb'.padEnd(64, '0'))).toMatchObject({ version: 2, quarter: 3 });
    expect(await store.findVersionByUnitSha(other.id, 'bb'.padEnd(64, '0'))).toBeNull();
    await insert(newVersion(other, 'aa'));
    const period = await store.listPeriodVersions('bac-ninh-2017', 2020, 3);
    expect(period.map((v) => `${v.unit_code}#${v.version}`)).toEqual(['BN-TS#1', 'BN-TS#2', 'BN-X#1']);
    expect(await store.listPeriodVersions('bac-ninh-2017', 2020, 4)).toEqual([]);
    expect((await store.listFileKeys()).size).toBe(3);
    expect(await store.countVersions()).toBe(3);
  });

  test('concurrent inserts of the same bytes make one version; of different bytes, consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => insert(newVersion(unit, 'cc', { quarter: 1 }))));
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(new Set(results.map((r) => ('version' in r ? r.version.id : ''))).size).toBe(1);
    await Promise.all(Array.from({ length: 8 }, (_, i) => insert(newVersion(unit, `d${i}`, { quarter: 1 }))));
    const versions = await store.listUnitVersions(unit.id, 2020, 1);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('return needs the latest version; accept locks the quarter', async () => {
    const [v1, v2] = await store.listUnitVersions(unit.id, 2020, 3);
    expect(await store.decideVersion(v1.id, { state: 'accepted' }, 'lan', '2020-10-20T00:00:00.000Z')).toEqual({ kind: 'conflict', reason: 'not_latest' });
    expect(await store.decideVersion('nope', { state: 'accepted' }, 'lan', '2020-10-20T00:00:00.000Z')).toEqual({ kind: 'not_found' });
    const returned = await store.decideVersion(v2.id, { state: 'returned', reason: "Sai số liệu; ' OR 1=1 --" }, 'lan', '2020-10-20T00:00:00.000Z');
    expect(returned.kind === 'ok' && returned.version).toMatchObject({ state: 'returned', return_reason: "Sai số liệu; ' OR 1=1 --", decided_by: 'lan' });
    expect((await store.decideVersion(v2.id, { state: 'accepted' }, 'lan', '2020-10-20T00:00:00.000Z')).kind).toBe('conflict');
    const v3 = await insert(newVersion(unit, 'ee'));
    if (v3.kind !== 'created') throw new Error('expected a new version');
    const accepted = await store.decideVersion(v3.version.id, { state: 'accepted' }, 'lan', '2020-10-21T00:00:00.000Z');
    expect(accepted.kind === 'ok' && accepted.version.state).toBe('accepted');
    const locked = await insert(newVersion(unit, 'ff'));
    expect(locked.kind === 'locked' && locked.accepted.id).toBe(v3.version.id);
    expect((await insert(newVersion(unit, 'ee'))).kind).toBe('existing');
    expect(await store.decideVersion(v3.version.id, { state: 'returned', reason: 'x' }, 'lan', '2020-10-22T00:00:00.000Z')).toEqual({ kind: 'conflict', reason: 'already_accepted' });
  });

  test('a version’s figures are kept by schema, replaced when recomputed, and only for a version that exists', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await insert(newVersion(other, `f${i}`, { year: 2019, quarter: 1 }));
      if (r.kind !== 'created') throw new Error(r.kind);
      made.push(r.version.id);
    }
    await store.putFigures(made[0], 1, '{"totals":{"1":3}}');
    await store.putFigures(made[1], 2, '{"totals":{"1":4}}');
    const got = await store.getFigures([...made, randomUUID()], 1);
    expect([...got.entries()]).toEqual([[made[0], '{"totals":{"1":3}}']]);
    await store.putFigures(made[0], 2, '{"totals":{"1":5}}');
    expect(await store.getFigures(made, 1)).toEqual(new Map());
    expect(await store.getFigures(made, 2)).toEqual(new Map([[made[0], '{"totals":{"1":5}}'], [made[1], '{"totals":{"1":4}}']]));
    expect(await store.getFigures([], 2)).toEqual(new Map());
    // Figures never exist without their version.
    // (Caught by hand: a native driver's error is not always an Error of the test's realm.)
    const stray = randomUUID();
    const refused = await store.putFigures(stray, 1, '{}').then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    expect(await store.getFigures([stray], 1)).toEqual(new Map());
    // Many ids at once (more than one SQLite statement's worth).
    const many = [...Array.from({ length: 1200 }, () => randomUUID()), made[1]];
    expect([...(await store.getFigures(many, 2)).keys()]).toEqual([made[1]]);
  });

  test('audit events are appended and listed newest first, with paging and target filter', async () => {
    for (let i = 0; i < 5; i += 1) {
      await store.appendAudit({ actor_role: 'unit', actor: 'BN-TS', action: 'submit', target: `t${i % 2}`, ip: '127.0.0.1', detail: { n: i } });
    }
    const all = await store.listAudit();
    expect(all.map((e) => e.detail.n)).toEqual([4, 3, 2, 1, 0]);
    expect(all[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const page = await store.listAudit({ limit: 2, before: all[1].id });
    expect(page.map((e) => e.detail.n)).toEqual([2, 1]);
    expect((await store.listAudit({ target: 't1' })).map((e) => e.detail.n)).toEqual([3, 1]);
  });
});
