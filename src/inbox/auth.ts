import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FailureRule, InboxContext, SessionRecord, StaffRole, StaffUser, UnitRecord } from './storage/types';

/** An HTTP failure a client can act on; the server answers `{error, message_vi, message_en}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message_vi: string,
    readonly message_en: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message_en);
    this.name = 'HttpError';
  }
}

export const SESSION_COOKIE = 'vr_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Unit tokens are 256 random bits, so a fast SHA-256 is a safe way to store them (no
 *  dictionary to attack); staff passwords are human-chosen, so they get argon2id. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hashPassword(password: string): Promise<string> {
  return argonHash(password);
}

// ---- Keyed hashes of what people typed -------------------------------------------------------

const hashKeys = new WeakMap<InboxContext, Promise<Buffer>>();

/**
 * The key for hashes of what a person typed (a user name in the sign-in form, an address): the
 * audit log and the failure counters keep only HMAC-SHA-256 under it, so a password typed into
 * the name field cannot be tested offline by whoever reads them. Derived from VR_INBOX_KEY when
 * the inbox has one (then not even a copy of the database holds it); otherwise a random secret
 * kept in the database, the same for every process of the inbox.
 */
export function typedHashKey(ctx: InboxContext): Promise<Buffer> {
  let key = hashKeys.get(ctx);
  if (!key) {
    const base = ctx.config.encryptionKey;
    key = base
      ? Promise.resolve(Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), 'vn-ctt-registry typed-text v1', 32)))
      : ctx.store.serverSecret('typed-text');
    key.catch(() => hashKeys.delete(ctx));
    hashKeys.set(ctx, key);
  }
  return key;
}

/** HMAC-SHA-256 (hex) of typed text under the inbox's key (see `typedHashKey`). */
export async function typedHash(ctx: InboxContext, text: string): Promise<string> {
  return createHmac('sha256', await typedHashKey(ctx)).update(text, 'utf8').digest('hex');
}

// ---- Slowing repeated failures -------------------------------------------------------------

const WINDOW_MS = 15 * 60_000;
const MAX_BLOCK_MS = 15 * 60_000;

/**
 * Failure counters, never a lock a stranger can set for someone else, kept in the database so
 * that every process of one inbox counts together (N processes behind a proxy do not give a
 * guesser N times the tries):
 * - staff: per (user name, address), 5 free tries, then slowed; per address, 100 free (one
 *   address spraying many names). Wrong passwords from address A never slow the account's
 *   owner at address B.
 * - units: per (token prefix, address), 10 free; per address, 50 free. Both only slow WRONG
 *   tokens: a valid token is looked up first and always works, so one misconfigured client
 *   behind an office's shared address cannot lock out the office's real submissions.
 * Past the free tries each failure blocks the key for 1 s, 2 s, 4 s … up to 15 minutes; a
 * blocked key gets 429 with Retry-After before any check runs.
 */
export const FAILURE_RULES: Record<'unit' | 'unitIp' | 'staff' | 'staffIp', FailureRule> = {
  unit: { free: 10, windowMs: WINDOW_MS, maxBlockMs: MAX_BLOCK_MS },
  unitIp: { free: 50, windowMs: WINDOW_MS, maxBlockMs: MAX_BLOCK_MS },
  staff: { free: 5, windowMs: WINDOW_MS, maxBlockMs: MAX_BLOCK_MS },
  staffIp: { free: 100, windowMs: WINDOW_MS, maxBlockMs: MAX_BLOCK_MS },
};

type Counter = [keyof typeof FAILURE_RULES, string];

/** The stored key of a counter: its kind and a keyed hash of what it counts. */
async function counterKey(ctx: InboxContext, [kind, value]: Counter): Promise<string> {
  return `${kind}:${(await typedHash(ctx, `${kind}\u0000${value}`)).slice(0, 40)}`;
}

let failuresSincePrune = 0;

/** Throws 429 when any of the counters is blocked. */
async function refuseWhileBlocked(ctx: InboxContext, counters: Counter[]): Promise<string[]> {
  const keys = await Promise.all(counters.map((c) => counterKey(ctx, c)));
  const wait = await ctx.store.authBlockedFor(keys, Date.now());
  if (wait > 0) throw tooMany(wait);
  return keys;
}

async function countFailure(ctx: InboxContext, counters: Counter[], keys: string[]): Promise<void> {
  const now = Date.now();
  for (const [i, [kind]] of counters.entries()) await ctx.store.recordAuthFailure(keys[i], now, FAILURE_RULES[kind]);
  if (++failuresSincePrune >= 500) {
    failuresSincePrune = 0;
    await ctx.store.pruneAuthFailures(now, WINDOW_MS).catch(() => 0);
  }
}

function tooMany(wait: number): HttpError {
  const seconds = Math.ceil(wait / 1000);
  return new HttpError(
    429,
    'too_many_failures',
    `Đăng nhập sai quá nhiều lần từ địa chỉ này. Hãy thử lại sau ${seconds} giây.`,
    `Too many failed attempts from this address. Try again in ${seconds} seconds.`,
    {},
    { 'retry-after': String(seconds) },
  );
}

// ---- Units -----------------------------------------------------------------------------------

const UNIT_AUTH_FAILED = (): HttpError =>
  new HttpError(
    401,
    'auth_failed',
    'Mã truy cập (token) của đơn vị không đúng hoặc đã bị thay. Hãy xin mã mới từ Sở.',
    "The unit's access token is wrong or was replaced. Ask the province for a new one.",
  );

