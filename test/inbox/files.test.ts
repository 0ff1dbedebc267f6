import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decrypt, encrypt, isEncrypted } from '../../src/inbox/crypto';
import { DiskFileStore } from '../../src/inbox/files';

describe('AES-256-GCM at rest', () => {
  const key = randomBytes(32);
  test('round-trips, with a fresh IV each time', () => {
    const plain = Buffer.from('PK\u0003\u0004 Nguyễn Thị Hoa 001234567890');
    const a = encrypt(plain, key);
    const b = encrypt(plain, key);
    expect(isEncrypted(a)).toBe(true);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('Nguyễn'))).toBe(false);
    expect(decrypt(a, key).equals(plain)).toBe(true);
  });
  test('a wrong key or a flipped byte fails loudly, never returns garbage', () => {
    const sealed = encrypt(Buffer.from('secret'), key);
    expect(() => decrypt(sealed, randomBytes(32))).toThrow(/VR_INBOX_KEY/);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => decrypt(tampered, key)).toThrow(/altered/);
    expect(() => decrypt(sealed, null)).toThrow(/VR_INBOX_KEY/);
  });
});

describe('DiskFileStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('stores encrypted when a key is set and reads the original bytes back', async () => {
    const files = new DiskFileStore(dir, randomBytes(32));
    await files.init();
    const bytes = randomBytes(5000);
    const key = await files.put(bytes);
    const onDisk = fs.readFileSync(path.join(dir, 'files', key));
    expect(isEncrypted(onDisk)).toBe(true);
    expect((await files.read(key)).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'files', 'tmp'))).toEqual([]);
  });

  test('stores plain bytes without a key', async () => {
    const files = new DiskFileStore(dir, null);
    await files.init();
    const key = await files.put(Buffer.from('hello'));
    expect(fs.readFileSync(path.join(dir, 'files', key), 'utf8')).toBe('hello');
  });

  test('removes orphans and leftover temp files, keeps referenced files', async () => {
    const files = new DiskFileStore(dir, null);
    await files.init();
    const kept = await files.put(Buffer.from('kept'));
    const orphan = await files.put(Buffer.from('orphan'));
    fs.writeFileSync(path.join(dir, 'files', 'tmp', 'half-written.tmp'), 'par');
    expect(await files.removeOrphans(new Set([kept]))).toBe(2);
    expect((await files.read(kept)).toString()).toBe('kept');
    await expect(files.read(orphan)).rejects.toThrow();
  });

  test('refuses keys that would leave the files folder', async () => {
    const files = new DiskFileStore(dir, null);
    await expect(files.read('../../etc/passwd')).rejects.toThrow(/invalid file key/);
  });
});
