/**
 * A commune clerk's quarter in headless Chromium, in the 320 px pane of the preview (the real
 * pane code over the in-browser workbook) with a live inbox behind the same origin: create the
 * register, enter three cases by clicking labels (one with a birth year alone), check, click a
 * finding, fill the report, record a support, fill the report again, set the access code, submit,
 * read the quarter's one status. On every panel: no horizontal overflow, no console error, no
 * English word in Vietnamese.
 *
 * Twice: on today's plan (the two-level government, vn-2025: Phường Nha Trang, Khánh Hoà,
 * quarter 3/2026 on 05/12/2026, the plan the Start tab offers first, with a foreign victim whose
 * birth date is unknown) and on the Bắc Ninh plan 2017–2020 (Thị xã Từ Sơn, quarter 3/2020).
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
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-clerk-'));
  const started = await startServer(loadConfig({ dataDir: path.join(base, 'data'), port: 0, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, web: false }, {}));
  stopInbox = async () => {
    await started.app.close();
    fs.rmSync(base, { recursive: true, force: true });
  };
  const bacNinh = getProfile('bac-ninh-2017')!;
  const tuSon = findUnit(bacNinh, 'BN-TS')!;
  tokens['BN-TS'] = newToken();
  await started.ctx.store.upsertUnit({ profile: bacNinh.id, unit_code: tuSon.code, unit_name: tuSon.name, province_code: bacNinh.province_code, token_hash: sha256Hex(tokens['BN-TS']) });
  tokens['22366'] = newToken();
  await started.ctx.store.upsertUnit({ profile: 'vn-2025', unit_code: '22366', unit_name: 'Phường Nha Trang', province_code: '56', token_hash: sha256Hex(tokens['22366']) });
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

interface Plan {
  name: string;
  unit: string;
  year: number;
  query: string;
  /** Picks the plan, unit and period on Start. */
  start: (pane: Locator) => Promise<void>;
  /** Fills the residence commune. */
  commune: (pane: Locator) => Promise<void>;
}

interface Case {
  name: string;
  sex: 'Nam' | 'Nữ';
  /** A date, a year alone, or null for "Không rõ ngày sinh". */
  birth: string | null;
  status: 'Đã xác định là nạn nhân' | 'Chờ xác minh';
  child?: boolean;
  foreign?: boolean;
  needs: string[];
}

async function enterCase(plan: Plan, pane: Locator, c: Case, id: string): Promise<void> {
  const y = plan.year;
  await pane.getByTestId('case-id').filter({ hasText: id }).waitFor();
  await pane.getByLabel(/^Họ và tên/).fill(c.name);
  await choose(pane, /^Giới tính/, c.sex);
  if (c.birth) await pane.getByLabel(/^Ngày sinh/).fill(c.birth);
  else await pane.getByRole('checkbox', { name: /^Không rõ ngày sinh/ }).click();
  if (c.foreign) {
    await choose(pane, /^Quốc tịch/, 'Lào');
    // Where a foreign victim "lives": the pane says what to write.
    await pane.getByText(/^Người nước ngoài: ghi xã, phường nơi người đó đang lưu trú/).waitFor();
  }
  await plan.commune(pane);
  await pane.getByLabel(/^Ngày tiếp nhận/).fill(`10/08/${y}`);
  await choose(pane, /^Hình thức tiếp nhận/, c.foreign ? 'Người nước ngoài bị mua bán tại địa phương' : 'Trao trả chính thức');
  await choose(pane, /^Nơi bị mua bán đến/, c.foreign ? 'Trong nước' : 'Trung Quốc');
  await choose(pane, /^Mục đích bị mua bán/, c.foreign ? 'Cưỡng bức lao động' : 'Kết hôn/làm vợ trái pháp luật');
  await choose(pane, /^Tình trạng xác minh/, c.status);
  if (c.status !== 'Chờ xác minh') {
    await pane.getByLabel(/^Ngày xác định/).fill(`15/08/${y}`);
    await choose(pane, /^Cơ quan xác định/, 'Bộ đội Biên phòng');
  }
  await choose(pane, /^Bảo vệ an toàn/, 'Có nhu cầu - đã bảo vệ');
  if (c.child) {
    await choose(pane, /^Kết nối dịch vụ bảo vệ trẻ em/, 'Có');
    await pane.getByLabel(/^Ngày kết nối/).fill(`20/08/${y}`);
  }
  await choose(pane, /^Đồng ý chia sẻ thông tin/, 'Có');
  // A foreign victim is offered only the support open to them (Law 53/2024 Art. 37: a, b, c, d, đ, g).
  if (c.foreign) expect(await pane.getByRole('checkbox', { name: /^Chi phí đi lại/ }).count()).toBe(0);
  // Needs by clicking their labels, as a clerk does.
  for (const need of c.needs) await pane.locator('label', { hasText: new RegExp(`^${need}$`) }).click();
  for (const need of c.needs) expect(await pane.getByRole('checkbox', { name: need, exact: true }).isChecked()).toBe(true);
  await pane.getByRole('button', { name: 'Ghi vào sổ' }).click();
  await pane.getByText(new RegExp(`^Đã ghi hồ sơ ${id} vào dòng`)).waitFor();
}

