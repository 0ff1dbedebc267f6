import fs from 'node:fs';
import path from 'node:path';
import '../../../src/profiles/officialAll';
import { sha256Hex, newToken } from '../../../src/inbox/auth';
import { startTestInbox, type TestInbox } from '../helpers';

const ROOT = path.resolve(__dirname, '../../..');

describe('the staff map’s boundaries', () => {
  let inbox: TestInbox;
  let cookie: string;
  beforeAll(async () => {
    inbox = await startTestInbox();
    await inbox.addStaff('an', 'một mật khẩu dài');
    cookie = (await inbox.login('an', 'một mật khẩu dài')).cookie;
  });
  afterAll(() => inbox.close());

  test('every province has a small boundary file, keyed by 5-digit commune codes, with its source recorded', () => {
    const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/boundaries/index.json'), 'utf8'));
    expect(index.provinces).toHaveLength(34);
    expect(index.source).toMatch(/vietnamese-provinces-database/);
    expect(index.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(index.tag).toMatch(/^v\d+\.\d+\.\d+$/); // a named release, not whatever commit was newest
    const total = index.provinces.reduce((n: number, p: { bytes: number }) => n + p.bytes, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
    const bn = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/boundaries/24.topo.json'), 'utf8'));
    const ids = bn.objects.communes.geometries.map((g: { id: string }) => g.id);
    expect(ids).toContain('09367'); // Phường Từ Sơn
    expect(ids.every((id: string) => /^\d{5}$/.test(id))).toBe(true);
  });

  test('a vn-2025 inbox of Bắc Ninh gets Bắc Ninh’s file; only staff can fetch it', async () => {
    await inbox.ctx.store.upsertUnit({ profile: 'vn-2025', unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24', token_hash: sha256Hex(newToken()) });
    expect((await inbox.request('GET', '/api/staff/insight/map?profile=vn-2025')).status).toBe(401);
    const res = await inbox.request('GET', '/api/staff/insight/map?profile=vn-2025', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-province')).toBe('24');
    expect(res.json().type).toBe('Topology');
  });

  test('a plan of district units has no map: an answer that says so (200, not a 404 failure), in Vietnamese and English', async () => {
    const res = await inbox.request('GET', '/api/staff/insight/map?profile=bac-ninh-2017', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-map')).toBe('none');
    expect(res.json()).toMatchObject({ available: false, reason: 'not_communes', message_vi: expect.stringContaining('xã/phường'), message_en: expect.stringContaining('communes') });
  });

  test('boundaries from an older release are keyed by the codes in force (Ba Chẽ 06978 → 06970, docs/units.md)', async () => {
    const other = await startTestInbox();
    try {
      await other.addStaff('an', 'một mật khẩu dài');
      const c = (await other.login('an', 'một mật khẩu dài')).cookie;
      await other.ctx.store.upsertUnit({ profile: 'vn-2025', unit_code: '06970', unit_name: 'Xã Ba Chẽ', province_code: '22', token_hash: sha256Hex(newToken()) });
      const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/boundaries/22.topo.json'), 'utf8'));
      expect(file.objects.communes.geometries.map((g: { id: string }) => g.id)).toContain('06978');
      const res = await other.request('GET', '/api/staff/insight/map?profile=vn-2025', { headers: { cookie: c } });
      expect(res.headers.get('x-province')).toBe('22');
      const ids = res.json().objects.communes.geometries.map((g: { id: string }) => g.id);
      expect(ids).toContain('06970');
      expect(ids).not.toContain('06978');
    } finally {
      await other.close();
    }
  });
});
