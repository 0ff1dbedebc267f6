import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findUnit } from '../../profiles';
import { planName } from '../../domain/planName';
import { audit } from '../audit';
import { hashPassword, HttpError, newToken, requireStaff, sha256Hex } from '../auth';
import { profileOf } from '../config';
import { checkUnitProvince } from '../province';
import type { InboxContext, StaffUser, UnitRecord } from '../storage/types';
import { parseQuery } from './api';

/**
 * Administration (role `admin`, cookie session + CSRF header on every POST): reporting units
 * (add, rotate a token shown once, deactivate) and staff accounts (add, reset a password,
 * change a role, deactivate). Every change is in the audit log; a staff change ends that
 * account's sessions (the store does it in the same transaction). `vr inbox unit add` and
 * `vr inbox staff add` do the same from the command line.
 */

const UnitKey = z.object({ profile: z.string().min(1).max(100), unit_code: z.string().trim().min(1).max(50) });
const UnitActive = UnitKey.extend({ active: z.boolean() });
const UserName = z.string().trim().regex(/^[\p{L}\p{N}._@-]{1,100}$/u);
const Role = z.enum(['staff', 'admin']);
const StaffAdd = z.object({ username: UserName, role: Role });
const StaffKey = z.object({ username: UserName });
const StaffRoleBody = StaffKey.extend({ role: Role });
const StaffActive = StaffKey.extend({ active: z.boolean() });
const ProfileQuery = z.object({ profile: z.string().min(1).max(100).optional() });

const USER_HINT: [string, string] = ['Tên đăng nhập: chữ, số, . _ @ - (tối đa 100).', 'User name: letters, digits, . _ @ - (up to 100).'];

export function unitView(u: UnitRecord): Record<string, unknown> {
  return { profile: u.profile, unit_code: u.unit_code, unit_name: u.unit_name, province_code: u.province_code, active: u.active, created_at: u.created_at };
}

export function staffView(u: StaffUser): Record<string, unknown> {
  return { username: u.username, role: u.role, active: u.active, created_at: u.created_at };
}

/** A first password an administrator hands over (shown once): 96 random bits, 16 characters. */
export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

function noUnit(code: string): HttpError {
  return new HttpError(404, 'not_found', `Chưa có đơn vị ${code} trong hộp thư.`, `Unit ${code} is not in the inbox.`);
}

function noUser(name: string): HttpError {
  return new HttpError(404, 'not_found', `Không có tài khoản ${name}.`, `No account ${name}.`);
}

function notSelf(): HttpError {
  return new HttpError(
    409,
    'self',
    'Không tự đổi vai trò hay khoá tài khoản của chính mình; nhờ một quản trị viên khác.',
    'You cannot change the role of, or deactivate, your own account; ask another administrator.',
  );
}

