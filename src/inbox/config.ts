import os from 'node:os';
import path from 'node:path';
import { UserError } from '../domain/errors';
import type { Profile } from '../domain/schema/profile';
import { PROFILES } from '../profiles';

/** Inbox settings: everything from flags or environment, parsed once at the edge. */
export interface InboxConfig {
  /** Folder holding `inbox.sqlite` (unless PostgreSQL) and `files/`. */
  dataDir: string;
  port: number;
  host: string;
  /** PostgreSQL connection string; null → SQLite in dataDir. */
  databaseUrl: string | null;
  /** 32-byte AES-256-GCM key for files at rest; null → stored as sent. */
  encryptionKey: Buffer | null;
  /** Largest accepted upload in bytes (413 above it). */
  maxUploadBytes: number;
  /** Staff session lifetime. */
  sessionTtlMs: number;
  /** Fastify logger on/off (tests keep it quiet). */
  logger: boolean;
  /** Plan profiles the inbox knows (default: the shipped PROFILES; the load benchmark adds a
   *  bench-only profile with 50 units). */
  profiles: readonly Profile[];
  /** Register the staff and upload pages and the downloads (routes/web.ts). Off in API-only tests: its static-file
   *  plugin pulls an ESM-only module jest cannot load. */
  web: boolean;
  /** Worker threads that read and check uploads (0 = on the event loop). */
  judgeWorkers: number;
  /** Time limit on checking one upload on a worker (`VR_INBOX_CHECK_TIMEOUT_MS`, default 30 s):
   *  past it the upload is refused and the worker replaced. */
  checkTimeoutMs: number;
  /** Worker threads that read stored workbooks for consolidation, trends and exports
   *  (readPool.ts; `VR_INBOX_READ_WORKERS`, default 1; 0 = on the event loop), the reads that
   *  may wait (`VR_INBOX_READ_QUEUE`, default 8), the time limit on one workbook
   *  (`VR_INBOX_READ_TIMEOUT_MS`, default 20 s) and each worker's heap (`VR_INBOX_READ_HEAP_MB`, default 512). */
  readers: import('./readPool').ReadPoolOptions;
  /** Versions one unit may store for one quarter (`VR_INBOX_MAX_VERSIONS`, default 20). */
  maxVersionsPerQuarter: number;
  /** Bytes one unit may store in all its versions (`VR_INBOX_UNIT_QUOTA_MB`, default 200 MB). */
  unitQuotaBytes: number;
  /** Open connections one client address may hold (`VR_INBOX_MAX_CONN_PER_IP`, default 50;
   *  0 = no cap, e.g. when every connection comes from a reverse proxy that caps them). */
  maxConnectionsPerAddress: number;
  /** Open connections in all (`VR_INBOX_MAX_CONNECTIONS`, default 4,096: below the usual
   *  limit of open files, so the process can still open its database and workbooks). */
  maxConnections: number;
  /** Time a client has to send a request's headers, also a new idle connection's life
   *  (`VR_INBOX_HEADERS_TIMEOUT_MS`, default 10 s). */
  headersTimeoutMs: number;
  /** Longest pause while an upload's body arrives (`VR_INBOX_BODY_TIMEOUT_MS`, default 15 s):
   *  a stalled upload is answered 408 and its memory freed. */
  bodyIdleTimeoutMs: number;
  /** Bytes all uploads in progress may hold together (`VR_INBOX_UPLOAD_BUDGET_MB`, default 8 ×
   *  the upload limit): past it a new upload gets 503 with Retry-After before its body is read. */
  uploadBudgetBytes: number;
  /** Uploads one unit may have in progress at once (`VR_INBOX_UPLOADS_PER_UNIT`, default 2). */
  uploadsPerUnit: number;
  /** PostgreSQL: how often workbooks without a row (a process killed mid-upload) are swept
   *  (`VR_INBOX_ORPHAN_SWEEP_MS`, default 10 minutes). */
  orphanSweepMs: number;
  /** Age a workbook without a row must reach before it is swept (default 600 s): an upload in
   *  progress on another process has committed its row long before. */
  orphanGraceSeconds: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits and
   *  the audit log need the real client, not the proxy). */
  trustProxy: boolean;
  /** Mark the session cookie Secure (set when served over HTTPS behind a proxy). */
  secureCookies: boolean;
  /** The least k of an HTCDS file from this inbox (`VR_INBOX_MIN_K`): 11, or higher when the
   *  administrator sets it; staff may ask for more, never for less (docs/htcds.md). */
  minK: number;
}

export const DEFAULT_PORT = 8787;

/** One judge per core, at most 4: the checks are CPU-bound. */
export function defaultJudgeWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 4));
}
/** A quarter's report is resubmitted a handful of times at most; 20 leaves room for a long
 *  back-and-forth with the province and stops a client that loops. */
export const DEFAULT_MAX_VERSIONS = 20;
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** A unit's workbooks are 0.1–2 MB; 200 MB is years of quarters with every resubmission. */
export const DEFAULT_UNIT_QUOTA_BYTES = 200 * 1024 * 1024;

/** Parses VR_INBOX_KEY: 64 hex chars or base64 of exactly 32 bytes. */
export function parseKey(raw: string | undefined): Buffer | null {
  if (raw === undefined || raw.trim() === '') return null;
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new UserError(
      'bad_argument',
      'VR_INBOX_KEY phải là khoá 32 byte (64 ký tự hex hoặc base64). Tạo bằng: openssl rand -hex 32',
      'VR_INBOX_KEY must be a 32-byte key (64 hex characters or base64). Create one with: openssl rand -hex 32',
    );
  }
  return key;
}

