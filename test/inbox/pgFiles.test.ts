import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isEncrypted } from '../../src/inbox/crypto';
import { openFileStore, openStore } from '../../src/inbox/storage';
import { PgFileStore } from '../../src/inbox/storage/pgFiles';
import { PostgresStore } from '../../src/inbox/storage/postgres';
import type { NewVersion, UnitRecord } from '../../src/inbox/storage/types';
import { tempDir } from './helpers';
import { startPostgres, type TestPostgres } from '../support/postgres';

let pg: TestPostgres;
let n = 0;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

async function freshStore(): Promise<PostgresStore> {
  n += 1;
  return (await openStore({ dataDir: '/nonexistent', databaseUrl: pg.createDatabase(`files_${n}`) })) as PostgresStore;
}

function version(unit: UnitRecord, fileKey: string, sha: string): NewVersion {
  return {
    id: randomUUID(), unit_id: unit.id, profile: unit.profile, unit_code: unit.unit_code, year: 2020, quarter: 3,
    sha256: sha.padEnd(64, '0'), size: 5, file_key: fileKey, filename: null, received_at: '2020-10-10T03:00:00.000Z',
    on_time: true, summary: { fatal: 0, error: 0, warning: 0, info: 0 },
  };
}

const unitOf = (store: PostgresStore): Promise<UnitRecord> =>
  store.upsertUnit({ profile: 'bac-ninh-2017', unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', province_code: 'BN', token_hash: 'a'.repeat(64) });

describe('workbooks stored in PostgreSQL', () => {
  test('with a key the bytes in the database are AES-256-GCM sealed and read back as sent; nothing on disk', async () => {
    const store = await freshStore();
    const dir = tempDir('vr-pgfiles-');
    try {
      const files = await openFileStore({ dataDir: dir, encryptionKey: randomBytes(32) }, store);
      expect(files).toBeInstanceOf(PgFileStore);
      const bytes = Buffer.concat([Buffer.from('PK\u0003\u0004 Nguyễn Thị Hoa 001234567890'), randomBytes(3000)]);
      const key = await files.put(bytes);
      const raw = (await store.pool.query('SELECT data FROM submission_files WHERE file_key = $1', [key])).rows[0].data as Buffer;
      expect(isEncrypted(raw)).toBe(true);
      expect(raw.includes(Buffer.from('Nguyễn'))).toBe(false);
      expect((await files.read(key)).equals(bytes)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a row cannot name bytes that are not stored (foreign key)', async () => {
    const store = await freshStore();
    try {
      const unit = await unitOf(store);
      await expect(store.insertVersion(version(unit, `db/${randomUUID()}`, 'aa'))).rejects.toThrow(/foreign key/);
      expect(await store.countVersions()).toBe(0);
    } finally {
      await store.close();
    }
  });

  test('orphan cleanup keeps referenced and recent bytes, removes old unreferenced ones; remove() never drops a referenced blob', async () => {
    const store = await freshStore();
    try {
      const unit = await unitOf(store);
      const files = new PgFileStore(store.pool, null);
      const kept = await files.put(Buffer.from('kept'));
      await store.insertVersion(version(unit, kept, 'aa'));
      const recent = await files.put(Buffer.from('in flight on another process'));
      const old = await files.put(Buffer.from('left by a crash'));
      await store.pool.query(`UPDATE submission_files SET created_at = now() - interval '1 day' WHERE file_key IN ($1, $2)`, [kept, old]);
      expect(await files.removeOrphans()).toBe(1);
      await expect(files.read(old)).rejects.toThrow(/missing/);
      expect((await files.read(recent)).toString()).toBe('in flight on another process');
      await files.remove(kept);
      expect((await files.read(kept)).toString()).toBe('kept');
      await files.remove(recent);
      await expect(files.read(recent)).rejects.toThrow(/missing/);
    } finally {
      await store.close();
    }
  });

  test('an inbox upgraded from files on disk copies them into the database at start, as stored', async () => {
    const store = await freshStore();
    const dir = tempDir('vr-pgfiles-');
    try {
      const unit = await unitOf(store);
      const id = randomUUID();
      const legacy = `${id.slice(0, 2)}/${id}.bin`;
      // A row written before migration 3 (NOT VALID foreign key): its bytes are only on disk.
      await store.pool.query('ALTER TABLE submissions DROP CONSTRAINT submissions_file_bytes');
      await store.insertVersion(version(unit, legacy, 'bb'));
      await store.insertVersion(version(unit, 'ab/00000000-0000-0000-0000-000000000000.bin', 'cc'));
      await store.pool.query(
        'ALTER TABLE submissions ADD CONSTRAINT submissions_file_bytes FOREIGN KEY (file_key) REFERENCES submission_files (file_key) NOT VALID',
      );
      fs.mkdirSync(path.join(dir, 'files', legacy.slice(0, 2)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'files', legacy), 'old workbook');
      const warnings: string[] = [];
      const files = await openFileStore({ dataDir: dir, encryptionKey: null }, store, (m) => warnings.push(m));
      expect((await files.read(legacy)).toString()).toBe('old workbook');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^1 bản nộp .* 1 submissions have no stored workbook/);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
