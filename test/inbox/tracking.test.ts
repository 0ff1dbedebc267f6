import { randomUUID } from 'node:crypto';
import { getProfile } from '../../src/profiles';
import { quarterStatus, trackPeriod } from '../../src/inbox/tracking';
import type { SubmissionVersion } from '../../src/inbox/storage/types';
import { startTestInbox, type TestInbox } from './helpers';

function version(over: Partial<SubmissionVersion>): SubmissionVersion {
  return {
    id: randomUUID(), unit_id: 1, profile: 'bac-ninh-2017', unit_code: 'BN-TS', year: 2020, quarter: 3, version: 1,
    sha256: randomUUID(), size: 1, file_key: `${randomUUID().slice(0, 2)}/${randomUUID()}.bin`, filename: null,
    received_at: '2020-10-05T00:00:00.000Z', on_time: true, summary: { fatal: 0, error: 0, warning: 0, info: 0 },
    state: 'submitted', return_reason: null, decided_by: null, decided_at: null, ...over,
  };
}

describe('quarterStatus', () => {
  test('missing, submitted, late, returned, accepted', () => {
    expect(quarterStatus([]).state).toBe('missing');
    expect(quarterStatus([version({})]).state).toBe('submitted');
    expect(quarterStatus([version({ on_time: false })]).state).toBe('late');
    expect(quarterStatus([version({ state: 'returned', return_reason: 'x' })])).toMatchObject({ state: 'returned', current: { return_reason: 'x' } });
    const accepted = version({ version: 1, state: 'accepted' });
    expect(quarterStatus([accepted, version({ version: 2 })]).current?.id).toBe(accepted.id);
  });

  test('a resubmission after a return, past the deadline, keeps the first arrival on time', () => {
    const s = quarterStatus([version({ version: 2, on_time: false }), version({ version: 1, state: 'returned' })]);
    expect(s).toMatchObject({ state: 'submitted', on_time: true, current: { version: 2 } });
  });
});

describe('trackPeriod (DHIS2-style completeness and timeliness)', () => {
  let inbox: TestInbox;
  beforeAll(async () => {
    inbox = await startTestInbox({ judgeWorkers: 0 });
  });
  afterAll(() => inbox.close());

  test('counts every expected unit; returned is not complete; rates are over expected units', async () => {
    const profile = getProfile('bac-ninh-2017')!;
    const codes = profile.units.map((u) => u.code);
    expect(codes.length).toBeGreaterThanOrEqual(4);
    const store = inbox.ctx.store;
    const unit = async (code: string) => store.upsertUnit({ profile: profile.id, unit_code: code, unit_name: code, province_code: 'BN', token_hash: randomUUID() });
    const a = await unit(codes[0]);
    const b = await unit(codes[1]);
    const c = await unit(codes[2]);
    const extra = await unit('BN-EXTRA'); // registered, not in the profile's sample list: still expected
    const put = async (u: typeof a, over: Partial<SubmissionVersion>) => {
      const r = await store.insertVersion({ ...version({ unit_id: u.id, unit_code: u.unit_code }), ...over });
      if (r.kind !== 'created') throw new Error(r.kind);
      return r.version;
    };
    await put(a, { on_time: true });
    await put(b, { on_time: false });
    const vc = await put(c, { on_time: true });
    await store.decideVersion(vc.id, { state: 'returned', reason: 'Thiếu 7.1' }, 'lan', new Date().toISOString());
    const vx = await put(extra, { on_time: true });
    await store.decideVersion(vx.id, { state: 'accepted' }, 'lan', new Date().toISOString());

    const t = await trackPeriod(inbox.ctx, profile, 2020, 3);
    const expected = codes.length + 1;
    expect(t.counts).toMatchObject({ expected, submitted: 1, late: 1, returned: 1, accepted: 1, missing: expected - 4, received: 3, received_on_time: 2 });
    expect(t.completeness_pct).toBe(Math.round((1000 * 3) / expected) / 10);
    expect(t.timeliness_pct).toBe(Math.round((1000 * 2) / expected) / 10);
    expect(t.units.find((u) => u.unit_code === codes[2])).toMatchObject({ state: 'returned', return_reason: 'Thiếu 7.1' });
    expect(t.units.find((u) => u.unit_code === 'BN-EXTRA')).toMatchObject({ state: 'accepted', registered: true });
    expect(t.units.find((u) => u.unit_code === codes[3])).toMatchObject({ state: 'missing', registered: false, versions: [] });
  });

  test('no expected units gives null rates, not 0 % or 100 %', async () => {
    const empty = { ...getProfile('bac-ninh-2017')!, id: 'empty-test', units: [] };
    const t = await trackPeriod(inbox.ctx, empty, 2020, 3);
    expect(t.completeness_pct).toBeNull();
    expect(t.timeliness_pct).toBeNull();
  });
});
