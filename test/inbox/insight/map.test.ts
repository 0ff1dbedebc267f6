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

  test('a plan of district units has no commune boundaries: 404 with the reason, in Vietnamese and English', async () => {
    const res = await inbox.request('GET', '/api/staff/insight/map?profile=bac-ninh-2017', { headers: { cookie } });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: 'no_boundaries', reason: 'not_communes', message_vi: expect.stringContaining('xã/phường'), message_en: expect.stringContaining('communes') });
  });
});
