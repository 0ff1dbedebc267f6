/**
 * `vr validate` on real .xlsx files of 1k, 10k and 100k registry rows (synthetic, `vr sample`
 * data with one planted fault per rule): the file read, the rules + report, the whole command
 * and its peak memory, each size in a fresh process. Targets: rules + report for 100k
 * rows under 1 s and under 25 % of the whole validate; peak memory under 1 GiB.
 * Run: `npm run bench -- validate` or `npx tsx bench/validate.ts [rows…]`. Writes its section of
 * bench/README.md.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkWorkbook } from '../src/domain/check';
import { generateSample } from '../src/domain/sample';
import { findUnit, getProfile } from '../src/profiles';
import { readWorkbookFile } from '../src/xlsx/read';
import { writeTemplateFile } from '../src/xlsx/write';
import { ensureBuilt } from '../test/cli/helpers';
import { writeBenchSection } from './readme';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out');
const TODAY = new Date(Date.UTC(2021, 0, 15));

interface Inner {
  read_ms: number;
  check_ms: number;
  /** CPU time (user + system) of each phase: less sensitive than wall time to a busy box. */
  read_cpu_ms: number;
  check_cpu_ms: number;
  rss_mb: number;
  findings: number;
}

/** In a child process: read, then check (parse + every rule + report), timed apart. */
async function measureInner(file: string): Promise<void> {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const [t0, c0] = [performance.now(), cpu()];
  const model = await readWorkbookFile(file, { maxBytes: 1024 * 1024 * 1024 });
  const [t1, c1] = [performance.now(), cpu()];
  const { findings } = checkWorkbook(model, { today: TODAY });
  const [t2, c2] = [performance.now(), cpu()];
  const out: Inner = { read_ms: t1 - t0, check_ms: t2 - t1, read_cpu_ms: c1 - c0, check_cpu_ms: c2 - c1, rss_mb: process.resourceUsage().maxRSS / 1024, findings: findings.length };
  process.stdout.write(JSON.stringify(out) + '\n');
}

async function ensureSample(rows: number): Promise<string> {
  const file = path.join(OUT, `validate-${rows}.xlsx`);
  if (fs.existsSync(file)) return file;
  const profile = getProfile('bac-ninh-2017')!;
  const unit = findUnit(profile, 'BN-TS')!;
  const t = performance.now();
  const { spec } = generateSample({ rows, seed: 7, profile, unit, year: 2020, quarter: 3, errors: true });
  await writeTemplateFile(spec, file);
  console.log(`  sample ${rows} rows written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return file;
}

function inner(file: string): Inner {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const out = execFileSync(tsx, [__filename, '--measure', file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Inner;
}

/** The whole command as a user runs it: wall time and peak RSS from /usr/bin/time. */
function whole(file: string): { wall_s: number; rss_mb: number; exit: number } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, path.join(ROOT, 'bin', 'vr.js'), 'validate', file, '--json', '--today', '2021-01-15'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, VR_MAX_FILE_MB: '1024' },
  });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`vr validate failed: ${r.stderr.slice(0, 500)}`);
  return { wall_s: Number(m[1]), rss_mb: Number(m[2]) / 1024, exit: r.status ?? -1 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rowsList = sizes.length ? sizes : [1_000, 10_000, 100_000];
  fs.mkdirSync(OUT, { recursive: true });
  ensureBuilt();
  const lines: string[] = [];
  for (const rows of rowsList) {
    const file = await ensureSample(rows);
    const runs = rows >= 100_000 ? 1 : 3;
    const inners: Inner[] = [];
    const wholes: ReturnType<typeof whole>[] = [];
    for (let i = 0; i < runs; i++) {
      inners.push(inner(file));
      wholes.push(whole(file));
    }
    const read = median(inners.map((x) => x.read_ms)) / 1000;
    const check = median(inners.map((x) => x.check_ms)) / 1000;
    const wall = median(wholes.map((x) => x.wall_s));
    const rss = Math.max(...wholes.map((x) => x.rss_mb));
    const size = fs.statSync(file).size / (1024 * 1024);
    const readCpu = median(inners.map((x) => x.read_cpu_ms)) / 1000;
    const checkCpu = median(inners.map((x) => x.check_cpu_ms)) / 1000;
    const load = os.loadavg()[0].toFixed(1);
    const line = `| ${rows.toLocaleString('en-US')} | ${size.toFixed(1)} MB | ${read.toFixed(2)} s (${readCpu.toFixed(2)}) | ${check.toFixed(3)} s (${checkCpu.toFixed(3)}) | ${wall.toFixed(2)} s | ${((100 * check) / wall).toFixed(1)} % | ${rss.toFixed(0)} MB | ${inners[0].findings} | ${runs} | ${load} |`;
    console.log(line);
    lines.push(line);
  }
  writeSection(lines);
}

function writeSection(lines: string[]): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    '<!-- bench:validate -->',
    '## vr validate on .xlsx files (bench/validate.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, shared with other jobs; Node ${process.version}.`,
    'Input: `vr sample --rows N --seed 7 --errors` (Bắc Ninh, BN-TS, Q3 2020; the support log has about 1.5 rows per person).',
    'Read = guards + lean streaming scanner (src/xlsx/sheetXml.ts) to the sheet model; rules + report = `checkWorkbook` (parse, every rule, buildReport); whole = `vr validate --json` wall time (process start, read, check, JSON out); RSS = peak of the whole command (`/usr/bin/time`). Median of 3 runs (1 run at 100k).',
    '',
    '| rows | file | read, wall (CPU) | rules + report, wall (CPU) | whole vr validate | rules share | peak RSS | findings | runs | load avg |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
    '',
    'Targets: rules + report for 100k rows < 1 s and < 25 % of the whole command; peak memory < 1 GiB.',
    '',
    'Notes (30/11/2026, 05:20 UTC; the box was shared with seven other jobs, load average 10–16 while measuring, so',
    'wall times are inflated: the CPU columns are the steadier figure):',
    '- What changed since 23/11: the support log now gets REG-01..04, the registry REG-11, every text cell FMT-08, the',
    '  report FMT-05 and RPT-09; buildReport names the rows it leaves out and computes 6.x year to date; findings',
    '  are sorted registry/support errors first. The sample plants each new finding (50 findings instead of 43).',
    '- Rules + report at 100k rows: 2.1 s CPU (2.8 s on 23/11 at load ≈2, before these rules, with a support log of',
    '  ≈250k rows); not < 1 s, and 43 % of the whole command (target < 25 %: not met), because the read is fast.',
    '- Peak memory is met (≈440 MB at 100k rows). A first run today gave 71,250 findings and 780 MB at 100k rows:',
    '  the sample numbers cases per year, so past 9,999 a year the numbers have 5 digits, which REG-11 first',
    '  flagged; REG-11 now takes 4 or more digits (the 10,000th case of a year is …-10000).',
    '- The read is a small sheet-XML scanner (src/xlsx/sheetScan.ts over yauzl + zlib), not exceljs (114.8 s on the',
    '  same 100k-row file in an earlier run, and it corrupted Vietnamese characters split across chunks).',
    '<!-- /bench:validate -->',
  ].join('\n');
  writeBenchSection('validate', section);
}

if (process.argv[2] === '--measure') {
  void measureInner(process.argv[3]);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
