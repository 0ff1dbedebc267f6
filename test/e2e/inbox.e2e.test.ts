import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseWorkbook, readMeta } from '../../src/domain/parse';
import { ruleById } from '../../src/domain/rules';
import { generateSample } from '../../src/domain/sample';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import type { InboxContext } from '../../src/inbox/storage/types';
import { duePeriod } from '../../src/inbox/web/PeriodPicker';
import { findUnit, getProfile } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';
import { SHOTS, startWebInbox } from './inboxHarness';

/**
 * The two inbox pages in headless Chromium against a real inbox (temp data dir, free port,
 * the production bundle from webpack.inbox.js): a unit downloads its template, is refused with
 * findings for a workbook with planted errors, gets a receipt for a clean one; staff return it
 * with a reason, the unit sees the reason and resubmits, staff accept.
 */
jest.setTimeout(240_000);

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

/** Words of the pages' English text; none may show in the Vietnamese UI (codes and proper
 *  names are not in the list; the language toggle, which names "English", is left out). */
const ENGLISH = new Set(
  ('the and of to is are for with not this that your you sheet token upload submit submitted file files error errors warning warnings ' +
    'download status unit state receipt version profile cell rule message value cancel save saved missing late returned accepted ' +
    'sign signed password user name plan year quarter period report inbox staff workbook check show load loading back next close ' +
    'open yes ok copy copied send sending page switch return accept reason deadline findings severity summary choose chosen time ' +
    'on-time received expected completeness timeliness blank rolled').split(' '),
);

const consoleErrors = new WeakMap<Page, string[]>();

function watch(page: Page): Page {
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (m) => {
    // 422 is the inbox's answer "refused for findings" (docs/cli.md); Chromium logs any 4xx.
    if (m.type() === 'error' && !(m.text().includes('status of 422') && m.location().url.endsWith('/api/submissions'))) errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

/** On every page state: no horizontal overflow, no console error, no English word in Vietnamese. */
async function checkPage(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()!.width;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect({ name, overflow: scrollWidth > width }).toEqual({ name, overflow: false });
  expect({ name, errors: consoleErrors.get(page) }).toEqual({ name, errors: [] });
  const words = await page.evaluate(() =>
    [document.body.innerText, ...Array.from(document.querySelectorAll('[aria-label]'))
        // The language toggle speaks the other language (lang="en"), as it should.
        .filter((e) => e.closest('[lang]')?.getAttribute('lang') !== 'en')
        .map((e) => e.getAttribute('aria-label'))].join(' ').split(/[^\p{L}\p{N}_-]+/u),
  );
  const english = words.filter((w) => ENGLISH.has(w.toLowerCase()) && w !== 'SHA-256');
  if (await page.evaluate(() => document.documentElement.lang) === 'vi') expect({ name, english }).toEqual({ name, english: [] });
}

async function shot(page: Page, name: string): Promise<void> {
  await checkPage(page, name);
  await page.screenshot({ path: path.join(SHOTS, `inbox-${name}.png`), fullPage: true });
  const width = page.viewportSize()!.width;
  if (width < 1280) {
    // The same state on a desktop screen, for the record.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `inbox-${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width, height: 800 });
  }
}

async function choosePeriod(page: Page): Promise<void> {
  await page.getByTestId('period-year').fill('2020');
  await page.getByTestId('period-quarter').selectOption('3');
}

beforeAll(async () => {
  const inbox = await startWebInbox('inbox');
  ({ ctx, url, browser, dataDir } = inbox);
  close = inbox.close;
  token = newToken();
  await ctx.store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: profile.province_code, token_hash: sha256Hex(token) });
  await ctx.store.upsertStaffUser({ username: 'chicuc', role: 'staff', password_hash: await hashPassword('Mật khẩu đủ dài 2020') });
});

afterAll(async () => {
  await close?.();
});

