/* `npm start`: the provincial inbox (embedded SQLite in ./.data) and the pane's dev server,
 * together. Prints the preview URL and how to sideload manifest.xml into Excel; opens the
 * preview in a browser only on an interactive desktop (never when CI is set). */
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, '.data');
const PORT = Number(process.env.npm_package_config_dev_server_port || process.env.PORT || 3000);
const INBOX_PORT = Number(process.env.VR_INBOX_PORT || 8787);
const children = [];

function log(vi, en) {
  console.log(`${vi}\n  ${en}`);
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
  const built = spawnSync(process.execPath, [bin, '--config', 'webpack.inbox.js', '--mode', 'production'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) log('Không dựng được trang hộp thư; /staff/ và /upload/ sẽ báo chưa dựng.', 'Could not build the inbox pages; /staff/ and /upload/ will say they are not built.');
}

function startInbox() {
  if (!inboxReady()) {
    log('Chưa có hộp thư (chạy `npm run build:node` trước); chỉ chạy máy chủ phát triển.', 'Inbox not built (run `npm run build:node`); starting the dev server only.');
    return null;
  }
  ensureInboxPages();
  const fresh = !fs.existsSync(DATA) || fs.readdirSync(DATA).length === 0;
  if (fresh) {
    const init = vr(['inbox', 'init', '--data', DATA], { stdio: 'inherit' });
    if (init.status !== 0) return null;
    const unit = vr(['inbox', 'unit', 'add', '--data', DATA, '--profile', 'bac-ninh-2017', '--unit', 'BN-TS']);
    const token = (unit.stdout || '').trim().split('\n').pop();
    if (unit.status === 0 && token) log(`Mã đơn vị thử BN-TS (chỉ hiện một lần): ${token}`, `Test unit token for BN-TS (shown once): ${token}`);
  }
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/vr.js'), 'inbox', 'serve', '--data', DATA, '--port', String(INBOX_PORT)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  children.push(child);
  return child;
}

function startDevServer() {
  const bin = require.resolve('webpack-cli/bin/cli.js');
  const child = spawn(process.execPath, [bin, 'serve', '--mode', 'development', '--config-name', 'pane'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, VR_INBOX_URL: `http://127.0.0.1:${INBOX_PORT}` },
  });
  children.push(child);
  return child;
}

function printHelp(withInbox) {
  const preview = `http://localhost:${PORT}/preview.html${withInbox ? `?inbox=http://localhost:${PORT}` : ''}`;
  console.log('');
  log(`Xem thử ngăn tác vụ trong trình duyệt: ${preview}`, `Preview the pane in a browser: ${preview}`);
  if (withInbox) {
    log(`Hộp thư tỉnh: http://localhost:${INBOX_PORT}/ (cũng qua http://localhost:${PORT}/api)`, `Provincial inbox: http://localhost:${INBOX_PORT}/ (also via http://localhost:${PORT}/api)`);
    log(
      'Tạo tài khoản cán bộ tỉnh để đăng nhập trang /staff/: echo "mat-khau-dai" | npx vr inbox staff add --data .data --user canbo',
      'Create a provincial staff account for /staff/: echo "a-long-password" | npx vr inbox staff add --data .data --user canbo',
    );
  }
  log(
    'Nạp vào Excel trên máy tính: `npx office-addin-dev-certs install` (một lần), rồi `npm run start:desktop` (nạp manifest.xml).',
    'Sideload into Excel desktop: `npx office-addin-dev-certs install` (once), then `npm run start:desktop` (sideloads manifest.xml).',
  );
  log(
    'Excel trên web: mở một sổ làm việc > Trang đầu > Bổ trợ > Thêm bổ trợ > Tải lên bổ trợ của tôi > chọn manifest.xml.',
    'Excel on the web: open a workbook > Home > Add-ins > More add-ins > Upload My Add-in > choose manifest.xml.',
  );
  if (!process.env.CI && process.stdout.isTTY && !process.env.VR_NO_OPEN) {
    const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    setTimeout(() => {
      try {
        spawn(opener, [preview], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
      } catch {
        // No desktop to open a browser on: the URL above is enough.
      }
    }, 8000);
  }
}

function stop() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

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
printHelp(Boolean(inbox));
dev.on('exit', (code) => {
  stop();
  process.exit(code ?? 0);
});
