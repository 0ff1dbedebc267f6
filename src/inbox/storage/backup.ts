import { createHash, createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import tar from 'tar-stream';
import { UserError } from '../../domain/errors';
import { decrypt, encrypt, isEncrypted } from '../crypto';
import { SQLITE_FILE } from './sqlite';

/**
 * Backup and restore of a SQLite inbox (the PostgreSQL procedure is pg_dump/pg_restore, see
 * docs/operations.md). One tar archive: `inbox.sqlite` (an online, consistent copy taken with
 * SQLite's backup API while the inbox runs), `files/<key>` for every workbook a row of that copy
 * names (as stored: encrypted when the inbox has a key), and last `manifest.json` with every
 * entry's SHA-256 (sealed and the database encrypted when VR_INBOX_KEY is set, see
 * `backupKeys`). Files are never changed once stored and a referenced file is never removed,
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
  /** 1: unkeyed (older backups); 2: `keyed` says whether `mac` and encryption are there. */
  version: 1 | 2;
  created_at: string;
  submissions: number;
  /** Made with VR_INBOX_KEY: the database is encrypted and `mac` seals this manifest. */
  keyed?: boolean;
  entries: ManifestEntry[];
  /** HMAC-SHA-256 (hex) of the manifest without it, under a key derived from VR_INBOX_KEY. */
  mac?: string | null;
}

/**
 * With VR_INBOX_KEY a backup is sealed and private (issue 20, red team 4: an admin row added to
 * the backed-up database, the SHA-256 values recomputed, restored and signed in):
 * - the manifest carries an HMAC under a key derived from VR_INBOX_KEY, so entries whose hashes
 *   were recomputed no longer match it, and restore refuses;
 * - the database (password hashes, addresses in the audit log, return reasons, file names) is
 *   AES-256-GCM encrypted under another derived key; workbooks stored before the key was set
 *   are encrypted under the inbox key as they go in, so none is in clear in the archive.
 * Without a key nothing can be sealed: whoever can write the archive can change it unseen.
 */
function backupKeys(key: Buffer): { enc: Buffer; mac: Buffer } {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
  return { enc: derive('vn-ctt-registry backup database v1'), mac: derive('vn-ctt-registry backup manifest v1') };
}

/** The exact text the MAC covers: every field but `mac`, in a fixed order. */
function macText(m: BackupManifest): string {
  return JSON.stringify({
    format: m.format,
    version: m.version,
    created_at: m.created_at,
    submissions: m.submissions,
    keyed: m.keyed === true,
    entries: m.entries.map((e) => ({ name: e.name, size: e.size, sha256: e.sha256 })),
  });
}

function macOf(m: BackupManifest, macKey: Buffer): string {
  return createHmac('sha256', macKey).update(macText(m)).digest('hex');
}

export interface BackupResult {
  file: string;
  submissions: number;
  files: number;
  bytes: number;
  /** Sealed and encrypted with VR_INBOX_KEY. */
  keyed: boolean;
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
export async function backupSqliteInbox(dataDir: string, outFile: string, opts: { key?: Buffer | null } = {}): Promise<BackupResult> {
  const key = opts.key ?? null;
  const keys = key ? backupKeys(key) : null;
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
    let fileKeys: string[];
    try {
      copy.pragma('journal_mode = DELETE');
      fileKeys = (copy.prepare('SELECT file_key FROM submissions ORDER BY file_key').all() as { file_key: string }[]).map((r) => r.file_key);
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
      const db = await fsp.readFile(snapshot);
      await add(SQLITE_FILE, keys ? encrypt(db, keys.enc) : db);
      for (const fileKey of fileKeys) {
        const stored = await fsp.readFile(path.join(dataDir, 'files', fileKey));
        await add(`files/${fileKey}`, key && !isEncrypted(stored) ? encrypt(stored, key) : stored);
      }
      const manifest: BackupManifest = { format: FORMAT, version: 2, created_at: mtime.toISOString(), submissions: fileKeys.length, keyed: keys !== null, entries };
      manifest.mac = keys ? macOf(manifest, keys.mac) : null;
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
    return { file: out, submissions: fileKeys.length, files: fileKeys.length, bytes: (await fsp.stat(out)).size, keyed: keys !== null };
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
  /** The backup was sealed with the inbox key (and its seal verified). */
  keyed: boolean;
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
    if (m.format === FORMAT && (m.version === 1 || m.version === 2) && Array.isArray(m.entries)) return m;
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
  opts: { force?: boolean; key?: Buffer | null; allowUnkeyed?: boolean } = {},
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
    const key = opts.key ?? null;
    const keyed = manifest.version === 2 && manifest.keyed === true;
    if (keyed) {
      if (!key) {
        throw new UserError(
          'encrypted',
          `Bản sao lưu ${file} được khoá và mã hoá bằng VR_INBOX_KEY: đặt đúng khoá đó rồi chạy lại; không khôi phục gì.`,
          `The backup ${file} is sealed and encrypted with VR_INBOX_KEY: set that key and run again; nothing was restored.`,
        );
      }
      const want = Buffer.from(macOf(manifest, backupKeys(key).mac), 'hex');
      const got = Buffer.from(typeof manifest.mac === 'string' ? manifest.mac : '', 'hex');
      if (got.length !== want.length || !timingSafeEqual(got, want)) {
        throw damaged(file, 'dấu niêm phong (HMAC) không khớp: bản sao lưu đã bị sửa, hoặc VR_INBOX_KEY không phải khoá đã dùng khi sao lưu', 'its seal (HMAC) does not match: the backup was altered, or VR_INBOX_KEY is not the key it was made with');
      }
    } else if (key && !opts.allowUnkeyed) {
      throw new UserError(
        'bad_argument',
        `Bản sao lưu ${file} không được khoá (tạo khi chưa có VR_INBOX_KEY): ai ghi được tệp này đều có thể đã sửa nó mà không ai biết, ví dụ thêm một tài khoản quản trị. Hộp thư này có khoá nên không khôi phục; chỉ khi chắc chắn tệp chưa qua tay ai, thêm --allow-unkeyed.`,
        `The backup ${file} is not sealed (made without VR_INBOX_KEY): anyone who could write it may have changed it unseen, e.g. added an administrator account. This inbox has a key, so it was not restored; only if you are sure no one else handled the file, add --allow-unkeyed.`,
      );
    }
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
    if (keyed) {
      const dbPath = path.join(staging, SQLITE_FILE);
      let plain: Buffer;
      try {
        const sealed = await fsp.readFile(dbPath);
        // A sealed backup's database is always encrypted: a plain one was put in by someone.
        if (!isEncrypted(sealed)) throw new Error('not encrypted');
        plain = decrypt(sealed, backupKeys(key!).enc);
      } catch {
        throw damaged(file, 'không giải mã được cơ sở dữ liệu', 'the database cannot be decrypted');
      }
      await fsp.writeFile(dbPath, plain, { mode: 0o600 });
    }
    const verified = verifyRestored(file, staging, key);
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
    return { submissions: verified.rows, files: hashes.size - 1, receiptsVerified: verified.receipts, movedAside, keyed };
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