const NHA_TRANG: Plan = {
  name: 'nha-trang-2026',
  unit: '22366',
  year: 2026,
  query: '?today=2026-12-05',
  start: async (pane) => {
    // Today's plan is offered first and chosen; no out-of-plan warning.
    expect(await pane.getByLabel(/^Kế hoạch/).inputValue()).toBe('vn-2025');
    await pane.getByTestId('unit-picker-province').selectOption('56');
    await pane.getByTestId('unit-picker-search').fill('nha trang');
    await pane.getByTestId('unit-picker-unit').selectOption('22366');
    expect(await pane.getByLabel('Năm').inputValue()).toBe('2026');
    expect(await pane.getByLabel(/^Quý/).inputValue()).toBe('3');
    expect(await pane.getByTestId('period-notice').count()).toBe(0);
  },
  commune: async (pane) => {
    await pane.getByLabel(/^Xã\/Phường cư trú/).pressSequentially('nha tr', { delay: 20 });
    await pane.getByTestId('commune-matches').getByRole('button', { name: 'Phường Nha Trang', exact: true }).click();
  },
};

const TU_SON: Plan = {
  name: 'tu-son-2020',
  unit: 'BN-TS',
  year: 2020,
  query: '',
  start: async (pane) => {
    // The Bắc Ninh plan, quarter 3/2020 (the pane says it is not the period due now).
    await choose(pane, /^Kế hoạch/, 'bac-ninh-2017');
    await pane.getByLabel('Năm').fill('2020');
    await choose(pane, /^Quý/, '3');
    await pane.getByTestId('period-notice').waitFor();
  },
  commune: (pane) => choose(pane, /^Xã\/Phường cư trú/, 'Phường Đông Ngàn'),
};

