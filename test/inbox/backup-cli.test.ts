import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/inbox/storage';
import { tempDir } from './helpers';
import { vrInProcess } from '../cli/inProcess';

const vr = vrInProcess;

describe('vr inbox backup / restore on the command line', () => {
  const root = tempDir('vr-backup-cli-');
  const data = path.join(root, 'data');
  const file = path.join(root, 'sao-luu.tar');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('backs up, refuses to overwrite, restores into an empty folder, and points PostgreSQL to pg_dump', async () => {
    expect((await vr('inbox', 'init', '--data', data)).code).toBe(0);
    expect((await vr('inbox', 'unit', 'add', '--data', data, '--profile', 'bac-ninh-2017', '--unit', 'BN-TS')).code).toBe(0);
    const backup = await vr('inbox', 'backup', '--data', data, '-o', file);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/^Đã sao lưu 0 bản nộp vào .*sao-luu\.tar.*\nBacked up 0 submissions/);
    const again = await vr('inbox', 'backup', '--data', data, '-o', file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/đã có.*already exists/s);

    const refused = await vr('inbox', 'restore', '--data', data, file);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/không trống.*--force.*not empty/s);
    const into = path.join(root, 'restored');
    const restored = await vr('inbox', 'restore', '--data', into, file);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/Đã khôi phục 0 bản nộp.*\nRestored 0 submissions/);
    const store = await openStore({ dataDir: into, databaseUrl: null });
    expect((await store.listUnits()).map((u) => u.unit_code)).toEqual(['BN-TS']);
    await store.close();

    process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/none';
    try {
      const pg = await vr('inbox', 'backup', '--data', data, '-o', path.join(root, 'pg.tar'));
      expect(pg.code).toBe(2);
      expect(pg.err).toMatch(/pg_dump.*pg_dump/s);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
