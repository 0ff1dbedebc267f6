/**
 * Builds the pane (webpack, production) into a temporary folder and serves it over plain
 * http, for the end-to-end test and the benchmark. Chromium via playwright-core with the
 * system browser (never downloaded).
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';

const ROOT = path.resolve(__dirname, '../..');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function buildPane(mode: 'production' | 'development' = 'production'): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as typeof import('webpack');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configs = require(path.join(ROOT, 'webpack.config.js'))({}, { mode });
  const config = { ...configs[0], mode, context: ROOT };
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-pane-'));
  config.output = { ...config.output, path: out };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    }),
  );
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

/** Serves `dir`; with `api`, requests under /api/ go to that inbox, so the pane and the inbox
 *  share one origin (as behind the province's https proxy). */
export async function serve(dir: string, api?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (api && (req.url ?? '').startsWith('/api/')) {
      const target = new URL(req.url ?? '/', api);
      const forward = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
      return;
    }
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'preview.html';
    const file = path.join(dir, name);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The JS files boot.js loads first for a page (what a clerk downloads before first paint). */
export function initialScripts(dir: string, page: string): string[] {
  const html = fs.readFileSync(path.join(dir, page), 'utf8');
  const match = /data-bundles="([^"]*)"/.exec(html);
  return ['boot.js', ...(match ? match[1].split(' ').filter(Boolean) : [])];
}

/** Elements of the pane (data-testid="pane") that stick out past its right edge, and its
 *  scroll and client widths: a clerk at 320 px must never scroll sideways. */
export async function paneOverflow(page: import('playwright-core').Page): Promise<{ scrollWidth: number; clientWidth: number; wide: string[] }> {
  return page.evaluate(() => {
    const pane = document.querySelector('[data-testid="pane"]') as HTMLElement;
    const right = pane.getBoundingClientRect().right;
    const wide: string[] = [];
    pane.querySelectorAll('*').forEach((el) => {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > right + 1) wide.push(`${el.tagName.toLowerCase()} ${Math.round(box.width)} px: ${(el.textContent ?? '').slice(0, 40)}`);
    });
    return { scrollWidth: pane.scrollWidth, clientWidth: pane.clientWidth, wide: wide.slice(0, 10) };
  });
}
