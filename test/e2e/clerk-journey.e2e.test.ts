/**
 * A commune clerk's quarter in headless Chromium, in the 320 px pane of the preview (the real
 * pane code over the in-browser workbook) with a live inbox behind the same origin: create the
 * register, enter three cases by clicking labels (one with a birth year alone), check, click a
 * finding, fill the report, record a support, set the access code, submit, read the receipt.
 * On every panel: no horizontal overflow, no console error, no English word in Vietnamese.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { newToken, sha256Hex } from '../../src/inbox/auth';
import { loadConfig } from '../../src/inbox/config';
import { startServer } from '../../src/inbox/server';
import { findUnit, getProfile } from '../../src/profiles';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildPane, paneOverflow, serve } from './paneHarness';

jest.setTimeout(420_000);

const RESULTS = path.resolve(__dirname, '../../test-results');
/** English words a Vietnamese screen must not show (codes such as REG-01, BN-TS pass). */
const ENGLISH = new Set(['the', 'and', 'sheet', 'token', 'check', 'submit', 'report', 'error', 'errors', 'warning', 'save', 'file', 'upload', 'inbox', 'register', 'case', 'support', 'settings', 'loading', 'workbook', 'row', 'rows', 'cell', 'not', 'found', 'failed']);

let browser: Browser;
let site: { url: string; close: () => Promise<void> };
let dir: string;
let stopInbox: () => Promise<void>;
let token: string;

