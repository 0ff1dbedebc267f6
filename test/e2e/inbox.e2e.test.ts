import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseWorkbook, readMeta } from '../../src/domain/parse';
import { ruleById } from '../../src/domain/rules';
import { generateSample } from '../../src/domain/sample';
import { inboxExpect } from '../../src/cli/commands/inboxUnits';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import type { InboxContext } from '../../src/inbox/storage/types';
import { duePeriod } from '../../src/inbox/web/PeriodPicker';
import '../../src/profiles/officialAll';
import { findUnit, getProfile, listUnits } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';
import { setRegistryCell } from '../inbox/helpers';
import { SHOTS, checkPage, pageErrors, shot, startWebInbox, watch } from './inboxHarness';

/**
 * The two inbox pages in headless Chromium against a real inbox (temp data dir, free port,
 * the production bundle from webpack.inbox.js), at 375 and 1280 px: on a district plan (Bắc Ninh
 * 2017–2020), a unit downloads its template, is refused with findings for a workbook with planted
 * errors, gets a receipt for a clean one; staff return it with a reason, the unit sees the reason
 * and resubmits, staff accept. On today's plan (Khánh Hoà, Phường Nha Trang 22366): the unit
 * problem said first, no quarter outside the plan offered, the warnings listed on the receipt
 * and in view, staff read the submission in the browser, the plan named once.
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
let nhaTrangToken: string;
const vn = getProfile('vn-2025')!;

async function sampleFile(name: string, opts: { rows: number; seed: number; errors?: boolean }) {
  const sample = generateSample({ ...opts, profile, unit, year: 2020, quarter: 3 });
  const file = path.join(dataDir, '..', name);
  fs.writeFileSync(file, await templateToBuffer(sample.spec));
  return { file, expected: sample.expected };
}

/** The element's top lies within the screen as it is now (no scrolling by the test). */
async function expectInView(page: Page, locator: ReturnType<Page['getByTestId']>): Promise<void> {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  expect({ top: box!.y >= 0, inside: box!.y < height - 40 }).toEqual({ top: true, inside: true });
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
  // Today's plan: the inbox expects every commune of Khánh Hoà; Phường Nha Trang has a token.
  await ctx.store.setExpectedUnits(vn.id, listUnits(vn, '56').map((u) => ({ unit_code: u.unit_code, unit_name: u.unit_name, province_code: u.province_code })));
  nhaTrangToken = newToken();
  await ctx.store.upsertUnit({ profile: vn.id, unit_code: '22366', unit_name: 'Phường Nha Trang', province_code: '56', token_hash: sha256Hex(nhaTrangToken) });
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
    pageErrors(page).push(`browser dialog: ${dialog.message()}`);
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
  expect(await page.getByTestId('unit-plan').textContent()).toBe('Kế hoạch: Bắc Ninh 2017–2020');
  // The plan has ended: the page opens on its last quarter, not on a 2026 quarter outside it.
  expect(due).toEqual({ year: 2020, quarter: 4 });

  // A Q3/2020 workbook while the plan's last quarter is selected: said before anything is sent.
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
  // On a phone the answer is brought into view: the refusal and its first findings, no scrolling.
  await expectInView(page, page.getByTestId('refused'));
  await expectInView(page, page.locator('[data-testid="findings-cards"] li').first());
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
    if (/^Quy tắc [A-Z]{3}-\d{2}$/.test(text) || text.startsWith('Sổ theo dõi')) expect({ text, lines: await el.evaluate((e) => e.getClientRects().length) }).toEqual({ text, lines: 1 });
  }
  // Words first: each card's message comes before its rule ID.
  expect(await reg02.evaluate((li) => li.textContent!.indexOf('Quy tắc REG-02') > li.textContent!.indexOf('"'))).toBe(true);

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
  expect(await page.getByTestId('receipt-version').textContent()).toMatch(/^Bản 2, nộp \d\d:\d\d \d\d\/\d\d\/\d{4}$/);

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

