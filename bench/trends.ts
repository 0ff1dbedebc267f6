/**
 * The staff page's trend charts for the province with the most communes (168, Hồ Chí Minh):
 * every unit accepted in each of the 8 quarters, so the inbox reduces 8 × 168 stored workbooks to
 * their figures. Measures the first computation (every workbook read), later opens in the same
 * process, opens after a restart (figures from the database), and the download. Workbooks are the synthetic province of
 * bench/benchProvince.ts (20–50 people each), stored as the inbox stores them. Writes its
 * section of bench/README.md.
 *
 * Run: `npm run bench -- trends` or `npx tsx bench/trends.ts [units]`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { previousQuarter } from '../src/domain/period';
import { Insight } from '../src/inbox/insight/service';
import { openStore } from '../src/inbox/storage';
import type { InboxContext } from '../src/inbox/storage/types';
import { trendsWorkbook } from '../src/inbox/trendsExport';
import { QUARTER, YEAR, benchProfile, ensureInputs } from './benchProvince';
import { writeBenchSection } from './readme';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 168);
  const profile = benchProfile(n);
  const files = await ensureInputs(profile, path.join(ROOT, 'bench', 'out', `consolidate-${n}`));
  const quarters: { year: number; quarter: number }[] = [{ year: YEAR, quarter: QUARTER }];
  while (quarters.length < 8) quarters.unshift(previousQuarter(quarters[0].year, quarters[0].quarter));
  // A real SQLite store holding every version, accepted; the workbooks are read from the
  // generated files (one per unit, stored once per quarter under its own key).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-bench-trends-'));
  const store = await openStore({ dataDir, databaseUrl: null });
  for (const [i, u] of profile.units.entries()) {
    const unit = await store.upsertUnit({ profile: profile.id, unit_code: u.code, unit_name: u.name, province_code: profile.province_code, token_hash: String(i).padStart(64, '0') });
    for (const q of quarters) {
      const r = await store.insertVersion({
        id: randomUUID(), unit_id: unit.id, profile: profile.id, unit_code: u.code, year: q.year, quarter: q.quarter,
        sha256: `${q.year}-${q.quarter}-${i}`.padStart(64, '0'), size: 1, file_key: `${files[i]}#${q.year}-${q.quarter}`, filename: null,
        received_at: new Date().toISOString(), on_time: true, summary: { fatal: 0, error: 0, warning: 0, info: 0 },
      });
      if (r.kind !== 'created') throw new Error(r.kind);
      await store.decideVersion(r.version.id, { state: 'accepted' }, 'bench', new Date().toISOString());
    }
  }
  const ctx = {
    store,
    files: { read: (key: string) => fs.promises.readFile(key.slice(0, key.lastIndexOf('#'))) },
    config: { dataDir, encryptionKey: randomBytes(32) },
  } as unknown as InboxContext;

  const insight = new Insight(ctx);
  const last = quarters[quarters.length - 1];
  const cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const trends = await insight.trends(profile, last);
  const cold = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    await insight.trends(profile, last);
    warm.push(performance.now() - t0);
  }
  // A restart: a new process's memory is empty, the figures are in the database.
  const restart: number[] = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    await new Insight(ctx).trends(profile, last);
    restart.push(performance.now() - t0);
  }
  const restartMedian = [...restart].sort((a, b) => a - b)[2];
  t0 = performance.now();
  const xlsx = await trendsWorkbook(trends, { mask: true, locale: 'vi', department: profile.department, names: new Map(profile.units.map((u) => [u.code, u.name])) });
  const download = performance.now() - t0;
  const json = Buffer.byteLength(JSON.stringify(trends));
  const sortedWarm = [...warm].sort((a, b) => a - b);
  const m = {
    units: n,
    workbooks: n * quarters.length,
    cold_ms: Math.round(cold),
    cold_cpu_s: (cpu.user + cpu.system) / 1e6,
    per_workbook_ms: cold / (n * quarters.length),
    warm_median_ms: sortedWarm[2],
    restart_median_ms: restartMedian,
    download_ms: Math.round(download),
    xlsx_kb: xlsx.length / 1024,
    json_kb: json / 1024,
    rss_mb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(m);
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const section = [
    '<!-- bench:trends -->',
    '## Staff page trends (bench/trends.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'CPU'}), shared with other jobs (load average ${os.loadavg()[0].toFixed(1)} at the end); Node ${process.version}.`,
    `${n} units (as many as Hồ Chí Minh's communes), each accepted in all 8 quarters: ${m.workbooks} stored workbooks of 20–50 people, in a real SQLite store. "First computation": no figures kept yet, every workbook is read and reduced to its figures, which are kept in memory and in the database (in use, accepting a report computes its figures at once, so this cost is spread over the quarters). "Same process": later opens. "After a restart": an empty memory, figures read back from the database.`,
    '',
    '| units | workbooks | first computation | CPU | per workbook | same process (median of 5) | after a restart (median of 5) | answer (JSON) | download (.xlsx) | peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${n} | ${m.workbooks} | ${(m.cold_ms / 1000).toFixed(1)} s | ${m.cold_cpu_s.toFixed(1)} s | ${m.per_workbook_ms.toFixed(1)} ms | ${m.warm_median_ms.toFixed(1)} ms | ${m.restart_median_ms.toFixed(1)} ms | ${m.json_kb.toFixed(0)} KB | ${m.download_ms} ms, ${m.xlsx_kb.toFixed(0)} KB | ${m.rss_mb.toFixed(0)} MB |`,
    '<!-- /bench:trends -->',
  ].join('\n');
  writeBenchSection('trends', section);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
