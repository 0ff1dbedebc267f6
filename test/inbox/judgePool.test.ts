import { judgeBytes } from '../../src/inbox/judge';
import { JudgePool } from '../../src/inbox/judgePool';
import { getProfile } from '../../src/profiles';
import { sampleWorkbook, setRegistryCell } from './helpers';

const profile = getProfile('bac-ninh-2017')!;
const input = (body: Buffer) => ({ body, unitCode: 'BN-TS', profile, receivedAt: '2020-10-05T03:00:00.000Z', maxBytes: 20 * 1024 * 1024, displayName: 'so.xlsx' });

describe('JudgePool (worker threads)', () => {
  test('gives the same verdicts as judging inline, for many uploads at once', async () => {
    const clean = await sampleWorkbook({ rows: 40, seed: 4 });
    const bad = await sampleWorkbook({ rows: 40, seed: 4, edit: (s) => setRegistryCell(s, 1, 'sex', 'nu') });
    const pool = new JudgePool(2);
    try {
      const jobs = [clean, bad, clean, bad, clean, bad].map((b) => pool.judge(input(b)));
      const results = await Promise.all(jobs);
      expect(results.map((r) => (r.ok ? 'ok' : r.status))).toEqual(['ok', 422, 'ok', 422, 'ok', 422]);
      expect(results[0]).toEqual(await judgeBytes(input(clean)));
      expect(results[1]).toEqual(await judgeBytes(input(bad)));
      const other = await pool.judge({ ...input(clean), unitCode: 'BN-XX' });
      expect(other).toMatchObject({ ok: false, status: 403 });
    } finally {
      await pool.close();
    }
  }, 60_000);

  test('a worker that runs out of its capped heap fails that upload only; a fresh worker judges the next', async () => {
    // 32 MB holds the checker and a small register, not a 25,000-row one (the judge streams the
    // sheets into records, so the records alone must overflow): a stand-in for a hostile file
    // that slips past the zip guards.
    const big = await sampleWorkbook({ rows: 25000, seed: 8 });
    const small = await sampleWorkbook({ rows: 10, seed: 8 });
    const pool = new JudgePool(1, 32);
    try {
      expect((await pool.judge(input(small))).ok).toBe(true);
      await expect(pool.judge(input(big))).rejects.toThrow(/memory/);
      expect((await pool.judge(input(small))).ok).toBe(true);
    } finally {
      await pool.close();
    }
  }, 180_000);
});
