/**
 * `vr export --format htcds`, two measurements (docs/htcds.md). Writes its section of
 * bench/README.md.
 *
 * 1. **Detail kept**, on 4 units × 150 rows of `vr sample` data (BN-TS, BN-TP, BN-TD, BN-YP,
 *    seeds 1–4, workbooks of 2020 Q4; the data of issue 21): the share of cases whose type of
 *    exploitation, citizenship and trafficking status are written at full detail, and the
 *    smallest class over every written column but the status (support types included), before
 *    (the former greedy Datafly steps over five quasi-identifiers, rebuilt here as the baseline)
 *    and after (the optimal lattice search over every written column, per quarter, l = 2), for
 *    the year's file and the Q4 file. "After" figures are read back from the written .xlsx.
 * 2. **Cost at province scale**: the 700 commune workbooks of bench/consolidate.ts, the whole year
 *    2025, k = 11, in a separate process so that its peak RSS is the export's alone.
 *
 * Run: `npm run bench -- export` or `npx tsx bench/export.ts [units]`.
 */
import '../src/profiles/officialAll';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { generateSample } from '../src/domain/sample';
import { htcdsCases, type HtcdsCase } from '../src/domain/htcds';
import { inPeriod, periodOf } from '../src/domain/period';
import { findUnit, getProfile } from '../src/profiles';
import type { UnitInput } from '../src/inbox/consolidate';
import { CASE_SHEET, exportHtcds, SUPPORT_SHEET } from '../src/inbox/htcdsExport';
import { parseWorkbook } from '../src/domain/parse';
import { readWorkbookBuffer, readWorkbookFile } from '../src/xlsx/read';
import { templateToBuffer, writeFileAtomic } from '../src/xlsx/write';
import { YEAR, benchProfile, ensureInputs } from './benchProvince';
import { writeBenchSection } from './readme';

const ROOT = path.resolve(__dirname, '..');
const K = 11;

interface Detail {
  label: string;
  cases: number;
  rows: number;
  exploitation: number;
  citizenship: number;
  status: number;
  smallest: number;
  underK: number;
  classes: number;
  ms: number;
}

// ---------------------------------------------------------------------------------------------
// The baseline: greedy Datafly steps over sex, age group, nationality, purpose and province, as
// the export made them before (the quasi-identifier with the most distinct values generalised one
// level while more than 5 % of rows sit in classes under k; then those rows suppressed). The file
// it wrote also held the deciding body and the support types received.

type Level = (c: HtcdsCase) => string;
const BASELINE: { name: string; levels: Level[] }[] = [
  { name: 'age', levels: [(c) => c.ageGroup, (c) => (c.ageGroup === 'Under16' || c.ageGroup === '16to17' ? 'Minor' : 'Adult'), () => ''] },
  { name: 'nationality', levels: [(c) => c.citizenship ?? '', (c) => (c.citizenship === 'VN' ? 'VN' : 'Foreign'), () => ''] },
  { name: 'purpose', levels: [(c) => c.exploitation ?? '', () => ''] },
  { name: 'sex', levels: [(c) => c.sex ?? '', () => ''] },
  { name: 'province', levels: [(c) => c.province, () => ''] },
];

function baseline(cases: HtcdsCase[], label: string): Detail {
  const t0 = performance.now();
  const levels = BASELINE.map(() => 0);
  const allowed = Math.floor(cases.length * 0.05);
  const keyOf = (c: HtcdsCase) => BASELINE.map((q, i) => q.levels[levels[i]](c)).join('|');
  let sizes = new Map<string, number>();
  for (;;) {
    sizes = new Map();
    for (const c of cases) sizes.set(keyOf(c), (sizes.get(keyOf(c)) ?? 0) + 1);
    const small = cases.filter((c) => sizes.get(keyOf(c))! < K).length;
    const open = BASELINE.map((q, i) => (levels[i] < q.levels.length - 1 ? i : -1)).filter((i) => i >= 0);
    if (small <= allowed || open.length === 0) break;
    let best = open[0];
    let most = -1;
    for (const i of open) {
      const distinct = new Set(cases.map((c) => BASELINE[i].levels[levels[i]](c))).size;
      if (distinct > most) [best, most] = [i, distinct];
    }
    levels[best]++;
  }
  const kept = cases.filter((c) => sizes.get(keyOf(c))! >= K);
  const ms = performance.now() - t0;
  // Classes over what the file wrote: the five QIs, the deciding body, the support types.
  const written = new Map<string, number>();
  for (const c of kept) {
    const key = `${keyOf(c)}|${c.decisionOrg ?? ''}|${c.support.join(';')}`;
    written.set(key, (written.get(key) ?? 0) + 1);
  }
  const exact = (i: number) => (levels[i] === 0 ? kept.length : 0);
  return {
    label,
    cases: cases.length,
    rows: kept.length,
    exploitation: exact(2),
    citizenship: exact(1),
    status: kept.length,
    smallest: Math.min(...written.values()),
    underK: [...written.values()].filter((n) => n < K).reduce((a, b) => a + b, 0),
    classes: written.size,
    ms,
  };
}

