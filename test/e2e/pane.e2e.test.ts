/**
 * End to end in headless Chromium: the production build of the preview (the real pane code
 * over the in-browser workbook). A clerk creates a register, enters a child with no
 * child-protection referral, runs Check, sees CHD-01, clicks it and sees the cell selected
 * in the grid, fills the report: on the Bắc Ninh plan (2020) and on today's plan (Phường Nha
 * Trang, 2026). Every pop-up of the pane leaves the form visible and usable under it; a double
 * click on a cell partly off screen edits that cell. Also: an IE11 webview and one without
 * Promise get the plain explanation, with no script error.
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

interface StartPlan {
  name: string;
  query: string;
  unit: string;
  year: number;
  /** Age at receipt that still needs a child-protection referral (16 before 2025, 18 after). */
  age: number;
  start: (page: Page) => Promise<void>;
  commune: (page: Page) => Promise<void>;
}

const PLANS: StartPlan[] = [
  {
    name: 'Thị xã Từ Sơn, quarter 3/2020 (Bắc Ninh 2017–2020)',
    query: '',
    unit: 'BN-TS',
    year: 2020,
    age: 15,
    start: async (page) => {
      await select(page, /^Kế hoạch/, 'bac-ninh-2017');
      await select(page, /^Đơn vị báo cáo/, 'BN-TS');
      await page.getByTestId('pane').getByLabel('Năm').fill('2020');
      await select(page, /^Quý/, '3');
    },
    commune: (page) => select(page, /^Xã\/Phường cư trú/, 'Phường Đông Ngàn'),
  },
  {
    name: 'Phường Nha Trang, quarter 3/2026 (two-level government, the plan offered first)',
    query: '?today=2026-12-05',
    unit: '22366',
    year: 2026,
    age: 17,
    start: async (page) => {
      const pane = page.getByTestId('pane');
      expect(await pane.getByLabel(/^Kế hoạch/).inputValue()).toBe('vn-2025');
      await pane.getByTestId('unit-picker-province').selectOption('56');
      await pane.getByTestId('unit-picker-search').fill('nha trang');
      await pane.getByTestId('unit-picker-unit').selectOption('22366');
    },
    commune: async (page) => {
      const pane = page.getByTestId('pane');
      await pane.getByLabel(/^Xã\/Phường cư trú/).pressSequentially('nha tr', { delay: 20 });
      await pane.getByTestId('commune-matches').getByRole('button', { name: 'Phường Nha Trang', exact: true }).click();
    },
  },
];

