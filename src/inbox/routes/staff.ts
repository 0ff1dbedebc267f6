import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit';
import { hashPassword, HttpError, requireStaff, sessionCookie, sessionIdHash, staffSession, startSession, typedHash, verifyStaffLogin } from '../auth';
import { profileOf } from '../config';
import type { InboxContext, SubmissionVersion } from '../storage/types';
import { insightOf } from '../insight/service';
import { reviewVersion, versionBytes } from '../review';
import { trackPeriod, versionView } from '../tracking';
import { MOTTO, MOTTO_2, departmentLetterhead } from '../../domain/templatePrint';
import { inboxScope } from '../province';
import { parseQuery, PERIOD_HINT, PeriodQuery, sendXlsx } from './api';

export const LOGIN_BODY_LIMIT = 16 * 1024;
const LoginBody = z.object({ user: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
/** A new password: 10 to 200 characters (what `vr inbox staff add` asks too). */
export const NewPassword = z.string().min(10).max(200);
export const PASSWORD_HINT: [string, string] = ['Mật khẩu mới dài 10–200 ký tự.', 'The new password must be 10–200 characters.'];
const PasswordBody = z.object({ current: z.string().min(1).max(1000), password: NewPassword });
const ReturnBody = z.object({ reason: z.string().trim().min(1).max(2000) });
const IdParams = z.object({ id: z.string().uuid() });
const TrackingQuery = PeriodQuery.extend({ profile: z.string().min(1).max(100) });
const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before: z.coerce.number().int().min(1).optional(),
  target: z.string().max(100).optional(),
});

const NOT_FOUND = (): HttpError =>
  new HttpError(404, 'not_found', 'Không tìm thấy bản nộp này.', 'No such submission.');

function conflict(reason: string): HttpError {
  const text: Record<string, [string, string]> = {
    not_latest: ['Chỉ xử lý được bản nộp mới nhất của quý.', "Only the quarter's latest version can be returned or accepted."],
    already_accepted: ['Quý này đã được chấp nhận và khoá.', 'This quarter is already accepted and locked.'],
    already_returned: ['Bản này đã được trả lại; chờ đơn vị nộp bản mới.', 'This version was returned; wait for the unit to submit a new one.'],
  };
  const [vi, en] = text[reason] ?? ['Xung đột trạng thái.', 'State conflict.'];
  return new HttpError(409, reason, vi, en);
}

/** Provincial staff (cookie session + CSRF header on every POST): tracking, return, accept,
 *  download, audit. */
