import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/inbox/auth';
import type { InboxContext } from '../../src/inbox/storage/types';
import { registryCell, sampleParts, setRegistryCell, XLSX } from '../inbox/helpers';
import { newToken, sha256Hex } from '../../src/inbox/auth';
import { templateToBuffer } from '../../src/xlsx/write';
import { getProfile } from '../../src/profiles';
import { SHOTS, startWebInbox } from './inboxHarness';

/**
 * The staff page's insight panels in headless Chromium against a real inbox: OUT-01 beside the
 * submission with its history and the "confirmed by the unit" note, DUP-01 with case IDs only.
 * Screenshots at 375 and 1280 px go to test-results/.
 */
jest.setTimeout(300_000);

const PROFILE = 'bac-ninh-2017';
const PLANTED_NAME = 'Quàng Thị Phượng Vĩ';
const PLANTED_ID = '001190012345';

let browser: Browser;
let ctx: InboxContext;
let url: string;
let close: () => Promise<void>;
const tokens: Record<string, string> = {};

async function upload(unit: string, body: Buffer): Promise<string> {
  const res = await fetch(`${url}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${tokens[unit]}`, 'content-type': XLSX }, body: new Uint8Array(body) });
  const json = (await res.json()) as { id: string };
  if (res.status !== 200) throw new Error(`upload ${unit}: ${res.status} ${JSON.stringify(json)}`);
  return json.id;
}

beforeAll(async () => {
  const inbox = await startWebInbox('insight');
  ({ ctx, url, browser } = inbox);
  close = inbox.close;
  const profile = getProfile(PROFILE)!;
  for (const u of profile.units) {
    tokens[u.code] = newToken();
    await ctx.store.upsertUnit({ profile: PROFILE, unit_code: u.code, unit_name: u.name, province_code: profile.province_code, token_hash: sha256Hex(tokens[u.code]) });
  }
  await ctx.store.upsertStaffUser({ username: 'chicuc', role: 'staff', password_hash: await hashPassword('Mật khẩu đủ dài 2020') });
  // Four accepted quarters for BN-TS (quiet) and BN-TP (as busy as its Q3 2020), then a sudden
  // rise at BN-TS in Q3 2020. In Q2 2020 BN-TD and BN-YP are accepted too: every unit of the
  // plan, so that quarter is final and the only one printed and downloaded.
  for (const [year, quarter] of [[2019, 3], [2019, 4], [2020, 1], [2020, 2]]) {
    const units: [string, number][] = [['BN-TS', 6], ['BN-TP', 40]];
    if (year === 2020 && quarter === 2) units.push(['BN-TD', 30], ['BN-YP', 5]);
    for (const [unit, rows] of units) {
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
}, 900_000);

afterAll(async () => {
  await close?.();
});

const pageErrors = new WeakMap<Page, string[]>();

async function staffPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
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
  // Beside the submission in the quarter's table: how many, and a link to the findings.
  const mark = page.getByTestId('unit-row-BN-TS').getByTestId('unit-outliers');
  await mark.waitFor();
  expect(await mark.textContent()).toMatch(/^⚠ \d+ số liệu bất thường \(OUT-01\)$/);
  expect(await mark.getAttribute('href')).toBe('#bat-thuong-BN-TS');
  expect(await page.getByTestId('unit-row-BN-TP').getByTestId('unit-outliers').count()).toBe(0);
  await page.screenshot({ path: path.join(SHOTS, 'insight-staff-1280.png'), fullPage: true });
  await section.getByTestId('outliers-confirm').click();
  await section.getByTestId('outliers-confirmed').waitFor();
  expect(await section.getByTestId('outliers-confirmed').textContent()).toContain('chicuc');
  // Confirmed by the unit: no longer flagged in the table.
  await page.getByTestId('unit-row-BN-TS').getByTestId('unit-outliers').waitFor({ state: 'detached' });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: path.join(SHOTS, 'insight-staff-375.png'), fullPage: true });
  await page.close();
});

