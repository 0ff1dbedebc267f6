import { manyPartsWorkbook, sharedPartWorkbook, unclosedStringsWorkbook } from '../xlsx/hostile';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from './helpers';

/**
 * A unit's hostile workbook must not stall other units' uploads: one whose sheets share a part
 * is refused before reading, and any check that runs past the time limit is refused and its
 * worker replaced.
 */
describe('hostile workbooks against the checking workers', () => {
  let inbox: TestInbox;
  let tokenA: string;
  let tokenB: string;
  const submit = (token: string, body: Buffer, name = 'so.xlsx') =>
    inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX, 'x-filename': name }, body });

  beforeAll(async () => {
    inbox = await startTestInbox({ judgeWorkers: 1, uploadsPerUnit: 4 });
    tokenA = await inbox.addUnit('bac-ninh-2017', 'BN-TP');
    tokenB = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
  }, 60_000);
  afterAll(() => inbox.close());

  test("1,000 sheets on one 1 MB part: refused before reading, while another unit's upload completes", async () => {
    const hostile = sharedPartWorkbook(1000, 1024 * 1024);
    const normal = await sampleWorkbook({ rows: 40, seed: 3 });
    const started = Date.now();
    // Two hostile uploads first, on the one worker, then the other unit's real workbook.
    const [h1, h2, ok] = await Promise.all([submit(tokenA, hostile, 'bom1.xlsx'), submit(tokenA, hostile, 'bom2.xlsx'), submit(tokenB, normal)]);
    const elapsed = Date.now() - started;
    for (const h of [h1, h2]) {
      expect(h.status).toBe(400);
      expect(h.json()).toMatchObject({ error: 'shared_part', message_vi: expect.stringContaining('1000 sheet'), message_en: expect.stringContaining('refused before reading') });
    }
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ unit_code: 'BN-TS', version: 1 });
    // Reading the hostile file once took ~55 s of one worker; refused, it costs well under that.
    expect(elapsed).toBeLessThan(20_000);
    const refused = (await inbox.ctx.store.listAudit()).filter((e) => e.action === 'submit_refused');
    expect(refused.map((e) => e.detail.reason)).toEqual(['shared_part', 'shared_part']);
  }, 60_000);

  test('a check past the time limit is refused clearly, its worker replaced, and the next upload served', async () => {
    const pool = inbox.ctx.judges!;
    // 200 sheets of 500 KB, each on its own part: within every zip limit, slow to read.
    const slow = manyPartsWorkbook(200, 500 * 1024);
    pool.timeoutMs = 300;
    try {
      const r = await submit(tokenA, slow, 'cham.xlsx');
      expect(r.status).toBe(422);
      expect(r.json()).toMatchObject({
        error: 'check_timeout',
        message_vi: expect.stringContaining('cham.xlsx'),
        message_en: expect.stringContaining('was not received'),
        limit_ms: 300,
      });
    } finally {
      pool.timeoutMs = 30_000;
    }
    const next = await submit(tokenB, await sampleWorkbook({ rows: 40, seed: 5 }));
    expect(next.status).toBe(200);
    expect(next.json()).toMatchObject({ unit_code: 'BN-TS', version: 2 });
    expect(await inbox.ctx.store.countVersions()).toBe(2);
  }, 90_000);

  test("unclosed <t>, <si> and <rPh in the shared strings (issue 20): each answered in under 5 s, another unit's upload not held up", async () => {
    const base = await sampleWorkbook({ unit: 'BN-TP', rows: 30, seed: 21 });
    const bombs = await Promise.all((['t', 'si', 'rPh'] as const).map((kind) => unclosedStringsWorkbook(base, kind, 150_000)));
    for (const bomb of bombs) expect(bomb.length).toBeLessThan(1024 * 1024);
    const normal = await sampleWorkbook({ rows: 40, seed: 22 });
    const timed = async (token: string, body: Buffer, name: string) => {
      const started = Date.now();
      const r = await submit(token, body, name);
      return { status: r.status, ms: Date.now() - started, body: r.json() };
    };
    const before = await inbox.ctx.store.countVersions();
    const answers = await Promise.all([...bombs.map((b, i) => timed(tokenA, b, `bom-chuoi-${i}.xlsx`)), timed(tokenB, normal, 'so.xlsx')]);
    for (const a of answers) expect(a.ms).toBeLessThan(5_000);
    // The hostile tail is not text: the workbook's own strings are read as they are.
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[3]).toMatchObject({ status: 200, body: { unit_code: 'BN-TS' } });
    await expect(inbox.ctx.store.countVersions()).resolves.toBe(before + 4);
  }, 120_000);

  test('the limit is a setting (VR_INBOX_CHECK_TIMEOUT_MS), 30 s by default', async () => {
    const { loadConfig } = await import('../../src/inbox/config');
    expect(loadConfig({ dataDir: inbox.dir }, {}).checkTimeoutMs).toBe(30_000);
    expect(loadConfig({ dataDir: inbox.dir }, { VR_INBOX_CHECK_TIMEOUT_MS: '5000' }).checkTimeoutMs).toBe(5000);
    expect(inbox.ctx.judges!.timeoutMs).toBe(30_000);
  });
});