it.each(PLANS)('$name: creates a register, enters a child case, finds CHD-01, jumps to its cell and fills the report', async (plan) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${site.url}preview.html${plan.query}`);
  const pane = page.getByTestId('pane');
  await pane.getByRole('button', { name: 'Tạo sổ theo dõi' }).waitFor();
  // The plan dropdown fits the 320 px pane (its full titles made it 774 px wide).
  expect(await paneOverflow(page)).toEqual({ scrollWidth: 320, clientWidth: 320, wide: [] });

  await plan.start(page);
  await pane.getByRole('button', { name: 'Tạo sổ theo dõi' }).click();
  const id = `${plan.unit}-${plan.year}-0001`;
  await page.getByTestId('case-id').filter({ hasText: id }).waitFor();
  await page.getByRole('tab', { name: 'Sổ theo dõi' }).waitFor();

  // Entry: a girl under the plan's child age at receipt, not referred.
  const y = plan.year;
  await pane.getByLabel(/^Họ và tên/).fill('Lò Thị Mai');
  await select(page, /^Giới tính/, 'Nữ');
  await pane.getByLabel(/^Ngày sinh/).fill(`12/03/${y - plan.age}`);
  await plan.commune(page);
  await pane.getByLabel(/^Ngày tiếp nhận/).fill(`10/08/${y}`);
  await select(page, /^Hình thức tiếp nhận/, 'Trao trả chính thức');
  await select(page, /^Nơi bị mua bán đến/, 'Trung Quốc');
  await select(page, /^Mục đích bị mua bán/, 'Kết hôn/làm vợ trái pháp luật');
  await select(page, /^Tình trạng xác minh/, 'Đã xác định là nạn nhân');
  await pane.getByLabel(/^Ngày xác định/).fill(`15/08/${y}`);
  await select(page, /^Cơ quan xác định/, 'Bộ đội Biên phòng');
  await select(page, /^Bảo vệ an toàn/, 'Có nhu cầu - đã bảo vệ');
  await select(page, /^Kết nối dịch vụ bảo vệ trẻ em/, 'Không');
  await select(page, /^Đồng ý chia sẻ thông tin/, 'Có');
  // "Ghi vào sổ" is at hand at the bottom of the pane, not 2,000 px below.
  const save = pane.getByRole('button', { name: 'Ghi vào sổ' });
  await pane.evaluate((el) => el.scrollTo(0, 0));
  expect(await save.isVisible()).toBe(true);
  expect(await save.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
  await save.click();
  // The message under the referral field, words first; the field focused and in view.
  await pane.getByText(/\(CHD-01\)$/).waitFor();
  await expect(page.evaluate(() => (document.activeElement as HTMLElement | null)?.id)).resolves.toBe(await pane.getByLabel(/^Kết nối dịch vụ bảo vệ trẻ em/).getAttribute('id'));
  expect(await pane.getByLabel(/^Kết nối dịch vụ bảo vệ trẻ em/).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  })).toBe(true);
  await pane.getByRole('button', { name: 'Vẫn ghi (còn lỗi)' }).click();
  await pane.getByText(new RegExp(`^Đã ghi hồ sơ ${id} vào dòng`)).waitFor();
  await page.locator('td', { hasText: 'Lò Thị Mai' }).waitFor();

  // Check: CHD-01 is listed; clicking it selects its cell in the grid.
  await pane.getByRole('tab', { name: 'Kiểm tra', exact: true }).click();
  await pane.getByRole('button', { name: 'Kiểm tra toàn bộ sổ' }).click();
  const group = pane.locator('details[data-rule="CHD-01"]');
  await expect(group.locator('summary').getAttribute('data-count')).resolves.toBe('1');
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

  // Report: filled from the register, its period in the header.
  await pane.getByRole('tab', { name: 'Báo cáo quý' }).click();
  await pane.getByRole('button', { name: 'Lập báo cáo từ sổ theo dõi' }).click();
  await pane.getByText(new RegExp(`^Đã lập báo cáo quý 3/${y}:`)).waitFor();
  await page.getByRole('tab', { name: 'Báo cáo quý' }).first().click();
  // Row 1 (received in the period) counts the one girl: total 1.
  const reportRow = page.locator('tr', { has: page.locator('td[data-cell^="A"]', { hasText: /^1$/ }) }).first();
  await expect(reportRow.locator('td').nth(2).textContent()).resolves.toBe('1');
  const periodRow = page.locator('tr', { has: page.locator('td', { hasText: /^Kỳ báo cáo:$/ }) });
  await expect(periodRow.locator('td').nth(2).textContent()).resolves.toMatch(new RegExp(`^\\d{2}/\\d{2}/${y} - \\d{2}/09/${y}$`));

  await pane.getByRole('tab', { name: 'Cài đặt' }).click();
  await pane.getByRole('button', { name: 'Lưu cài đặt' }).waitFor();
  expect(await paneOverflow(page)).toEqual({ scrollWidth: 320, clientWidth: 320, wide: [] });

  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `pane-e2e-${plan.unit}.png`), fullPage: false });
  expect(errors).toEqual([]);
  await page.close();
});

/** What a pop-up may cover, checked inside the page: points of the pane outside the pop-up's own
 *  box must hit the pane (not a portal layer), the trigger must be on screen. */
async function coverage(page: Page, trigger: Locator): Promise<{ covered: string[]; triggerOnScreen: boolean; mountHeights: number[] }> {
  const box = await trigger.boundingBox();
  return page.evaluate((t) => {
    const pane = document.querySelector('[data-testid="pane"]') as HTMLElement;
    const p = pane.getBoundingClientRect();
    const popups = [...document.querySelectorAll('[data-portal-node] [role="listbox"], [data-portal-node] [role="menu"], [data-portal-node] [role="dialog"], [data-portal-node] [role="tooltip"]')].map((el) => el.getBoundingClientRect());
    const inPopup = (x: number, y: number) => popups.some((r) => x >= r.left - 2 && x <= r.right + 2 && y >= r.top - 2 && y <= r.bottom + 2);
    const covered: string[] = [];
    for (let y = p.top + 5; y < Math.min(p.bottom, window.innerHeight); y += 25) {
      for (const x of [p.left + 6, p.left + p.width / 2, p.right - 8]) {
        if (inPopup(x, y)) continue;
        const hit = document.elementFromPoint(x, y);
        if (!hit || hit.closest('[data-portal-node]') || !pane.contains(hit)) covered.push(`${Math.round(x)},${Math.round(y)}: ${hit?.tagName ?? 'nothing'}`);
      }
    }
    const cx = t ? t.x + t.width / 2 : -1;
    const cy = t ? t.y + t.height / 2 : -1;
    const atTrigger = t ? document.elementFromPoint(cx, cy) : null;
    const triggerOnScreen = !!t && t.height > 0 && t.y >= 0 && t.y + t.height <= window.innerHeight && !!atTrigger && !atTrigger.closest('[data-portal-node]');
    const mountHeights = [...document.querySelectorAll('[data-portal-node]')].map((n) => Math.round(n.getBoundingClientRect().height));
    return { covered: covered.slice(0, 8), triggerOnScreen, mountHeights };
  }, box);
}

it.each([
  ['Thị xã Từ Sơn 2020', '?sample=12&today=2020-11-02'],
  ['Phường Nha Trang 2026', '?sample=12&profile=vn-2025&unit=22366&year=2026&quarter=3&today=2026-12-05'],
])('%s: every pop-up of the pane (lists, menus, tooltips, dialogs) leaves the form visible and usable under it', async (name, query) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${site.url}preview.html${query}`);
  const pane = page.getByTestId('pane');
  await pane.getByRole('tab').first().waitFor();
  const opened: string[] = [];
  for (const tabName of await pane.getByRole('tab').allInnerTexts()) {
    await pane.getByRole('tab', { name: tabName, exact: true }).click();
    await page.waitForTimeout(600);
    // Every control of the panel that opens a layer of its own: Fluent comboboxes and dropdowns,
    // menu and dialog triggers (native <select>s open the browser's own list, no layer of ours).
    const triggers = pane.locator('[role="combobox"]:not(select), [aria-haspopup]:not(select):not([role="combobox"])');
    const count = await triggers.count();
    for (let i = 0; i < count; i++) {
      const trigger = triggers.nth(i);
      if (!(await trigger.isVisible())) continue;
      const label = `${tabName}: ${(await trigger.getAttribute('aria-label')) ?? (await trigger.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? ''))}`;
      const typing = await trigger.evaluate((el) => el.tagName === 'INPUT');
      await trigger.click();
      if (typing) await trigger.pressSequentially('h', { delay: 30 });
      else await page.keyboard.press('ArrowDown');
      const popup = page.locator('[data-portal-node] [role="listbox"], [data-portal-node] [role="menu"], [data-portal-node] [role="dialog"], [data-portal-node] [role="tooltip"]').first();
      await popup.waitFor();
      await page.screenshot({ path: path.join(RESULTS, `popup-${opened.length}-${name.replace(/\W+/g, '-')}.png`) });
      // The form is still there around the pop-up, its field on screen.
      const open = await coverage(page, trigger);
      expect({ label, ...open, mountHeights: undefined }).toEqual({ label, covered: [], triggerOnScreen: true, mountHeights: undefined });
      // The portal layer is no taller than what it shows (a full-height white root made it 900 px).
      const popupHeight = (await popup.boundingBox())!.height;
      for (const h of open.mountHeights) expect(h).toBeLessThanOrEqual(Math.ceil(popupHeight) + 2);
      if (typing) {
        // Typing continues in the field.
        await trigger.pressSequentially('a', { delay: 30 });
        expect(await trigger.inputValue()).toMatch(/ha$/);
      }
      // Tab moves on to the next field and closes the layer; the pane is whole again.
      await page.keyboard.press('Tab');
      await expect(popup.isVisible()).resolves.toBe(false);
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { inPane: !!el?.closest('[data-testid="pane"]'), inTrigger: !!el?.closest('.fui-Combobox'), field: el?.getAttribute('data-field') ?? el?.tagName ?? '' };
      });
      expect({ label, inPane: focused.inPane, inTrigger: focused.inTrigger }).toEqual({ label, inPane: true, inTrigger: false });
      expect((await coverage(page, trigger)).covered).toEqual([]);
      opened.push(label);
    }
  }
  // Not a test that cannot fail: the support form's person list is one of them.
  expect(opened.some((l) => /Người được hỗ trợ|Mở danh sách/.test(l))).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

