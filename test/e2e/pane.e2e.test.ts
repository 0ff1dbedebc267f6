/**
 * End to end in headless Chromium: the production build of the preview (the real pane code
 * over the in-browser workbook). A clerk creates a register, enters a 15-year-old girl with
 * no child-protection referral, runs Check, sees CHD-01, clicks it and sees the cell selected
 * in the grid, fills the report. Also: an IE11 webview and one without Promise get the plain
 * explanation, with no script error.
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildPane, paneOverflow, serve } from './paneHarness';

jest.setTimeout(300_000);

const RESULTS = path.resolve(__dirname, '../../test-results');
let browser: Browser;
let site: { url: string; close: () => Promise<void> };
let dir: string;

beforeAll(async () => {
  dir = await buildPane('production');
  site = await serve(dir);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  return errors;
}

async function select(page: Page, label: RegExp, value: string): Promise<void> {
  await page.getByLabel(label).selectOption(value);
}

it('creates a register, enters a child case, finds CHD-01, jumps to its cell and fills the report', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${site.url}preview.html`);
  const pane = page.getByTestId('pane');
  await pane.getByRole('button', { name: 'Tạo sổ theo dõi' }).waitFor();
  // The plan dropdown fits the 320 px pane (its full titles made it 774 px wide).
  expect(await paneOverflow(page)).toEqual({ scrollWidth: 320, clientWidth: 320, wide: [] });

  // Start: a new register for Thị xã Từ Sơn, quarter 3/2020 (Bắc Ninh plan 2017–2020).
  await select(page, /^Kế hoạch/, 'bac-ninh-2017');
  await select(page, /^Đơn vị báo cáo/, 'BN-TS');
  await pane.getByLabel('Năm').fill('2020');
  await select(page, /^Quý/, '3');
  await pane.getByRole('button', { name: 'Tạo sổ theo dõi' }).click();
  await page.getByTestId('case-id').filter({ hasText: 'BN-TS-2020-0001' }).waitFor();
  await page.getByRole('tab', { name: 'Sổ theo dõi' }).waitFor();

  // Entry: a girl born 12/03/2005, received 10/08/2020 (15 years old), not referred.
  await pane.getByLabel(/^Họ và tên/).fill('Lò Thị Mai');
  await select(page, /^Giới tính/, 'Nữ');
  await pane.getByLabel(/^Ngày sinh/).fill('12/03/2005');
  await select(page, /^Xã\/Phường cư trú/, 'Phường Đông Ngàn');
  await pane.getByLabel(/^Ngày tiếp nhận/).fill('10/08/2020');
  await select(page, /^Hình thức tiếp nhận/, 'Trao trả chính thức');
  await select(page, /^Nơi bị mua bán đến/, 'Trung Quốc');
  await select(page, /^Mục đích bị mua bán/, 'Kết hôn/làm vợ trái pháp luật');
  await select(page, /^Tình trạng xác minh/, 'Đã xác định là nạn nhân');
  await pane.getByLabel(/^Ngày xác định/).fill('15/08/2020');
  await select(page, /^Cơ quan xác định/, 'Bộ đội Biên phòng');
  await select(page, /^Bảo vệ an toàn/, 'Có nhu cầu - đã bảo vệ');
  await select(page, /^Kết nối dịch vụ bảo vệ trẻ em/, 'Không');
  await select(page, /^Đồng ý chia sẻ thông tin/, 'Có');
  await pane.getByRole('button', { name: 'Ghi vào sổ' }).click();
  await pane.getByText(/^CHD-01:/).waitFor();
  await pane.getByRole('button', { name: 'Vẫn ghi (còn lỗi)' }).click();
  await pane.getByText(/^Đã ghi hồ sơ BN-TS-2020-0001 vào dòng/).waitFor();
  await page.locator('td', { hasText: 'Lò Thị Mai' }).waitFor();

  // Check: CHD-01 is listed; clicking it selects its cell in the grid.
  await pane.getByRole('tab', { name: 'Kiểm tra', exact: true }).click();
  await pane.getByRole('button', { name: 'Kiểm tra toàn bộ sổ' }).click();
  const group = pane.locator('details[data-rule="CHD-01"]');
  await group.getByText('CHD-01 (1)').waitFor();
  const finding = group.getByRole('button', { name: /^Đi tới ô [A-Z]+\d+:/ });
  const label = (await finding.getAttribute('aria-label')) ?? '';
  const cell = /^Đi tới ô ([A-Z]+\d+):/.exec(label)?.[1];
  expect(cell).toMatch(/^[A-Z]+\d+$/);
  await finding.click();
  const selected = page.locator('td[aria-selected="true"]');
  await selected.waitFor();
  expect(await selected.getAttribute('data-cell')).toBe(cell);
  expect(await page.getByRole('tab', { name: 'Sổ theo dõi' }).getAttribute('aria-selected')).toBe('true');
  await pane.getByRole('button', { name: 'Tô màu các ô có lỗi' }).click();
  await expect(page.locator(`td[data-cell="${cell}"]`).getAttribute('data-fill')).resolves.toMatch(/^#/);

  // Report: filled from the register.
  await pane.getByRole('tab', { name: 'Báo cáo quý' }).click();
  await pane.getByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }).click();
  await pane.getByText(/^Đã ghi \d+ ô của báo cáo quý 3\/2020\./).waitFor();
  await page.getByRole('tab', { name: 'Báo cáo quý' }).first().click();
  // Row 1 (received in the period) counts the one girl: total 1, female 1, under 16: 1.
  const reportRow = page.locator('tr', { has: page.locator('td[data-cell^="A"]', { hasText: /^1$/ }) }).first();
  await expect(reportRow.locator('td').nth(2).textContent()).resolves.toBe('1');

  await pane.getByRole('tab', { name: 'Cài đặt' }).click();
  await pane.getByRole('button', { name: 'Lưu cài đặt' }).waitFor();
  expect(await paneOverflow(page)).toEqual({ scrollWidth: 320, clientWidth: 320, wide: [] });

  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, 'pane-e2e.png'), fullPage: false });
  expect(errors).toEqual([]);
  await page.close();
});

it('an IE11 webview gets the plain bilingual explanation, not a blank pane', async () => {
  const context = await browser.newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; rv:11.0) like Gecko' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  // No network here: office.js answers empty, as if cached.
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  await page.goto(`${site.url}taskpane.html`);
  const box = page.locator('#vr-unsupported');
  await box.waitFor();
  expect(await box.innerText()).toContain('Excel này chưa chạy được ngăn tác vụ');
  expect(await box.innerText()).toContain('This Excel cannot run the victim register pane');
  expect(await page.locator('script[src*="react"]').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

it('a webview without Promise gets the explanation too', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    delete (window as unknown as { Promise?: unknown }).Promise;
  });
  await page.goto(`${site.url}preview.html`);
  await page.locator('#vr-unsupported').waitFor();
  expect(await page.locator('#vr-unsupported').innerText()).toContain('thiếu chức năng JavaScript cần thiết');
  expect(errors).toEqual([]);
  await page.close();
});

it('the task pane page opened outside Excel says where it runs, without a script error', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  await page.goto(`${site.url}taskpane.html`);
  await page.getByText(/Trang này chạy bên trong Excel/).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});
