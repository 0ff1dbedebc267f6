/**
 * Hostile workbooks against the inbox (issue: 1,000 sheets on one 1 MB part kept a checker ~55 s
 * busy and stalled every other unit). Measures, on a real inbox (SQLite, worker threads):
 * - the guard refusing that workbook in process (best of 5);
 * - end to end: two such uploads and one other unit's real 40-row workbook sent together
 *   (median of 3 rounds): each answer's latency;
 * - a workbook with no shared part but slow to read (200 sheets × 500 KB, own parts), under a
 *   2 s checking limit: time to its refusal, then the next real upload;
 * - what reading costs per inflated MB (50 distinct 1 MB parts through the lean reader,
 *   no guard): the work a shared part would have multiplied.
 * Run: `npm run bench -- hostile` (or `npx tsx bench/hostile.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newToken, sha256Hex } from '../src/inbox/auth';
import { loadConfig } from '../src/inbox/config';
import { startServer } from '../src/inbox/server';
import { guardXlsxBuffer } from '../src/xlsx/guard';
import { readXlsxFast } from '../src/xlsx/fastRead';
import { findUnit, getProfile } from '../src/profiles';
import { sampleWorkbook, XLSX } from '../test/inbox/helpers';
import { manyPartsWorkbook, sharedPartWorkbook } from '../test/xlsx/hostile';
import { writeBenchSection } from './readme';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const load = os.loadavg()[0];
  const hostile = sharedPartWorkbook(1000, 1024 * 1024);
  const guard: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t = process.hrtime.bigint();
    await guardXlsxBuffer(hostile, { displayName: 'h.xlsx' }).catch(() => undefined);
    guard.push(ms(t));
  }
  const parts = manyPartsWorkbook(50, 1024 * 1024);
  const t0 = process.hrtime.bigint();
  await readXlsxFast(parts);
  const perMb = ms(t0) / 50;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-bench-hostile-'));
  const { app, ctx, url } = await startServer(loadConfig({ dataDir: dir, port: 0, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, web: false, maxVersionsPerQuarter: 1000 }, {}));
  const profile = getProfile('bac-ninh-2017')!;
  const tokens: Record<string, string> = {};
  for (const code of ['BN-TS', 'BN-TP']) {
    tokens[code] = newToken();
    const unit = findUnit(profile, code)!;
    await ctx.store.upsertUnit({ profile: profile.id, unit_code: code, unit_name: unit.name, province_code: profile.province_code, token_hash: sha256Hex(tokens[code]) });
  }
  const send = async (code: string, body: Buffer) => {
    const t = process.hrtime.bigint();
    const res = await fetch(`${url}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${tokens[code]}`, 'content-type': XLSX }, body: new Uint8Array(body) });
    await res.arrayBuffer();
    return { status: res.status, ms: ms(t) };
  };
  const rounds: { hostile: number[]; normal: number; statuses: number[] }[] = [];
  for (let r = 0; r < 3; r += 1) {
    const normal = await sampleWorkbook({ rows: 40, seed: 100 + r });
    const out = await Promise.all([send('BN-TP', hostile), send('BN-TP', hostile), send('BN-TS', normal)]);
    rounds.push({ hostile: [out[0].ms, out[1].ms], normal: out[2].ms, statuses: out.map((o) => o.status) });
  }
  ctx.judges!.timeoutMs = 2000;
  const slow = await send('BN-TP', manyPartsWorkbook(200, 500 * 1024));
  ctx.judges!.timeoutMs = 30_000;
  const after = await send('BN-TS', await sampleWorkbook({ rows: 40, seed: 200 }));
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}`,
    load_avg_1m: Math.round(load * 10) / 10,
    hostile_kb: Math.round(hostile.length / 1024),
    guard_best_ms: Math.round(Math.min(...guard) * 10) / 10,
    read_ms_per_inflated_mb: Math.round(perMb * 10) / 10,
    hostile_ms_median: Math.round(median(rounds.flatMap((r) => r.hostile))),
    normal_ms_median: Math.round(median(rounds.map((r) => r.normal))),
    statuses: rounds.map((r) => r.statuses.join('/')).join(', '),
    timeout_refusal_ms: Math.round(slow.ms),
    timeout_status: slow.status,
    next_upload_ms: Math.round(after.ms),
    next_upload_status: after.status,
  };
  console.log(JSON.stringify(result, null, 2));
  writeReadme(result);
}

function writeReadme(r: Record<string, unknown>): void {
  const begin = '<!-- bench:hostile -->';
  const end = '<!-- /bench:hostile -->';
  const block = [
    begin,
    '## Hostile workbooks against the inbox (bench/hostile.ts)',
    '',
    `Measured ${String(r.date).slice(0, 16).replace('T', ' ')} UTC on the project box: ${r.machine}, load average ${r.load_avg_1m} (shared with other jobs). Inbox: SQLite, default worker threads.`,
    '',
    '| what | result |',
    '|---|---|',
    `| 1,000 sheets on one 1 MB part (${r.hostile_kb} KB upload): guard refuses, in process, best of 5 | ${r.guard_best_ms} ms |`,
    `| two of them + another unit's 40-row workbook sent together, median of 3 rounds (statuses ${r.statuses}) | hostile answered in ${r.hostile_ms_median} ms, the other unit's receipt in ${r.normal_ms_median} ms |`,
    `| 200 sheets × 500 KB on their own parts, 2 s checking limit | refused (${r.timeout_status}) after ${r.timeout_refusal_ms} ms; next upload ${r.next_upload_status} in ${r.next_upload_ms} ms |`,
    `| lean reader, no guard: 50 distinct 1 MB parts | ${r.read_ms_per_inflated_mb} ms per inflated MB (a shared part read once per sheet multiplies this by the sheet count) |`,
    end,
  ].join('\n');
  writeBenchSection('hostile', block);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