/** The figures of an exported file, read back from the .xlsx. */
async function afterOf(buffer: Buffer, cases: number, label: string, ms: number): Promise<Detail> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(CASE_SHEET)!;
  const fields = (ws.getRow(1).values as unknown[]).slice(2).map(String);
  const support = new Map<number, string[]>();
  const sp = wb.getWorksheet(SUPPORT_SHEET)!;
  for (let r = 3; r <= sp.rowCount; r++) {
    const n = Number(sp.getCell(r, 2).value);
    support.set(n, [...(support.get(n) ?? []), String(sp.getCell(r, 3).value)]);
  }
  const classes = new Map<string, number>();
  let exploitation = 0;
  let citizenship = 0;
  let status = 0;
  for (let r = 3; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    const row = Object.fromEntries(fields.map((f, i) => [f, values[i + 2] ?? '']));
    const withheld = String(row.vn_Withheld).split('; ');
    if (!withheld.includes('vic_TypeOfExploitation')) exploitation++;
    if (!withheld.includes('prs_Citizenship')) citizenship++;
    if (!withheld.includes('vic_TraffickingStatus')) status++;
    const key = JSON.stringify([...fields.filter((f) => f !== 'vic_TraffickingStatus').map((f) => row[f]), (support.get(Number(values[1])) ?? []).sort()]);
    classes.set(key, (classes.get(key) ?? 0) + 1);
  }
  return {
    label,
    cases,
    rows: ws.rowCount - 2,
    exploitation,
    citizenship,
    status,
    smallest: Math.min(...classes.values()),
    underK: [...classes.values()].filter((n) => n < K).reduce((a, b) => a + b, 0),
    classes: classes.size,
    ms,
  };
}

