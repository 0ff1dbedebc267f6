import { startTestInbox, type TestInbox } from './helpers';

/** Sessions end with the password or the account; failures slow only the (account, address)
 *  that keeps failing, never the real user elsewhere nor a valid unit token behind one NAT. */
describe('sessions and failed sign-ins', () => {
  let inbox: TestInbox;
  const from = (ip: string, headers: Record<string, string> = {}) => ({ ...headers, 'x-forwarded-for': ip });
  const login = (user: string, password: string, ip = '10.0.0.1') =>
    inbox.request('POST', '/api/staff/login', { headers: from(ip), body: { user, password } });
  const me = (cookie: string) => inbox.request('GET', '/api/staff/me', { headers: { cookie } });
  const cookieOf = (res: { headers: Headers }) => String(res.headers.get('set-cookie')).split(';')[0];

  beforeAll(async () => {
    inbox = await startTestInbox({ trustProxy: true });
    await inbox.addStaff('lan', 'mật-khẩu-cũ-123');
    await inbox.addStaff('minh', 'mật-khẩu-minh-1');
    await inbox.addStaff('quantri', 'mật-khẩu-quản-trị', 'admin');
  }, 60_000);
  afterAll(() => inbox.close());

  test('a password change ends every session of the account; the changer gets a fresh one', async () => {
    const a = await login('lan', 'mật-khẩu-cũ-123');
    const b = await login('lan', 'mật-khẩu-cũ-123', '10.0.0.2');
    const [ca, cb] = [cookieOf(a), cookieOf(b)];
    expect((await me(cb)).status).toBe(200);
    const wrong = await inbox.request('POST', '/api/staff/password', {
      headers: { cookie: ca, 'x-csrf-token': a.json().csrf_token },
      body: { current: 'không-đúng-123', password: 'mật-khẩu-mới-456' },
    });
    expect(wrong.status).toBe(401);
    const short = await inbox.request('POST', '/api/staff/password', {
      headers: { cookie: ca, 'x-csrf-token': a.json().csrf_token },
      body: { current: 'mật-khẩu-cũ-123', password: 'ngắn' },
    });
    expect(short.status).toBe(400);
    expect(short.json().message_vi).toContain('10–200');
    const changed = await inbox.request('POST', '/api/staff/password', {
      headers: { cookie: ca, 'x-csrf-token': a.json().csrf_token },
      body: { current: 'mật-khẩu-cũ-123', password: 'mật-khẩu-mới-456' },
    });
    expect(changed.status).toBe(200);
    expect((await me(ca)).status).toBe(401);
    expect((await me(cb)).status).toBe(401);
    expect((await me(cookieOf(changed))).status).toBe(200);
    expect((await login('lan', 'mật-khẩu-cũ-123', '10.0.0.3')).status).toBe(401);
    expect((await login('lan', 'mật-khẩu-mới-456', '10.0.0.3')).status).toBe(200);
    const events = await inbox.ctx.store.listAudit({ target: 'lan' });
    expect(events.map((e) => e.action)).toContain('staff_password_changed');
    expect(JSON.stringify(events)).not.toContain('mật-khẩu');
  });

  test('setting a password again from the command line (upsert) ends the sessions too', async () => {
    const s = await login('minh', 'mật-khẩu-minh-1');
    expect((await me(cookieOf(s))).status).toBe(200);
    await inbox.addStaff('minh', 'mật-khẩu-minh-2');
    expect((await me(cookieOf(s))).status).toBe(401);
  });

  test('five wrong passwords from address A slow that pair only: the owner at B and others at A sign in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await login('minh', `sai-${i}-xxxxxx`, '203.0.113.7')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    const blocked = await login('minh', 'mật-khẩu-minh-2', '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await login('minh', 'mật-khẩu-minh-2', '198.51.100.9')).status).toBe(200);
    expect((await login('quantri', 'mật-khẩu-quản-trị', '203.0.113.7')).status).toBe(200);
  });

  test('wrong unit tokens from a shared office address never lock out a valid token from it', async () => {
    const token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    const nat = '192.0.2.50';
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const bad = await inbox.request('GET', '/api/units/me', { headers: from(nat, { authorization: `Bearer cu-da-thay-${i}-aaaaaaaaaaaa` }) });
      statuses.push(bad.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
    const ok = await inbox.request('GET', '/api/units/me', { headers: from(nat, { authorization: `Bearer ${token}` }) });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ unit_code: 'BN-TS' });
  });
});
