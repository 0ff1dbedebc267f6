/**
 * The command line as a user calls it in a project checkout (`node bin/vr.js …`, as the README
 * shows): whole-process wall time, CPU time (user + system, all threads) and peak RSS of the
 * commands whose start-up a clerk waits for. Goals: `vr units --province 56` ≤ 0.3 s and
 * `vr new` ≤ 0.5 s, whole process. Runs the built CLI (dist/, `npm run build:node` first);
 * each command is run once to warm the file cache, then measured 7 times; the median is shown.
 * Writes its section of bench/README.md.
 *
 * Run: `npm run bench -- cli` or `npx tsx bench/cli.ts`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBenchSection } from './readme';

const ROOT = path.resolve(__dirname, '..');
const VR = path.join(ROOT, 'bin', 'vr.js');
const RUNS = 7;

interface Run {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** One whole process under /usr/bin/time: wall from spawn to exit, CPU and peak RSS from the kernel. */
function once(args: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, VR, ...args], { cwd: ROOT, encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`vr ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: last[0] + last[1], rssMb: last[2] / 1024 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(args: string[]): { wall: number; cpu: number; rssMb: number; walls: number[] } {
  once(args);
  const runs = Array.from({ length: RUNS }, () => once(args));
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMb: median(runs.map((r) => r.rssMb)), walls: runs.map((r) => r.wall) };
}

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('run `npm run build:node` first');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-bench-cli-'));
  const load0 = os.loadavg()[0];
  const commands: { label: string; args: string[]; goal: number }[] = [
    { label: '`vr units --profile vn-2025 --province 56` (Khánh Hoà, 65 communes)', args: ['units', '--profile', 'vn-2025', '--province', '56'], goal: 0.3 },
    { label: '`vr new --profile vn-2025 --unit 22366` (Phường Nha Trang)', args: ['new', '--profile', 'vn-2025', '--unit', '22366', '--force', '-o', path.join(out, 'new-vn.xlsx')], goal: 0.5 },
    { label: '`vr new` (defaults: Bắc Ninh 2017–2020, BN-TS)', args: ['new', '--force', '-o', path.join(out, 'new-bn.xlsx')], goal: 0.5 },
  ];
  const rows = commands.map((c) => ({ ...c, ...measure(c.args) }));
  const load1 = os.loadavg()[0];
  fs.rmSync(out, { recursive: true, force: true });
  const cpuModel = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const s = (x: number) => `${x.toFixed(2)} s`;
  const section = [
    '<!-- bench:cli -->',
    '## The command line, whole process (bench/cli.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${cpuModel}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM; Node ${process.version}; load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after.`,
    `\`node bin/vr.js …\` on the built CLI (dist/), as the README calls it in a checkout (\`npx vr\` adds npm's own start-up, about 2 s). Wall = spawn to exit; CPU = user + system of every thread (the compiler and GC threads run beside the main one, so CPU can exceed wall); RSS = peak. One warm-up run, then ${RUNS} runs; medians.`,
    '',
    '| command | wall | CPU | peak RSS | goal (wall) | |',
    '|---|---:|---:|---:|---:|:---:|',
    ...rows.map((r) => `| ${r.label} | ${s(r.wall)} | ${s(r.cpu)} | ${r.rssMb.toFixed(0)} MB | ≤ ${r.goal} s | ${r.wall <= r.goal ? 'met' : 'missed'} |`),
    '',
    `Runs (wall): ${rows.map((r) => `${r.args[0]} ${r.walls.map((w) => w.toFixed(2)).join(', ')}`).join('; ')}.`,
    '<!-- /bench:cli -->',
  ].join('\n');
  console.log(section);
  writeBenchSection('cli', section);
}

main();
