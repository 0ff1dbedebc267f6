import path from 'node:path';
import type { InboxConfig } from '../config';
import { PostgresStore } from './postgres';
import { SQLITE_FILE, SqliteStore } from './sqlite';
import type { Store } from './types';

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
