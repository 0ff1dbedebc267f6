/**
 * `vr export --format htcds` over a whole province: the 700 commune workbooks of
 * bench/consolidate.ts (same synthetic profile, generator and seeds; generated once into
 * bench/out/consolidate-700/ and shared with that bench), whole year 2025, k = 11. The measured
 * run is a separate process, so its peak RSS is the export's alone. Writes its section of
 * bench/README.md.
 *
 * Run: `npm run bench -- export` or `npx tsx bench/export.ts [units]`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitInput } from '../src/inbox/consolidate';
import { exportHtcds } from '../src/inbox/htcdsExport';
import { readWorkbookFile } from '../src/xlsx/read';
import { writeFileAtomic } from '../src/xlsx/write';
import { YEAR, benchProfile, ensureInputs } from './benchProvince';
import { writeBenchSection } from './readme';

const ROOT = path.resolve(__dirname, '..');



interface Measured {
  total_ms: number;
  rss_mb: number;
  cpu_s: number;
  consented: number;
  rows: number;
  suppressed: number;
  levels: Record<string, number>;
  out_kb: number;
}

async function measure(n: number, dir: string, out: string): Promise<void> {
  const profile = benchProfile(n);
  const inputs: UnitInput[] = profile.units.map((u) => ({ label: u.code, load: () => readWorkbookFile(path.join(dir, `${u.code}.xlsx`)) }));
  const t0 = performance.now();
  const result = await exportHtcds(profile, { year: YEAR, quarter: null, k: 11 }, inputs);
  await writeFileAtomic(out, result.buffer);
  const m: Measured = {
    total_ms: performance.now() - t0,
    rss_mb: process.resourceUsage().maxRSS / 1024,
    cpu_s: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    consented: result.consented,
    rows: result.rows,
    suppressed: result.suppressed,
    levels: result.levels,
    out_kb: fs.statSync(out).size / 1024,
  };
  console.log(JSON.stringify(m));
}

function writeSection(n: number, m: Measured): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    '<!-- bench:export -->',
    '## HTCDS export (bench/export.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, shared with other jobs (load average ${os.loadavg()[0].toFixed(1)} at the end); Node ${process.version}.`,
    `Input: the ${n} workbooks of bench/consolidate.ts (20–50 people each); \`exportHtcds\` for the whole year ${YEAR}, k = 11, files read one at a time with the streaming reader, then the .xlsx written. RSS = peak of that process.`,
    '',
    '| units | consented cases | exported | suppressed | generalised (level per QI) | total (wall) | CPU | peak RSS | output |',
    '|---:|---:|---:|---:|---|---:|---:|---:|---:|',
    `| ${n} | ${m.consented.toLocaleString('en-US')} | ${m.rows.toLocaleString('en-US')} | ${m.suppressed} | ${Object.entries(m.levels).map(([k, v]) => `${k} ${v}`).join(', ')} | ${(m.total_ms / 1000).toFixed(1)} s | ${m.cpu_s.toFixed(1)} s | ${m.rss_mb.toFixed(0)} MB | ${m.out_kb.toFixed(0)} KB |`,
    '',
    'The box is shared with other jobs (2 cores), so wall time is an upper bound; CPU time is what the work costs.',
    '<!-- /bench:export -->',
  ].join('\n');
  writeBenchSection('export', section);
}

async function main(): Promise<void> {
  const n = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 700;
  const dir = path.join(ROOT, 'bench', 'out', `consolidate-${n}`);
  await ensureInputs(benchProfile(n), dir);
  const out = path.join(ROOT, 'bench', 'out', `htcds-${n}.xlsx`);
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const text = execFileSync(tsx, [__filename, '--measure', String(n), dir, out], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const m = JSON.parse(text.trim().split('\n').pop() as string) as Measured;
  console.log(m);
  writeSection(n, m);
}

if (process.argv[2] === '--measure') {
  measure(Number(process.argv[3]), process.argv[4], process.argv[5]).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