/** The HTCDS floor on k: never below 11 (CTDC's k); an administrator may raise it. */
export function parseMinK(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 11;
  const k = Number(raw.trim());
  if (!Number.isInteger(k) || k < 11 || k > 1000) {
    throw new UserError(
      'bad_argument',
      `VR_INBOX_MIN_K phải là số nguyên từ 11 đến 1000 (đã đặt "${raw}"): chỉ được nâng mức k tối thiểu, không được hạ dưới 11.`,
      `VR_INBOX_MIN_K must be an integer from 11 to 1000 (set to "${raw}"): the floor on k may only be raised, never below 11.`,
    );
  }
  return k;
}

/** A positive number from an environment variable, else undefined. */
function positive(raw: string | undefined): number | undefined {
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Megabytes from an environment variable, in bytes. */
function mb(raw: string | undefined): number | undefined {
  const n = positive(raw);
  return n === undefined ? undefined : Math.round(n * 1024 * 1024);
}

export function loadConfig(
  options: Partial<Omit<InboxConfig, 'dataDir' | 'readers'>> & { dataDir: string; readers?: Partial<import('./readPool').ReadPoolOptions> },
  env: NodeJS.ProcessEnv = process.env,
): InboxConfig {
  const limitEnv = env.VR_INBOX_MAX_BYTES ? Number(env.VR_INBOX_MAX_BYTES) : undefined;
  return {
    dataDir: path.resolve(options.dataDir),
    port: options.port ?? (env.PORT ? Number(env.PORT) : DEFAULT_PORT),
    host: options.host ?? '127.0.0.1',
    databaseUrl: options.databaseUrl !== undefined ? options.databaseUrl : env.DATABASE_URL || null,
    encryptionKey: options.encryptionKey !== undefined ? options.encryptionKey : parseKey(env.VR_INBOX_KEY),
    maxUploadBytes: options.maxUploadBytes ?? (limitEnv && limitEnv > 0 ? limitEnv : DEFAULT_MAX_UPLOAD_BYTES),
    sessionTtlMs: options.sessionTtlMs ?? 8 * 60 * 60 * 1000,
    logger: options.logger ?? false,
    profiles: options.profiles ?? PROFILES,
    web: options.web ?? true,
    judgeWorkers: options.judgeWorkers ?? (env.VR_INBOX_WORKERS ? Number(env.VR_INBOX_WORKERS) : defaultJudgeWorkers()),
    checkTimeoutMs: options.checkTimeoutMs ?? positive(env.VR_INBOX_CHECK_TIMEOUT_MS) ?? 30_000,
    readers: {
      size: options.readers?.size ?? (env.VR_INBOX_READ_WORKERS === '0' ? 0 : positive(env.VR_INBOX_READ_WORKERS) ?? 1),
      maxQueue: options.readers?.maxQueue ?? positive(env.VR_INBOX_READ_QUEUE) ?? 8,
      timeoutMs: options.readers?.timeoutMs ?? positive(env.VR_INBOX_READ_TIMEOUT_MS) ?? 20_000,
      heapMb: options.readers?.heapMb ?? positive(env.VR_INBOX_READ_HEAP_MB) ?? 512,
      delayMs: options.readers?.delayMs,
    },
    maxVersionsPerQuarter: options.maxVersionsPerQuarter ?? positive(env.VR_INBOX_MAX_VERSIONS) ?? DEFAULT_MAX_VERSIONS,
    unitQuotaBytes: options.unitQuotaBytes ?? mb(env.VR_INBOX_UNIT_QUOTA_MB) ?? DEFAULT_UNIT_QUOTA_BYTES,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? (env.VR_INBOX_MAX_CONN_PER_IP === '0' ? 0 : positive(env.VR_INBOX_MAX_CONN_PER_IP) ?? 50),
    maxConnections: options.maxConnections ?? positive(env.VR_INBOX_MAX_CONNECTIONS) ?? 4096,
    headersTimeoutMs: options.headersTimeoutMs ?? positive(env.VR_INBOX_HEADERS_TIMEOUT_MS) ?? 10_000,
    bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? positive(env.VR_INBOX_BODY_TIMEOUT_MS) ?? 15_000,
    uploadBudgetBytes: options.uploadBudgetBytes ?? mb(env.VR_INBOX_UPLOAD_BUDGET_MB) ?? 8 * (options.maxUploadBytes ?? (limitEnv && limitEnv > 0 ? limitEnv : DEFAULT_MAX_UPLOAD_BYTES)),
    uploadsPerUnit: options.uploadsPerUnit ?? positive(env.VR_INBOX_UPLOADS_PER_UNIT) ?? 2,
    orphanSweepMs: options.orphanSweepMs ?? positive(env.VR_INBOX_ORPHAN_SWEEP_MS) ?? 10 * 60_000,
    orphanGraceSeconds: options.orphanGraceSeconds ?? 600,
    secureCookies: options.secureCookies ?? env.VR_INBOX_SECURE_COOKIES === '1',
    trustProxy: options.trustProxy ?? env.VR_INBOX_TRUST_PROXY === '1',
    minK: options.minK ?? parseMinK(env.VR_INBOX_MIN_K),
  };
}

export function profileOf(config: Pick<InboxConfig, 'profiles'>, id: string): Profile | undefined {
  return config.profiles.find((p) => p.id === id);
}
