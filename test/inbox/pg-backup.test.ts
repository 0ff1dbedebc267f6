import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openFileStore, openStore } from '../../src/inbox/storage';
import { tempDir } from './helpers';
import { PG_BIN, startPostgres, type TestPostgres } from '../support/postgres';

/** The PostgreSQL backup procedure of docs/operations.md, run as written: pg_dump --format=custom,
 *  then pg_restore --no-owner into a new, empty database. */
describe('PostgreSQL backup with pg_dump / pg_restore', () => {
  let pg: TestPostgres;
  const dir = tempDir('vr-pgdump-');
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(() => {
    pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the dump holds the rows and the encrypted workbooks; the restored inbox reads them with the key', async () => {
    const key = randomBytes(32);
    const source = pg.createDatabase('inbox_live');
    const store = await openStore({ dataDir: dir, databaseUrl: source });
    const files = await openFileStore({ dataDir: dir, encryptionKey: key }, store);
    const unit = await store.upsertUnit({ profile: 'bac-ninh-2017', unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', province_code: 'BN', token_hash: 'a'.repeat(64) });
    const workbook = randomBytes(50_000);
    const fileKey = await files.put(workbook);
    const id = randomUUID();
    await store.insertVersion({
      id, unit_id: unit.id, profile: unit.profile, unit_code: unit.unit_code, year: 2020, quarter: 3,
      sha256: 'f'.repeat(64), size: workbook.length, file_key: fileKey, filename: null,
      received_at: '2020-10-10T03:00:00.000Z', on_time: true, summary: { fatal: 0, error: 0, warning: 0, info: 0 },
    });
    await store.close();

    const dump = path.join(dir, 'vr-inbox.dump');
    execFileSync(path.join(PG_BIN, 'pg_dump'), ['--format=custom', `--file=${dump}`, source], { stdio: 'pipe' });
    expect(fs.readFileSync(dump).includes(workbook.subarray(0, 64))).toBe(false); // sealed, not plain
    const target = pg.createDatabase('inbox_restored');
    execFileSync(path.join(PG_BIN, 'pg_restore'), ['--no-owner', `--dbname=${target}`, dump], { stdio: 'pipe' });

    const restored = await openStore({ dataDir: dir, databaseUrl: target });
    try {
      const restoredFiles = await openFileStore({ dataDir: dir, encryptionKey: key }, restored);
      const version = await restored.getVersion(id);
      expect(version?.file_key).toBe(fileKey);
      expect((await restoredFiles.read(fileKey)).equals(workbook)).toBe(true);
      const withoutKey = await openFileStore({ dataDir: dir, encryptionKey: null }, restored);
      await expect(withoutKey.read(fileKey)).rejects.toThrow(/VR_INBOX_KEY/);
    } finally {
      await restored.close();
    }
  }, 120_000);
});
