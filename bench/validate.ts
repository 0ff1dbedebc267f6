/**
 * `vr validate` on real .xlsx files of 1k, 10k and 100k registry rows (synthetic, `vr sample`
 * data with one planted fault per rule), each size in fresh processes running the built CLI
 * (`dist/`, as users run it):
 * - read + parse: the guards and the one streaming pass that turns the sheets into typed records
 *   (`readParsedWorkbookFile`); the parse alone is timed on the grid path (`readWorkbookFile`,
 *   then `parseWorkbook`), which makes the same records;
 * - rules + report: `checkParsed` (buildReport, every rule, the sort);
 * - whole: `vr validate --json` as a user runs it, wall time and peak RSS (`/usr/bin/time`);
 * - exceljs: a plain exceljs streaming read of the same file (every row of every sheet, nothing
 *   kept), one run, whole process: the yardstick of the ratio goal.
 * Goals at 100k rows: whole ≤ 0.15 × the exceljs read, peak RSS < 300 MiB, rules + report < 25 %
 * of the whole command.
 * Run: `npm run bench -- validate` or `npx tsx bench/validate.ts [rows…]`. Writes its section of
 * bench/README.md.
 */
import '../src/profiles/officialAll';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateSample } from '../src/domain/sample';
import { findUnit, getProfile } from '../src/profiles';
import { writeTemplateFile } from '../src/xlsx/write';
import { ensureBuilt } from '../test/cli/helpers';
import { writeBenchSection } from './readme';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out');
const TODAY = new Date(Date.UTC(2021, 0, 15));

interface Inner {
  /** Streaming read + parse, then rules + report (the path `vr validate` takes). */
  read_ms: number;
  check_ms: number;
  /** CPU time (user + system) of each phase: less sensitive than wall time to a busy box. */
  read_cpu_ms: number;
  check_cpu_ms: number;
  /** The parse alone, on the grid path (same records). */
  parse_ms: number;
  parse_cpu_ms: number;
  findings: number;
}

/** In a child process, on the built modules (dist/): the phases timed apart. */
async function measureInner(file: string): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  // The known plans and the official list, as `vr validate` loads them (the core reads them from
  // a registry the profiles fill): without them every file is refused as of an unknown plan.
  require(path.join(ROOT, 'dist', 'profiles', 'officialAll'));
  const read = require(path.join(ROOT, 'dist', 'xlsx', 'read')) as typeof import('../src/xlsx/read');
  const { checkParsed } = require(path.join(ROOT, 'dist', 'domain', 'check')) as typeof import('../src/domain/check');
  const { parseWorkbook } = require(path.join(ROOT, 'dist', 'domain', 'parse')) as typeof import('../src/domain/parse');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const opts = { maxBytes: 1024 * 1024 * 1024 };
  const [t0, c0] = [performance.now(), cpu()];
  const parsed = await read.readParsedWorkbookFile(file, opts);
  const [t1, c1] = [performance.now(), cpu()];
  const { findings } = checkParsed(parsed, { today: TODAY });
  const [t2, c2] = [performance.now(), cpu()];
  const model = await read.readWorkbookFile(file, opts);
  const [t3, c3] = [performance.now(), cpu()];
  parseWorkbook(model);
  const [t4, c4] = [performance.now(), cpu()];
  if (findings.some((f) => f.severity === 'fatal')) throw new Error(`the check refused the file: ${JSON.stringify(findings[0])}`);
  const out: Inner = { read_ms: t1 - t0, check_ms: t2 - t1, read_cpu_ms: c1 - c0, check_cpu_ms: c2 - c1, parse_ms: t4 - t3, parse_cpu_ms: c4 - c3, findings: findings.length };
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

/** A plain exceljs streaming read of the file, as its documentation shows it: every worksheet,
 *  every row, nothing kept. Whole process, like `whole`. */
const EXCELJS_READ = `
const ExcelJS = require('exceljs');
(async () => {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[1], { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let rows = 0;
  for await (const sheet of reader) for await (const row of sheet) rows += row.cellCount > 0 ? 1 : 0;
  console.log(rows);
})();`;

