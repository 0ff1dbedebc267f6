import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import tar from 'tar-stream';
import { hashPassword } from '../../src/inbox/auth';
import { isEncrypted } from '../../src/inbox/crypto';
import { openFileStore, openStore } from '../../src/inbox/storage';
import { backupSqliteInbox, restoreSqliteInbox, type BackupManifest } from '../../src/inbox/storage/backup';
import { inboxBackup, inboxRestore } from '../../src/cli/commands/inbox';
import { tempDir } from './helpers';

/**
 * A backup made with VR_INBOX_KEY is sealed and private (issue 20, red team 4: an admin row
 * added to the backed-up database, the SHA-256 values in manifest.json recomputed, the archive
 * re-tarred: restore exited 0 and the planted admin signed in; password hashes, addresses,
 * return reasons and file names were in clear in the tar).
 */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function readTar(file: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (c: unknown) => parts.push(c as Buffer));
      stream.on('end', () => {
        out.set(header.name, Buffer.concat(parts));
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  fs.createReadStream(file).pipe(extract);
  await done;
  return out;
}

async function writeTar(file: string, entries: Map<string, Buffer>): Promise<void> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((r) => pack.on('end', () => r()));
  for (const [name, data] of entries) pack.entry({ name, size: data.length, mode: 0o600 }, data);
  pack.finalize();
  await ended;
  fs.writeFileSync(file, Buffer.concat(chunks));
}

/** The red team's edit: an admin account added to the database, every SHA-256 recomputed. */
async function plantAdmin(archive: string, out: string, work: string, db: Buffer | null): Promise<void> {
  const entries = await readTar(archive);
  const dbFile = path.join(work, `planted-${randomUUID()}.sqlite`);
  fs.writeFileSync(dbFile, db ?? entries.get('inbox.sqlite')!);
  const sqlite = new Database(dbFile);
  sqlite.prepare("INSERT INTO staff_users (username, role, password_hash, created_at) VALUES ('ke.gian', 'admin', ?, '2026-01-01')").run(await hashPassword('mật khẩu của kẻ gian'));
  sqlite.close();
  entries.set('inbox.sqlite', fs.readFileSync(dbFile));
  const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as BackupManifest;
  for (const e of manifest.entries) {
    const data = entries.get(e.name)!;
    e.sha256 = sha(data);
    e.size = data.length;
  }
  entries.delete('manifest.json');
  entries.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  await writeTar(out, entries);
}