/** Bearer token → the unit, or 401 (429 once wrong tokens keep coming from one address). A
 *  valid token is never refused for others' failures: it is 256 random bits, so the lookup
 *  itself (one SHA-256 and an indexed read) is the only thing a guesser gets. */
export async function requireUnit(req: FastifyRequest, ctx: InboxContext): Promise<UnitRecord> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+([A-Za-z0-9_\-+/=.]{16,200})\s*$/i.exec(header);
  const unit = match ? await ctx.store.getUnitByTokenHash(sha256Hex(match[1])) : null;
  if (unit) return unit;
  const counters: Counter[] = [
    ['unit', `${(match?.[1] ?? '').slice(0, 8)}|${req.ip}`],
    ['unitIp', req.ip],
  ];
  const keys = await refuseWhileBlocked(ctx, counters);
  await countFailure(ctx, counters, keys);
  throw UNIT_AUTH_FAILED();
}

// ---- Staff -----------------------------------------------------------------------------------

/** A hash to verify against when the user does not exist, so timing does not reveal names. */
let dummyHash: Promise<string> | null = null;

/** Checks username + password; 401 on failure (a deactivated account fails like a wrong
 *  password), 429 while this (user name, address) pair or this address keeps failing. */
export async function verifyStaffLogin(
  ctx: InboxContext,
  ip: string,
  username: string,
  password: string,
): Promise<StaffUser> {
  const counters: Counter[] = [
    ['staff', `${username.toLowerCase()}|${ip}`],
    ['staffIp', ip],
  ];
  const keys = await refuseWhileBlocked(ctx, counters);
  const user = await ctx.store.getStaffUser(username);
  dummyHash ??= argonHash(randomBytes(16).toString('hex'));
  const ok = user ? await argonVerify(user.password_hash, password) : (await argonVerify(await dummyHash, password), false);
  if (!user || !ok || !user.active) {
    await countFailure(ctx, counters, keys);
    throw new HttpError(401, 'auth_failed', 'Sai tên đăng nhập hoặc mật khẩu.', 'Wrong user name or password.');
  }
  await ctx.store.clearAuthFailures(keys[0]);
  return user;
}

/** Creates a server-side session and sets the httpOnly SameSite=Strict cookie. */
export async function startSession(ctx: InboxContext, reply: FastifyReply, user: StaffUser, secure: boolean): Promise<SessionRecord> {
  const sid = newToken();
  const now = Date.now();
  const session: SessionRecord = {
    id_hash: sha256Hex(sid),
    user_id: user.id,
    csrf_token: newToken(),
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + ctx.config.sessionTtlMs).toISOString(),
  };
  await ctx.store.createSession(session);
  reply.header('set-cookie', sessionCookie(sid, Math.floor(ctx.config.sessionTtlMs / 1000), secure));
  return session;
}

/** Set-Cookie for the session: httpOnly (no script reads it), SameSite=Strict (never sent on a
 *  cross-site request), Secure behind HTTPS. Written by hand: @fastify/cookie loads its parser
 *  with a dynamic ESM import that jest cannot run, and one cookie needs no library. */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The value of one cookie in the request's Cookie header. */
export function readCookie(req: FastifyRequest, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export function sessionIdHash(req: FastifyRequest): string | null {
  const sid = readCookie(req, SESSION_COOKIE);
  return sid ? sha256Hex(sid) : null;
}

/** Sessions already looked up for a request (the CSRF hook and the route both ask). */
const sessionsOf = new WeakMap<FastifyRequest, { session: SessionRecord; user: StaffUser }>();

/** The staff session behind the request's cookie, or 401. */
export async function staffSession(req: FastifyRequest, ctx: InboxContext): Promise<{ session: SessionRecord; user: StaffUser }> {
  const cached = sessionsOf.get(req);
  if (cached) return cached;
  const idHash = sessionIdHash(req);
  const found = idHash ? await ctx.store.getSession(idHash, new Date().toISOString()) : null;
  if (found) sessionsOf.set(req, found);
  if (!found) {
    throw new HttpError(
      401,
      'not_logged_in',
      'Phiên làm việc đã hết hạn hoặc chưa đăng nhập. Hãy đăng nhập lại.',
      'Your session has expired or you are not logged in. Please log in again.',
    );
  }
  return found;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** 403 for a state-changing request without the session's anti-forgery token. */
export function csrfRefused(): HttpError {
  return new HttpError(
    403,
    'csrf',
    'Thiếu hoặc sai mã chống giả mạo (x-csrf-token). Hãy tải lại trang.',
    'Missing or wrong anti-forgery token (x-csrf-token). Reload the page.',
  );
}

/**
 * Staff user behind the cookie, or 401; 403 without the role asked for. The anti-forgery token
 * of state-changing requests is checked for every such route by one hook (csrf.ts), before the
 * route runs; `csrf: true` here checks it again (a route moved out of that hook's reach keeps
 * its guard): a cross-site form cannot read that token, and SameSite=Strict already keeps the
 * cookie off cross-site requests.
 */
export async function requireStaff(
  req: FastifyRequest,
  ctx: InboxContext,
  opts: { csrf?: boolean; role?: StaffRole },
): Promise<StaffUser> {
  const { session, user } = await staffSession(req, ctx);
  if (opts.csrf) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrf_token)) throw csrfRefused();
  }
  if (opts.role === 'admin' && user.role !== 'admin') {
    throw new HttpError(403, 'forbidden', 'Chỉ quản trị viên được làm việc này.', 'Only an administrator can do this.');
  }
  return user;
}
