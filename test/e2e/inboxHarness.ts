import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../src/inbox/config';
import { startServer } from '../../src/inbox/server';
import type { InboxContext } from '../../src/inbox/storage/types';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './paneHarness';

/**
 * What the inbox's browser journeys share: the production bundle of its pages (built when
 * `npm run build` has not run or is older than the page sources), a real inbox on a free port
 * with a temporary data folder, and headless Chromium from Debian.
 */
export const ROOT = path.resolve(__dirname, '../..');
export const SHOTS = path.join(ROOT, 'test-results');
const WEB = path.join(ROOT, 'dist/inbox-web');

/** Newest modification time of the page sources (a bundle older than them is stale). */
function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = path.join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }, 0);
}

export function ensureInboxPages(): void {
  const newest = newestSource(path.join(ROOT, 'src/inbox/web'));
  const stale = ['staff', 'upload'].some((page) => {
    const built = path.join(WEB, page, 'index.html');
    return !fs.existsSync(built) || fs.statSync(built).mtimeMs < newest;
  });
  if (stale) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--config', 'webpack.inbox.js', '--mode', 'production'], { cwd: ROOT, stdio: 'ignore' });
  }
}

export interface WebInbox {
  ctx: InboxContext;
  url: string;
  dataDir: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the pages if needed, starts an inbox serving them and a browser. */
export async function startWebInbox(prefix: string): Promise<WebInbox> {
  ensureInboxPages();
  fs.mkdirSync(SHOTS, { recursive: true });
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `vr-e2e-${prefix}-`));
  const dataDir = path.join(base, 'data');
  const started = await startServer(loadConfig({ dataDir, port: 0, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, web: true }, {}));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    ctx: started.ctx,
    url: started.url,
    dataDir,
    browser,
    async close() {
      await browser.close();
      await started.app.close();
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
