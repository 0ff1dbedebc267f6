import path from 'node:path';
import type { InboxConfig } from '../config';
import { DiskFileStore } from '../files';
import { PgFileStore } from './pgFiles';
import { PostgresStore } from './postgres';
import { SQLITE_FILE, SqliteStore } from './sqlite';
import type { FileStore, Store } from './types';

/** PostgreSQL when DATABASE_URL is set, else SQLite in the data dir; migrated before use. */
export async function openStore(config: Pick<InboxConfig, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  const store: Store = config.databaseUrl
    ? new PostgresStore(config.databaseUrl)
    : new SqliteStore(path.join(config.dataDir, SQLITE_FILE));
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

/**
 * Where the workbooks live: in PostgreSQL beside the rows when the store is PostgreSQL (no data
 * folder shared between inbox processes), else DATA/files on disk. Leftovers of a crash (bytes
 * no row names) are removed; an upgraded PostgreSQL inbox copies its old on-disk files in.
 */
export async function openFileStore(
  config: Pick<InboxConfig, 'dataDir' | 'encryptionKey'>,
  store: Store,
  warn: (message: string) => void = () => undefined,
): Promise<FileStore> {
  if (store instanceof PostgresStore) {
    const files = new PgFileStore(store.pool, config.encryptionKey);
    const { missing } = await files.importDiskFiles(config.dataDir);
    if (missing.length > 0) {
      warn(
        `${missing.length} bản nộp không có tệp trong cơ sở dữ liệu lẫn ${config.dataDir}/files / ` +
          `${missing.length} submissions have no stored workbook in the database nor in ${config.dataDir}/files`,
      );
    }
    await files.removeOrphans();
    return files;
  }
  const files = new DiskFileStore(config.dataDir, config.encryptionKey);
  await files.init();
  // A crash between "file durable" and "row committed" leaves a file no row names: remove it.
  await files.removeOrphans(await store.listFileKeys());
  return files;
}
