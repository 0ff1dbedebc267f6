import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import { decrypt } from '../../src/inbox/crypto';
import { openStore } from '../../src/inbox/storage';
import { PgFileStore } from '../../src/inbox/storage/pgFiles';
import { PostgresStore } from '../../src/inbox/storage/postgres';
import { getProfile } from '../../src/profiles';
import { sampleWorkbook, tempDir, XLSX } from './helpers';
import { spawnInbox, waitExit, type InboxProcess } from './process';
import { startPostgres, type TestPostgres } from '../support/postgres';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

interface Job {
  token: string;
  body: Buffer;
}

/** One upload over a plain socket; resolves with the status and body, or the network error. */
function send(url: string, job: Job): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${url}/api/submissions`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${job.token}`, 'content-type': XLSX, 'content-length': job.body.length },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
    req.end(job.body);
  });
}

let pg: TestPostgres | undefined;
afterAll(() => pg?.stop());

describe.each(['sqlite', 'postgres'])('crash safety on %s: kill -9 during 100 concurrent submissions', (backend) => {
  const dir = tempDir('vr-fault-');
  const key = randomBytes(32).toString('hex');
  let databaseUrl: string | null = null;
  let server: InboxProcess | undefined;
  // 100 uploads over the plan's 4 units: 25 versions of one quarter each, past the default cap.
  const env = (): NodeJS.ProcessEnv => ({ VR_INBOX_KEY: key, VR_INBOX_MAX_VERSIONS: '100',
    // A crash test, not a limits test: 100 uploads at once from one address, many per unit.
    VR_INBOX_MAX_CONN_PER_IP: '0', VR_INBOX_UPLOADS_PER_UNIT: '100', VR_INBOX_UPLOAD_BUDGET_MB: '2000', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  beforeAll(async () => {
    if (backend === 'postgres') {
      pg = pg ?? (await startPostgres());
      databaseUrl = pg.createDatabase('fault');
    }
  }, 120_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await waitExit(server.child);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every receipt survives, nothing is half-stored, and retries succeed once each', async () => {
    const profile = getProfile('bac-ninh-2017')!;
    const store = await openStore({ dataDir: dir, databaseUrl });
    const tokens: Record<string, string> = {};
    for (const unit of profile.units) {
      tokens[unit.code] = newToken();
      await store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: profile.province_code, token_hash: sha256Hex(tokens[unit.code]) });
    }
    await store.upsertStaffUser({ username: 'lan', role: 'staff', password_hash: await hashPassword('mật khẩu dài lắm') });
    await store.close();

    const jobs: Job[] = [];
    for (let i = 0; i < 100; i += 1) {
      const unit = profile.units[i % profile.units.length];
      jobs.push({ token: tokens[unit.code], body: await sampleWorkbook({ unit: unit.code, rows: 4 + Math.floor(i / profile.units.length), seed: 100 + i }) });
    }
    expect(new Set(jobs.map((j) => sha(j.body))).size).toBe(100);

    server = await spawnInbox(dir, env());
    const receipts = new Map<number, { id: string; sha256: string }>();
    let killed = false;
    const first = await Promise.all(
      jobs.map(async (job, i) => {
        const r = await send(server!.url, job);
        if ('status' in r && r.status === 200) {
          receipts.set(i, JSON.parse(r.body));
          // Pull the plug once some receipts are out and many uploads are still in flight.
          if (receipts.size === 8 && !killed) {
            killed = true;
            server!.child.kill('SIGKILL');
          }
        }
        return r;
      }),
    );
    await waitExit(server.child);
    expect(killed).toBe(true);
    const failed = first.map((r, i) => ('status' in r && r.status === 200 ? -1 : i)).filter((i) => i >= 0);
    expect(failed.length).toBeGreaterThan(0);
    for (const i of failed) {
      const r = first[i];
      // Refused uploads would be a bug here (clean workbooks): only the crash may stop them.
      expect('error' in r ? 'network' : r.status).toBe('network');
    }

    server = await spawnInbox(dir, env());
    // Every receipt is there and its bytes read back with the receipt's hash.
    const login = await fetch(`${server.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'lan', password: 'mật khẩu dài lắm' }) });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    for (const [i, receipt] of receipts) {
      expect(receipt.sha256).toBe(sha(jobs[i].body));
      const file = await fetch(`${server.url}/api/staff/submissions/${receipt.id}/file`, { headers: { cookie } });
      expect(file.status).toBe(200);
      expect(sha(Buffer.from(await file.arrayBuffer()))).toBe(receipt.sha256);
    }
    // No half-stored submission: every row has its complete bytes, and bytes no row names are
    // removed (on disk at the restart; in PostgreSQL once past the grace left for other processes).
    const check = await openStore({ dataDir: dir, databaseUrl });
    const rows = await check.listPeriodVersions(profile.id, 2020, 3);
    const stored = new Map<string, Buffer>();
    if (check instanceof PostgresStore) {
      expect(fs.existsSync(path.join(dir, 'files'))).toBe(false);
      await check.pool.query(`UPDATE submission_files SET created_at = now() - interval '1 day'`);
      await new PgFileStore(check.pool, null).removeOrphans();
      for (const r of (await check.pool.query('SELECT file_key, data FROM submission_files')).rows) stored.set(r.file_key, r.data);
    } else {
      for (const d of fs.readdirSync(path.join(dir, 'files')).filter((x) => x !== 'tmp')) {
        for (const f of fs.readdirSync(path.join(dir, 'files', d))) stored.set(`${d}/${f}`, fs.readFileSync(path.join(dir, 'files', d, f)));
      }
      expect(fs.readdirSync(path.join(dir, 'files', 'tmp'))).toEqual([]);
    }
    await check.close();
    expect([...stored.keys()].sort()).toEqual(rows.map((r) => r.file_key).sort());
    for (const row of rows) {
      expect(sha(decrypt(stored.get(row.file_key)!, Buffer.from(key, 'hex')))).toBe(row.sha256);
    }
    expect(rows.length).toBeGreaterThanOrEqual(receipts.size);

    // Retrying everything: the failed ones are stored once each, the others answer their receipt.
    const retry = await Promise.all(jobs.map((job) => send(server!.url, job)));
    for (const [i, r] of retry.entries()) {
      expect('status' in r && r.status).toBe(200);
      const body = JSON.parse((r as { body: string }).body);
      expect(body.sha256).toBe(sha(jobs[i].body));
      if (receipts.has(i)) expect(body.id).toBe(receipts.get(i)!.id);
    }
    const final = await openStore({ dataDir: dir, databaseUrl });
    const all = await final.listPeriodVersions(profile.id, 2020, 3);
    await final.close();
    expect(all).toHaveLength(100);
    expect(new Set(all.map((v) => v.sha256)).size).toBe(100);
    server.child.kill('SIGTERM');
    await waitExit(server.child);
  }, 300_000);
});
