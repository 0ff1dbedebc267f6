import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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

/** Words of the pages' English text; none may show in the Vietnamese UI (codes and proper
 *  names are not in the list; the language toggle, which names "English", is left out). */
export const ENGLISH = new Set(
  ('the and of to is are for with not this that your you sheet token upload submit submitted file files error errors warning warnings ' +
    'download status unit state receipt version profile cell rule message value cancel save saved missing late returned accepted ' +
    'sign signed password user name plan year quarter period report inbox staff workbook check show load loading back next close ' +
    'open yes ok copy copied send sending page switch return accept reason deadline findings severity summary choose chosen time ' +
    'on-time received expected completeness timeliness blank rolled view government total male female notes awaiting').split(' '),
);

const consoleErrors = new WeakMap<Page, string[]>();

/** Records the page's console errors and uncaught exceptions for `checkPage`. */
export function watch(page: Page): Page {
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (m) => {
    // 422 is the inbox's answer "refused for findings" (docs/cli.md); Chromium logs any 4xx.
    if (m.type() === 'error' && !(m.text().includes('status of 422') && m.location().url.endsWith('/api/submissions'))) errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

export function pageErrors(page: Page): string[] {
  return consoleErrors.get(page) ?? [];
}

/** On every page state: no horizontal overflow, no console error, no English word in Vietnamese. */
export async function checkPage(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()!.width;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect({ name, width, overflow: scrollWidth > width }).toEqual({ name, width, overflow: false });
  expect({ name, errors: consoleErrors.get(page) ?? [] }).toEqual({ name, errors: [] });
  const words = await page.evaluate(() =>
    [document.body.innerText, ...Array.from(document.querySelectorAll('[aria-label]'))
        // The language toggle speaks the other language (lang="en"), as it should.
        .filter((e) => e.closest('[lang]')?.getAttribute('lang') !== 'en')
        .map((e) => e.getAttribute('aria-label'))].join(' ').split(/[^\p{L}\p{N}_-]+/u),
  );
  const english = words.filter((w) => ENGLISH.has(w.toLowerCase()) && w !== 'SHA-256');
  if (await page.evaluate(() => document.documentElement.lang) === 'vi') expect({ name, english }).toEqual({ name, english: [] });
}

/** Checks the page and saves a full-page screenshot at its width, then the same state at the
 *  other of the pages' widths (375 px phone, 1280 px desktop), checked too. */
export async function shot(page: Page, name: string): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const other = width < 1280 ? 1280 : 375;
  await checkPage(page, `${name}@${width}`);
  await page.screenshot({ path: path.join(SHOTS, `inbox-${name}-${width}.png`), fullPage: true });
  await page.setViewportSize({ width: other, height: other === 375 ? 800 : 900 });
  await page.waitForTimeout(200);
  await checkPage(page, `${name}@${other}`);
  await page.screenshot({ path: path.join(SHOTS, `inbox-${name}-${other}.png`), fullPage: true });
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(200);
}
