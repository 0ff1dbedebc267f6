import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseWorkbook, readMeta } from '../../src/domain/parse';
import { ruleById } from '../../src/domain/rules';
import { generateSample } from '../../src/domain/sample';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import { loadConfig } from '../../src/inbox/config';
import { startServer } from '../../src/inbox/server';
import type { InboxContext } from '../../src/inbox/storage/types';
import { findUnit, getProfile } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';

/**
 * The two inbox pages in headless Chromium against a real inbox (temp data dir, free port,
 * the production bundle from webpack.inbox.js): a unit downloads its template, is refused with
 * findings for a workbook with planted errors, gets a receipt for a clean one; staff return it
 * with a reason, the unit sees the reason and resubmits, staff accept.
 */
jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
const WEB = path.join(ROOT, 'dist/inbox-web');
const SHOTS = path.join(ROOT, 'test-results');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const profile = getProfile('bac-ninh-2017')!;
const unit = findUnit(profile, 'BN-TS')!;

let browser: Browser;
let ctx: InboxContext;
let close: () => Promise<void>;
let url: string;
let dataDir: string;
let token: string;

async function sampleFile(name: string, opts: { rows: number; seed: number; errors?: boolean }) {
  const sample = generateSample({ ...opts, profile, unit, year: 2020, quarter: 3 });
  const file = path.join(dataDir, '..', name);
  fs.writeFileSync(file, await templateToBuffer(sample.spec));
  return { file, expected: sample.expected };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `inbox-${name}.png`), fullPage: true });
}

async function choosePeriod(page: Page): Promise<void> {
  await page.getByTestId('period-year').fill('2020');
  await page.getByTestId('period-quarter').selectOption('3');
}

/** Newest modification time of the page sources (a bundle older than them is stale). */
function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = path.join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }, 0);
}

beforeAll(async () => {
  // The pages are the production bundle; build it when `npm run build` has not run or is stale.
  const built = path.join(WEB, 'upload', 'index.html');
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newestSource(path.join(ROOT, 'src/inbox/web'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--config', 'webpack.inbox.js', '--mode', 'production'], { cwd: ROOT, stdio: 'ignore' });
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-e2e-inbox-'));
  dataDir = path.join(base, 'data');
  const started = await startServer(loadConfig({ dataDir, port: 0, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, web: true }, {}));
  ctx = started.ctx;
  url = started.url;
  close = async () => {
    await started.app.close();
    fs.rmSync(base, { recursive: true, force: true });
  };
  token = newToken();
  await ctx.store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: profile.province_code, token_hash: sha256Hex(token) });
  await ctx.store.upsertStaffUser({ username: 'chicuc', role: 'staff', password_hash: await hashPassword('Mật khẩu đủ dài 2020') });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await close?.();
});

async function unitPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${url}/upload/`);
  await page.getByTestId('unit-token').fill(token);
  await page.getByTestId('unit-sign-in').click();
  await page.getByTestId('unit-name').waitFor();
  await choosePeriod(page);
  return page;
}

async function staffPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${url}/`);
  await page.getByTestId('staff-user').fill('chicuc');
  await page.getByTestId('staff-password').fill('Mật khẩu đủ dài 2020');
  await page.getByTestId('staff-sign-in').click();
  await page.getByTestId('period-profile').selectOption('bac-ninh-2017');
  await choosePeriod(page);
  await page.getByTestId('period-load').click();
  return page;
}

const unitRow = (page: Page) => page.getByTestId('unit-row-BN-TS');

