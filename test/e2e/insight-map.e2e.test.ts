import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { execFileSync as run } from 'node:child_process';
import '../../src/profiles/officialAll';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import type { InboxContext } from '../../src/inbox/storage/types';
import { findUnit, getProfile } from '../../src/profiles';
import { templateToBuffer } from '../../src/xlsx/write';
import { STATE_FILL } from '../../src/inbox/web/staff/insight/mapPalette';
import { sampleParts, XLSX } from '../inbox/helpers';
import { ROOT, SHOTS, startWebInbox } from './inboxHarness';

/**
 * The province map on the staff page, on today's plan: Khánh Hoà (56), whose Đặc khu Trường Sa
 * lies hundreds of kilometres out at sea. The mainland fills its frame, the islands are a
 * labelled inset, each commune is coloured by its state (hatched when missing), a small accepted
 * ward is still big enough to see, at 1280 and 375 px and on the printed A4 summary; names on
 * hover and keyboard focus; loaded only on opening. A district-era plan has no map: the card
 * says so, nothing fails in the console, nothing of it is printed.
 */
jest.setTimeout(300_000);

const BOUNDARY = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/boundaries/56.topo.json'), 'utf8')) as { objects: { communes: { geometries: { id: string; properties: { name: string } }[] } } };
const CODES = BOUNDARY.objects.communes.geometries.map((g) => g.id);
const TRUONG_SA = BOUNDARY.objects.communes.geometries.find((g) => g.properties.name === 'Đặc khu Trường Sa')!.id;
const NHA_TRANG = '22366'; // Phường Nha Trang: accepted
const RETURNED = '22402'; // Phường Nam Nha Trang
const SUBMITTED = '22453'; // Xã Cam Lâm
const MISSING = '22489'; // Xã Vạn Ninh

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
    await ctx.store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: '56', token_hash: sha256Hex(tokens[code]) });
  }
  await ctx.store.upsertStaffUser({ username: 'soyte', role: 'staff', password_hash: await hashPassword('Mật khẩu đủ dài 2025') });
  const now = () => new Date().toISOString();
  await ctx.store.decideVersion(await upload(NHA_TRANG, 1), { state: 'accepted' }, 'soyte', now());
  await ctx.store.decideVersion(await upload(RETURNED, 2), { state: 'returned', reason: 'Thiếu số liệu' }, 'soyte', now());
  await upload(SUBMITTED, 3);
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
  await page.getByTestId('map-card').waitFor();
  return page;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The main frame's box, the union of the mainland's shapes, and a commune's box (its shape
 *  and its round mark together), as the page draws them. */
async function measure(page: Page, code: string): Promise<{ frame: Rect; land: Rect; commune: Rect }> {
  return page.evaluate((c) => {
    const svg = document.querySelector('[data-testid="province-map"]')!;
    const box = (els: Element[]) => {
      const rs = els.map((e) => e.getBoundingClientRect());
      const x = Math.min(...rs.map((r) => r.left));
      const y = Math.min(...rs.map((r) => r.top));
      return { x, y, width: Math.max(...rs.map((r) => r.right)) - x, height: Math.max(...rs.map((r) => r.bottom)) - y };
    };
    return {
      frame: box([svg]),
      land: box([...svg.querySelectorAll('path')]),
      commune: box([...svg.querySelectorAll(`[data-code="${c}"], [data-mark="${c}"]`)]),
    };
  }, code);
}

async function expectReadable(page: Page, minCommune: number): Promise<void> {
  const { frame, land, commune } = await measure(page, NHA_TRANG);
  // The mainland fills its frame (it was a 60 × 110 px blob in a 640 × 399 frame with Trường Sa in it).
  expect(land.width / frame.width).toBeGreaterThan(0.9);
  expect(land.height / frame.height).toBeGreaterThan(0.9);
  expect(Math.min(frame.width, frame.height)).toBeGreaterThan(180);
  // The accepted ward is visibly large enough, not a speck.
  expect(Math.min(commune.width, commune.height)).toBeGreaterThanOrEqual(minCommune);
  // Trường Sa is a labelled inset, not part of the main frame.
  expect(await page.getByTestId('province-map').locator(`path[data-code="${TRUONG_SA}"]`).count()).toBe(0);
  const inset = page.getByTestId('map-inset').filter({ has: page.locator(`path[data-code="${TRUONG_SA}"]`) });
  expect(await inset.count()).toBe(1);
  // Its reefs are a few pixels each: the caption says the state in words, beside a swatch.
  expect(await inset.locator('figcaption').textContent()).toContain('Đặc khu Trường Sa: Chưa nộp');
  expect(await inset.isVisible()).toBe(true);
}

