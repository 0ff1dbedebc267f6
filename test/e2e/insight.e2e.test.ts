import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashPassword } from '../../src/inbox/auth';
import { loadConfig } from '../../src/inbox/config';
import { startServer } from '../../src/inbox/server';
import type { InboxContext } from '../../src/inbox/storage/types';
import { registryCell, sampleParts, setRegistryCell, XLSX } from '../inbox/helpers';
import { newToken, sha256Hex } from '../../src/inbox/auth';
import { templateToBuffer } from '../../src/xlsx/write';
import { getProfile } from '../../src/profiles';

/**
 * The staff page's insight panels in headless Chromium against a real inbox: OUT-01 beside the
 * submission with its history and the "confirmed by the unit" note, DUP-01 with case IDs only.
 * Screenshots at 375 and 1280 px go to test-results/.
 */
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
const WEB = path.join(ROOT, 'dist/inbox-web');
const SHOTS = path.join(ROOT, 'test-results');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PROFILE = 'bac-ninh-2017';
const PLANTED_NAME = 'Quàng Thị Phượng Vĩ';
const PLANTED_ID = '001190012345';

let browser: Browser;
let ctx: InboxContext;
let url: string;
let close: () => Promise<void>;
const tokens: Record<string, string> = {};

function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = path.join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }, 0);
}

async function upload(unit: string, body: Buffer): Promise<string> {
  const res = await fetch(`${url}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${tokens[unit]}`, 'content-type': XLSX }, body: new Uint8Array(body) });
  const json = (await res.json()) as { id: string };
  if (res.status !== 200) throw new Error(`upload ${unit}: ${res.status} ${JSON.stringify(json)}`);
  return json.id;
}

beforeAll(async () => {
  const built = path.join(WEB, 'staff', 'index.html');
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newestSource(path.join(ROOT, 'src/inbox/web'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--config', 'webpack.inbox.js', '--mode', 'production'], { cwd: ROOT, stdio: 'ignore' });
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-e2e-insight-'));
  const started = await startServer(loadConfig({ dataDir: path.join(base, 'data'), port: 0, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, web: true }, {}));
  ctx = started.ctx;
  url = started.url;
  close = async () => {
    await started.app.close();
    fs.rmSync(base, { recursive: true, force: true });
  };
  const profile = getProfile(PROFILE)!;
  for (const u of profile.units) {
    tokens[u.code] = newToken();
    await ctx.store.upsertUnit({ profile: PROFILE, unit_code: u.code, unit_name: u.name, province_code: profile.province_code, token_hash: sha256Hex(tokens[u.code]) });
  }
  await ctx.store.upsertStaffUser({ username: 'chicuc', role: 'staff', password_hash: await hashPassword('Mật khẩu đủ dài 2020') });
  // Four accepted quarters for BN-TS (quiet) and BN-TP (as busy as its Q3 2020), then a sudden
  // rise at BN-TS in Q3 2020.
  for (const [year, quarter] of [[2019, 3], [2019, 4], [2020, 1], [2020, 2]]) {
    for (const [unit, rows] of [['BN-TS', 6], ['BN-TP', 40]] as const) {
      const id = await upload(unit, await templateToBuffer(sampleParts({ unit, year, quarter, rows, seed: year * 10 + quarter }).spec));
      await ctx.store.decideVersion(id, { state: 'accepted' }, 'chicuc', new Date().toISOString());
    }
  }
  const a = sampleParts({ unit: 'BN-TS', rows: 60, seed: 3 });
  const b = sampleParts({ unit: 'BN-TP', rows: 40, seed: 4 });
  const yearOf = (v: unknown) => (v instanceof Date ? v.getUTCFullYear() : Number(String(v).slice(-4)));
  const j = [...Array(40).keys()].find((r) => yearOf(registryCell(b.spec, r, 'birth_date')) === yearOf(registryCell(a.spec, 0, 'birth_date')));
  if (j === undefined) throw new Error('no row of BN-TP born in the same year');
  setRegistryCell(a.spec, 0, 'full_name', PLANTED_NAME);
  setRegistryCell(b.spec, j, 'full_name', PLANTED_NAME);
  // Where both rows have an ID number it must match too.
  setRegistryCell(a.spec, 0, 'id_number', PLANTED_ID);
  setRegistryCell(b.spec, j, 'id_number', PLANTED_ID);
  await upload('BN-TS', await templateToBuffer(a.spec));
  await upload('BN-TP', await templateToBuffer(b.spec));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
});

async function staffPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${url}/staff/`);
  await page.getByTestId('staff-user').fill('chicuc');
  await page.getByTestId('staff-password').fill('Mật khẩu đủ dài 2020');
  await page.getByTestId('staff-sign-in').click();
  await page.getByTestId('period-profile').selectOption(PROFILE);
  await page.getByTestId('period-year').fill('2020');
  await page.getByTestId('period-quarter').selectOption('3');
  await page.getByTestId('period-load').click();
  return page;
}

test('OUT-01 is shown beside the submission with its history, and staff note the unit confirmed it', async () => {
  const page = await staffPage(1280);
  const section = page.getByTestId('outliers-BN-TS');
  await section.waitFor();
  const text = await section.textContent();
  expect(text).toContain('Quý 2/2020');
  expect(text).toContain('Quý 3/2019');
  expect(await page.getByTestId('outliers-BN-TP').count()).toBe(0);
  await page.screenshot({ path: path.join(SHOTS, 'insight-staff-1280.png'), fullPage: true });
  await section.getByTestId('outliers-confirm').click();
  await section.getByTestId('outliers-confirmed').waitFor();
  expect(await section.getByTestId('outliers-confirmed').textContent()).toContain('chicuc');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: path.join(SHOTS, 'insight-staff-375.png'), fullPage: true });
  await page.close();
});

test('DUP-01 names the other unit and two case IDs, never the person', async () => {
  const page = await staffPage(1280);
  const dup = page.getByTestId('duplicates');
  await dup.getByTestId('duplicate-pair').first().waitFor();
  const text = (await dup.textContent()) ?? '';
  expect(text).toMatch(/BN-TP-\d{4}-\d{4}/);
  expect(text).toMatch(/BN-TS-\d{4}-\d{4}/);
  expect(await page.content()).not.toContain('Phượng');
  expect(await page.content()).not.toContain(PLANTED_ID);
  await page.close();
});
