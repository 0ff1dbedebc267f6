import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { decrypt, encrypt } from './crypto';
import type { FileStore } from './storage/types';

const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f-]{36}\.bin$/;

/**
 * Submitted workbooks on disk, under DATA/files/<2 hex>/<uuid>.bin. A file is made durable
 * (temp → fsync → rename → fsync dir) before the caller commits the row naming it; a crash
 * in between leaves at worst an orphan file, which `removeOrphans` deletes at the next start.
 * Never a row without its file.
 */
export class DiskFileStore implements FileStore {
  private readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string, private readonly key: Buffer | null) {
    this.root = path.join(dataDir, 'files');
    this.tmp = path.join(this.root, 'tmp');
  }

  async init(): Promise<void> {
    await fs.mkdir(this.tmp, { recursive: true });
    await fsyncDir(this.root);
  }

  private pathOf(key: string): string {
    // Keys come from our own rows, but a key is never trusted to name a path outside root.
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid file key`);
    return path.join(this.root, key);
  }

  async put(bytes: Buffer): Promise<string> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}.bin`;
    const temp = path.join(this.tmp, `${id}.tmp`);
    const data = this.key ? encrypt(bytes, this.key) : bytes;
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const finalPath = this.pathOf(key);
    const dir = path.dirname(finalPath);
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.rename(temp, finalPath);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    await fsyncDir(dir);
    await fsyncDir(this.root);
    return key;
  }

  async read(key: string): Promise<Buffer> {
    return decrypt(await fs.readFile(this.pathOf(key)), this.key);
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async removeOrphans(referenced: Set<string>): Promise<number> {
    let removed = 0;
    for (const name of await fs.readdir(this.tmp).catch(() => [] as string[])) {
      await fs.rm(path.join(this.tmp, name), { force: true });
      removed += 1;
    }
    for (const sub of await fs.readdir(this.root)) {
      if (sub === 'tmp' || !/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const name of await fs.readdir(path.join(this.root, sub))) {
        if (!referenced.has(`${sub}/${name}`)) {
          await fs.rm(path.join(this.root, sub, name), { force: true });
          removed += 1;
        }
      }
    }
    return removed;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
