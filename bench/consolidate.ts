/**
 * Consolidation of a whole province: 700 commune workbooks (two-level government since 1/7/2025
 * has about 100 communes per province, so 700 is a generous upper bound) of 20–50 people each,
 * into one consolidated workbook. Target: < 60 s and < 2 GiB peak RSS on the 2-core box.
 *
 * Run: `npm run bench -- consolidate` or `npx tsx bench/consolidate.ts [units]`. The unit
 * workbooks are generated once into bench/out/consolidate-N/ (the sample generator, a synthetic
 * profile built here) and reused; the measured run is a separate process so its peak RSS is the
 * consolidation's alone. Writes its section of bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consolidateToFile, type UnitInput } from '../src/inbox/consolidate';
import { readWorkbookFile } from '../src/xlsx/read';
import { QUARTER, YEAR, benchProfile, ensureInputs } from './benchProvince';
import { writeBenchSection } from './readme';

const ROOT = path.resolve(__dirname, '..');




interface Measured {
  extract_ms: number;
  write_ms: number;
  total_ms: number;
  rss_mb: number;
  /** User + system CPU of the process: on a box shared with other jobs, wall time is noisy. */
  cpu_s: number;
  units: number;
  cases: number;
  out_mb: number;
}

/** The measured process: consolidation only. */
async function measure(n: number, dir: string, out: string, limit = n): Promise<void> {
  const profile = benchProfile(n);
  const files = profile.units.slice(0, limit).map((u) => path.join(dir, `${u.code}.xlsx`));
  const inputs: UnitInput[] = files.map((file) => ({ label: file, load: () => readWorkbookFile(file) }));
  const t0 = performance.now();
  let extracted = t0;
  const result = await consolidateToFile(profile, YEAR, QUARTER, inputs, out, {
    onProgress: (done) => {
      if (done === files.length) extracted = performance.now();
    },
  });
  const t1 = performance.now();
  const m: Measured = {
    extract_ms: extracted - t0,
    write_ms: t1 - extracted,
    total_ms: t1 - t0,
    rss_mb: process.resourceUsage().maxRSS / 1024,
    cpu_s: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    units: result.units,
    cases: result.cases,
    out_mb: fs.statSync(out).size / 2 ** 20,
  };
  console.log(JSON.stringify(m));
}

function writeSection(n: number, inputsMb: number, m: Measured): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const ok = m.total_ms < 60_000 && m.rss_mb < 2048;
  const section = [
    '<!-- bench:consolidate -->',
    '## Consolidated workbook (bench/consolidate.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, shared with other jobs; Node ${process.version}.`,
    `Input: ${n} commune workbooks (synthetic profile \`bench-${n}\` built in the bench on vn-2025's rules; \`generateSample\`, 20–50 people each, Q${QUARTER} ${YEAR}), ${inputsMb.toFixed(0)} MB in all.`,
    'One process, files read one at a time with the streaming reader (`readWorkbookFile`), each parsed and its report recomputed (`buildReport`), only figures and de-identified rows kept; then the streaming exceljs writer. RSS = peak of that process (`process.resourceUsage().maxRSS`).',
    '',
    '| units | cases | read + parse + report | write | total (wall) | CPU (user + sys) | peak RSS | output | target (< 60 s, < 2 GiB) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|:---:|',
    `| ${m.units} | ${m.cases.toLocaleString('en-US')} | ${(m.extract_ms / 1000).toFixed(1)} s | ${(m.write_ms / 1000).toFixed(1)} s | ${(m.total_ms / 1000).toFixed(1)} s | ${m.cpu_s.toFixed(1)} s | ${m.rss_mb.toFixed(0)} MB | ${m.out_mb.toFixed(1)} MB | ${ok ? 'met' : 'NOT met'} |`,
    '',
    `Load average during the run: ${os.loadavg()[0].toFixed(1)} (other jobs on the same 2 cores), so wall time is an upper bound; CPU time is what the work costs.`,
    '<!-- /bench:consolidate -->',
  ].join('\n');
  writeBenchSection('consolidate', section);
}

async function main(): Promise<void> {
  const n = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 700;
  const dir = path.join(ROOT, 'bench', 'out', `consolidate-${n}`);
  const profile = benchProfile(n);
  console.log(`consolidate: ${n} unit workbooks in ${path.relative(ROOT, dir)}`);
  const files = await ensureInputs(profile, dir);
  const inputsMb = files.reduce((s, f) => s + fs.statSync(f).size, 0) / 2 ** 20;
  const out = path.join(ROOT, 'bench', 'out', `consolidated-${n}.xlsx`);
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const text = execFileSync(tsx, [__filename, '--measure', String(n), dir, out], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const m = JSON.parse(text.trim().split('\n').pop() as string) as Measured;
  console.log(m);
  writeSection(n, inputsMb, m);
  if (m.total_ms >= 60_000 || m.rss_mb >= 2048) process.exitCode = 1;
}

if (process.argv[2] === '--measure') {
  measure(Number(process.argv[3]), process.argv[4], process.argv[5], process.argv[6] ? Number(process.argv[6]) : undefined).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
