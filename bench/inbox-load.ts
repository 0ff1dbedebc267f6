/**
 * Inbox load benchmark (`npx tsx bench/inbox-load.ts [--seconds 30] [--units 50] [--rows 1000]
 * [--backend sqlite|postgres|both] [--tsx] [--cpu-prof]`). The inbox runs in its own process (`--serve`, from
 * dist/ as shipped, or from the sources with `--tsx`) and is warmed up before the measure; this
 * process is the load: 50 distinct units each upload their own 1,000-row workbooks back to back
 * over loopback (closed loop, one request in flight per unit), with the full server-side work
 * (guard, read, every rule, encrypted durable storage: file + SQLite commit, or the workbook and
 * its row committed in PostgreSQL). PostgreSQL is DATABASE_URL when set, else a throwaway
 * PostgreSQL 15 with fsync on. Afterwards every receipt is checked against the store: nothing
 * lost, nothing duplicated. Results go to bench/out/inbox-load.json and bench/README.md.
 */
import '../src/profiles/officialAll';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { generateSample } from '../src/domain/sample';
import { ProfileSchema, type Profile } from '../src/domain/schema/profile';
import { randomBytes } from 'node:crypto';
import { newToken, sha256Hex } from '../src/inbox/auth';
import { loadConfig } from '../src/inbox/config';
import { startServer } from '../src/inbox/server';
import { openStore } from '../src/inbox/storage';
import { PROFILES, getProfile } from '../src/profiles';
import { readWorkbookBuffer } from '../src/xlsx/read';
import { templateToBuffer } from '../src/xlsx/write';
import { ensureBuilt } from '../test/cli/helpers';
import { startPostgres, type TestPostgres } from '../test/support/postgres';
import { writeBenchSection } from './readme';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rendered base workbooks, reused across runs (bench/out is not committed). */
const CACHE_DIR = path.resolve(__dirname, 'out', 'inbox-load-cache');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A bench-only plan: Bắc Ninh 2017's rules with 50 units (the shipped lists are samples). */
export function benchProfile(units: number): Profile {
  const base = getProfile('bac-ninh-2017')!;
  const communes = base.units.find((u) => u.code === 'BN-TS')!.communes;
  return ProfileSchema.parse({
    ...base,
    id: 'bench-load',
    title: 'Bài đo tải hộp thư (không phải kế hoạch thật)',
    title_en: 'Inbox load benchmark (not a real plan)',
    units_sample: true,
    units: Array.from({ length: units }, (_, i) => ({ code: `BENCH-${String(i + 1).padStart(2, '0')}`, name: `Đơn vị đo tải ${i + 1}`, communes })),
  });
}

/** The inbox as shipped: the compiled modules of dist/ (`npm run build:node`), whose judge
 *  workers run judgeWorker.js; `--tsx` serves the TypeScript sources through tsx instead. */
async function serve(dataDir: string, units: number): Promise<void> {
  const fromSource = process.argv.includes('--tsx');
  const dist = path.resolve(__dirname, '..', 'dist');
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadConfig: load, startServer: start } = fromSource
    ? { loadConfig, startServer }
    : { ...(require(path.join(dist, 'inbox', 'config')) as typeof import('../src/inbox/config')), ...(require(path.join(dist, 'inbox', 'server')) as typeof import('../src/inbox/server')) };
  const profiles = fromSource ? PROFILES : (require(path.join(dist, 'profiles')) as typeof import('../src/profiles')).PROFILES;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = load({ dataDir, port: 0, web: false, profiles: [...profiles, benchProfile(units)] });
  const { url, app } = await start(config);
  // A clean exit on the load's SIGTERM (so a `--cpu-prof` run writes its profiles).
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
  process.stdout.write(`listening at ${url}\n`);
}