it.each([NHA_TRANG, TU_SON])('a clerk of $name creates, enters, checks, reports, records support and submits at 320 px', async (plan) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const sep = plan.query ? '&' : '?';
  await page.goto(`${site.url}preview.html${plan.query}${sep}inbox=${encodeURIComponent(site.url)}`);
  const pane = page.getByTestId('pane');
  const tab = (name: string) => pane.getByRole('tab', { name, exact: true }).click();
  const y = plan.year;
  const id = (n: number) => `${plan.unit}-${y}-000${n}`;
  const shot = (n: string) => `${plan.name}-${n}`;

  await pane.getByRole('button', { name: 'Tạo sổ theo dõi' }).waitFor();
  await plan.start(pane);
  await panel(page, errors, shot('1-start'));
  await pane.getByRole('button', { name: 'Tạo sổ theo dõi' }).click();

  // Entry: three cases; the second has only a birth year; on today's plan the third is a
  // foreign victim whose birth date is unknown.
  await enterCase(plan, pane, { name: 'Lò Thị Mai', sex: 'Nữ', birth: `12/03/${y - 15}`, status: 'Đã xác định là nạn nhân', child: true, needs: ['Y tế'] }, id(1));
  await enterCase(plan, pane, { name: 'Vàng Văn Páo', sex: 'Nam', birth: '1990', status: 'Đã xác định là nạn nhân', needs: [] }, id(2));
  const third: Case =
    plan === NHA_TRANG
      ? { name: 'Somchai Phommachanh', sex: 'Nam', birth: null, status: 'Chờ xác minh', foreign: true, needs: ['Phiên dịch'] }
      : { name: 'Giàng Thị Dợ', sex: 'Nữ', birth: '04/11/1998', status: 'Chờ xác minh', needs: [] };
  await enterCase(plan, pane, third, id(3));
  await panel(page, errors, shot('2-entry'));
  await page.getByRole('tab', { name: 'Sổ theo dõi' }).click();
  await page.locator('td', { hasText: /^1990$/ }).waitFor();
  if (plan === NHA_TRANG) await page.locator('td', { hasText: /^Không rõ$/ }).waitFor();

  // Check: the empty report (one finding) and the unmet need; a click selects the cell.
  await tab('Kiểm tra');
  await pane.getByRole('button', { name: 'Kiểm tra toàn bộ sổ' }).click();
  await pane.getByText(/^Đã kiểm tra 3 dòng/).waitFor();
  await expect(pane.locator('details[data-rule="RPT-01"] summary').getAttribute('data-count')).resolves.toBe('1');
  // Nothing on the unknown birth date: "Không rõ" is legal.
  expect(await pane.locator('details[data-rule="REG-01"], details[data-rule="REG-03"]').count()).toBe(0);
  await panel(page, errors, shot('3-check'));
  const finding = pane.locator('details[data-rule="SUP-03"]').getByRole('button', { name: /^Đi tới ô [A-Z]+\d+:/ }).first();
  const cell = /^Đi tới ô ([A-Z]+\d+):/.exec((await finding.getAttribute('aria-label')) ?? '')?.[1];
  await finding.click();
  await expect(page.locator('td[aria-selected="true"]').getAttribute('data-cell')).resolves.toBe(cell);

  // Report: filled from the register, with its period and the date prepared.
  await tab('Báo cáo quý');
  await pane.getByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }).click();
  await pane.getByText(new RegExp(`^Đã lập báo cáo quý 3/${y}: ghi \\d+ ô`)).waitFor();
  await pane.getByTestId('report-hand').getByText(/^7\.1 Kết quả nổi bật: còn trống/).waitFor();
  await panel(page, errors, shot('4-report'));

  // Support: medical support for the girl, found by name.
  await tab('Hỗ trợ');
  const person = pane.getByRole('combobox', { name: /^Người được hỗ trợ/ });
  await person.click();
  await person.pressSequentially('Mai', { delay: 30 });
  await page.getByTestId('pane').screenshot({ path: path.join(RESULTS, `clerk-${shot('5-support-search')}.png`) });
  await page.getByRole('option', { name: new RegExp(`${id(1)} — Lò Thị Mai`) }).click();
  await pane.getByLabel(/^Ngày hỗ trợ/).fill(`25/08/${y}`);
  await choose(pane, /^Loại hỗ trợ/, 'Y tế');
  await pane.getByLabel(/^Số tiền/).fill('500.000');
  await pane.getByLabel(/^Đơn vị thực hiện/).fill('Trạm y tế phường');
  await pane.getByRole('button', { name: 'Ghi vào trang Hỗ trợ' }).click();
  await pane.getByText(new RegExp(`^Đã ghi hỗ trợ "Y tế" cho hồ sơ ${id(1)}`)).waitFor();
  await panel(page, errors, shot('5-support'));

  // Report again: rows 4.x now count the support; the pane's own figures follow without a question.
  await tab('Báo cáo quý');
  await pane.getByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }).click();
  await pane.getByText(/^Số liệu thay đổi so với lần lập trước \(\d+ ô\)$/).waitFor();
  expect(await pane.getByRole('button', { name: 'Ghi số tính từ sổ vào các ô này' }).count()).toBe(0);
  await page.getByRole('tab', { name: 'Báo cáo quý' }).first().click();
  // The official date line is filled in too (`Nha Trang, ngày 05 tháng 12 năm 2026`).
  await page.locator('td', { hasText: /, ngày \d{2} tháng \d{2} năm \d{4}$/ }).first().waitFor();

  // The access code in Settings: the workbook's own unit is shown.
  await tab('Cài đặt');
  await pane.getByTestId('settings-unit').filter({ hasText: plan.unit }).waitFor();
  await pane.getByLabel(/^Mã truy cập/).fill(tokens[plan.unit]);
  await pane.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await pane.getByText('Đã lưu cài đặt cho sổ này.').waitFor();
  await panel(page, errors, shot('6-settings'));

  // Submit: the inbox checks again; the quarter has one status, its version named by number and time.
  await tab('Gửi');
  await pane.getByRole('button', { name: 'Kiểm tra và gửi' }).click();
  const status = pane.getByTestId('quarter-status');
  await status.filter({ hasText: /Bản mới nhất: Bản 1, nộp \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/ }).waitFor({ timeout: 60_000 });
  expect(await status.innerText()).toMatch(new RegExp(`^Quý 3/${y}: đã nộp`));
  expect(await pane.innerText()).not.toMatch(/chưa nộp/);
  await panel(page, errors, shot('7-receipt'));
  await page.screenshot({ path: path.join(RESULTS, `clerk-journey-${plan.name}.png`) });
  await page.close();
});
