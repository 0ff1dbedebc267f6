import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isEncrypted } from '../../src/inbox/crypto';
import { getProfile } from '../../src/profiles';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from './helpers';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('staff: tracking, return, accept, download, audit', () => {
  let inbox: TestInbox;
  let token: string;
  let staff: { cookie: string; csrf: string };
  const profile = getProfile('bac-ninh-2017')!;
  const upload = (body: Buffer) =>
    inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body });
  const post = (url: string, body?: object) =>
    inbox.request('POST', url, { headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf }, body: body ?? {} });
  const tracking = async () =>
    (await inbox.request('GET', '/api/staff/tracking?profile=bac-ninh-2017&year=2020&quarter=4', { headers: { cookie: staff.cookie } })).json();

  beforeAll(async () => {
    inbox = await startTestInbox({ encryptionKey: randomBytes(32) });
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    await inbox.addStaff('hoa', 'một mật khẩu dài', 'admin');
    staff = await inbox.login('hoa', 'một mật khẩu dài');
  }, 60_000);
  afterAll(() => inbox.close());

  test('before anything arrives, every unit of the profile is expected and missing', async () => {
    const t = await tracking();
    expect(t.period).toEqual({ year: 2020, quarter: 4, start: '2020-10-01', end: '2020-12-31', deadline: expect.stringMatching(/^2021-01-\d\d$/), deadline_assumed: true });
    expect(t.units.map((u: { unit_code: string }) => u.unit_code).sort()).toEqual(profile.units.map((u) => u.code).sort());
    expect(t.units.every((u: { state: string }) => u.state === 'missing')).toBe(true);
    expect(t.counts).toMatchObject({ expected: profile.units.length, missing: profile.units.length, received: 0 });
    expect(t.completeness_pct).toBe(0);
    expect(t.timeliness_pct).toBe(0);
    expect(t.units.find((u: { unit_code: string }) => u.unit_code === 'BN-TS').registered).toBe(true);
  });

  test('a late submission, returned with a reason, resubmitted, accepted, then locked', async () => {
    const v1 = await sampleWorkbook({ quarter: 4, rows: 15, seed: 21 });
    const r1 = (await upload(v1)).json();
    let t = await tracking();
    let row = t.units.find((u: { unit_code: string }) => u.unit_code === 'BN-TS');
    expect(row).toMatchObject({ state: 'late', submission_id: r1.id, on_time: false });
    expect(t.completeness_pct).toBe(Math.round((1000 * 1) / profile.units.length) / 10);
    expect(t.timeliness_pct).toBe(0);

    const returned = await post(`/api/staff/submissions/${r1.id}/return`, { reason: 'Thiếu số liệu hỗ trợ quý 4' });
    expect(returned.json()).toMatchObject({ state: 'returned', return_reason: 'Thiếu số liệu hỗ trợ quý 4', decided_by: 'hoa' });
    const mine = (await inbox.request('GET', '/api/units/me/submissions?year=2020&quarter=4', { headers: { authorization: `Bearer ${token}` } })).json();
    expect(mine).toMatchObject({ state: 'returned', return_reason: 'Thiếu số liệu hỗ trợ quý 4' });
    expect((await post(`/api/staff/submissions/${r1.id}/accept`)).status).toBe(409);
    expect((await post(`/api/staff/submissions/${r1.id}/return`, { reason: '' })).status).toBe(400);

    const v2 = await sampleWorkbook({ quarter: 4, rows: 16, seed: 21 });
    const r2 = (await upload(v2)).json();
    expect(r2.version).toBe(2);
    t = await tracking();
    row = t.units.find((u: { unit_code: string }) => u.unit_code === 'BN-TS');
    expect(row).toMatchObject({ state: 'late', submission_id: r2.id, versions: [{ state: 'returned' }, { state: 'submitted' }] });
    expect((await post(`/api/staff/submissions/${r1.id}/accept`)).json()).toMatchObject({ error: 'not_latest' });

    expect((await post(`/api/staff/submissions/${r2.id}/accept`)).json()).toMatchObject({ state: 'accepted', decided_by: 'hoa' });
    t = await tracking();
    expect(t.counts).toMatchObject({ accepted: 1, received: 1 });
    const locked = await upload(await sampleWorkbook({ quarter: 4, rows: 17, seed: 21 }));
    expect(locked.status).toBe(409);
    expect(locked.json()).toMatchObject({ error: 'locked', message_vi: expect.stringContaining('khoá') });
    // The accepted bytes again: the same receipt, not a refusal.
    expect((await upload(v2)).json()).toMatchObject({ id: r2.id, state: 'accepted' });
  });

  test('downloads are decrypted originals while the disk holds only ciphertext', async () => {
    const versions = await inbox.ctx.store.listPeriodVersions('bac-ninh-2017', 2020, 4);
    for (const v of versions) {
      const onDisk = fs.readFileSync(path.join(inbox.dir, 'files', v.file_key));
      expect(isEncrypted(onDisk)).toBe(true);
      const res = await inbox.request('GET', `/api/staff/submissions/${v.id}/file`, { headers: { cookie: staff.cookie } });
      expect(res.headers.get('content-type')).toBe(XLSX);
      expect(sha(res.body)).toBe(v.sha256);
      expect(res.headers.get('x-sha256')).toBe(v.sha256);
    }
    expect((await inbox.request('GET', `/api/staff/submissions/${randomUUIDish()}/file`, { headers: { cookie: staff.cookie } })).status).toBe(404);
  });

  test('the audit log records who did what and when, never names or file contents', async () => {
    const events = (await inbox.request('GET', '/api/staff/audit?limit=100', { headers: { cookie: staff.cookie } })).json().events;
    const actions = events.map((e: { action: string }) => e.action);
    for (const a of ['login', 'submit', 'return', 'accept', 'download', 'submit_refused', 'submit_duplicate']) expect(actions).toContain(a);
    const submit = events.find((e: { action: string }) => e.action === 'submit');
    expect(submit).toMatchObject({ actor_role: 'unit', actor: 'BN-TS', ip: '127.0.0.1', at: expect.stringMatching(/Z$/) });
    const ret = events.find((e: { action: string }) => e.action === 'return');
    expect(ret).toMatchObject({ actor_role: 'admin', actor: 'hoa' });
    const dump = JSON.stringify(events);
    expect(dump).not.toContain('Thiếu số liệu'); // a typed reason stays on the row
    // No registry text leaks in: check every full name of the workbooks sent.
    const { generateSample } = await import('../../src/domain/sample');
    const names = generateSample({ rows: 15, seed: 21, profile, unit: profile.units.find((u) => u.code === 'BN-TS')!, year: 2020, quarter: 4 })
      .spec.sheets.find((s) => s.name === 'Sổ theo dõi')!
      .rows.slice(1)
      .map((r) => String(r[1]));
    expect(names.length).toBeGreaterThan(5);
    for (const n of names) expect(dump).not.toContain(n);
    expect((await inbox.request('GET', '/api/staff/audit', {})).status).toBe(401);
  });

  test('unknown profile and bad ids are clear errors, not stack traces', async () => {
    const res = await inbox.request('GET', '/api/staff/tracking?profile=nope&year=2020&quarter=1', { headers: { cookie: staff.cookie } });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: 'unknown_profile' });
    const bad = await inbox.request('GET', '/api/staff/submissions/1%20OR%201=1/file', { headers: { cookie: staff.cookie } });
    expect(bad.status).toBe(400);
    const missing = await inbox.request('GET', '/api/nothing-here');
    expect(missing.json()).toEqual({ error: 'not_found', message_vi: expect.any(String), message_en: expect.any(String) });
  });
});

function randomUUIDish(): string {
  return '00000000-0000-4000-8000-000000000000';
}
