import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { execFileSync as run } from 'node:child_process';
import '../../src/profiles/officialAll';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import type { InboxContext } from '../../src/inbox/storage/types';
import { findUnit, getProfile } from '../../src/profiles';
import { templateToBuffer } from '../../src/xlsx/write';
import { sampleParts, XLSX } from '../inbox/helpers';
import { ROOT, SHOTS, startWebInbox } from './inboxHarness';

/**
 * The province map on the staff page (Bắc Ninh, 99 communes of the 2025 list): each commune
 * coloured by its state, a legend, names on hover and keyboard focus; loaded only on opening;
 * a plan without commune boundaries keeps the table and says why.
 */
jest.setTimeout(300_000);

const BOUNDARY = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/boundaries/24.topo.json'), 'utf8')) as { objects: { communes: { geometries: { id: string }[] } } };
const CODES = BOUNDARY.objects.communes.geometries.map((g) => g.id);

let browser: Browser;
let ctx: InboxContext;
let url: string;
let close: () => Promise<void>;
const tokens: Record<string, string> = {};

async function upload(unit: string, seed: number): Promise<string> {
  const body = await templateToBuffer(sampleParts({ profile: 'vn-2025', unit, year: 2025, quarter: 3, rows: 5, seed }).spec);
  const res = await fetch(`${url}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${tokens[unit]}`, 'content-type': XLSX }, body: new Uint8Array(body) });
  const json = (await res.json()) as { id: string };
  if (res.status !== 200) throw new Error(`upload ${unit}: ${res.status} ${JSON.stringify(json)}`);
  return json.id;
}

beforeAll(async () => {
  const inbox = await startWebInbox('map');
  ({ ctx, url, browser } = inbox);
  close = inbox.close;
  const profile = getProfile('vn-2025')!;
  for (const code of CODES) {
    const unit = findUnit(profile, code)!;
    tokens[code] = newToken();
    await ctx.store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: '24', token_hash: sha256Hex(tokens[code]) });
  }
  await ctx.store.upsertStaffUser({ username: 'soyte', role: 'staff', password_hash: await hashPassword('Mật khẩu đủ dài 2025') });
  const now = () => new Date().toISOString();
  await ctx.store.decideVersion(await upload(CODES[0], 1), { state: 'accepted' }, 'soyte', now());
  await ctx.store.decideVersion(await upload(CODES[1], 2), { state: 'returned', reason: 'Thiếu số liệu' }, 'soyte', now());
  await upload(CODES[2], 3);
}, 900_000);

afterAll(async () => {
  await close?.();
});

async function staffPage(width: number, profile: string, year: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${url}/staff/`);
  await page.getByTestId('staff-user').fill('soyte');
  await page.getByTestId('staff-password').fill('Mật khẩu đủ dài 2025');
  await page.getByTestId('staff-sign-in').click();
  await page.getByTestId('period-profile').selectOption(profile);
  await page.getByTestId('period-year').fill(year);
  await page.getByTestId('period-quarter').selectOption('3');
  await page.getByTestId('period-load').click();
  await page.getByTestId('map-open').waitFor();
  return page;
}

test('the map loads only when opened and colours every commune by its state, with a legend', async () => {
  const page = await staffPage(1280, 'vn-2025', '2025');
  const boundaryRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/staff/insight/map') || r.url().includes('/shared/map.')) boundaryRequests.push(r.url());
  });
  await page.waitForTimeout(500);
  expect(boundaryRequests).toEqual([]);
  await page.getByTestId('map-open').click();
  const map = page.getByTestId('province-map');
  await map.waitFor();
  expect(boundaryRequests.some((u) => u.includes('/api/staff/insight/map'))).toBe(true);
  expect(await map.locator('path').count()).toBe(CODES.length);
  expect(await map.locator(`path[data-code="${CODES[0]}"]`).getAttribute('data-state')).toBe('accepted');
  expect(await map.locator(`path[data-code="${CODES[1]}"]`).getAttribute('data-state')).toBe('returned');
  expect(['submitted', 'late']).toContain(await map.locator(`path[data-code="${CODES[2]}"]`).getAttribute('data-state'));
  expect(await map.locator(`path[data-code="${CODES[3]}"]`).getAttribute('data-state')).toBe('missing');
  expect(await page.getByTestId('map-legend').textContent()).toContain('Đã chấp nhận');
  await page.screenshot({ path: path.join(SHOTS, 'insight-map-1280.png'), fullPage: true });
  await page.getByTestId('map-card').screenshot({ path: path.join(SHOTS, 'insight-map-card-1280.png') });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: path.join(SHOTS, 'insight-map-375.png'), fullPage: true });
  await page.close();
});

test('each commune is reachable by keyboard and says its name and state', async () => {
  const page = await staffPage(1280, 'vn-2025', '2025');
  await page.getByTestId('map-open').click();
  const first = page.getByTestId('province-map').locator(`path[data-code="${CODES[0]}"]`);
  await first.waitFor();
  expect(await first.getAttribute('tabindex')).toBe('0');
  expect(await first.getAttribute('aria-label')).toMatch(new RegExp(`${CODES[0]}\\): Đã chấp nhận`));
  await first.focus();
  expect(await page.getByTestId('map-hover').textContent()).toContain(CODES[0]);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-code'));
  expect(CODES).toContain(focused);
  expect(focused).not.toBe(CODES[0]);
  await page.close();
});

test('the quarter view prints on one A4 page: title, key figures, map, every unit, signature blocks', async () => {
  const page = await staffPage(1280, 'vn-2025', '2025');
  await page.getByTestId('map-open').click();
  await page.getByTestId('province-map').waitFor();
  const pdf = path.join(SHOTS, 'insight-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = run('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/Pages:\s+1\n/);
  expect(info).toMatch(/Page size:\s+595\.\d+ x 84\d\.\d+ pts \(A4\)/);
  const text = run('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('QUÝ 3/2025');
  expect(text).toContain('THỦ TRƯỞNG ĐƠN VỊ');
  expect(text).toContain('NGƯỜI LẬP BIỂU');
  expect(text).toContain(CODES[CODES.length - 1]);
  expect(text).not.toContain('Tải bản nộp');
  run('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, path.join(SHOTS, 'insight-print')]);
  await page.close();
});

test('the trend charts of a commune province (law 2024: 11 support types) print on one A4 page, the quarter summary left out', async () => {
  const page = await staffPage(1280, 'vn-2025', '2025');
  await page.getByTestId('trends-open').click();
  await page.getByTestId('trend-support').waitFor();
  expect(await page.getByTestId('trend-support').getByTestId('trend-table').locator('tbody tr').count()).toBe(12);
  await page.evaluate(() => (document.documentElement.dataset.print = 'trends'));
  const pdf = path.join(SHOTS, 'trends-province-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  expect(run('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
  const text = run('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('XU HƯỚNG CÁC CHỈ TIÊU CHÍNH');
  expect(text).toContain('Toàn tỉnh');
  expect(text).not.toContain('THỦ TRƯỞNG ĐƠN VỊ');
  run('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, path.join(SHOTS, 'trends-province-print')]);
  await page.close();
});

test('a plan without commune boundaries keeps the table and says why the map is missing', async () => {
  const page = await staffPage(1280, 'bac-ninh-2017', '2020');
  await page.getByTestId('map-open').click();
  const missing = page.getByTestId('map-missing');
  await missing.waitFor();
  expect(await missing.textContent()).toMatch(/không phải xã\/phường/);
  expect(await page.getByTestId('period-grid').count()).toBe(1);
  await page.close();
});
