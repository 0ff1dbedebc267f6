import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import { openStore } from '../../src/inbox/storage';
import { getProfile } from '../../src/profiles';
import { sampleWorkbook, tempDir, XLSX } from './helpers';
import { spawnInbox, waitExit, type InboxProcess } from './process';
import { startPostgres, type TestPostgres } from '../support/postgres';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const PASSWORD = 'mật khẩu dài lắm';

/** One upload over a plain socket (a killed server answers with a network error, not a throw). */
function upload(url: string, token: string, body: Buffer): Promise<{ status: number; json: Record<string, unknown> } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${url}/api/submissions`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX, 'content-length': body.length },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
    req.end(body);
  });
}

async function ok(url: string, token: string, body: Buffer): Promise<Record<string, unknown>> {
  const r = await upload(url, token, body);
  if (!('status' in r) || r.status !== 200) throw new Error(`upload failed: ${JSON.stringify(r)}`);
  return r.json;
}

/** Every cell value of every sheet, to compare two consolidated workbooks. */
async function cellsOf(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row, r) => row.eachCell((cell, c) => out.push(`${ws.name}!${r},${c}=${JSON.stringify(cell.value)}`))));
  return out.join('\n');
}

describe('two inbox processes on one PostgreSQL, separate data folders', () => {
  let pg: TestPostgres;
  let databaseUrl: string;
  const dirs = [tempDir('vr-scale-a-'), tempDir('vr-scale-b-')];
  const servers: InboxProcess[] = [];
  const profile = getProfile('bac-ninh-2017')!;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    pg = await startPostgres();
    databaseUrl = pg.createDatabase('scaleout');
    const store = await openStore({ dataDir: dirs[0], databaseUrl });
    for (const unit of profile.units) {
      tokens[unit.code] = newToken();
      await store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: profile.province_code, token_hash: sha256Hex(tokens[unit.code]) });
    }
    await store.upsertStaffUser({ username: 'lan', role: 'staff', password_hash: await hashPassword(PASSWORD) });
    await store.close();
    const env = { DATABASE_URL: databaseUrl, VR_INBOX_KEY: randomBytes(32).toString('hex'), VR_INBOX_WORKERS: '1' };
    servers.push(...(await Promise.all(dirs.map((dir) => spawnInbox(dir, env)))));
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) {
      if (s.child.exitCode === null && s.child.signalCode === null) {
        s.child.kill('SIGKILL');
        await waitExit(s.child);
      }
    }
    pg?.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('submit on one, decide and download on the other, consolidate on either; kill -9 one mid-upload and the other serves on', async () => {
    const [a, b] = servers;
    const bnts = tokens['BN-TS'];
    // Staff signs in on A; the session lives in the database, so B honours it.
    const login = await fetch(`${a.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'lan', password: PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
    const staff = (url: string, p: string, body?: object): Promise<Response> =>
      fetch(url + p, body ? { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) } : { headers: { cookie } });

    // The same bytes through both processes: one version, identical receipts.
    const v1 = await sampleWorkbook({ rows: 12, seed: 1 });
    const receiptA = await ok(a.url, bnts, v1);
    const receiptB = await ok(b.url, bnts, v1);
    expect(receiptB).toEqual(receiptA);
    expect(receiptA.sha256).toBe(sha(v1));

    // Returned through B, resubmitted through A, accepted and downloaded through B.
    expect((await staff(b.url, `/api/staff/submissions/${receiptA.id}/return`, { reason: 'Thiếu số liệu quý' })).status).toBe(200);
    const v2 = await sampleWorkbook({ rows: 14, seed: 2 });
    const receipt2 = await ok(a.url, bnts, v2);
    expect(receipt2.version).toBe(2);
    const accepted = await staff(b.url, `/api/staff/submissions/${receipt2.id}/accept`, {});
    expect(((await accepted.json()) as { state: string }).state).toBe('accepted');
    const file = await staff(b.url, `/api/staff/submissions/${receipt2.id}/file`);
    expect(sha(Buffer.from(await file.arrayBuffer()))).toBe(receipt2.sha256);
    // The lock holds on A too.
    const locked = await upload(a.url, bnts, await sampleWorkbook({ rows: 15, seed: 3 }));
    expect('status' in locked && locked.status).toBe(409);

    // Other units through either process; the consolidated workbook is the same from both.
    const others = profile.units.filter((u) => u.code !== 'BN-TS');
    const receipts = new Map<string, string>([[receiptA.id as string, receiptA.sha256 as string], [receipt2.id as string, receipt2.sha256 as string]]);
    for (const [i, unit] of others.entries()) {
      const r = await ok(i % 2 ? a.url : b.url, tokens[unit.code], await sampleWorkbook({ unit: unit.code, rows: 6, seed: 10 + i }));
      receipts.set(r.id as string, r.sha256 as string);
    }
    const query = `/api/staff/consolidated.xlsx?profile=${profile.id}&year=2020&quarter=3`;
    const [fromA, fromB] = await Promise.all([staff(a.url, query), staff(b.url, query)]);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    const cellsA = await cellsOf(Buffer.from(await fromA.arrayBuffer()));
    expect(cellsA).toContain('BN-TS');
    expect(await cellsOf(Buffer.from(await fromB.arrayBuffer()))).toBe(cellsA);

    // Kill -9 A while uploads run on both; B answers all of its own and then every receipt.
    const jobs = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const unit = others[i % others.length];
        return { token: tokens[unit.code], body: await sampleWorkbook({ unit: unit.code, rows: 5 + Math.floor(i / others.length), seed: 100 + i }) };
      }),
    );
    let killed = false;
    let doneOnA = 0;
    const onA = jobs.filter((_, i) => i % 2 === 0);
    const onB = jobs.filter((_, i) => i % 2 === 1);
    const [resultsA, resultsB] = await Promise.all([
      Promise.all(
        onA.map(async (job) => {
          const r = await upload(a.url, job.token, job.body);
          if ('status' in r && r.status === 200 && ++doneOnA === 3 && !killed) {
            killed = true;
            a.child.kill('SIGKILL');
          }
          return r;
        }),
      ),
      Promise.all(onB.map((job) => upload(b.url, job.token, job.body))),
    ]);
    await waitExit(a.child);
    expect(killed).toBe(true);
    expect(resultsA.some((r) => 'error' in r)).toBe(true);
    for (const r of resultsB) expect('status' in r && r.status).toBe(200);
    // Retried through B: the uploads A had stored answer their receipt, the others are stored once.
    for (const [i, job] of onA.entries()) {
      const r = await ok(b.url, job.token, job.body);
      const before = resultsA[i];
      if ('status' in before && before.status === 200) expect(r).toEqual(before.json);
    }
    for (const r of [...resultsA, ...resultsB]) if ('status' in r) receipts.set(r.json.id as string, r.json.sha256 as string);
    for (const job of onA) receipts.set(((await ok(b.url, job.token, job.body)) as { id: string }).id, sha(job.body));
    for (const [id, digest] of receipts) {
      const res = await staff(b.url, `/api/staff/submissions/${id}/file`);
      expect(res.status).toBe(200);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(digest);
    }
    const check = await openStore({ dataDir: dirs[1], databaseUrl });
    const rows = await check.listPeriodVersions(profile.id, 2020, 3);
    await check.close();
    expect(rows).toHaveLength(2 + others.length + jobs.length);
    expect(new Set(rows.map((r) => r.sha256)).size).toBe(rows.length);
    // Nothing of the workbooks lives in either data folder.
    for (const dir of dirs) expect(fs.existsSync(path.join(dir, 'files'))).toBe(false);
  }, 300_000);
});