/** A workbook of Phường Nha Trang (Khánh Hoà, two-level plan), or of another unit and plan. */
async function nhaTrangFile(name: string, year: number, quarter: number, edit?: (spec: Parameters<typeof templateToBuffer>[0]) => void, other = false) {
  const p = other ? profile : vn;
  const sample = generateSample({ rows: 18, seed: year + quarter, profile: p, unit: other ? findUnit(profile, 'BN-TD')! : findUnit(vn, '22366')!, year, quarter });
  edit?.(sample.spec);
  const file = path.join(dataDir, '..', name);
  fs.writeFileSync(file, await templateToBuffer(sample.spec));
  return file;
}

test("(c) today's plan, a commune of Khánh Hoà: the unit problem first, only the plan's quarters, warnings listed and in view, the submission read in the browser, the plan named once", async () => {
  const planVi = 'Chính quyền hai cấp 2025–2030';
  const now = duePeriod(vn.id);
  const page = watch(await browser.newPage({ viewport: { width: 375, height: 800 } }));
  await page.goto(`${url}/upload/`);
  await page.getByTestId('unit-token').fill(nhaTrangToken);
  await page.getByTestId('unit-sign-in').click();
  await page.getByTestId('unit-name').waitFor();
  expect(await page.getByTestId('unit-plan').textContent()).toBe(`Kế hoạch: ${planVi}`);
  const body = await page.evaluate(() => document.body.innerText);
  expect(body.split(planVi)).toHaveLength(2);
  expect(body).not.toMatch(/Toàn quốc|vn-2025/);
  expect(await page.getByTestId('period-year').inputValue()).toBe(String(now.year));
  expect(await page.getByTestId('period-quarter').inputValue()).toBe(String(now.quarter));
  // The quarter's state, its deadline: separate labelled facts.
  expect(await page.getByTestId('quarter-facts').textContent()).toMatch(/Tình trạngChưa nộp.*Hạn nộp\d\d\/\d\d\/\d{4}/);
  await shot(page, 'vn-upload-signed-in');

  // Another unit's workbook of an older plan: the unit is said first, no quarter offered.
  await page.getByTestId('upload-file').setInputFiles(await nhaTrangFile('tien-du.xlsx', 2020, 1, undefined, true));
  await page.getByTestId('unit-mismatch').waitFor();
  expect(await page.getByTestId('unit-mismatch').textContent()).toContain('Tệp này là sổ của Huyện Tiên Du (BN-TD), kế hoạch Bắc Ninh 2017–2020 (bac-ninh-2017), không phải của Phường Nha Trang (22366).');
  expect(await page.getByTestId('period-switch').count()).toBe(0);
  expect(await page.getByTestId('upload-send').isDisabled()).toBe(true);
  await shot(page, 'vn-upload-other-unit');

  // Its own workbook of 2020: outside the plan, so no switch to it.
  await page.getByTestId('upload-file').setInputFiles(await nhaTrangFile('nha-trang-2020.xlsx', 2020, 1));
  await page.locator('[data-testid="period-mismatch"]').waitFor();
  expect(await page.getByTestId('period-mismatch').textContent()).toContain(`ngoài các quý của kế hoạch ${planVi}`);
  expect(await page.getByTestId('period-switch').count()).toBe(0);
  await shot(page, 'vn-upload-outside-plan');

  // The quarter due, two consents left empty: received, and both warnings listed with their cells.
  const clean = await nhaTrangFile('nha-trang.xlsx', now.year, now.quarter, (spec) => {
    setRegistryCell(spec, 1, 'consent_share', null);
    setRegistryCell(spec, 4, 'consent_share', null);
  });
  await page.getByTestId('upload-file').setInputFiles(clean);
  await page.getByTestId('upload-send').click();
  await page.getByTestId('receipt').waitFor();
  await page.locator('[data-testid="receipt-findings"] [data-rule="CNS-01"]').first().waitFor();
  await expectInView(page, page.getByTestId('receipt'));
  await expectInView(page, page.locator('[data-testid="receipt-findings"] [data-rule]').first());
  expect(await page.locator('[data-testid="receipt-findings"] [data-rule="CNS-01"]').evaluateAll((li) => li.map((e) => e.getAttribute('data-cell')))).toEqual([expect.stringMatching(/^U\d+$/), expect.stringMatching(/^U\d+$/)]);
  expect(await page.getByTestId('receipt-deadline').textContent()).toMatch(/^\d\d\/\d\d\/\d{4}$/);
  expect(await page.getByTestId('receipt-timeliness').textContent()).toMatch(/^(Đúng hạn|Nộp muộn)$/);
  expect(await page.getByTestId('receipt-version').textContent()).toMatch(/^Bản 1, nộp /);
  await page.screenshot({ path: path.join(SHOTS, 'inbox-vn-upload-receipt-screen-375.png') });
  await shot(page, 'vn-upload-receipt');
  await page.close();

  // Staff, on a desktop and on a phone: the plan in force, by its name; the submission read in the page.
  for (const width of [1280, 375]) {
    const staff = watch(await browser.newPage({ viewport: { width, height: width === 375 ? 800 : 900 } }));
    await staff.goto(`${url}/staff/`);
    await staff.getByTestId('staff-user').fill('chicuc');
    await staff.getByTestId('staff-password').fill('Mật khẩu đủ dài 2020');
    await staff.getByTestId('staff-sign-in').click();
    const row = staff.getByTestId('unit-row-22366');
    await row.waitFor();
    expect(await staff.getByTestId('period-profile').inputValue()).toBe(vn.id);
    expect(await staff.locator('[data-testid="period-profile"] option:checked').textContent()).toBe(planVi);
    expect(await staff.locator('[data-testid="period-profile"] option').allTextContents()).not.toContain('Toàn quốc, 2025–2030');
    expect(await staff.evaluate(() => document.body.innerText)).not.toMatch(/Toàn quốc|vn-2025/);
    await row.getByTestId('view-version').click();
    await staff.getByTestId('submission-view').waitFor();
    await staff.getByTestId('view-report').locator(width === 375 ? '[data-testid="report-rows"]' : '[data-testid="report-table"]').waitFor();
    expect(staff.url()).toMatch(/#ban-nop\/[0-9a-f-]{36}$/);
    expect(await staff.getByTestId('view-title').evaluate((e) => e === document.activeElement)).toBe(true);
    // The view stands alone: the quarter's table and the panels are out of sight (kept loaded).
    expect(await staff.getByTestId('period-grid').isVisible()).toBe(false);
    expect(await staff.getByTestId('period-profile').isVisible()).toBe(false);
    expect(await staff.getByTestId('view-findings').textContent()).toMatch(/0 lỗi, [23] cảnh báo/); // 3 once the deadline (RPT-08) has passed
    expect(await staff.locator('[data-testid="view-findings"] [data-rule="CNS-01"]').count()).toBe(2);
    expect(await staff.getByTestId('view-report').getByTestId('report-row-1').textContent()).toContain('Số người được tiếp nhận trong kỳ');
    expect(await staff.getByTestId('fact-version').textContent()).toMatch(/^Bản 1, nộp \d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    await checkPage(staff, `vn-staff-view@${width}`);
    await staff.screenshot({ path: path.join(SHOTS, `inbox-vn-staff-view-${width}.png`), fullPage: true });
    if (width === 1280) {
      // Printed from a desktop (an A4 page is 794 px wide), the report fits the page: a box that
      // scrolls on screen would print with its right-hand columns cut off.
      await staff.emulateMedia({ media: 'print' });
      await staff.setViewportSize({ width: 794, height: 1123 });
      const printed = await staff.getByTestId('report-table').evaluate((t) => ({ scrolls: t.parentElement!.scrollWidth > t.parentElement!.clientWidth + 1, back: getComputedStyle(document.querySelector('[data-testid="view-back"]')!).display }));
      expect(printed).toEqual({ scrolls: false, back: 'none' });
      await staff.pdf({ path: path.join(SHOTS, 'inbox-vn-staff-view-print.pdf'), format: 'A4' });
      await staff.emulateMedia({ media: 'screen' });
      await staff.setViewportSize({ width: 1280, height: 900 });
    }
    if (width === 1280) {
      // Read, then decided from the same view.
      await staff.getByTestId('view-accept').click();
      await staff.getByTestId('accept-confirm').click();
      await staff.getByTestId('view-message').waitFor();
      expect(await staff.getByTestId('view-message').textContent()).toBe(`Đã chấp nhận bài nộp của Phường Nha Trang, quý ${now.quarter}/${now.year}.`);
      await staff.locator('[data-testid="view-state"]', { hasText: 'Đã chấp nhận' }).waitFor();
    }
    // The browser's Back returns to the quarter's table, focus on the link that opened it.
    await staff.goBack();
    await staff.getByTestId('submission-view').waitFor({ state: 'detached' });
    await staff.locator('[data-testid="unit-row-22366"][data-state="accepted"]').waitFor();
    expect(await staff.getByTestId('period-grid').isVisible()).toBe(true);
    expect(await row.getByTestId('view-version').evaluate((e) => e === document.activeElement)).toBe(true);

    // The trend tables: every quarter and every row label in sight, at this width.
    await staff.getByTestId('trends-open').click();
    const trends = staff.getByTestId('trends');
    if (width === 1280) {
      const table = trends.locator('[data-testid="trend-table"]').first();
      await table.waitFor();
      const fit = await table.evaluate((t) => {
        const box = t.parentElement!;
        const first = t.querySelectorAll('thead th')[1].getBoundingClientRect();
        return { scrolls: box.scrollWidth > box.clientWidth + 1, clipped: first.left < box.getBoundingClientRect().left };
      });
      expect(fit).toEqual({ scrolls: false, clipped: false });
    } else {
      const list = trends.getByTestId('trend-list').first();
      await list.waitFor();
      const rows = await list.getByTestId('trend-list-row').evaluateAll((li) => li.map((e) => ({ label: e.firstElementChild!.textContent!.trim() !== '', quarters: e.querySelectorAll('dt').length })));
      expect(rows.every((r) => r.label && r.quarters === 8)).toBe(true);
    }
    await checkPage(staff, `vn-staff-trends@${width}`);
    await trends.screenshot({ path: path.join(SHOTS, `inbox-vn-staff-trends-${width}.png`) });
    await staff.close();
  }
  const views = (await ctx.store.listAudit({ limit: 100 })).filter((e) => e.action === 'view' && e.actor === 'chicuc');
  // Each open of the view, and its reload after the decision, is in the log.
  expect(views.length).toBe(3);
});

/** The smallest font (pt) of the printed summary's own text, with print media emulated. */
async function smallestPrintedPt(page: Page): Promise<number> {
  const px = await page.evaluate(() => {
    let min = Infinity;
    for (const el of Array.from(document.querySelectorAll('.vr-print-only, .vr-print-only *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (own && el.getClientRects().length > 0) min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
    }
    return min;
  });
  return px * 0.75;
}

/**
 * The same pages on today's plan: an inbox serving Khánh Hoà (`vr inbox init --profile vn-2025
 * --province 56`), Phường Nha Trang uploading its Q3 2026 workbook on the upload page, two more
 * communes by API; staff see all 65 units of the province, accept Nha Trang, download a summary
 * that lists every unit and no other, and print the one-page summary with the Decree 30
 * letterhead and motto, every text at 8 pt or more.
 */
describe('(d) a Khánh Hoà inbox, Q3 2026 (vn-2025)', () => {
  const vn = getProfile('vn-2025')!;
  const communes = ['22366', '22333', '22420'];
  const khTokens: Record<string, string> = {};
  let kh: Awaited<ReturnType<typeof startWebInbox>>;

  beforeAll(async () => {
    kh = await startWebInbox('inbox-kh');
    await inboxExpect({ data: kh.dataDir, profile: 'vn-2025', province: '56' }, () => undefined);
    for (const code of communes) {
      const u = findUnit(vn, code)!;
      khTokens[code] = newToken();
      await kh.ctx.store.upsertUnit({ profile: vn.id, unit_code: u.code, unit_name: u.name, province_code: u.province_code!, token_hash: sha256Hex(khTokens[code]) });
    }
    await kh.ctx.store.upsertStaffUser({ username: 'soyte', role: 'staff', password_hash: await hashPassword('Mật khẩu Sở Y tế 2026') });
  }, 900_000);
  afterAll(async () => {
    await kh?.close();
  });

  const khSample = async (code: string, seed: number): Promise<string> => {
    const file = path.join(kh.dataDir, '..', `${code}-2026-Q3.xlsx`);
    fs.writeFileSync(file, await templateToBuffer(generateSample({ rows: 25, seed, profile: vn, unit: findUnit(vn, code)!, year: 2026, quarter: 3 }).spec));
    return file;
  };

  test('a commune uploads on the page; staff see the province’s 65 units, accept, download every unit and print the summary with the letterhead', async () => {
    const unitPage = watch(await kh.browser.newPage({ viewport: { width: 375, height: 800 } }));
    await unitPage.goto(`${kh.url}/upload/`);
    await unitPage.getByTestId('unit-token').fill(khTokens['22366']);
    await unitPage.getByTestId('unit-sign-in').click();
    await unitPage.getByTestId('unit-name').waitFor();
    expect(await unitPage.getByTestId('unit-name').textContent()).toContain('Phường Nha Trang');
    await unitPage.getByTestId('upload-file').setInputFiles(await khSample('22366', 3));
    // The page opens on the quarter due under vn-2025's rule; a Q3/2026 workbook on another quarter is said, then switched to.
    const dueKh = duePeriod(vn.id);
    if (dueKh.year !== 2026 || dueKh.quarter !== 3) {
      await unitPage.getByTestId('period-mismatch').waitFor();
      expect(await unitPage.getByTestId('period-mismatch').textContent()).toContain('Tệp này là sổ quý 3/2026');
      await unitPage.getByTestId('period-switch').click();
    }
    expect(await unitPage.getByTestId('period-mismatch').count()).toBe(0);
    await unitPage.getByTestId('upload-send').click();
    await unitPage.getByTestId('receipt').waitFor();
    await shot(unitPage, 'kh-upload-receipt');
    await unitPage.close();
    for (const [i, code] of communes.slice(1).entries()) {
      const res = await fetch(`${kh.url}/api/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${khTokens[code]}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        body: new Uint8Array(fs.readFileSync(await khSample(code, 10 + i))),
      });
      expect(res.status).toBe(200);
    }

    const staff = watch(await kh.browser.newPage({ viewport: { width: 375, height: 800 } }));
    staff.on('dialog', (dialog) => {
      pageErrors(staff).push(`browser dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await staff.goto(`${kh.url}/staff/`);
    await staff.getByTestId('staff-user').fill('soyte');
    await staff.getByTestId('staff-password').fill('Mật khẩu Sở Y tế 2026');
    await staff.getByTestId('staff-sign-in').click();
    await staff.getByTestId('period-profile').selectOption('vn-2025');
    await staff.getByTestId('period-year').fill('2026');
    await staff.getByTestId('period-quarter').selectOption('3');
    await staff.getByTestId('period-load').click();
    const row = staff.getByTestId('unit-row-22366');
    await row.waitFor();
    const codes = await staff.locator('[data-testid^="unit-row-"]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-testid')!.slice(9)))]);
    expect(codes.sort()).toEqual(listUnits(vn, '56').map((u) => u.unit_code).sort());
    expect(codes).not.toContain('BN-P-TS');
    await row.getByTestId('accept').click();
    await staff.getByTestId('accept-confirm').click();
    await staff.locator('[data-testid="unit-row-22366"][data-state="accepted"]').waitFor();
    await shot(staff, 'kh-staff-accepted');

    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('download-consolidated').click()]);
    const wb = await readWorkbookBuffer(fs.readFileSync((await download.path())!));
    const summary = wb.sheets.find((s) => s.name === 'Tổng hợp')!;
    const listed = summary.rows.slice(9).map((r) => r[0]).filter((v): v is string => typeof v === 'string' && /^\d{5}$/.test(v));
    expect(listed).toEqual(listUnits(vn, '56').map((u) => u.unit_code));
    expect(summary.rows.some((r) => r[0] === 'TỔNG' && r[2] === '3/65 đơn vị')).toBe(true);

    // The one-page summary as printed: letterhead, motto, place and date; nothing under 8 pt.
    await staff.setViewportSize({ width: 1280, height: 900 });
    await staff.emulateMedia({ media: 'print' });
    const head = staff.getByTestId('print-letterhead');
    await head.getByText('UBND TỈNH KHÁNH HOÀ').waitFor();
    const text = (await head.textContent()) ?? '';
    for (const line of ['SỞ Y TẾ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']) expect(text).toContain(line);
    expect(text).toMatch(/Khánh Hoà, ngày \d\d tháng \d\d năm \d{4}/);
    expect(await smallestPrintedPt(staff)).toBeGreaterThanOrEqual(8);
    expect(await staff.getByTestId('print-units').textContent()).toMatch(/Chưa nộp \(62\):.*Đã chấp nhận \(1\): 22366 Phường Nha Trang/);
    const pdf = path.join(SHOTS, 'inbox-kh-print-summary.pdf');
    await staff.pdf({ path: pdf, format: 'A4', printBackground: true });
    await staff.emulateMedia({ media: 'screen' });
    expect(pageErrors(staff)).toEqual([]);
    await staff.close();
  });
});