function exceljsRead(file: string): { wall_s: number; rss_mb: number; rows: number } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, '-e', EXCELJS_READ, file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m || r.status !== 0) throw new Error(`exceljs read failed: ${r.stderr.slice(0, 500)}`);
  return { wall_s: Number(m[1]), rss_mb: Number(m[2]) / 1024, rows: Number(r.stdout.trim()) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizes = args.map(Number).filter((n) => n > 0);
  const rowsList = sizes.length ? sizes : [1_000, 10_000, 100_000];
  fs.mkdirSync(OUT, { recursive: true });
  ensureBuilt();
  const lines: string[] = [];
  const ratios: string[] = [];
  for (const rows of rowsList) {
    const file = await ensureSample(rows);
    const runs = rows >= 100_000 ? 1 : 3;
    const inners: Inner[] = [];
    const wholes: ReturnType<typeof whole>[] = [];
    for (let i = 0; i < runs; i++) {
      inners.push(inner(file));
      wholes.push(whole(file));
    }
    const m = (f: (x: Inner) => number) => median(inners.map(f)) / 1000;
    const [read, check, parse] = [m((x) => x.read_ms), m((x) => x.check_ms), m((x) => x.parse_ms)];
    const [readCpu, checkCpu, parseCpu] = [m((x) => x.read_cpu_ms), m((x) => x.check_cpu_ms), m((x) => x.parse_cpu_ms)];
    const wall = median(wholes.map((x) => x.wall_s));
    const rss = Math.max(...wholes.map((x) => x.rss_mb));
    const size = fs.statSync(file).size / (1024 * 1024);
    const load = os.loadavg()[0].toFixed(1);
    const share = (100 * check) / wall;
    const withParse = (100 * (check + parse)) / wall;
    const line = `| ${rows.toLocaleString('en-US')} | ${size.toFixed(1)} MB | ${read.toFixed(2)} s (${readCpu.toFixed(2)}) | ${parse.toFixed(2)} s (${parseCpu.toFixed(2)}) | ${check.toFixed(3)} s (${checkCpu.toFixed(3)}) | ${wall.toFixed(2)} s | ${share.toFixed(1)} % (${withParse.toFixed(1)} %) | ${rss.toFixed(0)} MB | ${inners[0].findings} | ${runs} | ${load} |`;
    console.log(line);
    lines.push(line);
    if (rows >= 100_000 && !args.includes('--no-exceljs')) {
      const x = exceljsRead(file);
      const ratio = `| ${rows.toLocaleString('en-US')} | ${wall.toFixed(2)} s, ${rss.toFixed(0)} MB | ${x.wall_s.toFixed(1)} s, ${x.rss_mb.toFixed(0)} MB (${x.rows.toLocaleString('en-US')} rows) | ${(wall / x.wall_s).toFixed(3)} | ${os.loadavg()[0].toFixed(1)} |`;
      console.log(ratio);
      ratios.push(ratio);
    }
  }
  writeSection(lines, ratios);
}

function writeSection(lines: string[], ratios: string[]): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    '<!-- bench:validate -->',
    '## vr validate on .xlsx files (bench/validate.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, shared with other jobs; Node ${process.version}.`,
    'Input: `vr sample --rows N --seed 7 --errors` (Bắc Ninh, BN-TS, Q3 2020; the support log has about 1.5 rows per person).',
    'All phases run the built CLI modules (dist/). Read + parse = guards + the one streaming pass that turns the sheets into typed records (`readParsedWorkbookFile`); parse alone = `parseWorkbook` on the grid path (same records), shown for the split; rules + report = `checkParsed` (buildReport, every rule, the sort); whole = `vr validate --json` wall time (process start, read, check, JSON out); rules share = rules + report ÷ whole (in brackets with the parse counted as rules); RSS = peak of the whole command (`/usr/bin/time`). Median of 3 runs (1 run at 100k).',
    '',
    '| rows | file | read + parse, wall (CPU) | parse alone, wall (CPU) | rules + report, wall (CPU) | whole vr validate | rules share | peak RSS | findings | runs | load avg |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
    '',
    'Against a plain exceljs streaming read of the same file (`WorkbookReader`, every row of every sheet, nothing kept; whole process, one run):',
    '',
    '| rows | whole vr validate, peak RSS | exceljs streaming read, peak RSS | ratio | load avg |',
    '|---:|---:|---:|---:|---:|',
    ...ratios,
    '',
    'Goals at 100k rows: whole ≤ 0.15 × the exceljs read, peak RSS < 300 MiB, rules + report < 25 % of the whole command.',
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
