import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import { decrypt, encrypt } from '../crypto';
import type { FileStore } from './types';

/** Keys of workbooks stored in the database; disk keys look like `ab/<uuid>.bin`. */
const DB_KEY = /^db\/[0-9a-f-]{36}$/;
const DISK_KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}\.bin$/;

/**
 * An unreferenced blob younger than this may belong to an upload between "bytes committed" and
 * "row committed" on another inbox process: orphan cleanup leaves it alone.
 */
export const ORPHAN_GRACE_SECONDS = 600;

/**
 * Submitted workbooks in PostgreSQL (`submission_files`, bytea; AES-256-GCM as on disk when
 * VR_INBOX_KEY is set), so several inbox processes share nothing but the database. `put` is one
 * committed INSERT (durable once it returns); the version row that names the key is committed
 * after it, and a foreign key makes a row without its bytes impossible. A crash in between
 * leaves at worst an unreferenced blob, invisible to everyone and removed by `removeOrphans`.
 */
export class PgFileStore implements FileStore {
  constructor(
    private readonly pool: Pool,
    private readonly key: Buffer | null,
  ) {}

  async put(bytes: Buffer): Promise<string> {
    const key = `db/${randomUUID()}`;
    const data = this.key ? encrypt(bytes, this.key) : bytes;
    await this.pool.query('INSERT INTO submission_files (file_key, data) VALUES ($1, $2)', [key, data]);
    return key;
  }

  async read(key: string): Promise<Buffer> {
    if (!DB_KEY.test(key) && !DISK_KEY.test(key)) throw new Error('invalid file key');
    const rows = (await this.pool.query('SELECT data FROM submission_files WHERE file_key = $1', [key])).rows;
    if (!rows[0]) throw new Error(`stored workbook ${key} is missing from the database`);
    return decrypt(rows[0].data as Buffer, this.key);
  }

  async remove(key: string): Promise<void> {
    // Only an unreferenced blob goes: the foreign key would refuse the rest, this avoids the error.
    await this.pool.query(
      'DELETE FROM submission_files f WHERE f.file_key = $1 AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.file_key = f.file_key)',
      [key],
    );
  }

  /** The database knows what is referenced: `referenced` is not needed here. */
  async removeOrphans(_referenced?: Set<string>, graceSeconds = ORPHAN_GRACE_SECONDS): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM submission_files f
       WHERE f.created_at < now() - make_interval(secs => $1)
         AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.file_key = f.file_key)`,
      [graceSeconds],
    );
    return result.rowCount ?? 0;
  }

  /**
   * Upgrading an inbox that kept its PostgreSQL rows' workbooks on disk: copies each referenced
   * file from DATA/files into the database, bytes as stored (already encrypted or not). Returns
   * how many were copied and which keys still have no bytes anywhere.
   */
  async importDiskFiles(dataDir: string): Promise<{ imported: number; missing: string[] }> {
    const rows = (
      await this.pool.query(
        `SELECT s.file_key FROM submissions s LEFT JOIN submission_files f ON f.file_key = s.file_key
         WHERE f.file_key IS NULL ORDER BY s.file_key`,
      )
    ).rows as { file_key: string }[];
    let imported = 0;
    const missing: string[] = [];
    for (const { file_key: key } of rows) {
      if (!DISK_KEY.test(key)) {
        missing.push(key);
        continue;
      }
      const stored = await fs.readFile(path.join(dataDir, 'files', key)).catch(() => null);
      if (!stored) {
        missing.push(key);
        continue;
      }
      await this.pool.query('INSERT INTO submission_files (file_key, data) VALUES ($1, $2) ON CONFLICT (file_key) DO NOTHING', [key, stored]);
      imported += 1;
    }
    return { imported, missing };
  }
}