test('DUP-01 names the other unit, two case IDs, the level and the reason in words, never the person', async () => {
  const page = await staffPage(1280);
  const dup = page.getByTestId('duplicates');
  await dup.getByTestId('duplicate-pair').first().waitFor();
  const text = (await dup.textContent()) ?? '';
  expect(text).toMatch(/BN-TP-\d{4}-\d{4}/);
  expect(text).toMatch(/BN-TS-\d{4}-\d{4}/);
  const planted = dup.locator('[data-testid="duplicate-pair"]', { hasText: /cùng số CCCD/ }).first();
  expect(await planted.getAttribute('data-level')).toBe('probable');
  expect(await planted.getByTestId('duplicate-level').textContent()).toBe('Khả năng cao');
  expect(await planted.getByTestId('duplicate-reason').textContent()).toBe('cùng số CCCD/hộ chiếu; cùng họ tên, cùng năm sinh');
  // Probable pairs first.
  const levels = await dup.locator('[data-testid="duplicate-pair"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
  expect(levels).toEqual([...levels].sort((x, y) => (x === y ? 0 : x === 'probable' ? -1 : 1)));
  expect(await page.content()).not.toContain('Phượng');
  expect(await page.content()).not.toContain(PLANTED_ID);
  await dup.screenshot({ path: path.join(SHOTS, 'duplicates-1280.png') });
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await dup.screenshot({ path: path.join(SHOTS, 'duplicates-375.png') });
  await page.close();
});

test('the HTCDS download: refused in words when the quarter has too few accepted cases, saved as a file otherwise', async () => {
  const page = await staffPage(1280);
  const card = page.getByTestId('htcds-export');
  await card.waitFor();
  expect(await card.textContent()).toContain('ít nhất 11 người');
  // Q3 2020 has no accepted report yet: nothing to share, said on the page.
  await card.getByTestId('htcds-quarter').click();
  const refused = card.getByTestId('htcds-refused');
  await refused.waitFor();
  expect(await refused.textContent()).toMatch(/quá ít/);
  await card.screenshot({ path: path.join(SHOTS, 'htcds-export-refused-1280.png') });
  // The year: accepted reports of 2020.
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('htcds-year').click()]);
  expect(download.suggestedFilename()).toBe('htcds-bac-ninh-2017-2020.xlsx');
  const file = path.join(SHOTS, 'htcds-2020.xlsx');
  await download.saveAs(file);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Case Sheet', 'Support Plan', 'about', 'validation']);
  expect(await refused.count()).toBe(0);
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await card.screenshot({ path: path.join(SHOTS, 'htcds-export-375.png') });
  // The browser logs the refused request itself (400); nothing else went wrong.
  expect(pageErrors.get(page)!.filter((e) => !/status of 400/.test(e))).toEqual([]);
  await page.close();
});