describe('sealed, encrypted backups', () => {
  const root = tempDir('vr-backup-sealed-');
  const data = path.join(root, 'data');
  const key = randomBytes(32);
  const plainWorkbook = Buffer.from('PK workbook stored before the key was set');
  const keyedWorkbook = Buffer.from('PK workbook stored with the key');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    const store = await openStore({ dataDir: data, databaseUrl: null });
    const unit = await store.upsertUnit({ profile: 'bac-ninh-2017', unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', province_code: 'BN', token_hash: 'a'.repeat(64) });
    await store.upsertStaffUser({ username: 'lan', role: 'admin', password_hash: await hashPassword('mật khẩu dài của Lan') });
    const before = await openFileStore({ dataDir: data, encryptionKey: null }, store);
    const after = await openFileStore({ dataDir: data, encryptionKey: key }, store);
    for (const [i, [files, bytes]] of ([[before, plainWorkbook], [after, keyedWorkbook]] as const).entries()) {
      const v = await store.insertVersion({
        id: randomUUID(), unit_id: unit.id, profile: 'bac-ninh-2017', unit_code: 'BN-TS', year: 2020, quarter: 3, sha256: sha(bytes), size: bytes.length,
        file_key: await files.put(bytes), filename: `So Nguyen Thi Hoa ${i}.xlsx`, received_at: new Date().toISOString(), on_time: true, summary: { fatal: 0, error: 0, warning: 0, info: 0 },
      });
      if (i === 0 && v.kind === 'created') await store.decideVersion(v.version.id, { state: 'returned', reason: 'Thiếu hồ sơ của em Trần Văn Bình' }, 'lan', new Date().toISOString());
    }
    await store.appendAudit({ actor_role: 'admin', actor: 'lan', action: 'login', target: null, ip: '203.0.113.77', detail: {} });
    await store.close();
  }, 60_000);

  test('with the key, nothing sensitive is in clear in the archive: database encrypted, every workbook sealed', async () => {
    const archive = path.join(root, 'keyed.tar');
    const r = await backupSqliteInbox(data, archive, { key });
    expect(r.keyed).toBe(true);
    const bytes = fs.readFileSync(archive);
    for (const secret of ['SQLite format 3', '$argon2', 'Trần Văn Bình', 'Nguyen Thi Hoa', '203.0.113.77', 'ke.gian', 'lan']) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    const entries = await readTar(archive);
    for (const [name, data] of entries) if (name !== 'manifest.json') expect(isEncrypted(data)).toBe(true);
    expect(JSON.parse(entries.get('manifest.json')!.toString())).toMatchObject({ version: 2, keyed: true, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test('with the key, it restores whole: the accounts, every workbook as received', async () => {
    const into = path.join(root, 'restored');
    const r = await restoreSqliteInbox(into, path.join(root, 'keyed.tar'), { key });
    expect(r).toMatchObject({ keyed: true, submissions: 2, receiptsVerified: 2 });
    const store = await openStore({ dataDir: into, databaseUrl: null });
    expect((await store.listStaffUsers()).map((u) => u.username)).toEqual(['lan']);
    const files = await openFileStore({ dataDir: into, encryptionKey: key }, store);
    const rows = await store.listPeriodVersions('bac-ninh-2017', 2020, 3);
    expect(await Promise.all(rows.map(async (v) => (await files.read(v.file_key)).toString()))).toEqual([plainWorkbook.toString(), keyedWorkbook.toString()]);
    await store.close();
  });

  test('the red team: a planted admin with recomputed SHA-256 values is refused, whatever database is put in, and nothing is restored', async () => {
    const forged = path.join(root, 'forged.tar');
    // They cannot decrypt the database: they put in one of their own (an unkeyed backup's).
    const unkeyed = path.join(root, 'unkeyed-src.tar');
    await backupSqliteInbox(data, unkeyed);
    const theirDb = (await readTar(unkeyed)).get('inbox.sqlite')!;
    await plantAdmin(path.join(root, 'keyed.tar'), forged, root, theirDb);
    const into = path.join(root, 'forged-into');
    await expect(restoreSqliteInbox(into, forged, { key })).rejects.toThrow(/niêm phong \(HMAC\) không khớp.*seal \(HMAC\) does not match/s);
    expect(fs.existsSync(into)).toBe(false);
    // Without the key the sealed backup is not restored at all.
    await expect(restoreSqliteInbox(into, path.join(root, 'keyed.tar'), { key: null })).rejects.toThrow(/VR_INBOX_KEY/);
  });

  test('an unsealed backup (made without a key) is refused into an inbox with a key unless --allow-unkeyed, and the command says what that means', async () => {
    const unkeyed = path.join(root, 'unkeyed.tar');
    const out: string[] = [];
    const saved = process.env.VR_INBOX_KEY;
    delete process.env.VR_INBOX_KEY;
    try {
      await inboxBackup({ data, output: unkeyed }, (l) => out.push(l));
    } finally {
      if (saved !== undefined) process.env.VR_INBOX_KEY = saved;
    }
    expect(out.join('\n')).toMatch(/KHÔNG được mã hoá và KHÔNG được niêm phong.*NOT encrypted and NOT sealed/s);
    const forged = path.join(root, 'unkeyed-forged.tar');
    await plantAdmin(unkeyed, forged, root, null);
    const into = path.join(root, 'unkeyed-into');
    await expect(restoreSqliteInbox(into, forged, { key })).rejects.toThrow(/không được khoá.*--allow-unkeyed/s);
    expect(fs.existsSync(into)).toBe(false);
    process.env.VR_INBOX_KEY = key.toString('hex');
    const lines: string[] = [];
    try {
      await inboxRestore({ data: into, allowUnkeyed: true }, forged, (l) => lines.push(l));
    } finally {
      if (saved !== undefined) process.env.VR_INBOX_KEY = saved;
      else delete process.env.VR_INBOX_KEY;
    }
    expect(lines[0]).toMatch(/không được niêm phong.*not sealed.*administrator accounts/);
  });
});
