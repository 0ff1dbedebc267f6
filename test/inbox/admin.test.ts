import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from './helpers';

/** Administration from the staff page's API: role admin, CSRF on every change, each change in
 *  the audit log, account changes ending that account's sessions. */
describe('administration routes', () => {
  let inbox: TestInbox;
  let admin: { cookie: string; csrf: string };
  const post = (path: string, body: object, who = admin) =>
    inbox.request('POST', path, { headers: { cookie: who.cookie, 'x-csrf-token': who.csrf }, body });
  const me = (cookie: string) => inbox.request('GET', '/api/staff/me', { headers: { cookie } });

  beforeAll(async () => {
    inbox = await startTestInbox();
    await inbox.addStaff('quantri', 'mật-khẩu-quản-trị', 'admin');
    await inbox.addStaff('lan', 'mật-khẩu-của-lan');
    admin = await inbox.login('quantri', 'mật-khẩu-quản-trị');
  }, 60_000);
  afterAll(() => inbox.close());

  test('a staff account, or a request without the CSRF token, cannot administer', async () => {
    const lan = await inbox.login('lan', 'mật-khẩu-của-lan');
    expect((await post('/api/admin/units', { profile: 'bac-ninh-2017', unit_code: 'BN-TS' }, lan)).status).toBe(403);
    expect((await inbox.request('GET', '/api/admin/staff', { headers: { cookie: lan.cookie } })).status).toBe(403);
    const noCsrf = await inbox.request('POST', '/api/admin/staff', { headers: { cookie: admin.cookie }, body: { username: 'x', role: 'staff' } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json().error).toBe('csrf');
    expect((await inbox.request('GET', '/api/admin/units')).status).toBe(401);
  });

  test('units: add (token shown once), rotate (old token dead), deactivate and reactivate', async () => {
    const added = await post('/api/admin/units', { profile: 'bac-ninh-2017', unit_code: 'bn-ts' });
    expect(added.status).toBe(200);
    const { token, unit } = added.json();
    expect(unit).toMatchObject({ unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', active: true });
    expect(JSON.stringify(unit)).not.toContain(token);
    const asUnit = (t: string) => inbox.request('GET', '/api/units/me', { headers: { authorization: `Bearer ${t}` } });
    expect((await asUnit(token)).status).toBe(200);
    expect((await post('/api/admin/units', { profile: 'bac-ninh-2017', unit_code: 'BN-TS' })).json().error).toBe('exists');
    expect((await post('/api/admin/units', { profile: 'bac-ninh-2017', unit_code: 'XX-00' })).json().error).toBe('unknown_unit');

    const rotated = await post('/api/admin/units/token', { profile: 'bac-ninh-2017', unit_code: 'BN-TS' });
    const fresh = rotated.json().token as string;
    expect(fresh).not.toBe(token);
    expect((await asUnit(token)).status).toBe(401);
    expect((await asUnit(fresh)).status).toBe(200);

    expect((await post('/api/admin/units/active', { profile: 'bac-ninh-2017', unit_code: 'BN-TS', active: false })).json().unit.active).toBe(false);
    const refused = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${fresh}`, 'content-type': XLSX }, body: await sampleWorkbook() });
    expect(refused.status).toBe(401);
    await post('/api/admin/units/active', { profile: 'bac-ninh-2017', unit_code: 'BN-TS', active: true });
    expect((await asUnit(fresh)).status).toBe(200);

    const list = (await inbox.request('GET', '/api/admin/units', { headers: { cookie: admin.cookie } })).json();
    expect(list.units).toEqual([expect.objectContaining({ unit_code: 'BN-TS', active: true })]);
    const actions = (await inbox.ctx.store.listAudit({ target: 'BN-TS' })).map((e) => `${e.actor}:${e.action}`);
    expect(actions).toEqual(['quantri:unit_activated', 'quantri:unit_deactivated', 'quantri:unit_token_issued', 'quantri:unit_token_issued']);
    expect(JSON.stringify(await inbox.ctx.store.listAudit())).not.toContain(fresh);
  });

  test('staff: add, reset a password, change a role, deactivate — each ending that account’s sessions', async () => {
    const created = await post('/api/admin/staff', { username: 'hoa', role: 'staff' });
    expect(created.status).toBe(200);
    const first = created.json().password as string;
    expect(first.length).toBeGreaterThanOrEqual(16);
    const hoa = await inbox.login('hoa', first);

    const reset = await post('/api/admin/staff/password', { username: 'hoa' });
    const second = reset.json().password as string;
    expect((await me(hoa.cookie)).status).toBe(401);
    expect((await inbox.request('POST', '/api/staff/login', { body: { user: 'hoa', password: first } })).status).toBe(401);
    const hoa2 = await inbox.login('hoa', second);

    const promoted = await post('/api/admin/staff/role', { username: 'hoa', role: 'admin' });
    expect(promoted.json().user).toMatchObject({ username: 'hoa', role: 'admin', active: true });
    expect((await me(hoa2.cookie)).status).toBe(401);
    const hoa3 = await inbox.login('hoa', second);
    expect((await me(hoa3.cookie)).json().role).toBe('admin');

    expect((await post('/api/admin/staff/active', { username: 'hoa', active: false })).json().user.active).toBe(false);
    expect((await me(hoa3.cookie)).status).toBe(401);
    expect((await inbox.request('POST', '/api/staff/login', { body: { user: 'hoa', password: second } })).status).toBe(401);
    await post('/api/admin/staff/active', { username: 'hoa', active: true });
    await inbox.login('hoa', second);

    // An administrator cannot lock themselves out.
    expect((await post('/api/admin/staff/active', { username: 'quantri', active: false })).json().error).toBe('self');
    expect((await post('/api/admin/staff/role', { username: 'quantri', role: 'staff' })).json().error).toBe('self');
    expect((await post('/api/admin/staff/password', { username: 'khong-co' })).status).toBe(404);

    const staff = (await inbox.request('GET', '/api/admin/staff', { headers: { cookie: admin.cookie } })).json().staff;
    expect(staff.map((u: { username: string }) => u.username)).toEqual(['hoa', 'lan', 'quantri']);
    expect(JSON.stringify(staff)).not.toMatch(/password|argon/);
    const actions = (await inbox.ctx.store.listAudit({ target: 'hoa' })).map((e) => e.action).reverse();
    expect(actions).toEqual(['staff_created', 'staff_password_reset', 'staff_role_changed', 'staff_deactivated', 'staff_activated']);
    expect(JSON.stringify(await inbox.ctx.store.listAudit())).not.toContain(second);
  });

  test('a commune of the official list is added under its own province, not the profile\'s "VN"', async () => {
    const added = await post('/api/admin/units', { profile: 'vn-2025', unit_code: 'BN-P-TS' });
    expect(added.status).toBe(200);
    expect(added.json().unit).toMatchObject({ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24' });
  });
});
