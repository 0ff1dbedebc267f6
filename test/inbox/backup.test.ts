import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import { openStore } from '../../src/inbox/storage';
import { backupSqliteInbox, restoreSqliteInbox } from '../../src/inbox/storage/backup';
import { getProfile } from '../../src/profiles';
import { sampleWorkbook, tempDir, XLSX } from './helpers';
import { spawnInbox, waitExit, type InboxProcess } from './process';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const PASSWORD = 'mật khẩu dài lắm';

function upload(url: string, token: string, body: Buffer): Promise<{ id: string; sha256: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/submissions`, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': XLSX, 'content-length': body.length } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('vr inbox backup / restore (SQLite)', () => {
  const root = tempDir('vr-backup-');
  const dir = path.join(root, 'data');
  const archive = path.join(root, 'inbox-backup.tar');
  const key = randomBytes(32);
  const profile = getProfile('bac-ninh-2017')!;
  let server: InboxProcess | undefined;
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await waitExit(server.child);
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a backup taken under concurrent uploads restores into a wiped folder; every receipt verifies and is served', async () => {
    const store = await openStore({ dataDir: dir, databaseUrl: null });
    const tokens: Record<string, string> = {};
    for (const unit of profile.units) {
      tokens[unit.code] = newToken();
      await store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: profile.province_code, token_hash: sha256Hex(tokens[unit.code]) });
    }
    await store.upsertStaffUser({ username: 'lan', role: 'staff', password_hash: await hashPassword(PASSWORD) });
    await store.close();
    const jobs = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const unit = profile.units[i % profile.units.length];
        return { token: tokens[unit.code], body: await sampleWorkbook({ unit: unit.code, rows: 4 + Math.floor(i / profile.units.length), seed: 500 + i }) };
      }),
    );
    server = await spawnInbox(dir, { VR_INBOX_KEY: key.toString('hex'), VR_INBOX_WORKERS: '1' });
    const url = server.url;
    const before = await Promise.all(jobs.slice(0, 10).map((j) => upload(url, j.token, j.body)));

    // 50 uploads in flight; the backup starts once a few are answered and runs beside the rest.
    const receipts = new Map(before.map((r) => [r.id, r.sha256]));
    let backupStarted = false;
    let answeredDuringBackup = 0;
    let startBackup!: () => void;
    const go = new Promise<void>((resolve) => (startBackup = resolve));
    const load = Promise.all(
      jobs.slice(10).map(async (j) => {
        const r = await upload(url, j.token, j.body);
        if (backupStarted) answeredDuringBackup += 1;
        else receipts.set(r.id, r.sha256);
        if (receipts.size >= 15) startBackup();
        return r;
      }),
    );
    await go;
    backupStarted = true;
    const mustHave = new Map(receipts);
    const result = await backupSqliteInbox(dir, archive, { key });
    const all = await load;
    expect(answeredDuringBackup).toBeGreaterThan(0);
    expect(result.submissions).toBeGreaterThanOrEqual(mustHave.size);
    expect(result.submissions).toBeLessThanOrEqual(60);
    expect(fs.readdirSync(root).sort()).toEqual(['data', 'inbox-backup.tar']);

    // Stop, wipe, restore.
    server.child.kill('SIGTERM');
    await waitExit(server.child);
    fs.rmSync(dir, { recursive: true, force: true });
    const restored = await restoreSqliteInbox(dir, archive, { key });
    expect(restored).toMatchObject({ submissions: result.submissions, files: result.submissions, receiptsVerified: result.submissions, movedAside: null });

    server = await spawnInbox(dir, { VR_INBOX_KEY: key.toString('hex'), VR_INBOX_WORKERS: '1' });
    const login = await fetch(`${server.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'lan', password: PASSWORD }) });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    const check = await openStore({ dataDir: dir, databaseUrl: null });
    const rows = await check.listPeriodVersions(profile.id, 2020, 3);
    await check.close();
    expect(rows).toHaveLength(result.submissions);
    const known = new Map([...before, ...all].map((r) => [r.id, r.sha256]));
    for (const row of rows) expect(known.get(row.id)).toBe(row.sha256);
    for (const [id, digest] of mustHave) {
      const res = await fetch(`${server.url}/api/staff/submissions/${id}/file`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(digest);
    }
    for (const row of rows.filter((r) => !mustHave.has(r.id))) {
      const res = await fetch(`${server.url}/api/staff/submissions/${row.id}/file`, { headers: { cookie } });
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(row.sha256);
    }
    // Uploads the backup did not include can be sent again and are stored.
    const missing = jobs.filter((j) => !rows.some((r) => r.sha256 === sha(j.body)));
    for (const j of missing) expect((await upload(server.url, j.token, j.body)).sha256).toBe(sha(j.body));
    server.child.kill('SIGTERM');
    await waitExit(server.child);
  }, 300_000);

  test('restore refuses a non-empty folder without --force, and with it keeps the old folder aside', async () => {
    await expect(restoreSqliteInbox(dir, archive, { key })).rejects.toThrow(/không trống.*--force.*not empty/s);
    fs.writeFileSync(path.join(dir, 'marker.txt'), 'old');
    const r = await restoreSqliteInbox(dir, archive, { key, force: true });
    expect(r.movedAside).not.toBeNull();
    expect(fs.readFileSync(path.join(r.movedAside!, 'marker.txt'), 'utf8')).toBe('old');
    expect(fs.existsSync(path.join(dir, 'marker.txt'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'inbox.sqlite'))).toBe(true);
  });

  test('a damaged, truncated or wrongly keyed backup restores nothing', async () => {
    const bytes = fs.readFileSync(archive);
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf(Buffer.from('files/'));
    tampered[at + 512 + 200] ^= 1; // a byte inside the first stored workbook
    const cases: [string, Buffer, RegExp, Buffer][] = [
      ['tampered.tar', tampered, /files\/.* không khớp SHA-256/, key],
      ['truncated.tar', bytes.subarray(0, Math.floor(bytes.length / 2)), /hỏng.*damaged/s, key],
      ['wrong-key.tar', bytes, /VR_INBOX_KEY/, randomBytes(32)],
    ];
    for (const [name, data, error, k] of cases) {
      fs.writeFileSync(path.join(root, name), data);
      const target = path.join(root, `into-${name}`);
      await expect(restoreSqliteInbox(target, path.join(root, name), { key: k })).rejects.toThrow(error);
      expect(fs.existsSync(target)).toBe(false);
    }
    expect(fs.readdirSync(root).filter((n) => n.includes('.restore-'))).toEqual([]);
  });
});