async function unitPage(): Promise<Page> {
  const page = watch(await browser.newPage({ viewport: { width: 375, height: 800 } }));
  await page.goto(`${url}/upload/`);
  await shot(page, 'upload-sign-in');
  await page.getByTestId('unit-token').fill(token);
  await page.getByTestId('unit-sign-in').click();
  await page.getByTestId('unit-name').waitFor();
  return page;
}

async function staffPage(): Promise<Page> {
  const page = watch(await browser.newPage({ viewport: { width: 375, height: 800 } }));
  // Every decision goes through the page's own dialog: a browser dialog fails the test.
  page.on('dialog', (dialog) => {
    consoleErrors.get(page)!.push(`browser dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${url}/`);
  await shot(page, 'staff-sign-in');
  await page.getByTestId('staff-user').fill('chicuc');
  await page.getByTestId('staff-password').fill('Mật khẩu đủ dài 2020');
  await page.getByTestId('staff-sign-in').click();
  await page.getByTestId('period-profile').selectOption('bac-ninh-2017');
  // The page opens on the quarter due under the plan's rule, as the pane does.
  expect(await page.getByTestId('period-year').inputValue()).toBe(String(due.year));
  expect(await page.getByTestId('period-quarter').inputValue()).toBe(String(due.quarter));
  await choosePeriod(page);
  await page.getByTestId('period-load').click();
  return page;
}

const unitRow = (page: Page) => page.getByTestId('unit-row-BN-TS');
const due = duePeriod(profile.id);

test('(a) a unit downloads its template, sees the planted errors with cell references, and gets a receipt for a clean workbook', async () => {
  const page = await unitPage();
  expect(await page.getByTestId('period-year').inputValue()).toBe(String(due.year));
  expect(await page.getByTestId('period-quarter').inputValue()).toBe(String(due.quarter));
  await shot(page, 'upload-signed-in');
  expect(await page.getByTestId('unit-name').textContent()).toContain('Thị xã Từ Sơn');
  expect(await page.getByTestId('unit-plan').textContent()).toBe('Kế hoạch: Bắc Ninh, 2017–2020');

  // A Q3/2020 workbook while the due quarter is selected: said before anything is sent.
  const early = await sampleFile('quy-khac.xlsx', { rows: 5, seed: 2 });
  await page.getByTestId('upload-file').setInputFiles(early.file);
  await page.getByTestId('period-mismatch').waitFor();
  expect(await page.getByTestId('period-mismatch').textContent()).toContain(`Tệp này là sổ quý 3/2020, nhưng trang đang chọn quý ${due.quarter}/${due.year}.`);
  expect(await page.getByTestId('upload-send').isDisabled()).toBe(true);
  await shot(page, 'upload-period-mismatch');
  await page.getByTestId('period-switch').click();
  expect(await page.getByTestId('period-year').inputValue()).toBe('2020');
  expect(await page.getByTestId('period-mismatch').count()).toBe(0);
  expect(await ctx.store.countVersions()).toBe(0);

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
  await page.getByTestId('findings-cards').waitFor();
  await shot(page, 'upload-findings');
  await page.getByTestId('refused').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'inbox-upload-findings-screen.png') });
  const rows = await page.locator('[data-testid="findings-cards"] li').evaluateAll((trs) =>
    trs.map((tr) => `${tr.getAttribute('data-rule')}@${tr.getAttribute('data-cell')}`),
  );
  for (const f of blocking) expect(rows).toContain(`${f.rule}@${f.cell ?? ''}`);
  // Messages are Vietnamese first, English on the toggle.
  const first = page.locator('[data-testid="findings-cards"] li').first();
  const vi = await first.textContent();
  await page.getByTestId('lang-toggle').click();
  const en = await first.textContent();
  expect(en).not.toBe(vi);
  await page.getByTestId('lang-toggle').click();
  expect(await ctx.store.countVersions()).toBe(0);
  // Rule IDs and sheet names are one line each; a message does not repeat its own cell.
  const reg02 = page.locator('[data-testid="findings-cards"] li[data-rule="REG-02"]').first();
  expect(await reg02.textContent()).toContain('Sổ theo dõi · Ô C5');
  expect((await reg02.textContent())!.match(/C5/g)).toHaveLength(1);
  for (const el of await page.locator('[data-testid="findings-cards"] li .fui-Text').all()) {
    const text = (await el.textContent()) ?? '';
    if (/^[A-Z]{3}-\d{2}$/.test(text) || text.startsWith('Sổ theo dõi')) expect({ text, lines: await el.evaluate((e) => e.getClientRects().length) }).toEqual({ text, lines: 1 });
  }

  const clean = await sampleFile('sach.xlsx', { rows: 30, seed: 4 });
  await page.getByTestId('upload-file').setInputFiles(clean.file);
  await page.getByTestId('upload-send').click();
  await page.getByTestId('receipt').waitFor();
  await shot(page, 'upload-receipt');
  const [version] = await ctx.store.listPeriodVersions(profile.id, 2020, 3);
  expect(await page.getByTestId('receipt-id').textContent()).toContain(version.id);
  expect(await page.getByTestId('receipt').textContent()).toContain('Mã SHA-256');
  expect(await page.getByTestId('receipt-sha').textContent()).toContain(version.sha256);
  // The hash breaks only between groups of eight: every line of it is a whole number of groups.
  // The hash breaks only between its groups of eight: each group sits on one line.
  const groupLines = await page.getByTestId('receipt-sha').locator('span').nth(1).evaluate((e) =>
    Array.from(e.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => {
        const range = document.createRange();
        range.selectNodeContents(n);
        return range.getClientRects().length;
      }),
  );
  expect(groupLines).toEqual(new Array(8).fill(1));
  await page.close();

  const staff = await staffPage();
  await unitRow(staff).waitFor();
  expect(['submitted', 'late']).toContain(await unitRow(staff).getAttribute('data-state'));
  await shot(staff, 'staff-submitted');
  await staff.close();
});

