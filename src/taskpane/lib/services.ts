/**
 * What the pane needs besides the workbook: the clock, the unit token store, the inbox client
 * and the send queue. Injected so tests and the preview swap any of them.
 */
import type { SubmissionsState, Uploader } from './inboxClient';
import { SubmitQueue, indexedDbQueueStore, localStorageQueueStore, memoryQueueStore, type QueueStore } from './submitQueue';

/** Unit tokens stay on this computer (localStorage), never in the workbook that is sent. */
export interface TokenStore {
  get(unitCode: string): string | null;
  set(unitCode: string, token: string): void;
}

export interface Services {
  now: () => Date;
  tokens: TokenStore;
  upload: Uploader;
  fetchSubmissions: (inboxUrl: string, token: string, year: number, quarter: number) => Promise<SubmissionsState | null>;
  queue: SubmitQueue;
}

export function storageTokens(storage: Storage | null): TokenStore {
  const memory = new Map<string, string>();
  return {
    get: (unit) => (storage ? storage.getItem(`vr.token.${unit}`) : (memory.get(unit) ?? null)),
    set: (unit, token) => (storage ? storage.setItem(`vr.token.${unit}`, token) : void memory.set(unit, token)),
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

/** The inbox client (its answers checked against the inbox's schemas, zod) loads on first use,
 *  not with the pane's first screen. */
const inboxClient = () => import(/* webpackChunkName: "inbox-client" */ './inboxClient');
const lazyUpload: Uploader = async (req) => (await inboxClient()).xhrUploader(req);
const lazyFetchSubmissions: Services['fetchSubmissions'] = async (...args) => (await inboxClient()).fetchSubmissions(...args);

export function browserServices(overrides: Partial<Services> = {}): Services {
  const storage = safeLocalStorage();
  const tokens = overrides.tokens ?? storageTokens(storage);
  const upload = overrides.upload ?? lazyUpload;
  let store: QueueStore;
  if (typeof indexedDB !== 'undefined') store = indexedDbQueueStore(indexedDB);
  else if (storage) store = localStorageQueueStore(storage);
  else store = memoryQueueStore();
  const now = overrides.now ?? (() => new Date());
  return {
    now,
    tokens,
    upload,
    fetchSubmissions: overrides.fetchSubmissions ?? lazyFetchSubmissions,
    queue: overrides.queue ?? new SubmitQueue(store, upload, (unit) => tokens.get(unit), () => now().getTime()),
  };
}
