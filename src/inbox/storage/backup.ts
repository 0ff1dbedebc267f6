import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import tar from 'tar-stream';
import { UserError } from '../../domain/errors';
import { decrypt, isEncrypted } from '../crypto';
import { SQLITE_FILE } from './sqlite';

/**
 * Backup and restore of a SQLite inbox (the PostgreSQL procedure is pg_dump/pg_restore, see
 * docs/operations.md). One tar archive: `inbox.sqlite` (an online, consistent copy taken with
 * SQLite's backup API while the inbox runs), `files/<key>` for every workbook a row of that copy
 * names (as stored: encrypted when the inbox has a key), and last `manifest.json` with every
 * entry's SHA-256. Files are never changed once stored and a referenced file is never removed,
 * so the copy and its files agree even while uploads run; newer uploads are simply not in it.
 */
export const MANIFEST = 'manifest.json';
const FORMAT = 'vr-inbox-backup';
const FILE_ENTRY = /^files\/([0-9a-f]{2}\/[0-9a-f-]{36}\.bin)$/;

export interface ManifestEntry {
  name: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof FORMAT;
  version: 1;
  created_at: string;
  submissions: number;
  entries: ManifestEntry[];
}

export interface BackupResult {
  file: string;
  submissions: number;
  files: number;
  bytes: number;
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function addEntry(pack: tar.Pack, name: string, data: Buffer, mtime: Date): Promise<void> {
  // Awaiting each entry keeps memory flat: the pack waits until the archive file takes the bytes.
  return new Promise((resolve, reject) => {
    pack.entry({ name, size: data.length, mode: 0o600, mtime, type: 'file' }, data, (error) => (error ? reject(error) : resolve()));
  });
}

async function fsyncPath(p: string): Promise<void> {
  const handle = await fsp.open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** `vr inbox backup`: writes OUT.partial, fsyncs, renames to OUT (never half an archive as OUT). */
export async function backupSqliteInbox(dataDir: string, outFile: string): Promise<BackupResult> {
  const dbPath = path.join(dataDir, SQLITE_FILE);
  if (!fs.existsSync(dbPath)) {
    throw new UserError(
      'file_missing',
      `Không thấy cơ sở dữ liệu hộp thư ${dbPath}. Kiểm tra --data (hộp thư dùng PostgreSQL thì sao lưu bằng pg_dump, xem docs/operations.md).`,
      `No inbox database at ${dbPath}. Check --data (an inbox on PostgreSQL is backed up with pg_dump, see docs/operations.md).`,
    );
  }
  const out = path.resolve(outFile);
  if (fs.existsSync(out)) {
    throw new UserError('output_exists', `Tệp ${out} đã có; chọn tên khác.`, `${out} already exists; choose another name.`);
  }
  const partial = `${out}.${randomUUID().slice(0, 8)}.partial`;
  const snapshot = `${partial}.sqlite`;
  try {
    // One step copies every page under one read transaction: a consistent point in time (WAL
    // lets the running inbox keep writing meanwhile).
    const live = new Database(dbPath, { fileMustExist: true });
    try {
      await live.backup(snapshot, { progress: () => 0x7fffffff });
    } finally {
      live.close();
    }
    const copy = new Database(snapshot, { fileMustExist: true });
    let keys: string[];
    try {
      copy.pragma('journal_mode = DELETE');
      keys = (copy.prepare('SELECT file_key FROM submissions ORDER BY file_key').all() as { file_key: string }[]).map((r) => r.file_key);
    } finally {
      copy.close();
    }
    const pack = tar.pack();
    const written = pipeline(pack, fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    written.catch(() => undefined); // awaited below
    const mtime = new Date();
    const entries: ManifestEntry[] = [];
    const add = async (name: string, data: Buffer): Promise<void> => {
      entries.push({ name, size: data.length, sha256: sha(data) });
      await addEntry(pack, name, data, mtime);
    };
    try {
      await add(SQLITE_FILE, await fsp.readFile(snapshot));
      for (const key of keys) await add(`files/${key}`, await fsp.readFile(path.join(dataDir, 'files', key)));
      const manifest: BackupManifest = { format: FORMAT, version: 1, created_at: mtime.toISOString(), submissions: keys.length, entries };
      await addEntry(pack, MANIFEST, Buffer.from(JSON.stringify(manifest, null, 1)), mtime);
      pack.finalize();
    } catch (error) {
      pack.destroy(error as Error);
      await written.catch(() => undefined);
      throw error;
    }
    await written;
    await fsyncPath(partial);
    await fsp.rename(partial, out);
    await fsyncPath(path.dirname(out));
    return { file: out, submissions: keys.length, files: keys.length, bytes: (await fsp.stat(out)).size };
  } finally {
    await fsp.rm(partial, { force: true });
    await fsp.rm(snapshot, { force: true });
  }
}

export interface RestoreResult {
  submissions: number;
  files: number;
  /** Workbooks whose original bytes were checked against their receipt's SHA-256 (needs the key
   *  for encrypted files; without it only the archive's own hashes are checked). */
  receiptsVerified: number;
  /** Where the folder that was there before went (restore with --force). */
  movedAside: string | null;
}

const damaged = (file: string, what: string, whatEn: string): UserError =>
  new UserError(
    'corrupt',
    `Bản sao lưu ${file} hỏng hoặc không đúng định dạng (${what}); không khôi phục gì.`,
    `The backup ${file} is damaged or not an inbox backup (${whatEn}); nothing was restored.`,
  );

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/** Extracts into a sibling folder, hashing every entry; refuses anything but the expected names. */
async function extractArchive(archive: string, into: string): Promise<{ hashes: Map<string, ManifestEntry>; manifest: Buffer | null }> {
  const hashes = new Map<string, ManifestEntry>();
  let manifest: Buffer | null = null;
  const extract = tar.extract();
  const reading = pipeline(fs.createReadStream(archive), extract);
  reading.catch(() => undefined); // awaited below; the loop may throw first
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      const known = name === SQLITE_FILE || name === MANIFEST || FILE_ENTRY.test(name);
      if (entry.header.type !== 'file' || !known || hashes.has(name) || name === MANIFEST && manifest) {
        throw damaged(archive, `mục lạ "${name.slice(0, 80)}"`, `unexpected entry "${name.slice(0, 80)}"`);
      }
      if (name === MANIFEST) {
        const parts: Buffer[] = [];
        for await (const chunk of entry) parts.push(chunk as Buffer);
        manifest = Buffer.concat(parts);
        continue;
      }
      const target = path.join(into, name);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const handle = await fsp.open(target, 'wx', 0o600);
      try {
        for await (const chunk of entry) {
          hash.update(chunk as Buffer);
          size += (chunk as Buffer).length;
          await handle.write(chunk as Buffer);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      hashes.set(name, { name, size, sha256: hash.digest('hex') });
    }
    await reading;
  } catch (error) {
    extract.destroy();
    await reading.catch(() => undefined);
    if (error instanceof UserError) throw error;
    throw damaged(archive, (error as Error).message, (error as Error).message);
  }
  return { hashes, manifest };
}

function parseManifest(archive: string, raw: Buffer | null): BackupManifest {
  if (!raw) throw damaged(archive, 'thiếu manifest.json, có thể tệp bị cắt cụt', 'no manifest.json, the file may be truncated');
  try {
    const m = JSON.parse(raw.toString('utf8')) as BackupManifest;
    if (m.format === FORMAT && m.version === 1 && Array.isArray(m.entries)) return m;
  } catch {
    // falls through to the error below
  }
  throw damaged(archive, 'manifest.json không đọc được', 'unreadable manifest.json');
}

/**
 * `vr inbox restore`: refuses a non-empty data folder unless `force` (then the old folder is
 * moved aside, never deleted). Everything is extracted and checked in a sibling folder first;
 * only a complete, verified copy is renamed into place.
 */
export async function restoreSqliteInbox(
  dataDir: string,
  archive: string,
  opts: { force?: boolean; key?: Buffer | null } = {},
): Promise<RestoreResult> {
  const target = path.resolve(dataDir);
  const file = path.resolve(archive);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new UserError('file_missing', `Không thấy tệp sao lưu ${file}.`, `No backup file at ${file}.`);
  }
  if (!isEmptyDir(target) && !opts.force) {
    throw new UserError(
      'output_exists',
      `Thư mục dữ liệu ${target} không trống: không ghi đè. Dừng hộp thư rồi thêm --force (thư mục cũ được đổi tên để giữ lại, không bị xoá).`,
      `The data folder ${target} is not empty: not overwritten. Stop the inbox, then add --force (the old folder is renamed and kept, not deleted).`,
    );
  }
  const parent = path.dirname(target);
  await fsp.mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.restore-${randomUUID().slice(0, 8)}`);
  await fsp.mkdir(staging, { mode: 0o700 });
  try {
    const { hashes, manifest: raw } = await extractArchive(file, staging);
    const manifest = parseManifest(file, raw);
    const listed = new Map(manifest.entries.map((e) => [e.name, e]));
    for (const [name, got] of hashes) {
      const want = listed.get(name);
      if (!want || want.sha256 !== got.sha256 || want.size !== got.size) {
        throw damaged(file, `${name} không khớp SHA-256 trong manifest`, `${name} does not match its SHA-256 in the manifest`);
      }
    }
    const absent = [...listed.keys()].filter((name) => !hashes.has(name));
    if (absent.length > 0 || !hashes.has(SQLITE_FILE)) {
      throw damaged(file, `thiếu ${absent[0] ?? SQLITE_FILE}`, `missing ${absent[0] ?? SQLITE_FILE}`);
    }
    const verified = verifyRestored(file, staging, opts.key ?? null);
    let movedAside: string | null = null;
    if (fs.existsSync(target)) {
      if (isEmptyDir(target)) await fsp.rmdir(target);
      else {
        movedAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await fsp.rename(target, movedAside);
      }
    }
    await fsp.mkdir(path.join(staging, 'files', 'tmp'), { recursive: true });
    await fsp.rename(staging, target);
    await fsyncPath(parent);
    return { submissions: verified.rows, files: hashes.size - 1, receiptsVerified: verified.receipts, movedAside };
  } catch (error) {
    await fsp.rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** The restored database is sound, every row's workbook is there, and (with the key, or when
 *  stored unencrypted) each workbook's bytes still hash to its receipt. */
function verifyRestored(archive: string, dir: string, key: Buffer | null): { rows: number; receipts: number } {
  const db = new Database(path.join(dir, SQLITE_FILE), { fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw damaged(archive, `cơ sở dữ liệu: ${String(check)}`, `database: ${String(check)}`);
    const rows = db.prepare('SELECT file_key, sha256 FROM submissions').all() as { file_key: string; sha256: string }[];
    let receipts = 0;
    for (const row of rows) {
      const stored = path.join(dir, 'files', row.file_key);
      if (!fs.existsSync(stored)) throw damaged(archive, `thiếu tệp của bản nộp ${row.file_key}`, `no workbook for ${row.file_key}`);
      const bytes = fs.readFileSync(stored);
      // Encrypted and no key here: the archive's own SHA-256s were checked. A wrong key refuses.
      if (isEncrypted(bytes) && !key) continue;
      if (sha(decrypt(bytes, key)) !== row.sha256) {
        throw damaged(archive, `tệp ${row.file_key} không khớp SHA-256 của biên nhận`, `${row.file_key} does not match its receipt's SHA-256`);
      }
      receipts += 1;
    }
    return { rows: rows.length, receipts };
  } finally {
    db.close();
  }
}
