import { startPostgres, type TestPostgres } from '../support/postgres';
import { startTestInbox, type TestInbox } from './helpers';

/**
 * Sign-in throttling is shared by every process of one inbox (issue 20, red team 5: two
 * processes on one PostgreSQL allowed twice the guesses): the failure counters live in the
 * database, so past the 5 free wrong passwords of one name from one address, the next is
 * refused on whichever process it reaches; likewise past 10 wrong unit tokens.
 */
describe('two inbox servers on one PostgreSQL count failures together', () => {
  let pg: TestPostgres;
  let a: TestInbox;
  let b: TestInbox;
  beforeAll(async () => {
    pg = await startPostgres();
    const databaseUrl = pg.createDatabase('throttle');
    a = await startTestInbox({ databaseUrl, judgeWorkers: 0 });
    b = await startTestInbox({ databaseUrl, judgeWorkers: 0 });
    await a.addStaff('lan', 'đúng-mật-khẩu-dài');
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    pg?.stop();
  });

  test('wrong passwords alternate between the servers: 5 free in all, then 429 on both, even for the right password', async () => {
    const login = (server: TestInbox, password: string) => server.request('POST', '/api/staff/login', { body: { user: 'lan', password } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await login(i % 2 ? b : a, `sai-${i}`)).status);
    // The 6th failure (past 5 free) blocks: the 7th attempt is refused. Counted per process,
    // each server would have seen 3 or 4 and let all 7 through.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    for (const server of [a, b]) {
      const res = await login(server, 'đúng-mật-khẩu-dài');
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  test('wrong unit tokens alternate between the servers: 10 free in all, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const server = i % 2 ? b : a;
      statuses.push((await server.request('GET', '/api/units/me', { headers: { authorization: `Bearer wrongtoken-same-prefix-${i}` } })).status);
    }
    // The 11th failure blocks; per process each server would have counted 6.
    expect(statuses.slice(0, 11).every((s) => s === 401)).toBe(true);
    expect(statuses[11]).toBe(429);
  });

  test('the counters hold keyed hashes, never the typed name or the address', async () => {
    const { rows } = await (a.ctx.store as unknown as { pool: import('pg').Pool }).pool.query('SELECT key FROM auth_failures');
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows as { key: string }[]) {
      expect(key).toMatch(/^(staff|staffIp|unit|unitIp):[0-9a-f]{40}$/);
      expect(key).not.toContain('lan');
      expect(key).not.toContain('127.0.0.1');
    }
  });
});