test('trend charts: province and unit, each with its numbers in a table; print and download publish final quarters only, small counts protected', async () => {
  const page = await staffPage(1280);
  await page.getByTestId('trends-open').click();
  const people = page.getByTestId('trend-people');
  await people.waitFor();
  await people.locator('svg.recharts-surface').first().waitFor();
  expect(await page.getByTestId('trends').locator('[data-testid="trend-chart"] svg.recharts-surface').count()).toBe(3);
  // Each chart is one labelled image with nothing focusable inside; its numbers are the table.
  expect(await page.locator('[data-testid="trend-chart"][role="img"][aria-label^="Biểu đồ đường"]').count()).toBe(3);
  expect(await page.locator('[data-testid="trend-chart"] [tabindex]:not([tabindex="-1"])').count()).toBe(0);

  // 8 quarters, Q4/2018 to Q3/2020; the province is the sum of the units accepted each quarter.
  const readTable = async () =>
    people.getByTestId('trend-table').evaluate((t) =>
      [...(t as HTMLTableElement).rows].map((r) => [...r.cells].map((c) => (c.textContent ?? '').trim())),
    );
  const province = await readTable();
  expect(province[0].slice(1)).toEqual(['Q4/2018', 'Q1/2019', 'Q2/2019', 'Q3/2019', 'Q4/2019', 'Q1/2020', 'Q2/2020', 'Q3/2020']);
  const row1 = (t: string[][]) => t.find((r) => r[0].startsWith('1. '))!.slice(1);
  await page.getByTestId('trend-scope').selectOption('BN-TS');
  const ts = await readTable();
  await page.getByTestId('trend-scope').selectOption('BN-TP');
  const tp = await readTable();
  const n = (s: string) => Number(s.replace(/\./g, ''));
  await page.getByTestId('trend-scope').selectOption('BN-TD');
  const td = await readTable();
  await page.getByTestId('trend-scope').selectOption('BN-YP');
  const yp = await readTable();
  for (let i = 0; i < 8; i++) {
    if (i < 3 || i === 7) expect(row1(province)[i]).toBe('—');
    else if (i === 6) expect(n(row1(province)[i])).toBe(n(row1(ts)[i]) + n(row1(tp)[i]) + n(row1(td)[i]) + n(row1(yp)[i]));
    else expect(n(row1(province)[i])).toBe(n(row1(ts)[i]) + n(row1(tp)[i]));
  }
  expect(province.find((r) => r[0].startsWith('Số đơn vị'))!.slice(1)).toEqual(['0', '0', '0', '2', '2', '2', '4', '0']);
  await page.getByTestId('trend-scope').selectOption('');
  await page.screenshot({ path: path.join(SHOTS, 'trends-staff-1280.png'), fullPage: true });

  // Vietnamese throughout (charts' labels and aria-labels included), English on the toggle.
  const trendWords = () =>
    page.getByTestId('trends').evaluate((card) =>
      [(card as HTMLElement).innerText, ...Array.from(card.querySelectorAll('[aria-label]')).map((e) => e.getAttribute('aria-label'))]
        .join(' ')
        .split(/[^\p{L}\p{N}_-]+/u),
    );
  const english = new Set('the and of to over trends received identified under supported support province unit units quarter quarters print download chart numbers whole scope'.split(' '));
  expect((await trendWords()).filter((w) => english.has(w.toLowerCase()))).toEqual([]);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('Trends over the last 8 quarters').waitFor();
  expect((await trendWords()).join(' ')).toContain('Received identified as victims under 18');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByText('Xu hướng 8 quý gần nhất').waitFor();

  // BN-TS is small: on screen its exact figures, in print and in the download `<5`.
  await page.getByTestId('trend-scope').selectOption('BN-TS');
  const screenCells = (await readTable()).slice(1).flatMap((r) => r.slice(1));
  expect(screenCells.some((c) => /^[1-4]$/.test(c))).toBe(true);
  await page.evaluate(() => (document.documentElement.dataset.print = 'trends'));
  await page.emulateMedia({ media: 'print' });
  const printed = page.getByTestId('trend-print-view');
  expect(await printed.isVisible()).toBe(true);
  expect(await page.getByTestId('period-grid').isVisible()).toBe(false);
  const printCells = await printed.locator('td').allTextContents();
  // Quarters not yet final (not every unit accepted) are `…`; the final one protects its small counts.
  expect(printCells).toContain('…');
  expect(printCells.filter((c) => /^[1-4]$/.test(c.trim()))).toEqual([]);
  expect(printCells.some((c) => c === '<5' || c === 'x')).toBe(true);
  await page.pdf({ path: path.join(SHOTS, 'trends-print.pdf'), format: 'A4', printBackground: true });
  const pdfText = execFileSync('pdftotext', ['-layout', path.join(SHOTS, 'trends-print.pdf'), '-'], { encoding: 'utf8' });
  expect(pdfText).toContain('XU HƯỚNG CÁC CHỈ TIÊU CHÍNH');
  expect(pdfText).toMatch(/<5|x/);
  expect(pdfText).toContain('quý chưa chốt');
  expect(execFileSync('pdfinfo', [path.join(SHOTS, 'trends-print.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => delete document.documentElement.dataset.print);

  // The download: `<5` by default; exact small figures only when staff untick the box.
  const href = await page.getByTestId('trend-download').getAttribute('href');
  expect(href).toContain('small=mask');
  const smallNumbers = async (u: string) => {
    const res = await page.request.get(`${url}${u}`);
    expect(res.status()).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const out: { small: number; masked: number } = { small: 0, masked: 0 };
    ws.eachRow((row, r) => {
      if (r <= 5 || row.getCell(2).value === '' || String(row.getCell(2).value).startsWith('6')) return;
      for (let c = 4; c <= 11; c++) {
        const v = row.getCell(c).value;
        if (typeof v === 'number' && v > 0 && v < 5) out.small++;
        if (v === '<5' || v === 'x' || v === '…') out.masked++;
      }
    });
    return out;
  };
  const masked = await smallNumbers(href!);
  expect(masked.small).toBe(0);
  expect(masked.masked).toBeGreaterThan(0);
  await page.getByTestId('trend-mask').click();
  await page.getByTestId('trend-unmasked').waitFor();
  const shown = await smallNumbers((await page.getByTestId('trend-download').getAttribute('href'))!);
  expect(shown.small).toBeGreaterThan(0);
  expect(shown.masked).toBe(0);

  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByTestId('trends').screenshot({ path: path.join(SHOTS, 'trends-staff-375.png') });
  expect(pageErrors.get(page)).toEqual([]);
  await page.close();
});