export function registerStaffRoutes(app: FastifyInstance, ctx: InboxContext): void {
  const secure = ctx.config.secureCookies;

  // A user name and a password: 16 KB is plenty, and a sign-in is not worth buffering more.
  app.post('/api/staff/login', { bodyLimit: LOGIN_BODY_LIMIT, config: { csrf: 'none: no session exists before signing in' } }, async (req, reply) => {
    const { user, password } = parseQuery(LoginBody, req.body);
    try {
      const staff = await verifyStaffLogin(ctx, req.ip, user, password);
      const session = await startSession(ctx, reply, staff, secure);
      await ctx.store.deleteExpiredSessions(new Date().toISOString());
      await audit(ctx, req, { role: staff.role, name: staff.username }, 'login', null);
      return { user: staff.username, role: staff.role, csrf_token: session.csrf_token };
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        // An account's own name is recorded; anything else typed may be a password typed in the
        // wrong field: only a keyed hash of it (staff reading the log cannot test guesses
        // against it), enough to see the same unknown name come back.
        const known = await ctx.store.getStaffUser(user);
        await audit(ctx, req, { role: 'system', name: 'anonymous' }, 'login_failed', null,
          known ? { user: known.username } : { user_hmac: (await typedHash(ctx, user)).slice(0, 16) });
      }
      throw error;
    }
  });

  app.post('/api/staff/logout', async (req, reply) => {
    const staff = await requireStaff(req, ctx, { csrf: true });
    const idHash = sessionIdHash(req);
    if (idHash) await ctx.store.deleteSession(idHash);
    reply.header('set-cookie', sessionCookie('', 0, secure));
    await audit(ctx, req, { role: staff.role, name: staff.username }, 'logout', null);
    return { ok: true };
  });

  // A password change ends every session of the account (a stolen cookie dies with the old
  // password); the person changing it gets a fresh session.
  app.post('/api/staff/password', async (req, reply) => {
    const staff = await requireStaff(req, ctx, { csrf: true });
    const { current, password } = parseQuery(PasswordBody, req.body, PASSWORD_HINT);
    await verifyStaffLogin(ctx, req.ip, staff.username, current);
    const updated = await ctx.store.updateStaffUser(staff.username, { password_hash: await hashPassword(password) });
    if (!updated) throw new HttpError(401, 'not_logged_in', 'Tài khoản không còn tồn tại.', 'The account no longer exists.');
    const session = await startSession(ctx, reply, updated, secure);
    await audit(ctx, req, { role: staff.role, name: staff.username }, 'staff_password_changed', staff.username);
    return { user: updated.username, role: updated.role, csrf_token: session.csrf_token };
  });

  app.get('/api/staff/me', async (req) => {
    const { session, user } = await staffSession(req, ctx);
    return { user: user.username, role: user.role, csrf_token: session.csrf_token };
  });

  // The plans this inbox has units for (registered or expected), so the page offers those only.
  app.get('/api/staff/plans', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    const plans: string[] = [];
    for (const p of ctx.config.profiles) {
      if ((await ctx.store.listUnits(p.id)).length > 0 || (await ctx.store.listExpectedUnits(p.id)).length > 0) plans.push(p.id);
    }
    return { plans };
  });

  app.get('/api/staff/tracking', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(TrackingQuery, req.query, PERIOD_HINT);
    const profile = profileOf(ctx.config, q.profile);
    if (!profile) throw new HttpError(404, 'unknown_profile', `Không có kế hoạch "${q.profile}".`, `No plan profile "${q.profile}".`);
    return trackPeriod(ctx, profile, q.year, q.quarter);
  });

  // What a printed page of the staff page heads itself with (Decree 30/2020): the same
  // letterhead as the consolidated workbook, for the inbox's province.
  app.get('/api/staff/letterhead', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(z.object({ profile: z.string().min(1).max(100) }), req.query);
    const profile = profileOf(ctx.config, q.profile);
    if (!profile) throw new HttpError(404, 'unknown_profile', `Không có kế hoạch "${q.profile}".`, `No plan profile "${q.profile}".`);
    const { province } = await inboxScope(ctx, profile);
    const head = departmentLetterhead(profile.department, province.full_name);
    return { province, parent: head.parent.toLocaleUpperCase('vi'), issuer: head.issuer.toLocaleUpperCase('vi'), motto: [MOTTO, MOTTO_2], place: province.name };
  });

  app.get('/api/staff/submissions/:id', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    const { id } = parseQuery(IdParams, req.params);
    const v = await ctx.store.getVersion(id);
    if (!v) throw NOT_FOUND();
    return { unit_code: v.unit_code, profile: v.profile, year: v.year, quarter: v.quarter, filename: v.filename, ...versionView(v) };
  });

  const decide = async (id: string, decision: { state: 'returned'; reason: string } | { state: 'accepted' }, by: string): Promise<SubmissionVersion> => {
    const result = await ctx.store.decideVersion(id, decision, by, new Date().toISOString());
    if (result.kind === 'not_found') throw NOT_FOUND();
    if (result.kind === 'conflict') throw conflict(result.reason);
    return result.version;
  };

  app.post('/api/staff/submissions/:id/return', async (req) => {
    const staff = await requireStaff(req, ctx, { csrf: true });
    const { id } = parseQuery(IdParams, req.params);
    const { reason } = parseQuery(ReturnBody, req.body, ['Cần ghi lý do trả lại (1–2000 ký tự).', 'A return reason is required (1–2000 characters).']);
    const v = await decide(id, { state: 'returned', reason }, staff.username);
    // The reason is free text a person typed: it stays on the row, never copied into the audit log.
    await audit(ctx, req, { role: staff.role, name: staff.username }, 'return', v.id, { unit_code: v.unit_code, version: v.version });
    return versionView(v);
  });

  app.post('/api/staff/submissions/:id/accept', async (req) => {
    const staff = await requireStaff(req, ctx, { csrf: true });
    const { id } = parseQuery(IdParams, req.params);
    const v = await decide(id, { state: 'accepted' }, staff.username);
    await audit(ctx, req, { role: staff.role, name: staff.username }, 'accept', v.id, { unit_code: v.unit_code, version: v.version });
    // An accepted version feeds the trends and OUT-01 for years: reduce it to its figures now,
    // after the answer, so the next open of the charts does not read it. A failure here only
    // means it is read on that open instead.
    const profile = profileOf(ctx.config, v.profile);
    if (profile) setImmediate(() => void insightOf(ctx).digests.figures([v], profile).catch(() => undefined));
    return versionView(v);
  });

  app.get('/api/staff/submissions/:id/file', async (req, reply) => {
    const staff = await requireStaff(req, ctx, { csrf: false });
    const { id } = parseQuery(IdParams, req.params);
    const v = await ctx.store.getVersion(id);
    if (!v) throw NOT_FOUND();
    const bytes = await versionBytes(ctx, v);
    await audit(ctx, req, { role: staff.role, name: staff.username }, 'download', v.id, { unit_code: v.unit_code, version: v.version });
    const name = `${v.unit_code}-${v.year}-Q${v.quarter}-v${v.version}.xlsx`.replace(/[^A-Za-z0-9._-]/g, '_');
    return sendXlsx(reply.header('x-sha256', v.sha256), name, bytes);
  });

  // Read in the browser: its findings and its report, nothing to download; audited as a download is.
  app.get('/api/staff/submissions/:id/review', async (req) => {
    const staff = await requireStaff(req, ctx, { csrf: false });
    const { id } = parseQuery(IdParams, req.params);
    const v = await ctx.store.getVersion(id);
    if (!v) throw NOT_FOUND();
    const review = await reviewVersion(ctx, v);
    await audit(ctx, req, { role: staff.role, name: staff.username }, 'view', v.id, { unit_code: v.unit_code, version: v.version });
    return review;
  });

  app.get('/api/staff/audit', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(AuditQuery, req.query);
    return { events: await ctx.store.listAudit(q) };
  });
}