/**
 * The one-page summary of the largest province (Hồ Chí Minh, 79: 168 communes, none submitted),
 * printed by an administrator with the map open: one A4 page holding the letterhead, the map,
 * every unit and the signatures, every text at 8 pt or more, and no administration section.
 */
test('(e) the largest province prints its quarter on one A4 page with the map open, without the admin section', async () => {
  const hcm = await startWebInbox('inbox-hcm');
  try {
    await inboxExpect({ data: hcm.dataDir, profile: 'vn-2025', province: '79' }, () => undefined);
    await hcm.ctx.store.upsertStaffUser({ username: 'soyte', role: 'admin', password_hash: await hashPassword('Mật khẩu Sở Y tế 2026') });
    const page = watch(await hcm.browser.newPage({ viewport: { width: 1280, height: 900 } }));
    await page.goto(`${hcm.url}/staff/`);
    await page.getByTestId('staff-user').fill('soyte');
    await page.getByTestId('staff-password').fill('Mật khẩu Sở Y tế 2026');
    await page.getByTestId('staff-sign-in').click();
    await page.getByTestId('period-profile').selectOption('vn-2025');
    await page.getByTestId('period-year').fill('2026');
    await page.getByTestId('period-quarter').selectOption('3');
    await page.getByTestId('period-load').click();
    await page.getByTestId('admin-panel').waitFor();
    await page.getByTestId('map-open').click();
    await page.getByTestId('province-map').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.getByTestId('print-letterhead').getByText('UBND THÀNH PHỐ HỒ CHÍ MINH').waitFor();
    expect(await page.getByTestId('admin-panel').isVisible()).toBe(false);
    expect(await page.getByTestId('print-units').textContent()).toContain('Chưa nộp (168):');
    expect(await smallestPrintedPt(page)).toBeGreaterThanOrEqual(8);
    const pdf = path.join(SHOTS, 'inbox-hcm-print-summary.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const pages = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)![1];
    expect(pages).toBe('1');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const line of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'NGƯỜI LẬP BIỂU', 'THỦ TRƯỞNG ĐƠN VỊ']) expect(text).toContain(line);
    expect(text).not.toContain('Quản trị');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  } finally {
    await hcm.close();
  }
});