export function registerAdminRoutes(app: FastifyInstance, ctx: InboxContext): void {
  const admin = (req: FastifyRequest, csrf: boolean): Promise<StaffUser> => requireStaff(req, ctx, { csrf, role: 'admin' });
  const actor = (u: StaffUser) => ({ role: u.role, name: u.username });

  const unitOfProfile = (profileId: string, code: string) => {
    const profile = profileOf(ctx.config, profileId);
    if (!profile) throw new HttpError(404, 'unknown_profile', `Không có kế hoạch "${profileId}".`, `No plan profile "${profileId}".`);
    const unit = findUnit(profile, code);
    if (!unit) {
      throw new HttpError(404, 'unknown_unit', `Kế hoạch ${planName(profile, 'vi')} không có đơn vị "${code}".`, `Plan ${planName(profile, 'en')} has no unit "${code}".`);
    }
    return { profile, unit };
  };

  app.get('/api/admin/units', async (req) => {
    await admin(req, false);
    const { profile } = parseQuery(ProfileQuery, req.query);
    return { units: (await ctx.store.listUnits(profile)).map(unitView) };
  });

  /** Adds a unit, or (`rotate`) gives an existing one a new token: the old token stops working
   *  at once. The token is in this answer only; the store keeps its SHA-256. */
  const issue = async (req: FastifyRequest, rotate: boolean) => {
    const staff = await admin(req, true);
    const key = parseQuery(UnitKey, req.body);
    const { profile, unit } = unitOfProfile(key.profile, key.unit_code);
    const existed = await ctx.store.getUnit(profile.id, unit.code);
    if (rotate && !existed) throw noUnit(unit.code);
    // One inbox, one province: a unit of another province is refused (a rotation of a unit
    // already registered is not a new unit and is allowed, so it can be deactivated cleanly).
    if (!existed) await checkUnitProvince(ctx.store, ctx.config.profiles, profile, unit.code, ctx.config.dataDir);
    if (!rotate && existed) {
      throw new HttpError(409, 'exists', `Đơn vị ${unit.code} đã có trong hộp thư; dùng "Cấp mã mới" để thay mã.`, `Unit ${unit.code} is already in the inbox; use "New token" to replace its token.`);
    }
    const token = newToken();
    const record = await ctx.store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: unit.province_code ?? profile.province_code, token_hash: sha256Hex(token) });
    await audit(ctx, req, actor(staff), 'unit_token_issued', unit.code, { profile: profile.id, replaced: existed !== null });
    return { unit: unitView(record), token };
  };
  app.post('/api/admin/units', (req) => issue(req, false));
  app.post('/api/admin/units/token', (req) => issue(req, true));

  app.post('/api/admin/units/active', async (req) => {
    const staff = await admin(req, true);
    const body = parseQuery(UnitActive, req.body);
    const record = await ctx.store.setUnitActive(body.profile, body.unit_code, body.active);
    if (!record) throw noUnit(body.unit_code);
    await audit(ctx, req, actor(staff), body.active ? 'unit_activated' : 'unit_deactivated', record.unit_code, { profile: record.profile });
    return { unit: unitView(record) };
  });

  app.get('/api/admin/staff', async (req) => {
    await admin(req, false);
    return { staff: (await ctx.store.listStaffUsers()).map(staffView) };
  });

  app.post('/api/admin/staff', async (req) => {
    const staff = await admin(req, true);
    const body = parseQuery(StaffAdd, req.body, USER_HINT);
    if (await ctx.store.getStaffUser(body.username)) {
      throw new HttpError(409, 'exists', `Tài khoản ${body.username} đã có; dùng "Đặt lại mật khẩu".`, `Account ${body.username} exists; use "Reset password".`);
    }
    const password = newPassword();
    const user = await ctx.store.upsertStaffUser({ username: body.username, role: body.role, password_hash: await hashPassword(password) });
    await audit(ctx, req, actor(staff), 'staff_created', user.username, { role: user.role });
    return { user: staffView(user), password };
  });

  app.post('/api/admin/staff/password', async (req) => {
    const staff = await admin(req, true);
    const { username } = parseQuery(StaffKey, req.body, USER_HINT);
    const password = newPassword();
    const user = await ctx.store.updateStaffUser(username, { password_hash: await hashPassword(password) });
    if (!user) throw noUser(username);
    await audit(ctx, req, actor(staff), 'staff_password_reset', user.username);
    return { user: staffView(user), password };
  });

  app.post('/api/admin/staff/role', async (req) => {
    const staff = await admin(req, true);
    const body = parseQuery(StaffRoleBody, req.body, USER_HINT);
    if (body.username === staff.username) throw notSelf();
    const user = await ctx.store.updateStaffUser(body.username, { role: body.role });
    if (!user) throw noUser(body.username);
    await audit(ctx, req, actor(staff), 'staff_role_changed', user.username, { role: user.role });
    return { user: staffView(user) };
  });

  app.post('/api/admin/staff/active', async (req) => {
    const staff = await admin(req, true);
    const body = parseQuery(StaffActive, req.body, USER_HINT);
    if (body.username === staff.username) throw notSelf();
    const user = await ctx.store.updateStaffUser(body.username, { active: body.active });
    if (!user) throw noUser(body.username);
    await audit(ctx, req, actor(staff), body.active ? 'staff_activated' : 'staff_deactivated', user.username);
    return { user: staffView(user) };
  });
}
