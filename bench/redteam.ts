/**
 * The second red team's attacks (issue 20), replayed against a real inbox on loopback, bounded:
 * each records whether it held and how long the answer took. SQLite inbox in a temporary folder;
 * the PostgreSQL-only attacks (shared throttling, orphans after kill -9) are covered by
 * test/inbox/throttle-shared.test.ts and test/inbox/orphan-sweep.test.ts.
 * Run: `npm run bench -- redteam` (or `npx tsx bench/redteam.ts`).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { newToken, sha256Hex } from '../src/inbox/auth';
import { loadConfig } from '../src/inbox/config';
import { startServer } from '../src/inbox/server';
import { findUnit, getProfile } from '../src/profiles';
import { sampleWorkbook, XLSX } from '../test/inbox/helpers';
import { unclosedStringsWorkbook } from '../test/xlsx/hostile';
import { parseSharedStrings } from '../src/xlsx/sheetXml';
import { writeBenchSection } from './readme';

const ms = (t: bigint) => Math.round(Number(process.hrtime.bigint() - t) / 1e6);
const wait = (n: number) => new Promise((r) => setTimeout(r, n));

interface Row { attack: string; held: boolean; detail: string }

async function main(): Promise<void> {
  const load = os.loadavg()[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-redteam-'));
  const MB = 1024 * 1024;
  const { app, ctx, url } = await startServer(loadConfig({ dataDir: dir, port: 0, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, web: false, maxConnectionsPerAddress: 50, headersTimeoutMs: 3000, bodyIdleTimeoutMs: 3000 }, {}));
  const profile = getProfile('bac-ninh-2017')!;
  const tokens: Record<string, string> = {};
  for (const code of ['BN-TS', 'BN-TP']) {
    tokens[code] = newToken();
    await ctx.store.upsertUnit({ profile: profile.id, unit_code: code, unit_name: findUnit(profile, code)!.name, province_code: profile.province_code, token_hash: sha256Hex(tokens[code]) });
  }
  const send = async (code: string, body: Buffer) => {
    const t = process.hrtime.bigint();
    const res = await fetch(`${url}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${tokens[code]}`, 'content-type': XLSX }, body: new Uint8Array(body) });
    const json = (await res.json()) as { error?: string };
    return { status: res.status, error: json.error ?? null, ms: ms(t) };
  };
  const rows: Row[] = [];

  // 1. Shared strings with 150,000 unclosed tags, two at once, beside another unit's upload.
  const base = await sampleWorkbook({ unit: 'BN-TP', rows: 30, seed: 1 });
  const bomb = await unclosedStringsWorkbook(base, 't', 150_000);
  const [b1, b2, normal] = await Promise.all([send('BN-TP', bomb), send('BN-TP', await unclosedStringsWorkbook(base, 'si', 150_000)), send('BN-TS', await sampleWorkbook({ rows: 40, seed: 2 }))]);
  // The parse alone, in process: what the lazy patterns spent ~30 s on.
  const tParse = process.hrtime.bigint();
  parseSharedStrings(`<sst><si><t>a</t></si><si>${'<t>'.repeat(150_000)}</si>${'<si>'.repeat(150_000)}</sst>`);
  const parseMs = ms(tParse);
  // Held: the hostile text costs nothing of note, so the bombs are answered about as fast as an
  // ordinary upload sent with them (on a busy machine all three wait for the same cores).
  rows.push({
    attack: `1. ${Math.round(bomb.length / 1024)} KB workbook, 150,000 unclosed \`<t>\` / \`<si>\` (two at once)`,
    held: parseMs < 1000 && Math.max(b1.ms, b2.ms) < normal.ms + 5000 && normal.status === 200,
    detail: `shared strings parsed in ${parseMs} ms; bombs answered in ${b1.ms} / ${b2.ms} ms (${b1.status}/${b2.status}); the other unit's receipt ${normal.status} in ${normal.ms} ms`,
  });

  // 9. Quarters outside the plan, and 19.5 MB of random padding.
  const q2001 = await send('BN-TS', await sampleWorkbook({ year: 2001, quarter: 1, rows: 5, seed: 3 }));
  const q2016 = await send('BN-TS', await sampleWorkbook({ year: 2016, quarter: 4, rows: 5, seed: 4 }));
  const plain = await sampleWorkbook({ rows: 20, seed: 5 });
  const eocd = plain.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cd = plain.readUInt32LE(eocd + 16);
  const junk = randomBytes(19.5 * MB);
  const padded = Buffer.concat([plain.subarray(0, cd), junk, plain.subarray(cd)]);
  padded.writeUInt32LE(cd + junk.length, eocd + junk.length + 16);
  const pad = await send('BN-TS', padded);
  rows.push({ attack: '9. 2001 Q1, 2016 Q4 on the 2017–2020 plan; 19.5 MB random padding', held: q2001.status === 422 && q2016.status === 422 && pad.status === 400, detail: `${q2001.status} ${q2001.error}, ${q2016.status} ${q2016.error}, padding ${pad.status} ${pad.error} in ${pad.ms} ms` });

  // 6. 2,000 idle sockets from one address; a real request from another.
  const { port } = new URL(url);
  const sockets = await Promise.all(Array.from({ length: 2000 }, () => new Promise<net.Socket>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: '127.0.0.2' });
    s.on('error', () => resolve(s));
    s.once('connect', () => resolve(s));
  })));
  // What the server holds (its open sockets, i.e. file descriptors), not what the client
  // thinks: past the kernel's accept queue a client socket may look open that the server never took.
  const held = () => new Promise<number>((resolve) => app.server.getConnections((_e, n) => resolve(n)));
  const t6a = process.hrtime.bigint();
  let open = 0;
  for (let i = 0; i < 20; i++) {
    await wait(100);
    open = Math.max(open, await held());
  }
  const settleMs = ms(t6a);
  const t6 = process.hrtime.bigint();
  const me = await fetch(`${url}/api/units/me`, { headers: { authorization: `Bearer ${tokens['BN-TS']}` } });
  const meMs = ms(t6);
  for (let i = 0; i < 150 && (await held()) > 0; i++) await wait(100);
  const after = await held();
  for (const s of sockets) s.destroy();
  rows.push({ attack: '6. 2,000 idle sockets from one address', held: open <= 51 && me.status === 200 && after === 0, detail: `the server held at most ${open} of them (cap 50, plus the other address's request) over ${settleMs} ms, ${after} after the 3 s header limit; another address served in ${meMs} ms` });

  // 7. Stalled uploads: 40 declare 19 MB, send 1 MB and stall.
  const rssBefore = process.memoryUsage().rss;
  const stalled = Array.from({ length: 40 }, (_, i) => new Promise<number>((resolve) => {
    const req = http.request(`${url}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${tokens[i % 2 ? 'BN-TS' : 'BN-TP']}`, 'content-type': XLSX, 'content-length': 19 * MB } });
    req.on('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', () => resolve(0));
    req.write(Buffer.alloc(MB, 0x50));
  }));
  await wait(1000);
  const peak = process.memoryUsage().rss - rssBefore;
  const statuses = await Promise.all(stalled);
  const count = (s: number) => statuses.filter((x) => x === s).length;
  rows.push({ attack: '7. 40 uploads declaring 19 MB, sending 1 MB, stalling', held: count(200) === 0 && peak < 200 * MB, detail: `${count(408)} ended 408 after the 3 s pause, ${count(429)} refused 429 (2 per unit), ${count(503)} refused 503; RSS +${Math.round(peak / MB)} MB` });

  // 8. A password typed as a user name: what the audit keeps.
  await fetch(`${url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'MậtKhẩu#2024', password: 'x' }) });
  const audit = JSON.stringify(await ctx.store.listAudit({ limit: 5 }));
  rows.push({ attack: '8. password typed into the name field', held: !audit.includes(sha256Hex('MậtKhẩu#2024').slice(0, 12)), detail: 'audit keeps an HMAC under a server secret, no plain SHA-256' });

  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const result = { date: new Date().toISOString(), machine: `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}`, load: Math.round(load * 10) / 10, rows };
  console.log(JSON.stringify(result, null, 2));
  writeBenchSection('redteam', [
    '<!-- bench:redteam -->',
    '## The second red team replayed (bench/redteam.ts)',
    '',
    `Measured ${result.date.slice(0, 16).replace('T', ' ')} UTC: ${result.machine}, load average ${result.load} (shared with other jobs). SQLite inbox on loopback; the PostgreSQL attacks (shared throttling, orphans after kill -9) are guarded by test/inbox/throttle-shared.test.ts and orphan-sweep.test.ts, the backup tampering by backup-sealed.test.ts.`,
    '',
    '| attack | held | what happened |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.attack} | ${r.held ? 'held' : '**broke**'} | ${r.detail} |`),
    '<!-- /bench:redteam -->',
  ].join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
