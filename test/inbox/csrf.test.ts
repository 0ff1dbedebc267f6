import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { routeTable, STATE_CHANGING } from '../../src/inbox/csrf';
import { loadConfig } from '../../src/inbox/config';
import { buildServer } from '../../src/inbox/server';
import { startTestInbox, tempDir, type TestInbox } from './helpers';

/**
 * CSRF by construction (docs/inbox.md, "Chống giả mạo yêu cầu"): every state-changing staff and
 * admin route refuses a request whose `x-csrf-token` is missing or belongs to another session,
 * because one hook checks every POST/PUT/PATCH/DELETE route unless the route declares an
 * exemption. These tests walk the server's own route table, so a route added later is covered
 * without anyone remembering to add it here.
 */

/** Exemptions the inbox declares, and why they are safe; a new one must be reviewed here. */
const EXPECTED_EXEMPTIONS = [
  'POST /api/staff/login', // no session exists yet
  'POST /api/submissions', // bearer unit token: no browser sends it on its own
];

function concrete(url: string): string {
  return url.replace(/:id\b/g, randomUUID()).replace(/:[A-Za-z_]+/g, 'x');
}

describe('CSRF by construction', () => {
  let inbox: TestInbox;
  let a: { cookie: string; csrf: string };
  let b: { cookie: string; csrf: string };
  beforeAll(async () => {
    inbox = await startTestInbox({ web: true });
    await inbox.addStaff('quantri.a', 'mật khẩu quản trị A', 'admin');
    await inbox.addStaff('quantri.b', 'mật khẩu quản trị B', 'admin');
    a = await inbox.login('quantri.a', 'mật khẩu quản trị A');
    b = await inbox.login('quantri.b', 'mật khẩu quản trị B');
  }, 60_000);
  afterAll(() => inbox.close());

  const stateChanging = () => routeTable(inbox.app).filter((r) => STATE_CHANGING.has(r.method));

  test('the only routes without the check are the declared, reviewed exemptions', () => {
    const exempt = stateChanging().filter((r) => r.exemption).map((r) => `${r.method} ${r.url}`).sort();
    expect(exempt).toEqual([...EXPECTED_EXEMPTIONS].sort());
  });

  test('every other POST/PUT/PATCH/DELETE route refuses a missing or a foreign token with 403, before it runs', async () => {
    const guarded = stateChanging().filter((r) => !r.exemption);
    // The mutants the suite once missed: CSRF off on these three routes.
    for (const url of ['/api/staff/password', '/api/staff/submissions/:id/return', '/api/admin/staff/role']) {
      expect(guarded.map((r) => r.url)).toContain(url);
    }
    expect(guarded.length).toBeGreaterThanOrEqual(12);
    for (const route of guarded) {
      const url = concrete(route.url);
      const body = { reason: 'x', current: 'mật khẩu quản trị A', password: 'mật khẩu mới thật dài', username: 'quantri.b', role: 'staff', active: false, profile: 'bac-ninh-2017', unit_code: 'BN-TS' };
      const variants: Record<string, string>[] = [{ cookie: a.cookie }, { cookie: a.cookie, 'x-csrf-token': b.csrf }, { cookie: a.cookie, 'x-csrf-token': '' }];
      for (const headers of variants) {
        const res = await inbox.request(route.method, url, { headers, body });
        expect({ route: `${route.method} ${route.url}`, status: res.status, error: res.json().error }).toEqual({ route: `${route.method} ${route.url}`, status: 403, error: 'csrf' });
      }
    }
    // Nothing changed: both accounts are still admins with their sessions.
    expect((await inbox.ctx.store.listStaffUsers()).map((u) => [u.username, u.role, u.active])).toEqual([
      ['quantri.a', 'admin', true],
      ['quantri.b', 'admin', true],
    ]);
    expect((await inbox.request('GET', '/api/staff/me', { headers: { cookie: b.cookie } })).status).toBe(200);
  }, 60_000);

  test("with the session's own token the same requests get past the check", async () => {
    const guarded = stateChanging().filter((r) => !r.exemption && r.url !== '/api/staff/logout');
    for (const route of guarded) {
      const res = await inbox.request(route.method, concrete(route.url), { headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, body: {} });
      expect(res.json().error).not.toBe('csrf');
    }
  });
});

describe('a route added later is protected without saying so', () => {
  let app: FastifyInstance;
  afterAll(() => app?.close());

  test('a new POST route with no options refuses a request without the token', async () => {
    const built = await buildServer(loadConfig({ dataDir: tempDir(), databaseUrl: null, encryptionKey: null, web: false, judgeWorkers: 0 }, {}));
    app = built.app;
    let ran = false;
    app.post('/api/admin/new-thing', async () => {
      ran = true;
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { hashPassword } = await import('../../src/inbox/auth');
    await built.ctx.store.upsertStaffUser({ username: 'lan', role: 'admin', password_hash: await hashPassword('mật khẩu dài 123') });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'lan', password: 'mật khẩu dài 123' }) });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
    const bare = await fetch(`${url}/api/admin/new-thing`, { method: 'POST', headers: { cookie } });
    expect(bare.status).toBe(403);
    expect(ran).toBe(false);
    const withToken = await fetch(`${url}/api/admin/new-thing`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
    expect(withToken.status).toBe(200);
    expect(ran).toBe(true);
    expect(routeTable(app).find((r) => r.url === '/api/admin/new-thing')).toEqual({ method: 'POST', url: '/api/admin/new-thing', exemption: null });
  });
});
