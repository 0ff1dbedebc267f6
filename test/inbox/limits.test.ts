import http from 'node:http';
import net from 'node:net';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from './helpers';

/**
 * What one client can hold of the inbox (issue 20, red team 6 and 7; docs/operations.md,
 * "Giới hạn kết nối"): connections per address, idle connections, stalled uploads, the bytes
 * all uploads in progress hold together, and uploads per unit.
 */

/** A raw socket from `from` (127.0.0.x) that connects and sends nothing; resolves on connect. */
function idleSocket(url: string, from: string): Promise<net.Socket> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: from });
    s.on('error', () => undefined);
    s.once('connect', () => resolve(s));
    s.once('close', () => resolve(s));
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('connections: a cap per address, and idle ones closed', () => {
  let inbox: TestInbox;
  let token: string;
  beforeAll(async () => {
    inbox = await startTestInbox({ judgeWorkers: 0, maxConnectionsPerAddress: 20, headersTimeoutMs: 5000 });
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
  }, 60_000);
  afterAll(() => inbox.close());

  test('200 idle sockets from one address: 20 kept, the rest closed at once; another address is served meanwhile; the 20 close after the header timeout', async () => {
    const sockets = await Promise.all(Array.from({ length: 200 }, () => idleSocket(inbox.url, '127.0.0.2')));
    const open = () => sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
    // The server closes the extra ones as it takes each connection (slower on a busy machine).
    for (let i = 0; i < 40 && open() > 20; i++) await wait(100);
    expect(open()).toBeLessThanOrEqual(20);
    expect(open()).toBeGreaterThan(0);
    const res = await inbox.request('GET', '/api/units/me', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    for (let i = 0; i < 100 && open() > 0; i++) await wait(100);
    expect(open()).toBe(0);
    for (const s of sockets) s.destroy();
  }, 40_000);
});

/** An upload that declares `declared` bytes, sends `sent` and stalls; resolves with the answer. */
function stalledUpload(url: string, token: string, declared: number, sent: number): { answer: Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>; req: http.ClientRequest } {
  const req = http.request(`${url}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX, 'content-length': declared } });
  const answer = new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', (e) => resolve({ status: 0, body: e.message, headers: {} }));
  });
  req.write(Buffer.alloc(sent, 0x50));
  return { answer, req };
}

describe('uploads hold bounded memory', () => {
  let inbox: TestInbox;
  const tokens: Record<string, string> = {};
  const MB = 1024 * 1024;
  const DECLARED = Math.floor(0.9 * MB);
  beforeAll(async () => {
    inbox = await startTestInbox({ judgeWorkers: 0, maxUploadBytes: MB, uploadBudgetBytes: 3 * MB, uploadsPerUnit: 2, bodyIdleTimeoutMs: 1500 });
    for (const unit of ['BN-TS', 'BN-TP', 'BN-YP']) tokens[unit] = await inbox.addUnit('bac-ninh-2017', unit);
  }, 60_000);
  afterAll(() => inbox.close());

  test('stalled uploads: a unit gets 2 at once (429 past that), all together fit the budget (503 + Retry-After past it), a stall ends with 408, then uploads go through', async () => {
    const a1 = stalledUpload(inbox.url, tokens['BN-TS'], DECLARED, 400 * 1024);
    const a2 = stalledUpload(inbox.url, tokens['BN-TS'], DECLARED, 400 * 1024);
    await wait(200);
    const a3 = stalledUpload(inbox.url, tokens['BN-TS'], DECLARED, 1024);
    const third = await a3.answer;
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body)).toMatchObject({ error: 'busy_unit', message_vi: expect.stringContaining('lần nộp chưa xong') });
    const b1 = stalledUpload(inbox.url, tokens['BN-TP'], DECLARED, 400 * 1024);
    await wait(200);
    expect(inbox.ctx.uploads!.reserved).toBeLessThanOrEqual(3 * MB);
    const c1 = stalledUpload(inbox.url, tokens['BN-YP'], DECLARED, 1024);
    const over = await c1.answer;
    expect(over.status).toBe(503);
    expect(over.headers['retry-after']).toBe('30');
    expect(JSON.parse(over.body)).toMatchObject({ error: 'busy', message_en: expect.stringContaining('Try again') });
    // The stalled ones are ended by the body timeout, their memory released.
    for (const s of [a1, a2, b1]) {
      const r = await s.answer;
      expect(r.status).toBe(408);
      expect(JSON.parse(r.body)).toMatchObject({ error: 'body_timeout', message_vi: expect.stringContaining('chưa được nhận') });
    }
    await wait(100);
    expect(inbox.ctx.uploads!.reserved).toBe(0);
    for (const s of [a1, a2, a3, b1, c1]) s.req.destroy();
    const ok = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${tokens['BN-YP']}`, 'content-type': XLSX }, body: await sampleWorkbook({ unit: 'BN-YP', rows: 10, seed: 1 }) });
    expect(ok.status).toBe(200);
    expect(await inbox.ctx.store.countVersions()).toBe(1);
  }, 60_000);

  test('the limits are settings, with defaults', async () => {
    const { loadConfig } = await import('../../src/inbox/config');
    const d = loadConfig({ dataDir: '/tmp/x' }, {});
    expect([d.maxConnectionsPerAddress, d.maxConnections, d.headersTimeoutMs, d.bodyIdleTimeoutMs, d.uploadBudgetBytes, d.uploadsPerUnit]).toEqual([50, 4096, 10_000, 15_000, 160 * MB, 2]);
    const e = loadConfig({ dataDir: '/tmp/x' }, { VR_INBOX_MAX_CONN_PER_IP: '0', VR_INBOX_UPLOAD_BUDGET_MB: '64', VR_INBOX_UPLOADS_PER_UNIT: '1', VR_INBOX_BODY_TIMEOUT_MS: '5000' });
    expect([e.maxConnectionsPerAddress, e.uploadBudgetBytes, e.uploadsPerUnit, e.bodyIdleTimeoutMs]).toEqual([0, 64 * MB, 1, 5000]);
  });
});
