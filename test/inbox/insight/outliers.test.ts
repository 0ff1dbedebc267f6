import { randomBytes } from 'node:crypto';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from '../helpers';

/** OUT-01 at the inbox: the unit's accepted history decides; staff can note that the unit
 *  confirmed its figures, and that note is an audit event. */
describe('OUT-01 from a unit’s accepted history', () => {
  let inbox: TestInbox;
  let tokens: Record<string, string>;
  let staff: { cookie: string; csrf: string };
  const upload = async (unit: string, quarter: number, year: number, rows: number) => {
    const body = await sampleWorkbook({ unit, quarter, year, rows, seed: 100 * year + quarter });
    const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${tokens[unit]}`, 'content-type': XLSX }, body });
    if (res.status !== 200) throw new Error(`upload ${res.status} ${res.body.toString()}`);
    return res.json().id as string;
  };
  const post = (url: string) => inbox.request('POST', url, { headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf }, body: {} });
  const outliers = async (year: number, quarter: number) =>
    (await inbox.request('GET', `/api/staff/insight/outliers?profile=bac-ninh-2017&year=${year}&quarter=${quarter}`, { headers: { cookie: staff.cookie } })).json();

  beforeAll(async () => {
    inbox = await startTestInbox({ encryptionKey: randomBytes(32) });
    tokens = { 'BN-TS': await inbox.addUnit('bac-ninh-2017', 'BN-TS'), 'BN-TP': await inbox.addUnit('bac-ninh-2017', 'BN-TP') };
    await inbox.addStaff('lan', 'một mật khẩu dài');
    staff = await inbox.login('lan', 'một mật khẩu dài');
    // BN-TS: four accepted quiet quarters (2019 Q3 – 2020 Q2).
    for (const [year, quarter] of [[2019, 3], [2019, 4], [2020, 1], [2020, 2]]) {
      const id = await upload('BN-TS', quarter, year, 4);
      expect((await post(`/api/staff/submissions/${id}/accept`)).status).toBe(200);
    }
  }, 120_000);
  afterAll(() => inbox.close());

  test('a sudden rise is flagged beside the submission, with the quarters that make it one', async () => {
    const id = await upload('BN-TS', 3, 2020, 60);
    const res = await outliers(2020, 3);
    const unit = res.units.find((u: { unit_code: string }) => u.unit_code === 'BN-TS');
    expect(unit).toMatchObject({ submission_id: id, confirmed: null });
    const row1 = unit.outliers.find((o: { row: string }) => o.row === '1');
    expect(row1).toMatchObject({ rule: 'OUT-01', kind: 'spike' });
    expect(row1.value).toBeGreaterThan(3 * row1.median);
    expect(row1.history.map((h: { year: number; quarter: number }) => `${h.year}-${h.quarter}`)).toEqual(['2020-2', '2020-1', '2019-4', '2019-3']);
  });

  test('a unit with no accepted history gives no OUT-01, however large its figures', async () => {
    await upload('BN-TP', 3, 2020, 60);
    const res = await outliers(2020, 3);
    expect(res.units.map((u: { unit_code: string }) => u.unit_code)).toEqual(['BN-TS']);
  });

  test('"confirmed by the unit" is recorded in the audit log and shown with the finding', async () => {
    const { units } = await outliers(2020, 3);
    const id = units[0].submission_id;
    expect((await inbox.request('POST', `/api/staff/submissions/${id}/confirm-outliers`, { headers: { cookie: staff.cookie }, body: {} })).status).toBe(403);
    expect((await post(`/api/staff/submissions/${id}/confirm-outliers`)).status).toBe(200);
    const after = await outliers(2020, 3);
    expect(after.units[0].confirmed).toMatchObject({ by: 'lan' });
    const events = (await inbox.request('GET', `/api/staff/audit?target=${id}`, { headers: { cookie: staff.cookie } })).json().events;
    expect(events.find((e: { action: string }) => e.action === 'outlier_confirmed')).toMatchObject({ actor: 'lan', detail: { unit_code: 'BN-TS', rule: 'OUT-01' } });
  });

  test('the outlier list needs a staff session', async () => {
    expect((await inbox.request('GET', '/api/staff/insight/outliers?profile=bac-ninh-2017&year=2020&quarter=3')).status).toBe(401);
  });
});
