/* `npm start`: the provincial inbox (embedded SQLite in ./.data) and the pane's dev server,
 * together. A fresh inbox serves a province of today's plan (vn-2025, Khánh Hoà 56, the one the
 * README's commands use) with one test commune, Phường Nha Trang 22366, whose token it shows. Their own output is kept short (webpack's stats and the dev server's banner are
 * dropped; errors and warnings pass); the useful block (preview URL, inbox URL, the test unit's
 * token, the staff command) comes last, once both servers answer. Opens the preview in a browser
 * only on an interactive desktop (never when CI is set). */
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');
const readline = require('readline');

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, '.data');
const PORT = Number(process.env.npm_package_config_dev_server_port || process.env.PORT || 3000);
const INBOX_PORT = Number(process.env.VR_INBOX_PORT || 8787);
const children = [];
/** The fresh inbox's province and test unit (today's plan). */
const TEST_PROVINCE = '56';
const TEST_UNIT = { code: '22366', name: 'Phường Nha Trang', province: 'Khánh Hoà' };
/** Filled while starting: the test unit's token when the data folder was created just now. */
const state = { token: null };

function log(vi, en) {
  console.log(`${vi}\n  ${en}`);
}

/** Resolves true once `url` answers 2xx/3xx, false after `timeoutMs` (polls every 500 ms). */
function waitForUrl(url, timeoutMs, intervalMs = 500) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      const req = http.get(url, { timeout: 2000 }, (res) => {
        res.resume();
        if (res.statusCode && res.statusCode < 400) resolve(true);
        else retry();
      });
      req.on('timeout', () => req.destroy());
      req.on('error', retry);
    };
    const retry = () => (Date.now() > deadline ? resolve(false) : setTimeout(attempt, intervalMs));
    attempt();
  });
}

/** A child's output, line by line: errors and warnings pass (to stderr), the rest is dropped
 *  (webpack stats, the dev server's "<i>" banner, the inbox's request log). */
function filterOutput(stream, keep = /error|warn|lỗi|cảnh báo|EADDRINUSE/i) {
  if (!stream) return;
  readline.createInterface({ input: stream }).on('line', (line) => {
    if (keep.test(line)) process.stderr.write(`${line}\n`);
  });
}

/** The block printed last: what to open and type, nothing else. */
function summaryLines({ preview, inbox, token }) {
  const lines = [['Xem thử ngăn tác vụ trong trình duyệt: ' + preview, 'Preview the pane in a browser: ' + preview]];
  if (inbox) {
    lines.push([`Hộp thư tỉnh: ${inbox}/staff/ (cán bộ tỉnh), ${inbox}/upload/ (đơn vị)`, `Provincial inbox: ${inbox}/staff/ (staff), ${inbox}/upload/ (units)`]);
    if (token) {
      const unit = `${TEST_UNIT.code} ${TEST_UNIT.name}`;
      lines.push([
        `Mã truy cập của đơn vị thử ${unit} (hộp thư thử phục vụ tỉnh ${TEST_UNIT.province}, kế hoạch vn-2025; chỉ hiện lần này): ${token}`,
        `Access token of the test unit ${unit} (the test inbox serves ${TEST_UNIT.province}, plan vn-2025; shown this once): ${token}`,
      ]);
    }
    lines.push([
      'Tạo tài khoản cán bộ tỉnh để đăng nhập /staff/ (tài khoản đầu tiên là quản trị viên: cấp mã cho đơn vị, tạo tài khoản cán bộ): echo "mat-khau-dai" | npx vr inbox staff add --data .data --user canbo',
      'Create a provincial staff account for /staff/ (the first account is the administrator: it issues unit tokens and adds staff): echo "a-long-password" | npx vr inbox staff add --data .data --user canbo',
    ]);
  }
  lines.push([
    'Nạp vào Excel trên máy tính: `npx office-addin-dev-certs install` (một lần), rồi `npm run start:desktop` (nạp manifest.xml).',
    'Sideload into Excel desktop: `npx office-addin-dev-certs install` (once), then `npm run start:desktop` (sideloads manifest.xml).',
  ]);
  lines.push([
    'Excel trên web: mở một sổ làm việc > Trang đầu > Bổ trợ > Thêm bổ trợ > Tải lên bổ trợ của tôi > chọn manifest.xml.',
    'Excel on the web: open a workbook > Home > Add-ins > More add-ins > Upload My Add-in > choose manifest.xml.',
  ]);
  lines.push(['Dừng: Ctrl+C.', 'Stop: Ctrl+C.']);
  return lines;
}

function vr(args, options = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/vr.js'), ...args], { cwd: ROOT, encoding: 'utf8', ...options });
}

function inboxReady() {
  if (!fs.existsSync(path.join(ROOT, 'bin/vr.js')) || !fs.existsSync(path.join(ROOT, 'dist/cli/main.js'))) return false;
  const help = vr(['inbox', '--help']);
  return help.status === 0 && /serve/.test(help.stdout);
}

