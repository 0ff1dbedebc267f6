import { performance } from 'node:perf_hooks';
import { DEFAULT_READ_OPTIONS, ReadPool } from '../../src/inbox/readPool';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { XLSX, sampleWorkbook, startTestInbox, type TestInbox } from './helpers';

/**
 * Stored workbooks read again for consolidation, trends and exports are read on worker threads:
 * the event loop stays free for every other request, reads are queued with a bound (503 past
 * it), and one that runs past the time limit is stopped and named, not left to hang the request.
 */
describe('ReadPool (stored workbooks off the event loop)', () => {
  test('a workbook read on the pool is the same model as one read inline', async () => {
    const bytes = await sampleWorkbook({ rows: 30, seed: 3 });
    const pool = new ReadPool({ ...DEFAULT_READ_OPTIONS, size: 1 });
    try {
      expect(await pool.read(bytes, 'BN-TS (1)')).toEqual(await readWorkbookBuffer(bytes));
    } finally {
      await pool.close();
    }
  }, 60_000);

  test('a read past the time limit is refused naming the workbook and its worker replaced', async () => {
    const bytes = await sampleWorkbook({ rows: 5, seed: 3 });
    const slow = new ReadPool({ ...DEFAULT_READ_OPTIONS, size: 1, timeoutMs: 500, delayMs: 5_000 });
    try {
      await expect(slow.read(bytes, 'BN-TS (7)')).rejects.toMatchObject({ status: 422, code: 'stored_workbook_unreadable', extra: { unreadable: ['BN-TS (7)'] }, message_vi: expect.stringContaining('BN-TS (7)') });
    } finally {
      await slow.close();
    }
  }, 60_000);

  test('when every reader is busy and the queue is full, a new read gets 503 with Retry-After, Vietnamese first', async () => {
    const bytes = await sampleWorkbook({ rows: 5, seed: 3 });
    const pool = new ReadPool({ ...DEFAULT_READ_OPTIONS, size: 1, maxQueue: 1, delayMs: 1_000 });
    try {
      const first = pool.read(bytes, 'a');
      const second = pool.read(bytes, 'b');
      await expect(pool.read(bytes, 'c')).rejects.toMatchObject({ status: 503, code: 'readers_busy', headers: { 'retry-after': '30' }, message_vi: expect.stringMatching(/thử lại/) });
      await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('consolidation of a slow stored workbook', () => {
  let inbox: TestInbox;
  let staff: { cookie: string; csrf: string };
  let token: string;

  afterEach(async () => inbox?.close());

  async function setUp(readers: Partial<typeof DEFAULT_READ_OPTIONS>): Promise<void> {
    inbox = await startTestInbox({ web: true, readers: { ...DEFAULT_READ_OPTIONS, ...readers } });
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    await inbox.addStaff('chicuc', 'mật-khẩu-dài-1');
    staff = await inbox.login('chicuc', 'mật-khẩu-dài-1');
    const res = await inbox.request('POST', '/api/submissions', {
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
      body: await sampleWorkbook({ unit: 'BN-TS', rows: 15, seed: 2 }),
    });
    expect(res.status).toBe(200);
  }

  /** A unit's `/api/units/me`, asked every 50 ms while `pending` runs: how long each answer took. */
  async function unitLatencyDuring<T>(pending: Promise<T>): Promise<{ res: T; latencies: number[] }> {
    let running = true;
    const done = pending.finally(() => {
      running = false;
    });
    const latencies: number[] = [];
    while (running) {
      const t0 = performance.now();
      const me = await inbox.request('GET', '/api/units/me', { headers: { authorization: `Bearer ${token}` } });
      latencies.push(performance.now() - t0);
      expect(me.status).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { res: await done, latencies };
  }

  const query = '/api/staff/consolidated.xlsx?profile=bac-ninh-2017&year=2020&quarter=3';

  test('while a slow workbook is read for the consolidated workbook, /api/units/me still answers within 1 s', async () => {
    // Each read keeps its thread busy for 4 s, as a workbook slow to parse would.
    await setUp({ size: 1, delayMs: 4_000 });
    const { res, latencies } = await unitLatencyDuring(inbox.request('GET', query, { headers: { cookie: staff.cookie } }));
    expect(res.status).toBe(200);
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  }, 60_000);

  test('while a slow workbook is read for the duplicate check (DUP-01), /api/units/me still answers within 1 s', async () => {
    // The insight's digests (duplicates, trends, outliers) read stored workbooks on the same pool.
    await setUp({ size: 1, delayMs: 3_000 });
    const { res, latencies } = await unitLatencyDuring(inbox.request('GET', '/api/staff/insight/duplicates?profile=bac-ninh-2017&year=2020&quarter=3', { headers: { cookie: staff.cookie } }));
    expect(res.status).toBe(200);
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  }, 60_000);

  test('a stored workbook that takes longer than the limit stops the consolidation with 422 naming it, instead of hanging', async () => {
    await setUp({ size: 1, timeoutMs: 500, delayMs: 10_000 });
    const res = await inbox.request('GET', query, { headers: { cookie: staff.cookie } });
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({ error: 'stored_workbook_unreadable', unreadable: [expect.stringMatching(/^BN-TS \(/)], message_vi: expect.stringContaining('BN-TS') });
  }, 60_000);
});
