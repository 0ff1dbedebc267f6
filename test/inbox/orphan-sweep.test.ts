import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Pool } from 'pg';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from './helpers';
import { ROOT } from './process';
import { startPostgres, type TestPostgres } from '../support/postgres';

/**
 * Workbooks without a row are swept while the inbox runs (issue 20, red team 10: after kill -9
 * during uploads on PostgreSQL two stored workbooks without a row remained, swept only if some
 * process started again). A process really killed with SIGKILL between "bytes committed" and
 * "row committed" leaves its blob; the running server's periodic sweep removes it once older
 * than the grace period, and never touches a workbook that has its row.
 */
describe('orphaned workbooks on PostgreSQL', () => {
  let pg: TestPostgres;
  let databaseUrl: string;
  let inbox: TestInbox;
  beforeAll(async () => {
    pg = await startPostgres();
    databaseUrl = pg.createDatabase('orphans');
    inbox = await startTestInbox({ databaseUrl, judgeWorkers: 0, orphanSweepMs: 300, orphanGraceSeconds: 2 });
  }, 120_000);
  afterAll(async () => {
    await inbox?.close();
    pg?.stop();
  });

  const blobs = async (): Promise<string[]> =>
    ((await (inbox.ctx.store as unknown as { pool: Pool }).pool.query('SELECT file_key FROM submission_files ORDER BY file_key')).rows as { file_key: string }[]).map((r) => r.file_key);

  test('a process killed with SIGKILL after storing the bytes: its blob is swept by the running server; stored submissions keep theirs', async () => {
    const token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    const ok = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: await sampleWorkbook({ rows: 8, seed: 3 }) });
    expect(ok.status).toBe(200);
    const kept = await blobs();
    expect(kept).toHaveLength(1);

    // Another inbox process: stores a workbook's bytes, then dies before its row (kill -9).
    const script = `
      const { openStore, openFileStore } = require(${JSON.stringify(path.join(ROOT, 'src/inbox/storage'))});
      (async () => {
        const store = await openStore({ dataDir: '/nonexistent', databaseUrl: process.env.DATABASE_URL });
        const files = await openFileStore({ dataDir: '/nonexistent', encryptionKey: null }, store);
        const key = await files.put(Buffer.from('workbook bytes without a row'));
        process.stdout.write(key + '\\n');
        process.kill(process.pid, 'SIGKILL');
      })();`;
    const { signal, stdout } = await new Promise<{ signal: string | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } }, (_e, out) => resolve({ signal: child.signalCode, stdout: out }));
    });
    expect(signal).toBe('SIGKILL');
    const orphan = stdout.trim();
    expect(await blobs()).toEqual([...kept, orphan].sort());

    // Swept within the grace period plus a few sweeps, with no restart.
    const deadline = Date.now() + 15_000;
    while ((await blobs()).includes(orphan) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await blobs()).toEqual(kept);
    const file = await inbox.ctx.files.read(kept[0]);
    expect(file.length).toBeGreaterThan(0);
  }, 90_000);
});
