/**
 * The staff page's province map: time from "Xem bản đồ tỉnh" to every commune drawn, for the
 * province with the most communes (Hồ Chí Minh, 79: 168, Côn Đảo in an inset) and for Khánh Hoà
 * (56: 65, Trường Sa's 140 reefs and islands in an inset), and the boundary files' sizes. The
 * layout (grouping every ring, framing the mainland, the insets) is part of the time. A real
 * inbox (temp folder) with every commune of the province registered as a vn-2025 unit, the
 * production bundle (dist/inbox-web, `npm run build`), headless Chromium; each run in a fresh
 * browser context (nothing cached). Writes its section of bench/README.md.
 *
 * Run: `npm run bench -- map` or `npx tsx bench/map.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import '../src/profiles/officialAll';
import { hashPassword, newToken, sha256Hex } from '../src/inbox/auth';
import { loadConfig } from '../src/inbox/config';
import { startServer } from '../src/inbox/server';
import { findUnit, getProfile } from '../src/profiles';
import { writeBenchSection } from './readme';

const ROOT = path.resolve(__dirname, '..');
const PROVINCES = [
  { code: '79', name: 'Hồ Chí Minh' },
  { code: '56', name: 'Khánh Hoà' },
];
const RUNS = 5;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Result {
  province: string;
  name: string;
  communes: number;
  bytes: number;
  gzip: number;
  times: number[];
}

async function measure(PROVINCE: string, name: string): Promise<Result> {
  const file = path.join(ROOT, 'assets', 'boundaries', `${PROVINCE}.topo.json`);
  const bytes = fs.readFileSync(file);
  const codes = (JSON.parse(bytes.toString('utf8')) as { objects: { communes: { geometries: { id: string }[] } } }).objects.communes.geometries.map((g) => g.id);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-bench-map-'));
  const { app, ctx, url } = await startServer(loadConfig({ dataDir: path.join(base, 'data'), port: 0, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, web: true, logger: false }, {}));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const times: number[] = [];
  try {
    const profile = getProfile('vn-2025')!;
    for (const code of codes) {
      const unit = findUnit(profile, code);
      if (!unit) continue;
      await ctx.store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: PROVINCE, token_hash: sha256Hex(newToken()) });
    }
    await ctx.store.upsertStaffUser({ username: 'bench', role: 'staff', password_hash: await hashPassword('mật khẩu đo hiệu năng') });
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${url}/staff/`);
      await page.getByTestId('staff-user').fill('bench');
      await page.getByTestId('staff-password').fill('mật khẩu đo hiệu năng');
      await page.getByTestId('staff-sign-in').click();
      await page.getByTestId('period-profile').selectOption('vn-2025');
      await page.getByTestId('period-load').click();
      await page.getByTestId('map-open').waitFor();
      const t0 = Date.now();
      await page.getByTestId('map-open').click();
      // Every commune once, in the main frame or in an inset.
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="map-figure"] path[tabindex="0"]').length === n, codes.length, { timeout: 60_000 });
      times.push(Date.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
  return { province: PROVINCE, name, communes: codes.length, bytes: bytes.length, gzip: gzipSync(bytes).length, times };
}

async function main(): Promise<void> {
  const results: Result[] = [];
  for (const p of PROVINCES) results.push(await measure(p.code, p.name));
  const median = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)];
  const chunk = fs.readdirSync(path.join(ROOT, 'dist', 'inbox-web', 'shared')).find((f) => f.startsWith('map.'));
  const chunkBytes = chunk ? fs.statSync(path.join(ROOT, 'dist', 'inbox-web', 'shared', chunk)).size : 0;
  console.log(results, { chunkBytes });
  const section = [
    '<!-- bench:map -->',
    '## Staff page map (bench/map.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'CPU'}), shared with other jobs (load average ${os.loadavg()[0].toFixed(1)} at the end); Node ${process.version}; Chromium headless.`,
    `Hồ Chí Minh (79), the province with the most communes, and Khánh Hoà (56), whose Trường Sa is an inset of 140 parts; every commune registered as a vn-2025 unit. Time = click on "Xem bản đồ tỉnh" to every commune's path in the DOM: boundary request, the map chunk (topojson-client, the layout and the SVG component), the layout (mainland frame and island insets) and the render; a fresh browser context per run (no cache). ${RUNS} runs each.`,
    '',
    '| province | communes | boundary file | gzip | map chunk | first render, median | runs (ms) |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.province} ${r.name} | ${r.communes} | ${(r.bytes / 1024).toFixed(0)} KB | ${(r.gzip / 1024).toFixed(0)} KB | ${(chunkBytes / 1024).toFixed(1)} KB | ${median(r.times)} ms | ${r.times.join(', ')} |`),
    '',
    'All 34 provinces\' files (scripts/boundaries.js --tag v4.2.0, mapshaper 0.7.70, 3 % of vertices kept) total 1.7 MB; none is sent until the map is opened.',
    '<!-- /bench:map -->',
  ].join('\n');
  writeBenchSection('map', section);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