/** The staff and upload pages are static bundles the inbox serves from dist/inbox-web; a fresh
 *  clone has none, and the inbox only looks for them when it starts, so build them first. */
function ensureInboxPages() {
  if (fs.existsSync(path.join(ROOT, 'dist/inbox-web/staff/index.html'))) return;
  log('Đang dựng trang cán bộ và trang tải lên của hộp thư (một lần, khoảng một phút)…', 'Building the inbox staff and upload pages (once, about a minute)…');
  const bin = require.resolve('webpack-cli/bin/cli.js');
  const built = spawnSync(process.execPath, [bin, '--config', 'webpack.inbox.js', '--mode', 'production', '--stats', 'errors-warnings'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) process.stderr.write(`${built.stdout || ''}${built.stderr || ''}`);
  if (built.status !== 0) log('Không dựng được trang hộp thư; /staff/ và /upload/ sẽ báo chưa dựng.', 'Could not build the inbox pages; /staff/ and /upload/ will say they are not built.');
}

/** A fresh data folder: an inbox serving Khánh Hoà under vn-2025 (as `vr inbox init --profile
 *  vn-2025 --province 56` in the README) and its test commune; `token` is that unit's, once. */
function makeTestInbox(dataDir) {
  const init = vr(['inbox', 'init', '--data', dataDir, '--profile', 'vn-2025', '--province', TEST_PROVINCE]);
  if (init.status !== 0) {
    process.stderr.write(init.stderr || '');
    return { ok: false, token: null };
  }
  const unit = vr(['inbox', 'unit', 'add', '--data', dataDir, '--profile', 'vn-2025', '--unit', TEST_UNIT.code]);
  if (unit.status !== 0) process.stderr.write(unit.stderr || '');
  const token = unit.status === 0 ? (unit.stdout || '').trim().split('\n').pop() || null : null;
  return { ok: true, token };
}

function startInbox() {
  if (!inboxReady()) {
    log('Chưa có hộp thư (chạy `npm run build:node` trước); chỉ chạy máy chủ phát triển.', 'Inbox not built (run `npm run build:node`); starting the dev server only.');
    return null;
  }
  ensureInboxPages();
  const fresh = !fs.existsSync(DATA) || fs.readdirSync(DATA).length === 0;
  if (fresh) {
    const made = makeTestInbox(DATA);
    if (!made.ok) return null;
    state.token = made.token;
  }
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/vr.js'), 'inbox', 'serve', '--data', DATA, '--port', String(INBOX_PORT)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  filterOutput(child.stdout);
  filterOutput(child.stderr, /./);
  children.push(child);
  return child;
}

function startDevServer() {
  const bin = require.resolve('webpack-cli/bin/cli.js');
  const child = spawn(process.execPath, [bin, 'serve', '--mode', 'development', '--config-name', 'pane', '--stats', 'errors-warnings'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VR_INBOX_URL: `http://127.0.0.1:${INBOX_PORT}` },
  });
  filterOutput(child.stdout);
  filterOutput(child.stderr);
  children.push(child);
  return child;
}

async function printWhenReady(withInbox) {
  const preview = `http://localhost:${PORT}/preview.html${withInbox ? `?inbox=http://localhost:${PORT}` : ''}`;
  const inbox = withInbox ? `http://localhost:${INBOX_PORT}` : null;
  log('Đang khởi động hộp thư và dựng ngăn tác vụ (lần đầu có thể mất vài phút)…', 'Starting the inbox and building the pane (the first time may take a few minutes)…');
  const started = Date.now();
  const [inboxUp, devUp] = await Promise.all([
    inbox ? waitForUrl(`http://127.0.0.1:${INBOX_PORT}/staff/`, 120_000) : Promise.resolve(true),
    waitForUrl(`http://127.0.0.1:${PORT}/preview.html`, 15 * 60_000),
  ]);
  if (!devUp) {
    log('Máy chủ phát triển chưa trả lời sau 15 phút; xem lỗi ở trên.', 'The dev server has not answered after 15 minutes; see the errors above.');
    return;
  }
  if (!inboxUp) log('Hộp thư chưa trả lời; xem lỗi ở trên.', 'The inbox is not answering; see the errors above.');
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log('');
  log(`Sẵn sàng sau ${seconds} giây.`, `Ready after ${seconds} s.`);
  for (const [vi, en] of summaryLines({ preview, inbox: inboxUp ? inbox : null, token: state.token })) log(vi, en);
  if (!process.env.CI && process.stdout.isTTY && !process.env.VR_NO_OPEN) {
    const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    try {
      spawn(opener, [preview], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
    } catch {
      // No desktop to open a browser on: the URL above is enough.
    }
  }
}

function stop() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

module.exports = { waitForUrl, summaryLines, filterOutput, makeTestInbox, TEST_UNIT };

if (require.main === module) {
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  process.on('SIGTERM', () => {
    stop();
    process.exit(143);
  });
  const inbox = startInbox();
  const dev = startDevServer();
  void printWhenReady(Boolean(inbox));
  dev.on('exit', (code) => {
    stop();
    process.exit(code ?? 0);
  });
}
