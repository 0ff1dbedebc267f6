import { createHash } from 'node:crypto';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from './helpers';
import { startPostgres, type TestPostgres } from '../support/postgres';

/** The whole inbox on PostgreSQL (DATABASE_URL), not only the store suite. */
describe('inbox on PostgreSQL', () => {
  let pg: TestPostgres;
  let inbox: TestInbox;
  let token: string;
  beforeAll(async () => {
    pg = await startPostgres();
    inbox = await startTestInbox({ databaseUrl: pg.createDatabase('inbox_server') });
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    await inbox.addStaff('lan', 'mật khẩu dài lắm');
  }, 120_000);
  afterAll(async () => {
    await inbox?.close();
    pg?.stop();
  });

  test('concurrent identical uploads make one version; staff can accept and download it', async () => {
    expect(inbox.ctx.store.kind).toBe('postgres');
    const body = await sampleWorkbook({ rows: 25, seed: 9 });
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const ids = new Set(replies.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    const id = [...ids][0];
    const { cookie, csrf } = await inbox.login('lan', 'mật khẩu dài lắm');
    const accept = await inbox.request('POST', `/api/staff/submissions/${id}/accept`, { headers: { cookie, 'x-csrf-token': csrf }, body: {} });
    expect(accept.json().state).toBe('accepted');
    const file = await inbox.request('GET', `/api/staff/submissions/${id}/file`, { headers: { cookie } });
    expect(createHash('sha256').update(file.body).digest('hex')).toBe(replies[0].json().sha256);
    const tracking = await inbox.request('GET', '/api/staff/tracking?profile=bac-ninh-2017&year=2020&quarter=3', { headers: { cookie } });
    expect(tracking.json().units.find((u: { unit_code: string }) => u.unit_code === 'BN-TS').state).toBe('accepted');
  }, 60_000);
});