async function detailKept(): Promise<Detail[]> {
  const profile = getProfile('bac-ninh-2017')!;
  const span = { start: periodOf(profile, 2020, 1).start, end: periodOf(profile, 2020, 4).end };
  const buffers: Buffer[] = [];
  const cases: HtcdsCase[] = [];
  for (const [unit, seed] of [['BN-TS', 1], ['BN-TP', 2], ['BN-TD', 3], ['BN-YP', 4]] as const) {
    const bytes = await templateToBuffer(generateSample({ rows: 150, seed, profile, unit: findUnit(profile, unit)!, year: 2020, quarter: 4 }).spec);
    buffers.push(bytes);
    const parsed = parseWorkbook(await readWorkbookBuffer(bytes), profile);
    cases.push(...htcdsCases(parsed.registry.records, parsed.support.records, profile, profile.province_code, (r) => inPeriod(r.received_date, span)));
  }
  const inputs = (): UnitInput[] => buffers.map((b, i) => ({ label: `u${i}`, load: () => readWorkbookBuffer(b) }));
  const out: Detail[] = [baseline(cases, 'before, year 2020'), baseline(cases.filter((c) => c.quarter === 4), 'before, Q4 2020')];
  for (const quarter of [null, 4]) {
    const t0 = performance.now();
    const r = await exportHtcds(profile, { year: 2020, quarter, k: K }, inputs());
    const ms = performance.now() - t0;
    out.push(await afterOf(r.buffer, r.consented - r.merged, quarter === null ? 'after, year 2020' : 'after, Q4 2020', ms));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Province scale.

interface Measured {
  total_ms: number;
  rss_mb: number;
  cpu_s: number;
  consented: number;
  merged: number;
  rows: number;
  suppressed: number;
  out_kb: number;
}

async function measure(n: number, dir: string, out: string): Promise<void> {
  const profile = benchProfile(n);
  const inputs: UnitInput[] = profile.units.map((u) => ({ label: u.code, load: () => readWorkbookFile(path.join(dir, `${u.code}.xlsx`)) }));
  const t0 = performance.now();
  const result = await exportHtcds(profile, { year: YEAR, quarter: null, k: K }, inputs);
  await writeFileAtomic(out, result.buffer);
  const m: Measured = {
    total_ms: performance.now() - t0,
    rss_mb: process.resourceUsage().maxRSS / 1024,
    cpu_s: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    consented: result.consented,
    merged: result.merged,
    rows: result.rows,
    suppressed: result.suppressed,
    out_kb: fs.statSync(out).size / 1024,
  };
  console.log(JSON.stringify(m));
}

const pct = (n: number, d: number): string => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);

function writeSection(n: number, m: Measured, detail: Detail[]): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    '<!-- bench:export -->',
    '## HTCDS export (bench/export.ts)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the project box: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, shared with other jobs (load average ${os.loadavg()[0].toFixed(1)} at the end); Node ${process.version}.`,
    '',
    `**Detail kept**, k = ${K}, on 4 units × 150 rows of \`vr sample\` data (BN-TS, BN-TP, BN-TD, BN-YP, seeds 1–4, the 2020 Q4 workbooks; cases received in 2020, consented). "Before" is the former greedy Datafly recoding over sex, age group, nationality, purpose and province; "after" is the optimal lattice search over every written column, per quarter received, with the status 2-diverse, read back from the written file. Shares are of the cases (after merging people registered twice); a field "kept" is written at full detail, neither coarsened, withheld nor suppressed. Classes are over every written column but the trafficking status, support types included.`,
    '',
    '| file | cases | rows written | type of exploitation kept | citizenship kept | status kept | classes | smallest class | rows in classes < k | anonymisation + file |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...detail.map(
      (d) =>
        `| ${d.label} | ${d.cases} | ${d.rows} | ${d.exploitation} (${pct(d.exploitation, d.cases)}) | ${d.citizenship} (${pct(d.citizenship, d.cases)}) | ${d.status} (${pct(d.status, d.cases)}) | ${d.classes} | ${d.smallest} | ${d.underK} | ${(d.ms / 1000).toFixed(2)} s |`,
    ),
    '',
    'Why not more: each quarter received is anonymised on its own (so that a quarter’s file cannot be subtracted from the year’s); on this data Q1–Q3 of 2020 hold 20–31 cases each, too few to write a type of exploitation in classes of 11, while Q4 (316 cases) keeps it for nearly all. In `vr sample` data a purpose is recorded only for identified victims, so a class with a known type of exploitation holds one status: l = 2 withholds the status there (the weights, `LOSS_WEIGHTS` in src/domain/htcdsRows.ts, put the type of exploitation and citizenship first).',
    '',
    `**Cost at province scale**: the ${n} workbooks of bench/consolidate.ts (20–50 people each); \`exportHtcds\` for the whole year ${YEAR}, k = ${K}, files read one at a time with the streaming reader, people matched across units, each quarter anonymised, then the .xlsx written. RSS = peak of that process.`,
    '',
    '| units | consented cases | merged (same person) | exported | suppressed | total (wall) | CPU | peak RSS | output |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${n} | ${m.consented.toLocaleString('en-US')} | ${m.merged} | ${m.rows.toLocaleString('en-US')} | ${m.suppressed} | ${(m.total_ms / 1000).toFixed(1)} s | ${m.cpu_s.toFixed(1)} s | ${m.rss_mb.toFixed(0)} MB | ${m.out_kb.toFixed(0)} KB |`,
    '',
    'Before (greedy recoding over five quasi-identifiers, no matching of people across units), the same run measured 23.4 s wall, 9.2 s CPU and 585 MB (30/11/2026, load average 25.5): the optimal search and the match keys held in memory (about 25 forms of the name per case, never written) cost CPU time and some memory, not wall time that matters for a yearly file.',
    '',
    'The box is shared with other jobs (2 cores), so wall time is an upper bound; CPU time is what the work costs.',
    '<!-- /bench:export -->',
  ].join('\n');
  writeBenchSection('export', section);
}

async function main(): Promise<void> {
  const n = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 700;
  const detail = await detailKept();
  console.table(detail);
  const dir = path.join(ROOT, 'bench', 'out', `consolidate-${n}`);
  await ensureInputs(benchProfile(n), dir);
  const out = path.join(ROOT, 'bench', 'out', `htcds-${n}.xlsx`);
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const text = execFileSync(tsx, [__filename, '--measure', String(n), dir, out], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const m = JSON.parse(text.trim().split('\n').pop() as string) as Measured;
  console.log(m);
  writeSection(n, m, detail);
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
