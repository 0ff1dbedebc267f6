/**
 * The staff page's trend charts for the province with the most communes (168, Hồ Chí Minh):
 * every unit accepted in each of the 8 quarters, so the inbox reduces 8 × 168 stored workbooks to
 * their figures. Measures the first open after the inbox starts (every workbook read), the next
 * opens (figures kept), and the download. Workbooks are the synthetic province of
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
import type { InboxContext, SubmissionVersion } from '../src/inbox/storage/types';
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
  const versions = new Map<string, SubmissionVersion[]>();
  for (const q of quarters) {
    versions.set(
      `${q.year}-${q.quarter}`,
      profile.units.map(
        (u, i) =>
          ({ id: randomUUID(), profile: profile.id, unit_code: u.code, year: q.year, quarter: q.quarter, version: 1, state: 'accepted', file_key: files[i] }) as unknown as SubmissionVersion,
      ),
    );
  }
  const ctx = {
    store: { listPeriodVersions: async (_p: string, year: number, quarter: number) => versions.get(`${year}-${quarter}`) ?? [] },
    files: { read: (key: string) => fs.promises.readFile(key) },
    config: { dataDir: os.tmpdir(), encryptionKey: randomBytes(32) },
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
    download_ms: Math.round(download),
    xlsx_kb: xlsx.length / 1024,
    json_kb: json / 1024,
    rss_mb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(m);

  const section = [
    '<!-- bench:trends -->',
    '## Staff page trends (bench/trends.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'CPU'}), shared with other jobs (load average ${os.loadavg()[0].toFixed(1)} at the end); Node ${process.version}.`,
    `${n} units (as many as Hồ Chí Minh's communes), each accepted in all 8 quarters: ${m.workbooks} stored workbooks of 20–50 people. "First open" is the first request after the inbox starts: every workbook is read and reduced to its figures (kept in memory for the life of the process); later opens use those figures.`,
    '',
    '| units | workbooks | first open | CPU | per workbook | later opens (median of 5) | answer (JSON) | download (.xlsx) | peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${n} | ${m.workbooks} | ${(m.cold_ms / 1000).toFixed(1)} s | ${m.cold_cpu_s.toFixed(1)} s | ${m.per_workbook_ms.toFixed(1)} ms | ${m.warm_median_ms.toFixed(1)} ms | ${m.json_kb.toFixed(0)} KB | ${m.download_ms} ms, ${m.xlsx_kb.toFixed(0)} KB | ${m.rss_mb.toFixed(0)} MB |`,
    '<!-- /bench:trends -->',
  ].join('\n');
  writeBenchSection('trends', section);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