it('double-clicking a cell partly off screen edits that cell, not its neighbour', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${site.url}preview.html?sample=80`);
  await page.getByRole('tab', { name: 'Sổ theo dõi' }).click();
  await page.locator('td[data-cell="B3"]').waitFor();
  // A cell cut by the right edge of the sheet's scroll area, then one cut by its bottom edge
  // (each found with the sheet scrolled back to its top left: an open editor scrolls itself into view).
  for (const edge of ['right', 'bottom'] as const) {
    const target = await page.evaluate((side) => {
      const scroller = document.querySelector('[data-testid="grid"] table')!.parentElement as HTMLElement;
      scroller.scrollTo(0, 0);
      const box = scroller.getBoundingClientRect();
      // The visible area, scroll bars excluded.
      const s = { top: box.top, left: box.left, right: box.left + scroller.clientWidth, bottom: box.top + scroller.clientHeight };
      const td = [...document.querySelectorAll<HTMLElement>('td[data-cell]')].find((cell) => {
        const b = cell.getBoundingClientRect();
        return side === 'right'
          ? b.top > s.top + 30 && b.bottom < s.bottom && b.left < s.right - 12 && b.right > s.right + 12
          : b.left > s.left + 40 && b.right < s.right && b.top < s.bottom - 6 && b.bottom > s.bottom + 4;
      });
      if (!td) return null;
      const b = td.getBoundingClientRect();
      return side === 'right'
        ? { cell: td.dataset.cell!, x: (b.left + s.right) / 2, y: (b.top + b.bottom) / 2 }
        : { cell: td.dataset.cell!, x: (b.left + b.right) / 2, y: (b.top + s.bottom) / 2 };
    }, edge);
    expect({ edge, found: target !== null }).toEqual({ edge, found: true });
    await page.mouse.dblclick(target!.x, target!.y);
    await page.getByRole('textbox', { name: `Ô ${target!.cell}` }).waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
  }
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
