import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readMeta, parseWorkbook } from '../../src/domain/parse';
import { SHEET } from '../../src/domain/sheet';
import { buildTemplate } from '../../src/domain/template';
import { CASES_SHEET, SUMMARY_FIRST_ROW, SUMMARY_SHEET } from '../../src/inbox/consolidate';
import { findUnit, getProfile } from '../../src/profiles';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { XLSX, sampleWorkbook, startTestInbox, tempDir, type TestInbox } from './helpers';

/**
 * The web routes on a real inbox (loopback HTTP: fastify's inject needs an ESM module jest cannot
 * load): template and rollover downloads for a unit, the consolidated workbook for staff, the
 * static pages and the redirect.
 */
const profile = getProfile('bac-ninh-2017')!;

describe('inbox web routes', () => {
  let inbox: TestInbox;
  let webDir: string;
  let paneDir: string;
  let tokenTS: string;
  let tokenTP: string;
  let staff: { cookie: string; csrf: string };

  beforeAll(async () => {
    webDir = tempDir('vr-web-');
    for (const page of ['staff', 'upload']) {
      fs.mkdirSync(path.join(webDir, page));
      fs.writeFileSync(path.join(webDir, page, 'index.html'), `<!doctype html><title>${page}</title>`);
      fs.writeFileSync(path.join(webDir, page, `${page}.abc123.js`), 'console.log(1)');
    }
    fs.writeFileSync(path.join(webDir, 'secret.txt'), 'not served');
    process.env.VR_INBOX_WEB_DIR = webDir;
    paneDir = tempDir('vr-pane-');
    fs.mkdirSync(path.join(paneDir, 'assets'));
    fs.writeFileSync(path.join(paneDir, 'taskpane.html'), '<!doctype html><title>pane</title>');
    fs.writeFileSync(path.join(paneDir, 'manifest.xml'), '<OfficeApp/>');
    fs.writeFileSync(path.join(paneDir, 'assets', 'icon-32.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    process.env.VR_PANE_DIR = paneDir;
    inbox = await startTestInbox({ web: true });
    tokenTS = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    tokenTP = await inbox.addUnit('bac-ninh-2017', 'BN-TP');
    await inbox.addStaff('chicuc', 'mật-khẩu-dài-1');
    staff = await inbox.login('chicuc', 'mật-khẩu-dài-1');
  });

  afterAll(async () => {
    delete process.env.VR_INBOX_WEB_DIR;
    delete process.env.VR_PANE_DIR;
    await inbox.close();
    fs.rmSync(webDir, { recursive: true, force: true });
    fs.rmSync(paneDir, { recursive: true, force: true });
  });

  const unitGet = (p: string, token: string) => inbox.request('GET', p, { headers: { authorization: `Bearer ${token}` } });
  const submit = async (token: string, unit: string, seed: number) => {
    const res = await inbox.request('POST', '/api/submissions', {
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
      body: await sampleWorkbook({ unit, rows: 15, seed }),
    });
    expect(res.status).toBe(200);
    return res.json().id as string;
  };
  const decide = (id: string, action: 'accept' | 'return', body: object = {}) =>
    inbox.request('POST', `/api/staff/submissions/${id}/${action}`, { headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf }, body });

  test('/ redirects to the staff page; the pages are served, with a CSP, and nothing outside their folder is', async () => {
    const root = await fetch(inbox.url + '/', { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/staff/');
    const page = await inbox.request('GET', '/staff/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.body.toString()).toContain('<title>staff</title>');
    expect((await inbox.request('GET', '/upload/upload.abc123.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(inbox.url + '/upload', { redirect: 'manual' })).headers.get('location')).toBe('/upload/');
    expect((await inbox.request('GET', '/staff/..%2Fsecret.txt')).status).toBe(404);
    expect((await inbox.request('GET', '/staff/missing.js')).status).toBe(404);
  });

  test('the task pane build is served at /pane/ (same origin as the API), without the pages\' frame-blocking policy', async () => {
    expect((await fetch(inbox.url + '/pane/', { redirect: 'manual' })).headers.get('location')).toBe('/pane/taskpane.html');
    const page = await inbox.request('GET', '/pane/taskpane.html');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>pane</title>');
    // Excel on the web hosts the pane in an iframe and the page loads Office.js from Microsoft's CDN.
    expect(page.headers.get('content-security-policy')).toBeNull();
    const icon = await inbox.request('GET', '/pane/assets/icon-32.png');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect((await inbox.request('GET', '/pane/manifest.xml')).headers.get('content-type')).toMatch(/xml/);
    expect((await inbox.request('GET', '/pane/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  test('a unit downloads the blank template of its own profile, unit and quarter, as `vr new` writes it', async () => {
    const res = await unitGet('/api/units/me/template?year=2020&quarter=2', tokenTS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toContain('BN-TS-2020-Q2.xlsx');
    const wb = await readWorkbookBuffer(res.body);
    expect(readMeta(wb).meta).toMatchObject({ profile: 'bac-ninh-2017', unit_code: 'BN-TS', year: 2020, quarter: 2 });
    const expected = buildTemplate(profile, findUnit(profile, 'BN-TS')!, 2020, 2, 'x');
    expect(wb.sheets.map((s) => s.name)).toEqual(expected.sheets.map((s) => s.name));
    const registry = wb.sheets.find((s) => s.name === SHEET.registry)!;
    expect(registry.rows[0]).toEqual(expected.sheets.find((s) => s.name === SHEET.registry)!.rows[0]);
    expect(parseWorkbook(wb).registry.records).toEqual([]);

    expect((await inbox.request('GET', '/api/units/me/template?year=2020&quarter=2')).status).toBe(401);
    const bad = await unitGet('/api/units/me/template?year=2020&quarter=5', tokenTS);
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_request', message_vi: expect.stringContaining('quarter'), message_en: expect.stringContaining('quarter') });
  });

  test('rollover: refused until a quarter is accepted, then the next quarter keeps the registry', async () => {
    const none = await unitGet('/api/units/me/rollover?year=2020&quarter=4', tokenTS);
    expect(none.status).toBe(404);
    expect(none.json()).toMatchObject({ error: 'no_accepted', message_en: expect.stringContaining('accepted') });

    const id = await submit(tokenTS, 'BN-TS', 21);
    expect((await decide(id, 'accept')).status).toBe(200);
    const res = await unitGet('/api/units/me/rollover?year=2020&quarter=4', tokenTS);
    expect(res.status).toBe(200);
    const wb = await readWorkbookBuffer(res.body);
    expect(readMeta(wb).meta).toMatchObject({ unit_code: 'BN-TS', year: 2020, quarter: 4 });
    const original = parseWorkbook(await readWorkbookBuffer(await sampleWorkbook({ unit: 'BN-TS', rows: 15, seed: 21 })));
    expect(parseWorkbook(wb).registry.records.map((r) => r.case_id)).toEqual(original.registry.records.map((r) => r.case_id));
    expect(parseWorkbook(wb).support.records.length).toBe(original.support.records.length);

    // Another unit cannot reach BN-TS's accepted quarter.
    expect((await unitGet('/api/units/me/rollover?year=2020&quarter=4', tokenTP)).status).toBe(404);
    const events = await inbox.ctx.store.listAudit({ limit: 20 });
    expect(events.some((e) => e.action === 'download' && e.actor === 'BN-TS' && e.target === id && e.detail.kind === 'rollover')).toBe(true);
  });

  test('consolidated workbook: staff only; built from counted versions, a returned unit left out and shown as returned; audited', async () => {
    const query = '/api/staff/consolidated.xlsx?profile=bac-ninh-2017&year=2020&quarter=3';
    expect((await inbox.request('GET', query)).status).toBe(401);
    expect((await unitGet(query, tokenTS)).status).toBe(401);

    const returned = await submit(tokenTP, 'BN-TP', 5);
    expect((await decide(returned, 'return', { reason: 'Thiếu số liệu mục 4' })).status).toBe(200);

    const res = await inbox.request('GET', query, { headers: { cookie: staff.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SUMMARY_SHEET, CASES_SHEET, 'BN-TS']);
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    const states: Record<string, unknown> = {};
    for (let i = 0; i < profile.units.length; i++) {
      const row = summary.getRow(SUMMARY_FIRST_ROW + i);
      states[String(row.getCell(1).value)] = row.getCell(3).value;
    }
    expect(states).toEqual({ 'BN-TS': 'Đã chấp nhận', 'BN-TP': 'Trả lại', 'BN-TD': 'Chưa nộp', 'BN-YP': 'Chưa nộp' });
    expect(wb.getWorksheet(CASES_SHEET)!.rowCount).toBe(2 + 15);

    const events = await inbox.ctx.store.listAudit({ limit: 5 });
    expect(events.find((e) => e.action === 'consolidate')).toMatchObject({ actor: 'chicuc', detail: { profile: 'bac-ninh-2017', units: 1, cases: 15 } });

    const unknown = await inbox.request('GET', '/api/staff/consolidated.xlsx?profile=nope&year=2020&quarter=3', { headers: { cookie: staff.cookie } });
    expect(unknown.status).toBe(400);
    expect(unknown.json().error).toBe('unknown_profile');
  });
});