beforeAll(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-clerk-'));
  const started = await startServer(loadConfig({ dataDir: path.join(base, 'data'), port: 0, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, web: false }, {}));
  stopInbox = async () => {
    await started.app.close();
    fs.rmSync(base, { recursive: true, force: true });
  };
  const profile = getProfile('bac-ninh-2017')!;
  const unit = findUnit(profile, 'BN-TS')!;
  token = newToken();
  await started.ctx.store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: profile.province_code, token_hash: sha256Hex(token) });
  dir = await buildPane('production');
  site = await serve(dir, started.url);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  fs.mkdirSync(RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await stopInbox?.();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function panel(page: Page, errors: string[], name: string): Promise<void> {
  await page.waitForTimeout(200);
  expect({ name, ...(await paneOverflow(page)) }).toEqual({ name, scrollWidth: 320, clientWidth: 320, wide: [] });
  expect({ name, errors }).toEqual({ name, errors: [] });
  // Everything the clerk reads, the findings' messages from the rule catalogue included.
  const text = await page.getByTestId('pane').evaluate((el) => (el as HTMLElement).innerText);
  const english = text.split(/[^\p{L}\p{N}_-]+/u).filter((w) => ENGLISH.has(w.toLowerCase()));
  expect({ name, english }).toEqual({ name, english: [] });
  await page.getByTestId('pane').screenshot({ path: path.join(RESULTS, `clerk-${name}.png`) });
}

async function choose(pane: Locator, label: RegExp, value: string): Promise<void> {
  await pane.getByLabel(label).selectOption(value);
}

interface Case {
  name: string;
  sex: 'Nam' | 'Nữ';
  birth: string;
  status: 'Đã xác định là nạn nhân' | 'Chờ xác minh';
  child?: boolean;
  needs: string[];
}

async function enterCase(page: Page, pane: Locator, c: Case, id: string): Promise<void> {
  await pane.getByTestId('case-id').filter({ hasText: id }).waitFor();
  await pane.getByLabel(/^Họ và tên/).fill(c.name);
  await choose(pane, /^Giới tính/, c.sex);
  await pane.getByLabel(/^Ngày sinh/).fill(c.birth);
  await choose(pane, /^Xã\/Phường cư trú/, 'Phường Đông Ngàn');
  await pane.getByLabel(/^Ngày tiếp nhận/).fill('10/08/2020');
  await choose(pane, /^Hình thức tiếp nhận/, 'Trao trả chính thức');
  await choose(pane, /^Nơi bị mua bán đến/, 'Trung Quốc');
  await choose(pane, /^Mục đích bị mua bán/, 'Kết hôn/làm vợ trái pháp luật');
  await choose(pane, /^Tình trạng xác minh/, c.status);
  if (c.status !== 'Chờ xác minh') {
    await pane.getByLabel(/^Ngày xác định/).fill('15/08/2020');
    await choose(pane, /^Cơ quan xác định/, 'Bộ đội Biên phòng');
  }
  await choose(pane, /^Bảo vệ an toàn/, 'Có nhu cầu - đã bảo vệ');
  if (c.child) {
    await choose(pane, /^Kết nối dịch vụ bảo vệ trẻ em/, 'Có');
    await pane.getByLabel(/^Ngày kết nối/).fill('20/08/2020');
  }
  await choose(pane, /^Đồng ý chia sẻ thông tin/, 'Có');
  // Needs by clicking their labels, as a clerk does.
  for (const need of c.needs) await pane.locator('label', { hasText: new RegExp(`^${need}$`) }).click();
  for (const need of c.needs) expect(await pane.getByRole('checkbox', { name: need, exact: true }).isChecked()).toBe(true);
  await pane.getByRole('button', { name: 'Ghi vào sổ' }).click();
  await pane.getByText(new RegExp(`^Đã ghi hồ sơ ${id} vào dòng`)).waitFor();
  void page;
}

it('a clerk creates, enters, checks, reports, records support and submits at 320 px', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${site.url}preview.html?inbox=${encodeURIComponent(site.url)}`);
  const pane = page.getByTestId('pane');
  const tab = (name: string) => pane.getByRole('tab', { name, exact: true }).click();

  // Start: the Bắc Ninh plan, quarter 3/2020 (the pane says it is not the period due now).
  await pane.getByRole('button', { name: 'Tạo sổ theo dõi' }).waitFor();
  await choose(pane, /^Kế hoạch/, 'bac-ninh-2017');
  await pane.getByLabel('Năm').fill('2020');
  await choose(pane, /^Quý/, '3');
  await pane.getByTestId('period-notice').waitFor();
  await panel(page, errors, '1-start');
  await pane.getByRole('button', { name: 'Tạo sổ theo dõi' }).click();

  // Entry: three cases; the second has only a birth year.
  await enterCase(page, pane, { name: 'Lò Thị Mai', sex: 'Nữ', birth: '12/03/2005', status: 'Đã xác định là nạn nhân', child: true, needs: ['Y tế'] }, 'BN-TS-2020-0001');
  await enterCase(page, pane, { name: 'Vàng Văn Páo', sex: 'Nam', birth: '1990', status: 'Đã xác định là nạn nhân', needs: [] }, 'BN-TS-2020-0002');
  await enterCase(page, pane, { name: 'Giàng Thị Dợ', sex: 'Nữ', birth: '04/11/1998', status: 'Chờ xác minh', needs: [] }, 'BN-TS-2020-0003');
  await panel(page, errors, '2-entry');
  await page.getByRole('tab', { name: 'Sổ theo dõi' }).click();
  await page.locator('td', { hasText: /^1990$/ }).waitFor();

  // Check: the empty report (one finding) and the unmet need; a click selects the cell.
  await tab('Kiểm tra');
  await pane.getByRole('button', { name: 'Kiểm tra toàn bộ sổ' }).click();
  await pane.getByText(/^Đã kiểm tra 3 dòng/).waitFor();
  await pane.locator('details[data-rule="RPT-01"]').getByText('RPT-01 (1)').waitFor();
  await panel(page, errors, '3-check');
  const finding = pane.locator('details[data-rule="SUP-03"]').getByRole('button', { name: /^Đi tới ô [A-Z]+\d+:/ });
  const cell = /^Đi tới ô ([A-Z]+\d+):/.exec((await finding.getAttribute('aria-label')) ?? '')?.[1];
  await finding.click();
  await expect(page.locator('td[aria-selected="true"]').getAttribute('data-cell')).resolves.toBe(cell);

  // Report.
  await tab('Báo cáo quý');
  await pane.getByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }).click();
  await pane.getByText(/^Đã ghi \d+ ô của báo cáo quý 3\/2020\./).waitFor();
  await panel(page, errors, '4-report');

  // Support: medical support for the girl, found by name.
  await tab('Hỗ trợ');
  const person = pane.getByRole('combobox', { name: /^Người được hỗ trợ/ });
  await person.click();
  await person.pressSequentially('Mai', { delay: 30 });
  await page.getByTestId('pane').screenshot({ path: path.join(RESULTS, 'clerk-5-support-search.png') });
  await page.getByRole('option', { name: /BN-TS-2020-0001 — Lò Thị Mai/ }).click();
  await pane.getByLabel(/^Ngày hỗ trợ/).fill('25/08/2020');
  await choose(pane, /^Loại hỗ trợ/, 'Y tế');
  await pane.getByLabel(/^Số tiền/).fill('500.000');
  await pane.getByLabel(/^Đơn vị thực hiện/).fill('Trạm y tế phường Đông Ngàn');
  await pane.getByRole('button', { name: 'Ghi vào trang Hỗ trợ' }).click();
  await pane.getByText(/^Đã ghi hỗ trợ "Y tế" cho hồ sơ BN-TS-2020-0001/).waitFor();
  await panel(page, errors, '5-support');

  // Report again (row 4.2 now counts the support), then the access code in Settings.
  await tab('Báo cáo quý');
  await pane.getByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }).click();
  // The figures written before differ now (rows 4.x): the pane shows both and asks.
  await pane.getByRole('button', { name: 'Ghi đè bằng số tính từ sổ' }).click();
  await pane.getByText(/^Đã ghi \d+ ô/).waitFor();
  await tab('Cài đặt');
  await pane.getByLabel(/^Mã truy cập/).fill(token);
  await pane.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await pane.getByText('Đã lưu cài đặt cho sổ này.').waitFor();
  await panel(page, errors, '6-settings');

  // Submit: the inbox checks again and answers with a receipt.
  await tab('Gửi');
  await pane.getByRole('button', { name: 'Kiểm tra và gửi' }).click();
  await pane.getByText(/Đã nhận: mã biên nhận/).waitFor({ timeout: 60_000 });
  await panel(page, errors, '7-receipt');
  await page.screenshot({ path: path.join(RESULTS, 'clerk-journey.png') });
  await page.close();
});