function startServerProcess(dataDir: string, units: number, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const extra = process.argv.includes('--tsx') ? ['--tsx'] : [];
  // `--cpu-prof`: the server process and its judge threads write CPU profiles to bench/out/prof.
  const prof = process.argv.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(__dirname, 'out', 'prof')}`] : [];
  const child = spawn(process.execPath, [...prof, '--require', 'tsx/cjs', __filename, '--serve', dataDir, '--units', String(units), ...extra], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /listening at (\S+)/.exec(text);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

interface Upload {
  unit: string;
  token: string;
  body: Buffer;
  sha: string;
}

/**
 * A distinct upload of the same workbook: the zip's end-of-central-directory comment carries a
 * serial number. Every reader ignores the comment, the SHA-256 differs, so the inbox does all
 * its work and stores a new version, while the load process need not render thousands of
 * 1,000-row workbooks with exceljs (≈1 s each).
 */
export function withZipComment(xlsx: Buffer, comment: string): Buffer {
  const eocd = xlsx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || xlsx.readUInt16LE(eocd + 20) !== 0 || eocd + 22 !== xlsx.length) throw new Error('unexpected zip trailer');
  const text = Buffer.from(comment, 'utf8');
  const out = Buffer.concat([xlsx, text]);
  out.writeUInt16LE(text.length, eocd + 20);
  return out;
}

/** One clean 1,000-row workbook per unit (re-seeded if the round trip through .xlsx is not
 *  clean, see README), then `perUnit` distinct uploads of it. */
async function makeWorkbooks(profile: Profile, tokens: Map<string, string>, perUnit: number, rows: number): Promise<{ uploads: Upload[][]; reseeded: number }> {
  const out: Upload[][] = [];
  let reseeded = 0;
  for (const [u, unit] of profile.units.entries()) {
    const cache = path.join(CACHE_DIR, `${profile.id}-${unit.code}-${rows}.xlsx`);
    let base: Buffer | null = fs.existsSync(cache) ? fs.readFileSync(cache) : null;
    for (let seed = 1000 + u; base === null; seed += 1000) {
      const body = await templateToBuffer(generateSample({ rows, seed, profile, unit, year: 2020, quarter: 3 }).spec);
      const model = await readWorkbookBuffer(body);
      const damaged = model.sheets.some((s) => s.rows.some((r) => r.some((c) => typeof c === 'string' && c.includes('\uFFFD'))));
      if (damaged) reseeded += 1;
      else {
        base = body;
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        fs.writeFileSync(cache, body);
      }
    }
    const list: Upload[] = [];
    for (let k = 0; k < perUnit; k += 1) {
      const body = withZipComment(base, `vr-bench ${unit.code} #${k}`);
      list.push({ unit: unit.code, token: tokens.get(unit.code)!, body, sha: createHash('sha256').update(body).digest('hex') });
    }
    out.push(list);
  }
  return { uploads: out, reseeded };
}

function post(url: string, agent: http.Agent, up: Upload): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/submissions`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${up.token}`, 'content-type': XLSX, 'content-length': up.body.length },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(up.body);
  });
}

/** CPU time (user + system, all threads) of a process so far, from /proc (Linux), in ms. */
function cpuMs(pid: number | undefined): number | null {
  const t = cpuTimes(pid);
  return t === null ? null : t.user + t.sys;
}

/** User and system CPU time (all threads) of a process so far, in ms. */
function cpuTimes(pid: number | undefined): { user: number; sys: number } | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // Clock ticks (USER_HZ = 100).
    return { user: Number(fields[11]) * 10, sys: Number(fields[12]) * 10 };
  } catch {
    return null;
  }
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

type Backend = 'sqlite' | 'postgres';

async function load(): Promise<void> {
  const seconds = arg('seconds', 30);
  const unitsN = arg('units', 50);
  const rows = arg('rows', 1000);
  const perUnit = arg('per-unit', 200);
  const which = process.argv.includes('--backend') ? process.argv[process.argv.indexOf('--backend') + 1] : 'both';
  const backends: Backend[] = which === 'both' ? ['postgres', 'sqlite'] : [which as Backend];
  if (!process.argv.includes('--tsx')) ensureBuilt();
  const profile = benchProfile(unitsN);
  const tokens = new Map(profile.units.map((unit) => [unit.code, newToken()]));
  process.stdout.write(`Preparing ${unitsN} units × ${perUnit} workbooks of ${rows} rows…\n`);
  const t0 = Date.now();
  const { uploads: workbooks, reseeded } = await makeWorkbooks(profile, tokens, perUnit, rows);
  const avgBytes = Math.round(workbooks.flat().reduce((n, w) => n + w.body.length, 0) / (unitsN * perUnit));
  process.stdout.write(`  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${Math.round(avgBytes / 1024)} KB each)\n`);
  let pg: TestPostgres | null = null;
  const results: Record<string, unknown>[] = [];
  try {
    for (const [n, backend] of backends.entries()) {
      let databaseUrl: string | null = null;
      if (backend === 'postgres') {
        if (process.env.DATABASE_URL) databaseUrl = process.env.DATABASE_URL;
        else {
          pg = await startPostgres({ fsync: true });
          databaseUrl = pg.createDatabase(`bench_${n}`);
        }
      }
      const run = await runBackend(backend, databaseUrl, { seconds, unitsN, rows, avgBytes, profile, tokens, workbooks });
      results.push({ ...run, reseeded_for_reader_bug: reseeded });
    }
  } finally {
    pg?.stop();
  }
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  const outDir = path.resolve(__dirname, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'inbox-load.json'), JSON.stringify(results, null, 2));
  writeReadmeSection(results);
  process.exitCode = results.every((r) => r.lost === 0 && r.duplicates === 0 && r.unreceipted_rows === 0 && r.failures === 0) ? 0 : 1;
}

