/**
 * buildReport and the SUP/RPT rules on a large registry (100,000 people, 150,000 support rows by
 * default): typed records built in memory, so only the report and the rules are timed (the file
 * read is bench/validate.ts's, the parse bench/rules.ts's). Prints wall and CPU time, best of 5.
 * Run: `npm run bench -- report` or `npx tsx bench/report.ts [people]`.
 */
import { loadavg } from 'node:os';
import type { RegistryRecord, SupportRecord } from '../src/domain/model';
import { buildReport } from '../src/domain/report';
import { reportSheetGrid } from '../src/domain/reportSheet';
import { RPT_RULES } from '../src/domain/rules/rpt';
import { SUP_RULES } from '../src/domain/rules/sup';
import { getProfile } from '../src/profiles';
import { contextFor, metaFor, person, support } from '../test/domain/reportFixtures';

const people = Number(process.argv[2] ?? 100_000);
const profile = getProfile('bac-ninh-2017')!;
const DAY = 86_400_000;
const start = Date.UTC(2019, 0, 1);
const channels = ['handover', 'self_return', 'rescued', 'self_report', 'foreign_victim'];
const statuses = ['identified', 'identified', 'pending', 'not_victim'] as const;
const types = ['essential_travel', 'medical', 'psychological', 'legal_aid'];

const registry: RegistryRecord[] = [];
const log: SupportRecord[] = [];
for (let i = 0; i < people; i++) {
  const received = new Date(start + (i % 700) * DAY);
  const status = statuses[i % 4];
  registry.push(
    person({
      row0: i + 1,
      case_id: `BN-TS-${2019 + Math.floor((i % 700) / 365)}-${String(i + 1).padStart(6, '0')}`,
      sex: i % 3 === 2 ? 'male' : 'female',
      age_at_receipt: i % 53 === 0 ? null : 10 + (i % 50),
      received_date: received,
      receipt_channel: channels[i % 5],
      verification_status: status,
      verification_date: status === 'pending' ? null : new Date(received.getTime() + (1 + (i % 15)) * DAY),
      child_referral: i % 2 === 0 ? 'yes' : 'no',
      support_needs: types.slice(0, i % 3),
    }),
  );
  for (let k = 0; k < (i % 2) + 1; k++) {
    const date = new Date(received.getTime() + (k * 7 + (i % 5)) * DAY).toISOString().slice(0, 10);
    log.push(support(registry[i].case_id, types[(i + k) % 2], date, 500_000));
  }
}

function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1000 };
}

function best(fn: () => void, runs = 5): { wall: number; cpu: number } {
  fn(); // warm-up (JIT)
  const all = Array.from({ length: runs }, () => timed(fn));
  return { wall: Math.min(...all.map((x) => x.wall)), cpu: Math.min(...all.map((x) => x.cpu)) };
}

const report = buildReport(registry, log, profile, 2019, 3);
const meta = metaFor(profile, 2019, 3);
const grid = reportSheetGrid(profile, meta, report);
const r = best(() => buildReport(registry, log, profile, 2019, 3));
let findings = 0;
// A fresh context each run: the SUP rules link support rows to persons once per parsed workbook.
const rules = best(() => {
  const ctx = contextFor(profile, meta, registry, log, report, grid);
  findings = [...SUP_RULES, ...RPT_RULES].reduce((n, rule) => n + rule.check(ctx).length, 0);
});
const load = loadavg()[0].toFixed(1);
console.log(`people=${people} support=${log.length} buildReport: wall ${r.wall.toFixed(0)} ms, cpu ${r.cpu.toFixed(0)} ms`);
console.log(`SUP+RPT rules: wall ${rules.wall.toFixed(0)} ms, cpu ${rules.cpu.toFixed(0)} ms, findings ${findings}`);
console.log(`(best of 5 after a warm-up; load average ${load}; ${new Date().toISOString().slice(0, 16)} UTC)`);