test('the map loads only when opened; the mainland fills its frame, Trường Sa is a labelled inset, states are told apart (1280 and 375 px)', async () => {
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
  // Every commune is drawn once in the main frame or in an inset.
  const drawn = await page.getByTestId('map-figure').locator('path[data-code][tabindex="0"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  expect([...drawn].sort()).toEqual([...CODES].sort());
  expect(await map.locator(`path[data-code="${NHA_TRANG}"]`).getAttribute('data-state')).toBe('accepted');
  expect(await map.locator(`path[data-code="${RETURNED}"]`).getAttribute('data-state')).toBe('returned');
  expect(['submitted', 'late']).toContain(await map.locator(`path[data-code="${SUBMITTED}"]`).getAttribute('data-state'));
  const missing = map.locator(`path[data-code="${MISSING}"]`);
  expect(await missing.getAttribute('data-state')).toBe('missing');
  // "Chưa nộp" is hatched (a second cue beside colour), the other states plain fills that differ.
  expect(await missing.getAttribute('fill')).toMatch(/^url\(#vr-hatch-/);
  // The other states are the checked palette's fills (test/inbox/mapPalette.test.ts).
  for (const c of [NHA_TRANG, RETURNED, SUBMITTED]) {
    const shape = map.locator(`path[data-code="${c}"]`);
    expect(await shape.getAttribute('fill')).toBe(STATE_FILL[(await shape.getAttribute('data-state')) as keyof typeof STATE_FILL]);
  }
  const legend = page.getByTestId('map-legend');
  expect(await legend.locator('li').count()).toBe(6);
  expect(await legend.textContent()).toContain('Đã chấp nhận (1)');
  expect(await legend.locator('li[data-state="missing"] rect[stroke]').getAttribute('fill')).toMatch(/^url\(#vr-hatch-/);
  await expectReadable(page, 16);
  await page.screenshot({ path: path.join(SHOTS, 'insight-map-1280.png'), fullPage: true });
  await page.getByTestId('map-card').screenshot({ path: path.join(SHOTS, 'insight-map-card-1280.png') });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300);
  await expectReadable(page, 10);
  await page.getByTestId('map-card').screenshot({ path: path.join(SHOTS, 'insight-map-card-375.png') });
  await page.screenshot({ path: path.join(SHOTS, 'insight-map-375.png'), fullPage: true });
  await page.close();
});

test('each commune is reachable by keyboard and says its name and state', async () => {
  const page = await staffPage(1280, 'vn-2025', '2025');
  await page.getByTestId('map-open').click();
  const first = page.getByTestId('province-map').locator(`path[data-code="${NHA_TRANG}"]`);
  await first.waitFor();
  expect(await first.getAttribute('tabindex')).toBe('0');
  expect(await first.getAttribute('aria-label')).toMatch(new RegExp(`${NHA_TRANG}\\): Đã chấp nhận`));
  await first.focus();
  expect(await page.getByTestId('map-hover').textContent()).toContain(NHA_TRANG);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-code'));
  expect(CODES).toContain(focused);
  expect(focused).not.toBe(NHA_TRANG);
  // The inset's communes are reachable too, and say their name.
  const island = page.getByTestId('map-inset').locator(`path[data-code="${TRUONG_SA}"]`);
  expect(await island.getAttribute('tabindex')).toBe('0');
  expect(await island.getAttribute('aria-label')).toMatch(/^Đặc khu Trường Sa \(\d{5}\): Chưa nộp$/);
  await page.close();
});

test('the quarter view prints on one A4 page: title, key figures, the map with its Trường Sa inset and legend, every unit, signature blocks', async () => {
  const page = await staffPage(1280, 'vn-2025', '2025');
  await page.getByTestId('map-open').click();
  await page.getByTestId('province-map').waitFor();
  await page.emulateMedia({ media: 'print' });
  // In print the mainland still fills the map's frame and the accepted ward can be seen.
  const { frame, land, commune } = await measure(page, NHA_TRANG);
  expect(land.width / frame.width).toBeGreaterThan(0.9);
  expect(land.height / frame.height).toBeGreaterThan(0.9);
  expect(frame.height).toBeGreaterThan(250); // 78 mm at 96 dpi ≈ 295 px
  expect(Math.min(commune.width, commune.height)).toBeGreaterThanOrEqual(8);
  await page.emulateMedia({ media: null });
  const pdf = path.join(SHOTS, 'insight-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = run('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/Pages:\s+1\n/);
  expect(info).toMatch(/Page size:\s+595\.\d+ x 84\d\.\d+ pts \(A4\)/);
  const text = run('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('QUÝ 3/2025');
  expect(text).toContain('THỦ TRƯỞNG ĐƠN VỊ');
  expect(text).toContain('NGƯỜI LẬP BIỂU');
  expect(text).toContain('Đặc khu Trường Sa');
  expect(text).toContain('Chưa nộp');
  expect(text).toContain(CODES[CODES.length - 1]);
  expect(text).not.toContain('Tải bản nộp');
  run('pdftoppm', ['-png', '-r', '100', '-singlefile', pdf, path.join(SHOTS, 'insight-print')]);
  run('pdftoppm', ['-png', '-gray', '-r', '100', '-singlefile', pdf, path.join(SHOTS, 'insight-print-gray')]);
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

test('a district-era plan shows no map box and no failure: the card says there is no map, the console has no 404, nothing is printed', async () => {
  const problems: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${url}/staff/`);
  await page.getByTestId('staff-user').fill('soyte');
  await page.getByTestId('staff-password').fill('Mật khẩu đủ dài 2025');
  await page.getByTestId('staff-sign-in').click();
  await page.getByTestId('period-profile').selectOption('bac-ninh-2017');
  await page.getByTestId('period-year').fill('2020');
  await page.getByTestId('period-quarter').selectOption('3');
  await page.getByTestId('period-load').click();
  const none = page.getByTestId('map-none');
  await none.waitFor();
  expect(await none.textContent()).toContain('Kế hoạch này không có bản đồ');
  expect(await page.getByTestId('map-open').count()).toBe(0);
  expect(await page.getByTestId('map-missing').count()).toBe(0);
  expect(await page.getByTestId('province-map').count()).toBe(0);
  expect(await page.getByTestId('period-grid').count()).toBe(1);
  await page.getByTestId('map-card').screenshot({ path: path.join(SHOTS, 'insight-map-none-1280.png') });
  const pdf = path.join(SHOTS, 'insight-print-district.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const text = run('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('THỦ TRƯỞNG ĐƠN VỊ');
  expect(text).not.toMatch(/bản đồ/i);
  expect(problems).toEqual([]);
  await page.close();
});