test('(b) staff return with a reason, the unit sees it and resubmits, staff accept', async () => {
  const reason =
    'Mục 4.2 thiếu chứng từ chi; đề nghị bổ sung và nộp lại. Ngoài ra hồ sơ BN-TS-2020-0007 ghi ngày xác định trước ngày tiếp nhận, ' +
    'hồ sơ BN-TS-2020-0011 chưa ghi kết nối dịch vụ bảo vệ trẻ em: đề nghị rà soát toàn bộ sổ theo dõi trước khi nộp lại cho Chi cục.';
  const staff = await staffPage();
  await unitRow(staff).waitFor();
  await unitRow(staff).getByTestId('return-open').click();
  await staff.getByTestId('return-reason-input').fill(reason);
  await shot(staff, 'staff-return-dialog');
  await staff.getByTestId('return-confirm').click();
  await staff.locator('[data-testid="unit-row-BN-TS"][data-state="returned"]').waitFor();
  expect(await unitRow(staff).textContent()).toContain(reason);
  expect(await staff.getByTestId('staff-message').textContent()).toContain('Đã trả lại bài nộp của Thị xã Từ Sơn, quý 3/2020');
  // A long reason wraps in its own bounded column; the table keeps its width.
  const reasonBox = await unitRow(staff).getByTestId('unit-reason').boundingBox();
  expect(reasonBox!.width).toBeLessThanOrEqual(360);
  expect(await staff.getByTestId('period-grid').evaluate((e) => e.getBoundingClientRect().width)).toBeLessThanOrEqual(1400);
  await shot(staff, 'staff-returned');

  const page = await unitPage();
  await choosePeriod(page);
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
  await staff.getByTestId('decision-dialog').waitFor();
  expect(await staff.getByTestId('decision-dialog').textContent()).toContain('Chấp nhận báo cáo quý 3/2020 của Thị xã Từ Sơn');
  await shot(staff, 'staff-accept-dialog');
  await staff.getByTestId('accept-confirm').click();
  await staff.locator('[data-testid="unit-row-BN-TS"][data-state="accepted"]').waitFor();
  expect(await staff.getByTestId('staff-message').textContent()).toBe('Đã chấp nhận bài nộp của Thị xã Từ Sơn, quý 3/2020.');
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