test('(a) a unit downloads its template, sees the planted errors with cell references, and gets a receipt for a clean workbook', async () => {
  const page = await unitPage();
  await shot(page, 'upload-signed-in');
  expect(await page.getByTestId('unit-name').textContent()).toContain('Thị xã Từ Sơn');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
  expect(download.suggestedFilename()).toBe('BN-TS-2020-Q3.xlsx');
  const template = await readWorkbookBuffer(fs.readFileSync((await download.path())!));
  expect(readMeta(template).meta).toMatchObject({ unit_code: 'BN-TS', year: 2020, quarter: 3 });

  const bad = await sampleFile('co-loi.xlsx', { rows: 40, seed: 9, errors: true });
  // Every planted blocking error of a rule the engine registers (the rule families land
  // separately; each family's own tests prove its findings).
  const blocking = bad.expected.filter((f) => (f.severity === 'error' || f.severity === 'fatal') && ruleById(f.rule));
  expect(blocking.length).toBeGreaterThan(5);
  await page.getByTestId('upload-file').setInputFiles(bad.file);
  await page.getByTestId('upload-send').click();
  await page.getByTestId('findings-table').waitFor();
  await shot(page, 'upload-findings');
  const rows = await page.locator('[data-testid="findings-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => `${tr.getAttribute('data-rule')}@${tr.getAttribute('data-cell')}`),
  );
  for (const f of blocking) expect(rows).toContain(`${f.rule}@${f.cell ?? ''}`);
  // Messages are Vietnamese first, English on the toggle.
  const first = page.locator('[data-testid="findings-table"] tbody tr').first();
  const vi = await first.locator('td').nth(4).textContent();
  await page.getByTestId('lang-toggle').click();
  const en = await first.locator('td').nth(4).textContent();
  expect(en).not.toBe(vi);
  await page.getByTestId('lang-toggle').click();
  expect(await ctx.store.countVersions()).toBe(0);
  // A phone-sized screen: the page reflows, only the wide table scrolls inside its box.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await shot(page, 'upload-findings-narrow');
  await page.setViewportSize({ width: 1100, height: 900 });

  const clean = await sampleFile('sach.xlsx', { rows: 30, seed: 4 });
  await page.getByTestId('upload-file').setInputFiles(clean.file);
  await page.getByTestId('upload-send').click();
  await page.getByTestId('receipt').waitFor();
  await shot(page, 'upload-receipt');
  const [version] = await ctx.store.listPeriodVersions(profile.id, 2020, 3);
  expect(await page.getByTestId('receipt').textContent()).toContain(version.id);
  await page.close();

  const staff = await staffPage();
  await unitRow(staff).waitFor();
  expect(['submitted', 'late']).toContain(await unitRow(staff).getAttribute('data-state'));
  await shot(staff, 'staff-submitted');
  await staff.close();
});

test('(b) staff return with a reason, the unit sees it and resubmits, staff accept', async () => {
  const reason = 'Mục 4.2 thiếu chứng từ chi; đề nghị bổ sung và nộp lại.';
  const staff = await staffPage();
  await unitRow(staff).waitFor();
  await unitRow(staff).getByTestId('return-open').click();
  await staff.getByTestId('return-reason-input').fill(reason);
  await shot(staff, 'staff-return-dialog');
  await staff.getByTestId('return-confirm').click();
  await staff.locator('[data-testid="unit-row-BN-TS"][data-state="returned"]').waitFor();
  expect(await unitRow(staff).textContent()).toContain(reason);
  await shot(staff, 'staff-returned');

  const page = await unitPage();
  await page.getByTestId('return-reason').waitFor();
  expect(await page.getByTestId('return-reason').textContent()).toContain(reason);
  expect(await page.getByTestId('quarter-state').getAttribute('data-state')).toBe('returned');
  await shot(page, 'upload-returned');
  const fixed = await sampleFile('da-sua.xlsx', { rows: 31, seed: 4 });
  await page.getByTestId('upload-file').setInputFiles(fixed.file);
  await page.getByTestId('upload-send').click();
  await page.getByTestId('receipt').waitFor();
  expect(await page.getByTestId('receipt').textContent()).toMatch(/Lần nộp\s*2/);

  await staff.getByTestId('period-load').click();
  await staff.locator('[data-testid="unit-row-BN-TS"][data-state="late"], [data-testid="unit-row-BN-TS"][data-state="submitted"]').waitFor();
  await unitRow(staff).getByTestId('accept').click();
  await staff.locator('[data-testid="unit-row-BN-TS"][data-state="accepted"]').waitFor();
  await shot(staff, 'staff-accepted');

  const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('download-consolidated').click()]);
  const consolidated = await readWorkbookBuffer(fs.readFileSync((await download.path())!));
  expect(consolidated.sheets.map((s) => s.name)).toContain('BN-TS');

  await page.getByTestId('period-quarter').selectOption('2');
  await page.getByTestId('period-quarter').selectOption('3');
  await page.locator('[data-testid="quarter-state"][data-state="accepted"]').waitFor();
  await shot(page, 'upload-accepted');
  // Accepted: the next quarter's workbook, rolled over from the accepted version (31 people).
  const [next] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-next').click()]);
  expect(next.suggestedFilename()).toBe('BN-TS-2020-Q4.xlsx');
  const rolled = await readWorkbookBuffer(fs.readFileSync((await next.path())!));
  expect(readMeta(rolled).meta).toMatchObject({ unit_code: 'BN-TS', year: 2020, quarter: 4 });
  expect(parseWorkbook(rolled).registry.records).toHaveLength(31);
  const actions = (await ctx.store.listAudit({ limit: 50 })).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['submit', 'return', 'accept', 'consolidate']));
  await page.close();
  await staff.close();
});
