import { spawnSync } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { PassThrough } from 'stream';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const start = require('../../scripts/start.js') as {
  waitForUrl: (url: string, timeoutMs: number, intervalMs?: number) => Promise<boolean>;
  summaryLines: (o: { preview: string; inbox: string | null; token: string | null }) => [string, string][];
  filterOutput: (stream: NodeJS.ReadableStream, keep?: RegExp) => void;
  makeTestInbox: (dataDir: string) => { ok: boolean; token: string | null };
};

test('the useful block waits for the server to answer: not before it listens, at once after', async () => {
  // A free port, closed again: nothing answers there until the server below starts.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  expect(await start.waitForUrl(`http://127.0.0.1:${port}/preview.html`, 600, 100)).toBe(false);

  let answered = 0;
  const server = http.createServer((req, res) => {
    answered += 1;
    res.writeHead(req.url === '/preview.html' ? 200 : 404).end();
  });
  const waiting = start.waitForUrl(`http://127.0.0.1:${port}/preview.html`, 10_000, 100);
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(answered).toBe(0);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  expect(await waiting).toBe(true);
  // A 404 (e.g. pages not built yet) is not "ready".
  expect(await start.waitForUrl(`http://127.0.0.1:${port}/other`, 500, 100)).toBe(false);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('the block: preview first, then the inbox pages, the token, the staff command, Vietnamese then English', () => {
  const lines = start.summaryLines({ preview: 'http://localhost:3000/preview.html', inbox: 'http://localhost:8787', token: 'tok-123' });
  const vi = lines.map(([v]) => v);
  expect(vi[0]).toBe('Xem thử ngăn tác vụ trong trình duyệt: http://localhost:3000/preview.html');
  expect(vi[1]).toContain('http://localhost:8787/staff/');
  expect(vi[2]).toBe('Mã truy cập của đơn vị thử 22366 Phường Nha Trang (hộp thư thử phục vụ tỉnh Khánh Hoà, kế hoạch vn-2025; chỉ hiện lần này): tok-123');
  expect(vi[3]).toContain('npx vr inbox staff add --data .data');
  // On a fresh inbox that command gives the administrator, and the banner says so.
  expect(vi[3]).toContain('tài khoản đầu tiên là quản trị viên');
  expect(lines[3][1]).toContain('the first account is the administrator');
  expect(lines.every(([v, e]) => v !== e && /[ạ-ỹđ]/i.test(v))).toBe(true);
  // No inbox: no inbox lines, no token.
  const alone = start.summaryLines({ preview: 'http://localhost:3000/preview.html', inbox: null, token: 'x' }).map(([v]) => v);
  expect(alone.some((l) => l.includes('Mã truy cập') || l.includes('Hộp thư'))).toBe(false);
});

test("webpack's stats and the dev server's banner are dropped; errors pass", async () => {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const stream = new PassThrough();
  start.filterOutput(stream);
  stream.end(
    [
      '<i> [webpack-dev-server] Project is running at:',
      'asset taskpane.js 1.2 MiB [emitted]',
      'ERROR in ./src/taskpane/App.tsx 12:3',
      'webpack 5.112.2 compiled with 1 warning in 4000 ms',
      '',
    ].join('\n'),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  spy.mockRestore();
  expect(written).toEqual(['ERROR in ./src/taskpane/App.tsx 12:3\n', 'webpack 5.112.2 compiled with 1 warning in 4000 ms\n']);
});

/**
 * The README says `npm install && npm start`, then lists `vr inbox init --data ./.data --profile
 * vn-2025 --province 56` and `vr inbox unit add … --unit 22366`: the inbox npm start makes must take
 * them (an inbox never moves to another province, so a fresh one bound elsewhere would refuse).
 * Needs `npm run build:node` (bin/vr.js).
 */
test('npm start makes an inbox of today\'s plan for Khánh Hoà that the README\'s commands go on with', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-start-'));
  const data = path.join(dir, '.data');
  const vr = (...args: string[]) => spawnSync(process.execPath, [path.resolve(__dirname, '../../bin/vr.js'), ...args], { encoding: 'utf8' });
  try {
    const made = start.makeTestInbox(data);
    expect(made.ok).toBe(true);
    expect(made.token).toMatch(/^\S{20,}$/);
    const init = vr('inbox', 'init', '--data', data, '--profile', 'vn-2025', '--province', '56');
    expect({ status: init.status, stderr: init.stderr }).toEqual({ status: 0, stderr: '' });
    expect(init.stdout).toContain('Tỉnh Khánh Hoà (56)');
    // Its province is Khánh Hoà: a Hà Nội commune is refused.
    const foreign = vr('inbox', 'unit', 'add', '--data', data, '--profile', 'vn-2025', '--unit', '00004');
    expect(foreign.status).not.toBe(0);
    expect(foreign.stderr).toContain('không thuộc Tỉnh Khánh Hoà (56)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