const perUnitCap = (workbooks: Upload[][]): number => Math.max(...workbooks.map((list) => list.length)) + 10;
/** Units whose first upload warms the server up before the measured load. */
const WARM_UP = 8;

interface RunInput {
  seconds: number;
  unitsN: number;
  rows: number;
  avgBytes: number;
  profile: Profile;
  tokens: Map<string, string>;
  workbooks: Upload[][];
}

async function runBackend(backend: Backend, databaseUrl: string | null, input: RunInput): Promise<Record<string, unknown>> {
  const { seconds, unitsN, rows, avgBytes, profile, tokens, workbooks } = input;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-bench-inbox-'));
  const store = await openStore({ dataDir, databaseUrl });
  for (const unit of profile.units) {
    await store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: profile.province_code, token_hash: sha256Hex(tokens.get(unit.code)!) });
  }
  await store.close();
  process.stdout.write(`Load on ${backend}…\n`);
  // Each unit sends many versions of one quarter here, past the per-quarter cap real units get.
  const env = { VR_INBOX_KEY: randomBytes(32).toString('hex'), DATABASE_URL: databaseUrl ?? '', VR_INBOX_MAX_VERSIONS: String(perUnitCap(workbooks)) };
  const { child, url } = await startServerProcess(dataDir, unitsN, env);
  let sent = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: unitsN });
  const latencies: number[] = [];
  const receipts: { unit: string; id: string; sha: string; version: number }[] = [];
  const failures: string[] = [];
  // Warm-up, not counted: the judge threads load their code and the JIT settles (a running inbox
  // serves for weeks). The first upload of each of the first WARM_UP units, one at a time.
  const queues = workbooks.map((list) => [...list]);
  for (const list of queues.slice(0, WARM_UP)) {
    const up = list.shift()!;
    sent += 1;
    const res = await post(url, agent, up);
    if (res.status === 200) receipts.push({ unit: up.unit, id: JSON.parse(res.body).id, sha: up.sha, version: JSON.parse(res.body).version });
    else failures.push(`${up.unit}: HTTP ${res.status} (warm-up)`);
  }
  const warmedUp = receipts.length;
  const cpuBefore = cpuMs(child.pid);
  const timesBefore = cpuTimes(child.pid);
  const start = performance.now();
  const deadline = start + seconds * 1000;
  // Closed loop: each unit keeps one upload in flight; after its own workbooks are used up it
  // stops (a unit has no more new versions to send), so nothing is ever sent twice.
  await Promise.all(
    queues.map(async (list) => {
      for (const up of list) {
        if (performance.now() >= deadline) return;
        const t = performance.now();
        sent += 1;
        try {
          const res = await post(url, agent, up);
          latencies.push(performance.now() - t);
          if (res.status !== 200) failures.push(`${up.unit}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
          else {
            const r = JSON.parse(res.body);
            if (r.sha256 !== up.sha) failures.push(`${up.unit}: receipt hash differs`);
            receipts.push({ unit: up.unit, id: r.id, sha: up.sha, version: r.version });
          }
        } catch (error) {
          failures.push(`${up.unit}: ${(error as Error).message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const acceptedUnderLoad = receipts.length - warmedUp;
  const cpuAfter = cpuMs(child.pid);
  const timesAfter = cpuTimes(child.pid);
  const cpuPerUpload = cpuBefore !== null && cpuAfter !== null && acceptedUnderLoad > 0 ? (cpuAfter - cpuBefore) / acceptedUnderLoad : null;
  // Service time without queueing: a few uploads one at a time, after the load.
  const single: number[] = [];
  for (const list of workbooks.slice(0, 5)) {
    const up = list[list.length - 1];
    const t = performance.now();
    sent += 1;
    const res = await post(url, agent, up);
    single.push(performance.now() - t);
    if (res.status === 200) receipts.push({ unit: up.unit, id: JSON.parse(res.body).id, sha: up.sha, version: JSON.parse(res.body).version });
    else failures.push(`${up.unit}: HTTP ${res.status} (sequential)`);
  }
  agent.destroy();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));

  // Nothing lost, nothing duplicated: the store holds exactly the receipts, once each.
  const check = await openStore({ dataDir, databaseUrl });
  const stored = await check.listPeriodVersions(profile.id, 2020, 3);
  await check.close();
  const storedIds = new Set(stored.map((v) => v.id));
  const lost = receipts.filter((r) => !storedIds.has(r.id)).length;
  const duplicates = stored.length - new Set(stored.map((v) => `${v.unit_code}/${v.sha256}`)).size;
  const extra = stored.length - receipts.length;
  fs.rmSync(dataDir, { recursive: true, force: true });

  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    backend,
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load avg ${os.loadavg()[0].toFixed(1)} at end`,
    units: unitsN,
    rows,
    workbook_kb: Math.round(avgBytes / 1024),
    seconds: Math.round(elapsed * 10) / 10,
    sent,
    accepted: receipts.length,
    failures: failures.length,
    per_second: Math.round((acceptedUnderLoad / elapsed) * 100) / 100,
    p50_ms: Math.round(pct(sorted, 50)),
    p99_ms: Math.round(pct(sorted, 99)),
    sequential_ms: single.map((x) => Math.round(x)),
    /** Server CPU per accepted upload: what the shared box cannot distort. */
    server_cpu_ms_per_upload: cpuPerUpload === null ? null : Math.round(cpuPerUpload),
    /** Of which in the kernel (system time: file writes, fsync, sockets). */
    server_sys_ms_per_upload: timesBefore && timesAfter && acceptedUnderLoad > 0 ? Math.round((timesAfter.sys - timesBefore.sys) / acceptedUnderLoad) : null,
    idle_capacity_per_second: cpuPerUpload ? Math.round((os.cpus().length * 1000 * 10) / cpuPerUpload) / 10 : null,
    stored: stored.length,
    lost,
    duplicates,
    unreceipted_rows: extra,
    judge_workers: Number(process.env.VR_INBOX_WORKERS ?? 0) || 'default (cores, max 4)',
    served_from: process.argv.includes('--tsx') ? 'the TypeScript sources through tsx' : 'dist/ (the compiled inbox, as `vr inbox serve` runs it)',
    warm_up: warmedUp,
    first_failures: failures.slice(0, 5),
  };
}

/** Replaces this benchmark's section of bench/README.md (between its markers) with the runs. */
function writeReadmeSection(runs: Record<string, unknown>[]): void {
  const begin = '<!-- bench:inbox-load -->';
  const end = '<!-- /bench:inbox-load -->';
  const r0 = runs[0];
  const storage: Record<string, string> = {
    sqlite: 'SQLite (synchronous=FULL) + workbook files on disk (temp → fsync → rename → fsync dir)',
    postgres: 'PostgreSQL 15 (fsync on, same machine) with the workbooks in the database (`submission_files`, bytea)',
  };
  const block = [
    begin,
    '## Inbox load (bench/inbox-load.ts)',
    '',
    `Measured ${String(r0.date).slice(0, 16).replace('T', ' ')} UTC on the project box: ${runs.map((r) => `${r.backend}: ${r.machine}`).join('; ')} (shared with other jobs).`,
    `Server: \`startServer\` from ${r0.served_from} in its own process, ${r0.judge_workers} judge worker threads, warmed up by ${r0.warm_up} uploads (not counted) before the load, VR_INBOX_KEY set (every workbook stored AES-256-GCM encrypted). Storage per row: ${runs.map((r) => storage[String(r.backend)]).join('; ')}. Load: this process, ${r0.units} distinct units on loopback, one upload in flight per unit (closed loop), each upload a ${r0.rows}-row workbook (${r0.workbook_kb} KB, bench-only profile \`bench-load\` = Bắc Ninh 2017 rules with ${r0.units} units) made distinct by its zip comment, so every upload is fully read, checked and stored as a new version. Afterwards every receipt is looked up in the store. The runs follow each other (same workbooks, same tokens).`,
    '',
    '| storage | units | rows | uploads/s | p50 | p99 | one at a time | server CPU / upload | accepted | stored | lost | duplicated |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.backend} | ${r.units} | ${r.rows} | ${r.per_second} | ${r.p50_ms} ms | ${r.p99_ms} ms | ${(r.sequential_ms as number[]).join(', ')} ms | ${r.server_cpu_ms_per_upload} ms | ${r.accepted}/${r.sent} | ${r.stored} | ${r.lost} | ${r.duplicates} |`,
    ),
    '',
    'Server CPU / upload counts the inbox process only (PostgreSQL\'s own CPU is not in it). p50/p99 under a 50-unit closed loop are mostly queueing (50 in flight ÷ throughput).',
    end,
  ].join('\n');
  writeBenchSection('inbox-load', block);
}

if (require.main === module && process.argv.includes('--serve')) {
  serve(process.argv[process.argv.indexOf('--serve') + 1], arg('units', 50)).catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
} else if (require.main === module) {
  load().catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
}
