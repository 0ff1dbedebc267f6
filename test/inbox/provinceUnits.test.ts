import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inboxExpect } from '../../src/cli/commands/inboxUnits';
import { sha256Hex } from '../../src/inbox/auth';
import { openStore } from '../../src/inbox/storage';
import type { Store } from '../../src/inbox/storage/types';
import { trackPeriod } from '../../src/inbox/tracking';
import { adoptProvince, setInboxProvince } from '../../src/inbox/province';
import { CASES_SHEET, SUMMARY_FIRST_ROW, SUMMARY_SHEET } from '../../src/inbox/consolidate';
import { ABOUT_SHEET, CASE_SHEET, exportHtcds } from '../../src/inbox/htcdsExport';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { getProfile, listUnits } from '../../src/profiles';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { sampleWorkbook, startTestInbox, XLSX } from './helpers';
import { vrInProcess } from '../cli/inProcess';

const vn = getProfile('vn-2025')!;

const vr = vrInProcess;

describe("a province's inbox in one command", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-province-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('init --profile vn-2025 --province 24 expects the 99 units of Bắc Ninh', async () => {
    const r = await vr('inbox', 'init', '--data', dir, '--profile', 'vn-2025', '--province', '24');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/chờ báo cáo của 99 đơn vị \(Thành phố Bắc Ninh \(24\)/);
    const store = await openStore({ dataDir: dir, databaseUrl: null });
    try {
      const expected = await store.listExpectedUnits('vn-2025');
      expect(expected).toHaveLength(99);
      expect(expected).toContainEqual({ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24' });
    } finally {
      await store.close();
    }
  });

  test('unit add --all writes every token to an owner-only file, one line per unit, and prints none', async () => {
    const file = path.join(dir, 'tokens.tsv');
    const r = await vr('inbox', 'unit', 'add', '--data', dir, '--profile', 'vn-2025', '--all', '-o', file);
    expect(r.code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
    expect(lines).toHaveLength(99);
    expect(lines.every(([code, name, token]) => /^\d{5}$/.test(code) && name.length > 0 && /^[A-Za-z0-9_-]{43}$/.test(token))).toBe(true);
    for (const [, , token] of lines) expect(r.out + r.err).not.toContain(token);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const store = await openStore({ dataDir: dir, databaseUrl: null });
    try {
      const tuSon = lines.find(([code]) => code === '09367')!;
      expect((await store.getUnitByTokenHash(sha256Hex(tuSon[2])))?.unit_code).toBe('09367');
      expect(await store.listUnits('vn-2025')).toHaveLength(99);
    } finally {
      await store.close();
    }
    // Never over an existing file: its tokens may already be out.
    const again = await vr('inbox', 'unit', 'add', '--data', dir, '--profile', 'vn-2025', '--all', '-o', file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/đã có.*\|.*already exists/);
  });

  test('bad input: no province, an unknown province, --all without -o; one bilingual line each', async () => {
    const noProvince = await vr('inbox', 'init', '--data', dir, '--profile', 'vn-2025');
    expect(noProvince.err).toMatch(/cần --province.*\| .*needs --province/);
    const unknown = await vr('inbox', 'init', '--data', dir, '--profile', 'vn-2025', '--province', '99');
    expect(unknown.err).toMatch(/Không có tỉnh "99"/);
    const noFile = await vr('inbox', 'unit', 'add', '--data', dir, '--profile', 'vn-2025', '--all');
    expect(noFile.err).toMatch(/--all cần -o.*\| --all needs -o/);
    for (const r of [noProvince, unknown, noFile]) {
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});

describe('completeness against the expected list', () => {
  test('counts every unit of the province, and shows a renamed unit under its new name with the old one', async () => {
    const inbox = await startTestInbox({ judgeWorkers: 0 });
    try {
      await inboxExpect({ data: inbox.dir, profile: 'vn-2025', province: '75' }, () => undefined);
      const t = await trackPeriod(inbox.ctx, vn, 2026, 2);
      expect(t.counts).toMatchObject({ expected: 95, missing: 95, received: 0 });
      expect(t.units.find((u) => u.unit_code === '26368')).toMatchObject({ unit_name: 'Phường Long Thành', former_names: ['Xã Long Thành'] });
      expect(t.units.find((u) => u.unit_code === '26068')?.former_names).toEqual([]); // Biên Hòa/Hoà: spelling only
      expect(t.units.some((u) => u.unit_code === 'BN-P-TS')).toBe(false);
    } finally {
      await inbox.close();
    }
  });
});

describe('expected units on PostgreSQL', () => {
  let pg: TestPostgres | undefined;
  afterAll(() => pg?.stop());

  test('set replaces the list; list is by code; the province is kept', async () => {
    pg = await startPostgres();
    const store: Store = await openStore({ dataDir: '/nonexistent', databaseUrl: pg.createDatabase(`expected_${Date.now()}`) });
    try {
      const units = await inboxExpectUnits(store);
      expect(units.map((u) => u.unit_code)).toEqual(['00004', '00008']);
      await store.setExpectedUnits('vn-2025', [{ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24' }]);
      expect(await store.listExpectedUnits('vn-2025')).toEqual([{ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24' }]);
      expect(await store.listExpectedUnits('bac-ninh-2017')).toEqual([]);
      // The province the inbox serves: none until set, then one row.
      expect(await store.getProvince()).toBeNull();
      await store.setProvince('56');
      await store.setProvince('56');
      expect(await store.getProvince()).toBe('56');
    } finally {
      await store.close();
    }
  }, 120_000);
});

async function inboxExpectUnits(store: Store) {
  await store.setExpectedUnits('vn-2025', [
    { unit_code: '00008', unit_name: 'Phường Ngọc Hà', province_code: '01' },
    { unit_code: '00004', unit_name: 'Phường Ba Đình', province_code: '01' },
  ]);
  return store.listExpectedUnits('vn-2025');
}

/**
 * One inbox, one province (docs/inbox.md): the province is recorded at init, units of another
 * province are refused on the command line and in the admin API, staff see only the province's
 * units, and an inbox never moves to another province.
 */
describe('an inbox belongs to one province', () => {
  test('init --province 56 binds it; a Hà Nội or Bắc Ninh unit is refused with one bilingual line; a Khánh Hoà commune is taken', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-kh-'));
    try {
      const init = await vr('inbox', 'init', '--data', data, '--profile', 'vn-2025', '--province', '56');
      expect(init.code).toBe(0);
      expect(init.out).toMatch(/phục vụ Tỉnh Khánh Hoà \(56\)/);
      const hanoi = await vr('inbox', 'unit', 'add', '--data', data, '--profile', 'vn-2025', '--unit', '00004');
      expect(hanoi.code).toBe(2);
      expect(hanoi.err.trim().split('\n')).toHaveLength(1);
      expect(hanoi.err).toMatch(/Đơn vị 00004 Phường Ba Đình thuộc Thành phố Hà Nội \(01\), không thuộc Tỉnh Khánh Hoà \(56\).*\| Unit 00004 Phường Ba Đình is in Thành phố Hà Nội \(01\), not in Tỉnh Khánh Hoà \(56\)/);
      const oldPlan = await vr('inbox', 'unit', 'add', '--data', data, '--profile', 'bac-ninh-2017', '--unit', 'BN-TS');
      expect(oldPlan.code).toBe(2);
      expect(oldPlan.err).toMatch(/BN-TS Thị xã Từ Sơn thuộc Thành phố Bắc Ninh \(24\)/);
      const ok = await vr('inbox', 'unit', 'add', '--data', data, '--profile', 'vn-2025', '--unit', '22366');
      expect(ok.code).toBe(0);
      // Moving the inbox to another province is refused; the same province again is fine.
      const move = await vr('inbox', 'init', '--data', data, '--profile', 'vn-2025', '--province', '24');
      expect(move.code).toBe(2);
      expect(move.err).toMatch(/phục vụ Tỉnh Khánh Hoà \(56\); không chuyển sang Thành phố Bắc Ninh.*\| This inbox serves/);
      expect((await vr('inbox', 'init', '--data', data, '--profile', 'vn-2025', '--province', 'Khánh Hoà')).code).toBe(0);
      const store = await openStore({ dataDir: data, databaseUrl: null });
      try {
        expect(await store.getProvince()).toBe('56');
        expect((await store.listUnits()).map((u) => u.unit_code)).toEqual(['22366']);
        expect((await store.listAudit()).some((e) => e.action === 'inbox_province_set' && e.target === '56')).toBe(true);
      } finally {
        await store.close();
      }
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  test('a province-wide unit on an inbox with no province is refused, saying how to set it', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-none-'));
    try {
      await vr('inbox', 'init', '--data', data);
      const r = await vr('inbox', 'unit', 'add', '--data', data, '--profile', 'vn-2025', '--unit', '22366');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/chưa gắn với tỉnh nào: trên máy chủ chạy vr inbox init --data .* --profile vn-2025 --province <mã tỉnh>.*\| The inbox serves no province yet/);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  test('an inbox from before the province was kept: the province its init chose is recorded at start; a stray unit of elsewhere is not counted anywhere', async () => {
    const inbox = await startTestInbox({ judgeWorkers: 0 });
    try {
      const store = inbox.ctx.store;
      // As an older `vr inbox init --province 24` left it: the expected units, no province row;
      // then a Hà Nội unit slipped in (before units were checked).
      await store.setExpectedUnits('vn-2025', listUnits(vn, '24').map((u) => ({ unit_code: u.unit_code, unit_name: u.unit_name, province_code: u.province_code })));
      const tuSon = await inbox.addUnit('vn-2025', '09367');
      const hanoi = await inbox.addUnit('vn-2025', '00004');
      await inbox.addUnit('vn-2025', '00008'); // two of Hà Nội to one of Bắc Ninh: a majority would draw Hà Nội
      expect(await store.getProvince()).toBeNull();
      expect(await adoptProvince(store, inbox.ctx.config.profiles)).toMatchObject({ code: '24' });
      expect(await store.getProvince()).toBe('24');

      const year = 2025;
      const quarter = 4;
      for (const [token, unit, seed] of [[tuSon, '09367', 1], [hanoi, '00004', 2]] as const) {
        const body = await sampleWorkbook({ profile: 'vn-2025', unit, year, quarter, rows: 6, seed });
        const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body });
        expect(res.status).toBe(200);
        await store.decideVersion(res.json().id, { state: 'accepted' }, 'soyte', new Date().toISOString());
      }
      const t = await trackPeriod(inbox.ctx, vn, year, quarter);
      expect(t.province).toMatchObject({ code: '24', full_name: 'Thành phố Bắc Ninh' });
      expect(t.counts).toMatchObject({ expected: 99, accepted: 1 });
      expect(t.units.some((u) => u.unit_code === '00004')).toBe(false);
      expect(t.outside).toEqual([
        { unit_code: '00004', unit_name: 'Phường Ba Đình', province_code: '01', registered: true, versions: 1 },
        { unit_code: '00008', unit_name: 'Phường Ngọc Hà', province_code: '01', registered: true, versions: 0 },
      ]);

      await inbox.addStaff('soyte', 'mật-khẩu-sở-y-tế', 'admin');
      const { cookie, csrf } = await inbox.login('soyte', 'mật-khẩu-sở-y-tế');
      const get = (p: string) => inbox.request('GET', p, { headers: { cookie } });
      const trends = (await get(`/api/staff/insight/trends?profile=vn-2025&year=${year}&quarter=${quarter}`)).json();
      const last = trends.quarters[trends.quarters.length - 1];
      expect(last.accepted).toBe(1);
      expect(trends.units.map((u: { unit_code: string }) => u.unit_code)).toEqual(['09367']);
      const map = await get('/api/staff/insight/map?profile=vn-2025');
      expect(map.headers.get('x-province')).toBe('24');
      const head = (await get('/api/staff/letterhead?profile=vn-2025')).json();
      expect(head).toMatchObject({ parent: 'UBND THÀNH PHỐ BẮC NINH', issuer: 'SỞ Y TẾ', place: 'Bắc Ninh', motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] });

      // The admin API refuses a unit of another province, in both languages.
      const add = (unit_code: string) => inbox.request('POST', '/api/admin/units', { headers: { cookie, 'x-csrf-token': csrf }, body: { profile: 'vn-2025', unit_code } });
      const refused = await add('22366');
      expect(refused.status).toBe(400);
      expect(refused.json()).toMatchObject({
        error: 'other_province',
        message_vi: expect.stringMatching(/^Đơn vị 22366 Phường Nha Trang thuộc Tỉnh Khánh Hoà \(56\), không thuộc Thành phố Bắc Ninh \(24\)/),
        message_en: expect.stringMatching(/^Unit 22366 Phường Nha Trang is in Tỉnh Khánh Hoà \(56\), not in Thành phố Bắc Ninh \(24\)/),
      });
      expect((await add('07228')).status).toBe(200); // Phường Đa Mai, Bắc Ninh
    } finally {
      await inbox.close();
    }
  }, 120_000);

  /**
   * What the staff page downloads counts the inbox's province only: a Hà Nội unit that slipped
   * into a Khánh Hoà inbox (before units were checked) and submitted gives no row to the
   * consolidated workbook and no case to the HTCDS export, which is exactly the export of the
   * province's own submissions, its cover under the province's letterhead.
   */
  test("a Khánh Hoà inbox's consolidated download and HTCDS export hold only Khánh Hoà's units", async () => {
    const inbox = await startTestInbox({ web: true, judgeWorkers: 0 });
    try {
      const store = inbox.ctx.store;
      await setInboxProvince(store, inbox.ctx.config.profiles, '56');
      const [year, quarter] = [2026, 3];
      const bytes: Record<string, Buffer> = {};
      for (const [unit, seed] of [['22366', 3], ['00004', 4]] as const) {
        const token = await inbox.addUnit('vn-2025', unit); // the Hà Nội one straight into the store, as before the check
        bytes[unit] = await sampleWorkbook({ profile: 'vn-2025', unit, year, quarter, rows: 150, seed });
        const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: bytes[unit] });
        expect(res.status).toBe(200);
        await store.decideVersion(res.json().id, { state: 'accepted' }, 'soyte', new Date().toISOString());
      }
      await inbox.addStaff('soyte', 'mật-khẩu-sở-y-tế', 'admin');
      const { cookie } = await inbox.login('soyte', 'mật-khẩu-sở-y-tế');
      const get = (p: string) => inbox.request('GET', p, { headers: { cookie } });

      const consolidated = await get(`/api/staff/consolidated.xlsx?profile=vn-2025&year=${year}&quarter=${quarter}`);
      expect(consolidated.status).toBe(200);
      const wb = await readWorkbookBuffer(consolidated.body);
      const summary = wb.sheets.find((s) => s.name === SUMMARY_SHEET)!;
      const listed = summary.rows.slice(SUMMARY_FIRST_ROW - 1).map((r) => r[0]).filter((v) => typeof v === 'string' && /^\d{5}$/.test(v));
      expect(listed).toEqual(listUnits(vn, '56').map((u) => u.unit_code));
      expect(summary.rows.some((r) => r[0] === 'TỔNG' && r[2] === '1/65 đơn vị')).toBe(true);
      const cases = wb.sheets.find((s) => s.name === CASES_SHEET)!;
      expect(new Set(cases.rows.slice(2).map((r) => r[0]))).toEqual(new Set(['22366']));
      expect(wb.sheets.map((s) => s.name).join(' ')).not.toMatch(/Ba Đình|00004/);

      const res = await get(`/api/staff/export/htcds.xlsx?profile=vn-2025&year=${year}&quarter=${quarter}`);
      expect(res.status).toBe(200);
      const served = await readWorkbookBuffer(res.body);
      const own = await exportHtcds(vn, { year, quarter, k: 11 }, [{ label: '22366', load: () => readWorkbookBuffer(bytes['22366']) }]);
      const alone = await readWorkbookBuffer(own.buffer);
      const caseRows = (w: typeof served) => w.sheets.find((s) => s.name === CASE_SHEET)!.rows;
      expect(caseRows(served).length).toBeGreaterThan(2 + 11);
      expect(caseRows(served)).toEqual(caseRows(alone));
      const about = served.sheets.find((s) => s.name === ABOUT_SHEET)!.rows.flat().join(' ');
      for (const line of ['UBND TỈNH KHÁNH HOÀ', 'SỞ Y TẾ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']) expect(about).toContain(line);
    } finally {
      await inbox.close();
    }
  }, 180_000);
});
