/**
 * Submissions that could not reach the inbox wait here, durably (IndexedDB in the pane; a
 * localStorage or memory store where IndexedDB is missing), and are retried with exponential
 * backoff. A pane closed mid-wait loses nothing: the next open resumes the queue. Only an
 * answer from the inbox (receipt, refusal, rejection) takes an item out of the queue.
 */
import type { UploadOutcome, Uploader } from './inboxClient';

export interface QueuedSubmission {
  id: string;
  inboxUrl: string;
  unitCode: string;
  year: number;
  quarter: number;
  filename: string;
  bytes: Uint8Array;
  attempts: number;
  /** Epoch ms of the next try. */
  nextAt: number;
  createdAt: number;
}

export interface QueueStore {
  list(): Promise<QueuedSubmission[]>;
  put(item: QueuedSubmission): Promise<void>;
  remove(id: string): Promise<void>;
}

export const BACKOFF_BASE_MS = 15_000;
export const BACKOFF_MAX_MS = 30 * 60_000;

/** 15 s, 30 s, 1 min, 2 min … capped at 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export function memoryQueueStore(): QueueStore {
  const items = new Map<string, QueuedSubmission>();
  return {
    list: async () => [...items.values()].map((i) => ({ ...i })),
    put: async (item) => void items.set(item.id, { ...item }),
    remove: async (id) => void items.delete(id),
  };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** localStorage store (about 5 MB per origin): the fallback when IndexedDB is unavailable. */
export function localStorageQueueStore(storage: Storage, key = 'vr.submitQueue'): QueueStore {
  type Stored = Omit<QueuedSubmission, 'bytes'> & { bytes: string };
  const read = (): Stored[] => {
    try {
      return JSON.parse(storage.getItem(key) ?? '[]') as Stored[];
    } catch {
      return [];
    }
  };
  const write = (items: Stored[]): void => storage.setItem(key, JSON.stringify(items));
  return {
    list: async () => read().map((s) => ({ ...s, bytes: fromBase64(s.bytes) })),
    put: async (item) => write([...read().filter((s) => s.id !== item.id), { ...item, bytes: toBase64(item.bytes) }]),
    remove: async (id) => write(read().filter((s) => s.id !== id)),
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function indexedDbQueueStore(factory: IDBFactory, dbName = 'vr-pane'): QueueStore {
  const open = (): Promise<IDBDatabase> =>
    new Promise((resolve, reject) => {
      const req = factory.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('queue', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const withStore = async <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    try {
      return await request(fn(db.transaction('queue', mode).objectStore('queue')));
    } finally {
      db.close();
    }
  };
  return {
    list: () => withStore('readonly', (s) => s.getAll() as IDBRequest<QueuedSubmission[]>),
    put: async (item) => void (await withStore('readwrite', (s) => s.put(item))),
    remove: async (id) => void (await withStore('readwrite', (s) => s.delete(id))),
  };
}

export interface QueueResult {
  item: QueuedSubmission;
  outcome: UploadOutcome;
}

export class SubmitQueue {
  constructor(
    private readonly store: QueueStore,
    private readonly upload: Uploader,
    private readonly tokenFor: (unitCode: string) => string | null,
    private readonly now: () => number = () => Date.now(),
  ) {}

  list(): Promise<QueuedSubmission[]> {
    return this.store.list();
  }

  async enqueue(item: Omit<QueuedSubmission, 'id' | 'attempts' | 'nextAt' | 'createdAt'>, attempts = 1): Promise<QueuedSubmission> {
    const queued: QueuedSubmission = {
      ...item,
      id: `${item.unitCode}-${item.year}-Q${item.quarter}-${this.now()}`,
      attempts,
      nextAt: this.now() + backoffMs(attempts),
      createdAt: this.now(),
    };
    await this.store.put(queued);
    return queued;
  }

  /** Tries every item that is due (all of them when `force`); returns the inbox's answers. */
  async processDue(force = false): Promise<QueueResult[]> {
    const results: QueueResult[] = [];
    for (const item of await this.store.list()) {
      if (!force && item.nextAt > this.now()) continue;
      const token = this.tokenFor(item.unitCode);
      if (!token) continue;
      const outcome = await this.upload({ inboxUrl: item.inboxUrl, token, bytes: item.bytes, filename: item.filename });
      if (outcome.kind === 'unreachable') {
        const attempts = item.attempts + 1;
        await this.store.put({ ...item, attempts, nextAt: this.now() + backoffMs(attempts) });
      } else {
        await this.store.remove(item.id);
      }
      results.push({ item, outcome });
    }
    return results;
  }

  /** Milliseconds until the next item is due, or null when the queue is empty. */
  async nextDueIn(): Promise<number | null> {
    const items = await this.store.list();
    if (items.length === 0) return null;
    return Math.max(0, Math.min(...items.map((i) => i.nextAt)) - this.now());
  }
}
